/*
** cmd_report.c: 'rasoat report' (docs/reports.md). Reads result records (a classify output,
** a decision log of classify --log, or report files of lower units in rasoat.report/1
** JSON, for a roll-up), counts them into per-unit counters by the form layouts of the
** rule set (report_layout.c, report_tally.c), spools the list rows to a temporary file
** sorted there (report_spool.c), and writes the lists and forms as xlsx, CSV or JSON.
** Memory stays flat in the number of results.
*/
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "commands.h"
#include "file_hash.h"
#include "options.h"
#include "same_file.h"
#include "report.h"
#include "report_jobs.h"
#include "report_merge.h"
#include "report_request.h"
#include "report_spool.h"

#define MAX_SKIPPED_NAMED 100      /* error records named one by one in the provenance */
#define SPOOL_LIMIT (8u << 20)     /* bytes of list rows kept in memory before a run */

static const char help_vi[] =
    "Cách dùng: rasoat report [TÙY CHỌN...] TỆP...\n"
    "\n"
    "Lập các danh sách và biểu mẫu 7.1–7.11 của kỳ rà soát từ kết quả phân loại: TỆP là đầu ra\n"
    "của classify (JSON Lines), nhật ký quyết định của classify --log, hoặc các tệp báo cáo JSON\n"
    "của đơn vị cấp dưới (tổng hợp lên cấp trên). '-' là đầu vào chuẩn.\n"
    "\n"
    "Tùy chọn:\n"
    "  --level commune|district|province  cấp báo cáo: xã (đơn vị là thôn, mặc định), tỉnh (đơn\n"
    "                    vị là xã), huyện (chỉ cho kỳ rà soát trước 01/7/2025)\n"
    "  --format xlsx|csv|json  định dạng (mặc định: theo đuôi của --output, .xlsx nếu không rõ)\n"
    "  --output ĐƯỜNG_DẪN  tệp (.xlsx, .json) hoặc thư mục (CSV, mỗi biểu một tệp)\n"
    "  --form 7.x        chỉ lập một biểu mẫu (không kèm danh sách)\n"
    "  --population TỆP  CSV tổng số hộ, nhân khẩu dân cư mỗi đơn vị (unit,households,persons\n"
    "                    [,area][,within]) để tính tỷ lệ; thiếu thì tỷ lệ để trống\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --ruleset ID      bộ quy tắc lấy bố cục biểu mẫu (mặc định: bộ quy tắc của kết quả đầu tiên)\n"
    "  --merge           gộp các báo cáo bộ phận (JSON của từng xã, từng tỉnh) thành báo cáo của\n"
    "                    toàn bộ; mọi TỆP phải là báo cáo JSON; cấp mặc định là cấp của chúng\n"
    "  --jobs N          số luồng đọc kết quả (mặc định: số lõi của máy); báo cáo giống hệt\n"
    "                    với mọi N\n"
    "  --lang vi|en      ngôn ngữ tiêu đề và thông báo\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 báo cáo đã ghi, mọi đẳng thức đúng; 1 đã ghi nhưng có bản ghi lỗi bị bỏ qua,\n"
    "dòng nhật ký hỏng hoặc đẳng thức không đúng; 2 lỗi dùng lệnh, bộ quy tắc hoặc bố cục; 3 lỗi\n"
    "đọc/ghi.\n"
    "\n"
    "Ví dụ:\n"
    "  rasoat classify --keep head_name,ethnicity,livelihood,members,poverty_causes,meritorious,\\\n"
    "      no_labour_capacity --output ketqua.jsonl rules/vn/2022-2025/fixtures/review-commune.jsonl\n"
    "  rasoat report --output bao-cao-xa.xlsx ketqua.jsonl\n"
    "  rasoat report --level province --format json --output tinh.json xa1.json xa2.json\n"
    "  rasoat report --merge --output tinh.xlsx tinh-phan1.json tinh-phan2.json\n";

static const char help_en[] =
    "Usage: rasoat report [OPTIONS...] FILE...\n"
    "\n"
    "Make the review's lists and forms 7.1-7.11 from classified results: FILE is a classify\n"
    "output (JSON Lines), a decision log of classify --log, or JSON report files of lower units\n"
    "(a roll-up). '-' is standard input.\n"
    "\n"
    "Options:\n"
    "  --level commune|district|province  level: commune (units are villages, the default),\n"
    "                    province (units are communes), district (reviews before 1 Jul 2025 only)\n"
    "  --format xlsx|csv|json  format (default: by the --output suffix, else xlsx)\n"
    "  --output PATH     file (.xlsx, .json) or directory (CSV, one file per form)\n"
    "  --form 7.x        one form only (no lists)\n"
    "  --population FILE CSV of all resident households and persons per unit\n"
    "                    (unit,households,persons[,area][,within]) for the rates; without it\n"
    "                    rates are left empty\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --ruleset ID      rule set whose form layouts are used (default: that of the first result)\n"
    "  --merge           merge partial reports (JSON of each commune, each province) into the\n"
    "                    report of the whole; every FILE must be a JSON report; the level\n"
    "                    defaults to theirs\n"
    "  --jobs N          threads reading the results (default: the cores present); the report\n"
    "                    is the same bytes for every N\n"
    "  --lang vi|en      language of headers and messages\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 report written, every identity holds; 1 written, but error records were\n"
    "skipped, log lines were broken or an identity does not hold; 2 usage, rule-set or layout\n"
    "error; 3 input/output failure.\n"
    "\n"
    "Examples:\n"
    "  rasoat classify --keep head_name,ethnicity,livelihood,members,poverty_causes,meritorious,\\\n"
    "      no_labour_capacity --output results.jsonl rules/vn/2022-2025/fixtures/review-commune.jsonl\n"
    "  rasoat report --output commune-report.xlsx results.jsonl\n"
    "  rasoat report --level province --format json --output province.json c1.json c2.json\n"
    "  rasoat report --merge --output province.xlsx part1.json part2.json\n";

typedef struct report_args {
    const char *rules_dir, *ruleset, *form, *format, *output, *population;
    const char *input_name;     /* shown for the one input instead of its path (NULL: the path) */
    report_level level;
    int jobs;                   /* --jobs N: threads reading the results */
    int level_given;            /* --level was given (else --merge takes the partials') */
    int merge;                  /* --merge: every input is a partial report */
    rasoat_lang lang;
    char **inputs;
    int ninputs;
} report_args;

/* Everything one run holds. */
typedef struct run {
    report_args *a;
    rasoat_engine *engine;
    report_layout layout;
    int have_layout;
    report_tally tally;
    report_provenance prov;
    report_spool spool;
    const cJSON **fields;
    long long *missing;         /* per layout field: results without it */
    long long after_reform;     /* results surveyed on or after 2025-07-01 (district level) */
    char why[1024];
    char layout_sha256[65];     /* of the layout read */
    size_t *list_widths;        /* see report_doc */
    /* The unit reporting: the province (and its date) or the commune code every result
    ** named, "" before the first, "*" once two results differ. */
    char province[8], province_date[16], commune_code[16], commune_date[16];
    char issuer[256];
    report_merge merge;         /* population of the partial reports' units */
    char *population_from;      /* the population file the partial reports name */
    long long unmatched_min;    /* their fewest unmatched population rows, -1 none yet */
    workers *pool;              /* --jobs N > 1: the threads digesting result lines, started
                                ** when a first batch is full (NULL while one batch holds all) */
    report_digest_ctx digest_ctx;
    work_batch batch[2];        /* one filled while the other is digested */
    int cur, pending[2];
    size_t batch_bytes;         /* text in the batch being filled */
    int status;                 /* exit status so far */
} run;

/* Keep 'value' in 'slot' (and 'date' in 'date_slot') while every result names the same. */
static void same_place(char *slot, size_t size, char *date_slot, size_t date_size,
                       const char *value, const char *date)
{
    if (value == NULL || strcmp(slot, "*") == 0)
        value = "*";
    if (slot[0] == '\0') {
        snprintf(slot, size, "%s", value);
        snprintf(date_slot, date_size, "%s", date != NULL ? date : "");
    } else if (strcmp(slot, value) != 0) {
        snprintf(slot, size, "*");
    }
}

