/*
** test_jobs.c: classify --jobs N gives the same bytes for every N (design.md, "Scale"): on
** a file of more than two batches holding every class, local entries, undetermined local
** standards, error records and lines that are not JSON, the results, the exit status and
** the decision log (its times fixed by SOURCE_DATE_EPOCH) are identical for N = 1, 2 and 7.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* The shipped review commune and sample commune (the report's and the README's samples), a fragment that is not JSON and a record
** with a bad field, repeated past two batches of 512. */
static void write_input(const char *dir)
{
    char path[1024], cmd[4096];
    int status;

    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    snprintf(cmd, sizeof cmd,
             "set -e; for i in $(seq 14); do cat '%s/../rules/vn/2022-2025/fixtures/review-commune.jsonl' "
             "'%s/../rules/vn/2022-2025/fixtures/sample-commune.jsonl'; echo '{not json'; "
             "echo '{\"id\":\"BAD'$i'\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":\"4\"}'; "
             "done > '%s'", getenv("RASOAT_TEST_DATA"), getenv("RASOAT_TEST_DATA"), path);
    status = system(cmd);
    ck_assert_int_eq(status, 0);
}

START_TEST(jobs_should_give_the_same_bytes_for_every_count)
{
    static const int counts[] = {1, 2, 7};
    const char *dir = tmp_dir();
    char args[512], first_out[64], first_log[64];
    int i, first_status = -1;

    write_input(dir);
    setenv("SOURCE_DATE_EPOCH", "1735635600", 1);      /* the same times in every log */
    for (i = 0; i < 3; i++) {
        int status;
        char out[64], logname[64];

        snprintf(out, sizeof out, "out%d.jsonl", counts[i]);
        snprintf(logname, sizeof logname, "d%d.log", counts[i]);
        snprintf(args, sizeof args, "classify --quiet --jobs %d --log %s --output %s in.jsonl",
                 counts[i], logname, out);
        status = run_rasoat(dir, args, NULL);
        ck_assert_int_eq(status, 1);                   /* the error records */
        if (i == 0) {
            first_status = status;
            snprintf(first_out, sizeof first_out, "%s", out);
            snprintf(first_log, sizeof first_log, "%s", logname);
        } else {
            char cmd[2048];

            ck_assert_int_eq(status, first_status);
            snprintf(cmd, sizeof cmd, "cd '%s' && cmp %s %s && cmp %s %s", dir, first_out, out,
                     first_log, logname);
            ck_assert_msg(system(cmd) == 0, "--jobs %d differs from --jobs 1", counts[i]);
        }
    }
    /* 14 × (44 + 40 + 2) = 1204 records in, as many out. */
    {
        char cmd[1024];

        snprintf(cmd, sizeof cmd, "cd '%s' && test $(wc -l < out7.jsonl) -eq 1204 "
                 "&& grep -c '\"error\":{\"code\":\"invalid_json\"' out7.jsonl | grep -qx 14", dir);
        ck_assert_msg(system(cmd) == 0, "not one record per input line");
    }
    ck_assert_int_eq(run_rasoat(dir, "verify d7.log", NULL), 0);
}
END_TEST

START_TEST(jobs_should_refuse_a_bad_count)
{
    const char *dir = tmp_dir();

    ck_assert_int_eq(run_rasoat(dir, "--lang en classify --jobs 0", ""), 2);
    ck_assert_ptr_nonnull(strstr(read_in(dir, "err.txt"), "--jobs"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jobs");
    TCase *tc = tcase_create("jobs");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, jobs_should_give_the_same_bytes_for_every_count);
    tcase_add_test(tc, jobs_should_refuse_a_bad_count);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
