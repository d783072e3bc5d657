/*
** admin_units_shared.c: one read-only copy of an administrative-units table per process and
** content (admin_units_acquire, admin_units.h). Tables are found by the SHA-256 of the file's
** bytes, so the rules directory and a log archive's copy of it share one, and are freed
** when the last engine holding one gives it back. A mutex guards the list; the tables
** themselves are never written once read.
*/
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "admin_units.h"
#include "error.h"

typedef struct shared_table {
    admin_units table;
    unsigned char digest[crypto_hash_sha256_BYTES];
    size_t length;
    long holders;
    struct shared_table *next;
} shared_table;

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static shared_table *shared;

/* What an engine without a file holds: no units. */
static const admin_units no_table = {NULL, NULL, 0, {0}, NULL, 0, NULL, 0, 0, 0, 0};

/* With the lock held: the entry for these bytes, now held once more, or NULL. */
static shared_table *hold(const unsigned char *digest, size_t length)
{
    shared_table *s;

    for (s = shared; s != NULL; s = s->next)
        if (s->length == length && memcmp(s->digest, digest, sizeof s->digest) == 0) {
            s->holders++;
            return s;
        }
    return NULL;
}

int admin_units_acquire(const admin_units **out, const char *rules_dir, rasoat_lang lang,
                        rasoat_error *err)
{
    char path[PATH_MAX + sizeof ADMIN_UNITS_FILE + 1], *text;
    unsigned char digest[crypto_hash_sha256_BYTES];
    size_t length;
    shared_table *s, *found;
    int code = admin_units_read(rules_dir, lang, &text, &length, path, sizeof path, err);

    *out = NULL;
    if (code != RASOAT_OK)
        return code;
    if (text == NULL) {
        *out = &no_table;
        return RASOAT_OK;
    }
    crypto_hash_sha256(digest, (const unsigned char *)text, length);
    pthread_mutex_lock(&shared_lock);
    found = hold(digest, length);
    pthread_mutex_unlock(&shared_lock);
    if (found != NULL) {
        free(text);
        *out = &found->table;
        return RASOAT_OK;
    }
    /* Read outside the lock; another thread may read the same bytes meanwhile. */
    if ((s = (shared_table *)calloc(1, sizeof *s)) == NULL) {
        free(text);
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, path, 0, "out of memory");
    }
    code = admin_units_parse(&s->table, text, length, path, lang, err);
    if (code != RASOAT_OK) {
        free(s);
        return code;
    }
    memcpy(s->digest, digest, sizeof digest);
    s->length = length;
    pthread_mutex_lock(&shared_lock);
    found = hold(digest, length);
    if (found == NULL) {
        s->holders = 1;
        s->next = shared;
        shared = s;
    }
    pthread_mutex_unlock(&shared_lock);
    if (found != NULL) {
        admin_units_free(&s->table);
        free(s);
        s = found;
    }
    *out = &s->table;
    return RASOAT_OK;
}

void admin_units_release(const admin_units *t)
{
    shared_table **at, *s = NULL;

    if (t == NULL || t == &no_table)
        return;
    pthread_mutex_lock(&shared_lock);
    for (at = &shared; *at != NULL; at = &(*at)->next)
        if (&(*at)->table == t) {
            s = *at;
            if (--s->holders == 0)
                *at = s->next;
            else
                s = NULL;
            break;
        }
    pthread_mutex_unlock(&shared_lock);
    if (s != NULL) {
        admin_units_free(&s->table);
        free(s);
    }
}
