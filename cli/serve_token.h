/*
** serve_token.h: the access token of 'rasoat serve --token FILE', read once and compared
** in constant time with each request's "Authorization: Bearer TOKEN".
*/
#ifndef RASOAT_CLI_SERVE_TOKEN_H
#define RASOAT_CLI_SERVE_TOKEN_H

#include <stddef.h>

#include "rasoat.h"

/* Longest token accepted (bytes). */
#define SERVE_TOKEN_MAX 512

typedef struct serve_token {
    char text[SERVE_TOKEN_MAX + 1];
    size_t len;          /* 0: no token required */
} serve_token;

/*
** Read the token from the first line of 'path' (surrounding blanks and the newline
** dropped; at least 16 and at most SERVE_TOKEN_MAX bytes of printable ASCII). Returns 1, or
** 0 with the reason printed ("rasoat serve: ...") in 'lang'.
*/
int serve_token_read(serve_token *t, const char *path, rasoat_lang lang);

/* Does the Authorization header value 'header' (NULL when absent) carry the token? Always 1
** when no token is required. Runs in time independent of where the texts differ. */
int serve_token_ok(const serve_token *t, const char *header);

#endif
