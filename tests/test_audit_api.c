/*
** test_audit_api.c: the audit trail as an embedder sees it, through the public header and
** the shared library alone (rasoat_dep; no internal header, no command): households read
** with rasoat_reader from a JSON array, classified and recorded in a decision log, the log
** closed, verified intact, verified again after one of its lines was edited (the API names
** the line and the problem), signed and cut off after its checkpoint (records no checkpoint
** covers), scanned for each household's latest decision, and replayed.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include <rasoat.h>

/* Three households as an embedder would store them: one JSON array, one of them (HGD-003)
** an error record (its size is text), one (HGD-001) classified twice. */
static const char households[] =
    "[\n"
    "{\"id\":\"HGD-001\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":4,\"b1_score\":138,"
    "\"deprivations\":{\"employment\":true,\"dependents\":false,\"nutrition\":false,\"health_insurance\":true,"
    "\"adult_education\":false,\"child_schooling\":false,\"housing_quality\":true,\"housing_area\":false,"
    "\"water\":false,\"sanitation\":false,\"telecom\":false,\"information_means\":false}},\n"
    "{\"id\":\"HGD-002\",\"survey_date\":\"2024-10-15\",\"area\":\"urban\",\"size\":3,"
    "\"income_per_capita_month\":2600000},\n"
    "{\"id\":\"HGD-003\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":\"4\",\"b1_score\":120},\n"
    "{\"id\":\"HGD-001\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":4,\"b1_score\":150,"
    "\"deprivations\":{\"employment\":false,\"dependents\":false,\"nutrition\":false,\"health_insurance\":false,"
    "\"adult_education\":false,\"child_schooling\":false,\"housing_quality\":false,\"housing_area\":false,"
    "\"water\":false,\"sanitation\":false,\"telecom\":false,\"information_means\":false}}\n"
    "]\n";
#define N_HOUSEHOLDS 4

static char dir[256];      /* this test's scratch directory */
static char log_path[300];

static const char *rules_dir(void)
{
    const char *d = getenv("RASOAT_TEST_RULES");

    ck_assert_msg(d != NULL, "RASOAT_TEST_RULES is not set");
    return d;
}

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/rasoat-audit-api-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(log_path, sizeof log_path, "%s/decisions.log", dir);
}

