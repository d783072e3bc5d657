/*
** cmd_test.c: 'rasoat test': run the fixtures stored beside each rule set against the
** engine, show every disagreement readably, and report which legal provisions, parameters
** and indicators of each rule set its fixtures exercise (coverage by legal citation).
*/
#define _XOPEN_SOURCE 700 /* realpath */

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "boundaries.h"
#include "cli.h"
#include "commands.h"
#include "options.h"
#include "fixtures.h"
#include "test_batch.h"

static const char help_vi[] =
    "Cách dùng: rasoat test [ID|THƯ_MỤC] [TÙY CHỌN...]\n"
    "\n"
    "Chạy các ca kiểm thử (fixtures/) lưu cạnh mỗi bộ quy tắc: của bộ quy tắc ID, hoặc của mọi\n"
    "bộ quy tắc nằm trong THƯ_MỤC, hoặc của tất cả khi không chỉ rõ. Mỗi ca được phân loại và\n"
    "so với kết quả mong đợi; ca sai được in ra với tên, tệp:dòng, mô tả, căn cứ và từng trường\n"
    "'mong đợi X, nhận được Y'. Dòng cuối có dạng 'N passed, M failed'.\n"
    "Độ phủ: với mỗi bộ quy tắc, các quy định, tham số và chỉ số mà các ca kiểm thử đã chạm tới\n"
    "(quy định quyết định kết quả, tham số được so sánh, chỉ số bị thiếu hụt), trên tổng số.\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC    thư mục bộ quy tắc (mặc định: %s)\n"
    "  --coverage         in độ phủ theo căn cứ pháp lý: mục đã kiểm và chưa bao giờ được kiểm\n"
    "  --min-coverage N   không đạt khi độ phủ của một bộ quy tắc dưới N%%\n"
    "  --boundaries       với ID: tạo các trường hợp tại mọi ngưỡng (x-1, x, x+1) và mọi ngày\n"
    "                     hiệu lực, kiểm tra kết quả chỉ đổi đúng nơi quy định nói\n"
    "  --verbose          với --boundaries: in mọi trường hợp, không chỉ ca sai\n"
    "  --jobs N           số luồng chạy các ca (mặc định: số lõi của máy); kết quả in ra giống\n"
    "                     hệt với mọi N\n"
    "  --lang vi|en       ngôn ngữ\n"
    "  --help             hướng dẫn này\n"
    "\n"
    "Độ phủ của một bộ quy tắc địa phương chỉ tính những gì bộ đó tự khai báo hoặc ghi đè.\n"
    "\n"
    "Mã thoát: 0 mọi ca đạt; 1 có ca không đạt, một bộ quy tắc không có ca kiểm thử, hoặc độ\n"
    "phủ dưới N%%; 2 lỗi dùng lệnh, ID không có, hoặc lỗi bộ quy tắc; 3 lỗi đọc tệp.\n";

static const char help_en[] =
    "Usage: rasoat test [ID|DIR] [OPTIONS...]\n"
    "\n"
    "Run the fixtures (fixtures/) stored beside each rule set: those of rule set ID, or of\n"
    "every rule set in DIR, or of all when neither is given. Each fixture is classified and\n"
    "compared with its expectation; a failing one is printed with its name, file:line,\n"
    "description, basis and, per field, 'expected X, got Y'. The last line reads\n"
    "'N passed, M failed'.\n"
    "Coverage: for each rule set, the provisions, parameters and indicators its fixtures\n"
    "exercise (the provision that decided, parameters compared, indicators found deprived),\n"
    "out of all of them.\n"
    "\n"
    "Options:\n"
    "  --rules DIR        directory of rule sets (default: %s)\n"
    "  --coverage         print coverage by legal citation: items exercised and never exercised\n"
    "  --min-coverage N   fail when the coverage of a rule set is below N%%\n"
    "  --boundaries       with ID: generate cases at every threshold (x-1, x, x+1) and every\n"
    "                     in-force date, and check the outcome changes only where the rule says\n"
    "  --verbose          with --boundaries: print every case, not only failures\n"
    "  --jobs N           threads running the fixtures (default: the cores present); the\n"
    "                     output is the same bytes for every N\n"
    "  --lang vi|en       language\n"
    "  --help             this help\n"
    "\n"
    "The coverage of a local set counts only what the set itself declares or overrides.\n"
    "\n"
    "Exit status: 0 every fixture passed; 1 a fixture failed, a rule set has no fixtures, or\n"
    "coverage is below N%%; 2 usage error, unknown ID, or rule-set error; 3 a file cannot be read.\n";

