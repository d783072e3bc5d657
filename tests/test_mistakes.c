/*
** test_mistakes.c: the common mistakes of a policy officer editing a parameters file, each
** refused with a message in their words, in Vietnamese and English, naming the line to fix
** and the fix: a number grouped with dots or commas, a missing comma (on the line where it
** is missing), a misspelt field with the nearest name, a number where text is expected, an
** unclosed brace or quotation mark.
*/
#include <stdio.h>
#include <string.h>

#include "common.h"

/* A correct parameters file; each test replaces one piece of it. */
static const char good[] =
    "-- parameters\n"                                          /* 1 */
    "parameter \"line\" {\n"                                   /* 2 */
    "  value = 100,\n"                                         /* 3 */
    "  unit = \"points\",\n"                                   /* 4 */
    "  citation = \"Test art. 1\",\n"                          /* 5 */
    "  status = CONFIRMED,\n"                                  /* 6 */
    "}\n"                                                      /* 7 */
    "\n"                                                       /* 8 */
    "parameter \"income_line\" {\n"                            /* 9 */
    "  value = { rural = 1500000, urban = 2000000 },\n"        /* 10 */
    "  unit = \"VND/person/month\",\n"                         /* 11 */
    "  citation = \"Test art. 4\",\n"                          /* 12 */
    "  status = CONFIRMED,\n"                                  /* 13 */
    "}\n";                                                     /* 14 */

static char dir[256];

/* Write the minimal rule set with 'good' where 'from' is replaced by 'to' as its
** parameters (the minimal set's own parameter file holds only its indicators). */
static void write_with(const char *from, const char *to, const char *ruleset_from, const char *ruleset_to)
{
    char text[4096], rs[1024];
    const char *at = strstr(good, from);

    ck_assert_msg(at != NULL, "'%s' is not in the good file", from);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    snprintf(dir, sizeof dir, "%s", tmp_dir());
    write_ruleset(dir, "t", "t/1", NULL, NULL);
    write_file(dir, "t/definitions.lua",
               "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"
               "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n");
    write_file(dir, "t/parameters.lua", text);
    if (ruleset_from != NULL) {
        snprintf(rs, sizeof rs,
                 "ruleset {\n  id = \"t/1\", version = \"1\", jurisdiction = \"VN\",\n"
                 "  title = { vi = \"Thử\", en = \"Test\" },\n  legal_basis = { \"Test basis\" },\n"
                 "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" },\n}\n");
        at = strstr(rs, ruleset_from);
        ck_assert_ptr_nonnull(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - rs), rs, ruleset_to, at + strlen(ruleset_from));
        write_file(dir, "t/ruleset.lua", text);
    }
}

/* Open the rules in 'dir' in 'lang'; the load must fail at file 'file', line 'line', with a
** message holding 'text'. */
static void assert_refused(rasoat_lang lang, const char *file, int line, const char *text)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;
    char where[600];

    memset(&o, 0, sizeof o);
    o.rules_dir = dir;
    o.lang = lang;
    ck_assert_int_ne(rasoat_open(&o, &e, &err), RASOAT_OK);
    rasoat_close(e);
    snprintf(where, sizeof where, "%s/t/%s:%d: ", dir, file, line);
    ck_assert_msg(strncmp(err.message, where, strlen(where)) == 0, "expected the message to start with \"%s\": %s",
                  where, err.message);
    ck_assert_int_eq(err.line, line);
    ck_assert_msg(strstr(err.message, text) != NULL, "expected \"%s\" in: %s", text, err.message);
}

START_TEST(the_good_file_should_load)
{
    rasoat_engine *e;

    write_with("value = 100", "value = 100", NULL, NULL);
    e = open_engine(dir, 0, 0);
    rasoat_close(e);
}
END_TEST

START_TEST(a_number_with_dots_should_be_written_without_them)
{
    write_with("rural = 1500000", "rural = 1.500.000", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 10, "viết số không có dấu chấm phân cách: 1500000");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 10, "write the number without separators: 1500000 (not 1.500.000)");
}
END_TEST

