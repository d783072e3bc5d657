/*
** test_json_writer.c: the direct JSON writer (engine/json_writer.c) against cJSON itself.
** Result records were printed by cJSON_PrintUnformatted and must stay the same bytes, so
** every string the writer escapes is compared with what the installed cJSON prints for it.
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "json_writer.h"

/* What cJSON_PrintUnformatted prints for 'item' (taken), as a malloc'd string. */
static char *cjson_text(cJSON *item)
{
    char *text;

    ck_assert_ptr_nonnull(item);
    text = cJSON_PrintUnformatted(item);
    ck_assert_ptr_nonnull(text);
    cJSON_Delete(item);
    return text;
}

/* Check that the writer's finished text is 'expected' (and its length right). */
static void expect_text(json_writer *w, const char *expected, const char *what)
{
    ck_assert_msg(jw_finish(w) == 0, "%s: the writer failed", what);
    ck_assert_msg(w->length == strlen(expected), "%s: %zu bytes, cJSON printed %zu",
                  what, w->length, strlen(expected));
    ck_assert_msg(strcmp(w->data, expected) == 0, "%s: wrote %s, cJSON printed %s", what,
                  w->data, expected);
}

/* The string 's' as a value and as an object key, written and printed by cJSON. */
static void expect_string_as_cjson(const char *s, const char *what)
{
    json_writer w = {0};
    cJSON *obj = cJSON_CreateObject();
    char *printed;

    jw_string(&w, s);
    printed = cjson_text(cJSON_CreateString(s));
    expect_text(&w, printed, what);
    free(printed);

    jw_reset(&w);
    jw_object_begin(&w);
    jw_key(&w, s);
    jw_string(&w, s);
    jw_object_end(&w);
    cJSON_AddStringToObject(obj, s, s);
    printed = cjson_text(obj);
    expect_text(&w, printed, what);
    free(printed);
    jw_free(&w);
}

START_TEST(json_writer_should_escape_every_ascii_byte_as_cjson_does)
{
    int c;

    expect_string_as_cjson("", "the empty string (byte 0x00 ends a C string)");
    for (c = 0x01; c <= 0x7f; c++) {
        char s[4] = {'a', (char)c, 'b', '\0'};
        char alone[2] = {(char)c, '\0'};
        char what[32];

        snprintf(what, sizeof what, "byte 0x%02x", c);
        expect_string_as_cjson(s, what);
        expect_string_as_cjson(alone, what);
    }
}
END_TEST

START_TEST(json_writer_should_find_every_byte_at_every_place_in_a_word)
{
    int c;
    size_t at;

    /* The writer scans eight bytes at a time: each byte at each place of two words. */
    for (c = 0x01; c <= 0xff; c++)
        for (at = 0; at < 17; at++) {
            char s[18], what[48];

            memset(s, 'x', 17);
            s[17] = '\0';
            s[at] = (char)c;
            snprintf(what, sizeof what, "byte 0x%02x at %zu of 17", c, at);
            expect_string_as_cjson(s, what);
        }
}
END_TEST

START_TEST(json_writer_should_copy_utf8_and_high_bytes_as_cjson_does)
{
    static const char *const texts[] = {
        "Nguyễn Thị Hằng", "Đắk Rơ Nga", "Thôn 1 — \"mới\"\n", "😀 U+1F600", "\xc3\xa9\t\xe2\x82\xac",
        "\xff\xfe invalid \x80 bytes \xc0\xaf", NULL
    };
    char high[0x81];
    int c;

    for (c = 0; texts[c] != NULL; c++)
        expect_string_as_cjson(texts[c], texts[c]);
    for (c = 0x80; c <= 0xff; c++)
        high[c - 0x80] = (char)c;
    high[0x80] = '\0';
    expect_string_as_cjson(high, "every byte 0x80-0xff");
}
END_TEST

START_TEST(json_writer_should_write_long_strings_past_its_first_buffer)
{
    size_t n = 300000, i;
    char *s = (char *)malloc(n + 1);

    ck_assert_ptr_nonnull(s);
    /* Every byte of this one escapes to six: the worst growth there is. */
    memset(s, 0x01, n);
    s[n] = '\0';
    expect_string_as_cjson(s, "300000 control characters");
    for (i = 0; i < n; i++)
        s[i] = "ab\"\\\ncạ\x1f"[i % 9];
    expect_string_as_cjson(s, "300000 mixed bytes");
    free(s);
}
END_TEST