enum { KIND_PROVISION, KIND_PARAMETER, KIND_INDICATOR };

/* One thing a rule set declares, and whether a fixture exercised it. */
typedef struct cov_item {
    int kind;
    const char *name;      /* inside the coverage's 'rules' tree */
    const char *citation;
    int hit;
} cov_item;

/* A rule set under test: its declared items and its fixtures' results. */
typedef struct set_run {
    const char *id, *dir;  /* engine-owned */
    cJSON *rules;          /* its rasoat.ruleset/1 description */
    cov_item *items;
    size_t count, hits;
    int passed, failed;
} set_run;

/* The whole run. */
typedef struct test_run {
    rasoat_engine *engine;
    rasoat_lang lang;
    int passed, failed;
    workers *pool;         /* --jobs N > 1: the threads classifying; NULL: 'engine' does */
    test_batch batch;      /* the households of the file being run */
} test_run;

/* What a mismatch callback needs to print a fixture's header once, then its fields. */
typedef struct failure {
    test_run *run;
    const char *name, *path, *description, *basis;
    long line;
    int shown;
} failure;

/* Print the header of failing fixture 'f' unless already printed. */
static void failure_header(failure *f)
{
    rasoat_lang lang = f->run->lang;

    if (f->shown)
        return;
    f->shown = 1;
    printf(CLI_TEXT(lang, "KHÔNG ĐẠT %s (%s:%ld)\n", "FAIL %s (%s:%ld)\n"), f->name, f->path, f->line);
    if (f->description != NULL && *f->description)
        printf(CLI_TEXT(lang, "  mô tả: %s\n", "  description: %s\n"), f->description);
    if (f->basis != NULL && *f->basis)
        printf(CLI_TEXT(lang, "  căn cứ: %s\n", "  basis: %s\n"), f->basis);
}

/* fixture_mismatch_fn: print "  PATH: expected X, got Y" under the fixture's header. */
static void print_mismatch(void *ctx, const char *path, const cJSON *want, const cJSON *got)
{
    failure *f = (failure *)ctx;
    char *w = cJSON_PrintUnformatted(want);
    char *g = got ? cJSON_PrintUnformatted(got) : NULL;
    rasoat_lang lang = f->run->lang;

    failure_header(f);
    printf(CLI_TEXT(lang, "  %s: mong đợi %s, nhận được %s\n", "  %s: expected %s, got %s\n"), path,
           w ? w : "?", g ? g : CLI_TEXT(lang, "(không có)", "(absent)"));
    free(w);
    free(g);
}

/* Print one failure line that is not a field comparison (bad fixture, missing line...). */
static void print_problem(failure *f, const char *vi, const char *en)
{
    failure_header(f);
    printf("  %s\n", CLI_TEXT(f->run->lang, vi, en));
}

/* When 'result' is an error record, print its message under the failure. */
static void print_error_of(failure *f, const cJSON *result)
{
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(result, "error");
    const cJSON *msg = cJSON_GetObjectItemCaseSensitive(error, "message");

    if (cJSON_IsString(msg))
        printf(CLI_TEXT(f->run->lang, "  lỗi: %s\n", "  error: %s\n"), msg->valuestring);
}

