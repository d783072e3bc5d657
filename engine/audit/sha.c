/*
** sha.c: the chain's SHA-256 through OpenSSL's libcrypto (sha.h). The digest is fetched
** once for the process (EVP_MD_fetch); every audit_sha owns its own contexts, so threads
** with their own states share nothing but that read-only digest.
*/
#include <pthread.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "sha.h"

static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void fetch_sha256(void)
{
    sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static void to_hex(const unsigned char *d, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}

int audit_sha_init(audit_sha *s)
{
    pthread_once(&sha256_once, fetch_sha256);
    s->ctx = EVP_MD_CTX_new();
    s->fork = EVP_MD_CTX_new();
    if (sha256_md == NULL || s->ctx == NULL || s->fork == NULL) {
        audit_sha_free(s);
        return 0;
    }
    return 1;
}

void audit_sha_free(audit_sha *s)
{
    EVP_MD_CTX_free((EVP_MD_CTX *)s->ctx);
    EVP_MD_CTX_free((EVP_MD_CTX *)s->fork);
    s->ctx = s->fork = NULL;
}

int audit_sha_start(audit_sha *s, const void *data, size_t n, char hex[65])
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    if (!EVP_DigestInit_ex((EVP_MD_CTX *)s->ctx, sha256_md, NULL)
        || !EVP_DigestUpdate((EVP_MD_CTX *)s->ctx, data, n)
        || !EVP_MD_CTX_copy_ex((EVP_MD_CTX *)s->fork, (EVP_MD_CTX *)s->ctx)
        || !EVP_DigestFinal_ex((EVP_MD_CTX *)s->fork, d, &len) || len != 32)
        return 0;
    to_hex(d, hex);
    return 1;
}

int audit_sha_finish(audit_sha *s, const void *data, size_t n, char hex[65])
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    if (!EVP_DigestUpdate((EVP_MD_CTX *)s->ctx, data, n)
        || !EVP_DigestFinal_ex((EVP_MD_CTX *)s->ctx, d, &len) || len != 32)
        return 0;
    to_hex(d, hex);
    return 1;
}

void audit_sha_hex(const void *data, size_t n, char hex[65])
{
    audit_sha s = {NULL, NULL};

    if (!audit_sha_init(&s) || !audit_sha_start(&s, data, n, hex))
        abort(); /* libcrypto cannot hash on this machine: nothing sensible to log */
    audit_sha_free(&s);
}
