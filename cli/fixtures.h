/*
** fixtures.h: the fixtures stored beside each rule set (<set>/fixtures/): finding them, and
** comparing a result record with a fixture's expectation. Used by 'rasoat test'.
**
**   NAME.jsonl with a sibling NAME.expected.jsonl: a sample of plain households, each
**     expected to classify to the class on the same line of the .expected file
**     ({"id", "class", "why"});
**   any other NAME.jsonl: fixture records {name, description, basis, household, expect},
**     where 'expect' lists result fields (or {"error": {...}}) the result must match.
*/
#ifndef RASOAT_CLI_FIXTURES_H
#define RASOAT_CLI_FIXTURES_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

/* Called once per disagreeing field: 'path' names it ("class", "local[0].ruleset.id"),
** 'want' is the expected value, 'got' the result's (NULL when absent). */
typedef void (*fixture_mismatch_fn)(void *ctx, const char *path, const cJSON *want,
                                    const cJSON *got);

/*
** Does 'result' carry every field of 'expect' with the same value? Objects are compared
** field by field (the expectation may leave fields out); an array of objects must have as
** many elements, each compared the same way; an empty array also matches an absent field
** (so "local": [] asserts that no local standard applied); anything else must be equal
** (cJSON_Compare, case-sensitive). Calls 'on_mismatch' (when not NULL) for each field
** that disagrees and returns how many did: 0 means the result matches.
*/
int fixture_compare(const cJSON *expect, const cJSON *result, fixture_mismatch_fn on_mismatch,
                    void *ctx);

/* One fixture file: its path and, for a sample, the path of its expected classes (NULL
** for a file of fixture records). Both malloc'ed. */
typedef struct fixture_file {
    char *path;
    char *expected;
} fixture_file;

/*
** List the fixture files of the rule set in directory 'ruleset_dir' (its fixtures/
** subdirectory), sorted by name, into a new array '*files' of '*count' entries. A rule set
** without a fixtures/ directory has none. Returns 0, or -1 when the directory cannot be
** read or memory runs out (nothing to free then).
*/
int fixture_files(const char *ruleset_dir, fixture_file **files, size_t *count);

/* Free what fixture_files returned. */
void fixture_files_free(fixture_file *files, size_t count);

/* Read one line of 'f' (without its line end) into a new malloc'ed string; NULL at the
** end of the stream or on failure. */
char *fixture_read_line(FILE *f);

#endif
