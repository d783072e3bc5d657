/*
** json_tree_same.h: the promise json_arena_parse makes (engine/json_arena.h), checked node
** by node against cJSON's tree of the same text: test_json_arena.c and fuzz_json_arena.c
** both hold the arena parser to it.
*/
#ifndef RASOAT_TEST_JSON_TREE_SAME_H
#define RASOAT_TEST_JSON_TREE_SAME_H

#include <string.h>

#include <cjson/cJSON.h>

#include "record_parse.h"
#include "utf8.h"

/*
** The first way the arena's tree 'a' (at 'depth', the root at 1) differs from cJSON's 'b',
** or breaks a check of record_parse (text that is not UTF-8, nesting past
** RECORD_MAX_DEPTH); NULL when it keeps the promise. Types, names, text, numbers to the
** bit and links (next, prev, and the first child's prev at the last) are compared.
*/
static const char *json_tree_difference(const cJSON *a, const cJSON *b, int depth)
{
    const cJSON *x, *y;
    const char *why;

    if (a->type != b->type)
        return "type";
    if ((a->string == NULL) != (b->string == NULL) || (a->string && strcmp(a->string, b->string)))
        return "name";
    if ((a->valuestring == NULL) != (b->valuestring == NULL)
        || (a->valuestring && strcmp(a->valuestring, b->valuestring)))
        return "text";
    if (a->valueint != b->valueint || memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)))
        return "number";
    if ((a->string && !utf8_valid(a->string)) || (a->valuestring && !utf8_valid(a->valuestring)))
        return "text that is not UTF-8, which record_parse refuses";
    if ((cJSON_IsObject(a) || cJSON_IsArray(a)) && depth > RECORD_MAX_DEPTH)
        return "nesting that record_parse refuses";
    for (x = a->child, y = b->child; x != NULL && y != NULL; x = x->next, y = y->next) {
        if ((x->prev == NULL) != (y->prev == NULL))
            return "prev link";
        if ((why = json_tree_difference(x, y, depth + 1)) != NULL)
            return why;
    }
    if (x != NULL || y != NULL)
        return "number of children";
    if (a->child != NULL) {
        for (x = a->child; x->next != NULL; x = x->next)
            ;
        if (a->child->prev != x)
            return "first child's prev";
    }
    return NULL;
}

#endif