/* The unit reporting, named by the table (see report_doc.issuer), or NULL. */
static const char *issuer_of(run *r)
{
    const char *name = NULL;

    if (r->a->level == LEVEL_PROVINCE && r->province[0] != '\0' && strcmp(r->province, "*") != 0)
        name = rasoat_place_name(r->engine, r->province, r->province_date);
    else if (r->a->level == LEVEL_COMMUNE && r->commune_code[0] != '\0' && strcmp(r->commune_code, "*") != 0)
        name = rasoat_place_name(r->engine, r->commune_code, r->commune_date);
    if (name == NULL)
        return NULL;
    snprintf(r->issuer, sizeof r->issuer, "%s", name);
    return r->issuer;
}

/* Widen list 'list''s columns to fit 'cells' (cell 0 is the row number). */
static void note_widths(run *r, size_t list, const cJSON *cells)
{
    const cJSON *v;
    size_t c = 0;

    if (r->list_widths == NULL
        && (r->list_widths = (size_t *)calloc(r->layout.nlists * REPORT_WIDTH_COLS, sizeof *r->list_widths)) == NULL)
        return;
    cJSON_ArrayForEach(v, cells) {
        size_t *w = &r->list_widths[list * REPORT_WIDTH_COLS + c];

        if (c > 0 && c < REPORT_WIDTH_COLS && report_cell_chars(v) > *w)
            *w = report_cell_chars(v);
        c++;
    }
}

/* {====================================================================
** Layout and inputs
** ===================================================================== */

/* Load the layouts of rule set 'id' (once). Returns 1, or 0 with run->why set. */
static int load_layout(run *r, const char *id)
{
    const char *text;
    size_t len;
    rasoat_error err;
    cJSON *rules;
    int ok;

    if (r->have_layout)
        return 1;
    if (rasoat_rules_json(r->engine, id, &text, &len, &err) != RASOAT_OK) {
        snprintf(r->why, sizeof r->why, "%s", err.message);
        return 0;
    }
    rules = cJSON_ParseWithLength(text, len);
    ok = rules != NULL && report_layout_read(rules, r->a->form, r->a->lang, &r->layout, r->why, sizeof r->why);
    if (ok) {
        /* The layout's own hash: SHA-256 of its forms and lists as rules JSON gives them
        ** (the rule set's content hash leaves its layout files out). */
        cJSON *both = cJSON_CreateArray();
        char *printed;
        unsigned char digest[crypto_hash_sha256_BYTES];

        cJSON_AddItemToArray(both, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(rules, "report_forms"), 1));
        cJSON_AddItemToArray(both, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(rules, "report_lists"), 1));
        printed = cJSON_PrintUnformatted(both);
        cJSON_Delete(both);
        ok = printed != NULL;
        if (ok) {
            crypto_hash_sha256(digest, (const unsigned char *)printed, strlen(printed));
            sodium_bin2hex(r->layout_sha256, sizeof r->layout_sha256, digest, sizeof digest);
        }
        free(printed);
    }
    cJSON_Delete(rules);
    r->have_layout = 1;
    if (!ok)
        return 0;
    report_tally_init(&r->tally, &r->layout, r->a->level);
    r->fields = (const cJSON **)calloc(r->layout.nfields + 1, sizeof *r->fields);
    r->missing = (long long *)calloc(r->layout.nfields + 1, sizeof *r->missing);
    if (r->fields == NULL || r->missing == NULL || r->tally.counters == NULL || r->tally.memo == NULL) {
        snprintf(r->why, sizeof r->why, "out of memory");
        return 0;
    }
    return 1;
}

/* Name the rule set 'set' (id, version, sha256; NULL = absent) in the provenance, once. */
static void note_ruleset_of(run *r, const char *const set[3])
{
    const cJSON *item;

    if (set[2] == NULL)
        return;
    cJSON_ArrayForEach(item, r->prov.rulesets)
        if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "sha256")), set[2]) == 0)
            return;
    if (cJSON_GetArraySize(r->prov.rulesets) < 64) {
        cJSON *copy = cJSON_CreateObject();
        static const char *const keys[] = {"id", "version", "sha256"};
        int k;

        for (k = 0; k < 3; k++)
            cJSON_AddStringToObject(copy, keys[k], set[k] ? set[k] : "");
        cJSON_AddItemToArray(r->prov.rulesets, copy);
    }
}

static void note_ruleset(run *r, const cJSON *set)
{
    const char *strings[3];

    strings[0] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(set, "id"));
    strings[1] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(set, "version"));
    strings[2] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(set, "sha256"));
    note_ruleset_of(r, strings);
}

/* Count a skipped record (id 'id', NULL when it has none) and name it among the first. */
static void note_skipped_id(run *r, const char *file, long line, const char *id, const char *code)
{
    cJSON *s;

    r->prov.errors_skipped++;
    if (cJSON_GetArraySize(r->prov.skipped) >= MAX_SKIPPED_NAMED)
        return;
    s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "file", file);
    cJSON_AddNumberToObject(s, "line", (double)line);
    if (id != NULL)
        cJSON_AddStringToObject(s, "id", id);
    else
        cJSON_AddNullToObject(s, "id");
    cJSON_AddStringToObject(s, "code", code);
    cJSON_AddItemToArray(r->prov.skipped, s);
}

static void note_skipped(run *r, const char *file, long line, const cJSON *record, const char *code)
{
    note_skipped_id(r, file, line, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(record, "id")), code);
}

/* Spool one list row: its sort key (list, commune, village, id), then its JSON. */
static int spool_row(run *r, size_t list, const cJSON *place, const char *id, cJSON *cells)
{
    size_t len = 0;
    char *line;
    int ok;

    note_widths(r, list, cells);
    line = report_spool_line(list, place, id, cells, &len);
    ok = line != NULL && report_spool_add(&r->spool, line, len);
    free(line);
    return ok;
}

/* The cells of list 'li' for one result (report_jobs.h). */
static cJSON *list_cells(run *r, const report_list *li, const cJSON *result)
{
    return report_list_cells(&r->layout, r->a->lang, li, result);
}

static const char *check_field(const cJSON *result, const char *name)
{
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(result, name));
}

/* Places on the map of the record's survey date (report_jobs.h). */
static void places_by_table(run *r, cJSON *record)
{
    report_places_by_table(r->engine, record);
}

/* Count one record (a result or an error record) read at 'file':'line'. */
static int take_record(run *r, const char *file, long line, cJSON *record)
{
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(record, "error");
    static const char *const place_names[PLACE_COUNT] = {"province", "district", "commune", "village"};
    cJSON *place;
    size_t i;
    int k;

    if (!cJSON_IsObject(record) || error != NULL) {
        note_skipped(r, file, line, record,
                     cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code"))
                     ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")) : "not_a_result");
        return 1;
    }
    if (!r->have_layout) {
        const char *id = r->a->ruleset ? r->a->ruleset
                       : cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                             cJSON_GetObjectItemCaseSensitive(record, "ruleset"), "id"));

        if (id == NULL) {
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang,
                     "%s, dòng %ld: bản ghi kết quả không có ruleset.id; hãy dùng --ruleset",
                     "%s, line %ld: the result record has no ruleset.id; use --ruleset"), file, line);
            return 0;
        }
        if (!load_layout(r, id))
            return 0;
    }
    r->prov.results++;
    note_ruleset(r, cJSON_GetObjectItemCaseSensitive(record, "ruleset"));
    for (i = 0; i < r->layout.nfields; i++) {
        r->fields[i] = cJSON_GetObjectItemCaseSensitive(record, r->layout.fields[i]);
        /* An absent 'change' is the usual case (no event), not a gap in the data. */
        if ((r->fields[i] == NULL || cJSON_IsNull(r->fields[i])) && strcmp(r->layout.fields[i], "change") != 0)
            r->missing[i]++;
    }
    if (r->a->level == LEVEL_DISTRICT && check_field(record, "survey_date") != NULL
        && (rasoat_districts_on(r->engine, check_field(record, "survey_date")) == 0
            || (rasoat_districts_on(r->engine, check_field(record, "survey_date")) < 0
                && strcmp(check_field(record, "survey_date"), "2025-07-01") >= 0)))
        r->after_reform++;
    places_by_table(r, record);
    same_place(r->province, sizeof r->province, r->province_date, sizeof r->province_date,
               check_field(record, "province"), check_field(record, "survey_date"));
    same_place(r->commune_code, sizeof r->commune_code, r->commune_date, sizeof r->commune_date,
               check_field(record, "commune_code"), check_field(record, "survey_date"));
    if (!report_count(&r->tally, record, r->fields))
        return 0;
    if (r->layout.nlists == 0)
        return 1;
    place = cJSON_CreateObject();
    for (k = 0; k < PLACE_COUNT; k++)
        if (check_field(record, place_names[k]) != NULL)
            cJSON_AddStringToObject(place, place_names[k], check_field(record, place_names[k]));
    for (i = 0; i < r->layout.nlists; i++) {
        const report_list *li = &r->layout.lists[i];

        /* The tally's memo holds this result's answers (report_count just ran). */
        if (report_pred_holds(&li->where, r->fields, r->tally.memo) && !spool_row(r, i, place, check_field(record, "id"), list_cells(r, li, record))) {
            cJSON_Delete(place);
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "không ghi được tệp tạm của danh sách",
                                                     "cannot write the lists' temporary file"));
            return 0;
        }
    }
    cJSON_Delete(place);
    return 1;
}

