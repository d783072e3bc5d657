/*
** record_parse.c: household record text to a tree the engine carries exactly (see
** record_parse.h). cJSON does the parsing; this file adds what cJSON leaves to its caller:
** it accepts any bytes inside strings and cuts them at a NUL, so a record "A\u0000B" would
** be classified as "A" and never replay as written.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "record_parse.h"
#include "utf8.h"

static int only_blanks(const char *p, const char *end)
{
    for (; p != NULL && p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            return 0;
    return 1;
}

/* Append ".name" (or "[i]" for an array element or a name that is not text) to the path in 'path' (of 'size' bytes); returns the old end. */
static size_t path_push(char *path, size_t size, const cJSON *item, int index)
{
    size_t at = strlen(path);

    if (item->string != NULL && utf8_valid(item->string))
        snprintf(path + at, size - at, "%s%s", at ? "." : "", item->string);
    else
        snprintf(path + at, size - at, "[%d]", index);
    return at;
}

/*
** Walk 'node' (at 'depth'), extending 'path'. Returns the catalogue key of the first
** problem ("nested_too_deep", "invalid_text"), leaving 'path' at the field at fault, or NULL.
*/
static const char *check_tree(const cJSON *node, int depth, char *path, size_t size)
{
    const cJSON *child;
    int i = 0;

    if (node->string != NULL && !utf8_valid(node->string))
        return "invalid_text";
    if (cJSON_IsString(node) && !utf8_valid(node->valuestring))
        return "invalid_text";
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return NULL;
    if (depth > RECORD_MAX_DEPTH)
        return "nested_too_deep";
    for (child = node->child; child != NULL; child = child->next, i++) {
        size_t at = path_push(path, size, child, i);
        const char *problem = check_tree(child, depth + 1, path, size);

        if (problem != NULL)
            return problem;
        path[at] = '\0';
    }
    return NULL;
}

/*
** 'json' with every NUL byte, and every \u0000 escape, turned into a byte that is not
** UTF-8 (0xFF), so that check_tree finds and names the string that held it. NULL when
** the text has neither (or memory is short). The caller frees the copy.
*/
static char *mark_nuls(const char *json, size_t len)
{
    char *copy;
    size_t i;
    int found = memchr(json, '\0', len) != NULL;

    for (i = 0; !found && i + 6 <= len; i++)
        found = memcmp(json + i, "\\u0000", 6) == 0;
    if (!found || (copy = (char *)malloc(len + 1)) == NULL)
        return NULL;
    memcpy(copy, json, len);
    copy[len] = '\0';
    for (i = 0; i < len; i++) {
        size_t slashes = 0;

        if (copy[i] == '\0') {
            copy[i] = (char)0xFF;
            continue;
        }
        if (i + 6 > len || memcmp(copy + i, "\\u0000", 6) != 0)
            continue;
        while (slashes < i && copy[i - 1 - slashes] == '\\')
            slashes++;
        if (slashes % 2 == 0) {                    /* the backslash itself is not escaped */
            memcpy(copy + i, "\xFF     ", 6);
            i += 5;
        }
    }
    return copy;
}

int record_parse(const char *json, size_t len, rasoat_lang lang, cJSON **root,
                 rasoat_error *fail)
{
    const char *end = NULL;
    char *marked = NULL;
    char path[256] = "";
    const char *problem;

    *root = NULL;
    if (len > RECORD_MAX_BYTES) {
        char size[24], limit[24];
        const char *args[2] = {size, limit};

        snprintf(size, sizeof size, "%zu", len);
        snprintf(limit, sizeof limit, "%u", RECORD_MAX_BYTES);
        return err_set(fail, RASOAT_E_INPUT, "record_too_large", NULL, NULL, 0, lang,
                       "record_too_large", args, 2);
    }
    marked = mark_nuls(json, len);
    *root = cJSON_ParseWithLengthOpts(marked ? marked : json, len, &end, 0);
    if (*root == NULL || !cJSON_IsObject(*root)
        || !only_blanks(end, (marked ? marked : json) + len)) {
        char where[24], what[160];
        const char *args[2] = {where, what};

        snprintf(where, sizeof where, "%ld",
                 end != NULL ? (long)(end - (marked ? marked : json)) : 0L);
        msg_format(what, sizeof what, lang, *root == NULL ? "json_syntax"
                   : !cJSON_IsObject(*root) ? "json_not_object" : "json_trailing", NULL, 0);
        cJSON_Delete(*root);
        *root = NULL;
        free(marked);
        return err_set(fail, RASOAT_E_INPUT, "invalid_json", NULL, NULL, 0, lang,
                       "invalid_json", args, 2);
    }
    free(marked);
    problem = check_tree(*root, 1, path, sizeof path);
    if (problem != NULL) {
        char depth[16];
        const char *args[2] = {path, depth};

        snprintf(depth, sizeof depth, "%d", RECORD_MAX_DEPTH);
        cJSON_Delete(*root);
        *root = NULL;
        return err_set(fail, RASOAT_E_INPUT, problem, path, NULL, 0, lang, problem, args, 2);
    }
    return RASOAT_OK;
}
