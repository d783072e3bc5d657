/*
** test_cli.c: the 'rasoat' command end to end: exit statuses, error records, one output
** record per input record in input order, both input formats, options, help.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "common.h"

static char workdir[256];

/* Run "rasoat ARGS" in 'workdir' with 'input' on stdin (common.c). */
static int run(const char *args, const char *input)
{
    return run_rasoat(workdir, args, input);
}

/* A file of 'workdir' (common.c). */
static const char *slurp(const char *name)
{
    return read_in(workdir, name);
}

/* The output records, parsed, one per line; returns how many (at most 'max'). */
static int records(cJSON **out, int max)
{
    char *text = strdup(slurp("out.txt"));
    char *line, *save = NULL;
    int n = 0;

    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        ck_assert_int_lt(n, max);
        out[n] = cJSON_Parse(line);
        ck_assert_msg(out[n] != NULL, "output line %d is not JSON: %s", n + 1, line);
        n++;
    }
    free(text);
    return n;
}

static void free_records(cJSON **r, int n)
{
    while (n-- > 0)
        cJSON_Delete(r[n]);
}

/* A valid household of the 2022-2025 standard: over the B1 line, so not_poor. */
static const char *good(const char *id)
{
    static char text[8][512]; /* several may be live in one call's arguments */
    static int which;

    which = (which + 1) % 8;
    snprintf(text[which], sizeof text[which],
             "{\"id\":\"%s\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":3,\"b1_score\":180}", id);
    return text[which];
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
}

START_TEST(cli_should_exit_0_when_every_record_is_classified)
{
    char input[2048];
    cJSON *r[8];
    int n;

    snprintf(input, sizeof input, "%s\n\n%s\n", good("A"), good("B"));
    ck_assert_int_eq(run("classify", input), 0);
    n = records(r, 8);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(str_field(r[0], "id"), "A");
    ck_assert_str_eq(str_field(r[1], "class"), "not_poor");
    free_records(r, n);
}
END_TEST

START_TEST(cli_should_keep_going_past_bad_records_and_exit_1)
{
    char input[4096];
    cJSON *r[8];
    int n;

    snprintf(input, sizeof input, "%s\n{not json\n%s\n"
             "{\"id\":\"C\",\"survey_date\":\"2031-01-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":1}\n%s\n",
             good("A"), good("B"), good("D"));
    ck_assert_int_eq(run("classify --lang en", input), 1);
    n = records(r, 8);
    ck_assert_int_eq(n, 5);
    ck_assert_str_eq(str_field(r[0], "id"), "A");
    ck_assert_str_eq(error_field(r[1], "code"), "invalid_json");
    ck_assert_int_eq(cJSON_GetObjectItem(r[1], "line")->valueint, 2);
    ck_assert_str_eq(str_field(r[2], "id"), "B");
    ck_assert_str_eq(str_field(r[3], "id"), "C");
    ck_assert_str_eq(error_field(r[3], "code"), "no_ruleset");
    ck_assert_int_eq(cJSON_GetObjectItem(r[3], "line")->valueint, 4);
    ck_assert_str_eq(error_field(r[3], "message"), "no rule set is in force on 2031-01-01");
    ck_assert_str_eq(str_field(r[4], "id"), "D");
    free_records(r, n);
}
END_TEST

START_TEST(cli_should_read_a_json_array_with_element_lines)
{
    char input[4096];
    cJSON *r[8];
    int n;

    snprintf(input, sizeof input, "[\n  %s,\n  {\"id\": \"X\", \"note\": \"a ] and , inside \\\" a string\"},\n  %s\n]\n",
             good("A"), good("B"));
    ck_assert_int_eq(run("classify -", input), 1);
    n = records(r, 8);
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(str_field(r[0], "class"), "not_poor");
    ck_assert_str_eq(str_field(r[1], "id"), "X");
    ck_assert_str_eq(error_field(r[1], "code"), "missing_field");
    ck_assert_int_eq(cJSON_GetObjectItem(r[1], "line")->valueint, 3);
    ck_assert_str_eq(str_field(r[2], "id"), "B");
    free_records(r, n);
}
END_TEST

START_TEST(cli_should_report_an_unclosed_array)
{
    char input[2048];
    cJSON *r[8];
    int n;

    snprintf(input, sizeof input, "[%s,\n%s", good("A"), good("B"));
    ck_assert_int_eq(run("classify", input), 1);
    n = records(r, 8);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(str_field(r[0], "id"), "A");
    ck_assert_str_eq(error_field(r[1], "code"), "invalid_json");
    free_records(r, n);
}
END_TEST

