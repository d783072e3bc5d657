/*
** test_check.c: 'rasoat check' end to end through the binary: the bundled rules check
** without errors; load errors (syntax, missing citation, overlapping national dates, an
** override of a name the parent lacks, a missing English label) come out as
** "FILE:LINE: error:" with the right place; lint findings (unused parameter, Lua-function
** provision) as warnings and notes; exit statuses; messages in Vietnamese and English.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "common.h"

static char workdir[256];
static char rulesdir[256];

/* Run "rasoat ARGS" in 'workdir' (common.c). */
static int run(const char *args)
{
    return run_rasoat(workdir, args, NULL);
}

/* A file of 'workdir' (common.c). */
static const char *slurp(const char *name)
{
    return read_in(workdir, name);
}

/* Assert that stdout holds a line starting "RULES/file:line: severity: ". */
static void assert_finding(const char *file, int line, const char *severity)
{
    char want[600];
    const char *out = slurp("out.txt");

    snprintf(want, sizeof want, "%s/%s:%d: %s: ", rulesdir, file, line, severity);
    ck_assert_msg(strstr(out, want) != NULL, "no '%s' in output:\n%s", want, out);
}

/* How many lines of stdout have the severity "error". */
static int error_lines(void)
{
    const char *p = slurp("out.txt");
    int n = 0;

    while ((p = strstr(p, ": error: ")) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* Run "check --rules RULES ARGS". */
static int run_check(const char *args)
{
    char cmd[1024];

    snprintf(cmd, sizeof cmd, "check --rules '%s' %s", rulesdir, args);
    return run(cmd);
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
    snprintf(rulesdir, sizeof rulesdir, "%s", tmp_dir());
}

/* A rule set "t/a" in rulesdir/a whose definitions.lua is 'definitions'. */
static void ruleset_with_definitions(const char *definitions)
{
    write_ruleset(rulesdir, "a", "t/a", NULL, NULL);
    write_file(rulesdir, "a/definitions.lua", definitions);
}

static const char indicators[] =
    "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"
    "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n";

START_TEST(check_should_pass_the_bundled_rules_without_errors)
{
    ck_assert_int_eq(run("check"), 0);
    ck_assert_int_eq(error_lines(), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "0 lỗi, 0 cảnh báo"));
    ck_assert_int_eq(run("check --lang en"), 0);
    ck_assert_int_eq(error_lines(), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "0 error(s), 0 warning(s)"));
}
END_TEST

START_TEST(check_should_check_one_bundled_set_by_id)
{
    ck_assert_int_eq(run("check hcm/2021-2024 --lang en"), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "1 rule set(s) checked"));
    ck_assert_ptr_null(strstr(slurp("out.txt"), "/vn/2022-2025/"));
}
END_TEST

START_TEST(check_should_list_secondary_parameters_and_unconfirmed_thresholds_as_notes)
{
    ck_assert_int_eq(run("check vn/2022-2025 --lang en"), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"),
                                 "parameters.lua:46: note: parameter 'min_floor_area_per_person'"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "note: indicator 'water'"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "UNCONFIRMED"));
}
END_TEST

START_TEST(check_should_reject_an_unknown_id_or_option_with_exit_2)
{
    ck_assert_int_eq(run("check no/such-set"), 2);
    ck_assert_ptr_nonnull(strstr(slurp("err.txt"), "no/such-set"));
    ck_assert_int_eq(run("check --bogus"), 2);
    ck_assert_int_eq(run("check a b"), 2);
}
END_TEST

START_TEST(check_should_document_exit_statuses_in_help)
{
    ck_assert_int_eq(run("check --help --lang en"), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "1 warnings"));
    ck_assert_int_eq(run("check --help"), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "Mã thoát"));
}
END_TEST

START_TEST(check_should_report_a_syntax_error_at_its_file_and_line)
{
    write_ruleset(rulesdir, "a", "t/a", NULL, NULL);
    write_file(rulesdir, "a/provisions.lua",
               "provision \"rest\" { class = \"not_poor\", citation = \"Test\", status = CONFIRMED,\n"
               "  when = always() }\n"
               "provision \"broken\" { class = = }\n");
    ck_assert_int_eq(run_check(""), 2);
    assert_finding("a/provisions.lua", 3, "error");
    ck_assert_int_eq(error_lines(), 1);
}
END_TEST

START_TEST(check_should_report_a_parameter_without_citation_at_its_line)
{
    char text[2048];

    snprintf(text, sizeof text, "%s\nparameter \"line\" { value = 100, unit = \"points\", status = CONFIRMED }\n",
             indicators);
    ruleset_with_definitions(text);
    ck_assert_int_eq(run_check("--lang en"), 2);
    assert_finding("a/definitions.lua", 4, "error");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "citation"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "failed to load: 1 error(s)"));
    ck_assert_int_eq(run_check(""), 2);
    assert_finding("a/definitions.lua", 4, "error");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "trường 'citation'"));
}
END_TEST

