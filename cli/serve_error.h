/*
** serve_error.h: the error answers of 'rasoat serve': one JSON object
** {"error": {"code": CODE, "message": TEXT}} and the HTTP status that goes with it.
*/
#ifndef RASOAT_CLI_SERVE_ERROR_H
#define RASOAT_CLI_SERVE_ERROR_H

#include <microhttpd.h>

#include "rasoat.h"

/* The error codes of the API (docs/http.md), each with its HTTP status. */
typedef enum serve_error {
    SERVE_BAD_REQUEST,        /* 400 bad_request */
    SERVE_UNAUTHORIZED,       /* 401 unauthorized */
    SERVE_NOT_FOUND,          /* 404 not_found */
    SERVE_METHOD,             /* 405 method_not_allowed */
    SERVE_TOO_LARGE,          /* 413 body_too_large */
    SERVE_MEDIA_TYPE,         /* 415 unsupported_media_type */
    SERVE_RULES_BROKEN,       /* 422 rules_broken: a reload found the tree broken */
    SERVE_UNCLASSIFIABLE,     /* 422 unclassifiable: explain of a household that has no class */
    SERVE_TOO_MANY,           /* 429 too_many_requests */
    SERVE_INTERNAL,           /* 500 internal */
    SERVE_NO_RULES,           /* 503 no_rules */
    SERVE_RULES_CHANGED       /* 503 rules_changed: the tree on disk is not the one loaded */
} serve_error;

/* The HTTP status of 'e'. */
unsigned serve_error_status(serve_error e);

/*
** Queue the answer for 'e' with 'message' (UTF-8, copied; NULL: the code's own words in
** 'lang') on 'conn'; 405 also gets an Allow header 'allow' (may be NULL otherwise). Returns
** what MHD_queue_response returned.
*/
enum MHD_Result serve_error_queue(struct MHD_Connection *conn, serve_error e, const char *message,
                                  const char *allow, rasoat_lang lang);

#endif
