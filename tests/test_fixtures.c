/*
** test_fixtures.c: every rule set's fixtures (rules/<set>/fixtures/).
**
**   *.jsonl with a sibling *.expected.jsonl: a sample of plain households, each expected
**     to classify to the class on the same line of the .expected file;
**   any other *.jsonl: fixture records {name, description, basis, household, expect}, where
**     'expect' lists result fields (or {"error": {...}}) the result must match exactly.
**
** Each failure is reported with the fixture's name and both values; all are collected
** before the test fails, so one run shows every disagreement.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"

typedef struct report {
    char text[16384];
    size_t length;
    int failures, checked;   /* fixtures that disagree, fixtures run */
    int mismatches;          /* disagreeing fields of the fixture being compared */
} report;

static void note(report *r, const char *fmt, const char *a, const char *b, const char *c)
{
    if (r->length < sizeof r->text - 1)
        r->length += (size_t)snprintf(r->text + r->length, sizeof r->text - r->length, fmt, a, b, c);
    if (r->length >= sizeof r->text)
        r->length = sizeof r->text - 1;
    r->mismatches++;
}

/* Close one fixture's comparison: it failed when any of its fields disagreed. */
static void tally(report *r)
{
    r->failures += r->mismatches > 0;
    r->mismatches = 0;
    r->checked++;
}

static void mismatch(report *r, const char *name, const char *field, const cJSON *want,
                     const cJSON *got)
{
    char *w = cJSON_PrintUnformatted(want);
    char *g = got ? cJSON_PrintUnformatted(got) : NULL;
    char where[300];

    snprintf(where, sizeof where, "%s: %s", name, field);
    note(r, "  %s expected %s, got %s\n", where, w, g ? g : "(absent)");
    free(w);
    free(g);
}

/*
** Does 'result' carry every field of 'expect' with the same value? Objects are compared
** field by field (the expectation may leave fields out); an array of objects must have
** as many elements, each compared the same way; an empty array also matches an absent
** field (so "local": [] asserts that no local standard applied); anything else must be
** equal.
*/
static void compare(report *r, const char *name, const cJSON *expect, const cJSON *result)
{
    const cJSON *want;

    cJSON_ArrayForEach(want, expect) {
        const cJSON *got = cJSON_GetObjectItemCaseSensitive(result, want->string);

        if (cJSON_IsArray(want) && cJSON_GetArraySize(want) == 0 && got == NULL) {
            continue; /* "local": [] also means no local entry at all */
        } else if (cJSON_IsObject(want) && cJSON_IsObject(got)) {
            compare(r, name, want, got);
        } else if (cJSON_IsArray(want) && cJSON_IsObject(cJSON_GetArrayItem(want, 0))
                   && cJSON_IsArray(got) && cJSON_GetArraySize(got) == cJSON_GetArraySize(want)) {
            const cJSON *w, *g = got->child;

            for (w = want->child; w != NULL; w = w->next, g = g->next)
                compare(r, name, w, g);
        } else if (got == NULL || !cJSON_Compare(want, got, 1)) {
            mismatch(r, name, want->string, want, got);
        }
    }
}

static char *read_line(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;

    if (getline(&line, &cap, f) < 0) {
        free(line);
        return NULL;
    }
    return line;
}

static cJSON *classify_json(rasoat_engine *e, const cJSON *household)
{
    char *text = cJSON_PrintUnformatted(household);
    cJSON *result = classify(e, text, NULL);

    free(text);
    return result;
}

/* Fixture records: {name, household, expect}. */
static void run_fixture_file(rasoat_engine *e, const char *path, report *r)
{
    FILE *f = fopen(path, "r");
    char *line;
    int n = 0;

    ck_assert_msg(f != NULL, "cannot open %s", path);
    while ((line = read_line(f)) != NULL) {
        cJSON *fx = cJSON_Parse(line);
        const char *name;
        cJSON *result;

        n++;
        free(line);
        if (fx == NULL) {
            note(r, "  %s: a line is not JSON%s%s\n", path, "", "");
            tally(r);
            continue;
        }
        name = str_field(fx, "name");
        ck_assert_msg(*name && *str_field(fx, "basis"), "%s line %d: fixture needs name and basis", path, n);
        result = classify_json(e, cJSON_GetObjectItem(fx, "household"));
        compare(r, name, cJSON_GetObjectItem(fx, "expect"), result);
        tally(r);
        cJSON_Delete(result);
        cJSON_Delete(fx);
    }
    fclose(f);
    ck_assert_msg(n > 0, "%s holds no fixture", path);
}

/* A sample: households in 'path', expected classes in 'expected_path'. */
static void run_sample(rasoat_engine *e, const char *path, const char *expected_path, report *r)
{
    FILE *f = fopen(path, "r"), *x = fopen(expected_path, "r");
    char *line, *want_line;
    int n = 0;

    ck_assert(f != NULL && x != NULL);
    while ((line = read_line(f)) != NULL) {
        cJSON *hh = cJSON_Parse(line), *want, *result;

        want_line = read_line(x);
        ck_assert_msg(hh && want_line, "%s line %d: no household or no expectation", path, n + 1);
        want = cJSON_Parse(want_line);
        result = classify_json(e, hh);
        ck_assert_str_eq(str_field(result, "id"), str_field(want, "id"));
        if (strcmp(str_field(result, "class"), str_field(want, "class")) != 0)
            note(r, "  sample %s: expected %s, got %s\n", str_field(want, "id"),
                 str_field(want, "class"), *str_field(result, "class") ? str_field(result, "class")
                                                                       : error_field(result, "message"));
        tally(r);
        n++;
        cJSON_Delete(result);
        cJSON_Delete(want);
        cJSON_Delete(hh);
        free(line);
        free(want_line);
    }
    ck_assert_msg(read_line(x) == NULL, "%s has more lines than %s", expected_path, path);
    fclose(f);
    fclose(x);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Run the fixtures of every rule set under 'dir' (recursively). */
static void run_tree(rasoat_engine *e, const char *dir, report *r, int *files)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    int in_fixtures = ends_with(dir, "/fixtures");

    ck_assert_msg(d != NULL, "cannot open %s", dir);
    while ((ent = readdir(d)) != NULL) {
        char path[2048], expected[2100];
        struct stat st;

        if (ent->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            run_tree(e, path, r, files);
        } else if (in_fixtures && ends_with(path, ".jsonl") && !ends_with(path, ".expected.jsonl")) {
            snprintf(expected, sizeof expected, "%.*s.expected.jsonl", (int)(strlen(path) - 6), path);
            if (stat(expected, &st) == 0)
                run_sample(e, path, expected, r);
            else
                run_fixture_file(e, path, r);
            (*files)++;
        }
    }
    closedir(d);
}

START_TEST(fixtures_should_all_hold)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    report r;
    int files = 0;

    memset(&r, 0, sizeof r);
    run_tree(e, source_rules(), &r, &files);
    rasoat_close(e);
    ck_assert_msg(files > 0 && r.checked > 0, "no fixtures found under %s", source_rules());
    ck_assert_msg(r.failures == 0, "%d of %d fixtures disagree:\n%s", r.failures, r.checked, r.text);
    printf("fixtures: %d checked in %d files\n", r.checked, files);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fixtures");
    TCase *tc = tcase_create("rules");

    tcase_add_test(tc, fixtures_should_all_hold);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