/* {====================================================================
** Report files (roll-up)
** ===================================================================== */

static void place_of_json(const cJSON *place, const char *out[PLACE_COUNT])
{
    static const char *const names[PLACE_COUNT] = {"province", "district", "commune", "village"};
    int k;

    for (k = 0; k < PLACE_COUNT; k++)
        out[k] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(place, names[k]));
}

static long kind_index(const report_form *f, const char *key)
{
    size_t k;

    for (k = 0; key != NULL && k < f->nkinds; k++)
        if (strcmp(f->kinds[k].key, key) == 0)
            return (long)k;
    return -1;
}

/* Add the unit rows of one form object of a lower unit's report: their counts, their
** population when 'population_form' (the file's first form with population columns), and
** their results when 'count_results' (the file's first form). */
static int merge_form(run *r, const char *file, const cJSON *obj, size_t fi, int population_form,
                      int count_results)
{
    static const char *const levels[] = {"commune", "district", "province"};
    const report_form *f = &r->layout.forms[fi];
    const cJSON *row;
    const char *level = check_field(obj, "level");
    int same_level = level != NULL && strcmp(level, levels[r->a->level]) == 0;

    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(obj, "rows")) {
        const char *place[PLACE_COUNT];
        const char *area = check_field(row, "area");
        const cJSON *cells = cJSON_GetObjectItemCaseSensitive(row, "cells");
        const cJSON *results = cJSON_GetObjectItemCaseSensitive(row, "results");
        long k = kind_index(f, check_field(row, "kind")), u;
        size_t c;
        /* A unit the partition has from its --population file only (see report_merge.h). */
        int population_only = same_level && cJSON_IsNumber(results) && results->valuedouble == 0;

        if (cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(row, "unit")))
            continue;           /* area rows and totals are recomputed */
        if (k < 0 || area == NULL || (strcmp(area, "urban") != 0 && strcmp(area, "rural") != 0)) {
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang,
                     "%s: mẫu %s: một hàng có area hoặc kind không hợp lệ",
                     "%s: form %s: a row has an invalid area or kind"), file, f->id);
            return 0;
        }
        place_of_json(cJSON_GetObjectItemCaseSensitive(row, "place"), place);
        u = population_only ? 0 : report_unit_of(&r->tally, place, strcmp(area, "urban") == 0 ? AREA_URBAN : AREA_RURAL);
        if (u < 0)
            return 0;
        if (!population_only && cJSON_IsNumber(results) && k == 0 && count_results)
            r->tally.units[u].results += (long long)results->valuedouble;
        for (c = 0; c < f->ncols; c++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(cells, f->cols[c].key);
            int unit_area = strcmp(area, "urban") == 0 ? AREA_URBAN : AREA_RURAL;

            if (f->cols[c].type == COL_COUNT && population_only) {
                continue;       /* no result: its counts are zero */
            } else if (f->cols[c].type == COL_COUNT) {
                if (!cJSON_IsNumber(v)) {
                    snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang,
                             "%s: mẫu %s: ô '%s' không phải số (bố cục khác với bộ quy tắc %s?)",
                             "%s: form %s: cell '%s' is not a number (a layout other than rule set %s?)"),
                             file, f->id, f->cols[c].key, r->layout.ruleset_id);
                    return 0;
                }
                if (!report_add(&r->tally, fi, (size_t)u, (size_t)k, c, (int64_t)v->valuedouble)) {
                    snprintf(r->why, sizeof r->why, "out of memory");
                    return 0;
                }
            } else if (f->cols[c].type == COL_POPULATION && population_form) {
                report_measure m = f->cols[c].population != MEASURE_ROW ? f->cols[c].population
                                                                       : f->kinds[k].measure;
                int64_t earlier = 0;
                int got = report_merge_population(&r->merge, (size_t)u, cJSON_GetObjectItemCaseSensitive(row, "place"),
                                                  unit_area, population_only, m == MEASURE_PERSONS, v, &earlier);

                if (got == 0) {
                    snprintf(r->why, sizeof r->why, "out of memory");
                    return 0;
                }
                if (got < 0) {
                    snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang,
                             "%s: mẫu %s: đơn vị '%s' có %s dân cư %lld, báo cáo trước ghi %lld (các phần dùng tệp dân số khác nhau?)",
                             "%s: form %s: unit '%s' has %s %lld residents, an earlier report gave %lld (partitions with different population files?)"),
                             file, f->id, place[r->a->level == LEVEL_COMMUNE ? PLACE_VILLAGE : PLACE_COMMUNE]
                                          ? place[r->a->level == LEVEL_COMMUNE ? PLACE_VILLAGE : PLACE_COMMUNE] : "",
                             m == MEASURE_PERSONS ? CLI_TEXT(r->a->lang, "nhân khẩu", "persons") : CLI_TEXT(r->a->lang, "hộ", "households"),
                             (long long)v->valuedouble, (long long)earlier);
                    return 0;
                }
            }
        }
    }
    return 1;
}

/* Add a lower unit's provenance to ours. */
static void merge_provenance(run *r, const cJSON *p)
{
    const cJSON *item;

    r->prov.results += (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(p, "results"));
    r->prov.errors_skipped += (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(p, "errors_skipped"));
    if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(p, "log_lines_broken")))
        r->prov.log_broken += (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(p, "log_lines_broken"));
    {
        /* The place every result named, as if this run had read the partition's results. */
        const cJSON *unit = cJSON_GetObjectItemCaseSensitive(p, "reporting_unit");
        const char *province = check_field(unit, "province"), *code = check_field(unit, "commune_code");

        if (province != NULL && province[0] != '\0')
            same_place(r->province, sizeof r->province, r->province_date, sizeof r->province_date,
                       province, check_field(unit, "province_date"));
        else if (unit == NULL && cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(p, "results")) > 0)
            same_place(r->province, sizeof r->province, r->province_date, sizeof r->province_date, NULL, NULL);
        if (code != NULL && code[0] != '\0')
            same_place(r->commune_code, sizeof r->commune_code, r->commune_date, sizeof r->commune_date,
                       code, check_field(unit, "commune_date"));
        else if (unit == NULL && cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(p, "results")) > 0)
            same_place(r->commune_code, sizeof r->commune_code, r->commune_date, sizeof r->commune_date, NULL, NULL);
    }
    if (r->a->population == NULL && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(p, "population"))) {
        /* The denominators came with the partitions: name their file, as each did. */
        const char *name = check_field(p, "population");
        long long unmatched = (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(p, "population_unmatched"));

        if (r->population_from == NULL)
            r->population_from = strdup(name);
        else if (strcmp(r->population_from, name) != 0) {
            char *both = (char *)malloc(strlen(r->population_from) + strlen(name) + 3);

            if (both != NULL && strstr(r->population_from, name) == NULL) {
                sprintf(both, "%s; %s", r->population_from, name);
                free(r->population_from);
                r->population_from = both;
            } else {
                free(both);
            }
        }
        /* A row unmatched in the whole is unmatched in every part: the fewest is the
        ** closest bound (exact when every row gives its area, as then none is unmatched). */
        if (r->unmatched_min < 0 || unmatched < r->unmatched_min)
            r->unmatched_min = unmatched;
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "rulesets"))
        note_ruleset(r, item);
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "skipped"))
        if (cJSON_GetArraySize(r->prov.skipped) < MAX_SKIPPED_NAMED)
            cJSON_AddItemToArray(r->prov.skipped, cJSON_Duplicate(item, 1));
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "fields_missing")) {
        size_t i;

        for (i = 0; i < r->layout.nfields; i++)
            if (strcmp(r->layout.fields[i], item->string) == 0)
                r->missing[i] += (long long)item->valuedouble;
    }
}

