/*
** test_jobs_frame.c: the batches of classify --jobs N are framed by the command itself
** (cli/line_frame.c: JSON Lines cut by memchr in blocks of 256 KiB, or in 4 KiB pieces from a
** pipe), not by the library's reader that --jobs 1 uses; both must see the same records on
** the same lines. On JSON Lines holding a byte-order mark, blank and white-space-only lines,
** leading blanks, CRLF endings, fragments that are not JSON, a line longer than a block, more
** records than several batches and no final newline, the results of N = 2 and 7 (from the
** file and from a pipe) are the bytes of N = 1, one record per non-blank line; a JSON array
** and CSV, framed by the reader for every N, too.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

/* The lines of the shipped file 'name' (a fixture of vn/2022-2025), as one malloc'd text. */
static char *fixture(const char *name)
{
    char path[1024];
    FILE *f;
    char *text;
    long n;

    snprintf(path, sizeof path, "%s/../rules/vn/2022-2025/fixtures/%s", getenv("RASOAT_TEST_DATA"), name);
    f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    text = (char *)malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(fread(text, 1, (size_t)n, f), n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/*
** Write dir/in.jsonl: the review and sample communes' households 20 times over, with every
** oddity of the header comment mixed in at fixed places. Returns the records it holds.
*/
static long write_odd_lines(const char *dir)
{
    char *lines[2], path[1024];
    long records = 0, k = 0;
    FILE *f;
    int rep, which;

    lines[0] = fixture("review-commune.jsonl");
    lines[1] = fixture("sample-commune.jsonl");
    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("\xEF\xBB\xBF", f);
    for (rep = 0; rep < 20; rep++)
        for (which = 0; which < 2; which++) {
            char *line = lines[which], *nl;

            for (; *line != '\0'; line = nl + 1, k++) {
                nl = strchr(line, '\n');
                if (nl == NULL)
                    break;
                switch (k % 11) {
                case 1: fputs("\n", f); break;                  /* a blank line */
                case 3: fputs(" \t ", f); break;                /* blanks before the record */
                case 5: fputs("  \r \n\t", f); break;           /* a line of blanks, then one */
                case 7: fputs("{not json\n", f); records++; break;
                default: break;
                }
                fwrite(line, 1, (size_t)(nl - line), f);
                fputs(k % 13 == 4 ? "\r\n" : "\n", f);          /* some CRLF endings */
                records++;
                if (k == 300) {                                 /* one line longer than a block */
                    long i;

                    fputs("{\"id\":\"LONG\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"village\":\"", f);
                    for (i = 0; i < 300000; i++)
                        fputc('a' + (int)(i % 26), f);
                    fputs("\",\"size\":2}\n", f);
                    records++;
                }
            }
        }
    fputs("{\"id\":\"LAST\",\"survey_date\":\"2024-10-01\",\"area\":\"urban\",\"size\":1}", f);
    records++;
    fclose(f);
    free(lines[0]);
    free(lines[1]);
    return records;
}

/* Whether dir/a and dir/b hold the same bytes. */
static int same_bytes(const char *dir, const char *a, const char *b)
{
    char cmd[2048];

    snprintf(cmd, sizeof cmd, "cd '%s' && cmp -s %s %s", dir, a, b);
    return system(cmd) == 0;
}

START_TEST(jobs_should_frame_json_lines_as_the_reader_does)
{
    const char *dir = tmp_dir();
    long records = write_odd_lines(dir);
    char cmd[2048];

    ck_assert_int_ge(records, 1500);                   /* several batches of 512 */
    ck_assert_int_eq(run_rasoat(dir, "classify --quiet --jobs 1 --output one.jsonl in.jsonl", NULL), 1);
    ck_assert_int_eq(run_rasoat(dir, "classify --quiet --jobs 2 --output two.jsonl in.jsonl", NULL), 1);
    ck_assert_int_eq(run_rasoat(dir, "classify --quiet --jobs 7 --output seven.jsonl in.jsonl", NULL), 1);
    ck_assert_msg(same_bytes(dir, "one.jsonl", "two.jsonl"), "--jobs 2 differs from --jobs 1");
    ck_assert_msg(same_bytes(dir, "one.jsonl", "seven.jsonl"), "--jobs 7 differs from --jobs 1");
    /* From a pipe the command reads small pieces: the same bytes again. */
    snprintf(cmd, sizeof cmd, "cd '%s' && cat in.jsonl | RASOAT_RULES='%s' '%s' classify --quiet --jobs 2 > pipe.jsonl; "
             "test $? -eq 1", dir, source_rules(), rasoat_exe());
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_msg(same_bytes(dir, "one.jsonl", "pipe.jsonl"), "--jobs 2 from a pipe differs from --jobs 1");
    /* One record per record read, the long line and the last one (no newline) among them. */
    snprintf(cmd, sizeof cmd, "cd '%s' && test $(wc -l < seven.jsonl) -eq %ld "
             "&& grep -c '^{\"id\":\"LONG\"' seven.jsonl | grep -qx 1 && tail -n 1 seven.jsonl | grep -q '^{\"id\":\"LAST\"'",
             dir, records);
    ck_assert_msg(system(cmd) == 0, "not one result per record");
}
END_TEST

START_TEST(jobs_should_read_an_array_and_csv_as_one_thread_does)
{
    const char *dir = tmp_dir();
    char cmd[4096];
    const char *names[2] = {"in.json", "in.csv"};
    int i;

    /* A JSON array of the review commune (with an empty element), and the CSV fixture of
    ** the tests, each long enough for several batches. */
    snprintf(cmd, sizeof cmd,
             "set -e; cd '%s'; f='%s/../rules/vn/2022-2025/fixtures/review-commune.jsonl'; "
             "{ echo '['; for i in $(seq 12); do sed 's/$/,/' \"$f\"; done; echo ',{\"id\":\"E\"}]'; } > in.json; "
             "c=$(ls '%s'/csv/*.csv | head -n 1); { cat \"$c\"; for i in $(seq 40); do tail -n +2 \"$c\"; done; } > in.csv",
             dir, getenv("RASOAT_TEST_DATA"), getenv("RASOAT_TEST_DATA"));
    ck_assert_int_eq(system(cmd), 0);
    for (i = 0; i < 2; i++) {
        char args[256];
        int one, two;

        snprintf(args, sizeof args, "classify --quiet --jobs 1 --output one.out %s", names[i]);
        one = run_rasoat(dir, args, NULL);
        snprintf(args, sizeof args, "classify --quiet --jobs 7 --output seven.out %s", names[i]);
        two = run_rasoat(dir, args, NULL);
        ck_assert_int_eq(one, two);
        ck_assert_msg(same_bytes(dir, "one.out", "seven.out"), "--jobs 7 differs from --jobs 1 on %s", names[i]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("jobs_frame");
    TCase *tc = tcase_create("jobs_frame");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, jobs_should_frame_json_lines_as_the_reader_does);
    tcase_add_test(tc, jobs_should_read_an_array_and_csv_as_one_thread_does);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
