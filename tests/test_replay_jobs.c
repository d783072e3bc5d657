/*
** test_replay_jobs.c: replay --jobs N gives the same bytes for every N: a log of more than
** two batches of 256 lines (every class, local entries, error records, fragments that are
** not JSON), with a line altered, a line that is not JSON and a signed checkpoint, replayed
** with N = 1, 2 and 7 in text and JSON: the same report, summary and exit status. The JSON
** report of N = 7 also names the altered and unreadable lines, and the checkpoint gives no
** report.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* The review and sample communes, a fragment that is not JSON and a record with a bad
** field, repeated 8 times (688 records), classified into d.log (signed with k.key), then
** line 5's result edited and a line of text put after line 9. */
static void write_log(const char *dir)
{
    char cmd[4096];
    int status;

    snprintf(cmd, sizeof cmd,
             "set -e; cd '%s'; for i in $(seq 8); do cat '%s/../rules/vn/2022-2025/fixtures/review-commune.jsonl' "
             "'%s/../rules/vn/2022-2025/fixtures/sample-commune.jsonl'; echo '{not json'; "
             "echo '{\"id\":\"BAD'$i'\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":\"4\"}'; "
             "done > in.jsonl", dir, getenv("RASOAT_TEST_DATA"), getenv("RASOAT_TEST_DATA"));
    status = system(cmd);
    ck_assert_int_eq(status, 0);
    ck_assert_int_eq(run_rasoat(dir, "keygen --out k", NULL), 0);
    ck_assert_int_eq(run_rasoat(dir, "classify --quiet --jobs 1 --log d.log --sign k.key --output out.jsonl in.jsonl", NULL), 1);
    snprintf(cmd, sizeof cmd,
             "set -e; cd '%s'; test $(wc -l < d.log) -eq 689; "
             "sed -i -e '5s/\"class\":\"[a-z_]*\"/\"class\":\"edited\"/' -e '9a this line is not JSON' d.log; "
             "grep -q '\"class\":\"edited\"' d.log", dir);
    status = system(cmd);
    ck_assert_int_eq(status, 0);
}

START_TEST(replay_jobs_should_give_the_same_bytes_for_every_count)
{
    static const int counts[] = {1, 2, 7};
    static const char *const formats[] = {"text", "json"};
    const char *dir = tmp_dir();
    int i, f;

    write_log(dir);
    for (f = 0; f < 2; f++) {
        int first_status = -1;

        for (i = 0; i < 3; i++) {
            char args[256], cmd[1024];
            int status;

            snprintf(args, sizeof args, "--lang en replay --jobs %d --format %s d.log", counts[i],
                     formats[f]);
            status = run_rasoat(dir, args, NULL);
            ck_assert_int_eq(status, 1);        /* one differs, one cannot be read */
            snprintf(cmd, sizeof cmd, "cd '%s' && cp out.txt r%s%d.txt", dir, formats[f], counts[i]);
            ck_assert_int_eq(system(cmd), 0);
            if (i == 0) {
                first_status = status;
                continue;
            }
            ck_assert_int_eq(status, first_status);
            snprintf(cmd, sizeof cmd, "cd '%s' && cmp r%s1.txt r%s%d.txt", dir, formats[f], formats[f],
                     counts[i]);
            ck_assert_msg(system(cmd) == 0, "replay --jobs %d --format %s differs from --jobs 1",
                          counts[i], formats[f]);
        }
    }
    {
        char cmd[1024];

        /* 688 records and the line of text: a report each, none for the checkpoint; then
        ** the summary */
        snprintf(cmd, sizeof cmd, "cd '%s' && test $(wc -l < rjson7.txt) -eq 690 "
                 "&& grep -c '\"status\":\"unreadable\"' rjson7.txt | grep -qx 1 "
                 "&& grep -c '\"status\":\"different\"' rjson7.txt | grep -qx 1 "
                 "&& grep -q '^{\"seq\":5,.*\"altered\":true' rjson7.txt "
                 "&& grep -q '689 records .* 687 identical, 1 different' rtext2.txt", dir);
        ck_assert_msg(system(cmd) == 0, "not one report per decision line");
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("replay_jobs");
    TCase *tc = tcase_create("replay_jobs");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, replay_jobs_should_give_the_same_bytes_for_every_count);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
