/*
** test_json_arena.c: json_arena_parse against cJSON, its reference.
**
** The arena parser may decline any text, but a tree it returns must be the tree
** cJSON_ParseWithLengthOpts returns for the same text, node for node (types, names, text,
** numbers to the bit, links), and must pass record_parse's checks (an object with nothing
** after it, valid UTF-8, no NUL, nesting within RECORD_MAX_DEPTH); a text it calls
** canonical must be one json_canonical calls canonical, with as many blanks. Checked on every line of
** the bundled fixtures, on texts made to sit on each edge, and on 200,000 seeded random
** mutations of real records; and it must take the ordinary records, or it would be no use.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "fuzz/json_tree_same.h"
#include "json_arena.h"
#include "json_scan.h"
#include "record_parse.h"

static json_arena arena;
static long taken, declined, canonical;

/* Parse 'len' bytes both ways and fail the test on any broken promise; returns whether the
** arena took the text. */
static int compare(const char *text, size_t len)
{
    const char *end = NULL, *why;
    cJSON *mine = json_arena_parse(&arena, text, len), *ref;
    size_t i, blanks;

    if (mine == NULL) {
        declined++;
        return 0;
    }
    taken++;
    ck_assert(json_arena_holds(&arena, mine));
    ref = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    ck_assert_msg(ref != NULL, "cJSON refuses a text the arena took: %.*s", (int)len, text);
    ck_assert_msg(cJSON_IsObject(ref), "not an object: %.*s", (int)len, text);
    for (i = (size_t)(end - text); i < len; i++)
        ck_assert_msg(strchr(" \t\r\n", text[i]) != NULL, "trailing text taken: %.*s", (int)len, text);
    why = json_tree_difference(mine, ref, 1);
    ck_assert_msg(why == NULL, "trees differ (%s): %.*s", why, (int)len, text);
    if (json_arena_canonical(&arena, &blanks)) {      /* the decision log's shortcut */
        size_t scanned;

        ck_assert_msg(json_canonical(text, len, RECORD_MAX_DEPTH, &scanned) && scanned == blanks,
                      "canonical to the arena, not to json_canonical: %.*s", (int)len, text);
        canonical++;
    }
    cJSON_Delete(ref);
    return 1;
}

static int compare_text(const char *text)
{
    return compare(text, strlen(text));
}

/* Texts the arena must take, each on one edge of what it takes. */
static const char *const taken_texts[] = {
    "{}", " {} ", "\t{\r\n}\n", "{\"a\":[]}", "{\"a\":{}}", "{\"\":\"\"}",
    "{\"a\":1,\"a\":2}",                                   /* duplicate names: both kept */
    "{\"a\":true,\"b\":false,\"c\":null}",
    "{\"n\":0}", "{\"n\":-0}", "{\"n\":-1}", "{\"n\":123456789012345}",
    "{\"n\":1234567890123456}", "{\"n\":9007199254740993}", "{\"n\":18446744073709551617}",
    "{\"n\":2147483647}", "{\"n\":2147483648}", "{\"n\":-2147483648}", "{\"n\":-2147483649}",
    "{\"n\":0.1}", "{\"n\":1.5e3}", "{\"n\":1E+2}", "{\"n\":-1e-7}", "{\"n\":1e400}",
    "{\"n\":-0.0}", "{\"n\":12345678901234567890123456789012345678901234567890123456789012}",
    "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "{\"s\":\"\\u0041\\u00e9\\u20AC\"}",
    "{\"s\":\"\\ud83d\\ude00\"}", "{\"s\":\"\\u0001\"}", "{\"s\":\"Võ Thị Hồng\"}",
    "{\"s\":\"\xF0\x9F\x98\x80 \xE2\x82\xAC\"}", "{\"Tên\":\"x\"}",
    "{\"a\":[1,[2,[3,{\"b\":[]}]]]}",
};

/* Texts the arena must decline (cJSON decides them, as before). */
static const char *const declined_texts[] = {
    "", " ", "[]", "1", "\"x\"", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}",
    "{\"a\":1}x", "{\"a\":1} {}", "\xEF\xBB\xBF{}",           /* a byte-order mark */
    "{\f\"a\":1}", "{\"a\":1}\v",                            /* blanks RFC 8259 has not */
    "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":-}",
    "{\"a\":0x10}", "{\"a\":NaN}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}",
    "{\"n\":123456789012345678901234567890123456789012345678901234567890123}", /* 63 chars */
    "{\"s\":\"\\u0000\"}", "{\"s\":\"\\u00zz\"}", "{\"s\":\"\\u12\"}", "{\"s\":\"\\x41\"}",
    "{\"s\":\"\\ud83d\"}", "{\"s\":\"\\ude00\"}", "{\"s\":\"\\ud83d\\u0041\"}",
    "{\"s\":\"a\tb\"}", "{\"s\":\"a\nb\"}",                   /* raw control bytes */
    "{\"s\":\"\xC3\"}", "{\"s\":\"\xC0\xAF\"}", "{\"s\":\"\xED\xA0\x80\"}", "{\"\xFF\":1}",
    "{\"s\":\"abc", "{\"s\":\"abc\\", "{\"a\":[1,2}", "{\"a\":{\"b\":1]}",
};

START_TEST(arena_takes_each_edge_and_builds_what_cjson_builds)
{
    size_t i;

    for (i = 0; i < sizeof taken_texts / sizeof *taken_texts; i++)
        ck_assert_msg(compare_text(taken_texts[i]), "declined: %s", taken_texts[i]);
}
END_TEST