static long list_index(const report_layout *l, const char *id)
{
    size_t i;

    for (i = 0; id != NULL && i < l->nlists; i++)
        if (strcmp(l->lists[i].id, id) == 0)
            return (long)i;
    return -1;
}

static long form_index(const report_layout *l, const char *id)
{
    size_t i;

    for (i = 0; id != NULL && i < l->nforms; i++)
        if (strcmp(l->forms[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* What is done once per partial report file: its provenance, its population, its results. */
typedef struct merge_file {
    int provenance_done, population_done, results_done;
} merge_file;

/* One object of a partial report: its form or list here, and what its rows give. */
typedef struct merge_obj {
    long fi, li;                /* -1 when not a form (list) of this layout */
    int population_form, count_results;
} merge_obj;

/* The head of one object 'obj' of partial report 'file' (its rows may follow): load the
** layout at the first, take the file's provenance at its first, say what its rows are in
** '*mo'. Returns 1, or 0 with r->why set. */
static int merge_head(run *r, const char *file, const char *sha256, const cJSON *obj, merge_file *mf,
                      merge_obj *mo)
{
    const cJSON *prov = cJSON_GetObjectItemCaseSensitive(obj, "provenance");
    const char *schema = check_field(obj, "schema");

    mo->fi = mo->li = -1;
    if (schema == NULL || strcmp(schema, "rasoat.report/1") != 0)
        return 1;
    if (!r->have_layout) {
        const char *id = r->a->ruleset ? r->a->ruleset
                       : check_field(cJSON_GetObjectItemCaseSensitive(prov, "layout"), "id");
        const char *level = check_field(obj, "level");

        if (r->a->merge && !r->a->level_given && level != NULL)   /* the partials' level */
            r->a->level = strcmp(level, "province") == 0 ? LEVEL_PROVINCE
                        : strcmp(level, "district") == 0 ? LEVEL_DISTRICT : LEVEL_COMMUNE;

        if (id == NULL || !load_layout(r, id)) {
            if (r->why[0] == '\0')
                snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "%s: báo cáo không nêu bộ quy tắc bố cục; hãy dùng --ruleset",
                                                         "%s: the report names no layout rule set; use --ruleset"), file);
            return 0;
        }
    }
    if (prov != NULL && !mf->provenance_done) {
        const char *layout = check_field(cJSON_GetObjectItemCaseSensitive(prov, "layout"), "layout_sha256");

        /* Columns are added by key: a partial report laid out otherwise would add up
        ** other things under the same keys. */
        if (layout != NULL && layout[0] != '\0' && strcmp(layout, r->layout_sha256) != 0) {
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang,
                     "%s: báo cáo lập theo bố cục khác (layout_sha256 %.12s…, ở đây %.12s…); hãy lập lại với cùng bộ quy tắc",
                     "%s: the report was made with another layout (layout_sha256 %.12s…, here %.12s…); make it again with the same rule set"),
                     file, layout, r->layout_sha256);
            return 0;
        }
        merge_provenance(r, prov);
        if (!report_merge_leaves(r->prov.leaves, prov, file, sha256)) {
            snprintf(r->why, sizeof r->why, "out of memory");
            return 0;
        }
        mf->provenance_done = 1;
    }
    if ((mo->fi = form_index(&r->layout, check_field(obj, "form"))) >= 0) {
        const report_form *f = &r->layout.forms[mo->fi];
        size_t c;
        int has_population = 0;

        for (c = 0; c < f->ncols; c++)
            has_population |= f->cols[c].type == COL_POPULATION;
        mo->population_form = has_population && !mf->population_done;
        mo->count_results = !mf->results_done;
        mf->population_done |= has_population;
        mf->results_done = 1;
    } else {
        mo->li = list_index(&r->layout, check_field(obj, "list"));
    }
    return 1;
}

/* Add the rows of object 'obj' (all of them, or the one read so far) as 'mo' says. */
static int merge_rows(run *r, const char *file, const cJSON *obj, const merge_obj *mo)
{
    const cJSON *row;

    if (mo->fi >= 0)
        return merge_form(r, file, obj, (size_t)mo->fi, mo->population_form, mo->count_results);
    if (mo->li < 0)
        return 1;
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(obj, "rows")) {
        if (!spool_row(r, (size_t)mo->li, cJSON_GetObjectItemCaseSensitive(row, "place"), check_field(row, "id"),
                       cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(row, "cells"), 1))) {
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "không ghi được tệp tạm của danh sách",
                                                     "cannot write the lists' temporary file"));
            return 0;
        }
    }
    return 1;
}

/* A report file of rasoat.report/1 objects (one JSON array) whose bytes hash to 'sha256',
** parsed whole (a file laid out otherwise than rasoat writes it; see merge_stream). */
static int merge_report(run *r, const char *file, const char *sha256, const char *text, size_t len)
{
    cJSON *doc = cJSON_ParseWithLength(text, len), *obj;
    merge_file mf;
    merge_obj mo;
    int ok = 1;

    memset(&mf, 0, sizeof mf);
    if (!cJSON_IsArray(doc)) {
        snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "%s: không phải tệp báo cáo JSON (rasoat.report/1)",
                                                 "%s: not a JSON report file (rasoat.report/1)"), file);
        cJSON_Delete(doc);
        return 0;
    }
    cJSON_ArrayForEach(obj, doc) {
        if (!merge_head(r, file, sha256, obj, &mf, &mo) || !merge_rows(r, file, obj, &mo)) {
            ok = 0;
            break;
        }
    }
    cJSON_Delete(doc);
    return ok;
}

/*
** A report file as rasoat writes it, read a line at a time, so a partial report of a
** province (its lists of hundreds of thousands of rows) is never in memory: "[", then per
** object a head line ending in "rows":[, one line per row (a trailing comma), a line
** starting with "]" (the form's checks; the end of the array); an object without rows is on
** one line. The state lives in 'st'.
*/
typedef struct merge_stream {
    int state;                  /* 0 before the first object, 1 in an object, 2 between, 3 done */
    cJSON *head;                /* the object being read, its "rows" empty between rows */
    merge_file mf;
    merge_obj mo;
} merge_stream;

/* Is 'line' ('len' bytes, no line end) the head of an object as rasoat writes it? */
static int stream_head(const char *line, size_t len)
{
    static const char start[] = "{\"schema\":\"rasoat.report/1\"", end[] = "\"rows\":[";

    return len > sizeof start && memcmp(line, start, sizeof start - 1) == 0
        && memcmp(line + len - (sizeof end - 1), end, sizeof end - 1) == 0;
}

