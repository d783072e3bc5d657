/*
** test_hostile_cli.c: the reliability campaign's reproducers that need the whole command
** (shared/domain/reliability-findings.md §5): a hostile rule in the middle of a run loses
** nothing (H1), and the decision log stays readable and replays exactly for inputs that
** broke it before (M1 deep nesting, M2 a NUL byte, M3 a stateful rule, L4 a budget past
** 2^53).
*/
#include <stdio.h>
#include <string.h>

#include "common.h"

#define HOUSEHOLD(id, b1) \
    "{\"id\":\"" id "\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2," \
    "\"b1_score\":" #b1 ",\"deprivations\":{\"a\":true,\"b\":false}}\n"

static size_t count_lines(const char *text)
{
    size_t n = 0;

    for (; *text; text++)
        n += *text == '\n';
    return n;
}

START_TEST(hostile_cli_rule_raising_a_proxy_loses_no_record)
{
    /* Before: exit 134, nothing on stderr, 88 of the 100 earlier records written. */
    char input[40000] = "", args[1024];
    const char *rules = rules_running("error(P)");
    const char *work = tmp_dir();
    const char *out;
    int i;

    for (i = 0; i < 100; i++)
        strcat(input, HOUSEHOLD("ok", 150));
    strcat(input, HOUSEHOLD("boom", 50));
    for (i = 0; i < 100; i++)
        strcat(input, HOUSEHOLD("ok", 150));
    snprintf(args, sizeof args, "--lang en classify --quiet --rules '%s'", rules);
    ck_assert_int_eq(run_rasoat(work, args, input), 1);
    out = read_in(work, "out.txt");
    ck_assert_uint_eq(count_lines(out), 201);
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"boom\",\"line\":101,\"error\":{\"code\":\"rule\""));
    ck_assert_ptr_nonnull(strstr(out, "raised a table"));
}
END_TEST

START_TEST(hostile_cli_rule_file_raising_its_environment_is_a_load_error)
{
    char rules[512], args[1024];
    const char *work;

    snprintf(rules, sizeof rules, "%s", tmp_dir());
    work = tmp_dir();
    write_ruleset(rules, "t", "t/1", NULL, "error(_ENV)\n");
    snprintf(args, sizeof args, "--lang en rules list --rules '%s'", rules);
    ck_assert_int_eq(run_rasoat(work, args, NULL), 2);       /* before: 134 */
    ck_assert_ptr_nonnull(strstr(read_in(work, "err.txt"), "provisions.lua:1"));
}
END_TEST

/* Classify 'input' (bytes, 'len') with --log under 'rules' (NULL: bundled), then verify and
** replay; both must call the log intact and every decision identical. */
static void expect_exact_log(const char *rules, const char *input, size_t len,
                             const char *extra_options, int runs)
{
    const char *work = tmp_dir();
    char path[600], args[2048], rules_opt[700] = "";
    FILE *f;
    int run;

    snprintf(path, sizeof path, "%s/in.jsonl", work);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(input, 1, len, f), len);
    fclose(f);
    if (rules != NULL)
        snprintf(rules_opt, sizeof rules_opt, "--rules '%s'", rules);
    for (run = 0; run < runs; run++) {
        snprintf(args, sizeof args, "classify --quiet %s %s --log d.log --output out%d.jsonl in.jsonl",
                 rules_opt, extra_options, run);
        ck_assert_int_le(run_rasoat(work, args, NULL), 1);
    }
    snprintf(args, sizeof args, "--lang en verify d.log");
    ck_assert_int_eq(run_rasoat(work, args, NULL), 0);
    ck_assert_ptr_nonnull(strstr(read_in(work, "out.txt"), "intact"));
    snprintf(args, sizeof args, "--lang en replay %s d.log", rules_opt);
    ck_assert_msg(run_rasoat(work, args, NULL) == 0, "replay: %s", read_in(work, "out.txt"));
    ck_assert_ptr_nonnull(strstr(read_in(work, "out.txt"), " 0 different"));
}

