/*
** serve_route.c: libmicrohttpd's callbacks for 'rasoat serve': a request's place among the
** --workers, its token, its language, its method and path to an endpoint, its body to the
** endpoint as it arrives (serve.h).
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "serve.h"

/* Take one of the --workers places; 0 when all are taken (answer 429). */
static int admit(serve_server *srv)
{
    int ok;

    pthread_mutex_lock(&srv->lock);
    ok = srv->active < srv->workers;
    if (ok)
        srv->active++;
    pthread_mutex_unlock(&srv->lock);
    return ok;
}

/* Give back the place admit() took. */
static void leave(serve_server *srv)
{
    pthread_mutex_lock(&srv->lock);
    srv->active--;
    pthread_mutex_unlock(&srv->lock);
}

/* The query arguments each endpoint takes; any other is a 400 (a misspelt option must not
** pass silently). */
typedef struct allowed_args {
    const char *const *names;
    const char *bad;            /* the first argument not in 'names' */
} allowed_args;

/* MHD_KeyValueIterator over the query: stops at the first argument not allowed. */
static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    allowed_args *a = (allowed_args *)cls;
    const char *const *n;

    (void)kind;
    (void)value;
    for (n = a->names; *n != NULL; n++)
        if (strcmp(*n, key) == 0)
            return MHD_YES;
    a->bad = key;
    return MHD_NO;
}

/* A copy of query argument 'name', NULL when absent or empty. */
static char *arg(struct MHD_Connection *conn, const char *name)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);

    return v != NULL && v[0] != '\0' ? strdup(v) : NULL;
}

/* An endpoint: its path (exact, or a prefix ending in '/'), method, query arguments. */
typedef struct route {
    const char *path;
    const char *method;
    serve_kind kind;            /* KIND_NONE: answered at once (GET) */
    const char *const *args;
} route;

static const char *const args_lang[] = {"lang", NULL};
static const char *const args_classify[] = {"lang", "as_of", "ruleset", "keep", NULL};
static const char *const args_explain[] = {"lang", "as_of", "ruleset", "id", "format", NULL};
static const char *const args_report[] = {"lang", "ruleset", "form", "format", "level", NULL};

static const route routes[] = {
    {"/v1/health", "GET", KIND_NONE, args_lang},
    {"/v1/rules", "GET", KIND_NONE, args_lang},
    {"/v1/rules/", "GET", KIND_NONE, args_lang},
    {"/v1/classify", "POST", KIND_CLASSIFY, args_classify},
    {"/v1/explain", "POST", KIND_EXPLAIN, args_explain},
    {"/v1/report", "POST", KIND_REPORT, args_report},
    {"/v1/reload", "POST", KIND_RELOAD, args_lang},
};

/* The route of 'url' (whatever the method), NULL when none. */
static const route *route_of(const char *url)
{
    size_t i;

    for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t n = strlen(routes[i].path);

        if (routes[i].path[n - 1] == '/' ? strncmp(url, routes[i].path, n) == 0 && url[n] != '\0'
                                          : strcmp(url, routes[i].path) == 0)
            return &routes[i];
    }
    return NULL;
}

/* The first call of a request: everything but the body. */
static enum MHD_Result begin(serve_request *r, struct MHD_Connection *conn, const char *url, const char *method)
{
    serve_server *srv = r->srv;
    const route *rt;
    const char *lang = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
    int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    allowed_args allowed;
    enum MHD_Result ret;
    char why[512];

    r->kind = KIND_ANSWERED;
    if (lang != NULL && !cli_parse_lang(lang, &r->lang))
        return serve_error_queue(conn, SERVE_BAD_REQUEST, "lang: vi | en", NULL, r->lang);
    if (is_get && serve_page(conn, url, &ret))
        return ret;             /* the page holds no data: no token needed to load it */
    if (!serve_token_ok(&srv->token, MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION)))
        return serve_error_queue(conn, SERVE_UNAUTHORIZED, NULL, NULL, r->lang);
    if ((rt = route_of(url)) == NULL)
        return serve_error_queue(conn, SERVE_NOT_FOUND, NULL, NULL, r->lang);
    if (strcmp(rt->method, method) != 0 && !(is_get && strcmp(rt->method, "GET") == 0))
        return serve_error_queue(conn, SERVE_METHOD, NULL, strcmp(rt->method, "GET") == 0 ? "GET, HEAD" : rt->method, r->lang);
    allowed.names = rt->args;
    allowed.bad = NULL;
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, check_arg, &allowed);
    if (allowed.bad != NULL) {
        snprintf(why, sizeof why, CLI_TEXT(r->lang, "tham số không dùng được ở đây: %s", "argument not taken here: %s"),
                 allowed.bad);
        return serve_error_queue(conn, SERVE_BAD_REQUEST, why, NULL, r->lang);
    }
    if (strcmp(rt->path, "/v1/health") == 0)
        return serve_health(r, conn);
    /* Everything else works on the rules: one of the --workers places. */
    if (!admit(srv))
        return serve_error_queue(conn, SERVE_TOO_MANY, NULL, NULL, r->lang);
    r->counted = 1;
    if (rt->kind == KIND_NONE)
        return serve_rules_get(r, conn, strcmp(rt->path, "/v1/rules/") == 0 ? url + strlen(rt->path) : NULL);
    r->kind = rt->kind;
    r->id = arg(conn, "id");
    r->format = arg(conn, "format");
    r->form = arg(conn, "form");
    r->level = arg(conn, "level");
    r->as_of = arg(conn, "as_of");
    r->ruleset = arg(conn, "ruleset");
    r->keep = arg(conn, "keep");
    return serve_body_begin(r, conn);
}

enum MHD_Result serve_route(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                            const char *version, const char *upload_data, size_t *upload_data_size,
                            void **con_cls)
{
    serve_request *r = (serve_request *)*con_cls;

    (void)version;
    if (r == NULL) {
        if ((r = (serve_request *)calloc(1, sizeof *r)) == NULL)
            return MHD_NO;
        r->srv = (serve_server *)cls;
        r->lang = r->srv->lang;
        *con_cls = r;
        return begin(r, conn, url, method);
    }
    if (r->kind == KIND_ANSWERED) {
        *upload_data_size = 0;    /* the answer is queued: drop the rest */
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;

        *upload_data_size = 0;
        r->body_len += n;
        if (r->kind == KIND_REFUSED)    /* dropped; a sender that never stops is cut off */
            return r->body_len > 2 * r->srv->max_body + (1u << 20) ? MHD_NO : MHD_YES;
        if (r->body_len > r->srv->max_body) {
            serve_request_release(r);
            r->kind = KIND_REFUSED;
            r->refusal = SERVE_TOO_LARGE;
        } else if (!serve_body_take(r, upload_data, n)) {
            serve_request_release(r);
        }
        return MHD_YES;
    }
    if (r->kind == KIND_REFUSED) {
        r->kind = KIND_ANSWERED;
        return serve_error_queue(conn, r->refusal, NULL, NULL, r->lang);
    }
    r->kind = KIND_ANSWERED;
    return serve_body_end(r, conn);
}

void serve_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                     enum MHD_RequestTerminationCode toe)
{
    serve_request *r = (serve_request *)*con_cls;

    (void)cls;
    (void)conn;
    (void)toe;
    if (r == NULL)
        return;
    serve_request_release(r);
    if (r->counted)
        leave(r->srv);
    free(r->id);
    free(r->format);
    free(r->form);
    free(r->level);
    free(r->as_of);
    free(r->ruleset);
    free(r->keep);
    free(r);
    *con_cls = NULL;
}
