/*
** test_audit.c: the audit trail end to end through the 'rasoat' command: the decision log
** of 'classify --log' and its chain, the rule-set archive beside it, 'verify' naming the
** line that was altered, removed or inserted (or a torn last line), and 'replay' proving
** logged decisions identical, or showing what a rule change does.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "common.h"

static char workdir[256];

/* Four decisions: Đồng Nai (a local entry), Kon Tum with livelihood "other" (a local
** entry), a line that is not JSON, and a date no rule set covers (an error record). */
static const char households[] =
    "{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"province\":\"75\",\"area\":\"rural\",\"size\":3,"
    "\"b1_score\":135,\"deprivations\":{\"employment\":true,\"dependents\":true,\"nutrition\":true,"
    "\"health_insurance\":false,\"adult_education\":false,\"child_schooling\":false,"
    "\"housing_quality\":true,\"housing_area\":false,\"water\":false,\"sanitation\":true,"
    "\"telecom\":false,\"information_means\":true}}\n"
    "{\"id\":\"B\",\"survey_date\":\"2024-10-01\",\"province\":\"62\",\"livelihood\":\"other\","
    "\"area\":\"rural\",\"size\":3,\"b1_score\":135,\"deprivations\":{\"employment\":false,"
    "\"dependents\":false,\"nutrition\":false,\"health_insurance\":false,\"adult_education\":false,"
    "\"child_schooling\":false,\"housing_quality\":true,\"housing_area\":false,\"water\":false,"
    "\"sanitation\":true,\"telecom\":false,\"information_means\":false}}\n"
    "{not json\n"
    "{\"id\":\"C\",\"survey_date\":\"2031-01-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":1}\n";

/* Run "rasoat ARGS" in 'workdir' with 'input' on stdin (RASOAT_RULES = the source rules);
** stdout and stderr go to out.txt / err.txt there. Returns the exit status. */
static int run(const char *args, const char *input)
{
    char cmd[4096];
    int status;

    write_file(workdir, "stdin.txt", input ? input : "");
    snprintf(cmd, sizeof cmd, "cd '%s' && RASOAT_RULES='%s' '%s' %s < stdin.txt > out.txt 2> err.txt",
             workdir, source_rules(), rasoat_exe(), args);
    status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "could not run: %s", cmd);
    return WEXITSTATUS(status);
}

/* A file of 'workdir' (malloc'd; caller frees). */
static char *slurp(const char *name)
{
    char path[512];
    FILE *f;
    long n;
    char *buf;

    snprintf(path, sizeof path, "%s/%s", workdir, name);
    f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "no %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (char *)malloc((size_t)n + 1);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Does file 'name' of 'workdir' contain 'needle'? */
static int file_has(const char *name, const char *needle)
{
    char *text = slurp(name);
    int found = strstr(text, needle) != NULL;

    free(text);
    return found;
}

static void spit(const char *name, const char *text)
{
    write_file(workdir, name, text);
}

/* The lines of a text (split in place; at most 'max'); returns how many. */
static int split_lines(char *text, char **lines, int max)
{
    int n = 0;
    char *p = text, *nl;

    while (*p != '\0' && n < max) {
        lines[n++] = p;
        nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return n;
}

/* Line 'k' (1-based) of the log, parsed (caller deletes). */
static cJSON *log_line(const char *name, int k)
{
    char *text = slurp(name), *lines[64];
    int n = split_lines(text, lines, 64);
    cJSON *j;

    ck_assert_int_le(k, n);
    j = cJSON_Parse(lines[k - 1]);
    ck_assert_msg(j != NULL, "log line %d is not JSON", k);
    free(text);
    return j;
}

static int count_lines(const char *name)
{
    char *text = slurp(name), *lines[256];
    int n = split_lines(text, lines, 256);

    free(text);
    return n;
}

/* Rewrite the log: line 'k' gets its first 'from' replaced with 'to'; or, with 'from'
** NULL, line k is deleted ('to' NULL) or written twice ('to' non-NULL). */
static void edit_log(const char *name, int k, const char *from, const char *to)
{
    char *text = slurp(name), *lines[256], out[1 << 16];
    int n = split_lines(text, lines, 256), i;
    size_t len = 0;

    ck_assert_int_le(k, n);
    for (i = 1; i <= n; i++) {
        const char *line = lines[i - 1];
        char *at;

        if (i == k && from != NULL) {
            at = strstr(lines[i - 1], from);
            ck_assert_msg(at != NULL, "'%s' not on line %d", from, k);
            *at = '\0';
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%s%s\n", line, to, at + strlen(from));
            continue;
        }
        if (i == k && to == NULL)
            continue;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s\n", line);
        if (i == k)
            len += (size_t)snprintf(out + len, sizeof out - len, "%s\n", line);
    }
    spit(name, out);
    free(text);
}

/* Run 'verify --format json LOG' and return the report (caller deletes); '*status' gets
** the exit status. */
static cJSON *verify(const char *name, int *status)
{
    char args[512], *out;
    cJSON *j;

    snprintf(args, sizeof args, "verify --format json %s", name);
    *status = run(args, NULL);
    out = slurp("out.txt");
    j = cJSON_Parse(out);
    ck_assert_msg(j != NULL, "verify printed no JSON: %s", out);
    free(out);
    return j;
}

static double num_field(const cJSON *obj, const char *name)
{
    return cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(obj, name));
}

/* verify must say 'problem' at line 'line' and exit 'expect'. */
static void expect_verify(const char *name, int expect, const char *status, const char *problem, int line)
{
    int st;
    cJSON *v = verify(name, &st);

    ck_assert_int_eq(st, expect);
    ck_assert_str_eq(str_field(v, "status"), status);
    if (problem != NULL) {
        ck_assert_str_eq(str_field(v, "problem"), problem);
        ck_assert_int_eq((int)num_field(v, "line"), line);
    }
    cJSON_Delete(v);
}

/* The sha256 of the national rule set / of local entry 0 on log line 'k' (static storage,
** one per 'local', valid until the next call with the same 'local'). */
static char *logged_sha(int k, int local)
{
    static char sha[2][80];
    cJSON *j = log_line("audit.log", k);
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(j, "result");
    const cJSON *holder = local ? cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(result, "local"), 0) : result;

    snprintf(sha[local], sizeof sha[local], "%s",
             str_field(cJSON_GetObjectItemCaseSensitive(holder, "ruleset"), "sha256"));
    cJSON_Delete(j);
    ck_assert_int_eq(strlen(sha[local]), 64);
    return sha[local];
}

