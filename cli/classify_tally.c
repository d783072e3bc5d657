/*
** classify_tally.c: counting result records for classify's summary (classify_tally.h).
*/
#define _GNU_SOURCE       /* memmem */
#include <string.h>

#include "classify_tally.h"

const char *const tally_classes[4] = {"poor", "near_poor", "middle_income", "not_poor"};

/* The first 'needle' (a string literal) in record[0 .. len), or NULL. */
#define FIND(record, len, needle) \
    ((const char *)memmem((record), (len), (needle), sizeof(needle) - 1))

void tally_record(tally *t, const char *record, size_t len)
{
    const char *cls = FIND(record, len, "\"class\":\""), *local, *end = record + len;
    int i;

    if (cls == NULL) {
        t->errors++;
        return;
    }
    cls += sizeof "\"class\":\"" - 1;
    for (i = 0; i < 4; i++) {
        size_t n = strlen(tally_classes[i]);

        if ((size_t)(end - cls) > n && memcmp(cls, tally_classes[i], n) == 0 && cls[n] == '"')
            t->classes[i]++;
    }
    local = FIND(cls, (size_t)(end - cls), ",\"local\":[");
    if (local != NULL && FIND(local, (size_t)(end - local), "\"error\":{\"code\":\"undetermined\"") != NULL)
        t->local_undetermined++;
}

void tally_add(tally *to, const tally *from)
{
    int i;

    for (i = 0; i < 4; i++)
        to->classes[i] += from->classes[i];
    to->errors += from->errors;
    to->local_undetermined += from->local_undetermined;
}