START_TEST(cli_should_preserve_count_and_order_over_many_records)
{
    static char input[1 << 18];
    size_t len = 0;
    cJSON **r = (cJSON **)calloc(3000, sizeof *r);
    char id[16];
    int i, n;

    for (i = 0; i < 2000; i++) {
        snprintf(id, sizeof id, "H%04d", i);
        len += (size_t)snprintf(input + len, sizeof input - len, "%s\n",
                                i % 7 == 3 ? "{\"id\":" : good(id));
    }
    ck_assert_int_eq(run("classify", input), 1);
    n = records(r, 3000);
    ck_assert_int_eq(n, 2000);
    for (i = 0; i < n; i++) {
        snprintf(id, sizeof id, "H%04d", i);
        if (i % 7 == 3)
            ck_assert_int_eq(cJSON_GetObjectItem(r[i], "line")->valueint, i + 1);
        else
            ck_assert_str_eq(str_field(r[i], "id"), id);
    }
    free_records(r, n);
    free(r);
}
END_TEST

START_TEST(cli_should_write_to_an_output_file)
{
    ck_assert_int_eq(run("classify --output result.jsonl", good("A")), 0);
    ck_assert_str_eq(slurp("out.txt"), "");
    ck_assert_ptr_nonnull(strstr(slurp("result.jsonl"), "\"id\":\"A\""));
}
END_TEST

START_TEST(cli_should_apply_as_of_and_ruleset)
{
    const char *old = "{\"id\":\"O\",\"survey_date\":\"2010-05-05\",\"area\":\"rural\",\"size\":1,\"b1_score\":300}";

    ck_assert_int_eq(run("classify", old), 1);
    ck_assert_int_eq(run("classify --as-of 2024-10-01", old), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "\"survey_date\":\"2024-10-01\""));
    ck_assert_int_eq(run("classify --ruleset vn/2022-2025", old), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "\"class\":\"not_poor\""));
}
END_TEST

START_TEST(cli_should_exit_2_on_usage_and_rule_set_errors)
{
    ck_assert_int_eq(run("classify --no-such-option", ""), 2);
    ck_assert_int_eq(run("classify --as-of 2024-02-30", ""), 2);
    ck_assert_int_eq(run("classify --ruleset vn/1990", ""), 2);
    ck_assert_int_eq(run("classify --rules /nonexistent/rules", ""), 2);
    ck_assert_int_eq(run("classify a.jsonl b.jsonl", ""), 2);
    ck_assert_int_eq(run("frobnicate", ""), 2);
    ck_assert_int_eq(run("", ""), 2);
}
END_TEST

START_TEST(cli_should_exit_2_when_a_rule_file_is_broken)
{
    const char *dir = tmp_dir();
    char args[600];

    write_ruleset(dir, "x", "x/1", NULL, "provision \"p\" {\n");
    snprintf(args, sizeof args, "classify --rules '%s'", dir);
    ck_assert_int_eq(run(args, good("A")), 2);
    ck_assert_ptr_nonnull(strstr(slurp("err.txt"), "/x/provisions.lua:2:"));
    ck_assert_str_eq(slurp("out.txt"), "");
}
END_TEST

START_TEST(cli_should_exit_3_when_input_or_output_fails)
{
    ck_assert_int_eq(run("classify --output /dev/full", good("A")), 3);
    ck_assert_int_eq(run("classify no-such-file.jsonl", ""), 3);
    ck_assert_int_eq(run("classify --output /nonexistent/dir/out.jsonl", good("A")), 3);
}
END_TEST

START_TEST(cli_help_should_cover_every_option_in_both_languages)
{
    static const char *const options[] = {"--rules", "--ruleset", "--as-of", "--output",
                                          "--budget", "--memory", "--quiet", "--lang", NULL};
    const char *const *o;

    ck_assert_int_eq(run("--help", ""), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "phân loại"));
    ck_assert_int_eq(run("--lang en --help", ""), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "classify"));
    ck_assert_int_eq(run("classify --help", ""), 0);
    for (o = options; *o; o++)
        ck_assert_msg(strstr(slurp("out.txt"), *o) != NULL, "classify --help lacks %s", *o);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "Mã thoát"));
    ck_assert_int_eq(run("--lang en classify --help", ""), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "Exit status"));
}
END_TEST

START_TEST(cli_rules_list_should_name_every_rule_set)
{
    static const char *const ids[] = {"vn/2016-2020", "vn/2022-2025", "vn/2027-2030",
                                      "dongnai/2022-2025", "hcm/2021-2024", "kontum/2024", NULL};
    const char *const *id;

    ck_assert_int_eq(run("rules list", NULL), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "Hiệu lực từ"));
    for (id = ids; *id; id++)
        ck_assert_msg(strstr(slurp("out.txt"), *id) != NULL, "rules list lacks %s", *id);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "vn/2022-2025\t2022.1.0\tVN (toàn quốc)\t2022-01-01\t2026-12-31\t"));
}
END_TEST

