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
#include "json_tree_same.h"

static json_arena arena;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *end = NULL, *why;
    cJSON *mine = json_arena_parse(&arena, text, size), *ref;
    size_t i, blanks, scanned;

    if (mine == NULL)
        return 0;
    ref = cJSON_ParseWithLengthOpts(text, size, &end, 0);
    FUZZ_CHECK(ref != NULL && cJSON_IsObject(ref), "the arena took what cJSON refuses");
    for (i = (size_t)(end - text); i < size; i++)
        FUZZ_CHECK(strchr(" \t\r\n", text[i]) != NULL && text[i] != '\0', "trailing text taken");
    why = json_tree_difference(mine, ref, 1);
    FUZZ_CHECK(why == NULL, "the arena's tree differs from cJSON's: %s", why);
    if (json_arena_canonical(&arena, &blanks))
        FUZZ_CHECK(json_canonical(text, size, RECORD_MAX_DEPTH, &scanned) && scanned == blanks,
                   "canonical to the arena, not to json_canonical");
    cJSON_Delete(ref);
    return 0;
}
