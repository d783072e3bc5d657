/*
** fixtures.c: finding the fixtures of a rule set and comparing result records with their
** expectations (the rules are in fixtures.h).
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "fixtures.h"

typedef struct compare_state {
    char path[1024];            /* the field being compared, dotted */
    fixture_mismatch_fn fn;
    void *ctx;
    int mismatches;
} compare_state;

/* Append ".name" (or "name" at the top) or "[i]" to the path; returns the old length so
** the caller can cut it back. */
static size_t path_push(compare_state *st, const char *name, int index)
{
    size_t old = strlen(st->path);

    if (name != NULL)
        snprintf(st->path + old, sizeof st->path - old, "%s%s", old ? "." : "", name);
    else
        snprintf(st->path + old, sizeof st->path - old, "[%d]", index);
    return old;
}

/* Compare the fields of object 'expect' with those of 'result' under the current path. */
static void compare_object(compare_state *st, const cJSON *expect, const cJSON *result)
{
    const cJSON *want;

    cJSON_ArrayForEach(want, expect) {
        const cJSON *got = cJSON_GetObjectItemCaseSensitive(result, want->string);
        size_t old = path_push(st, want->string, 0);

        if (cJSON_IsArray(want) && cJSON_GetArraySize(want) == 0 && got == NULL) {
            /* "local": [] also means no local entry at all */
        } else if (cJSON_IsObject(want) && cJSON_IsObject(got)) {
            compare_object(st, want, got);
        } else if (cJSON_IsArray(want) && cJSON_IsObject(cJSON_GetArrayItem(want, 0))
                   && cJSON_IsArray(got) && cJSON_GetArraySize(got) == cJSON_GetArraySize(want)) {
            const cJSON *w, *g = got->child;
            int i = 0;

            for (w = want->child; w != NULL; w = w->next, g = g->next, i++) {
                size_t at = path_push(st, NULL, i);

                compare_object(st, w, g);
                st->path[at] = '\0';
            }
        } else if (got == NULL || !cJSON_Compare(want, got, 1)) {
            st->mismatches++;
            if (st->fn != NULL)
                st->fn(st->ctx, st->path, want, got);
        }
        st->path[old] = '\0';
    }
}

int fixture_compare(const cJSON *expect, const cJSON *result, fixture_mismatch_fn on_mismatch,
                    void *ctx)
{
    compare_state st;

    st.path[0] = '\0';
    st.fn = on_mismatch;
    st.ctx = ctx;
    st.mismatches = 0;
    compare_object(&st, expect, result);
    return st.mismatches;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const fixture_file *)a)->path, ((const fixture_file *)b)->path);
}

/* A new malloc'ed "a/b" (with 'b' cut to 'blen' bytes and 'suffix' appended); NULL when
** memory runs out. */
static char *join(const char *a, const char *b, size_t blen, const char *suffix)
{
    size_t n = strlen(a) + 1 + blen + strlen(suffix) + 1;
    char *s = (char *)malloc(n);

    if (s != NULL)
        snprintf(s, n, "%s/%.*s%s", a, (int)blen, b, suffix);
    return s;
}

int fixture_files(const char *ruleset_dir, fixture_file **files, size_t *count)
{
    char *dir = join(ruleset_dir, "fixtures", 8, "");
    fixture_file *list = NULL;
    size_t n = 0, cap = 0;
    DIR *d;
    struct dirent *ent;
    struct stat st;

    *files = NULL;
    *count = 0;
    if (dir == NULL)
        return -1;
    d = opendir(dir);
    if (d == NULL) {
        int missing = errno == ENOENT;

        free(dir);
        return missing ? 0 : -1;
    }
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        fixture_file f;

        if (ent->d_name[0] == '.' || !ends_with(ent->d_name, ".jsonl")
            || ends_with(ent->d_name, ".expected.jsonl"))
            continue;
        f.path = join(dir, ent->d_name, len, "");
        f.expected = join(dir, ent->d_name, len - 6, ".expected.jsonl");
        if (f.path == NULL || f.expected == NULL || stat(f.path, &st) != 0 || !S_ISREG(st.st_mode)) {
            int failed = f.path == NULL || f.expected == NULL;

            free(f.path);
            free(f.expected);
            if (failed)
                goto fail;
            continue;
        }
        if (stat(f.expected, &st) != 0) {
            free(f.expected);
            f.expected = NULL;
        }
        if (n == cap) {
            fixture_file *grown;

            cap = cap ? 2 * cap : 8;
            grown = (fixture_file *)realloc(list, cap * sizeof *list);
            if (grown == NULL) {
                free(f.path);
                free(f.expected);
                goto fail;
            }
            list = grown;
        }
        list[n++] = f;
    }
    closedir(d);
    free(dir);
    if (n > 1)
        qsort(list, n, sizeof *list, by_path);
    *files = list;
    *count = n;
    return 0;

fail:
    closedir(d);
    free(dir);
    fixture_files_free(list, n);
    return -1;
}

void fixture_files_free(fixture_file *files, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        free(files[i].path);
        free(files[i].expected);
    }
    free(files);
}

char *fixture_read_line(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, f);

    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}