/* One line of a streamed report. Returns 1, or 0 with r->why set. */
static int stream_line(run *r, const char *file, const char *sha256, merge_stream *st, char *line, size_t len)
{
    if (len > 0 && st->state != 1 && line[len - 1] == ',')
        line[--len] = '\0';
    if (st->state != 1 && stream_head(line, len)) {
        char *text = (char *)malloc(len + 3);

        if (text == NULL)
            return 0;
        memcpy(text, line, len);
        memcpy(text + len, "]}", 3);
        st->head = cJSON_Parse(text);
        free(text);
        st->state = 1;
        if (st->head == NULL)
            goto broken;
        return merge_head(r, file, sha256, st->head, &st->mf, &st->mo);
    }
    if (st->state != 1 && line[0] == '{') {
        /* An object on one line (a list without rows). */
        cJSON *obj = cJSON_ParseWithLength(line, len);
        int ok = cJSON_IsObject(obj) && merge_head(r, file, sha256, obj, &st->mf, &st->mo)
                 && merge_rows(r, file, obj, &st->mo);

        if (obj == NULL)
            goto broken;
        cJSON_Delete(obj);
        st->state = 2;
        return ok;
    }
    if (st->state == 1 && line[0] == '{') {
        cJSON *rows = cJSON_GetObjectItemCaseSensitive(st->head, "rows"), *row;
        int ok;

        if (len > 0 && line[len - 1] == ',')
            line[--len] = '\0';
        if ((row = cJSON_ParseWithLength(line, len)) == NULL || !cJSON_IsObject(row)) {
            cJSON_Delete(row);
            goto broken;
        }
        cJSON_AddItemToArray(rows, row);
        ok = merge_rows(r, file, st->head, &st->mo);
        cJSON_DeleteItemFromArray(rows, 0);
        return ok;
    }
    if (line[0] == ']') {
        cJSON_Delete(st->head);
        st->head = NULL;
        st->state = st->state == 1 ? 2 : 3;
        return 1;
    }
broken:
    snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "%s: tệp báo cáo JSON hỏng hoặc bị cắt cụt",
                                             "%s: a broken or cut-off JSON report file"), file);
    return 0;
}

/* {====================================================================
** --jobs N: result lines digested on the workers, applied here in input order
** ===================================================================== */

#define BATCH 512
#define BATCH_BYTES (2u << 20)     /* a batch's text at most (512 results of 2 KB take 1 MB):
                                   ** long records make shorter batches, so memory stays bounded */

/* Apply one digest (report_jobs.h) of line 'line' of 'file': what take_record does with
** the record, in its order. Returns 1, or 0 with r->why set. */
static int apply_digest(run *r, report_input *in, const char *file, const work_item *it)
{
    report_digest_view v;
    size_t list, widths[REPORT_WIDTH_COLS], nwidths, len, i;
    const char *line;

    if (it->out_len == 0 || !report_digest_read(it->out, it->out_len, r->layout.nfields, &v)) {
        snprintf(r->why, sizeof r->why, "out of memory");
        return 0;
    }
    if (v.log_hash != NULL)
        snprintf(in->log_head, sizeof in->log_head, "%s", v.log_hash);
    switch (v.kind) {
    case DIGEST_LOG_BROKEN:
        r->prov.log_broken++;
        note_skipped_id(r, file, it->line, v.id, "log_line_broken");
        return 1;
    case DIGEST_INVALID_JSON:
        note_skipped_id(r, file, it->line, NULL, "invalid_json");
        return 1;
    case DIGEST_SKIPPED:
        note_skipped_id(r, file, it->line, v.id, v.code);
        return 1;
    case DIGEST_RESULT:
        break;
    }
    r->prov.results++;
    if (v.has_ruleset)
        note_ruleset_of(r, v.ruleset);
    for (i = 0; i < r->layout.nfields; i++)
        r->missing[i] += v.missing[i];
    r->after_reform += v.after_reform;
    same_place(r->province, sizeof r->province, r->province_date, sizeof r->province_date,
               v.province, v.survey_date);
    same_place(r->commune_code, sizeof r->commune_code, r->commune_date, sizeof r->commune_date,
               v.commune_code, v.survey_date);
    if (!report_count_apply(&r->tally, v.place, v.area, v.deltas, v.ndeltas)) {
        snprintf(r->why, sizeof r->why, "out of memory");
        return 0;
    }
    while (report_digest_row(&v, &list, widths, &nwidths, &line, &len)) {
        if (r->list_widths == NULL
            && (r->list_widths = (size_t *)calloc(r->layout.nlists * REPORT_WIDTH_COLS, sizeof *r->list_widths)) == NULL)
            return 0;
        for (i = 1; i < nwidths; i++)
            if (widths[i] > r->list_widths[list * REPORT_WIDTH_COLS + i])
                r->list_widths[list * REPORT_WIDTH_COLS + i] = widths[i];
        if (!report_spool_add(&r->spool, line, len)) {
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "không ghi được tệp tạm của danh sách",
                                                     "cannot write the lists' temporary file"));
            return 0;
        }
    }
    return 1;
}

/* Wait for batch 'i' and apply its digests in order (none once 'ok' is 0). The items keep
** their blocks for the next batch (freed by free_batches). */
static int apply_batch(run *r, report_input *in, const char *file, int i, int ok)
{
    work_batch *b = &r->batch[i];
    size_t k;

    if (!r->pending[i])
        return ok;
    if (r->pool != NULL)
        workers_wait(r->pool, b);
    for (k = 0; k < b->n; k++)
        ok = ok && apply_digest(r, in, file, &b->items[k]);
    b->n = 0;
    r->pending[i] = 0;
    return ok;
}

/* Hand the batch being filled to the workers, then apply the one before it: the reading
** thread fills a batch while the workers digest the other. */
static int cycle_batch(run *r, report_input *in, const char *file)
{
    int other = 1 - r->cur;

    if (r->batch[r->cur].n > 0) {
        workers_submit(r->pool, &r->batch[r->cur]);
        r->pending[r->cur] = 1;
    }
    r->cur = other;
    return apply_batch(r, in, file, other, 1);
}

/* Start the workers (once a first batch is full). Returns 1, or 0 with r->why set. */
static int start_pool(run *r)
{
    rasoat_options opts;
    rasoat_error err;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = r->a->rules_dir;
    r->pool = workers_start_with(&opts, 1, r->a->jobs, report_digest, &r->digest_ctx, &err);
    if (r->pool == NULL) {
        snprintf(r->why, sizeof r->why, "%s", err.message);
        return 0;
    }
    return 1;
}

/* Queue line 'number' of 'file' ('len' bytes, not blank) for the workers, starting them
** when a first batch is full. Returns 1, or 0 with r->why set. */
static int batch_line(run *r, report_input *in, const char *file, long number, const char *line, size_t len)
{
    work_item *it;
    int i;

    if (r->batch[0].items == NULL) {
        r->digest_ctx.layout = &r->layout;
        r->digest_ctx.level = r->a->level;
        r->digest_ctx.lang = r->a->lang;
        for (i = 0; i < 2; i++) {
            r->batch[i].items = (work_item *)calloc(BATCH, sizeof *r->batch[i].items);
            if (r->batch[i].items == NULL) {
                snprintf(r->why, sizeof r->why, "out of memory");
                return 0;
            }
        }
    }
    it = &r->batch[r->cur].items[r->batch[r->cur].n];
    if (it->text_cap < len + 1) {
        char *g = (char *)realloc(it->text, len + 1);

        if (g == NULL) {
            snprintf(r->why, sizeof r->why, "out of memory");
            return 0;
        }
        it->text = g;
        it->text_cap = len + 1;
    }
    memcpy(it->text, line, len);
    it->text[len] = '\0';
    it->len = len;
    it->line = number;
    it->kind = in->kind == 1 ? REPORT_LINE_LOG : REPORT_LINE_RESULTS;
    r->batch_bytes += len;
    if (++r->batch[r->cur].n < BATCH && r->batch_bytes < BATCH_BYTES)
        return 1;
    r->batch_bytes = 0;
    if (r->pool == NULL && !start_pool(r))
        return 0;
    return cycle_batch(r, in, file);
}

/* Free the items' blocks (after the workers stopped). */
static void free_batches(run *r)
{
    size_t i;
    int k;

    for (k = 0; k < 2; k++) {
        for (i = 0; r->batch[k].items != NULL && i < BATCH; i++) {
            free(r->batch[k].items[i].text);
            free(r->batch[k].items[i].out);
        }
        free(r->batch[k].items);
    }
}

/* At the end of a file: apply what is still with the workers, in order. */
static int flush_batches(run *r, report_input *in, const char *file, int ok)
{
    r->batch_bytes = 0;
    if (r->pool == NULL) {
        /* What was read fits in one batch: digested here, on the reading thread, by the
        ** workers' own loop, so no thread starts and no engine of theirs opens. */
        work_batch *b = &r->batch[r->cur];

        if (b->n == 0 || !ok) {
            b->n = 0;
            return ok;
        }
        workers_run_here(&r->engine, report_digest, &r->digest_ctx, b);
        r->pending[r->cur] = 1;
        return apply_batch(r, in, file, r->cur, ok);
    }
    if (r->batch[r->cur].n > 0) {
        workers_submit(r->pool, &r->batch[r->cur]);
        r->pending[r->cur] = 1;
    }
    ok = apply_batch(r, in, file, 1 - r->cur, ok);
    return apply_batch(r, in, file, r->cur, ok);
}

