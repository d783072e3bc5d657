/*
** test_testcmd.c: 'rasoat test' end to end through the binary: the bundled fixtures pass,
** one rule set can be picked, a broken expectation is named with expected/got, coverage
** by legal citation names what no fixture exercises and --min-coverage gates on it, and
** an unknown rule set is a usage error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "common.h"

static char workdir[256];

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

/* Fail unless the output (out.txt) contains 'text'. */
static void assert_out_has(const char *text)
{
    const char *out = slurp("out.txt");

    ck_assert_msg(strstr(out, text) != NULL, "output lacks \"%s\":\n%s", text, out);
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
}

START_TEST(testcmd_should_pass_on_the_bundled_rules)
{
    ck_assert_int_eq(run("test --lang en"), 0);
    assert_out_has(" passed, 0 failed\n");
    assert_out_has("vn/2022-2025: ");
    assert_out_has("hcm/2021-2024: ");
    ck_assert_int_eq(run("test"), 0); /* Vietnamese keeps the English summary line */
    assert_out_has(" passed, 0 failed\n");
}
END_TEST

START_TEST(testcmd_should_pass_one_rule_set_by_id_or_directory)
{
    char args[600];

    ck_assert_int_eq(run("test vn/2022-2025 --lang en"), 0);
    assert_out_has("vn/2022-2025: ");
    assert_out_has(" passed, 0 failed\n");
    ck_assert_msg(strstr(slurp("out.txt"), "hcm/2021-2024") == NULL, "ran more than the set asked");

    snprintf(args, sizeof args, "test '%s/vn' --lang en", source_rules());
    ck_assert_int_eq(run(args), 0);
    assert_out_has("vn/2016-2020: ");
    assert_out_has("vn/2027-2030: ");
    ck_assert_msg(strstr(slurp("out.txt"), "kontum/2024") == NULL, "ran a set outside the directory");
}
END_TEST

START_TEST(testcmd_should_name_a_failing_fixture_with_expected_and_got)
{
    char cmd[1200], path[600], expect_line[1200], args[700];
    char *text, *rest, *first;
    const char *name;
    cJSON *fx, *expect;
    char *old_class, *printed;
    FILE *f;
    long size;

    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/rules'", source_rules(), workdir);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(path, sizeof path, "%s/rules/vn/2022-2025/fixtures/thresholds.jsonl", workdir);

    /* Change the expected class of the first fixture. */
    f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = (char *)malloc((size_t)size + 1);
    ck_assert_int_eq((long)fread(text, 1, (size_t)size, f), size);
    text[size] = '\0';
    fclose(f);
    rest = strchr(text, '\n');
    ck_assert_ptr_nonnull(rest);
    *rest++ = '\0';
    first = text;
    fx = cJSON_Parse(first);
    ck_assert_ptr_nonnull(fx);
    name = str_field(fx, "name");
    expect = cJSON_GetObjectItem(fx, "expect");
    old_class = strdup(str_field(expect, "class"));
    ck_assert_msg(*name && *old_class, "the first fixture has no name or expected class");
    cJSON_ReplaceItemInObject(expect, "class", cJSON_CreateString("no_such_class"));
    printed = cJSON_PrintUnformatted(fx);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%s\n%s", printed, rest);
    fclose(f);

    snprintf(args, sizeof args, "test vn/2022-2025 --rules '%s/rules' --lang en", workdir);
    ck_assert_int_eq(run(args), 1);
    snprintf(expect_line, sizeof expect_line, "FAIL %s (", name);
    assert_out_has(expect_line);
    assert_out_has("thresholds.jsonl:1)");
    assert_out_has("  description: ");
    assert_out_has("  basis: ");
    snprintf(expect_line, sizeof expect_line, "  class: expected \"no_such_class\", got \"%s\"", old_class);
    assert_out_has(expect_line);
    assert_out_has(" passed, 1 failed\n");

    /* The bundled rules themselves are untouched. */
    ck_assert_int_eq(run("test vn/2022-2025"), 0);

    free(printed);
    free(old_class);
    cJSON_Delete(fx);
    free(text);
}
END_TEST

