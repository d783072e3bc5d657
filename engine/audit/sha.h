/*
** sha.h: SHA-256 for the decision log's chain, through OpenSSL's libcrypto (which uses the
** CPU's SHA instructions where there are some; libsodium's is portable C, ~3.7x slower on a
** 2 KB line). One pass gives both of a line's hashes: the decision id hashes a prefix of
** the bytes the chain hash covers, so the state after that prefix is copied, not recomputed.
*/
#ifndef RASOAT_AUDIT_SHA_H
#define RASOAT_AUDIT_SHA_H

#include <stddef.h>

/* A hashing state, reused line after line (one thread at a time). */
typedef struct audit_sha {
    void *ctx, *fork;   /* EVP_MD_CTX */
} audit_sha;

/* Ready 's' (zeroed storage). Returns 1, or 0 when libcrypto has no SHA-256 or no memory. */
int audit_sha_init(audit_sha *s);

/* Free what 's' holds (a zeroed 's' is allowed). */
void audit_sha_free(audit_sha *s);

/* Start a line: hash its first 'n' bytes and put the SHA-256 of just those, as 64 hex
** digits and a NUL, in 'hex'. Returns 1, 0 on a libcrypto failure. */
int audit_sha_start(audit_sha *s, const void *data, size_t n, char hex[65]);

/* Go on with 'n' more bytes after those of audit_sha_start and put the SHA-256 of all of
** them in 'hex'. Returns 1, 0 on a libcrypto failure. */
int audit_sha_finish(audit_sha *s, const void *data, size_t n, char hex[65]);

/* The SHA-256 of 'n' bytes as 64 hex digits and a NUL; aborts when libcrypto cannot hash. */
void audit_sha_hex(const void *data, size_t n, char hex[65]);

#endif
