/*
** record.h: writing result and error records (docs/formats.md) as one line of JSON each.
*/
#ifndef RASOAT_RECORD_H
#define RASOAT_RECORD_H

#include <stddef.h>

#include "household.h"
#include "rasoat.h"
#include "ruleset.h"

struct lua_State;

/* A growable output buffer, reused from record to record. */
typedef struct record_buffer {
    char *data;
    size_t length, capacity;
} record_buffer;

void record_buffer_free(record_buffer *b);

/*
** Write the result record of 'h' classified by 'rs'. The seven values that
** stdlib/classify.lua's evaluate returned are on the Lua stack from index 'base'
** (class, provision, basis, b1, b2, deprived, warnings); 'lang' words the warnings.
** Returns RASOAT_OK or RASOAT_E_SYSTEM.
*/
int record_result(record_buffer *b, const household *h, const ruleset *rs,
                  struct lua_State *L, int base, rasoat_lang lang);

/* Write the error record for 'e'. 'id' may be NULL (unknown); 'line' 0 is left out. */
int record_error(record_buffer *b, const char *id, long line, const rasoat_error *e);

#endif
