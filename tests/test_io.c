/*
** test_io.c: nothing rasoat is given is lost or overwritten: an output or log that is the
** input or the log is refused by device and inode (hard link, symlink, another spelling);
** results are written through a temporary file, so a full disk, a size limit or a signal
** mid-write leaves the previous file whole and no temporary behind; I/O errors name their
** cause in both languages; a partial byte-order mark loses no record (M6); a directory as
** input says so; the summary line counts what was written.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

static char workdir[256];

static int run(const char *args, const char *input)
{
    return run_rasoat(workdir, args, input);
}

static const char *slurp(const char *name)
{
    return read_in(workdir, name);
}

static void contains(const char *name, const char *needle)
{
    expect_file_holds(workdir, name, needle);
}

/* Run a shell script in 'workdir' with $R the command and $RULES the bundled rules;
** returns its exit status. */
static int shell(const char *script)
{
    char cmd[8192];
    int status;

    snprintf(cmd, sizeof cmd, "cd '%s' && R='%s' RASOAT_RULES='%s' bash -c '%s' > sh.out 2> sh.err",
             workdir, rasoat_exe(), source_rules(), script);
    status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "could not run: %s", cmd);
    return WEXITSTATUS(status);
}

/* How many entries of 'workdir' start with ".NAME.rasoat-" (temporaries left behind). */
static int temporaries(const char *name)
{
    char prefix[128];
    DIR *d = opendir(workdir);
    struct dirent *e;
    int n = 0;

    snprintf(prefix, sizeof prefix, ".%s.rasoat-", name);
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

static const char *household(const char *id)
{
    static char text[4][256];
    static int which;

    which = (which + 1) % 4;
    snprintf(text[which], sizeof text[which],
             "{\"id\":\"%s\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":3,\"b1_score\":180}", id);
    return text[which];
}

/* 'n' households as JSON Lines into workdir/name. */
static void many(const char *name, int n)
{
    char path[512];
    FILE *f;
    int i;

    snprintf(path, sizeof path, "%s/%s", workdir, name);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    for (i = 0; i < n; i++) {
        char id[32];

        snprintf(id, sizeof id, "H%06d", i);
        fprintf(f, "%s\n", household(id));
    }
    fclose(f);
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
}

START_TEST(io_should_refuse_output_onto_the_input_by_inode)
{
    char before[64];

    write_file(workdir, "in.jsonl", household("A"));
    snprintf(before, sizeof before, "%s", slurp("in.jsonl"));
    /* M5's reproducer, then the same file under other names. */
    ck_assert_int_eq(run("classify --output in.jsonl in.jsonl", NULL), 2);
    contains("err.txt", "không ghi kết quả vào in.jsonl: tệp này chính là tệp đầu vào in.jsonl");
    ck_assert_int_eq(shell("ln in.jsonl hard.jsonl && ln -s in.jsonl sym.jsonl"), 0);
    ck_assert_int_eq(run("--lang en classify --output hard.jsonl in.jsonl", NULL), 2);
    contains("err.txt", "refusing to write the results to hard.jsonl: it is the same file as the input in.jsonl");
    ck_assert_int_eq(run("classify --output sym.jsonl ./in.jsonl", NULL), 2);
    ck_assert_int_eq(run("classify --output in.jsonl sym.jsonl", NULL), 2);
    ck_assert_int_eq(run("classify --output in.jsonl", household("B")), 0); /* stdin: not the file */
    write_file(workdir, "in.jsonl", before);
    /* Standard input or output redirected to the input is the same file too. */
    ck_assert_int_eq(shell("$R classify --output in.jsonl < in.jsonl"), 2);
    ck_assert_int_eq(shell("$R classify in.jsonl >> in.jsonl"), 2);
    ck_assert_str_eq(slurp("in.jsonl"), before);
}
END_TEST

START_TEST(io_should_refuse_output_onto_the_log_and_its_archive)
{
    write_file(workdir, "in.jsonl", household("A"));
    /* M5: --log X --output X, the log not existing yet, then existing. */
    ck_assert_int_eq(run("classify --log x.log --output ./x.log in.jsonl", NULL), 2);
    contains("err.txt", "tệp này chính là nhật ký x.log");
    {
        char path[512];

        snprintf(path, sizeof path, "%s/x.log", workdir);
        ck_assert_msg(access(path, F_OK) != 0, "the refused run created the log");
    }
    ck_assert_int_eq(run("classify --quiet --log x.log in.jsonl", NULL), 0);
    ck_assert_int_eq(run("classify --log x.log --output x.log in.jsonl", NULL), 2);
    ck_assert_int_eq(run("verify x.log", NULL), 0);
    contains("out.txt", "1 bản ghi");
    /* Inside the archive of rule sets the log keeps. */
    ck_assert_int_eq(shell("f=$(find x.log.rules -name parameters.lua | head -1) && "
                           "$R --lang en classify --log x.log --output \"$f\" in.jsonl"), 2);
    ck_assert_msg(strstr(read_in(workdir, "sh.err"), "inside the log's rule-set archive x.log.rules") != NULL,
                  "%s", read_in(workdir, "sh.err"));
    /* The log onto the input. */
    ck_assert_int_eq(run("--lang en classify --log in.jsonl in.jsonl", NULL), 2);
    contains("err.txt", "refusing to write the log to in.jsonl: it is the same file as the input in.jsonl");
    ck_assert_str_eq(slurp("in.jsonl"), household("A"));
}
END_TEST

START_TEST(io_should_name_the_cause_of_a_full_disk_in_both_languages)
{
    write_file(workdir, "in.jsonl", household("A"));
    ck_assert_int_eq(run("classify --output /dev/full in.jsonl", NULL), 3);
    contains("err.txt", "không ghi được /dev/full: ổ đĩa đã hết chỗ trống (No space left on device)");
    many("many.jsonl", 2000);        /* more than one buffer: the failure comes mid-run */
    ck_assert_int_eq(shell("$R --lang en classify many.jsonl > /dev/full"), 3);
    ck_assert_msg(strstr(read_in(workdir, "sh.err"), "cannot write standard output after ") != NULL
                  && strstr(read_in(workdir, "sh.err"), " households: No space left on device") != NULL,
                  "%s", read_in(workdir, "sh.err"));
    ck_assert_int_eq(run("--lang en classify --output /nonexistent/out.jsonl in.jsonl", NULL), 3);
    contains("err.txt", "cannot write /nonexistent/out.jsonl: No such file or directory");
}
END_TEST

START_TEST(io_should_keep_the_previous_file_when_a_write_fails)
{
    many("in.jsonl", 2000);
    write_file(workdir, "out.jsonl", "PREVIOUS\n");
    /* A file-size limit makes the write fail part way, as a full disk would. */
    ck_assert_int_eq(shell("trap \"\" XFSZ; ulimit -f 16; $R --lang en classify --output out.jsonl in.jsonl"), 3);
    ck_assert_msg(strstr(read_in(workdir, "sh.err"), "File too large") != NULL, "%s", read_in(workdir, "sh.err"));
    ck_assert_str_eq(slurp("out.jsonl"), "PREVIOUS\n");
    ck_assert_int_eq(temporaries("out.jsonl"), 0);
}
END_TEST

/* The log's batches are written by a thread of their own (engine/audit/log_writer.c): a
** write that fails part way (a file-size limit, as a full disk) must still stop the run
** with the cause, and leave whole lines and at most one cut-off last line. */
START_TEST(io_should_report_a_log_that_cannot_be_written_part_way)
{
    const char *v, *records;

    many("in.jsonl", 3000);          /* about 2 MiB of log: several batches of 256 KiB */
    ck_assert_int_eq(shell("trap \"\" XFSZ; ulimit -f 1024; "
                           "$R --lang en classify --log x.log in.jsonl > /dev/null"), 3);
    ck_assert_msg(strstr(read_in(workdir, "sh.err"), "cannot write log x.log: File too large") != NULL,
                  "%s", read_in(workdir, "sh.err"));
    ck_assert_int_eq(shell("$R --lang en verify --format json x.log"), 4);
    v = read_in(workdir, "sh.out");
    records = strstr(v, "\"records\":");
    ck_assert_msg(strstr(v, "\"status\":\"torn\"") != NULL && records != NULL, "%s", v);
    /* 1 MiB holds more than 1,000 whole lines of these (several batches), not all 3,000;
    ** the limit cuts the next one. */
    ck_assert_int_gt(strtol(records + strlen("\"records\":"), NULL, 10), 1000);
    ck_assert_int_lt(strtol(records + strlen("\"records\":"), NULL, 10), 3000);
}
END_TEST

/* A result file is settled as it grows (engine/audit/writeback.h: the disk starts on it and
** what lies 4 MiB behind leaves the page cache): past that mark it must still hold every
** byte, the same as standard output gets. */
START_TEST(io_should_write_a_large_result_file_whole)
{
    struct stat st;
    char path[512];

    FILE *f;
    int i;

    /* 3,000 results of 3 KB each (a long field kept), about 10 MB. */
    snprintf(path, sizeof path, "%s/big.jsonl", workdir);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    for (i = 0; i < 3000; i++)
        fprintf(f, "{\"id\":\"H%06d\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":3,"
                   "\"b1_score\":180,\"note\":\"%03000d\"}\n", i, i);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(shell("$R classify --quiet --keep note --output out.jsonl big.jsonl && "
                           "$R classify --quiet --keep note big.jsonl > std.jsonl && cmp out.jsonl std.jsonl"), 0);
    snprintf(path, sizeof path, "%s/out.jsonl", workdir);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_gt(st.st_size, 2 * 4 * 1024 * 1024);
}
END_TEST

START_TEST(io_should_keep_the_previous_file_when_a_signal_stops_the_run)
{
    many("big.jsonl", 3000);
    write_file(workdir, "out.jsonl", "PREVIOUS\n");
    /* The input comes through a FIFO that stays open, so the run is caught mid-write: the
    ** temporary holds at least one 64 KiB block when SIGTERM arrives. */
    ck_assert_int_eq(shell("mkfifo in.fifo; (cat big.jsonl; exec sleep 60) > in.fifo & w=$!; "
                           "$R classify --output out.jsonl in.fifo & p=$!; "
                           "for i in $(seq 200); do t=$(ls -A | grep \"^\\.out\\.jsonl\\.rasoat-\"); "
                           "[ -n \"$t\" ] && [ -s \"$t\" ] && break; sleep 0.05; done; "
                           "[ -s \"$t\" ] || exit 9; kill -TERM $p; wait $p; s=$?; kill $w; exit $s"),
                     128 + 15);
    ck_assert_str_eq(slurp("out.jsonl"), "PREVIOUS\n");
    ck_assert_int_eq(temporaries("out.jsonl"), 0);
}
END_TEST

START_TEST(io_should_replace_the_file_whole_keeping_mode_and_symlink)
{
    struct stat st;
    char path[512];

    write_file(workdir, "in.jsonl", household("A"));
    write_file(workdir, "target.jsonl", "PREVIOUS\n");
    ck_assert_int_eq(shell("chmod 640 target.jsonl && ln -s target.jsonl link.jsonl"), 0);
    ck_assert_int_eq(run("classify --quiet --output link.jsonl in.jsonl", NULL), 0);
    snprintf(path, sizeof path, "%s/link.jsonl", workdir);
    ck_assert_int_eq(lstat(path, &st), 0);
    ck_assert_msg(S_ISLNK(st.st_mode), "the symlink was replaced by a file");
    snprintf(path, sizeof path, "%s/target.jsonl", workdir);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    ck_assert_ptr_nonnull(strstr(slurp("target.jsonl"), "\"id\":\"A\""));
    ck_assert_ptr_null(strstr(slurp("target.jsonl"), "PREVIOUS"));
    ck_assert_int_eq(temporaries("target.jsonl"), 0);
}
END_TEST

/* M6: bytes that begin like a byte-order mark are the input's own. */
START_TEST(io_should_not_lose_a_record_to_a_partial_byte_order_mark)
{
    char input[512];
    cJSON *r;

    ck_assert_int_eq(run("classify", "\xef"), 1);
    r = cJSON_Parse(slurp("out.txt"));
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(cJSON_GetObjectItem(r, "line")->valueint, 1);
    ck_assert_str_eq(error_field(r, "code"), "invalid_json");
    cJSON_Delete(r);
    ck_assert_int_eq(run("classify", "\xef\xbb"), 1);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "\"line\":1,"));

    snprintf(input, sizeof input, "\xef\n%s\njunk\n", household("A"));
    ck_assert_int_eq(run("classify", input), 1);
    {
        const char *out = slurp("out.txt");
        const char *second = strchr(out, '\n') + 1;

        ck_assert_ptr_nonnull(strstr(out, "{\"id\":null,\"line\":1,"));
        ck_assert_int_eq(strncmp(second, "{\"id\":\"A\"", 9), 0);
        ck_assert_ptr_nonnull(strstr(second, "{\"id\":null,\"line\":3,"));
    }
    snprintf(input, sizeof input, "\xef\xbb%s\n%s\n", household("A"), household("B"));
    ck_assert_int_eq(run("classify", input), 1);
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "\"line\":1,"));
    ck_assert_ptr_nonnull(strstr(slurp("out.txt"), "{\"id\":\"B\""));
    /* A whole mark is still skipped. */
    snprintf(input, sizeof input, "\xef\xbb\xbf%s\n", household("A"));
    ck_assert_int_eq(run("classify", input), 0);
}
END_TEST