static int exists(const char *rel)
{
    char path[1024];
    struct stat st;

    snprintf(path, sizeof path, "%s/%s", workdir, rel);
    return stat(path, &st) == 0;
}

/* The replay reports (JSON Lines) of out.txt: record 'k' (1-based), parsed. */
static cJSON *replay_record(int k)
{
    char *text = slurp("out.txt"), *lines[64];
    int n = split_lines(text, lines, 64);
    cJSON *j;

    ck_assert_int_lt(k, n); /* the last line is the summary */
    j = cJSON_Parse(lines[k - 1]);
    ck_assert_ptr_nonnull(j);
    free(text);
    return j;
}

/* The diff of 'field' in part 'p' of replay record 'rec', or NULL. */
static const cJSON *find_diff(const cJSON *rec, int p, const char *field)
{
    const cJSON *part = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "parts"), p);
    const cJSON *d;

    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(part, "diffs"))
        if (strcmp(str_field(d, "field"), field) == 0)
            return d;
    return NULL;
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
}

/* Classify the four households into audit.log (exit 1: two error records). */
static void log_households(const char *extra)
{
    char args[512];

    snprintf(args, sizeof args, "classify --log audit.log --output results.jsonl %s", extra ? extra : "");
    ck_assert_int_eq(run(args, households), 1);
}

START_TEST(audit_should_log_every_decision_in_a_chain)
{
    char *results, *res_lines[8], *log, *log_lines[8];
    char prev[80];
    int i, n;

    log_households(NULL);
    results = slurp("results.jsonl");
    log = slurp("audit.log");
    ck_assert_int_eq(split_lines(results, res_lines, 8), 4);
    ck_assert_int_eq(split_lines(log, log_lines, 8), 4);
    snprintf(prev, sizeof prev, "%064d", 0);
    for (i = 0; i < 4; i++) {
        cJSON *j = cJSON_Parse(log_lines[i]);

        ck_assert_ptr_nonnull(j);
        ck_assert_int_eq((int)num_field(j, "seq"), i + 1);
        ck_assert_int_eq((int)num_field(j, "line"), i + 1);
        ck_assert_str_eq(str_field(j, "prev"), prev);
        ck_assert_int_eq(strlen(str_field(j, "decision")), 16);
        ck_assert_int_eq(strlen(str_field(j, "hash")), 64);
        ck_assert_int_eq(strlen(str_field(j, "time")), 20);
        ck_assert_str_eq(str_field(j, "engine"), rasoat_version());
        /* the result is the very record classify wrote */
        ck_assert_msg(strstr(log_lines[i], res_lines[i]) != NULL, "line %d does not hold its result", i + 1);
        snprintf(prev, sizeof prev, "%s", str_field(j, "hash"));
        if (i == 0) {
            const cJSON *rs = cJSON_GetObjectItemCaseSensitive(j, "ruleset");

            ck_assert_str_eq(str_field(rs, "id"), "vn/2022-2025");
            ck_assert_str_eq(str_field(cJSON_GetObjectItemCaseSensitive(j, "input"), "id"), "A");
        }
        if (i == 2)
            ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "input")), "{not json");
        if (i >= 2)
            ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "ruleset")));
        cJSON_Delete(j);
    }
    n = run("verify audit.log", NULL);
    ck_assert_int_eq(n, 0);
    ck_assert_msg(file_has("out.txt", "nguyên vẹn"), "out.txt lacks the expected text");
    expect_verify("audit.log", 0, "intact", NULL, 0);
    free(results);
    free(log);
}
END_TEST

