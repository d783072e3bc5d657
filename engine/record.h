/*
** record.h: writing result and error records (docs/formats.md) as one line of JSON each.
*/
#ifndef RASOAT_RECORD_H
#define RASOAT_RECORD_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "household.h"
#include "outcome.h"
#include "rasoat.h"
#include "ruleset.h"

/* A growable output buffer, reused from record to record. */
typedef struct record_buffer {
    char *data;
    size_t length, capacity;
} record_buffer;

void record_buffer_free(record_buffer *b);

/*
** Build the result record of 'h' classified by 'rs' with outcome 'o' (which applies).
** 'keep' (NULL-terminated, or NULL) names input fields copied as they are.
** Returns a new cJSON object (the caller passes it to record_print), or NULL when out of
** memory.
*/
cJSON *record_result(const household *h, const ruleset *rs, const eng_outcome *o,
                     const char *const *keep);

/* Is 'name' a field that result records write themselves (so --keep may not name it)? */
int record_reserved(const char *name);

/* Append to the result's "local" array the outcome 'o' of local standard 'rs', or the
** error that kept it from a class. */
void record_add_local(cJSON *result, const ruleset *rs, const eng_outcome *o);
void record_add_local_error(cJSON *result, const ruleset *rs, const rasoat_error *e);

/* Append warning 'w' (its kind, field and message) to the result's "warnings". */
void record_add_warning(cJSON *result, const rasoat_error *w);

/* Print 'record' into 'b' as one line and free it. Returns RASOAT_OK or RASOAT_E_SYSTEM. */
int record_print(record_buffer *b, cJSON *record);

/* Write the error record for 'e'. 'id' may be NULL (unknown); 'line' 0 is left out. */
int record_error(record_buffer *b, const char *id, long line, const rasoat_error *e);

#endif
