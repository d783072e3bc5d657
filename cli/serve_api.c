/*
** serve_api.c: the endpoints of 'rasoat serve' (docs/http.md). Each answer is what the
** CLI prints for the same input and options, made by the CLI's own code
** (classify_stream.h, explain_stream.h, report_request.h, rules_json.h).
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "explain_stream.h"
#include "io_error.h"
#include "report_request.h"
#include "rules_json.h"
#include "serve.h"

/* The reason of the system error 'errno' in 'lang', in 'buf'. */
static const char *sys_why(rasoat_lang lang, char *buf, size_t size)
{
    return cli_strerror(errno, lang, buf, size);
}

/* Queue 'len' bytes of 'text' (copied) with 'type' and 'status'. */
static enum MHD_Result queue_text(struct MHD_Connection *conn, unsigned status, const char *type,
                                  const char *text, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret;

    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Queue 'text' and a newline as application/json, as the CLI prints JSON. */
static enum MHD_Result queue_json_line(struct MHD_Connection *conn, unsigned status, const char *text, size_t len)
{
    char *line = (char *)malloc(len + 1);
    enum MHD_Result ret;

    if (line == NULL)
        return MHD_NO;
    memcpy(line, text, len);
    line[len] = '\n';
    ret = queue_text(conn, status, "application/json; charset=utf-8", line, len + 1);
    free(line);
    return ret;
}

/* Queue the whole of open file 'fd' (taken over) with 'type'; 'filename' for a download. */
static enum MHD_Result queue_fd(struct MHD_Connection *conn, int fd, const char *type, const char *filename,
                                const char *exit_status)
{
    struct stat st;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    char disposition[256];

    if (fstat(fd, &st) != 0 || (resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd)) == NULL) {
        close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (filename != NULL) {
        snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
        MHD_add_response_header(resp, "Content-Disposition", disposition);
    }
    if (exit_status != NULL)
        MHD_add_response_header(resp, "X-Rasoat-Exit", exit_status);
    ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* The error of a serve_rules_take that failed. */
static enum MHD_Result take_failed(serve_request *r, struct MHD_Connection *conn, serve_take t,
                                   const rasoat_error *err)
{
    r->kind = KIND_ANSWERED;
    if (t == SERVE_TAKE_NO_RULES)
        return serve_error_queue(conn, SERVE_NO_RULES, NULL, NULL, r->lang);
    if (t == SERVE_TAKE_CHANGED)
        return serve_error_queue(conn, SERVE_RULES_CHANGED, NULL, NULL, r->lang);
    return serve_error_queue(conn, SERVE_BAD_REQUEST, err->message, NULL, r->lang);
}

/* Lend the request an engine with its options. */
static serve_take take_engine(serve_request *r, rasoat_error *err)
{
    serve_key k;

    k.as_of = r->as_of;
    k.ruleset = r->ruleset;
    k.keep = r->keep;
    k.lang = r->lang;
    return serve_rules_take(r->srv->rules, &k, &r->lease, err);
}

enum MHD_Result serve_health(serve_request *r, struct MHD_Connection *conn)
{
    cJSON *root = cJSON_CreateObject();
    enum MHD_Result ret;
    char *text;

    if (root == NULL)
        return MHD_NO;
    cJSON_AddStringToObject(root, "schema", "rasoat.health/1");
    cJSON_AddStringToObject(root, "version", rasoat_version());
    serve_rules_health(r->srv->rules, root);
    text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (text == NULL)
        return MHD_NO;
    ret = queue_json_line(conn, MHD_HTTP_OK, text, strlen(text));
    cJSON_free(text);
    return ret;
}

enum MHD_Result serve_rules_get(serve_request *r, struct MHD_Connection *conn, const char *id)
{
    rasoat_error err;
    serve_take t;
    const char *text;
    char *copy = NULL;
    size_t len = 0;
    int status;
    enum MHD_Result ret;
    serve_key k = {NULL, NULL, NULL, RASOAT_LANG_VI};

    /* The command opens its engine with no options: so does this. */
    k.lang = r->lang;
    if ((t = serve_rules_take(r->srv->rules, &k, &r->lease, &err)) != SERVE_TAKE_OK)
        return take_failed(r, conn, t, &err);
    if (id == NULL) {
        pthread_mutex_lock(&r->srv->one_at_a_time);
        status = rules_list_json(r->lease.engine, &text, &len, &err);
        if (status == RASOAT_OK && (copy = (char *)malloc(len + 1)) != NULL)
            memcpy(copy, text, len);
        pthread_mutex_unlock(&r->srv->one_at_a_time);
        text = copy;
    } else {
        status = rasoat_rules_json(r->lease.engine, id, &text, &len, &err);
    }
    if (status != RASOAT_OK)
        ret = serve_error_queue(conn, id != NULL && status == RASOAT_E_USAGE ? SERVE_NOT_FOUND : SERVE_INTERNAL,
                                err.message, NULL, r->lang);
    else if (text == NULL)
        ret = MHD_NO;
    else
        ret = queue_json_line(conn, MHD_HTTP_OK, text, len);
    free(copy);
    serve_rules_give(r->srv->rules, &r->lease);
    return ret;
}

/* The media type of the body (before any ';'): 1 JSON (Lines or array), 2 CSV, 0 other. */
static int body_type(struct MHD_Connection *conn)
{
    static const char *const json[] = {"application/x-ndjson", "application/jsonl", "application/json",
                                       "application/x-jsonlines", "application/jsonlines", NULL};
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    const char *const *j;
    size_t n;

    if (ct == NULL)
        return 0;
    while (*ct == ' ')
        ct++;
    n = strcspn(ct, "; \t");
    if (n == strlen("text/csv") && strncasecmp(ct, "text/csv", n) == 0)
        return 2;
    for (j = json; *j != NULL; j++)
        if (n == strlen(*j) && strncasecmp(ct, *j, n) == 0)
            return 1;
    return 0;
}

/* Remove the request's temporary directory and what it holds (one level). */
static void remove_dir(char *dir)
{
    DIR *d;
    struct dirent *e;
    char path[8192];

    if (dir[0] == '\0')
        return;
    if ((d = opendir(dir)) != NULL) {
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
    dir[0] = '\0';
}

enum MHD_Result serve_body_begin(serve_request *r, struct MHD_Connection *conn)
{
    const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    rasoat_error err;
    serve_take t;
    int type = body_type(conn);
    char cause[256];

    if (length != NULL && strtoull(length, NULL, 10) > r->srv->max_body) {
        r->kind = KIND_ANSWERED;
        return serve_error_queue(conn, SERVE_TOO_LARGE, NULL, NULL, r->lang);
    }
    if (r->kind == KIND_RELOAD)
        return MHD_YES;           /* the body, if any, is not read */
    if (type == 0 || (r->kind == KIND_REPORT && type != 1)) {
        r->kind = KIND_ANSWERED;
        return serve_error_queue(conn, SERVE_MEDIA_TYPE, NULL, NULL, r->lang);
    }
    r->csv = type == 2;
    if (r->kind == KIND_EXPLAIN && r->format != NULL && strcmp(r->format, "text") != 0 && strcmp(r->format, "json") != 0) {
        r->kind = KIND_ANSWERED;
        return serve_error_queue(conn, SERVE_BAD_REQUEST, "format: text | json", NULL, r->lang);
    }
    if (r->kind == KIND_REPORT) {
        const char *tmp = getenv("TMPDIR");

        if (r->format == NULL)
            r->format = strdup("xlsx");
        if (r->format == NULL || (strcmp(r->format, "xlsx") != 0 && strcmp(r->format, "json") != 0 && strcmp(r->format, "csv") != 0)) {
            r->kind = KIND_ANSWERED;
            return serve_error_queue(conn, SERVE_BAD_REQUEST, "format: xlsx | csv | json", NULL, r->lang);
        }
        if (strcmp(r->format, "csv") == 0 && r->form == NULL) {
            r->kind = KIND_ANSWERED;
            return serve_error_queue(conn, SERVE_BAD_REQUEST,
                                     CLI_TEXT(r->lang, "format=csv cần form=7.x (mỗi tệp CSV một biểu); cả bộ biểu và danh sách: format=xlsx",
                                              "format=csv needs form=7.x (one form per CSV file); for every form and list: format=xlsx"),
                                     NULL, r->lang);
        }
        snprintf(r->dir, sizeof r->dir, "%s/rasoat-report-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
        if (mkdtemp(r->dir) == NULL) {
            r->dir[0] = '\0';
            r->kind = KIND_ANSWERED;
            return serve_error_queue(conn, SERVE_INTERNAL, sys_why(r->lang, cause, sizeof cause), NULL, r->lang);
        }
        {
            char path[4200];

            snprintf(path, sizeof path, "%s/results.jsonl", r->dir);
            if ((r->report_in = fopen(path, "wb")) == NULL) {
                r->kind = KIND_ANSWERED;
                return serve_error_queue(conn, SERVE_INTERNAL, sys_why(r->lang, cause, sizeof cause), NULL, r->lang);
            }
        }
        return MHD_YES;
    }
    if ((t = take_engine(r, &err)) != SERVE_TAKE_OK)
        return take_failed(r, conn, t, &err);
    if (r->kind == KIND_EXPLAIN) {
        int fd = serve_temp_fd();

        if (fd < 0 || (r->body = fdopen(fd, "w+b")) == NULL) {
            if (fd >= 0)
                close(fd);
            r->kind = KIND_ANSWERED;
            return serve_error_queue(conn, SERVE_INTERNAL, sys_why(r->lang, cause, sizeof cause), NULL, r->lang);
        }
        return MHD_YES;
    }
    if ((r->stream = serve_stream_start(r->lease.engine, r->csv ? "upload.csv" : NULL, r->lang)) == NULL) {
        r->kind = KIND_ANSWERED;
        return serve_error_queue(conn, SERVE_INTERNAL, sys_why(r->lang, cause, sizeof cause), NULL, r->lang);
    }
    return MHD_YES;
}

int serve_body_take(serve_request *r, const char *data, size_t size)
{
    int ok = 1;

    if (r->kind == KIND_CLASSIFY)
        serve_stream_feed(r->stream, data, size);   /* when it stopped reading, the answer says so */
    else if (r->kind == KIND_EXPLAIN)
        ok = fwrite(data, 1, size, r->body) == size;
    else if (r->kind == KIND_REPORT)
        ok = fwrite(data, 1, size, r->report_in) == size;
    if (!ok) {
        r->kind = KIND_REFUSED;
        r->refusal = SERVE_INTERNAL;
    }
    return ok;
}

/* libmicrohttpd's reader of a streamed classification. */
static ssize_t classify_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    ssize_t n = serve_stream_read((serve_stream *)cls, pos, buf, max);

    return n > 0 ? n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

/* The body of a classification is complete: end the stream's input and answer with its
** output as it is written (chunked); the stream and its engine are freed with the request. */
static enum MHD_Result classify_end(serve_request *r, struct MHD_Connection *conn)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;

    serve_stream_end_input(r->stream);
    resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1 << 16, classify_reader, r->stream, NULL);
    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
    ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Explain the household of the spooled body (?id=) with the lent engine into a temporary
** file and answer with it; the command's failures as 422, 404 or 400. */
static enum MHD_Result explain_end(serve_request *r, struct MHD_Connection *conn)
{
    int json = r->format != NULL && strcmp(r->format, "json") == 0, status, fd = serve_temp_fd();
    FILE *out = fd >= 0 ? fdopen(fd, "w+b") : NULL;
    char why[1400], cause[256];
    enum MHD_Result ret;

    if (out == NULL || fflush(r->body) != 0 || fseek(r->body, 0, SEEK_SET) != 0) {
        if (out != NULL)
            fclose(out);
        else if (fd >= 0)
            close(fd);
        return serve_error_queue(conn, SERVE_INTERNAL, sys_why(r->lang, cause, sizeof cause), NULL, r->lang);
    }
    status = explain_stream(r->lease.engine, r->body, r->csv ? "upload.csv" : NULL, r->id,
                            json ? RASOAT_EXPLAIN_JSON : RASOAT_EXPLAIN_TEXT, r->lang, out, why, sizeof why);
    if (status == 0 && fflush(out) == 0) {
        int dup_fd = dup(fileno(out));

        fclose(out);
        return dup_fd < 0 ? MHD_NO
             : queue_fd(conn, dup_fd, json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", NULL, NULL);
    }
    fclose(out);
    if (status == EXIT_RECORD_ERRORS)
        ret = serve_error_queue(conn, SERVE_UNCLASSIFIABLE, why, NULL, r->lang);
    else if (status == EXIT_USAGE && r->id != NULL) {
        snprintf(why, sizeof why, CLI_TEXT(r->lang, "không tìm thấy hộ %s", "household %s not found"), r->id);
        ret = serve_error_queue(conn, SERVE_NOT_FOUND, why, NULL, r->lang);
    } else if (status == EXIT_USAGE)
        ret = serve_error_queue(conn, SERVE_BAD_REQUEST,
                                CLI_TEXT(r->lang, "đầu vào có nhiều hộ (hoặc không có hộ nào); hãy chỉ rõ ?id=",
                                         "the input holds several households (or none); give ?id="),
                                NULL, r->lang);
    else
        ret = serve_error_queue(conn, SERVE_INTERNAL, NULL, NULL, r->lang);
    return ret;
}

/* Make the report of the spooled results in the request's directory, as the command does
** from standard input, and answer with the file (X-Rasoat-Exit: the command's status). */
static enum MHD_Result report_end(serve_request *r, struct MHD_Connection *conn)
{
    const char *fmt = r->format;
    char in[4200], out[4200], why[1100], exit_text[4], cause[256];
    rasoat_error err;
    serve_take t;
    int status, fd;

    if (fclose(r->report_in) != 0) {
        r->report_in = NULL;
        return serve_error_queue(conn, SERVE_INTERNAL, sys_why(r->lang, cause, sizeof cause), NULL, r->lang);
    }
    r->report_in = NULL;
    /* The report opens its own engine, as the command does: first make sure the tree on
    ** disk is the good one in use. */
    if ((t = take_engine(r, &err)) != SERVE_TAKE_OK)
        return take_failed(r, conn, t, &err);
    serve_rules_give(r->srv->rules, &r->lease);
    snprintf(in, sizeof in, "%s/results.jsonl", r->dir);
    snprintf(out, sizeof out, "%s/report.%s", r->dir, fmt);
    pthread_mutex_lock(&r->srv->one_at_a_time);
    status = report_request(serve_rules_dir(r->srv->rules), in, out, fmt, r->form, r->level, r->ruleset,
                            r->lang, why, sizeof why);
    pthread_mutex_unlock(&r->srv->one_at_a_time);
    if (status == EXIT_USAGE)
        return serve_error_queue(conn, SERVE_BAD_REQUEST, why[0] ? why : NULL, NULL, r->lang);
    if ((status != EXIT_ALL_CLASSIFIED && status != EXIT_RECORD_ERRORS) || (fd = open(out, O_RDONLY | O_CLOEXEC)) < 0)
        return serve_error_queue(conn, SERVE_INTERNAL, why[0] ? why : NULL, NULL, r->lang);
    snprintf(exit_text, sizeof exit_text, "%d", status);
    return queue_fd(conn, fd,
                    strcmp(fmt, "xlsx") == 0 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    : strcmp(fmt, "csv") == 0 ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                    strcmp(fmt, "xlsx") == 0 ? "bao-cao.xlsx" : strcmp(fmt, "csv") == 0 ? "bao-cao.csv" : NULL,
                    exit_text);
}

/* POST /v1/reload: load the tree again; the new state, or 422 with the loader's reason. */
static enum MHD_Result reload_end(serve_request *r, struct MHD_Connection *conn)
{
    char why[1300];

    if (!serve_rules_load(r->srv->rules, why, sizeof why)) {
        fprintf(stderr, CLI_TEXT(r->srv->lang, "rasoat serve: nạp lại thất bại, vẫn dùng bộ quy tắc cũ: %s\n",
                                 "rasoat serve: reload failed, the last good rules stay in use: %s\n"), why);
        return serve_error_queue(conn, SERVE_RULES_BROKEN, why, NULL, r->lang);
    }
    return serve_health(r, conn);                 /* the new state, as GET /v1/health */
}

enum MHD_Result serve_body_end(serve_request *r, struct MHD_Connection *conn)
{
    /* 'kind' is KIND_ANSWERED by now: the endpoint is in what was opened for it. */
    if (r->stream != NULL)
        return classify_end(r, conn);
    if (r->body != NULL)
        return explain_end(r, conn);
    if (r->report_in != NULL)
        return report_end(r, conn);
    return reload_end(r, conn);
}

void serve_request_release(serve_request *r)
{
    if (r->stream != NULL) {
        serve_stream_finish(r->stream);
        r->stream = NULL;
    }
    serve_rules_give(r->srv->rules, &r->lease);
    if (r->body != NULL) {
        fclose(r->body);
        r->body = NULL;
    }
    if (r->report_in != NULL) {
        fclose(r->report_in);
        r->report_in = NULL;
    }
    remove_dir(r->dir);
}