START_TEST(audit_should_archive_each_rule_set_with_its_ancestors)
{
    char rel[512], args[1024], *out, national[80], dongnai[80];
    cJSON *r;

    log_households(NULL);
    snprintf(national, sizeof national, "%s", logged_sha(1, 0));
    snprintf(dongnai, sizeof dongnai, "%s", logged_sha(1, 1));
    snprintf(rel, sizeof rel, "audit.log.rules/%s/vn/2022-2025/ruleset.lua", national);
    ck_assert_msg(exists(rel), "%s missing", rel);
    snprintf(rel, sizeof rel, "audit.log.rules/%s/dongnai/2022-2025/parameters.lua", dongnai);
    ck_assert_msg(exists(rel), "%s missing", rel);
    snprintf(rel, sizeof rel, "audit.log.rules/%s/vn/2022-2025/classification.lua", dongnai);
    ck_assert_msg(exists(rel), "%s missing (the parent goes along)", rel);
    snprintf(rel, sizeof rel, "audit.log.rules/%s/kontum/2024/ruleset.lua", logged_sha(2, 1));
    ck_assert_msg(exists(rel), "%s missing", rel);
    snprintf(rel, sizeof rel, "audit.log.rules/%s/vn/2022-2025/fixtures", national);
    ck_assert(!exists(rel));

    /* the archived tree loads a rule set with the very same hash */
    snprintf(args, sizeof args, "classify --rules audit.log.rules/%s --ruleset dongnai/2022-2025", dongnai);
    ck_assert_int_eq(run(args, "{\"id\":\"X\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":1,"
                               "\"income_per_capita_month\":5000000,\"deprivations\":{\"employment\":false,"
                               "\"dependents\":false,\"nutrition\":false,\"health_insurance\":false,"
                               "\"adult_education\":false,\"child_schooling\":false,\"housing_quality\":true,"
                               "\"housing_area\":false,\"water\":false,\"sanitation\":true,\"telecom\":false,"
                               "\"information_means\":false}}\n"), 0);
    out = slurp("out.txt");
    r = cJSON_Parse(out);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(str_field(cJSON_GetObjectItemCaseSensitive(r, "ruleset"), "sha256"), dongnai);
    cJSON_Delete(r);
    free(out);
}
END_TEST

START_TEST(audit_should_continue_the_chain_when_appending)
{
    cJSON *fourth, *fifth;
    int st;
    cJSON *v;

    log_households(NULL);
    log_households(NULL);
    ck_assert_int_eq(count_lines("audit.log"), 8);
    fourth = log_line("audit.log", 4);
    fifth = log_line("audit.log", 5);
    ck_assert_int_eq((int)num_field(fifth, "seq"), 5);
    ck_assert_str_eq(str_field(fifth, "prev"), str_field(fourth, "hash"));
    v = verify("audit.log", &st);
    ck_assert_int_eq(st, 0);
    ck_assert_int_eq((int)num_field(v, "records"), 8);
    cJSON_Delete(v);
    cJSON_Delete(fourth);
    cJSON_Delete(fifth);
}
END_TEST

START_TEST(audit_should_name_the_line_whose_input_was_altered)
{
    log_households(NULL);
    log_households(NULL);
    edit_log("audit.log", 6, "\"b1_score\":135", "\"b1_score\":136");
    expect_verify("audit.log", 1, "tampered", "altered", 6);
    ck_assert_int_eq(run("--lang en verify audit.log", NULL), 1);
    ck_assert_msg(file_has("out.txt", "TAMPERED at line 6: the record was altered"), "out.txt lacks the expected text");
}
END_TEST

START_TEST(audit_should_name_the_line_whose_result_was_altered)
{
    log_households(NULL);
    edit_log("audit.log", 1, "\"b1\":135", "\"b1\":136"); /* one byte of the result */
    expect_verify("audit.log", 1, "tampered", "altered", 1);
}
END_TEST

START_TEST(audit_should_name_the_line_whose_hash_was_altered)
{
    cJSON *j;
    char from[80], to[80];

    log_households(NULL);
    j = log_line("audit.log", 3);
    snprintf(from, sizeof from, "\"hash\":\"%.10s", str_field(j, "hash"));
    snprintf(to, sizeof to, "\"hash\":\"%.9s%c", str_field(j, "hash"), str_field(j, "hash")[9] == '0' ? '1' : '0');
    cJSON_Delete(j);
    edit_log("audit.log", 3, from, to);
    expect_verify("audit.log", 1, "tampered", "altered", 3);
}
END_TEST

START_TEST(audit_should_name_a_removed_line)
{
    int st;
    cJSON *v;

    log_households(NULL);
    edit_log("audit.log", 2, NULL, NULL);
    v = verify("audit.log", &st);
    ck_assert_int_eq(st, 1);
    ck_assert_str_eq(str_field(v, "problem"), "removed");
    ck_assert_int_eq((int)num_field(v, "line"), 2);
    ck_assert_int_eq((int)num_field(v, "expected_seq"), 2);
    ck_assert_int_eq((int)num_field(v, "records"), 1);
    cJSON_Delete(v);
    /* the first line too (in a fresh log) */
    spit("audit.log", "");
    log_households(NULL);
    edit_log("audit.log", 1, NULL, NULL);
    expect_verify("audit.log", 1, "tampered", "removed", 1);
}
END_TEST