START_TEST(io_should_say_a_directory_is_not_an_input)
{
    ck_assert_int_eq(shell("mkdir d"), 0);
    ck_assert_int_eq(run("classify d", NULL), 3);
    contains("err.txt", "không đọc được d: đây là một thư mục, không phải tệp (Is a directory)");
    ck_assert_int_eq(run("--lang en classify d", NULL), 3);
    contains("err.txt", "cannot read d: Is a directory");
}
END_TEST

/* The counts of the summary line, from the sample's expected classes (derived there from
** the legal rule of each household). */
START_TEST(io_summary_should_count_every_class_of_the_sample)
{
    char path[512], args[1024], want_vi[256], want_en[256], line[1024];
    long n[4] = {0, 0, 0, 0}, total = 0;
    static const char *const codes[4] = {"\"poor\"", "\"near_poor\"", "\"middle_income\"", "\"not_poor\""};
    FILE *f;
    int i;

    snprintf(path, sizeof path, "%s/vn/2022-2025/fixtures/sample-commune.expected.jsonl", source_rules());
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f)) {
        for (i = 0; i < 4; i++) {
            char key[64];

            snprintf(key, sizeof key, "\"class\": %s", codes[i]);
            if (strstr(line, key))
                n[i]++;
        }
        total++;
    }
    fclose(f);
    snprintf(args, sizeof args, "classify --output r.jsonl '%s/vn/2022-2025/fixtures/sample-commune.jsonl'", source_rules());
    ck_assert_int_eq(run(args, NULL), 0);
    snprintf(want_vi, sizeof want_vi, "%ld hộ nghèo, %ld hộ cận nghèo, %ld hộ có mức sống trung bình, %ld hộ không nghèo, 0 lỗi",
             n[0], n[1], n[2], n[3]);
    contains("err.txt", want_vi);
    snprintf(want_vi, sizeof want_vi, "rasoat classify: %ld hộ trong ", total);
    contains("err.txt", want_vi);
    snprintf(args, sizeof args, "$R --lang en classify \"$RASOAT_RULES/vn/2022-2025/fixtures/sample-commune.jsonl\" | cat > /dev/null");
    ck_assert_int_eq(shell(args), 0);
    snprintf(want_en, sizeof want_en, "%ld poor, %ld near-poor, %ld middle income, %ld not poor, 0 errors",
             n[0], n[1], n[2], n[3]);
    contains("sh.err", want_en);       /* the results went into a pipe */
    /* The Kon Tum households meet the local standard's named gap. */
    contains("sh.err", " with a local standard undetermined");
    snprintf(args, sizeof args, "classify --quiet --output r.jsonl '%s/vn/2022-2025/fixtures/sample-commune.jsonl'", source_rules());
    ck_assert_int_eq(run(args, NULL), 0);
    ck_assert_str_eq(slurp("err.txt"), "");
}
END_TEST

