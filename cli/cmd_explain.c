/*
** cmd_explain.c: 'rasoat explain': why one household was classified so, provision by
** provision, with margins and the smallest change that would change its class.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "commands.h"
#include "explain_stream.h"
#include "input.h"
#include "io_error.h"
#include "options.h"

static const char help_vi[] =
    "Cách dùng: rasoat explain [TÙY CHỌN...] [TỆP]\n"
    "\n"
    "Giải thích việc phân loại một hộ: bộ quy tắc được chọn và lý do (ngày rà soát, tỉnh);\n"
    "từng quy định được xét theo thứ tự, với giá trị đã đọc, căn cứ pháp lý, trạng thái xác\n"
    "minh và kết quả; khoảng cách tới từng ngưỡng; thay đổi nhỏ nhất làm đổi hạng; và như vậy\n"
    "cho từng chuẩn riêng của địa phương.\n"
    "Hộ được đọc từ đầu vào chuẩn (một bản ghi), hoặc lấy theo --id trong TỆP (JSON Lines,\n"
    "mảng JSON hoặc CSV).\n"
    "\n"
    "Tùy chọn:\n"
    "  --id ID           mã hộ cần giải thích trong TỆP\n"
    "  --format text|json  văn bản (mặc định) hoặc JSON theo lược đồ rasoat.explain/1\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --ruleset ID      dùng bộ quy tắc ID thay vì chọn theo ngày\n"
    "  --as-of NGÀY      dùng NGÀY (YYYY-MM-DD) thay cho survey_date\n"
    "  --log NHẬT_KÝ     không có TỆP: giải thích quyết định đã ghi trong NHẬT_KÝ (của hộ --id,\n"
    "                    quyết định mới nhất, hoặc dòng --seq N) bằng bộ quy tắc đã lưu khi đó;\n"
    "                    có TỆP: cảnh báo khi quyết định mới nhất đã ghi có hạng khác\n"
    "  --seq N           với --log: quyết định số N của nhật ký\n"
    "  --lang vi|en      ngôn ngữ (mặc định: vi)\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 đã giải thích; 1 hộ không phân loại được (thông báo lỗi được in ra);\n"
    "2 lỗi dùng lệnh, không tìm thấy hộ, hoặc lỗi bộ quy tắc; 3 lỗi đọc tệp.\n";

static const char help_en[] =
    "Usage: rasoat explain [OPTIONS...] [FILE]\n"
    "\n"
    "Explain how one household is classified: the rule set chosen and why (survey date,\n"
    "province); each provision tried in order, with the values it read, its legal citation,\n"
    "verification status and outcome; the margins to each threshold; the smallest change that\n"
    "would change the class; and the same for each local standard of its province.\n"
    "The household is read from standard input (one record), or found by --id in FILE (JSON\n"
    "Lines, a JSON array or CSV).\n"
    "\n"
    "Options:\n"
    "  --id ID           the household to explain, in FILE\n"
    "  --format text|json  text (default) or JSON, schema rasoat.explain/1\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --ruleset ID      use rule set ID instead of choosing by date\n"
    "  --as-of DATE      use DATE (YYYY-MM-DD) instead of survey_date\n"
    "  --log LOG         with no FILE: explain the decision logged in LOG (household --id's\n"
    "                    latest, or line --seq N) with the rule sets archived when it was made;\n"
    "                    with FILE: warn when the latest logged decision has another class\n"
    "  --seq N           with --log: decision number N of the log\n"
    "  --lang vi|en      language (default: vi)\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 explained; 1 the household cannot be classified (the error is printed);\n"
    "2 usage error, household not found, or rule-set error; 3 the file cannot be read.\n";

/* Whether 'needle' ('n' bytes) occurs in 'text' ('len' bytes, which may hold NULs). */
static int occurs(const char *text, size_t len, const char *needle, size_t n)
{
    const char *p = text, *end = text + len;

    while (n > 0 && (size_t)(end - p) >= n
           && (p = (const char *)memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
        if (memcmp(p, needle, n) == 0)
            return 1;
        p++;
    }
    return 0;
}

/*
** Does the record text carry id 'id'? Records whose text cannot hold it are passed over
** without parsing: an id of plain characters is written "ID" in JSON, unless the text uses
** escapes (a backslash), which only a parse can read.
*/
static int has_id(const char *text, size_t len, const char *id)
{
    size_t n = strlen(id);
    char quoted[512];
    cJSON *r;
    const cJSON *item;
    int same;

    if (n + 2 < sizeof quoted && strpbrk(id, "\"\\") == NULL && memchr(text, '\\', len) == NULL) {
        quoted[0] = '"';
        memcpy(quoted + 1, id, n);
        quoted[n + 1] = '"';
        if (!occurs(text, len, quoted, n + 2))
            return 0;
    }
    r = cJSON_ParseWithLength(text, len);
    item = cJSON_GetObjectItemCaseSensitive(r, "id");
    same = cJSON_IsString(item) && strcmp(item->valuestring, id) == 0;
    cJSON_Delete(r);
    return same;
}

/*
** Read the record to explain from 'f' into 'in' (its buffer): the one with 'id', or, with
** 'id' NULL, the only one. Returns 0 when found, else an exit status (message printed).
*/
static int find_record(input *in, const char *id, rasoat_lang lang)
{
    long line;
    input_status st;
    int found = 0;

    while ((st = input_next(in, &line)) == INPUT_RECORD || st == INPUT_BROKEN) {
        if (st == INPUT_BROKEN)
            continue;
        if (id == NULL) {
            input_status more = input_next(in, &line);

            if (more == INPUT_RECORD || more == INPUT_BROKEN) {
                fprintf(stderr, CLI_TEXT(lang, "rasoat explain: đầu vào có nhiều hộ; hãy chỉ rõ --id\n",
                                         "rasoat explain: the input holds several households; give --id\n"));
                return EXIT_USAGE;
            }
            found = 1;
            break;
        }
        if (has_id(in->buf, in->length, id)) {
            found = 1;
            break;
        }
    }
    if (st == INPUT_IO) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không đọc được đầu vào: %s\n", "rasoat explain: cannot read the input: %s\n"),
                cli_strerror(in->err ? in->err : EIO, lang, cause, sizeof cause));
        return EXIT_IO;
    }
    if (!found) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không tìm thấy hộ %s\n", "rasoat explain: household %s not found\n"),
                id ? id : "");
        return EXIT_USAGE;
    }
    return 0;
}