START_TEST(audit_should_call_swapped_lines_a_reordering)
{
    /* Before (finding L5): "record 2 is missing: removed". */
    char *log = NULL, *second, *third, *rest;
    cJSON *v;
    int st;

    log_households(NULL);
    log = slurp("audit.log");
    second = strchr(log, '\n') + 1;
    third = strchr(second, '\n') + 1;
    rest = strchr(third, '\n') + 1;
    {
        size_t a = (size_t)(third - second), b = (size_t)(rest - third);
        char *swapped = (char *)malloc(strlen(log) + 1);

        ck_assert_ptr_nonnull(swapped);
        memcpy(swapped, log, (size_t)(second - log));
        memcpy(swapped + (second - log), third, b);
        memcpy(swapped + (second - log) + b, second, a);
        strcpy(swapped + (rest - log), rest);
        spit("audit.log", swapped);
        free(swapped);
    }
    free(log);
    v = verify("audit.log", &st);
    ck_assert_int_eq(st, 1);
    ck_assert_str_eq(str_field(v, "problem"), "moved");
    ck_assert_int_eq((int)num_field(v, "line"), 2);
    ck_assert_int_eq((int)num_field(v, "expected_seq"), 2);
    ck_assert_int_eq((int)num_field(v, "expected_at_line"), 3);
    cJSON_Delete(v);
    ck_assert_int_eq(run("--lang en verify audit.log", NULL), 1);
    ck_assert_msg(file_has("out.txt", "records were reordered"), "out.txt lacks the expected text");
}
END_TEST

START_TEST(audit_should_name_the_edited_file_of_an_archived_rule_set)
{
    /* Before (finding L6): verify never looked at the archive and called the log intact. */
    char cmd[1024];
    cJSON *v, *arch;
    int st;

    log_households(NULL);
    expect_verify("audit.log", 0, "intact", NULL, 0);
    snprintf(cmd, sizeof cmd, "cd '%s' && sed -i 's/rural = 140/rural = 130/' "
             "audit.log.rules/%s/vn/2022-2025/parameters.lua", workdir, logged_sha(1, 0));
    ck_assert_int_eq(system(cmd), 0);
    v = verify("audit.log", &st);
    ck_assert_int_eq(st, 1);
    arch = cJSON_GetObjectItemCaseSensitive(v, "archive");
    ck_assert_str_eq(str_field(arch, "altered"), logged_sha(1, 0));
    ck_assert_str_eq(str_field(arch, "file"), "vn/2022-2025/parameters.lua");
    cJSON_Delete(v);
    ck_assert_int_eq(run("--lang en verify audit.log", NULL), 1);
    ck_assert_msg(file_has("out.txt", "RULE-SET ARCHIVE ALTERED"), "out.txt lacks the expected text");
}
END_TEST

