/*
** record_parse.h: a household record's JSON text to a cJSON tree the engine can carry
** exactly: one object, nothing after it, not too large, not nested too deep, and every
** string valid UTF-8 without a NUL character (which C strings, and so replay, would cut).
*/
#ifndef RASOAT_RECORD_PARSE_H
#define RASOAT_RECORD_PARSE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "json_arena.h"
#include "rasoat.h"

/* The largest record accepted, in bytes (a household with 300,000 members fits). */
#define RECORD_MAX_BYTES (64u * 1024u * 1024u)

/* The deepest nesting accepted (RASOAT_MAX_RECORD_DEPTH, public). A decision log line
** wraps a record in two more levels, far inside what any JSON reader accepts. */
#define RECORD_MAX_DEPTH RASOAT_MAX_RECORD_DEPTH

/*
** Parse 'len' bytes of 'json', in 'arena' when json_arena_parse is sure of the text, else
** with cJSON. On success stores the tree in '*root' (the caller gives it back with
** record_release) and returns RASOAT_OK. Otherwise stores NULL, fills 'fail'
** (RASOAT_E_INPUT, kind "invalid_json", "record_too_large", "nested_too_deep" or
** "invalid_text", with the field's path where one is at fault) and returns its code.
*/
int record_parse(json_arena *arena, const char *json, size_t len, rasoat_lang lang,
                 cJSON **root, rasoat_error *fail);

/* Give back a tree record_parse made with 'arena' (NULL is fine). */
void record_release(json_arena *arena, cJSON *root);

#endif
