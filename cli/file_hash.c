/*
** file_hash.c: the SHA-256 of a file on a thread of its own (see file_hash.h).
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "file_hash.h"

struct file_hash {
    pthread_t thread;
    char *path;
    char hex[65];
    int ok;
};

static void *hash_main(void *p)
{
    file_hash *h = (file_hash *)p;
    FILE *f = fopen(h->path, "rb");
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    static const size_t block = 1 << 16;
    unsigned char *buf = (unsigned char *)malloc(block);
    size_t n;

    h->ok = f != NULL && buf != NULL;
    crypto_hash_sha256_init(&st);
    while (h->ok && (n = fread(buf, 1, block, f)) > 0)
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
    if (f != NULL) {
        h->ok = h->ok && !ferror(f);
        fclose(f);
    }
    free(buf);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(h->hex, sizeof h->hex, digest, sizeof digest);
    return NULL;
}

file_hash *file_hash_start(const char *path)
{
    file_hash *h = (file_hash *)calloc(1, sizeof *h);

    if (h == NULL || (h->path = strdup(path)) == NULL || pthread_create(&h->thread, NULL, hash_main, h) != 0) {
        if (h != NULL)
            free(h->path);
        free(h);
        return NULL;
    }
    return h;
}

int file_hash_finish(file_hash *h, char hex[65])
{
    int ok;

    pthread_join(h->thread, NULL);
    ok = h->ok;
    memcpy(hex, h->hex, sizeof h->hex);
    free(h->path);
    free(h);
    return ok;
}

int file_unchanged(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size
        && a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}