static const char *string_of(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/*
** Does rule set 's' itself declare (or override) 'entry' of its description? An entry
** names the set it comes from ("from"), or else the file it was declared in; an inherited
** one belongs to the parent's coverage, not to a local set's.
*/
static int declared_by(const set_run *s, const cJSON *entry)
{
    const char *from = string_of(entry, "from"), *file = string_of(entry, "file");
    size_t n = strlen(s->dir);

    if (from != NULL)
        return strcmp(from, s->id) == 0;
    return file == NULL || (strncmp(file, s->dir, n) == 0 && file[n] == '/');
}

/*
** Fill 's->items' from the rule set's JSON description: every provision, parameter and
** indicator the set itself declares or overrides (not what it inherits), with its citation. Returns 0, or -1 when the description is unavailable or
** memory runs out.
*/
static int load_items(test_run *r, set_run *s)
{
    static const char *const lists[3] = {"provisions", "parameters", "indicators"};
    static const char *const keys[3] = {"name", "name", "code"};
    const char *text;
    size_t len, n = 0;
    rasoat_error err;
    int k;

    if (rasoat_rules_json(r->engine, s->id, &text, &len, &err) != RASOAT_OK)
        return -1;
    s->rules = cJSON_ParseWithLength(text, len);
    if (s->rules == NULL)
        return -1;
    for (k = 0; k < 3; k++)
        n += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(s->rules, lists[k]));
    s->items = (cov_item *)calloc(n ? n : 1, sizeof *s->items);
    if (s->items == NULL)
        return -1;
    for (k = 0; k < 3; k++) {
        const cJSON *entry;

        cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(s->rules, lists[k])) {
            const char *name = string_of(entry, keys[k]);

            if (name == NULL || !declared_by(s, entry))
                continue;
            s->items[s->count].kind = k;
            s->items[s->count].name = name;
            s->items[s->count].citation = string_of(entry, "citation");
            s->count++;
        }
    }
    return 0;
}

/* Mark item 'name' of 'kind' exercised. */
static void mark(set_run *s, int kind, const char *name)
{
    size_t i;

    for (i = 0; i < s->count; i++) {
        if (s->items[i].kind == kind && strcmp(s->items[i].name, name) == 0 && !s->items[i].hit) {
            s->items[i].hit = 1;
            s->hits++;
        }
    }
}

/* Mark every "param" named in the comparison tests 'tests' (and tests nested in them). */
static void mark_tests(set_run *s, const cJSON *tests)
{
    const cJSON *t;

    cJSON_ArrayForEach(t, tests) {
        const char *param = string_of(t, "param");

        if (param != NULL)
            mark(s, KIND_PARAMETER, param);
        mark_tests(s, cJSON_GetObjectItemCaseSensitive(t, "tests"));
    }
}

/*
** Record what one part of an explanation ("national" or a "local" entry) exercised of
** rule set 's', when that part is about 's': the deciding provision, the parameters of
** every evaluated comparison, and the indicators found deprived.
*/
static void record_part(set_run *s, const cJSON *part)
{
    const cJSON *ruleset = cJSON_GetObjectItemCaseSensitive(part, "ruleset");
    const char *id = string_of(ruleset, "id"), *provision;
    const cJSON *step, *code;

    if (id == NULL || strcmp(id, s->id) != 0)
        return;
    provision = string_of(cJSON_GetObjectItemCaseSensitive(part, "decision"), "provision");
    if (provision != NULL)
        mark(s, KIND_PROVISION, provision);
    cJSON_ArrayForEach(step, cJSON_GetObjectItemCaseSensitive(part, "steps"))
        mark_tests(s, cJSON_GetObjectItemCaseSensitive(step, "tests"));
    cJSON_ArrayForEach(code, cJSON_GetObjectItemCaseSensitive(part, "deprived")) {
        if (cJSON_IsString(code))
            mark(s, KIND_INDICATOR, code->valuestring);
    }
}

/* Record what batch item 'i' (its explanation) exercised of 's' (nothing when the
** household cannot be explained). */
static void record_coverage(test_run *r, set_run *s, size_t i)
{
    size_t len;
    const char *out = test_batch_explain(&r->batch, i, &len);
    cJSON *ex, *local;

    if (out == NULL)
        return;
    ex = cJSON_ParseWithLength(out, len);
    if (ex == NULL)
        return;
    record_part(s, cJSON_GetObjectItemCaseSensitive(ex, "national"));
    cJSON_ArrayForEach(local, cJSON_GetObjectItemCaseSensitive(ex, "local"))
        record_part(s, local);
    cJSON_Delete(ex);
}

