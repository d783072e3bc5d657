/*
** admin_units_shared.c: one read-only copy of an administrative-units table per process and
** content (admin_units_acquire, admin_units.h). A table is found by the file's bytes, kept
** beside it and compared whole (a memcmp of 700 KB costs less than hashing them), so the
** rules directory and a log archive's copy of it share one; it is freed when the last
** engine holding it gives it back. A mutex guards the list; the tables themselves are never
** written once read.
*/
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "admin_units.h"
#include "error.h"

typedef struct shared_table {
    admin_units table;
    char *bytes;                /* the file as read (the table's text is cut in place) */
    size_t length;
    long holders;
    struct shared_table *next;
} shared_table;

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static shared_table *shared;

/* What an engine without a file holds: no units. */
static const admin_units no_table = {NULL, NULL, 0, {0}, NULL, 0, NULL, 0, 0, 0, 0};

/* With the lock held: the entry for these bytes, now held once more, or NULL. */
static shared_table *hold(const char *bytes, size_t length)
{
    shared_table *s;

    for (s = shared; s != NULL; s = s->next)
        if (s->length == length && memcmp(s->bytes, bytes, length) == 0) {
            s->holders++;
            return s;
        }
    return NULL;
}

int admin_units_acquire(const admin_units **out, const char *rules_dir, rasoat_lang lang,
                        rasoat_error *err)
{
    char path[PATH_MAX + sizeof ADMIN_UNITS_FILE + 1], *text;
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
    pthread_mutex_lock(&shared_lock);
    found = hold(text, length);
    pthread_mutex_unlock(&shared_lock);
    if (found != NULL) {
        free(text);
        *out = &found->table;
        return RASOAT_OK;
    }
    /* Read outside the lock; another thread may read the same bytes meanwhile. */
    s = (shared_table *)calloc(1, sizeof *s);
    if (s == NULL || (s->bytes = (char *)malloc(length)) == NULL) {
        free(s);
        free(text);
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, path, 0, "out of memory");
    }
    memcpy(s->bytes, text, length);
    s->length = length;
    code = admin_units_parse(&s->table, text, length, path, lang, err);
    if (code != RASOAT_OK) {
        free(s->bytes);
        free(s);
        return code;
    }
    pthread_mutex_lock(&shared_lock);
    found = hold(s->bytes, length);
    if (found == NULL) {
        s->holders = 1;
        s->next = shared;
        shared = s;
    }
    pthread_mutex_unlock(&shared_lock);
    if (found != NULL) {
        admin_units_free(&s->table);
        free(s->bytes);
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
        free(s->bytes);
        free(s);
    }
}