/* explain_stream.h: find the household in 'in' and explain it onto 'out'. */
int explain_stream(rasoat_engine *engine, FILE *in, const char *name, const char *id,
                   rasoat_explain_format format, rasoat_lang lang, FILE *out, char *why, size_t why_size)
{
    rasoat_error err;
    const char *text;
    size_t len;
    input reader;
    int status;

    why[0] = '\0';
    input_init(&reader, in);
    input_options(&reader, lang, name);
    status = find_record(&reader, id, lang);
    if (status == 0) {
        if (rasoat_explain(engine, reader.buf, reader.length, lang, format, &text, &len, &err) == RASOAT_OK) {
            if (fwrite(text, 1, len, out) != len || (format == RASOAT_EXPLAIN_JSON && putc('\n', out) == EOF))
                status = EXIT_IO;
        } else {
            snprintf(why, why_size, "%s%s%s", err.field[0] ? err.field : "", err.field[0] ? ": " : "", err.message);
            status = EXIT_RECORD_ERRORS;
        }
    }
    input_free(&reader);
    return status;
}

/* {====================================================================
** A logged decision (--log)
** ===================================================================== */

/* What find_logged looks for: the line with 'seq', or the last one of household 'id'. */
typedef struct wanted {
    long long seq;
    const char *id;
    cJSON *found;      /* the line found, parsed (owned) */
    char *input;       /* its input bytes (owned; NULL for a fragment) */
    size_t input_len;
    long lineno;
} wanted;

/* Keep logged decision 'd' as the one found. Returns 0 when memory runs out. */
static int keep(wanted *w, const rasoat_logged *d)
{
    cJSON_Delete(w->found);
    free(w->input);
    w->found = cJSON_ParseWithLength(d->text, d->len);
    w->input = NULL;
    w->input_len = d->input_len;
    if (d->input != NULL && (w->input = (char *)malloc(d->input_len + 1)) != NULL) {
        memcpy(w->input, d->input, d->input_len);
        w->input[d->input_len] = '\0';
    }
    w->lineno = d->line;
    return w->found != NULL && (d->input == NULL || w->input != NULL);
}