START_TEST(check_should_warn_about_an_unused_parameter_at_its_line)
{
    char text[2048];

    snprintf(text, sizeof text,
             "parameter \"line\" { value = 100, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
             "%s"
             "parameter \"spare\" { value = 7, unit = \"points\", citation = \"Test art. 9\", status = CONFIRMED }\n",
             indicators);
    ruleset_with_definitions(text);
    ck_assert_int_eq(run_check("--lang en"), 1);
    assert_finding("a/definitions.lua", 4, "warning");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "parameter 'spare' is unused"));
    /* 'line' is read by P.line in a function provision: not a warning. */
    ck_assert_ptr_null(strstr(slurp("out.txt"), "'line'"));
    ck_assert_int_eq(error_lines(), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "0 error(s), 1 warning(s)"));
    ck_assert_int_eq(run_check(""), 1);
    assert_finding("a/definitions.lua", 4, "warning");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "tham số 'spare' không được dùng"));
}
END_TEST

START_TEST(check_should_count_a_parameter_compared_by_a_child_condition_as_used)
{
    write_ruleset(rulesdir, "a", "t/a", NULL,
                  "provision \"rest\" { class = \"not_poor\", citation = \"Test\", status = CONFIRMED,\n"
                  "  when = always() }\n");
    write_file(rulesdir, "a/local/ruleset.lua",
               "ruleset { id = \"t/local\", version = \"1\", jurisdiction = \"79\", extends = \"t/a\",\n"
               "  title = { vi = \"Địa phương\", en = \"Local\" }, legal_basis = { \"Local basis\" },\n"
               "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" } }\n");
    write_file(rulesdir, "a/local/provisions.lua",
               "provision \"poor\" { class = \"poor\", citation = \"L\", status = CONFIRMED,\n"
               "  when = at_most(\"b1\", \"line\") }\n"
               "provision \"rest\" { class = \"not_poor\", citation = \"L\", status = CONFIRMED,\n"
               "  when = always() }\n");
    ck_assert_int_eq(run_check("--lang en"), 0);
    ck_assert_ptr_null(strstr(slurp("out.txt"), "unused"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "2 rule set(s) checked"));
    /* Checking only the parent still sees its child's use. */
    ck_assert_int_eq(run_check("t/a --lang en"), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "1 rule set(s) checked"));
}
END_TEST

/*
** A parent "t/a" with income_line and b1_line compared by its provisions; a local set that
** overrides income_line only is warned about (at its override's line), one that overrides
** both, or whose own provisions do not compare B1 scores, is not.
*/
static void parent_with_income_and_b1_lines(void)
{
    char text[2048];

    write_ruleset(rulesdir, "a", "t/a", NULL,
                  "provision \"poor\" { class = \"poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = any_of(at_most(\"b1\", \"b1_line\"), at_most(\"income\", \"income_line\")) }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = always() }\n");
    snprintf(text, sizeof text,
             "parameter \"income_line\" { value = 1500000, unit = \"VND\", citation = \"T 1\", status = CONFIRMED }\n"
             "parameter \"b1_line\" { value = 140, unit = \"points\", citation = \"T 2\", status = CONFIRMED }\n"
             "%s", indicators);
    write_file(rulesdir, "a/definitions.lua", text);
    write_file(rulesdir, "a/local/ruleset.lua",
               "ruleset { id = \"t/local\", version = \"1\", jurisdiction = \"79\", extends = \"t/a\",\n"
               "  title = { vi = \"Địa phương\", en = \"Local\" }, legal_basis = { \"Local basis\" },\n"
               "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" } }\n");
}

START_TEST(check_should_warn_when_a_local_set_overrides_income_line_but_not_b1_line)
{
    parent_with_income_and_b1_lines();
    write_file(rulesdir, "a/local/parameters.lua",
               "-- the local line\n"
               "override \"income_line\" { value = 2000000, unit = \"VND\", citation = \"L 1\", status = CONFIRMED }\n");
    ck_assert_int_eq(run_check("--lang en"), 1);
    assert_finding("a/local/parameters.lua", 2, "warning");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "t/local overrides income_line but not b1_line"));
    ck_assert_int_eq(run_check(""), 1);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "t/local ghi đè income_line nhưng không ghi đè b1_line"));

    write_file(rulesdir, "a/local/parameters.lua",
               "override \"income_line\" { value = 2000000, unit = \"VND\", citation = \"L 1\", status = CONFIRMED }\n"
               "override \"b1_line\" { value = 150, unit = \"points\", citation = \"L 2\", status = CONFIRMED }\n");
    ck_assert_int_eq(run_check("--lang en"), 0);
    ck_assert_ptr_null(strstr(slurp("out.txt"), "b1_line"));

    write_file(rulesdir, "a/local/parameters.lua",
               "override \"income_line\" { value = 2000000, unit = \"VND\", citation = \"L 1\", status = CONFIRMED }\n"
               "provision \"poor\" { class = \"poor\", citation = \"L\", status = CONFIRMED,\n"
               "  when = at_most(\"income\", \"income_line\") }\n"
               "provision \"rest\" { class = \"not_poor\", citation = \"L\", status = CONFIRMED, when = always() }\n");
    ck_assert_int_eq(run_check("t/local --lang en"), 0);
}
END_TEST