/* The parsed result record of batch item 'i' (NULL only when memory runs out). */
static cJSON *result_of(test_run *r, size_t i)
{
    size_t len;
    const char *record = test_batch_result(&r->batch, i, &len);

    return record != NULL ? cJSON_ParseWithLength(record, len) : NULL;
}

static void tally(test_run *r, set_run *s, int ok)
{
    if (ok) {
        s->passed++;
        r->passed++;
    } else {
        s->failed++;
        r->failed++;
    }
}

static int blank(const char *line)
{
    return line[strspn(line, " \t\r\n")] == '\0';
}

/*
** Run the fixture records of file 'path' for rule set 's'. Each line is one fixture; a
** line that is not a fixture (not JSON, no name, basis or household) fails. Returns 0, or
** -1 when the file cannot be read (message printed).
*/
static int run_fixture_file(test_run *r, set_run *s, const char *path)
{
    FILE *f = fopen(path, "r");
    char *line;
    long n = 0;
    cJSON *fixtures = cJSON_CreateArray(), *fx;
    size_t i = 0;

    if (f == NULL) {
        fprintf(stderr, CLI_TEXT(r->lang, "rasoat test: không mở được %s\n", "rasoat test: cannot open %s\n"), path);
        cJSON_Delete(fixtures);
        return -1;
    }
    /* First the households of the whole file, classified together (test_batch.h); each
    ** fixture keeps its line and, when it is one, the index of its household. */
    while ((line = fixture_read_line(f)) != NULL) {
        const cJSON *household;

        n++;
        if (blank(line)) {
            free(line);
            continue;
        }
        fx = cJSON_Parse(line);
        free(line);
        if (!cJSON_IsObject(fx)) {          /* not a fixture: kept as its line number */
            cJSON_Delete(fx);
            cJSON_AddItemToArray(fixtures, cJSON_CreateNumber((double)n));
            continue;
        }
        cJSON_AddItemToArray(fixtures, fx);
        cJSON_AddNumberToObject(fx, " line", (double)n);
        household = cJSON_GetObjectItemCaseSensitive(fx, "household");
        if (string_of(fx, "name") != NULL && strcmp(string_of(fx, "name"), "?") != 0
            && string_of(fx, "basis") != NULL && cJSON_IsObject(household)
            && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(fx, "expect"))) {
            char *text = cJSON_PrintUnformatted(household);

            cJSON_AddNumberToObject(fx, " item", text != NULL ? (double)test_batch_add(&r->batch, text, n) : -1.0);
        }
    }
    fclose(f);
    test_batch_run(&r->batch, r->pool, r->engine, r->lang);
    /* Then each fixture in file order. */
    cJSON_ArrayForEach(fx, fixtures) {
        cJSON *result = NULL;
        const cJSON *expect, *item;
        failure fl;

        memset(&fl, 0, sizeof fl);
        fl.run = r;
        fl.path = path;
        fl.line = (long)cJSON_GetNumberValue(cJSON_IsObject(fx) ? cJSON_GetObjectItemCaseSensitive(fx, " line") : fx);
        fl.name = string_of(fx, "name");
        /* Shipped fixtures describe themselves in Vietnamese, with English beside. */
        fl.description = string_of(fx, r->lang == RASOAT_LANG_EN && string_of(fx, "description_en") != NULL
                                       ? "description_en" : "description");
        fl.basis = string_of(fx, "basis");
        if (fl.name == NULL)
            fl.name = "?";
        expect = cJSON_GetObjectItemCaseSensitive(fx, "expect");
        item = cJSON_GetObjectItemCaseSensitive(fx, " item");
        if (item == NULL) {
            print_problem(&fl, "dòng này không phải ca kiểm thử {name, description, basis, household, expect}",
                          "this line is not a fixture {name, description, basis, household, expect}");
            tally(r, s, 0);
            continue;
        }
        i = item->valuedouble >= 0 ? (size_t)item->valuedouble : 0;
        result = item->valuedouble >= 0 ? result_of(r, i) : NULL;
        if (result == NULL) {
            print_problem(&fl, "hết bộ nhớ", "out of memory");
        } else if (fixture_compare(expect, result, print_mismatch, &fl) > 0) {
            print_error_of(&fl, result);
        }
        tally(r, s, !fl.shown);
        if (item->valuedouble >= 0)
            record_coverage(r, s, i);
        cJSON_Delete(result);
    }
    cJSON_Delete(fixtures);
    test_batch_clear(&r->batch);
    return 0;
}