/* }==================================================================== */

/* The SHA-256 of file 'path' into 'hex', and whether its second line is the head of an
** object as rasoat writes it (or the end of an empty report): then it is read as a stream.
** Returns 1, or 0 when it cannot be read. */
static int report_file_hash(const char *path, char hex[65], int *streamable)
{
    FILE *f = fopen(path, "rb");
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long number = 0;

    *streamable = 0;
    if (f == NULL)
        return 0;
    crypto_hash_sha256_init(&st);
    while ((n = getline(&line, &cap, f)) > 0) {
        size_t len = (size_t)n;

        crypto_hash_sha256_update(&st, (const unsigned char *)line, (unsigned long long)n);
        if (++number == 2) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
            *streamable = stream_head(line, len) || (len == 1 && line[0] == ']');
        }
    }
    free(line);
    n = ferror(f);
    fclose(f);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    return n == 0;
}

/* Name partial report 'path' (SHA-256 'sha256') among those merged, refusing one merged
** already. Returns 1, or 0 with r->why set. */
static int note_merged(run *r, const char *path, const char *sha256)
{
    cJSON *merged, *earlier;

    /* The same partial report twice would count its households twice. */
    cJSON_ArrayForEach(earlier, r->prov.merged) {
        if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(earlier, "sha256")), sha256) == 0) {
            snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "%s: cùng nội dung với %s, đã đọc: các hộ sẽ bị đếm hai lần",
                                                     "%s: the same content as %s, already read: its households would count twice"),
                     path, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(earlier, "file")));
            r->status = EXIT_USAGE;
            return 0;
        }
    }
    merged = cJSON_CreateObject();
    cJSON_AddStringToObject(merged, "file", path);
    cJSON_AddStringToObject(merged, "sha256", sha256);
    cJSON_AddItemToArray(r->prov.merged, merged);
    return 1;
}

/* Read one input file. Returns 1, or 0 with r->why set (r->status says which kind). */
static int read_input(run *r, const char *real_path, report_input *in)
{
    /* The name the report shows (serve reads a temporary file it shows as "-"). */
    const char *path = r->a->input_name != NULL ? r->a->input_name : real_path;
    FILE *f = strcmp(real_path, "-") == 0 ? stdin : fopen(real_path, "rb");
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long number = 0;
    int ok = 1, first = 1, streaming = 0;
    char *whole = NULL;         /* a report file not streamed is read whole */
    size_t whole_len = 0, whole_cap = 0;
    merge_stream ms;
    file_hash *hasher = NULL;   /* --jobs N > 1: the file hashed on a thread of its own */
    struct stat before, after;

    memset(in, 0, sizeof *in);
    in->path = (char *)path;
    if (f == NULL) {
        snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "không đọc được %s", "cannot read %s"), path);
        r->status = EXIT_IO;
        return 0;
    }
    memset(&ms, 0, sizeof ms);
    crypto_hash_sha256_init(&st);
    /* A file that may take more than one batch; a smaller one is hashed here as it is read. */
    if (r->a->jobs > 1 && f != stdin && fstat(fileno(f), &before) == 0 && S_ISREG(before.st_mode)
        && before.st_size > (off_t)BATCH_BYTES)
        hasher = file_hash_start(real_path);
    while (ok && (n = getline(&line, &cap, f)) > 0) {
        size_t len = (size_t)n;
        const char *p = line;

        if (!streaming && hasher == NULL)
            crypto_hash_sha256_update(&st, (const unsigned char *)line, (unsigned long long)n);
        number++;
        if (in->kind == 2 || (first && (p += strspn(p, " \t\r\n\xEF\xBB\xBF"), *p == '['))) {
            in->kind = 2;
            if (first && f != stdin && strcmp(line, "[\n") == 0) {
                /* As rasoat writes it: hashed first (a merge names it), then read a line at
                ** a time (merge_stream). */
                if (!report_file_hash(real_path, in->sha256, &streaming)) {
                    snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "lỗi đọc %s", "read error on %s"), path);
                    r->status = EXIT_IO;
                    ok = 0;
                    break;
                }
                if (streaming && !note_merged(r, path, in->sha256)) {
                    ok = 0;
                    break;
                }
            }
            first = 0;
            if (streaming) {
                while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                    line[--len] = '\0';
                if (number > 1)
                    ok = stream_line(r, path, in->sha256, &ms, line, len);
                continue;
            }
            if (whole_len + len + 1 > whole_cap) {
                size_t c = (whole_len + len + 1) * 2;
                char *g = (char *)realloc(whole, c);

                if (g == NULL) {
                    ok = 0;
                    break;
                }
                whole = g;
                whole_cap = c;
            }
            memcpy(whole + whole_len, line, len);
            whole_len += len;
            first = 0;
            continue;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (strspn(line, " \t") == len)
            continue;
        if (!first && r->a->jobs > 1 && r->have_layout && in->kind != 2) {
            ok = batch_line(r, in, path, number, line, len);
            continue;
        }
        {
            cJSON *rec = cJSON_ParseWithLength(line, len);
            cJSON *result = rec;

            if (first && cJSON_GetObjectItemCaseSensitive(rec, "seq") != NULL
                && cJSON_GetObjectItemCaseSensitive(rec, "hash") != NULL)
                in->kind = 1;
            first = 0;
            if (in->kind == 1) {
                if (rasoat_log_line_check(line, len, in->log_head) != RASOAT_OK) {
                    r->prov.log_broken++;
                    note_skipped(r, path, number, rec, "log_line_broken");
                    cJSON_Delete(rec);
                    continue;
                }
                result = cJSON_GetObjectItemCaseSensitive(rec, "result");
            }
            if (rec == NULL)
                note_skipped(r, path, number, NULL, "invalid_json");
            else
                ok = take_record(r, path, number, result);
            cJSON_Delete(rec);
        }
    }
    ok = flush_batches(r, in, path, ok);
    if (ferror(f)) {
        snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "lỗi đọc %s", "read error on %s"), path);
        r->status = EXIT_IO;
        ok = 0;
    }
    if (hasher != NULL) {
        char hex[65];

        /* The hash must be of the bytes read: the file may not change meanwhile. */
        if (!file_hash_finish(hasher, hex) || fstat(fileno(f), &after) != 0 || !file_unchanged(&before, &after)) {
            if (ok)
                snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "%s: không băm được, hoặc tệp thay đổi trong khi đang đọc",
                                                         "%s: cannot hash it, or it changed while it was read"), path);
            r->status = EXIT_IO;
            ok = 0;
        } else if (!streaming) {
            memcpy(in->sha256, hex, sizeof in->sha256);
        }
    } else if (!streaming) {
        crypto_hash_sha256_final(&st, digest);
        sodium_bin2hex(in->sha256, sizeof in->sha256, digest, sizeof digest);
    }
    cJSON_Delete(ms.head);
    if (ok && streaming && ms.state != 3) {
        snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "%s: tệp báo cáo JSON hỏng hoặc bị cắt cụt",
                                                 "%s: a broken or cut-off JSON report file"), path);
        ok = 0;
    } else if (ok && streaming) {
        /* read */
    } else if (ok && in->kind == 2) {
        ok = note_merged(r, path, in->sha256) && merge_report(r, path, in->sha256, whole, whole_len);
    } else if (ok && r->a->merge) {
        snprintf(r->why, sizeof r->why, CLI_TEXT(r->a->lang, "--merge: %s không phải tệp báo cáo JSON (rasoat.report/1)",
                                                 "--merge: %s is not a JSON report file (rasoat.report/1)"), path);
        r->status = EXIT_USAGE;
        ok = 0;
    } else if (ok) {
        static const char *const kinds[] = {"results", "decision_log", "report"};
        cJSON *leaf = cJSON_CreateObject();

        cJSON_AddStringToObject(leaf, "file", path);
        cJSON_AddStringToObject(leaf, "kind", kinds[in->kind]);
        cJSON_AddStringToObject(leaf, "sha256", in->sha256);
        if (in->log_head[0] != '\0')
            cJSON_AddStringToObject(leaf, "log_head", in->log_head);
        cJSON_AddItemToArray(r->prov.leaves, leaf);
    }
    free(whole);
    free(line);
    if (f != stdin)
        fclose(f);
    return ok;
}

