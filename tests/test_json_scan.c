/*
** test_json_scan.c: engine/audit/json_scan.c, the JSON read in place by the decision log's
** writer, verify and replay: the validator accepts what RFC 8259 allows and refuses what it
** does not (what cJSON would let through included); the canonical test, whenever it says
** yes, agrees with cJSON's own parse and unformatted print, byte for byte; members, nested
** members and elements are found where they are.
*/
#include <string.h>

#include <cjson/cJSON.h>

#include "common.h"
#include "json_scan.h"

static int valid(const char *s)
{
    return json_valid(s, strlen(s), 64);
}

START_TEST(validator_should_follow_the_grammar)
{
    static const char *const good[] = {
        "{}", "[]", " {\"a\" : [1, -2.5e+3, true, false, null, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"]}\r\n",
        "0", "-0", "\"\"", "{\"a\":{\"b\":{}}}", "[[[]]]", "{\"\xc3\xa9\":1}", "1E5", "0.5",
    };
    static const char *const bad[] = {
        "", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}",
        "{'a':1}", "01", "+1", "1.", ".5", "1e", "-", "tru", "nul", "NaN", "\"abc",
        "\"a\x01\"", "\"\\x\"", "\"\\u12g4\"", "{} {}", "{}x", "[1]]", "{\"a\":1}\x0b",
        "\x01{}", "[\"a\"\"b\"]",
    };
    size_t i;

    for (i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_msg(valid(good[i]), "refused: %s", good[i]);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!valid(bad[i]), "accepted: %s", bad[i]);
    ck_assert(json_valid("[[[1]]]", 7, 3));
    ck_assert(!json_valid("[[[1]]]", 7, 2));
    ck_assert(!json_valid("{\"a\":1}", 6, 64));   /* cut short */
}
END_TEST

/* json_strip's sink: append to a cJSON-free buffer. */
typedef struct buf {
    char text[4096];
    size_t n;
} buf;

static void add(void *to, const char *s, size_t n)
{
    buf *b = (buf *)to;

    ck_assert_uint_lt(b->n + n, sizeof b->text);
    memcpy(b->text + b->n, s, n);
    b->n += n;
    b->text[b->n] = '\0';
}

/* Whether 't' holds a number the canonical test leaves to cJSON: a fraction, an exponent,
** "-0" or more than 9 digits. */
static int unsure(const char *t)
{
    size_t run = 0;

    if (strchr(t, '.') != NULL || strchr(t, 'e') != NULL || strstr(t, "-0") != NULL)
        return 1;
    for (; *t != '\0'; t++) {
        run = *t >= '0' && *t <= '9' ? run + 1 : 0;
        if (run > 9)
            return 1;
    }
    return 0;
}

START_TEST(canonical_should_agree_with_cjson)
{
    static const char *const texts[] = {
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"x y\"}}",
        "{ \"a\" : 1 ,\n\t\"b\" : [ 1 , 2 ] }",
        "{\"a\":\"tab\\there\\\\ \\\" \\n \\u0001 \\u001f\"}",
        "{\"a\":\"\xc3\xa9\xe1\xba\xa1 /\"}",
        "{\"a\":-123456789,\"b\":0,\"c\":[]}",
        "{\"a\":1.0}", "{\"a\":1e3}", "{\"a\":-0}", "{\"a\":1234567890}", "{\"a\":0.5}",
        "{\"a\":\"\\/\"}", "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u000a\"}", "{\"a\":\"\\u001F\"}",
        "{\"a\":\"\\u0000\"}", "{\"k\\u0065y\":1}", "{\"a\":1,\"a\":2}",
        "{\"a\":[{\"b\":[{\"c\":\"d\"}]}]}",
    };
    size_t i, yes = 0;

    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *t = texts[i];
        size_t blanks = 99;
        cJSON *j = cJSON_Parse(t);
        char *printed = cJSON_PrintUnformatted(j);
        buf b = {"", 0};

        ck_assert_ptr_nonnull(printed);
        if (json_canonical(t, strlen(t), 64, &blanks)) {
            yes++;
            json_strip(t, strlen(t), add, &b);
            ck_assert_msg(strcmp(b.text, printed) == 0, "%s: stripped %s, cJSON prints %s", t,
                          b.text, printed);
            ck_assert_int_eq(blanks == 0, strcmp(t, printed) == 0);
        } else {
            /* only where cJSON prints something else, or where the test is not sure */
            ck_assert_msg(strcmp(t, printed) != 0 || unsure(t),
                          "%s: cJSON prints it as it is, said not canonical", t);
        }
        cJSON_free(printed);
        cJSON_Delete(j);
    }
    ck_assert_uint_eq(yes, 7);     /* the first five, the repeated key, the nested arrays */
    ck_assert(!json_canonical("[[1]]", 5, 1, &yes));
}
END_TEST

START_TEST(members_should_be_found_where_they_are)
{
    static const char line[] =
        "{\"seq\":3,\"ruleset\":{\"id\":\"top\"},\"result\":{\"id\":\"H\\\"1\",\"x\":{\"ruleset\":1},"
        "\"ruleset\":{\"id\":\"vn\",\"sha256\":\"ab\"},\"local\":[{\"ruleset\":{\"id\":\"l1\"}},{\"ruleset\":2}]},"
        "\"seq\":4}";
    static const char *const names[4] = {"seq", "result", "ruleset", "local"};
    static const int parents[4] = {-1, -1, 1, 1};
    json_span v[4], whole = {line, sizeof line - 1}, e, r;
    size_t pos = 0;

    ck_assert(json_valid_members(line, sizeof line - 1, 64, names, parents, v, 4));
    ck_assert_int_eq((int)v[0].len, 1);
    ck_assert_int_eq(v[0].at[0], '3');                      /* the first of two */
    ck_assert(strncmp(v[2].at, "{\"id\":\"vn\",\"sha256\":\"ab\"}", v[2].len) == 0); /* not "top", not x's */
    ck_assert(strncmp(v[3].at, "[{", 2) == 0);
    ck_assert(json_element(v[3], &pos, &e));
    ck_assert(json_member(e, "ruleset", &r));
    ck_assert(strncmp(r.at, "{\"id\":\"l1\"}", r.len) == 0);
    ck_assert(json_element(v[3], &pos, &e));
    ck_assert(strncmp(e.at, "{\"ruleset\":2}", e.len) == 0);
    ck_assert(!json_element(v[3], &pos, &e));
    ck_assert(json_member(v[1], "id", &r));
    ck_assert(!json_plain_string(r, &e));                   /* an escape */
    ck_assert(json_member(whole, "seq", &r) && r.at[0] == '3');
    ck_assert(!json_member(whole, "missing", &r));
    ck_assert(!json_valid_members("{\"seq\":1", 8, 64, names, parents, v, 4));
    ck_assert_ptr_null(v[0].at);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_scan");
    TCase *tc = tcase_create("json_scan");

    tcase_add_test(tc, validator_should_follow_the_grammar);
    tcase_add_test(tc, canonical_should_agree_with_cjson);
    tcase_add_test(tc, members_should_be_found_where_they_are);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