/* Hex SHA-256 of 'n' bytes of 'p' into 'hex' (65 bytes). */
static void sha256_hex(const char *p, size_t n, char *hex)
{
    unsigned char d[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(d, (const unsigned char *)p, n);
    sodium_bin2hex(hex, 65, d, sizeof d);
}

/*
** What anyone who can write the log can do (finding §3): recompute every line's prev,
** decision and hash, as audit_log.c does, so that the chain is whole again after an edit.
** Rewrites 'name' in place.
*/
static void rechain(const char *name)
{
    char *text = slurp(name), *lines[256], prev[65], hash[65];
    size_t cap = strlen(text) + 4096, len = 0;
    char *out = (char *)malloc(cap);
    int n = split_lines(text, lines, 256), i;

    ck_assert_ptr_nonnull(out);
    memset(prev, '0', 64);
    prev[64] = '\0';
    for (i = 0; i < n; i++) {
        char *cut = strstr(lines[i], ",\"prev\":\"");
        size_t start = len;

        ck_assert_ptr_nonnull(cut);
        memcpy(out + len, lines[i], (size_t)(cut - lines[i]));
        len += (size_t)(cut - lines[i]);
        len += (size_t)sprintf(out + len, ",\"prev\":\"%s\"", prev);
        sha256_hex(out + start, len - start, hash);
        len += (size_t)sprintf(out + len, ",\"decision\":\"%.16s\"", hash);
        sha256_hex(out + start, len - start, hash);
        len += (size_t)sprintf(out + len, ",\"hash\":\"%s\"}\n", hash);
        memcpy(prev, hash, 65);
    }
    out[len] = '\0';
    spit(name, out);
    free(out);
    free(text);
}

START_TEST(audit_should_make_a_key_pair_once_with_a_private_secret)
{
    char path[512];
    struct stat st;
    char *before, *after;

    ck_assert_int_eq(run("--lang en keygen --out xa", NULL), 0);
    snprintf(path, sizeof path, "%s/xa.key", workdir);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    before = slurp("xa.key");
    ck_assert_int_ne(run("--lang en keygen --out xa", NULL), 0);
    ck_assert_msg(file_has("err.txt", "never overwritten"), "err.txt lacks the expected text");
    after = slurp("xa.key");
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
}
END_TEST

START_TEST(audit_should_catch_a_rechained_forgery_with_the_key)
{
    cJSON *v;
    int st;

    ck_assert_int_eq(run("keygen --out xa", NULL), 0);
    log_households("--sign xa.key");
    ck_assert_msg(file_has("err.txt", "(signed)") || file_has("err.txt", "(đã ký)"), "no head printed");
    v = verify("--key xa.pub audit.log", &st);
    ck_assert_int_eq(st, 0);
    ck_assert_str_eq(str_field(v, "status"), "intact");
    ck_assert_int_eq((int)num_field(v, "checkpoints"), 1);
    ck_assert_int_eq((int)num_field(v, "signed_through_seq"), 4);
    cJSON_Delete(v);

    /* Change a class and recompute the chain: the chain alone calls it intact ... */
    edit_log("audit.log", 1, "\"class\":\"", "\"class\":\"x");
    rechain("audit.log");
    expect_verify("audit.log", 0, "intact", NULL, 0);
    /* ... the checkpoint, signed over the old head, does not. */
    expect_verify("--key xa.pub audit.log", 1, "tampered", "checkpoint", 5);
}
END_TEST

START_TEST(audit_should_catch_a_tail_cut_off_with_its_checkpoint)
{
    char *text, *lines[256];
    int n;

    ck_assert_int_eq(run("keygen --out xa", NULL), 0);
    log_households("--sign xa.key");
    log_households("--sign xa.key");
    expect_verify("--key xa.pub audit.log", 0, "intact", NULL, 0);
    /* Keep the first run, its checkpoint and two records of the second: those two are
    ** covered by no checkpoint. */
    text = slurp("audit.log");
    n = split_lines(text, lines, 256);
    ck_assert_int_eq(n, 10);
    {
        char kept[1 << 16];
        size_t len = 0;
        int i;

        for (i = 0; i < 7; i++)
            len += (size_t)snprintf(kept + len, sizeof kept - len, "%s\n", lines[i]);
        spit("audit.log", kept);
    }
    free(text);
    expect_verify("audit.log", 0, "intact", NULL, 0);
    expect_verify("--key xa.pub audit.log", 1, "tampered", "uncovered", 7);
    ck_assert_int_eq(run("--lang en verify --key xa.pub audit.log", NULL), 1);
    ck_assert_msg(file_has("out.txt", "records 6 to 7 are covered by no checkpoint"),
                  "out.txt lacks the expected text");
}
END_TEST

START_TEST(audit_should_refuse_a_checkpoint_of_another_key)
{
    ck_assert_int_eq(run("keygen --out xa", NULL), 0);
    ck_assert_int_eq(run("keygen --out other", NULL), 0);
    log_households("--sign other.key");
    expect_verify("--key xa.pub audit.log", 1, "tampered", "checkpoint", 5);
    expect_verify("--key other.pub audit.log", 0, "intact", NULL, 0);
}
END_TEST

START_TEST(audit_should_say_when_and_by_whom_a_run_was_logged)
{
    cJSON *first, *second;
    const char *local;

    log_households(NULL);
    first = log_line("audit.log", 1);
    second = log_line("audit.log", 2);
    local = str_field(first, "local_time");
    /* "YYYY-MM-DDTHH:MM:SS+HH:MM" beside the UTC "time" */
    ck_assert_uint_eq(strlen(local), 25);
    ck_assert(local[19] == '+' || local[19] == '-');
    ck_assert_int_eq(local[22], ':');
    ck_assert_ptr_nonnull(cJSON_GetObjectItemCaseSensitive(first, "run"));
    ck_assert_str_ne(str_field(cJSON_GetObjectItemCaseSensitive(first, "run"), "user"), "");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(second, "run")); /* first line only */
    cJSON_Delete(first);
    cJSON_Delete(second);
}
END_TEST

START_TEST(audit_should_list_the_latest_decision_of_each_household)
{
    char *out, *lines[64];
    int n, i, a_count = 0;

    log_households(NULL);
    /* Household A again, now with a B1 score of 300: its second decision counts. */
    ck_assert_int_le(run("--lang en classify --log audit.log --output again.jsonl",
                         "{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"province\":\"75\",\"area\":\"rural\","
                         "\"size\":3,\"b1_score\":300}\n"), 1);
    ck_assert_msg(file_has("err.txt", "1 households of this run already had decisions"),
                  "no warning about re-classifying");
    ck_assert_int_eq(run("log latest audit.log", NULL), 0);
    out = slurp("out.txt");
    n = split_lines(out, lines, 64);
    ck_assert_int_eq(n, 3);                     /* A, B and C: the "{not json" line has no id */
    for (i = 0; i < n; i++) {
        if (strncmp(lines[i], "{\"id\":\"A\"", 8) == 0) {
            a_count++;
            ck_assert_ptr_nonnull(strstr(lines[i], "\"b1\":300"));
        }
    }
    ck_assert_int_eq(a_count, 1);
    free(out);
}
END_TEST