/* }==================================================================== */

/* {====================================================================
** Writing
** ===================================================================== */

typedef struct drain_ctx {
    const report_writer_ops *ops;
    report_writer *w;
    const report_layout *l;
    size_t next;                /* the next list to begin */
    long long number;           /* row number within the list */
    int open;
} drain_ctx;

static int drain_row(void *ctx, char *line, size_t len)
{
    drain_ctx *x = (drain_ctx *)ctx;
    size_t list = (size_t)strtoul(line, NULL, 10);
    char *json = (char *)memchr(line, 0x02, len);
    cJSON *row;
    report_list_row lr;
    int ok;

    while (x->next <= list) {
        if (x->open && !x->ops->list_end(x->w, x->next - 1))
            return 0;
        if (!x->ops->list_begin(x->w, x->next))
            return 0;
        x->open = 1;
        x->next++;
        x->number = 0;
    }
    if (json == NULL || (row = cJSON_Parse(json + 1)) == NULL)
        return 0;
    lr.list = list;
    lr.place = cJSON_GetObjectItemCaseSensitive(row, "place");
    lr.id = check_field(row, "id");
    lr.cells = cJSON_GetObjectItemCaseSensitive(row, "cells");
    if (cJSON_GetArraySize(lr.cells) > 0)
        cJSON_ReplaceItemInArray((cJSON *)lr.cells, 0, cJSON_CreateNumber((double)++x->number));
    ok = x->ops->list_row(x->w, &lr);
    cJSON_Delete(row);
    return ok;
}

static int all_checks_hold(const report_doc *d)
{
    report_cell cells[REPORT_MAX_COLUMNS];
    report_row row;
    size_t f, u, k, c;
    int area;

    for (f = 0; f < d->layout->nforms; f++) {
        const report_form *form = &d->layout->forms[f];

        for (k = 0; k < form->nkinds; k++) {
            memset(&row, 0, sizeof row);
            row.kind = k;
            for (area = 0; area <= 2; area++) {
                row.area = area;
                report_cells(d->tally, f, &row, cells);
                for (c = 0; c < form->nchecks; c++)
                    if (!report_check_holds(&form->checks[c], cells))
                        return 0;
            }
            for (u = 0; u < d->tally->nunits; u++) {
                row.unit = &d->tally->units[u];
                report_cells(d->tally, f, &row, cells);
                for (c = 0; c < form->nchecks; c++)
                    if (!report_check_holds(&form->checks[c], cells))
                        return 0;
            }
            row.unit = NULL;
        }
    }
    return 1;
}

static const report_writer_ops *writer_for(const report_args *a)
{
    const char *fmt = a->format;
    size_t n = a->output ? strlen(a->output) : 0;

    if (fmt == NULL)
        fmt = n > 5 && strcmp(a->output + n - 5, ".json") == 0 ? "json"
            : n > 4 && strcmp(a->output + n - 4, ".csv") == 0 ? "csv"
            : a->output == NULL || (n > 5 && strcmp(a->output + n - 5, ".xlsx") == 0) ? (a->output ? "xlsx" : "json")
            : "csv";
    return strcmp(fmt, "json") == 0 ? &report_json_ops
         : strcmp(fmt, "csv") == 0 ? &report_csv_ops
         : strcmp(fmt, "xlsx") == 0 ? &report_xlsx_ops : NULL;
}

static int write_report(run *r)
{
    static const char *const levels[] = {"commune", "district", "province"};
    const report_writer_ops *ops = writer_for(r->a);
    report_doc d;
    report_writer *w;
    drain_ctx x;
    size_t f, i;
    int ok = 1;

    memset(&d, 0, sizeof d);
    d.layout = &r->layout;
    d.tally = &r->tally;
    d.prov = &r->prov;
    d.lang = r->a->lang;
    d.level_name = levels[r->a->level];
    d.want_lists = r->a->form == NULL;
    d.layout_sha256 = r->layout_sha256;
    d.list_widths = r->list_widths;
    d.issuer = issuer_of(r);
    r->prov.reporting[0] = r->province;
    r->prov.reporting[1] = r->province_date;
    r->prov.reporting[2] = r->commune_code;
    r->prov.reporting[3] = r->commune_date;
    r->prov.missing = cJSON_CreateObject();
    for (i = 0; i < r->layout.nfields; i++)
        if (r->missing[i] > 0)
            cJSON_AddNumberToObject(r->prov.missing, r->layout.fields[i], (double)r->missing[i]);
    d.order = (size_t *)calloc(r->tally.nunits + 1, sizeof *d.order);
    if (d.order == NULL)
        return EXIT_IO;
    report_unit_order(&r->tally, d.order);
    w = ops->begin(&d, r->a->output, r->why, sizeof r->why);
    if (w == NULL) {
        free(d.order);
        return EXIT_IO;
    }
    for (f = 0; ok && f < r->layout.nforms; f++)
        ok = ops->form(w, f);
    memset(&x, 0, sizeof x);
    x.ops = ops;
    x.w = w;
    x.l = &r->layout;
    ok = ok && report_spool_drain(&r->spool, drain_row, &x);
    while (ok && x.next < r->layout.nlists) {
        if (x.open)
            ok = ops->list_end(w, x.next - 1);
        ok = ok && ops->list_begin(w, x.next);
        x.open = 1;
        x.next++;
    }
    if (ok && x.open)
        ok = ops->list_end(w, x.next - 1);
    ok = ops->end(w, ok, r->why, sizeof r->why);
    if (ok && !all_checks_hold(&d))
        r->status = EXIT_RECORD_ERRORS;
    free(d.order);
    return ok ? r->status : EXIT_IO;
}

/* }==================================================================== */

