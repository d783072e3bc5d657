/*
** json_arena.h: a household record's JSON text to cJSON-shaped nodes held in an arena the
** engine owns, in one pass and without an allocation per node.
**
** cJSON has one allocator for the whole process (cJSON_InitHooks), which a library must
** not take from the program that embeds it; so this parser builds the same nodes cJSON
** would, with the same fields and links, in memory of its own. It takes only the texts it
** is sure of: strict RFC 8259, an object at the top, strings of valid UTF-8 without NUL,
** nesting within RECORD_MAX_DEPTH. For any other text it declines, and the caller parses
** with cJSON as before, so every message about a bad record is unchanged.
*/
#ifndef RASOAT_JSON_ARENA_H
#define RASOAT_JSON_ARENA_H

#include <stddef.h>

#include <cjson/cJSON.h>

typedef struct arena_chunk arena_chunk;

/* Memory for one record's tree at a time; zero-initialised is empty and ready. */
typedef struct json_arena {
    arena_chunk *first;      /* chunks, kept from one record to the next */
    arena_chunk *current;    /* the chunk being filled */
    const cJSON *root;       /* the tree in the arena now, or NULL */
    int canonical;           /* its text is what cJSON prints of it, blanks aside */
    size_t blanks;           /* blank bytes outside its strings */
} json_arena;

/*
** Parse 'len' bytes at 'json' into 'a', dropping the tree it held before. Returns the root
** object, which lives until the next call or json_arena_free (never pass it to
** cJSON_Delete), or NULL when the text is not one this parser is sure of or memory is
** short: then nothing is promised about the text, and the caller asks cJSON. A tree it
** returns is the one cJSON_ParseWithLengthOpts returns for the same text, node for node,
** and passes every check of record_parse.
*/
cJSON *json_arena_parse(json_arena *a, const char *json, size_t len);

/* Whether the text of the tree 'a' holds now is, once its 'blanks' blank bytes outside
** strings are taken out, what cJSON_PrintUnformatted prints of it: no escape at all, and
** numbers only integers of at most 9 digits other than -0. As json_canonical would say,
** from the parse itself; 0 is "not sure". */
int json_arena_canonical(const json_arena *a, size_t *blanks);

/* Whether 'node' is the root of the tree 'a' holds now. */
int json_arena_holds(const json_arena *a, const cJSON *node);

/* Give back the arena's memory; it is empty and ready again. */
void json_arena_free(json_arena *a);

#endif