START_TEST(audit_should_explain_a_logged_decision_with_its_archived_rules)
{
    char cmd[2048];

    /* Log under a copy of the rules, then take the copy away: the archive alone explains. */
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/rules-copy'", source_rules(), workdir);
    ck_assert_int_eq(system(cmd), 0);
    log_households("--rules rules-copy");
    snprintf(cmd, sizeof cmd, "rm -rf '%s/rules-copy'", workdir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(run("--lang en explain --log audit.log --id A", NULL), 0);
    ck_assert_msg(file_has("out.txt", "explained with the rule sets archived when it was made: audit.log.rules/"),
                  "out.txt does not say which rules explained it");
    ck_assert_msg(file_has("out.txt", logged_sha(1, 0)), "not the logged rule set");
    ck_assert_int_eq(run("--lang en explain --log audit.log --seq 2", NULL), 0);
    ck_assert_msg(file_has("out.txt", "Household B"), "--seq 2 is household B");
    ck_assert_int_eq(run("--lang en explain --log audit.log --seq 4", NULL), 1); /* an error record */
    ck_assert_int_eq(run("--lang en explain --log audit.log --id NOBODY", NULL), 2);
}
END_TEST

START_TEST(audit_should_warn_when_the_logged_class_differs)
{
    log_households(NULL);
    /* Household A under the current rules, with another B1 score than the logged one. */
    write_file(workdir, "a.jsonl", "{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"province\":\"75\","
                                   "\"area\":\"rural\",\"size\":3,\"b1_score\":300}\n");
    ck_assert_int_eq(run("--lang en explain --log audit.log --id A a.jsonl", NULL), 0);
    ck_assert_msg(file_has("err.txt", "warning: in log audit.log, the latest decision of household A"),
                  "no warning");
    ck_assert_int_eq(run("--lang en explain --id B --log audit.log stdin.txt", households), 0);
    ck_assert_msg(!file_has("err.txt", "warning"), "a warning for an unchanged class");
}
END_TEST

START_TEST(audit_should_warn_that_an_empty_log_proves_nothing)
{
    /* Before (finding L5): "intact, 0 records". */
    spit("audit.log", "");
    expect_verify("audit.log", 0, "empty", NULL, 0);
    ck_assert_int_eq(run("--lang en verify audit.log", NULL), 0);
    ck_assert_msg(file_has("out.txt", "WARNING"), "out.txt lacks the expected text");
}
END_TEST

START_TEST(audit_should_name_an_inserted_line)
{
    log_households(NULL);
    edit_log("audit.log", 2, NULL, "twice");
    expect_verify("audit.log", 1, "tampered", "inserted", 3);
}
END_TEST

START_TEST(audit_should_report_a_torn_last_line_and_repair_it)
{
    char *log;
    size_t n;

    log_households(NULL);
    log = slurp("audit.log");
    n = strlen(log);
    log[n - 40] = '\0'; /* a crash in the middle of the last write */
    spit("audit.log", log);
    free(log);
    expect_verify("audit.log", 4, "torn", "torn", 4);
    ck_assert_int_eq(run("--lang en verify audit.log", NULL), 4);
    ck_assert_msg(file_has("out.txt", "line 4: the last line is cut off"), "out.txt lacks the expected text");

    /* no appending to a torn chain until it is repaired */
    ck_assert_int_eq(run("classify --log audit.log", households), 3);
    ck_assert_msg(file_has("err.txt", "verify --repair"), "err.txt lacks the expected text");
    ck_assert_int_eq(count_lines("audit.log"), 4);
    ck_assert_int_eq(run("verify --repair audit.log", NULL), 0);
    ck_assert_int_eq(count_lines("audit.log"), 3);
    expect_verify("audit.log", 0, "intact", NULL, 0);
    log_households(NULL);
    expect_verify("audit.log", 0, "intact", NULL, 0);
    ck_assert_int_eq(count_lines("audit.log"), 7);

    /* a last line that ends in LF but is not a record was put there, not cut short by a
    ** crash (each line goes out with its LF in one write): tampered, and --repair keeps it */
    log = slurp("audit.log");
    n = strlen(log);
    memcpy(log + n - 30, "garbage\n", 9);
    spit("audit.log", log);
    free(log);
    expect_verify("audit.log", 1, "tampered", "malformed", 7);
    ck_assert_int_eq(run("verify --repair audit.log", NULL), 1);
    ck_assert_int_eq(count_lines("audit.log"), 7);
}
END_TEST

START_TEST(audit_should_name_a_removed_line_before_a_torn_last_line)
{
    /* Found by fuzz_verify: looking ahead for the missing record, verify freed an unset
    ** line when it reached a last line with no LF. Whether that crashes depends on what the
    ** stack held (clang's ASan build: a SEGV in cJSON_Delete; gcc's: nothing), so the
    ** memory error is caught by tests/fuzz/regress/verify/ in the fuzz build; this test
    ** pins the verdict. */
    char *log;

    log_households(NULL);
    edit_log("audit.log", 1, NULL, NULL);
    log = slurp("audit.log");
    log[strlen(log) - 40] = '\0';
    spit("audit.log", log);
    free(log);
    expect_verify("audit.log", 1, "tampered", "removed", 1);
}
END_TEST

START_TEST(audit_should_not_append_after_an_altered_last_line)
{
    log_households(NULL);
    edit_log("audit.log", 4, "\"b1_score\":1", "\"b1_score\":2");
    ck_assert_int_eq(run("classify --log audit.log", households), 3);
    ck_assert_int_eq(count_lines("audit.log"), 4);
}
END_TEST

START_TEST(audit_should_replay_identically_under_the_same_rules)
{
    char *out;
    cJSON *rec;

    log_households(NULL);
    ck_assert_int_eq(run("replay --format json audit.log", NULL), 0);
    rec = replay_record(1);
    ck_assert_str_eq(str_field(rec, "status"), "identical");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(rec, "parts")), 2);
    cJSON_Delete(rec);
    rec = replay_record(4);
    ck_assert_str_eq(str_field(rec, "status"), "identical");
    cJSON_Delete(rec);
    out = slurp("out.txt");
    ck_assert_ptr_nonnull(strstr(out, "{\"summary\":{\"records\":4,\"identical\":4,\"different\":0"));
    free(out);
    ck_assert_int_eq(run("--lang en replay audit.log", NULL), 0);
    ck_assert_msg(file_has("out.txt", "line 2 (#2, household B, decision "), "out.txt lacks the expected text");

    /* a fragment the reader could not frame is logged without input and not replayed */
    ck_assert_int_eq(run("classify --log frag.log", "[{\"id\":\"E\",\"survey_date\":\"2024-10-01\","
                         "\"area\":\"rural\",\"size\":3,\"b1_score\":180},"), 1);
    ck_assert_int_eq(run("replay --format json frag.log", NULL), 0);
    rec = replay_record(2);
    ck_assert_str_eq(str_field(rec, "status"), "not_evaluated");
    cJSON_Delete(rec);
}
END_TEST

