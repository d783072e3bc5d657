/*
** record.h: writing result and error records (docs/formats.md) as one line of JSON each,
** straight into a reused buffer.
*/
#ifndef RASOAT_RECORD_H
#define RASOAT_RECORD_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "household.h"
#include "json_writer.h"
#include "outcome.h"
#include "rasoat.h"
#include "ruleset.h"

/* The growable output buffer, reused from record to record: a JSON writer (its text is
** 'data', 'length' bytes long). */
typedef json_writer record_buffer;

void record_buffer_free(record_buffer *b);

/* Where a member's value lies in the record: 'len' bytes from offset 'at' (len 0: absent). */
typedef struct record_span {
    size_t at, len;
} record_span;

/* A result record being written into its buffer. The main outcome is written at once (its
** strings belong to the seam only until its next call); warnings, then local entries, are
** appended after it; record_finish closes it. */
typedef struct record_open {
    record_buffer *b;
    int open;                  /* which list is still open (record.c) */
    record_span id, ruleset, local;   /* the top-level values the decision log reads */
} record_open;

/*
** Start, in 'b' (from its beginning), the result record of 'h' classified by 'rs' with
** outcome 'o' (which applies), and keep 'r' for what follows. 'keep' (NULL-terminated, or
** NULL) names input fields copied as they are. Returns RASOAT_OK, or RASOAT_E_SYSTEM when
** out of memory (then record_finish fails too).
*/
int record_result(record_open *r, record_buffer *b, const household *h, const ruleset *rs,
                  const eng_outcome *o, const char *const *keep);

/* Is 'name' a field that result records write themselves (so --keep may not name it)? */
int record_reserved(const char *name);

/* Append to the result's "local" array the outcome 'o' of local standard 'rs', or the
** error that kept it from a class. */
void record_add_local(record_open *r, const ruleset *rs, const eng_outcome *o);
void record_add_local_error(record_open *r, const ruleset *rs, const rasoat_error *e);

/* Append warning 'w' (its kind, field and message) to the result's "warnings" (made after
** the rule set when the outcome had none). Warnings come before any local entry: one added
** after it makes record_finish fail. */
void record_add_warning(record_open *r, const rasoat_error *w);

/* Close the result record: its text is then r->b's data and length. Returns RASOAT_OK or
** RASOAT_E_SYSTEM (out of memory; the buffer then holds ""). */
int record_finish(record_open *r);

/* Print the cJSON document 'record' into 'b' as one line and free it. Returns RASOAT_OK or
** RASOAT_E_SYSTEM. */
int record_print(record_buffer *b, cJSON *record);

/* Write the error record for 'e'. 'id' may be NULL (unknown); 'line' 0 is left out. */
int record_error(record_buffer *b, const char *id, long line, const rasoat_error *e);

#endif
