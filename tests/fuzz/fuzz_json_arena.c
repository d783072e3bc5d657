/*
** fuzz_json_arena.c: libFuzzer target holding the arena parser (engine/json_arena.c) to
** cJSON, its reference. Arbitrary bytes go to json_arena_parse; a finding is any input it
** takes for which cJSON does not give the same tree node for node (types, names, text,
** numbers to the bit, links), or that record_parse would refuse (not one object, text that
** is not UTF-8, nesting past the limit), or that it calls canonical when json_canonical
** does not (with as many blanks). Declining is always allowed.
*/
#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "json_arena.h"
#include "json_scan.h"
#include "record_parse.h"
#include "utf8.h"

static json_arena arena;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* Whether the trees under 'a' and 'b' are the same, node for node; 'depth' of 'a' from 1
** must stay within RECORD_MAX_DEPTH and every text be UTF-8 (record_parse's checks). */
static int same_tree(const cJSON *a, const cJSON *b, int depth)
{
    const cJSON *x, *y;

    if (a->type != b->type || a->valueint != b->valueint
        || memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)) != 0
        || (a->string == NULL) != (b->string == NULL) || (a->string && strcmp(a->string, b->string))
        || (a->valuestring == NULL) != (b->valuestring == NULL)
        || (a->valuestring && strcmp(a->valuestring, b->valuestring)))
        return 0;
    if ((a->string && !utf8_valid(a->string)) || (a->valuestring && !utf8_valid(a->valuestring)))
        return 0;
    if ((cJSON_IsObject(a) || cJSON_IsArray(a)) && depth > RECORD_MAX_DEPTH)
        return 0;
    for (x = a->child, y = b->child; x != NULL && y != NULL; x = x->next, y = y->next)
        if ((x->prev == NULL) != (y->prev == NULL) || !same_tree(x, y, depth + 1))
            return 0;
    if (x != NULL || y != NULL)
        return 0;
    if (a->child != NULL) {
        for (x = a->child; x->next != NULL; x = x->next)
            ;
        if (a->child->prev != x)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *end = NULL;
    cJSON *mine = json_arena_parse(&arena, text, size), *ref;
    size_t i, blanks, scanned;

    if (mine == NULL)
        return 0;
    ref = cJSON_ParseWithLengthOpts(text, size, &end, 0);
    FUZZ_CHECK(ref != NULL && cJSON_IsObject(ref), "the arena took what cJSON refuses");
    for (i = (size_t)(end - text); i < size; i++)
        FUZZ_CHECK(strchr(" \t\r\n", text[i]) != NULL && text[i] != '\0', "trailing text taken");
    FUZZ_CHECK(same_tree(mine, ref, 1), "the trees differ, or the record breaks a check");
    if (json_arena_canonical(&arena, &blanks))
        FUZZ_CHECK(json_canonical(text, size, RECORD_MAX_DEPTH, &scanned) && scanned == blanks,
                   "canonical to the arena, not to json_canonical");
    cJSON_Delete(ref);
    return 0;
}
