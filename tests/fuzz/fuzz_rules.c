/*
** fuzz_rules.c: libFuzzer target for rule files. The input is a small rules tree: text
** before the first marker line is x/1/ruleset.lua; a line "--@ PATH" starts the file PATH
** (relative, at most 4 plain components). The tree is written to a private temporary
** directory, loaded with rasoat_open under small budgets, and a fixed set of households
** covering every bundled period and province is classified and explained; every loaded
** set is also listed, shown, exported as JSON and given its boundary cases.
**
** Rule code is untrusted (docs/rule-authoring.md): whatever the files hold, loading must
** fail with an error or succeed, and every household must get one record. A finding is a
** crash, a sanitizer report, an input slower than libFuzzer's -timeout, or a record that
** breaks record_check.h.
*/
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "rasoat.h"
#include "record_check.h"

#define MAX_FILES 32
#define MAX_PATH 96
#define MARKER "--@ "
#define BUDGET 200000u                  /* instructions per household */
#define MEMORY (32u * 1024u * 1024u)   /* bytes per Lua state */

/* One household per bundled period and province (rules/README files, fixtures), and one
** in 2031-2039, the period of the small sets of corpus/rules and regress/rules. */
static const char *const households[] = {
    "{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"province\":\"62\",\"area\":\"rural\",\"size\":4,"
    "\"b1_score\":139,\"livelihood\":\"trade\",\"deprivations\":{\"employment\":false,"
    "\"dependents\":false,\"nutrition\":false,\"health_insurance\":true,\"adult_education\":false,"
    "\"child_schooling\":false,\"housing_quality\":true,\"housing_area\":false,\"water\":false,"
    "\"sanitation\":false,\"telecom\":false,\"information_means\":false}}",
    "{\"id\":\"B\",\"survey_date\":\"2024-11-05\",\"province\":\"75\",\"area\":\"rural\",\"size\":5,"
    "\"income_per_capita_month\":1980000,\"deprivations\":{\"employment\":true,\"water\":true}}",
    "{\"id\":\"C\",\"survey_date\":\"2023-10-01\",\"province\":\"79\",\"area\":\"urban\",\"size\":3,"
    "\"income_per_capita_month\":3500000,\"deprivations\":{\"health_insurance\":true,"
    "\"housing_quality\":true,\"social_insurance\":true}}",
    "{\"id\":\"D\",\"survey_date\":\"2018-10-01\",\"area\":\"urban\",\"size\":2,\"b1_score\":150}",
    "{\"id\":\"E\",\"survey_date\":\"2028-10-01\",\"province\":\"01\",\"area\":\"rural\",\"size\":6,"
    "\"income_per_capita_month\":2100000,\"members\":[{\"age\":70,\"sex\":\"male\"}]}",
    "{\"id\":\"F\",\"survey_date\":\"2035-01-01\",\"province\":\"62\",\"area\":\"rural\",\"size\":1,"
    "\"b1_score\":1,\"deprivations\":{\"water\":true}}",
};

static char root[1024];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void clear_tree(void)
{
    nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
    clear_tree();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");

    (void)argc;
    (void)argv;
    snprintf(root, sizeof root, "%s/rasoat-fuzz-rules.XXXXXX", tmp != NULL ? tmp : "/tmp");
    if (mkdtemp(root) == NULL)
        FUZZ_FAIL("no temporary directory: %s", strerror(errno));
    atexit(cleanup);
    return 0;
}

/* Is 'p' ('n' bytes) a relative path of at most 4 plain components ([A-Za-z0-9_.-], not
** starting with '.')? */
static int plain_path(const char *p, size_t n)
{
    size_t i, parts = 1, start = 0;

    if (n == 0 || n > MAX_PATH)
        return 0;
    for (i = 0; i <= n; i++) {
        char c = i < n ? p[i] : '/';

        if (c == '/') {
            if (i == start || p[start] == '.' || ++parts > 5)
                return 0;
            start = i + 1;
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                     || c == '_' || c == '-' || c == '.')) {
            return 0;
        }
    }
    return 1;
}