/* Free what find_logged kept. */
static void wanted_free(wanted *w)
{
    cJSON_Delete(w->found);
    free(w->input);
    w->found = NULL;
    w->input = NULL;
}

/* Find the decision in log 'path'. Returns 0 with 'w->found' set, else an exit status. */
static int find_logged(const char *path, wanted *w, rasoat_lang lang)
{
    rasoat_log_scan *scan;
    rasoat_logged d;
    rasoat_error err;
    char cause[256];
    int got, ok = 1;

    if (rasoat_log_scan_open(path, 0, lang, &scan, &err) != RASOAT_OK) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không mở được nhật ký %s: %s\n",
                                 "rasoat explain: cannot open log %s: %s\n"),
                path, cli_strerror(errno, lang, cause, sizeof cause));
        return EXIT_IO;
    }
    while (ok && (got = rasoat_log_scan_next(scan, &d, &err)) == 1) {
        if (w->id != NULL ? d.id == NULL || strcmp(d.id, w->id) != 0 : d.seq != w->seq)
            continue;
        ok = keep(w, &d);
        if (w->id == NULL)             /* by seq: the first match is the only one */
            break;
    }
    rasoat_log_scan_close(scan);
    if (!ok || got < 0)
        return EXIT_IO;
    if (w->found == NULL) {
        if (w->id != NULL)
            fprintf(stderr, CLI_TEXT(lang, "rasoat explain: nhật ký %s không có quyết định nào cho hộ %s\n",
                                     "rasoat explain: log %s holds no decision for household %s\n"), path, w->id);
        else
            fprintf(stderr, CLI_TEXT(lang, "rasoat explain: nhật ký %s không có quyết định số %lld\n",
                                     "rasoat explain: log %s holds no decision number %lld\n"), path, w->seq);
        return EXIT_USAGE;
    }
    return 0;
}

/* The sha256 of a result's "ruleset" (or of its local entry 'i' >= 0), or NULL. */
static const char *logged_sha(const cJSON *result, int i)
{
    const cJSON *holder = i < 0 ? result
                        : cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(result, "local"), i);

    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
               cJSON_GetObjectItemCaseSensitive(holder, "ruleset"), "sha256"));
}

/* Whether an engine holds a rule set of hash 'sha'. */
static int holds_sha(const rasoat_engine *e, const char *sha)
{
    size_t i;

    for (i = 0; i < rasoat_ruleset_count(e); i++)
        if (strcmp(rasoat_ruleset_sha256(e, i), sha) == 0)
            return 1;
    return 0;
}

/*
** Open an engine on the archived copy that decided the logged 'result': a local entry's
** copy (it holds the national set it extends too, so the explanation covers both) when it
** holds the national hash, else the national set's own copy. Stores the directory used in
** 'dir'. NULL when the archive holds neither.
*/
static rasoat_engine *open_archived(const char *log_path, const cJSON *result, rasoat_options *opts,
                                    char *dir, size_t size)
{
    char archive[4096];
    const char *national = logged_sha(result, -1);
    int i, n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(result, "local"));
    rasoat_engine *e = NULL;

    if (rasoat_log_archive_path(log_path, NULL, archive, sizeof archive) != RASOAT_OK)
        return NULL;
    for (i = n - 1; national != NULL && e == NULL && i >= -1; i--) {
        const char *sha = i >= 0 ? logged_sha(result, i) : national;
        rasoat_error err;

        if (sha == NULL)
            continue;
        snprintf(dir, size, "%s/%s", archive, sha);
        opts->rules_dir = dir;
        if (rasoat_open(opts, &e, &err) == RASOAT_OK && !holds_sha(e, national)) {
            rasoat_close(e);
            e = NULL;
        }
    }
    return e;
}