/* A rule set "t/1" with a provision no fixture reaches ("odd") and one fixture. */
static void write_tiny_ruleset(void)
{
    char line[1024];

    write_ruleset(workdir, "rules/t", "t/1", NULL,
                  "provision \"poor\" { class = \"poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
                  "  when = function(h, P) return h.b1 <= P.line end }\n"
                  "provision \"odd\" { class = \"near_poor\", citation = \"Test art. 9\", status = CONFIRMED,\n"
                  "  when = function(h) return h.b1 == 12345 end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    snprintf(line, sizeof line,
             "{\"name\":\"poor_at_50\",\"description\":\"B1 50 is under the line\",\"basis\":\"Test art. 3\","
             "\"household\":%s,\"expect\":{\"class\":\"poor\",\"provision\":\"poor\"}}\n",
             minimal_household(50));
    write_file(workdir, "rules/t/fixtures/basic.jsonl", line);
}

START_TEST(testcmd_should_report_coverage_and_gate_on_it)
{
    char args[700];

    write_tiny_ruleset();
    snprintf(args, sizeof args, "test t/1 --rules '%s/rules' --coverage --lang en", workdir);
    ck_assert_int_eq(run(args), 0);
    assert_out_has("Coverage of t/1 by legal citation: ");
    assert_out_has("  Test art. 9\n    never exercised: provision odd\n");
    assert_out_has("exercised: provision poor");
    assert_out_has("1 passed, 0 failed\n");

    snprintf(args, sizeof args, "test --rules '%s/rules' --min-coverage 100 --lang en", workdir);
    ck_assert_int_eq(run(args), 1);
    assert_out_has("coverage of t/1 is ");
    assert_out_has("below the minimum 100%");
    assert_out_has("1 passed, 0 failed\n");

    snprintf(args, sizeof args, "test --rules '%s/rules' --min-coverage 1", workdir);
    ck_assert_int_eq(run(args), 0);
}
END_TEST

/* A failing fixture is described in Vietnamese ("description"), or in English with
** --lang en when it has "description_en". */
START_TEST(testcmd_should_describe_a_failure_in_the_language_asked)
{
    char args[700], line[1024];

    write_ruleset(workdir, "rules/t", "t/1", NULL, NULL);
    snprintf(line, sizeof line,
             "{\"name\":\"wrong_on_purpose\",\"description\":\"Hộ có điểm B1 50 là hộ nghèo.\","
             "\"description_en\":\"A household scored 50 on B1 is poor.\",\"basis\":\"Test art. 3\","
             "\"household\":%s,\"expect\":{\"class\":\"near_poor\"}}\n", minimal_household(50));
    write_file(workdir, "rules/t/fixtures/basic.jsonl", line);
    snprintf(args, sizeof args, "test t/1 --rules '%s/rules'", workdir);
    ck_assert_int_eq(run(args), 1);
    assert_out_has("  mô tả: Hộ có điểm B1 50 là hộ nghèo.\n");
    assert_out_has("  class: mong đợi \"near_poor\", nhận được \"poor\"\n");
    snprintf(args, sizeof args, "test t/1 --rules '%s/rules' --lang en", workdir);
    ck_assert_int_eq(run(args), 1);
    assert_out_has("  description: A household scored 50 on B1 is poor.\n");
}
END_TEST

START_TEST(testcmd_should_fail_a_rule_set_without_fixtures)
{
    char args[700];

    write_ruleset(workdir, "rules/t", "t/1", NULL, NULL);
    snprintf(args, sizeof args, "test t/1 --rules '%s/rules'", workdir);
    ck_assert_int_eq(run(args), 1);
    assert_out_has("t/1: không có ca kiểm thử");
    assert_out_has("0 passed, 0 failed\n");
    snprintf(args, sizeof args, "test t/1 --rules '%s/rules' --lang en", workdir);
    ck_assert_int_eq(run(args), 1);
    assert_out_has("t/1: no fixtures");
}
END_TEST