/*
** A local entry's transition replays too. The frozen tests/rules declare no transitions, so
** this reads the shipped rules, under which household D of Đồng Nai (urban, 2,363,000 đồng a
** month: under the province's urban poverty line, so poor by income, and first listed) has a
** local entry of dongnai/2022-2025, which extends vn/2022-2025 and its transitions.lua: its
** transition is new_poor.
*/
START_TEST(audit_should_replay_the_transition_of_a_local_entry)
{
    static const char household_d[] =
        "{\"id\":\"D\",\"survey_date\":\"2024-12-06\",\"province\":\"75\",\"area\":\"urban\","
        "\"size\":2,\"income_per_capita_month\":2363000,\"deprivations\":{\"employment\":false,"
        "\"dependents\":false,\"nutrition\":true,\"health_insurance\":false,\"adult_education\":false,"
        "\"child_schooling\":false,\"housing_quality\":false,\"housing_area\":false,\"water\":false,"
        "\"sanitation\":true,\"telecom\":false,\"information_means\":false}}\n";
    char args[2048], *log, *local;
    const char *data = getenv("RASOAT_TEST_DATA");

    ck_assert_ptr_nonnull(data);
    snprintf(args, sizeof args, "classify --quiet --rules '%s/../rules' --log shipped.log", data);
    ck_assert_int_eq(run(args, household_d), 0);
    log = slurp("shipped.log");
    local = strstr(log, "\"local\":[{\"ruleset\":{\"id\":\"dongnai/2022-2025\"");
    ck_assert_msg(local != NULL, "household D has no Đồng Nai entry");
    ck_assert_msg(strstr(local, "\"transition\":\"new_poor\"") != NULL, "its local entry is not new_poor");
    free(log);
    snprintf(args, sizeof args, "replay --format json --rules '%s/../rules' shipped.log", data);
    ck_assert_int_eq(run(args, NULL), 0);
    ck_assert_msg(file_has("out.txt", "\"different\":0,"), "some decision replays differently");
}
END_TEST