START_TEST(check_should_note_a_provision_written_as_a_function)
{
    write_ruleset(rulesdir, "a", "t/a", NULL, NULL);
    ck_assert_int_eq(run_check("--lang en"), 0);
    assert_finding("a/provisions.lua", 1, "note");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "provision 'poor' is a Lua function"));
    ck_assert_int_eq(run_check(""), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "quy định 'poor' viết bằng hàm Lua"));
}
END_TEST

START_TEST(check_should_report_overlapping_national_dates_naming_both_files)
{
    char a[600], b[600];

    write_ruleset(rulesdir, "a", "t/a", NULL, NULL);
    write_ruleset(rulesdir, "b", "t/b", "{ from = \"2025-01-01\", to = \"2027-12-31\" }", NULL);
    ck_assert_int_eq(run_check("--lang en"), 2);
    ck_assert_int_eq(error_lines(), 1);
    snprintf(a, sizeof a, "%s/a/ruleset.lua", rulesdir);
    snprintf(b, sizeof b, "%s/b/ruleset.lua", rulesdir);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), a));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), b));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "in force at the same time"));
}
END_TEST

START_TEST(check_should_report_an_override_the_parent_lacks_at_its_line)
{
    write_ruleset(rulesdir, "a", "t/a", NULL, NULL);
    write_file(rulesdir, "local/ruleset.lua",
               "ruleset { id = \"t/local\", version = \"1\", jurisdiction = \"79\", extends = \"t/a\",\n"
               "  title = { vi = \"Địa phương\", en = \"Local\" }, legal_basis = { \"Local basis\" },\n"
               "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" } }\n");
    write_file(rulesdir, "local/parameters.lua",
               "-- local figures\n"
               "\n"
               "override \"no_such_figure\" { value = 5, unit = \"points\", citation = \"L\", status = CONFIRMED }\n");
    ck_assert_int_eq(run_check("--lang en"), 2);
    assert_finding("local/parameters.lua", 3, "error");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "no_such_figure"));
}
END_TEST

START_TEST(check_should_report_an_indicator_without_an_english_label)
{
    ruleset_with_definitions(
        "parameter \"line\" { value = 100, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
        "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"
        "indicator \"b\" { dimension = \"d\", label = { vi = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n");
    ck_assert_int_eq(run_check("--lang en"), 2);
    assert_finding("a/definitions.lua", 3, "error");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "field 'en'"));
    ck_assert_int_eq(run_check(""), 2);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "trường 'en'"));
}
END_TEST

START_TEST(check_should_take_a_directory_as_the_rules_to_check)
{
    char args[600];

    write_ruleset(rulesdir, "a", "t/a", NULL, NULL);
    write_file(rulesdir, "a/extra.lua",
               "parameter \"spare\" { value = 7, unit = \"points\", citation = \"Test art. 9\", status = SECONDARY }\n");
    snprintf(args, sizeof args, "check '%s' --lang en", rulesdir);
    ck_assert_int_eq(run(args), 1);
    assert_finding("a/extra.lua", 1, "warning");
    assert_finding("a/extra.lua", 1, "note");
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "status SECONDARY"));
}
END_TEST

static Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("check");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, check_should_pass_the_bundled_rules_without_errors);
    tcase_add_test(tc, check_should_check_one_bundled_set_by_id);
    tcase_add_test(tc, check_should_list_secondary_parameters_and_unconfirmed_thresholds_as_notes);
    tcase_add_test(tc, check_should_reject_an_unknown_id_or_option_with_exit_2);
    tcase_add_test(tc, check_should_document_exit_statuses_in_help);
    tcase_add_test(tc, check_should_report_a_syntax_error_at_its_file_and_line);
    tcase_add_test(tc, check_should_report_a_parameter_without_citation_at_its_line);
    tcase_add_test(tc, check_should_warn_about_an_unused_parameter_at_its_line);
    tcase_add_test(tc, check_should_count_a_parameter_compared_by_a_child_condition_as_used);
    tcase_add_test(tc, check_should_warn_when_a_local_set_overrides_income_line_but_not_b1_line);
    tcase_add_test(tc, check_should_note_a_provision_written_as_a_function);
    tcase_add_test(tc, check_should_report_overlapping_national_dates_naming_both_files);
    tcase_add_test(tc, check_should_report_an_override_the_parent_lacks_at_its_line);
    tcase_add_test(tc, check_should_report_an_indicator_without_an_english_label);
    tcase_add_test(tc, check_should_take_a_directory_as_the_rules_to_check);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(check_suite());
}
