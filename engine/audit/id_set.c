/*
** id_set.c: household ids as 64-bit digests in an open-addressing table (see id_set.h).
*/
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "id_set.h"

/* A fixed key: the digests need not be secret, only the same on every run. */
static const unsigned char KEY[crypto_shorthash_KEYBYTES] = "rasoat-id-set-k";

static uint64_t digest(const char *id, size_t len)
{
    unsigned char out[crypto_shorthash_BYTES];
    uint64_t d;

    crypto_shorthash(out, (const unsigned char *)id, len, KEY);
    memcpy(&d, out, sizeof d);
    return d == UINT64_MAX ? d - 1 : d; /* +1 below must not wrap to the empty mark */
}

/* The slot of 'key' (digest + 1), or the empty slot where it would go. */
static size_t slot_of(const id_set *s, uint64_t key)
{
    size_t i = (size_t)(key & (s->capacity - 1));

    while (s->keys[i] != 0 && s->keys[i] != key)
        i = (i + 1) & (s->capacity - 1);
    return i;
}

static int grow(id_set *s)
{
    id_set bigger;
    size_t i;

    bigger.capacity = s->capacity ? s->capacity * 2 : 1024;
    bigger.count = 0;
    bigger.keys = (uint64_t *)calloc(bigger.capacity, sizeof *bigger.keys);
    bigger.values = (long long *)malloc(bigger.capacity * sizeof *bigger.values);
    if (bigger.keys == NULL || bigger.values == NULL) {
        free(bigger.keys);
        free(bigger.values);
        return 0;
    }
    for (i = 0; i < s->capacity; i++) {
        if (s->keys[i] != 0) {
            size_t j = slot_of(&bigger, s->keys[i]);

            bigger.keys[j] = s->keys[i];
            bigger.values[j] = s->values[i];
            bigger.count++;
        }
    }
    id_set_free(s);
    *s = bigger;
    return 1;
}

int id_set_put(id_set *s, const char *id, size_t len, long long value)
{
    uint64_t key = digest(id, len) + 1;
    size_t i;
    int had;

    if ((s->count + 1) * 2 > s->capacity && !grow(s))
        return -1;
    i = slot_of(s, key);
    had = s->keys[i] != 0;
    if (!had) {
        s->keys[i] = key;
        s->count++;
    }
    s->values[i] = value;
    return had;
}

long long id_set_get(const id_set *s, const char *id, size_t len)
{
    size_t i;

    if (s->capacity == 0)
        return -1;
    i = slot_of(s, digest(id, len) + 1);
    return s->keys[i] != 0 ? s->values[i] : -1;
}

void id_set_free(id_set *s)
{
    free(s->keys);
    free(s->values);
    memset(s, 0, sizeof *s);
}