/*
** Run the sample 'path' (households) against 'expected' ({"id", "class", "why"} on the
** same line numbers) for rule set 's': each line passes when the ids agree and the class
** is the expected one. Returns 0, or -1 when a file cannot be read (message printed).
*/
static int run_sample(test_run *r, set_run *s, const char *path, const char *expected)
{
    FILE *f = fopen(path, "r"), *x = fopen(expected, "r");
    char *line, *want_line;
    long n = 0;
    cJSON *pairs = cJSON_CreateArray(), *pair;

    if (f == NULL || x == NULL) {
        fprintf(stderr, CLI_TEXT(r->lang, "rasoat test: không mở được %s\n", "rasoat test: cannot open %s\n"),
                f == NULL ? path : expected);
        if (f != NULL)
            fclose(f);
        if (x != NULL)
            fclose(x);
        cJSON_Delete(pairs);
        return -1;
    }
    /* First the households, classified together (test_batch.h): per line, the expected
    ** record ({} when there is none), whether the sample has the line, and its household. */
    for (;;) {
        cJSON *want;

        line = fixture_read_line(f);
        want_line = fixture_read_line(x);
        n++;
        if (line == NULL && want_line == NULL)
            break;
        want = want_line ? cJSON_Parse(want_line) : NULL;
        if (!cJSON_IsObject(want)) {
            cJSON_Delete(want);
            want = cJSON_CreateObject();
        }
        cJSON_AddItemToArray(pairs, want);
        cJSON_AddNumberToObject(want, " line", (double)n);
        if (line == NULL)
            cJSON_AddTrueToObject(want, " no line");
        else if (blank(line))
            cJSON_AddTrueToObject(want, " blank");
        else if (string_of(want, "id") != NULL && string_of(want, "class") != NULL)
            cJSON_AddNumberToObject(want, " item", (double)test_batch_add(&r->batch, line, n));
        if (line != NULL && cJSON_GetObjectItemCaseSensitive(want, " item") == NULL)
            free(line);
        free(want_line);
    }
    fclose(f);
    fclose(x);
    test_batch_run(&r->batch, r->pool, r->engine, r->lang);
    /* Then each line in order. */
    cJSON_ArrayForEach(pair, pairs) {
        cJSON *result = NULL;
        const cJSON *want = pair, *item = cJSON_GetObjectItemCaseSensitive(pair, " item");
        const char *want_id = string_of(want, "id"), *want_class = string_of(want, "class"), *got_id, *got_class;
        failure fl;

        memset(&fl, 0, sizeof fl);
        fl.run = r;
        fl.path = path;
        fl.line = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(pair, " line"));
        fl.name = want_id ? want_id : "?";
        fl.basis = string_of(want, "why");
        if (cJSON_GetObjectItemCaseSensitive(pair, " no line") != NULL || want_id == NULL || want_class == NULL) {
            print_problem(&fl, "mẫu và tệp .expected.jsonl không khớp dòng (hoặc dòng mong đợi thiếu id/class)",
                          "the sample and its .expected.jsonl do not match line for line (or the expected line lacks id/class)");
            tally(r, s, 0);
        } else if (cJSON_GetObjectItemCaseSensitive(pair, " blank") != NULL) {
            print_problem(&fl, "dòng trống trong mẫu", "blank line in the sample");
            tally(r, s, 0);
        } else if (item != NULL && item->valuedouble >= 0) {
            size_t i = (size_t)item->valuedouble;

            result = result_of(r, i);
            got_id = string_of(result, "id");
            got_class = string_of(result, "class");
            if (got_id == NULL || strcmp(got_id, want_id) != 0)
                print_mismatch(&fl, "id", cJSON_GetObjectItemCaseSensitive(want, "id"),
                               cJSON_GetObjectItemCaseSensitive(result, "id"));
            if (got_class == NULL || strcmp(got_class, want_class) != 0) {
                print_mismatch(&fl, "class", cJSON_GetObjectItemCaseSensitive(want, "class"),
                               cJSON_GetObjectItemCaseSensitive(result, "class"));
                print_error_of(&fl, result);
            }
            tally(r, s, !fl.shown);
            record_coverage(r, s, i);
        } else {
            print_problem(&fl, "hết bộ nhớ", "out of memory");
            tally(r, s, 0);
        }
        cJSON_Delete(result);
    }
    cJSON_Delete(pairs);
    test_batch_clear(&r->batch);
    return 0;
}