START_TEST(hostile_cli_deeply_nested_record_keeps_the_log_readable)
{
    /* Before: 999 levels were logged as 1001, past every reader's limit: verify called
    ** the honest log torn, and --repair deleted the record. */
    char input[8192];
    int n, i;

    n = snprintf(input, sizeof input, "{\"id\":\"D\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\","
                                      "\"size\":2,\"b1_score\":200,\"x\":");
    for (i = 0; i < 999; i++)
        input[n++] = '[';
    for (i = 0; i < 999; i++)
        input[n++] = ']';
    n += snprintf(input + n, sizeof input - (size_t)n, "}\n");
    expect_exact_log(NULL, input, (size_t)n, "", 2);
}
END_TEST

START_TEST(hostile_cli_nul_byte_replays_exactly)
{
    /* Before: an intact log replayed as DIFFERENT (the logged input was cut at the NUL). */
    static const char input[] =
        "{\"id\":\"A\0B\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":2,\"b1_score\":200}\n"
        "{\"id\":\"A\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":2,\"b1_score\":200}\0tail\n";

    expect_exact_log(NULL, input, sizeof input - 1, "", 1);
}
END_TEST

START_TEST(hostile_cli_stateful_rule_replays_exactly)
{
    /* Before: classes alternated and replay found 3 of 6 different. */
    char rules[512];

    snprintf(rules, sizeof rules, "%s", tmp_dir());
    write_ruleset(rules, "t", "t/1", NULL,
                  "local n = 0\n"
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function(h) n = n + 1 return n % 2 == 0 end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    expect_exact_log(rules, HOUSEHOLD("S", 50) HOUSEHOLD("S", 50) HOUSEHOLD("S", 50),
                     strlen(HOUSEHOLD("S", 50)) * 3, "", 2);
}
END_TEST

START_TEST(hostile_cli_budget_past_2_53_replays_exactly)
{
    /* Before: the log kept the budget as a double, replay read back 0 (the default) and a
    ** busy rule that had passed now ran out of budget. */
    const char *rules = rules_running("local s = 0 for i = 1, 3000000 do s = s + i end return true");

    expect_exact_log(rules, HOUSEHOLD("B", 50), strlen(HOUSEHOLD("B", 50)),
                     "--budget 18446744073709551615", 1);
}
END_TEST

START_TEST(hostile_cli_lines_after_an_array_are_each_a_record)
{
    /* Before (finding L1): 3 lines gave 2 records, both households folded into one
    ** "text after the end of the JSON array" error. */
    const char *work = tmp_dir();
    const char *out;

    ck_assert_int_eq(run_rasoat(work, "--lang en classify --quiet",
                                "[1]\n" HOUSEHOLD("A", 150) HOUSEHOLD("B", 150)), 1);
    out = read_in(work, "out.txt");
    ck_assert_uint_eq(count_lines(out), 3);
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"A\",\"survey_date\""));
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"B\",\"survey_date\""));
}
END_TEST

START_TEST(hostile_cli_stray_brace_does_not_end_an_array)
{
    /* Before: A was classified and B folded into the trailing-text error. */
    const char *work = tmp_dir();
    const char *out;

    ck_assert_int_eq(run_rasoat(work, "--lang en classify --quiet",
                                "[{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,\"b1_score\":150}},\n"
                                "{\"id\":\"B\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,\"b1_score\":150}]\n"), 1);
    out = read_in(work, "out.txt");
    ck_assert_uint_eq(count_lines(out), 2);
    ck_assert_ptr_nonnull(strstr(out, "\"line\":1,\"error\":{\"code\":\"invalid_json\""));
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"B\",\"survey_date\""));
}
END_TEST

static Suite *hostile_cli_suite(void)
{
    Suite *s = suite_create("hostile-cli");
    TCase *tc = tcase_create("whole runs");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, hostile_cli_rule_raising_a_proxy_loses_no_record);
    tcase_add_test(tc, hostile_cli_rule_file_raising_its_environment_is_a_load_error);
    tcase_add_test(tc, hostile_cli_deeply_nested_record_keeps_the_log_readable);
    tcase_add_test(tc, hostile_cli_nul_byte_replays_exactly);
    tcase_add_test(tc, hostile_cli_stateful_rule_replays_exactly);
    tcase_add_test(tc, hostile_cli_budget_past_2_53_replays_exactly);
    tcase_add_test(tc, hostile_cli_lines_after_an_array_are_each_a_record);
    tcase_add_test(tc, hostile_cli_stray_brace_does_not_end_an_array);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(hostile_cli_suite());
}