/* 'explain --log LOG (--id ID | --seq N)': explain a logged decision with the archived rule
** sets that made it, under the options it was made with. */
static int explain_logged(const char *log_path, wanted *w, rasoat_options *opts,
                          rasoat_explain_format format, rasoat_lang lang)
{
    const cJSON *result, *options;
    rasoat_engine *e;
    rasoat_error err;
    char dir[4200];
    const char *record;
    const char *text;
    size_t len, input_len = 0;
    int status = find_logged(log_path, w, lang);

    if (status != 0)
        return status;
    result = cJSON_GetObjectItemCaseSensitive(w->found, "result");
    options = cJSON_GetObjectItemCaseSensitive(w->found, "options");
    opts->force_ruleset = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(options, "ruleset"));
    opts->as_of = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(options, "as_of"));
    record = w->input;
    input_len = w->input_len;
    if (logged_sha(result, -1) == NULL || record == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: quyết định ở dòng %ld của %s là một bản ghi lỗi, không có hạng để giải thích: %s\n",
                                 "rasoat explain: the decision at line %ld of %s is an error record, with no class to explain: %s\n"),
                w->lineno, log_path, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                    cJSON_GetObjectItemCaseSensitive(result, "error"), "message")));
        return EXIT_RECORD_ERRORS;
    }
    if ((e = open_archived(log_path, result, opts, dir, sizeof dir)) == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: kho lưu %s.rules/ không có bản chép bộ quy tắc %s đã quyết định (kiểm tra: rasoat verify %s)\n",
                                 "rasoat explain: archive %s.rules/ holds no copy of rule set %s that decided (check: rasoat verify %s)\n"),
                log_path, logged_sha(result, -1), log_path);
        return EXIT_USAGE;
    }
    printf(CLI_TEXT(lang, "Quyết định số %lld (dòng %ld) của nhật ký %s, giải thích bằng bộ quy tắc đã lưu khi quyết định: %s\n\n",
                    "Decision %lld (line %ld) of log %s, explained with the rule sets archived when it was made: %s\n\n"),
           (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(w->found, "seq")),
           w->lineno, log_path, dir);
    status = 0;
    if (rasoat_explain(e, record, input_len, lang, format, &text, &len, &err) == RASOAT_OK) {
        fwrite(text, 1, len, stdout);
        if (format == RASOAT_EXPLAIN_JSON)
            putchar('\n');
    } else {
        fprintf(stderr, "rasoat explain: %s\n", err.message);
        status = EXIT_RECORD_ERRORS;
    }
    rasoat_close(e);
    return status;
}

/* After explaining 'record' under the current rules: warn when the household's latest
** decision in log 'log_path' has another class. */
static void warn_if_logged_differs(rasoat_engine *e, const char *record, size_t len,
                                   const char *log_path, rasoat_lang lang)
{
    cJSON *now_rec, *logged;
    const char *out, *id, *now_class, *then_class;
    size_t out_len;
    wanted w = {0, NULL, NULL, NULL, 0, 0};

    rasoat_classify(e, record, len, 0, &out, &out_len, NULL);
    now_rec = cJSON_ParseWithLength(out, out_len);
    id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(now_rec, "id"));
    w.id = id;
    if (id != NULL && find_logged(log_path, &w, lang) == 0) {
        logged = cJSON_GetObjectItemCaseSensitive(w.found, "result");
        now_class = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(now_rec, "class"));
        then_class = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(logged, "class"));
        if (then_class == NULL || now_class == NULL || strcmp(then_class, now_class) != 0)
            fprintf(stderr, CLI_TEXT(lang,
                    "rasoat explain: cảnh báo: trong nhật ký %s, quyết định mới nhất của hộ %s (dòng %ld) là %s, không phải %s như giải thích này theo bộ quy tắc hiện hành; giải thích quyết định đã ghi: rasoat explain --log %s --id %s\n",
                    "rasoat explain: warning: in log %s, the latest decision of household %s (line %ld) is %s, not %s as this explanation under the current rules says; to explain the logged decision: rasoat explain --log %s --id %s\n"),
                    log_path, id, w.lineno, then_class ? then_class : "error",
                    now_class ? now_class : "error", log_path, id);
    }
    wanted_free(&w);
    cJSON_Delete(now_rec);
}

/* }==================================================================== */

