/*
** test_diff_jobs.c: 'rasoat diff --jobs N' gives the same bytes for every N, and keeps its
** movers in a temporary file that does not outlive it (design.md, "Scale"). On a file of
** more than two batches (512 records each) holding every class, undetermined households,
** error records, lines that are not JSON and several communes, the report in each format,
** the failed expectations on stderr (with the ids they name) and the exit status are
** identical for N = 1, 2 and 7; the temporary directory is empty afterwards.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* The shipped sample and review communes and the 2027-2030 households across periods, a
** fragment that is not JSON and a record with a bad field, repeated past two batches (13 × 89 = 1157). */
static void write_input(const char *dir)
{
    char path[1024], cmd[4096];
    const char *data = getenv("RASOAT_TEST_DATA");

    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    snprintf(cmd, sizeof cmd,
             "set -e; mkdir -p '%s/tmp'; for i in $(seq 13); do "
             "cat '%s/../rules/vn/2022-2025/fixtures/review-commune.jsonl' "
             "'%s/../rules/vn/2022-2025/fixtures/sample-commune.jsonl' "
             "'%s/../rules/vn/2027-2030/fixtures/across-periods.jsonl'; echo '{not json'; "
             "echo '{\"id\":\"BAD'$i'\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":\"4\"}'; "
             "done > '%s'", dir, data, data, data, path);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(diff_jobs_should_give_the_same_bytes_for_every_count)
{
    static const int counts[] = {1, 2, 7};
    static const char *const formats[] = {"text", "csv", "json"};
    const char *dir = tmp_dir();
    size_t f;

    write_input(dir);
    for (f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        int i, first_status = -1;

        for (i = 0; i < 3; i++) {
            char args[1024], cmd[2048], tmp[1024];
            int status;

            snprintf(args, sizeof args,
                     "--lang en diff --jobs %d --from vn/2022-2025 --to vn/2027-2030 --format %s "
                     "--expect 'at most 5 households change' --expect 'no household moves from poor to undetermined' "
                     "--output r%d.%s in.jsonl", counts[i], formats[f], counts[i], formats[f]);
            /* TMPDIR is the test's own directory, to see that the spool leaves nothing. */
            snprintf(tmp, sizeof tmp, "%s/tmp", dir);
            setenv("TMPDIR", tmp, 1);
            status = run_rasoat(dir, args, NULL);
            unsetenv("TMPDIR");
            snprintf(cmd, sizeof cmd, "cd '%s' && mv err.txt e%d.%s", dir, counts[i], formats[f]);
            ck_assert_int_eq(system(cmd), 0);
            if (i == 0) {
                first_status = status;
                continue;
            }
            ck_assert_int_eq(status, first_status);
            snprintf(cmd, sizeof cmd, "cd '%s' && cmp r1.%s r%d.%s && cmp e1.%s e%d.%s", dir, formats[f],
                     counts[i], formats[f], formats[f], counts[i], formats[f]);
            ck_assert_msg(system(cmd) == 0, "--jobs %d differs from --jobs 1 (%s)", counts[i], formats[f]);
        }
        ck_assert_int_eq(first_status, 1);              /* both expectations fail */
    }
    /* The run saw every record and named movers; the spool is gone. */
    expect_file_holds(dir, "r7.text", "File in.jsonl: 1157 households");
    expect_file_holds(dir, "e7.text", "expectation failed: \"at most 5 households change\"");
    expect_file_holds(dir, "e7.text", ", …)");
    expect_file_holds(dir, "r7.json", "\"moved\":\t[{");
    {
        char cmd[1024];

        snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s/tmp')\"", dir);
        ck_assert_msg(system(cmd) == 0, "the temporary file outlived the run");
    }
}
END_TEST

START_TEST(diff_jobs_should_refuse_a_bad_count)
{
    const char *dir = tmp_dir();

    ck_assert_int_eq(run_rasoat(dir, "--lang en diff --jobs 0 --from vn/2022-2025 --to vn/2027-2030", ""), 2);
    ck_assert_ptr_nonnull(strstr(read_in(dir, "err.txt"), "--jobs"));
    ck_assert_int_eq(run_rasoat(dir, "--lang en diff --jobs 257 --from vn/2022-2025 --to vn/2027-2030", ""), 2);
}
END_TEST

START_TEST(diff_should_say_when_the_temporary_file_cannot_be_made)
{
    const char *dir = tmp_dir();

    write_input(dir);
    setenv("TMPDIR", "/nonexistent/rasoat", 1);
    ck_assert_int_eq(run_rasoat(dir, "--lang en diff --jobs 2 --from vn/2022-2025 --to vn/2027-2030 in.jsonl", NULL), 3);
    unsetenv("TMPDIR");
    ck_assert_ptr_nonnull(strstr(read_in(dir, "err.txt"), "cannot write the temporary file"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("diff_jobs");
    TCase *tc = tcase_create("diff_jobs");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, diff_jobs_should_give_the_same_bytes_for_every_count);
    tcase_add_test(tc, diff_jobs_should_refuse_a_bad_count);
    tcase_add_test(tc, diff_should_say_when_the_temporary_file_cannot_be_made);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