START_TEST(cli_rules_show_should_give_figures_citations_and_overrides)
{
    ck_assert_int_eq(run("rules show vn/2022-2025", NULL), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "income_line = nông thôn 1.500.000; thành thị 2.000.000  (VND/person/month)  [CONFIRMED]"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "Nội dung chưa xác minh"));
    ck_assert_int_eq(run("--lang en rules show dongnai/2022-2025", NULL), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "income_line = rural 2,000,000; urban 2,500,000  (VND/person/month)  [CONFIRMED]"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "(overrides vn/2022-2025: was rural 1,500,000; urban 2,000,000 (VND/person/month), "));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "(inherited from vn/2022-2025)"));
    ck_assert_int_eq(run("rules show hcm/2021-2024 --lang en", NULL), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "sanitation — removed  [CONFIRMED]"));
    ck_assert_int_eq(run("rules show vn/1999", NULL), 2);
    ck_assert_int_eq(run("rules show", NULL), 2);
    ck_assert_int_eq(run("rules --help", NULL), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "rasoat rules show ID"));
}
END_TEST

START_TEST(cli_rules_hash_should_be_the_hash_results_carry)
{
    char hash[80];

    ck_assert_int_eq(run("rules hash vn/2022-2025", NULL), 0);
    snprintf(hash, sizeof hash, "\"sha256\":\"%.64s\"", slurp("out.txt"));
    ck_assert_int_eq((int)strlen(slurp("out.txt")), 65);
    ck_assert_int_eq(run("classify", good("A")), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), hash));
    ck_assert_int_eq(run("rules hash vn/1999", NULL), 2);
}
END_TEST

START_TEST(cli_boundaries_should_catch_a_change_on_the_wrong_side)
{
    const char *dir = tmp_dir();
    char args[700];

    /* 'poor' holds for b1 <= 100, but an earlier provision takes b1 <= 99: around 100 the
    ** outcome changes between 99 and 100, where b1 <= 100 says nothing changes. */
    write_ruleset(dir, "t", "t/1", NULL,
                  "parameter \"low\" { value = 99, unit = \"points\", citation = \"T\", status = CONFIRMED }\n"
                  "provision \"shadow\" { class = \"near_poor\", citation = \"T\", status = CONFIRMED, when = at_most(\"b1\", \"low\") }\n"
                  "provision \"poor\" { class = \"poor\", citation = \"T\", status = CONFIRMED, when = at_most(\"b1\", \"line\") }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED, when = always() }\n");
    snprintf(args, sizeof args, "--lang en test --boundaries t/1 --rules '%s'", dir);
    ck_assert_int_eq(run(args, NULL), 1);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "✗ poor: b1 at_most line = 100"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "b1: 99 → near_poor, 100 → poor, 101 → not_poor"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "1 failed"));
    snprintf(args, sizeof args, "test --boundaries vn/2022-2025");
    ck_assert_int_eq(run(args, NULL), 0);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "18 passed, 0 failed"));
}
END_TEST

START_TEST(cli_should_classify_the_bundled_sample)
{
    char args[1024];

    snprintf(args, sizeof args, "classify '%s/vn/2022-2025/fixtures/sample-commune.jsonl'", source_rules());
    ck_assert_int_eq(run(args, NULL), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("classify");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, cli_should_exit_0_when_every_record_is_classified);
    tcase_add_test(tc, cli_should_keep_going_past_bad_records_and_exit_1);
    tcase_add_test(tc, cli_should_read_a_json_array_with_element_lines);
    tcase_add_test(tc, cli_should_report_an_unclosed_array);
    tcase_add_test(tc, cli_should_preserve_count_and_order_over_many_records);
    tcase_add_test(tc, cli_should_write_to_an_output_file);
    tcase_add_test(tc, cli_should_apply_as_of_and_ruleset);
    tcase_add_test(tc, cli_should_exit_2_on_usage_and_rule_set_errors);
    tcase_add_test(tc, cli_should_exit_2_when_a_rule_file_is_broken);
    tcase_add_test(tc, cli_should_exit_3_when_input_or_output_fails);
    tcase_add_test(tc, cli_help_should_cover_every_option_in_both_languages);
    tcase_add_test(tc, cli_should_classify_the_bundled_sample);
    tcase_add_test(tc, cli_rules_list_should_name_every_rule_set);
    tcase_add_test(tc, cli_boundaries_should_catch_a_change_on_the_wrong_side);
    tcase_add_test(tc, cli_rules_hash_should_be_the_hash_results_carry);
    tcase_add_test(tc, cli_rules_show_should_give_figures_citations_and_overrides);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