START_TEST(audit_should_show_what_a_rule_edit_changes)
{
    char cmd[1024], *params, *at, args[256];
    cJSON *rec, *part;
    const cJSON *d;
    const char *national;

    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/rules'", source_rules(), workdir);
    ck_assert_int_eq(system(cmd), 0);
    log_households("--rules rules");
    national = logged_sha(1, 0);

    /* the rural B1 line goes from 140 to 130 */
    params = slurp("rules/vn/2022-2025/parameters.lua");
    at = strstr(params, "rural = 140");
    ck_assert_ptr_nonnull(at);
    memcpy(at, "rural = 130", 11);
    spit("rules/vn/2022-2025/parameters.lua", params);
    free(params);

    /* the logged hash is no longer in --rules, but in the archive: identical from there */
    ck_assert_int_eq(run("replay --rules rules --format json audit.log", NULL), 0);
    rec = replay_record(1);
    ck_assert_str_eq(str_field(rec, "status"), "identical");
    part = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "parts"), 0);
    ck_assert_str_eq(str_field(part, "source"), "archive");
    ck_assert_str_eq(str_field(cJSON_GetObjectItemCaseSensitive(part, "ruleset"), "sha256"), national);
    ck_assert_int_eq(strlen(str_field(part, "current_sha256")), 64);
    ck_assert_str_ne(str_field(part, "current_sha256"), national);
    part = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "parts"), 1);
    ck_assert_str_eq(str_field(part, "part"), "local");
    ck_assert_str_eq(str_field(part, "source"), "archive");
    ck_assert_str_eq(str_field(part, "status"), "identical");
    cJSON_Delete(rec);

    /* without the archive: unavailable */
    ck_assert_int_eq(run("replay --rules rules --archive nowhere --format json audit.log", NULL), 5);
    rec = replay_record(1);
    ck_assert_str_eq(str_field(rec, "status"), "ruleset_unavailable");
    cJSON_Delete(rec);

    /* what-if under the edited set: A was poor, is not any more */
    snprintf(args, sizeof args, "replay --rules rules --against vn/2022-2025 --format json audit.log");
    ck_assert_int_eq(run(args, NULL), 1);
    rec = replay_record(1);
    ck_assert_str_eq(str_field(rec, "status"), "different");
    d = find_diff(rec, 0, "class");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(str_field(d, "old"), "poor");
    ck_assert_str_eq(str_field(d, "new"), "not_poor");
    part = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "parts"), 0);
    ck_assert_str_eq(str_field(part, "source"), "against");
    ck_assert_str_ne(str_field(cJSON_GetObjectItemCaseSensitive(part, "ruleset"), "sha256"), national);
    cJSON_Delete(rec);
    rec = replay_record(2); /* Kon Tum's B: near_poor at 135 > 130 becomes not_poor */
    ck_assert_str_eq(str_field(find_diff(rec, 0, "class"), "new"), "not_poor");
    cJSON_Delete(rec);
    rec = replay_record(3); /* not JSON: the same error under any rule set */
    ck_assert_str_eq(str_field(rec, "status"), "identical");
    cJSON_Delete(rec);
    ck_assert_int_eq(run("--lang en replay --rules rules --against vn/2022-2025 audit.log", NULL), 1);
    ck_assert_msg(file_has("out.txt", "    class: \"poor\" → \"not_poor\""), "out.txt lacks the expected text");
    ck_assert_int_eq(run("replay --rules rules --against no/such audit.log", NULL), 2);
}
END_TEST

START_TEST(audit_should_exit_2_on_usage_and_3_on_a_missing_log)
{
    ck_assert_int_eq(run("verify", NULL), 2);
    ck_assert_int_eq(run("verify --bogus x", NULL), 2);
    ck_assert_int_eq(run("verify missing.log", NULL), 3);
    ck_assert_int_eq(run("replay", NULL), 2);
    ck_assert_int_eq(run("replay missing.log", NULL), 3);
    ck_assert_int_eq(run("classify --log no/such/dir/audit.log", households), 3);
    ck_assert_int_eq(run("verify --help", NULL), 0);
    ck_assert_int_eq(run("replay --help", NULL), 0);
}
END_TEST

static Suite *audit_suite(void)
{
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("audit");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, audit_should_log_every_decision_in_a_chain);
    tcase_add_test(tc, audit_should_archive_each_rule_set_with_its_ancestors);
    tcase_add_test(tc, audit_should_continue_the_chain_when_appending);
    tcase_add_test(tc, audit_should_name_the_line_whose_input_was_altered);
    tcase_add_test(tc, audit_should_name_the_line_whose_result_was_altered);
    tcase_add_test(tc, audit_should_name_the_line_whose_hash_was_altered);
    tcase_add_test(tc, audit_should_name_a_removed_line);
    tcase_add_test(tc, audit_should_call_swapped_lines_a_reordering);
    tcase_add_test(tc, audit_should_warn_that_an_empty_log_proves_nothing);
    tcase_add_test(tc, audit_should_name_the_edited_file_of_an_archived_rule_set);
    tcase_add_test(tc, audit_should_make_a_key_pair_once_with_a_private_secret);
    tcase_add_test(tc, audit_should_catch_a_rechained_forgery_with_the_key);
    tcase_add_test(tc, audit_should_catch_a_tail_cut_off_with_its_checkpoint);
    tcase_add_test(tc, audit_should_refuse_a_checkpoint_of_another_key);
    tcase_add_test(tc, audit_should_say_when_and_by_whom_a_run_was_logged);
    tcase_add_test(tc, audit_should_list_the_latest_decision_of_each_household);
    tcase_add_test(tc, audit_should_explain_a_logged_decision_with_its_archived_rules);
    tcase_add_test(tc, audit_should_warn_when_the_logged_class_differs);
    tcase_add_test(tc, audit_should_name_an_inserted_line);
    tcase_add_test(tc, audit_should_report_a_torn_last_line_and_repair_it);
    tcase_add_test(tc, audit_should_name_a_removed_line_before_a_torn_last_line);
    tcase_add_test(tc, audit_should_not_append_after_an_altered_last_line);
    tcase_add_test(tc, audit_should_replay_identically_under_the_same_rules);
    tcase_add_test(tc, audit_should_replay_the_transition_of_a_local_entry);
    tcase_add_test(tc, audit_should_show_what_a_rule_edit_changes);
    tcase_add_test(tc, audit_should_exit_2_on_usage_and_3_on_a_missing_log);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(audit_suite());
}