int cmd_explain(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_ID = 256, OPT_FORMAT, OPT_HELP, OPT_LOG, OPT_SEQ };
    static const struct option longopts[] = {
        {"id", required_argument, NULL, OPT_ID},
        {"log", required_argument, NULL, OPT_LOG},
        {"seq", required_argument, NULL, OPT_SEQ},
        {"format", required_argument, NULL, OPT_FORMAT},
        CLI_LONGOPT_RULES,
        CLI_LONGOPT_RULESET,
        CLI_LONGOPT_AS_OF,
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    rasoat_options opts;
    cli_common common;
    rasoat_engine *engine;
    rasoat_error err;
    rasoat_explain_format format = RASOAT_EXPLAIN_TEXT;
    const char *id = NULL, *path = "-", *text, *log_path = NULL;
    long long seq = 0;
    char *end;
    FILE *f = stdin;
    input in;
    size_t len;
    int c, status;

    memset(&opts, 0, sizeof opts);
    cli_common_init(&common, lang);
    common.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int taken = cli_common_option(c, optarg, &common);

        if (taken < 0)
            return cli_common_refused("rasoat explain", c, optarg, lang);
        lang = common.lang;
        if (taken > 0)
            continue;
        switch (c) {
        case OPT_ID: id = optarg; break;
        case OPT_LOG: log_path = optarg; break;
        case OPT_SEQ:
            seq = strtoll(optarg, &end, 10);
            if (end == optarg || *end != '\0' || seq < 1)
                return cli_bad_value("rasoat explain", "seq", optarg, "số thứ tự ≥ 1 của một dòng nhật ký",
                                     "the seq (≥ 1) of a log line", lang);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                format = RASOAT_EXPLAIN_JSON;
            else if (strcmp(optarg, "text") != 0)
                return cli_bad_value("rasoat explain", "format", optarg, "text hoặc json", "text or json", lang);
            break;
        case OPT_HELP:
            printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        default:
            return cli_bad_option("rasoat explain", argv, optind, lang);
        }
    }
    opts.rules_dir = common.rules_dir;
    opts.force_ruleset = common.ruleset;
    opts.as_of = common.as_of;
    if (argc - optind > 1)
        goto bad;
    if (optind < argc)
        path = argv[optind];

    opts.lang = lang;
    if (log_path != NULL && optind == argc) {
        wanted w = {seq, seq > 0 ? NULL : id, NULL, NULL, 0, 0};

        if (w.id == NULL && seq == 0) {
            fprintf(stderr, CLI_TEXT(lang, "rasoat explain: --log cần --id ID hoặc --seq N\n",
                                     "rasoat explain: --log needs --id ID or --seq N\n"));
            return EXIT_USAGE;
        }
        status = explain_logged(log_path, &w, &opts, format, lang);
        wanted_free(&w);
        return status;
    }
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    if (strcmp(path, "-") != 0 && (f = fopen(path, "rb")) == NULL) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không mở được %s: %s\n", "rasoat explain: cannot open %s: %s\n"), path,
                cli_strerror(errno, lang, cause, sizeof cause));
        rasoat_close(engine);
        return EXIT_IO;
    }
    input_init(&in, f);
    input_options(&in, lang, path);
    status = find_record(&in, id, lang);
    if (status == 0) {
        if (rasoat_explain(engine, in.buf, in.length, lang, format, &text, &len, &err) == RASOAT_OK) {
            fwrite(text, 1, len, stdout);
            if (format == RASOAT_EXPLAIN_JSON)
                putchar('\n');
            if (log_path != NULL)
                warn_if_logged_differs(engine, in.buf, in.length, log_path, lang);
        } else {
            fprintf(stderr, "rasoat explain: %s%s%s\n", err.field[0] ? err.field : "",
                    err.field[0] ? ": " : "", err.message);
            status = EXIT_RECORD_ERRORS;
        }
    }
    input_free(&in);
    if (f != stdin)
        fclose(f);
    rasoat_close(engine);
    return status;

bad:
    fprintf(stderr, CLI_TEXT(lang, "rasoat explain: chỉ nhận một tệp đầu vào ('%s' là tệp thứ hai); xem rasoat explain --help\n",
                             "rasoat explain: takes one input file ('%s' is a second one); see rasoat explain --help\n"),
            argv[optind + 1]);
    return EXIT_USAGE;
}