START_TEST(json_writer_should_write_nested_documents_as_cjson_does)
{
    json_writer w = {0};
    cJSON *doc = cJSON_CreateObject(), *list, *inner;
    char *printed;

    jw_object_begin(&w);
    jw_key(&w, "id");
    jw_string(&w, "H-1");
    jw_key(&w, "yes");
    jw_bool(&w, 7);
    jw_key(&w, "no");
    jw_bool(&w, 0);
    jw_key(&w, "none");
    jw_null(&w);
    jw_key(&w, "empty");
    jw_object_begin(&w);
    jw_object_end(&w);
    jw_key(&w, "list");
    jw_array_begin(&w);
    jw_string(&w, "a");
    jw_array_begin(&w);
    jw_array_end(&w);
    jw_object_begin(&w);
    jw_key(&w, "k");
    jw_null(&w);
    jw_object_end(&w);
    jw_bool(&w, 1);
    jw_array_end(&w);
    jw_object_end(&w);

    cJSON_AddStringToObject(doc, "id", "H-1");
    cJSON_AddBoolToObject(doc, "yes", 1);
    cJSON_AddBoolToObject(doc, "no", 0);
    cJSON_AddNullToObject(doc, "none");
    cJSON_AddObjectToObject(doc, "empty");
    list = cJSON_AddArrayToObject(doc, "list");
    cJSON_AddItemToArray(list, cJSON_CreateString("a"));
    cJSON_AddItemToArray(list, cJSON_CreateArray());
    inner = cJSON_CreateObject();
    cJSON_AddNullToObject(inner, "k");
    cJSON_AddItemToArray(list, inner);
    cJSON_AddItemToArray(list, cJSON_CreateTrue());
    printed = cjson_text(doc);
    expect_text(&w, printed, "a nested document");
    free(printed);
    jw_free(&w);
}
END_TEST

START_TEST(json_writer_should_write_integers_exactly)
{
    static const long long values[] = {0, 7, -7, 10, 9007199254740993LL, LLONG_MAX, LLONG_MIN};
    json_writer w = {0};
    char expected[512] = "[", digits[32];
    size_t i;

    jw_array_begin(&w);
    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        jw_integer(&w, values[i]);
        snprintf(digits, sizeof digits, "%s%lld", i ? "," : "", values[i]);
        strcat(expected, digits);
    }
    jw_array_end(&w);
    strcat(expected, "]");
    expect_text(&w, expected, "integers");
    jw_free(&w);
}
END_TEST

START_TEST(json_writer_should_print_any_cjson_value_unchanged)
{
    static const char *const docs[] = {
        "{\"n\":[1.5,-0.0,1e300,123456789012345678,-7,true,false,null,\"s\\u0001\\u00e9\"],"
        "\"k\\t\":{},\"e\":[]}",
        "\"just a string \\\"quoted\\\"\"", "12", "[]", NULL
    };
    size_t i;

    for (i = 0; docs[i] != NULL; i++) {
        json_writer w = {0};
        cJSON *item = cJSON_Parse(docs[i]);
        char *printed;

        ck_assert_ptr_nonnull(item);
        jw_object_begin(&w);
        jw_key(&w, "before");
        jw_integer(&w, 1);
        jw_key(&w, "kept");
        jw_cjson(&w, item);
        jw_object_end(&w);
        {
            cJSON *doc = cJSON_CreateObject();

            cJSON_AddRawToObject(doc, "before", "1");
            cJSON_AddItemToObject(doc, "kept", item);
            printed = cjson_text(doc);
        }
        expect_text(&w, printed, docs[i]);
        free(printed);
        jw_free(&w);
    }
}
END_TEST

START_TEST(json_writer_should_refuse_unbalanced_text_and_start_clean_after_reset)
{
    json_writer w = {0};

    jw_object_begin(&w);
    jw_key(&w, "a");
    ck_assert_int_eq(jw_finish(&w), -1);      /* a key without its value, object open */
    ck_assert_uint_eq(w.length, 0);
    ck_assert_str_eq(w.data, "");

    jw_reset(&w);
    jw_string(&w, "x");
    jw_key(&w, "not in an object");
    ck_assert_int_eq(jw_finish(&w), -1);

    jw_reset(&w);
    jw_array_end(&w);
    ck_assert_int_eq(jw_finish(&w), -1);

    jw_reset(&w);                             /* the same buffer, a clean start */
    jw_array_begin(&w);
    jw_integer(&w, 1);
    jw_integer(&w, 2);
    jw_array_end(&w);
    expect_text(&w, "[1,2]", "after reset");
    jw_free(&w);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_writer");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, json_writer_should_escape_every_ascii_byte_as_cjson_does);
    tcase_add_test(tc, json_writer_should_find_every_byte_at_every_place_in_a_word);
    tcase_add_test(tc, json_writer_should_copy_utf8_and_high_bytes_as_cjson_does);
    tcase_add_test(tc, json_writer_should_write_long_strings_past_its_first_buffer);
    tcase_add_test(tc, json_writer_should_write_nested_documents_as_cjson_does);
    tcase_add_test(tc, json_writer_should_write_integers_exactly);
    tcase_add_test(tc, json_writer_should_print_any_cjson_value_unchanged);
    tcase_add_test(tc, json_writer_should_refuse_unbalanced_text_and_start_clean_after_reset);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
