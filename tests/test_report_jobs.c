/*
** test_report_jobs.c: report --jobs N gives the same bytes for every N (issue 13 item 1): on
** results past two batches of 512 holding every class and transition, error records, a
** line that is not JSON and a blank line, read from a results file, a second results file
** and a decision log (one with a broken line), the JSON, CSV and xlsx reports, their exit
** statuses and their provenance (counts, skipped records, log head) are identical for N = 1,
** 2 and 7; the workers start only once the layout is known, so N larger than the batches
** is fine too. The bundled rules are used (the tests' copy has no report layouts).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define KEEP "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head"

/* The review commune and the sample commune repeated 14 times with a record that is not
** JSON and one with a bad field (classify writes their error records), classified with a
** decision log; the results get a line that is not JSON and a blank line; the log a line
** whose chain is broken (its hash changed). */
static void write_inputs(const char *dir)
{
    char cmd[4096];
    int status;

    snprintf(cmd, sizeof cmd,
             "set -e; cd '%s'; for i in $(seq 14); do cat '%s/../rules/vn/2022-2025/fixtures/review-commune.jsonl' "
             "'%s/../rules/vn/2022-2025/fixtures/sample-commune.jsonl'; echo '{not json'; "
             "echo '{\"id\":\"BAD'$i'\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":\"4\"}'; "
             "done > in.jsonl",
             dir, getenv("RASOAT_TEST_DATA"), getenv("RASOAT_TEST_DATA"));
    status = system(cmd);
    ck_assert_int_eq(status, 0);
    snprintf(cmd, sizeof cmd, "classify --rules '%s/../rules' --quiet --jobs 1 --keep " KEEP
             " --log d.log --output res.jsonl in.jsonl", getenv("RASOAT_TEST_DATA"));
    ck_assert_int_eq(run_rasoat(dir, cmd, NULL), 1);
    snprintf(cmd, sizeof cmd,
             "set -e; cd '%s'; { head -n 700 res.jsonl; echo '{not json'; echo; tail -n +701 res.jsonl; } > a.jsonl; "
             "head -n 300 res.jsonl > b.jsonl; "
             /* the first digit of line 900's hash changed: to 0, or to 1 when it is 0 */
             "awk 'NR == 900 { i = index($0, \"\\\"hash\\\":\\\"\") + 8; "
             "d = substr($0, i, 1) == \"0\" ? \"1\" : \"0\"; $0 = substr($0, 1, i - 1) d substr($0, i + 1) } "
             "{ print }' d.log > broken.log; "
             "! cmp -s d.log broken.log",
             dir);
    status = system(cmd);
    ck_assert_int_eq(status, 0);
}

START_TEST(report_jobs_should_give_the_same_bytes_for_every_count)
{
    static const int counts[] = {1, 2, 7};
    static const char *const runs[][2] = {
        {"--format json --output %s.json a.jsonl b.jsonl", "json"},
        {"--level province --format json --output %s.json broken.log", "log.json"},
        {"--population '%s/../rules/vn/2022-2025/fixtures/review-commune.population.csv' --format csv --output %s a.jsonl", "csv"},
        {"--level province --format xlsx --output %s.xlsx d.log", "xlsx"},
    };
    const char *dir = tmp_dir();
    size_t k;
    int i;

    write_inputs(dir);
    for (k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        int first_status = -1;

        for (i = 0; i < 3; i++) {
            char out[64], args[1024], opts[768];
            int status;

            snprintf(out, sizeof out, "%s-%d", runs[k][1], counts[i]);
            if (strstr(runs[k][0], "population") != NULL)
                snprintf(opts, sizeof opts, runs[k][0], getenv("RASOAT_TEST_DATA"), out);
            else
                snprintf(opts, sizeof opts, runs[k][0], out);
            snprintf(args, sizeof args, "report --rules '%s/../rules' --jobs %d %s", getenv("RASOAT_TEST_DATA"),
                     counts[i], opts);
            status = run_rasoat(dir, args, NULL);
            ck_assert_msg(status == 1, "%s: exit %d (%s)", args, status, read_in(dir, "err.txt"));
            if (i == 0) {
                first_status = status;
            } else {
                char cmd[2048];

                ck_assert_int_eq(status, first_status);
                snprintf(cmd, sizeof cmd, "cd '%s' && %s %s-1%s %s%s", dir,
                         strcmp(runs[k][1], "csv") == 0 ? "diff -r" : "cmp",
                         runs[k][1], strcmp(runs[k][1], "csv") == 0 ? "" : strcmp(runs[k][1], "xlsx") == 0 ? ".xlsx" : ".json",
                         out, strcmp(runs[k][1], "csv") == 0 ? "" : strcmp(runs[k][1], "xlsx") == 0 ? ".xlsx" : ".json");
                ck_assert_msg(system(cmd) == 0, "%s differs from --jobs 1", args);
            }
        }
    }
    /* What the reports hold: every line counted or skipped (a.jsonl: 1,176 results and 29
    ** lines skipped; b.jsonl: 294 and 6), the broken log line named. */
    {
        char cmd[2048];

        snprintf(cmd, sizeof cmd,
                 "cd '%s' && grep -q '\"results\":1470,\"errors_skipped\":35,' json-7.json "
                 "&& grep -q '\"code\":\"invalid_json\"' json-7.json "
                 "&& grep -q '\"code\":\"log_line_broken\"' log.json-7.json "
                 "&& grep -q '\"log_lines_broken\":1' log.json-7.json "
                 "&& test $(ls csv-7 | wc -l) -gt 10",
                 dir);
        ck_assert_msg(system(cmd) == 0, "the reports do not hold what was read");
    }
}
END_TEST

START_TEST(report_jobs_should_refuse_a_bad_count)
{
    const char *dir = tmp_dir();

    ck_assert_int_eq(run_rasoat(dir, "--lang en report --jobs 0 x.jsonl", NULL), 2);
    ck_assert_ptr_nonnull(strstr(read_in(dir, "err.txt"), "--jobs"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report_jobs");
    TCase *tc = tcase_create("report_jobs");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, report_jobs_should_give_the_same_bytes_for_every_count);
    tcase_add_test(tc, report_jobs_should_refuse_a_bad_count);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