/* Output for people and tools: the rule-set list as JSON, and usage errors that name the
** option and the value given. */
START_TEST(messages_rules_list_json_and_bad_options_should_name_what_was_given)
{
    cJSON *j, *sets, *first;

    ck_assert_int_eq(run("rules list --format json", NULL), 0);
    j = cJSON_Parse(slurp("out.txt"));
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(str_field(j, "schema"), "rasoat.rulesets/1");
    sets = cJSON_GetObjectItem(j, "rulesets");
    ck_assert_int_eq(cJSON_GetArraySize(sets), 6);
    first = cJSON_GetArrayItem(sets, 0);
    ck_assert_str_eq(str_field(first, "id"), "dongnai/2022-2025");
    ck_assert_str_eq(str_field(first, "extends"), "vn/2022-2025");
    ck_assert_int_eq((int)strlen(str_field(first, "sha256")), 64);
    cJSON_Delete(j);
    ck_assert_int_eq(run("rules hash --format json vn/2022-2025", NULL), 2);
    contains("err.txt", "'hash' chỉ in mã băm dạng văn bản");

    ck_assert_int_eq(run("rules --format xml list", NULL), 2);
    contains("err.txt", "rasoat rules: giá trị không hợp lệ cho --format: 'xml' (cần: text hoặc json)");
    ck_assert_int_eq(run("--lang en explain --format yaml", NULL), 2);
    contains("err.txt", "rasoat explain: invalid value for --format: 'yaml' (expected: text or json)");
    ck_assert_int_eq(run("diff --from a --to b --format pdf", NULL), 2);
    contains("err.txt", "rasoat diff: giá trị không hợp lệ cho --format: 'pdf' (cần: text, csv hoặc json)");
    ck_assert_int_eq(run("classify --lang fr", NULL), 2);
    contains("err.txt", "rasoat classify: giá trị không hợp lệ cho --lang: 'fr' (cần: vi hoặc en)");
    ck_assert_int_eq(run("--lang en classify --bogus=1", NULL), 2);
    contains("err.txt", "rasoat classify: invalid option '--bogus=1'");
    ck_assert_int_eq(run("--lang en explain --id", NULL), 2);
    contains("err.txt", "rasoat explain: option '--id' needs a value");
    ck_assert_int_eq(run("verify --format xml x.log", NULL), 2);
    contains("err.txt", "rasoat verify: giá trị không hợp lệ cho --format: 'xml'");
    ck_assert_int_eq(run("--lang en check --lang=fr", NULL), 2);
    contains("err.txt", "rasoat check: invalid value for --lang: 'fr'");
    ck_assert_int_eq(run("--lang fr classify", NULL), 2);
    contains("err.txt", "rasoat: giá trị không hợp lệ cho --lang: 'fr' (cần: vi hoặc en)");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("io");
    TCase *tc = tcase_create("io");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, io_should_refuse_output_onto_the_input_by_inode);
    tcase_add_test(tc, io_should_refuse_output_onto_the_log_and_its_archive);
    tcase_add_test(tc, io_should_name_the_cause_of_a_full_disk_in_both_languages);
    tcase_add_test(tc, io_should_keep_the_previous_file_when_a_write_fails);
    tcase_add_test(tc, io_should_report_a_log_that_cannot_be_written_part_way);
    tcase_add_test(tc, io_should_write_a_large_result_file_whole);
    tcase_add_test(tc, io_should_keep_the_previous_file_when_a_signal_stops_the_run);
    tcase_add_test(tc, io_should_replace_the_file_whole_keeping_mode_and_symlink);
    tcase_add_test(tc, io_should_not_lose_a_record_to_a_partial_byte_order_mark);
    tcase_add_test(tc, io_should_say_a_directory_is_not_an_input);
    tcase_add_test(tc, io_summary_should_count_every_class_of_the_sample);
    suite_add_tcase(s, tc);
    tc = tcase_create("messages");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, messages_rules_list_json_and_bad_options_should_name_what_was_given);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
