/*
** test_testcmd_jobs.c: 'rasoat test --jobs N' prints the same bytes for every N (issue 13
** item 1): over every rule set of the tests' copy, with --coverage, and with fixtures that
** fail (a wrong expected class, a sample line whose expected class is wrong, a blank sample
** line, a line that is not JSON, a JSON line that is not a fixture), the output and exit
** status of N = 1, 2 and 7 are identical, and the failures are there.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* A copy of the tests' rules with the broken fixtures above. */
static void write_rules(const char *dir)
{
    char cmd[4096];

    snprintf(cmd, sizeof cmd,
             "set -e; cd '%s'; cp -r '%s' rules; f=rules/vn/2022-2025/fixtures; "
             "sed -i '3s/\"class\": *\"[a-z_]*\"/\"class\":\"no_such_class\"/' $f/thresholds.jsonl; "
             "! cmp -s $f/thresholds.jsonl '%s/vn/2022-2025/fixtures/thresholds.jsonl'; "
             "echo '{not json' >> $f/thresholds.jsonl; echo '{\"name\":\"no household\"}' >> $f/thresholds.jsonl; "
             "sed -i '5s/\"class\": *\"[a-z_]*\"/\"class\": \"no_such_class\"/' $f/sample-commune.expected.jsonl; "
             "sed -i '9s/.*//' $f/sample-commune.jsonl",
             dir, source_rules(), source_rules());
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_jobs_should_print_the_same_bytes_for_every_count)
{
    static const int counts[] = {1, 2, 7};
    const char *dir = tmp_dir();
    char args[512], cmd[1024];
    int i;

    write_rules(dir);
    for (i = 0; i < 3; i++) {
        snprintf(args, sizeof args, "--lang en test --rules rules --coverage --jobs %d", counts[i]);
        ck_assert_int_eq(run_rasoat(dir, args, NULL), 1);
        snprintf(cmd, sizeof cmd, "cd '%s' && mv out.txt out%d.txt && mv err.txt err%d.txt", dir, counts[i], counts[i]);
        ck_assert_int_eq(system(cmd), 0);
        if (i > 0) {
            snprintf(cmd, sizeof cmd, "cd '%s' && cmp out1.txt out%d.txt && cmp err1.txt err%d.txt", dir, counts[i],
                     counts[i]);
            ck_assert_msg(system(cmd) == 0, "--jobs %d differs from --jobs 1", counts[i]);
        }
    }
    snprintf(cmd, sizeof cmd,
             "cd '%s' && grep -q 'no_such_class' out7.txt && grep -q 'this line is not a fixture' out7.txt "
             "&& grep -q 'blank line in the sample' out7.txt && grep -Eq '^[0-9]+ passed, [1-9][0-9]* failed$' out7.txt "
             "&& test $(grep -c 'this line is not a fixture' out7.txt) -eq 2",
             dir);
    ck_assert_msg(system(cmd) == 0, "the failures are not all printed:\n%s", read_in(dir, "out7.txt"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("testcmd_jobs");
    TCase *tc = tcase_create("testcmd_jobs");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_jobs_should_print_the_same_bytes_for_every_count);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