static int parse_args(int argc, char **argv, report_args *a)
{
    enum { OPT_FORM = 256, OPT_FORMAT, OPT_POPULATION, OPT_LEVEL, OPT_HELP, OPT_MERGE };
    static const struct option longopts[] = {
        CLI_LONGOPT_RULES,
        CLI_LONGOPT_RULESET,
        {"form", required_argument, NULL, OPT_FORM},
        {"format", required_argument, NULL, OPT_FORMAT},
        CLI_LONGOPT_OUTPUT,
        {"population", required_argument, NULL, OPT_POPULATION},
        {"level", required_argument, NULL, OPT_LEVEL},
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {"merge", no_argument, NULL, OPT_MERGE},
        CLI_LONGOPT_JOBS,
        {NULL, 0, NULL, 0}
    };
    cli_common common;
    int c, i;

    cli_common_init(&common, a->lang);
    common.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int taken = cli_common_option(c, optarg, &common);

        if (taken < 0 && c != CLI_OPT_LANG)
            return cli_common_refused("rasoat report", c, optarg, a->lang);
        if (taken < 0) {
            fprintf(stderr, "rasoat report: --lang vi|en\n");
            return EXIT_USAGE;
        }
        a->lang = common.lang;
        if (taken > 0)
            continue;
        switch (c) {
        case OPT_FORM: a->form = optarg; break;
        case OPT_POPULATION: a->population = optarg; break;
        case OPT_MERGE: a->merge = 1; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "xlsx") != 0 && strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0) {
                fprintf(stderr, CLI_TEXT(a->lang, "rasoat report: --format cần xlsx, csv hoặc json, nhận được '%s'\n",
                                         "rasoat report: --format takes xlsx, csv or json, found '%s'\n"), optarg);
                return EXIT_USAGE;
            }
            a->format = optarg;
            break;
        case OPT_LEVEL:
            a->level_given = 1;
            if (strcmp(optarg, "commune") == 0)
                a->level = LEVEL_COMMUNE;
            else if (strcmp(optarg, "district") == 0)
                a->level = LEVEL_DISTRICT;
            else if (strcmp(optarg, "province") == 0)
                a->level = LEVEL_PROVINCE;
            else {
                fprintf(stderr, CLI_TEXT(a->lang, "rasoat report: --level cần commune, district hoặc province, nhận được '%s'\n",
                                         "rasoat report: --level takes commune, district or province, found '%s'\n"), optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_HELP:
            printf(CLI_TEXT(a->lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        default:
            fprintf(stderr, CLI_TEXT(a->lang, "rasoat report: tùy chọn không hợp lệ '%s'\nXem: rasoat report --help\n",
                                     "rasoat report: invalid option '%s'\nSee: rasoat report --help\n"), argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    a->rules_dir = common.rules_dir;
    a->ruleset = common.ruleset;
    a->output = common.output;
    a->jobs = common.jobs;
    if (optind == argc) {
        fprintf(stderr, CLI_TEXT(a->lang, "rasoat report: cần ít nhất một tệp kết quả (hoặc '-')\n",
                                 "rasoat report: needs at least one results file (or '-')\n"));
        return EXIT_USAGE;
    }
    a->inputs = argv + optind;
    a->ninputs = argc - optind;
    {
        /* Never write onto a file being read (the CSV output is a directory: a tree). */
        guarded_file *files = (guarded_file *)calloc((size_t)a->ninputs + 2, sizeof *files);
        int n = 0, ok;

        if (files == NULL)
            return EXIT_IO;
        for (i = 0; i < a->ninputs; i++, n++) {
            files[n].path = strcmp(a->inputs[i], "-") == 0 ? NULL : a->inputs[i];
            files[n].vi = "tệp đầu vào";
            files[n].en = "an input";
        }
        if (a->population != NULL) {
            files[n].path = a->population;
            files[n].vi = "tệp dân số";
            files[n].en = "the population file";
            n++;
        }
        files[n].path = a->output;
        files[n].fd = 1;
        files[n].vi = "báo cáo";
        files[n].en = "the report";
        files[n].writes = 1;
        files[n].tree = a->format != NULL && strcmp(a->format, "csv") == 0;
        n++;
        ok = same_file_check("rasoat report", a->lang, files, n);
        free(files);
        if (!ok)
            return EXIT_USAGE;
    }
    if (writer_for(a) == NULL)
        return EXIT_USAGE;
    return -1;
}

/* Make the report 'a' asks for; the exit status, the last reason in 'why' (when not NULL). */
static int report_execute(report_args *a, char *why, size_t why_size)
{
    rasoat_lang lang = a->lang;
    run r;
    int status, i, ok = 1;

    memset(&r, 0, sizeof r);
    r.a = a;
    r.status = EXIT_ALL_CLASSIFIED;
    if (sodium_init() < 0 || (r.engine = cli_open(a->rules_dir, NULL, lang)) == NULL)
        return EXIT_USAGE;
    r.prov.rulesets = cJSON_CreateArray();
    r.prov.skipped = cJSON_CreateArray();
    r.prov.population = a->population;
    r.prov.leaves = cJSON_CreateArray();
    r.prov.merged = cJSON_CreateArray();
    r.unmatched_min = -1;
    report_merge_init(&r.merge);
    r.prov.inputs = (report_input *)calloc((size_t)a->ninputs, sizeof *r.prov.inputs);
    report_spool_init(&r.spool, SPOOL_LIMIT);
    for (i = 0; ok && i < a->ninputs; i++) {
        ok = read_input(&r, a->inputs[i], &r.prov.inputs[i]);
        r.prov.ninputs = (size_t)i + 1;
    }
    if (ok && !r.have_layout) {
        if (a->ruleset != NULL)
            ok = load_layout(&r, a->ruleset);
        else {
            snprintf(r.why, sizeof r.why, CLI_TEXT(lang, "không có kết quả nào để lập báo cáo; hãy dùng --ruleset để lập báo cáo rỗng",
                                                   "no result to report on; use --ruleset for an empty report"));
            ok = 0;
        }
    }
    if (ok && r.after_reform > 0) {
        snprintf(r.why, sizeof r.why, CLI_TEXT(lang,
                 "--level district: %lld kết quả có ngày rà soát từ 01/7/2025, khi không còn cấp huyện; dùng --level province",
                 "--level district: %lld results were surveyed on or after 1 Jul 2025, when the district level ended; use --level province"),
                 r.after_reform);
        ok = 0;
    }
    if (ok && r.have_layout && !report_merge_finish(&r.merge, &r.tally)) {
        snprintf(r.why, sizeof r.why, "out of memory");
        ok = 0;
    }
    if (ok && a->population == NULL && r.population_from != NULL) {
        r.prov.population = r.population_from;
        r.prov.population_unmatched = r.unmatched_min;
    }
    if (ok && a->population != NULL)
        ok = report_population_apply(&r.tally, a->population, lang, &r.prov.population_unmatched, r.why, sizeof r.why);
    if (ok) {
        size_t u;

        for (u = 0; u < r.tally.nunits; u++)
            if (r.tally.units[u].has_population < 0)
                r.tally.units[u].has_population = 0;
        if (r.prov.errors_skipped > 0 || r.prov.log_broken > 0)
            r.status = EXIT_RECORD_ERRORS;
        status = write_report(&r);
        if (status == EXIT_IO)
            fprintf(stderr, "rasoat report: %s\n", r.why);
        else if (r.prov.errors_skipped > 0)
            fprintf(stderr, CLI_TEXT(lang, "rasoat report: bỏ qua %lld bản ghi lỗi (xem provenance.skipped)\n",
                                     "rasoat report: skipped %lld error records (see provenance.skipped)\n"),
                    r.prov.errors_skipped);
    } else {
        fprintf(stderr, "rasoat report: %s\n", r.why);
        status = r.status != EXIT_ALL_CLASSIFIED ? r.status : EXIT_USAGE;
        report_spool_drain(&r.spool, NULL, NULL);
    }
    if (r.have_layout) {
        report_tally_free(&r.tally);
        report_layout_free(&r.layout);
    }
    free((void *)r.fields);
    free(r.missing);
    free(r.list_widths);
    free(r.prov.inputs);
    cJSON_Delete(r.prov.rulesets);
    cJSON_Delete(r.prov.skipped);
    cJSON_Delete(r.prov.missing);
    cJSON_Delete(r.prov.leaves);
    cJSON_Delete(r.prov.merged);
    report_merge_free(&r.merge);
    workers_stop(r.pool);
    free_batches(&r);
    free(r.population_from);
    rasoat_close(r.engine);
    if (why != NULL)
        snprintf(why, why_size, "%s", r.why);
    return status;
}

int cmd_report(int argc, char **argv, rasoat_lang lang)
{
    report_args a;
    int status;

    memset(&a, 0, sizeof a);
    a.lang = lang;
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    return report_execute(&a, NULL, 0);
}

/* report_request.h: one report from one results file, without a command line. */
int report_request(const char *rules_dir, const char *input, const char *output, const char *format,
                   const char *form, const char *level, const char *ruleset, rasoat_lang lang,
                   char *why, size_t why_size)
{
    report_args a;
    char *inputs[1];

    memset(&a, 0, sizeof a);
    inputs[0] = (char *)input;
    a.rules_dir = rules_dir;
    a.ruleset = ruleset;
    a.form = form;
    a.format = format;
    a.output = output;
    a.lang = lang;
    a.jobs = 1;        /* the server runs requests side by side already */
    a.inputs = inputs;
    a.ninputs = 1;
    a.input_name = "-";
    why[0] = '\0';
    if (level == NULL || strcmp(level, "commune") == 0)
        a.level = LEVEL_COMMUNE;
    else if (strcmp(level, "district") == 0)
        a.level = LEVEL_DISTRICT;
    else if (strcmp(level, "province") == 0)
        a.level = LEVEL_PROVINCE;
    else {
        snprintf(why, why_size, "%s", CLI_TEXT(lang, "level cần commune, district hoặc province",
                                               "level takes commune, district or province"));
        return EXIT_USAGE;
    }
    if (format == NULL || writer_for(&a) == NULL) {
        snprintf(why, why_size, "%s", CLI_TEXT(lang, "format cần xlsx, csv hoặc json", "format takes xlsx, csv or json"));
        return EXIT_USAGE;
    }
    return report_execute(&a, why, why_size);
}
