/*
** serve.h: what the parts of 'rasoat serve' share: the server's settings and state, and
** one request in flight. cmd_serve.c starts libmicrohttpd with serve_route.c's callbacks;
** serve_api.c answers each endpoint; serve_rules.c holds the rule tree and its engines;
** serve_stream.c streams a classification; serve_page.c serves the page; serve_error.c
** words the errors; serve_token.c checks the access token.
*/
#ifndef RASOAT_CLI_SERVE_H
#define RASOAT_CLI_SERVE_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <microhttpd.h>

#include "rasoat.h"
#include "serve_error.h"
#include "serve_rules.h"
#include "serve_stream.h"
#include "serve_token.h"

typedef struct serve_server {
    serve_rules *rules;
    serve_token token;
    uint64_t max_body;          /* --max-body: bytes of a request body */
    int workers;                /* --workers: requests worked on at once; more get 429 */
    rasoat_lang lang;           /* default language of answers */
    pthread_mutex_t lock;       /* guards 'active' */
    int active;
    pthread_mutex_t one_at_a_time; /* the report engine and rules_list_json are not thread-safe */
} serve_server;

/* What a request that takes a body is. */
typedef enum serve_kind {
    KIND_NONE = 0,
    KIND_CLASSIFY,
    KIND_EXPLAIN,
    KIND_REPORT,
    KIND_RELOAD,
    KIND_ANSWERED,              /* a response is queued; the rest of the body is dropped */
    KIND_REFUSED                /* the body is refused ('refusal'): the rest is dropped, then
                                ** the error is answered (libmicrohttpd answers only before
                                ** or after a body, never during one) */
} serve_kind;

typedef struct serve_request {
    serve_server *srv;
    serve_kind kind;
    int counted;                /* holds one of the --workers places */
    rasoat_lang lang;
    uint64_t body_len;
    serve_lease lease;          /* classify: the engine lent to the stream's thread */
    serve_stream *stream;       /* classify */
    FILE *body;                 /* explain: the body so far (temporary file) */
    char dir[4096];             /* report: the request's temporary directory, "" when none */
    FILE *report_in;            /* report: dir/results.jsonl being written */
    /* Query arguments (owned copies, NULL when absent). */
    char *id, *format, *form, *level, *as_of, *ruleset, *keep;
    int csv;                    /* the body is CSV (Content-Type text/csv) */
    serve_error refusal;        /* KIND_REFUSED: why */
} serve_request;

/* {====================================================================
** serve_route.c: libmicrohttpd's callbacks
** ===================================================================== */

/* The access handler (MHD_AccessHandlerCallback) with 'cls' the serve_server. */
enum MHD_Result serve_route(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                            const char *version, const char *upload_data, size_t *upload_data_size,
                            void **con_cls);

/* MHD_OPTION_NOTIFY_COMPLETED: free the request. */
void serve_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                     enum MHD_RequestTerminationCode toe);

/* {====================================================================
** serve_api.c: the endpoints
** ===================================================================== */

/* GET /v1/health. */
enum MHD_Result serve_health(serve_request *r, struct MHD_Connection *conn);

/* GET /v1/rules ('id' NULL) or /v1/rules/{id}. */
enum MHD_Result serve_rules_get(serve_request *r, struct MHD_Connection *conn, const char *id);

/* POST /v1/classify, /v1/explain, /v1/report: before the body (check the arguments and
** the type, take an engine, open where the body goes). Returns MHD_YES with nothing queued
** to go on reading the body, or the result of queueing an error (r->kind then
** KIND_ANSWERED). */
enum MHD_Result serve_body_begin(serve_request *r, struct MHD_Connection *conn);

/* Take 'size' bytes of the body; 0 when they cannot be kept (r->kind is then KIND_REFUSED). */
int serve_body_take(serve_request *r, const char *data, size_t size);

/* The body is complete: answer. */
enum MHD_Result serve_body_end(serve_request *r, struct MHD_Connection *conn);

/* Free what the request holds (its stream, lease, files and directory). */
void serve_request_release(serve_request *r);

/* {====================================================================
** serve_page.c: the page for commune staff
** ===================================================================== */

/* GET of 'url' ("/", "/page.css", "/page.js"): returns 0 when 'url' is not a file of the
** page (nothing queued), else 1 with the embedded file queued and '*ret' what queueing gave. */
int serve_page(struct MHD_Connection *conn, const char *url, enum MHD_Result *ret);

#endif