START_TEST(arena_declines_what_it_is_not_sure_of)
{
    static const char nul[] = "{\"s\":\"a\0b\"}";
    size_t i;

    for (i = 0; i < sizeof declined_texts / sizeof *declined_texts; i++)
        ck_assert_msg(!compare_text(declined_texts[i]), "taken: %s", declined_texts[i]);
    ck_assert(!compare(nul, sizeof nul - 1));                 /* a NUL byte in a string */
}
END_TEST

/* '{"a":' nested 'depth' deep around 1, closed. */
static char *nested(int depth)
{
    char *s = (char *)malloc((size_t)depth * 6 + 8), *p = s;
    int i;

    for (i = 0; i < depth; i++)
        p += sprintf(p, "{\"a\":");
    p += sprintf(p, "1");
    for (i = 0; i < depth; i++)
        *p++ = '}';
    *p = '\0';
    return s;
}

START_TEST(arena_nests_to_the_record_limit_and_no_further)
{
    char *at = nested(RECORD_MAX_DEPTH), *past = nested(RECORD_MAX_DEPTH + 1);

    ck_assert(compare_text(at));
    ck_assert(!compare_text(past));
    free(at);
    free(past);
}
END_TEST

/* Every line of the fixture files of tests/rules (and of rules/, the bundled sets). */
static void each_fixture_line(void (*fn)(const char *line, size_t len))
{
    static const char *const files[] = {
        "rules/vn/2022-2025/fixtures/sample-commune.jsonl",
        "rules/vn/2022-2025/fixtures/thresholds.jsonl",
        "rules/vn/2027-2030/fixtures/across-periods.jsonl",
        "rules/vn/2016-2020/fixtures/thresholds.jsonl",
        "rules/kontum/2024/fixtures/thresholds.jsonl",
        "rules/hcm/2021-2024/fixtures/thresholds.jsonl",
        "rules/dongnai/2022-2025/fixtures/thresholds.jsonl",
    };
    size_t i;

    for (i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024], *line = NULL;
        size_t cap = 0;
        ssize_t n;
        FILE *f;

        snprintf(path, sizeof path, "%s/%s", getenv("RASOAT_TEST_DATA"), files[i]);
        f = fopen(path, "r");
        ck_assert_msg(f != NULL, "cannot open %s", path);
        while ((n = getline(&line, &cap, f)) > 0) {
            if (line[n - 1] == '\n')
                n--;
            if (n > 0)
                fn(line, (size_t)n);
        }
        free(line);
        fclose(f);
    }
}

static void must_take(const char *line, size_t len)
{
    ck_assert_msg(compare(line, len), "an ordinary record was declined: %.*s", (int)len, line);
}

START_TEST(arena_takes_every_fixture_record)
{
    taken = 0;
    each_fixture_line(must_take);
    ck_assert_int_gt(taken, 200);                 /* 267 lines when written */
}
END_TEST

/* Seeded random mutations of real records: flip, insert or delete a byte, or splice in a
** JSON token, so the texts sit near the grammar's edges. */
static char seeds[64][2048];
static size_t seed_len[64], seed_count;

static void keep_seed(const char *line, size_t len)
{
    if (seed_count < 64 && len < sizeof seeds[0]) {
        memcpy(seeds[seed_count], line, len);
        seed_len[seed_count++] = len;
    }
}

START_TEST(arena_agrees_with_cjson_on_mutated_records)
{
    static const char *const tokens[] = {
        "\\u0000", "\\ud800", "\\udc00", "\\u00e9", "\\\"", "\\", "\"", "{", "}", "[", "]",
        ",", ":", "-0", "1e5", "0.5", "01", "\xC3", "\xE1\xBB\x87", "\t", "\f", "null", "true",
    };
    uint64_t state = 0x9E3779B97F4A7C15u;
    char text[4096];
    long i;

    seed_count = 0;
    each_fixture_line(keep_seed);
    ck_assert_uint_gt(seed_count, 10);
    taken = declined = 0;
    for (i = 0; i < 200000; i++) {
        size_t s, len, at;
        unsigned r;

        state ^= state << 13;                          /* xorshift64: the same run every time */
        state ^= state >> 7;
        state ^= state << 17;
        s = (size_t)(state % seed_count);
        len = seed_len[s];
        memcpy(text, seeds[s], len);
        at = (size_t)((state >> 20) % len);
        r = (unsigned)((state >> 40) % 4);
        if (r == 0) {
            text[at] = (char)(state >> 48);
        } else if (r == 1) {
            memmove(text + at + 1, text + at, len - at);
            text[at] = (char)(state >> 48);
            len++;
        } else if (r == 2) {
            memmove(text + at, text + at + 1, len - at - 1);
            len--;
        } else {
            const char *t = tokens[(state >> 48) % (sizeof tokens / sizeof *tokens)];
            size_t n = strlen(t);

            memmove(text + at + n, text + at, len - at);
            memcpy(text + at, t, n);
            len += n;
        }
        compare(text, len);
    }
    /* Both sides must be exercised, or the comparison proves little. */
    ck_assert_int_gt(canonical, 10000);
    ck_assert_int_gt(taken, 20000);
    ck_assert_int_gt(declined, 20000);
}
END_TEST

static Suite *arena_suite(void)
{
    Suite *s = suite_create("json_arena");
    TCase *t = tcase_create("against cJSON");

    tcase_set_timeout(t, 120);
    tcase_add_test(t, arena_takes_each_edge_and_builds_what_cjson_builds);
    tcase_add_test(t, arena_declines_what_it_is_not_sure_of);
    tcase_add_test(t, arena_nests_to_the_record_limit_and_no_further);
    tcase_add_test(t, arena_takes_every_fixture_record);
    tcase_add_test(t, arena_agrees_with_cjson_on_mutated_records);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    int failed = run_suite(arena_suite());

    json_arena_free(&arena);
    return failed;
}