/* Coverage of 's' in percent (100 when it declares nothing). */
static double percent(const set_run *s)
{
    return s->count ? 100.0 * (double)s->hits / (double)s->count : 100.0;
}

static const char *kind_name(int kind, rasoat_lang lang)
{
    switch (kind) {
    case KIND_PROVISION: return CLI_TEXT(lang, "quy định", "provision");
    case KIND_PARAMETER: return CLI_TEXT(lang, "tham số", "parameter");
    default: return CLI_TEXT(lang, "chỉ số", "indicator");
    }
}

static int same_citation(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Print the items of citation group 'first' (items from index 'first' on with its
** citation) that were exercised ('hit' 1) or not ('hit' 0) after 'label'. */
static void print_group_items(const set_run *s, size_t first, int hit, const char *label,
                              rasoat_lang lang)
{
    size_t i;
    int any = 0;

    for (i = first; i < s->count; i++) {
        if (!same_citation(s->items[i].citation, s->items[first].citation) || s->items[i].hit != hit)
            continue;
        printf("%s%s %s", any ? ", " : label, kind_name(s->items[i].kind, lang), s->items[i].name);
        any = 1;
    }
    if (any)
        putchar('\n');
}

/* Print the coverage report of 's', grouped by legal citation. */
static void print_coverage(const set_run *s, rasoat_lang lang)
{
    size_t i, j;

    printf(CLI_TEXT(lang, "Độ phủ của %s theo căn cứ pháp lý: %zu/%zu mục đã được kiểm (%.1f%%)\n",
                    "Coverage of %s by legal citation: %zu of %zu items exercised (%.1f%%)\n"),
           s->id, s->hits, s->count, percent(s));
    for (i = 0; i < s->count; i++) {
        for (j = 0; j < i; j++) {
            if (same_citation(s->items[j].citation, s->items[i].citation))
                break;
        }
        if (j < i)
            continue; /* group already printed */
        printf("  %s\n", s->items[i].citation && *s->items[i].citation
                             ? s->items[i].citation : CLI_TEXT(lang, "(không ghi căn cứ)", "(no citation)"));
        print_group_items(s, i, 1, CLI_TEXT(lang, "    đã kiểm: ", "    exercised: "), lang);
        print_group_items(s, i, 0, CLI_TEXT(lang, "    chưa bao giờ được kiểm: ", "    never exercised: "), lang);
    }
}

/* Is 'path' the directory 'dir' or inside it (both resolved)? */
static int under(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/' || (n > 0 && dir[n - 1] == '/'));
}

/*
** Choose the rule sets to test into 'chosen' (one flag per loaded set): the one with id
** 'which', else every one whose directory is 'which' or under it, else (NULL) all.
** Returns how many were chosen.
*/
static size_t choose(rasoat_engine *engine, const char *which, unsigned char *chosen)
{
    size_t i, n = rasoat_ruleset_count(engine), picked = 0;
    char *want;

    for (i = 0; i < n; i++) {
        chosen[i] = which == NULL || strcmp(rasoat_ruleset_id(engine, i), which) == 0;
        picked += chosen[i];
    }
    if (picked > 0 || which == NULL)
        return picked;
    want = realpath(which, NULL);
    if (want == NULL)
        return 0;
    for (i = 0; i < n; i++) {
        char *dir = realpath(rasoat_ruleset_dir(engine, i), NULL);

        chosen[i] = dir != NULL && under(dir, want);
        picked += chosen[i];
        free(dir);
    }
    free(want);
    return picked;
}

/* Run every fixture file of 's'. Returns 0, or -1 on an I/O failure (message printed). */
static int run_set(test_run *r, set_run *s)
{
    fixture_file *files;
    size_t count, i;
    int status = 0;

    if (fixture_files(s->dir, &files, &count) != 0) {
        fprintf(stderr, CLI_TEXT(r->lang, "rasoat test: không đọc được %s/fixtures\n",
                                 "rasoat test: cannot read %s/fixtures\n"), s->dir);
        return -1;
    }
    for (i = 0; i < count && status == 0; i++) {
        if (files[i].expected != NULL)
            status = run_sample(r, s, files[i].path, files[i].expected);
        else
            status = run_fixture_file(r, s, files[i].path);
    }
    fixture_files_free(files, count);
    return status;
}

/* Parse the --min-coverage value (an integer 0..100). Returns 1 when valid. */
static int parse_percent(const char *text, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (end == text || *end != '\0' || v < 0 || v > 100)
        return 0;
    *out = (int)v;
    return 1;
}

int cmd_test(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_COVERAGE = 256, OPT_MIN_COVERAGE, OPT_BOUNDARIES, OPT_VERBOSE, OPT_HELP };
    static const struct option longopts[] = {
        CLI_LONGOPT_RULES,
        {"boundaries", no_argument, NULL, OPT_BOUNDARIES},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        CLI_LONGOPT_LANG,
        {"coverage", no_argument, NULL, OPT_COVERAGE},
        {"min-coverage", required_argument, NULL, OPT_MIN_COVERAGE},
        {"help", no_argument, NULL, OPT_HELP},
        CLI_LONGOPT_JOBS,
        {NULL, 0, NULL, 0}
    };
    rasoat_options opts;
    cli_common common;
    rasoat_error err;
    test_run r;
    set_run *sets = NULL;
    unsigned char *chosen = NULL;
    const char *which = NULL;
    size_t i, n, picked;
    int c, show_coverage = 0, min_coverage = -1, status = EXIT_ALL_CLASSIFIED, below = 0;
    int boundaries = 0, verbose = 0, empty = 0, jobs, failed;

    memset(&opts, 0, sizeof opts);
    memset(&r, 0, sizeof r);
    cli_common_init(&common, lang);
    common.rules_dir = cli_default_rules();
    opts.rules_dir = common.rules_dir;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (cli_common_option(c, optarg, &common) > 0) {   /* refused: cli_bad_usage below */
            opts.rules_dir = common.rules_dir;
            lang = common.lang;
        } else if (c == OPT_COVERAGE) {
            show_coverage = 1;
        } else if (c == OPT_BOUNDARIES) {
            boundaries = 1;
        } else if (c == OPT_VERBOSE) {
            verbose = 1;
        } else if (c == OPT_MIN_COVERAGE && parse_percent(optarg, &min_coverage)) {
            continue;
        } else if (c == CLI_OPT_JOBS) {   /* refused by cli_common_option */
            return cli_common_refused("rasoat test", c, optarg, lang);
        } else if (c == OPT_HELP) {
            printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        } else if (c == OPT_MIN_COVERAGE) {
            fprintf(stderr, CLI_TEXT(lang, "rasoat test: --min-coverage cần số nguyên từ 0 đến 100, không phải '%s'\n",
                                     "rasoat test: --min-coverage takes an integer from 0 to 100, not '%s'\n"), optarg);
            return EXIT_USAGE;
        } else {
            return cli_bad_usage("rasoat test", c, longopts, argv, optind, lang);
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat test: chỉ nhận một ID hoặc THƯ_MỤC; xem rasoat test --help\n",
                                 "rasoat test: give one ID or DIR at most; see rasoat test --help\n"));
        return EXIT_USAGE;
    }
    if (optind < argc)
        which = argv[optind];
    if (boundaries) {
        if (which == NULL) {
            fprintf(stderr, CLI_TEXT(lang, "rasoat test: --boundaries cần ID của một bộ quy tắc\n",
                                     "rasoat test: --boundaries needs the ID of one rule set\n"));
            return EXIT_USAGE;
        }
        return boundaries_run(opts.rules_dir, which, lang, verbose);
    }

    opts.lang = lang;
    if (rasoat_open(&opts, &r.engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    r.lang = lang;
    jobs = common.jobs;
    r.pool = test_batch_workers(&opts, jobs, &r.lang, &err, &failed);
    if (failed) {
        cli_report_open_error(&err);
        rasoat_close(r.engine);
        return EXIT_USAGE;
    }
    n = rasoat_ruleset_count(r.engine);
    chosen = (unsigned char *)calloc(n ? n : 1, 1);
    sets = (set_run *)calloc(n ? n : 1, sizeof *sets);
    if (chosen == NULL || sets == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat test: hết bộ nhớ\n", "rasoat test: out of memory\n"));
        status = EXIT_IO;
        goto done;
    }
    picked = choose(r.engine, which, chosen);
    if (picked == 0) {
        if (which != NULL)
            fprintf(stderr, CLI_TEXT(lang, "rasoat test: không có bộ quy tắc '%s' (theo ID hay thư mục)\n",
                                     "rasoat test: no rule set '%s' (by id or directory)\n"), which);
        else
            fprintf(stderr, CLI_TEXT(lang, "rasoat test: không có bộ quy tắc nào trong %s\n",
                                     "rasoat test: no rule set in %s\n"), opts.rules_dir);
        status = EXIT_USAGE;
        goto done;
    }

    for (i = 0; i < n; i++) {
        set_run *s = &sets[i];

        if (!chosen[i])
            continue;
        s->id = rasoat_ruleset_id(r.engine, i);
        s->dir = rasoat_ruleset_dir(r.engine, i);
        if (load_items(&r, s) != 0) {
            fprintf(stderr, CLI_TEXT(lang, "rasoat test: không đọc được mô tả bộ quy tắc %s\n",
                                     "rasoat test: cannot describe rule set %s\n"), s->id);
            status = EXIT_USAGE;
            goto done;
        }
        if (run_set(&r, s) != 0) {
            status = EXIT_IO;
            goto done;
        }
    }

    for (i = 0; i < n; i++) {
        const set_run *s = &sets[i];

        if (!chosen[i])
            continue;
        if (s->passed + s->failed == 0) {
            printf(CLI_TEXT(lang, "%s: không có ca kiểm thử (thư mục %s/fixtures trống hoặc không có): không đạt\n",
                            "%s: no fixtures (%s/fixtures is empty or absent): fails\n"), s->id, s->dir);
            empty++;
        } else
            printf(CLI_TEXT(lang, "%s: %d đạt, %d không đạt; độ phủ %zu/%zu (%.1f%%)\n",
                            "%s: %d ok, %d wrong; coverage %zu/%zu (%.1f%%)\n"),
                   s->id, s->passed, s->failed, s->hits, s->count, percent(s));
    }
    if (show_coverage) {
        for (i = 0; i < n; i++) {
            if (chosen[i])
                print_coverage(&sets[i], lang);
        }
    }
    for (i = 0; i < n; i++) {
        const set_run *s = &sets[i];

        if (chosen[i] && min_coverage >= 0 && s->hits * 100 < (size_t)min_coverage * s->count) {
            printf(CLI_TEXT(lang, "rasoat test: độ phủ của %s là %.1f%% (%zu/%zu), dưới mức tối thiểu %d%%\n",
                            "rasoat test: coverage of %s is %.1f%% (%zu/%zu), below the minimum %d%%\n"),
                   s->id, percent(s), s->hits, s->count, min_coverage);
            below++;
        }
    }
    if (lang != RASOAT_LANG_EN)
        printf("Kết quả: %d đạt, %d không đạt\n", r.passed, r.failed);
    printf("%d passed, %d failed\n", r.passed, r.failed);
    status = r.failed > 0 || below > 0 || empty > 0 ? EXIT_RECORD_ERRORS : EXIT_ALL_CLASSIFIED;

done:
    for (i = 0; sets != NULL && i < n; i++) {
        cJSON_Delete(sets[i].rules);
        free(sets[i].items);
    }
    free(sets);
    free(chosen);
    workers_stop(r.pool);
    test_batch_free(&r.batch);
    rasoat_close(r.engine);
    if (fflush(stdout) != 0 && status != EXIT_USAGE)
        status = EXIT_IO;
    return status;
}