START_TEST(a_number_with_commas_should_be_written_without_them)
{
    write_with("value = 100,", "value = 1,800,000,", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 2, "'line': viết số không có dấu phẩy phân cách: value = 1800000");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 2, "write the number without commas: value = 1800000");
    write_with("rural = 1500000", "rural = 1,500,000", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 9, "viết số liền, 2200000");
}
END_TEST

START_TEST(a_missing_comma_should_name_its_own_line)
{
    /* The comma is missing after "value = 100" on line 3; Lua stops at 'unit' on line 4. */
    write_with("value = 100,\n", "value = 100\n", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 3, "thiếu dấu phẩy ở cuối dòng này (trước 'unit')");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 3, "a comma is missing at the end of this line (before 'unit')");
    /* A blank line and a comment between do not move it. */
    write_with("value = 100,\n", "value = 100 -- points\n\n  -- the unit\n", NULL, NULL);
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 3, "a comma is missing at the end of this line");
    /* Inside one line: before 'urban' on line 10. */
    write_with("rural = 1500000,", "rural = 1500000", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 10, "thiếu dấu phẩy trước 'urban' trên dòng này");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 10, "a comma is missing before 'urban' on this line");
}
END_TEST

START_TEST(a_misspelt_field_should_suggest_the_right_one)
{
    write_with("  citation = \"Test art. 4\"", "  citaton = \"Test art. 4\"", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 9, "'income_line': trường 'citaton' không có; có phải 'citation'?");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 9, "there is no field 'citaton'; did you mean 'citation'?");
    /* A field nothing is near: the known fields are listed. */
    write_with("  unit = \"points\",", "  unit = \"points\", colour = \"red\",", NULL, NULL);
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 2,
                   "there is no field 'colour' (the fields are: value, unit, citation, status, source, note)");
}
END_TEST

START_TEST(a_number_where_text_is_expected_should_say_quote_it)
{
    write_with("value = 100", "value = 100", "jurisdiction = \"VN\"", "jurisdiction = 99");
    assert_refused(RASOAT_LANG_VI, "ruleset.lua", 1, "trường 'jurisdiction' là văn bản: viết trong ngoặc kép, jurisdiction = \"99\"");
    assert_refused(RASOAT_LANG_EN, "ruleset.lua", 1, "field 'jurisdiction' is text: write it in double quotes, jurisdiction = \"99\"");
}
END_TEST

/* The first declaration (line 2) loses its closing brace; Lua reads on to the end of file. */
START_TEST(an_unclosed_brace_should_name_where_it_opens)
{
    write_with("  status = CONFIRMED,\n}\n", "  status = CONFIRMED,\n", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 2, "dấu { mở trên dòng này chưa được đóng");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 2, "the { opened on this line is never closed");
}
END_TEST

START_TEST(an_unclosed_quote_should_name_its_line)
{
    write_with("unit = \"points\",", "unit = \"points,", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 4, "văn bản mở bằng dấu \" trên dòng này chưa được đóng");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 4, "the text opened with \" on this line is never closed");
}
END_TEST

START_TEST(another_syntax_error_should_keep_lua_words_behind_a_vietnamese_prefix)
{
    write_with("value = 100,", "value = = 100,", NULL, NULL);
    assert_refused(RASOAT_LANG_VI, "parameters.lua", 3, "lỗi cú pháp trong tệp quy tắc (thông báo của Lua: unexpected symbol near '='");
    assert_refused(RASOAT_LANG_EN, "parameters.lua", 3, "unexpected symbol near '='");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mistakes");
    TCase *tc = tcase_create("parameters");

    tcase_add_test(tc, the_good_file_should_load);
    tcase_add_test(tc, a_number_with_dots_should_be_written_without_them);
    tcase_add_test(tc, a_number_with_commas_should_be_written_without_them);
    tcase_add_test(tc, a_missing_comma_should_name_its_own_line);
    tcase_add_test(tc, a_misspelt_field_should_suggest_the_right_one);
    tcase_add_test(tc, a_number_where_text_is_expected_should_say_quote_it);
    tcase_add_test(tc, an_unclosed_brace_should_name_where_it_opens);
    tcase_add_test(tc, an_unclosed_quote_should_name_its_line);
    tcase_add_test(tc, another_syntax_error_should_keep_lua_words_behind_a_vietnamese_prefix);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
