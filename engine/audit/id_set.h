/*
** id_set.h: household ids seen in a decision log, kept as 64-bit digests (SipHash, via
** libsodium) with a number each, in an open-addressing table: 16 bytes per household
** whatever the length of its id, so a national log fits in memory. Two ids share a digest
** with a chance of about n²/2^65: nil for any real log.
*/
#ifndef RASOAT_AUDIT_ID_SET_H
#define RASOAT_AUDIT_ID_SET_H

#include <stddef.h>
#include <stdint.h>

typedef struct id_set {
    uint64_t *keys;     /* digest + 1 (0 = empty slot) */
    long long *values;
    size_t count, capacity;
} id_set;

/* Store 'value' for 'id' ('len' bytes), replacing an earlier one. Returns 1 when 'id' was
** already there, 0 when new, -1 when out of memory. */
int id_set_put(id_set *s, const char *id, size_t len, long long value);

/* The value stored for 'id', or -1 when it is not there. */
long long id_set_get(const id_set *s, const char *id, size_t len);

void id_set_free(id_set *s);

#endif