static void remove_dir(void)
{
    char cmd[300];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* The JSON text 'json' ('n' bytes) printed over lines: CR LF and a tab after every '{',
** '[' and ',' outside strings (malloc'd). */
static char *over_lines(const char *json, size_t n)
{
    char *out = (char *)malloc(4 * n + 1), *o = out;
    int in_string = 0, escaped = 0;
    size_t i;

    ck_assert_ptr_nonnull(out);
    for (i = 0; i < n; i++) {
        char c = json[i];

        *o++ = c;
        if (in_string) {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[' || c == ',') {
            memcpy(o, "\r\n\t", 3);
            o += 3;
        }
    }
    *o = '\0';
    return out;
}

/* How a result goes to the log: in the engine's buffer, as a copy in the embedder's, or
** as a copy printed over several lines (cJSON_Print). */
enum { RESULT_OWN, RESULT_COPIED, RESULT_PRETTY };

/* Classify every household of 'households' into the log at 'log_path' (signed with 'key'
** when not NULL); 'summary' gets the close's. 'copied' is how each result goes to the log
** (RESULT_...). Returns the number of records read. */
static int log_households_as(const rasoat_key *key, rasoat_log_summary *summary, int copied)
{
    rasoat_options opts;
    rasoat_engine *engine = NULL;
    rasoat_reader *reader = NULL;
    rasoat_log *log = NULL;
    rasoat_error err;
    FILE *in = fmemopen((void *)households, sizeof households - 1, "r");
    const char *text, *record;
    size_t len, record_len;
    long line;
    int st, n = 0;

    ck_assert_ptr_nonnull(in);
    memset(&opts, 0, sizeof opts);
    opts.rules_dir = rules_dir();
    ck_assert_int_eq(rasoat_open(&opts, &engine, &err), RASOAT_OK);
    ck_assert_int_eq(rasoat_reader_open(in, RASOAT_LANG_EN, &reader, &err), RASOAT_OK);
    st = rasoat_log_open(log_path, engine, &opts, key, RASOAT_LANG_EN, &log, &err);
    ck_assert_msg(st == RASOAT_OK, "rasoat_log_open: %s", err.message);
    while ((st = rasoat_reader_next(reader, &text, &len, &line, &err)) == 1) {
        n++;
        ck_assert_int_eq(line, n + 1);            /* one household a line after the '[' */
        rasoat_classify(engine, text, len, line, &record, &record_len, NULL);
        if (copied == RESULT_PRETTY) {
            char *pretty = over_lines(record, record_len);

            st = rasoat_log_record(log, line, text, len, pretty, strlen(pretty), &err);
            free(pretty);
        } else if (copied == RESULT_COPIED) {
            char *copy = (char *)malloc(record_len + 1);

            ck_assert_ptr_nonnull(copy);
            memcpy(copy, record, record_len + 1);
            st = rasoat_log_record(log, line, text, len, copy, record_len, &err);
            free(copy);
        } else {
            st = rasoat_log_record(log, line, text, len, record, record_len, &err);
        }
        ck_assert_msg(st == RASOAT_OK, "rasoat_log_record: %s", err.message);
    }
    ck_assert_int_eq(st, 0);
    ck_assert(rasoat_reader_is_array(reader));
    ck_assert_int_eq(rasoat_log_close(log, summary, &err), RASOAT_OK);
    rasoat_reader_close(reader);
    fclose(in);
    rasoat_close(engine);
    return n;
}

static int log_households(const rasoat_key *key, rasoat_log_summary *summary)
{
    return log_households_as(key, summary, RESULT_OWN);
}

/* Replace the first 'from' after line 'lineno' starts in file 'path' by 'to' (same length). */
static void edit_line(const char *path, int lineno, const char *from, const char *to)
{
    FILE *f = fopen(path, "r+b");
    char *text, *at;
    long size;
    int i;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(strlen(from), strlen(to));
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    text = (char *)calloc(1, (size_t)size + 1);
    ck_assert_int_eq(fread(text, 1, (size_t)size, f), (size_t)size);
    for (at = text, i = 1; i < lineno; i++)
        at = strchr(at, '\n') + 1;
    at = strstr(at, from);
    ck_assert_ptr_nonnull(at);
    memcpy(at, to, strlen(to));
    rewind(f);
    ck_assert_int_eq(fwrite(text, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    free(text);
}

START_TEST(log_verify_replay)
{
    rasoat_log_summary summary;
    rasoat_log_verdict v;
    rasoat_replay_options ro;
    rasoat_replay *replay = NULL;
    rasoat_replay_counts counts;
    rasoat_error err;
    const char *report;
    size_t len;
    int st, reports = 0;

    make_dir();
    ck_assert_int_eq(log_households(NULL, &summary), N_HOUSEHOLDS);
    ck_assert_int_eq(summary.lines, N_HOUSEHOLDS);
    ck_assert_int_eq((int)strlen(summary.head), RASOAT_HASH_HEX);
    ck_assert(summary.written);
    ck_assert(!summary.signed_run);

    /* Intact, every rule set archived beside it. */
    ck_assert_int_eq(rasoat_log_verify(log_path, NULL, RASOAT_LANG_EN, &v, &err), RASOAT_OK);
    ck_assert_int_eq(v.state, RASOAT_LOG_INTACT);
    ck_assert_int_eq(v.records, N_HOUSEHOLDS);
    ck_assert_str_eq(v.last_hash, summary.head);
    ck_assert_str_eq(v.problem, "");
    ck_assert_uint_ge(v.archive_checked, 1);
    ck_assert_uint_eq(v.archive_missing, 0);
    ck_assert_str_eq(v.archive_altered, "");

    /* Replayed through the library alone: every decision identical. */
    memset(&ro, 0, sizeof ro);
    ro.log = log_path;
    ro.rules_dir = rules_dir();
    ro.lang = RASOAT_LANG_EN;
    ck_assert_int_eq(rasoat_replay_open(&ro, &replay, &err), RASOAT_OK);
    while ((st = rasoat_replay_next(replay, &report, &len, &err)) == 1) {
        reports++;
        ck_assert_int_eq(err.code, RASOAT_OK);
        ck_assert_uint_eq(strlen(report), len);
        ck_assert_ptr_nonnull(strstr(report, "\"status\":\"identical\""));
    }
    ck_assert_int_eq(st, 0);
    rasoat_replay_counts_get(replay, &counts);
    rasoat_replay_close(replay);
    ck_assert_int_eq(reports, N_HOUSEHOLDS);
    ck_assert_int_eq(counts.identical, N_HOUSEHOLDS);
    ck_assert_int_eq(counts.different + counts.unavailable + counts.unreadable + counts.altered, 0);

    /* One household's size edited in line 2: the API names the line and the problem. */
    edit_line(log_path, 2, "\"size\":3", "\"size\":5");
    ck_assert_int_eq(rasoat_log_verify(log_path, NULL, RASOAT_LANG_EN, &v, &err), RASOAT_OK);
    ck_assert_int_eq(v.state, RASOAT_LOG_TAMPERED);
    ck_assert_str_eq(v.problem, "altered");
    ck_assert_int_eq(v.line, 2);
    ck_assert_int_eq(v.records, 1);
    ck_assert_int_eq((int)strlen(v.hash_stored), RASOAT_HASH_HEX);
    ck_assert_str_ne(v.hash_stored, v.hash_computed);
    ck_assert_msg(strstr(v.message, "altered") != NULL, "message: %s", v.message);

    /* ... and the replay marks that decision as altered. */
    ck_assert_int_eq(rasoat_replay_open(&ro, &replay, &err), RASOAT_OK);
    while (rasoat_replay_next(replay, &report, &len, &err) == 1)
        ;
    rasoat_replay_counts_get(replay, &counts);
    rasoat_replay_close(replay);
    ck_assert_int_eq(counts.altered, 1);
    ck_assert_int_eq(counts.different, 1);   /* the household it now holds is another */
    remove_dir();
}
END_TEST

START_TEST(signed_log_cut_off)
{
    char name[300], secret[320], public_key[320];
    rasoat_key *key = NULL;
    rasoat_log_summary summary;
    rasoat_log_verdict v;
    rasoat_error err;
    FILE *f;
    char line[65536];
    long keep = 0;
    int lineno = 0;

    make_dir();
    snprintf(name, sizeof name, "%s/office", dir);
    snprintf(secret, sizeof secret, "%s.key", name);
    snprintf(public_key, sizeof public_key, "%s.pub", name);
    ck_assert_int_eq(rasoat_keygen(name, RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert_int_lt(rasoat_keygen(name, RASOAT_LANG_EN, &err), 0);  /* never overwritten */
    ck_assert_int_eq(rasoat_key_load(secret, RASOAT_LANG_EN, &key, &err), RASOAT_OK);
    ck_assert_int_lt(rasoat_key_load(public_key, RASOAT_LANG_EN, &key, &err), 0);
    ck_assert_ptr_null(key);
    ck_assert_str_eq(err.kind, "key");
    ck_assert_int_eq(rasoat_key_load(secret, RASOAT_LANG_EN, &key, &err), RASOAT_OK);

    ck_assert_int_eq(log_households(key, &summary), N_HOUSEHOLDS);
    rasoat_key_free(key);
    ck_assert(summary.signed_run);
    ck_assert_int_eq(summary.lines, N_HOUSEHOLDS + 1);    /* and the checkpoint */
    ck_assert_int_eq(rasoat_log_verify(log_path, public_key, RASOAT_LANG_EN, &v, &err), RASOAT_OK);
    ck_assert_int_eq(v.state, RASOAT_LOG_INTACT);
    ck_assert_int_eq(v.checkpoints, 1);
    ck_assert_int_eq(v.signed_through, N_HOUSEHOLDS);

    /* Cut off after the third record, checkpoint and all: the chain is intact, but the
    ** records are covered by no checkpoint. */
    f = fopen(log_path, "rb");
    ck_assert_ptr_nonnull(f);
    while (lineno < 3 && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        keep += (long)strlen(line);
    }
    fclose(f);
    ck_assert_int_eq(truncate(log_path, keep), 0);
    ck_assert_int_eq(rasoat_log_verify(log_path, NULL, RASOAT_LANG_EN, &v, &err), RASOAT_OK);
    ck_assert_int_eq(v.state, RASOAT_LOG_INTACT);            /* without the key, it looks fine */
    ck_assert_int_eq(rasoat_log_verify(log_path, public_key, RASOAT_LANG_EN, &v, &err), RASOAT_OK);
    ck_assert_int_eq(v.state, RASOAT_LOG_TAMPERED);
    ck_assert_str_eq(v.problem, "uncovered");
    remove_dir();
}
END_TEST

START_TEST(latest_decisions)
{
    rasoat_log_summary summary;
    rasoat_log_scan *scan = NULL;
    rasoat_logged d;
    rasoat_error err;
    int st, decisions = 0, latest = 0;

    make_dir();
    log_households(NULL, &summary);
    ck_assert_int_eq(rasoat_log_scan_open(log_path, 1, RASOAT_LANG_EN, &scan, &err), RASOAT_OK);
    while ((st = rasoat_log_scan_next(scan, &d, &err)) == 1) {
        decisions++;
        ck_assert_int_eq(d.seq, decisions);
        ck_assert_int_eq(d.line, decisions);
        ck_assert_ptr_nonnull(d.id);
        ck_assert_ptr_nonnull(d.input);      /* the record's bytes as they were read */
        ck_assert_ptr_nonnull(strstr(d.input, d.id));
        latest += d.latest;
        if (strcmp(d.id, "HGD-001") == 0)
            ck_assert_int_eq(d.latest, d.seq == 4);   /* classified again at the end */
    }
    ck_assert_int_eq(st, 0);
    rasoat_log_scan_close(scan);
    ck_assert_int_eq(decisions, N_HOUSEHOLDS);
    ck_assert_int_eq(latest, 3);
    ck_assert_int_lt(rasoat_log_scan_open("/nonexistent/log", 1, RASOAT_LANG_EN, &scan, &err), 0);
    ck_assert_str_eq(err.kind, "open");
    remove_dir();
}
END_TEST

/* Read 'text' with a reader in English: the statuses of every call up to the end, and the
** records' texts joined by '|', into 'got'. */
static void read_all(const char *text, char *got, size_t size)
{
    FILE *in = fmemopen((void *)text, strlen(text), "r");
    rasoat_reader *reader = NULL;
    rasoat_error err;
    const char *record;
    size_t len, used = 0;
    long line;
    int st;

    ck_assert_int_eq(rasoat_reader_open(in, RASOAT_LANG_EN, &reader, &err), RASOAT_OK);
    got[0] = '\0';
    do {
        st = rasoat_reader_next(reader, &record, &len, &line, &err);
        used += (size_t)snprintf(got + used, size - used, "%s|",
                                 st == 1 ? record : st == 0 ? "END" : err.message);
    } while (st != 0 && used < size);
    rasoat_reader_close(reader);
    fclose(in);
}

START_TEST(reader_fragments)
{
    char got[1024];

    read_all("\xEF\xBB\xBF[{\"id\":\"A\"},,{\"id\":\"B\"}]\n{\"id\":\"C\"}\n\n", got, sizeof got);
    ck_assert_str_eq(got, "{\"id\":\"A\"}|empty element in the JSON array|{\"id\":\"B\"}|"
                          "{\"id\":\"C\"}|END|");
    read_all("[{\"id\":\"A\"}, {\"id\":", got, sizeof got);
    ck_assert_str_eq(got, "{\"id\":\"A\"}|the JSON array is not closed with ']'|END|");
    read_all("{\"id\":\"A\"}\n  \n{\"id\":\"B\"}", got, sizeof got);
    ck_assert_str_eq(got, "{\"id\":\"A\"}|{\"id\":\"B\"}|END|");
}
END_TEST

/* The whole text of 'path' (caller frees). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;

    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    text = (char *)calloc((size_t)size + 1, 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq((long)fread(text, 1, (size_t)size, f), size);
    fclose(f);
    return text;
}

START_TEST(own_result_and_copy_log_alike)
{
    /* The log takes where the members of the engine's own result are from the engine; a
    ** result given in a buffer of the embedder's is read, and one printed over several
    ** lines goes in as one line. The lines must be the same from "options" to "prev" (what
    ** is before is the time, what is after hashes it). */
    rasoat_log_summary summary;
    char *own, *copied, *a, *b;
    int mode;

    make_dir();
    ck_assert_int_eq(log_households_as(NULL, &summary, RESULT_OWN), N_HOUSEHOLDS);
    own = slurp(log_path);
    for (mode = RESULT_COPIED; mode <= RESULT_PRETTY; mode++) {
        int lines = 0;

        ck_assert_int_eq(unlink(log_path), 0);
        ck_assert_int_eq(log_households_as(NULL, &summary, mode), N_HOUSEHOLDS);
        copied = slurp(log_path);
        for (a = own, b = copied; *a != '\0' && *b != '\0'; lines++) {
            char *fa = strstr(a, ",\"options\""), *fb = strstr(b, ",\"options\"");
            char *ta = strstr(a, ",\"prev\""), *tb = strstr(b, ",\"prev\"");

            ck_assert(fa && fb && ta && tb && ta > fa && tb > fb);
            ck_assert_int_eq(ta - fa, tb - fb);
            ck_assert_msg(memcmp(fa, fb, (size_t)(ta - fa)) == 0, "line %d differs", lines + 1);
            ck_assert(strstr(fa, "\"result\":{\"id\"") != NULL);
            a = strchr(a, '\n') + 1;
            b = strchr(b, '\n') + 1;
        }
        ck_assert_int_eq(lines, N_HOUSEHOLDS);
        ck_assert(*a == '\0' && *b == '\0');
        free(copied);
    }
    free(own);
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("audit_api");
    TCase *tc = tcase_create("public");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, log_verify_replay);
    tcase_add_test(tc, signed_log_cut_off);
    tcase_add_test(tc, latest_decisions);
    tcase_add_test(tc, reader_fragments);
    tcase_add_test(tc, own_result_and_copy_log_alike);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