/*
** A local set "l/1" extending "t/1" that overrides one parameter and adds one provision
** (t/1's line is 100, so b1 110 is not poor nationally and poor under l/1's 120):
** its coverage counts those two items only, so fixtures reaching both make it 100 %
** although the parent's provisions and indicators are never exercised through it.
*/
START_TEST(testcmd_should_count_only_what_a_local_set_declares)
{
    char args[700], line[1024];

    write_tiny_ruleset();
    write_file(workdir, "rules/l/ruleset.lua",
               "ruleset { id = \"l/1\", version = \"1\", jurisdiction = \"62\", extends = \"t/1\",\n"
               "  title = { vi = \"l\", en = \"l\" }, legal_basis = { \"Local art. 1\" },\n"
               "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" } }\n"
               "override \"line\" { value = 120, unit = \"points\", citation = \"Local art. 2\", status = CONFIRMED }\n"
               "provision \"local_poor\" { class = \"poor\", citation = \"Local art. 3\", status = CONFIRMED,\n"
               "  when = at_most(\"b1\", \"line\") }\n");
    snprintf(line, sizeof line,
             "{\"name\":\"local_poor_at_110\",\"basis\":\"Local art. 2, 3: 110 <= 120\","
             "\"household\":%.*s,\"province\":\"62\"},\"expect\":{\"class\":\"not_poor\",\"local\":[{\"class\":\"poor\"}]}}\n",
             (int)strlen(minimal_household(110)) - 1, minimal_household(110));
    write_file(workdir, "rules/l/fixtures/basic.jsonl", line);
    snprintf(args, sizeof args, "test l/1 --rules '%s/rules' --coverage --min-coverage 100 --lang en", workdir);
    ck_assert_int_eq(run(args), 0);
    assert_out_has("l/1: 1 ok, 0 wrong; coverage 2/2 (100.0%)");
    ck_assert_msg(strstr(slurp("out.txt"), "provision odd") == NULL, "the parent's provision counted for the local set");
}
END_TEST

START_TEST(testcmd_should_exit_2_on_an_unknown_rule_set_or_bad_usage)
{
    ck_assert_int_eq(run("test no/such-set"), 2);
    ck_assert_msg(strstr(slurp("err.txt"), "no/such-set") != NULL, "the error does not name the set");
    ck_assert_int_eq(run("test --min-coverage 101"), 2);
    ck_assert_int_eq(run("test --no-such-option"), 2);
    ck_assert_int_eq(run("test vn/2022-2025 vn/2016-2020"), 2);
    ck_assert_int_eq(run("test --rules /nonexistent/rules"), 2);
    ck_assert_int_eq(run("test --help --lang en"), 0);
    assert_out_has("--min-coverage");
    ck_assert_int_eq(run("test --help"), 0);
    assert_out_has("--coverage");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("testcmd");
    TCase *tc = tcase_create("test");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, testcmd_should_pass_on_the_bundled_rules);
    tcase_add_test(tc, testcmd_should_pass_one_rule_set_by_id_or_directory);
    tcase_add_test(tc, testcmd_should_name_a_failing_fixture_with_expected_and_got);
    tcase_add_test(tc, testcmd_should_report_coverage_and_gate_on_it);
    tcase_add_test(tc, testcmd_should_describe_a_failure_in_the_language_asked);
    tcase_add_test(tc, testcmd_should_fail_a_rule_set_without_fixtures);
    tcase_add_test(tc, testcmd_should_count_only_what_a_local_set_declares);
    tcase_add_test(tc, testcmd_should_exit_2_on_an_unknown_rule_set_or_bad_usage);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
