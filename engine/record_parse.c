/*
** record_parse.c: household record text to a tree the engine carries exactly (see
** record_parse.h). A text json_arena.c is sure of is parsed there, in one pass and with no
** allocation per node; cJSON parses any other, and this file adds what cJSON leaves to its
** caller: it accepts any bytes inside strings and cuts them at a NUL, so a record
** "A\u0000B" would be classified as "A" and never replay as written.
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

/*
** Where parsing stopped at 'stop' in the record starting at 'base', for people: writes the
** column (in characters, from 1) on its line into 'column' and returns how many line ends
** come before it in the record (0 when the record is one line, as in JSON Lines).
*/
static long where_stopped(const char *base, const char *stop, char *column, size_t size)
{
    const char *p;
    long lines = 0, chars = 0;

    for (p = base; p < stop; p++) {
        if (*p == '\n') {
            lines++;
            chars = 0;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            chars++;
        }
    }
    snprintf(column, size, "%ld", chars + 1);
    return lines;
}

/* Append ".name" (or "[i]" for an array element or a name that is not text) to 'path'
** (of 'size' bytes). */
static void path_push(char *path, size_t size, const cJSON *item, int index)
{
    size_t at = strlen(path);

    if (item->string != NULL && utf8_valid(item->string))
        snprintf(path + at, size - at, "%s%s", at ? "." : "", item->string);
    else
        snprintf(path + at, size - at, "[%d]", index);
}

/* Whether 'node' itself (its name, or its text) is well-formed, and 'depth' allowed:
** the catalogue key of its problem, or NULL. */
static const char *node_problem(const cJSON *node, int depth)
{
    if ((node->string != NULL && !utf8_valid(node->string))
        || (cJSON_IsString(node) && !utf8_valid(node->valuestring)))
        return "invalid_text";
    if ((cJSON_IsObject(node) || cJSON_IsArray(node)) && depth > RECORD_MAX_DEPTH)
        return "nested_too_deep";
    return NULL;
}

/* The first problem in the tree under 'node' (at 'depth'), or NULL; fast, no path. */
static const char *find_problem(const cJSON *node, int depth)
{
    const cJSON *child;
    const char *problem = node_problem(node, depth);

    if (problem != NULL || depth > RECORD_MAX_DEPTH)
        return problem;
    for (child = node->child; child != NULL; child = child->next)
        if ((problem = find_problem(child, depth + 1)) != NULL)
            return problem;
    return NULL;
}

/* Once a problem is known to exist: extend 'path' down to the first node that has one. */
static void path_to_problem(const cJSON *node, int depth, char *path, size_t size)
{
    const cJSON *child;
    int i = 0;

    if (node_problem(node, depth) != NULL)
        return;
    for (child = node->child; child != NULL; child = child->next, i++) {
        if (find_problem(child, depth + 1) != NULL) {
            path_push(path, size, child, i);
            path_to_problem(child, depth + 1, path, size);
            return;
        }
    }
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
    const char *p = json, *end = json + len;

    while (!found && (p = (const char *)memchr(p, '\\', (size_t)(end - p))) != NULL) {
        found = end - p >= 6 && memcmp(p, "\\u0000", 6) == 0;
        p++;
    }
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

void record_release(json_arena *arena, cJSON *root)
{
    if (!json_arena_holds(arena, root))
        cJSON_Delete(root);
}

int record_parse(json_arena *arena, const char *json, size_t len, rasoat_lang lang,
                 cJSON **root, rasoat_error *fail)
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
    if ((*root = json_arena_parse(arena, json, len)) != NULL)
        return RASOAT_OK;          /* it takes only texts that pass every check below */
    marked = mark_nuls(json, len);
    *root = cJSON_ParseWithLengthOpts(marked ? marked : json, len, &end, 0);
    if (*root == NULL || !cJSON_IsObject(*root)
        || !only_blanks(end, (marked ? marked : json) + len)) {
        const char *base = marked ? marked : json;
        char at_line[24], column[24], what[160];
        const char *args[3] = {column, what, NULL};
        long lines = where_stopped(base, end != NULL && end <= base + len ? end : base, &column[0],
                                   sizeof column);

        snprintf(at_line, sizeof at_line, "%ld", lines + 1);
        msg_format(what, sizeof what, lang, *root == NULL ? "json_syntax"
                   : !cJSON_IsObject(*root) ? "json_not_object" : "json_trailing", NULL, 0);
        if (lines > 0) {
            args[0] = at_line;
            args[1] = column;
            args[2] = what;
        }
        cJSON_Delete(*root);
        *root = NULL;
        free(marked);
        return err_set(fail, RASOAT_E_INPUT, "invalid_json", NULL, NULL, 0, lang,
                       lines > 0 ? "invalid_json_line" : "invalid_json", args, lines > 0 ? 3 : 2);
    }
    free(marked);
    problem = find_problem(*root, 1);
    if (problem != NULL) {
        char depth[16];
        const char *args[2] = {path, depth};

        path_to_problem(*root, 1, path, sizeof path);
        snprintf(depth, sizeof depth, "%d", RECORD_MAX_DEPTH);
        cJSON_Delete(*root);
        *root = NULL;
        return err_set(fail, RASOAT_E_INPUT, problem, path, NULL, 0, lang, problem, args, 2);
    }
    return RASOAT_OK;
}