/* Write 'len' bytes to 'rel' under the root, making its directories. */
static void write_file(const char *rel, const char *text, size_t len)
{
    char path[1200];
    char *slash;
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (slash = strchr(path + strlen(root) + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0700);
        *slash = '/';
    }
    if ((f = fopen(path, "wb")) == NULL)
        return; /* e.g. a file where a directory is wanted: the tree is just smaller */
    fwrite(text, 1, len, f);
    fclose(f);
}

/* Split the input into files (see top) and write them. */
static void write_tree(const char *data, size_t size)
{
    char name[MAX_PATH + 1] = "x/1/ruleset.lua";
    size_t at = 0, start = 0, files = 0;

    for (;;) {
        const char *nl;
        size_t next, n;

        /* Find the next marker line at or after 'at'. */
        while (at < size && !(size - at >= sizeof MARKER - 1
                              && memcmp(data + at, MARKER, sizeof MARKER - 1) == 0))
            at = (nl = (const char *)memchr(data + at, '\n', size - at)) != NULL
                 ? (size_t)(nl - data) + 1 : size;
        if (at > start || files > 0) /* an empty ruleset.lua before a first marker is none */
            write_file(name, data + start, at - start);
        if (at >= size || ++files >= MAX_FILES)
            return;
        nl = (const char *)memchr(data + at, '\n', size - at);
        next = nl != NULL ? (size_t)(nl - data) + 1 : size;
        n = (nl != NULL ? (size_t)(nl - data) : size) - at - (sizeof MARKER - 1);
        while (n > 0 && (data[at + sizeof MARKER - 1 + n - 1] == '\r'
                         || data[at + sizeof MARKER - 1 + n - 1] == ' '))
            n--;
        if (plain_path(data + at + sizeof MARKER - 1, n)) {
            memcpy(name, data + at + sizeof MARKER - 1, n);
            name[n] = '\0';
        } else {
            snprintf(name, sizeof name, "x/1/f%zu.lua", files); /* an unusable name */
        }
        at = start = next;
    }
}

/* Every query a loaded set answers, on every set. */
static void query_sets(rasoat_engine *e)
{
    const char *text;
    size_t i, len;
    rasoat_error err;

    rasoat_rules_list(e, RASOAT_LANG_EN, &text, &len, &err);
    for (i = 0; i < rasoat_ruleset_count(e); i++) {
        const char *id = rasoat_ruleset_id(e, i);

        FUZZ_CHECK(id != NULL && rasoat_ruleset_sha256(e, i) != NULL
                   && strlen(rasoat_ruleset_sha256(e, i)) == 64, "rule set %zu has no id or hash", i);
        rasoat_rules_show(e, id, RASOAT_LANG_VI, &text, &len, &err);
        rasoat_rules_json(e, id, &text, &len, &err);
        rasoat_boundary_cases(e, id, &text, &len, &err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rasoat_options opts;
    rasoat_engine *e = NULL;
    rasoat_error err;
    size_t i;

    clear_tree();
    mkdir(root, 0700);
    write_tree((const char *)data, size);

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = root;
    opts.instruction_budget = BUDGET;
    opts.memory_limit = MEMORY;
    if (rasoat_open(&opts, &e, &err) != RASOAT_OK) {
        FUZZ_CHECK(e == NULL && err.code < 0 && err.message[0] != '\0',
                   "a failed load left no error (code %d)", err.code);
        return 0;
    }
    query_sets(e);
    for (i = 0; i < sizeof households / sizeof households[0]; i++) {
        const char *rec, *text;
        size_t len;
        int status = rasoat_classify(e, households[i], strlen(households[i]), (long)i + 1, &rec,
                                     &len, &err);

        fuzz_check_record(rec, len, status);
        rasoat_explain(e, households[i], strlen(households[i]), RASOAT_LANG_EN,
                       i % 2 ? RASOAT_EXPLAIN_JSON : RASOAT_EXPLAIN_TEXT, &text, &len, &err);
    }
    rasoat_close(e);
    return 0;
}
