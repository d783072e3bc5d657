/*
** report_jobs.c: the digests of 'report --jobs N' (see report_jobs.h), and the treatment of
** one result that they share with the serial path: list cells, places by the table of
** administrative units, spool lines.
**
** A digest is one block: a header byte (HEAD_*), a byte of kind, then fields written by put_* and read back in the
** same order by get_*; strings as a presence byte, a 32-bit length, the bytes and a NUL (so
** a reader points into the block); the counts as an 8-byte aligned array of report_delta.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report_jobs.h"

/* {====================================================================
** Shared with the serial path
** ===================================================================== */

size_t report_cell_chars(const cJSON *v)
{
    const unsigned char *p;
    size_t n = 0;
    char digits[32];

    if (cJSON_IsNumber(v)) {
        snprintf(digits, sizeof digits, "%.15g", v->valuedouble);
        return strlen(digits);
    }
    for (p = (const unsigned char *)cJSON_GetStringValue(v); p != NULL && *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

cJSON *report_list_cells(const report_layout *l, rasoat_lang lang, const report_list *li, const cJSON *result)
{
    cJSON *cells = cJSON_CreateArray();
    size_t i;
    int en = lang == RASOAT_LANG_EN;

    cJSON_AddItemToArray(cells, cJSON_CreateNumber(0));
    for (i = 0; i < li->ncols; i++) {
        const char *field = li->cols[i].field;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(result, field);

        if (strcmp(field, "deprived") == 0 && cJSON_IsArray(v)) {
            char text[2048] = "";
            const cJSON *code;

            cJSON_ArrayForEach(code, v) {
                const char *label = report_label_of(l->indicators, l->nindicators,
                                                    cJSON_GetStringValue(code) ? code->valuestring : "", lang);

                if (strlen(text) + strlen(label) + 3 < sizeof text) {
                    if (text[0] != '\0')
                        strcat(text, "; ");
                    strcat(text, label);
                }
            }
            cJSON_AddItemToArray(cells, cJSON_CreateString(text));
        } else if (strcmp(field, "transition") == 0 && cJSON_IsString(v)) {
            cJSON_AddItemToArray(cells, cJSON_CreateString(report_label_of(
                l->transitions, l->ntransitions, v->valuestring, lang)));
        } else if (cJSON_IsString(v) || cJSON_IsNumber(v)) {
            cJSON_AddItemToArray(cells, cJSON_Duplicate(v, 0));
        } else if (cJSON_IsBool(v)) {
            cJSON_AddItemToArray(cells, cJSON_CreateString(cJSON_IsTrue(v) ? (en ? "yes" : "có") : (en ? "no" : "không")));
        } else {
            cJSON_AddItemToArray(cells, cJSON_CreateNull());
        }
    }
    return cells;
}

static const char *field_of(const cJSON *record, const char *name)
{
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(record, name));
}

void report_places_by_table(rasoat_engine *e, cJSON *record)
{
    const char *date = field_of(record, "survey_date");
    const char *code = field_of(record, "commune_code");
    const char *name;

    if (date == NULL)
        return;
    if (code != NULL && (name = rasoat_place_name(e, code, date)) != NULL) {
        cJSON *item = cJSON_CreateString(name);

        if (item != NULL && !cJSON_ReplaceItemInObjectCaseSensitive(record, "commune", item)
            && !cJSON_AddItemToObject(record, "commune", item))
            cJSON_Delete(item);
    }
    if (rasoat_districts_on(e, date) == 0)
        cJSON_DeleteItemFromObjectCaseSensitive(record, "district");
}

/* Replace bytes that would break a sort key (separators, line ends) by spaces. */
static void key_part(char *dst, size_t size, const char *s)
{
    size_t i;

    for (i = 0; s != NULL && s[i] && i + 1 < size; i++)
        dst[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
    dst[i] = '\0';
}

char *report_spool_line(size_t list, const cJSON *place, const char *id, cJSON *cells, size_t *len)
{
    char commune[256], village[256], code[256], *json, *line = NULL;
    cJSON *row = cJSON_CreateObject();

    key_part(commune, sizeof commune, field_of(place, "commune"));
    key_part(village, sizeof village, field_of(place, "village"));
    key_part(code, sizeof code, id);
    cJSON_AddItemToObject(row, "place", cJSON_Duplicate(place, 1));
    cJSON_AddStringToObject(row, "id", id ? id : "");
    cJSON_AddItemToObject(row, "cells", cells);
    json = cJSON_PrintUnformatted(row);
    cJSON_Delete(row);
    if (json != NULL) {
        size_t n = strlen(json) + strlen(commune) + strlen(village) + strlen(code) + 16;

        if ((line = (char *)malloc(n)) != NULL)
            *len = (size_t)snprintf(line, n, "%04zu\x01%s\x01%s\x01%s\x02%s", list, commune, village, code, json);
    }
    free(json);
    return line;
}

/* }==================================================================== */

/* {====================================================================
** Writing a digest
** ===================================================================== */

/* The header byte: a line of a results file; a sound log line (its hash follows); a broken
** log line (the record's id follows, and nothing else). */
enum { HEAD_PLAIN = 0, HEAD_LOG = 1, HEAD_BROKEN = 2 };

typedef struct blob {
    char *p;
    size_t n, cap;
    int failed;
} blob;

static void put(blob *b, const void *data, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *g;

        while (cap < b->n + n)
            cap *= 2;
        if ((g = (char *)realloc(b->p, cap)) == NULL) {     /* keeps b->p for the caller to free */
            b->failed = 1;
            return;
        }
        b->p = g;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void put_u8(blob *b, int v)
{
    unsigned char c = (unsigned char)v;

    put(b, &c, 1);
}

static void put_u32(blob *b, size_t v)
{
    uint32_t u = (uint32_t)v;

    put(b, &u, sizeof u);
}

static void put_str(blob *b, const char *s)
{
    put_u8(b, s != NULL);
    if (s != NULL) {
        put_u32(b, strlen(s));
        put(b, s, strlen(s) + 1);
    }
}

static void put_align(blob *b)
{
    static const char zeros[8] = {0};

    put(b, zeros, (8 - b->n % 8) % 8);
}

/* The result's part of a digest: what take_record in report.c does with it, in its order. */
static void digest_result(const report_digest_ctx *x, rasoat_engine *e, cJSON *record, blob *b)
{
    static const char *const place_names[PLACE_COUNT] = {"province", "district", "commune", "village"};
    const report_layout *l = x->layout;
    const cJSON **fields = (const cJSON **)calloc(l->nfields + 1, sizeof *fields);
    signed char *memo = (signed char *)malloc(l->ntests + 1);
    const cJSON *set = cJSON_GetObjectItemCaseSensitive(record, "ruleset");
    const char *date = field_of(record, "survey_date");
    report_delta *deltas = NULL;
    long nd;
    size_t i, nrows_at, nrows = 0;
    cJSON *place;
    int k;

    if (fields == NULL || memo == NULL) {
        b->failed = 1;
        free((void *)fields);
        free(memo);
        return;
    }
    put_u8(b, DIGEST_RESULT);
    put_u8(b, field_of(set, "sha256") != NULL);
    put_str(b, field_of(set, "id"));
    put_str(b, field_of(set, "version"));
    put_str(b, field_of(set, "sha256"));
    for (i = 0; i < l->nfields; i++) {
        fields[i] = cJSON_GetObjectItemCaseSensitive(record, l->fields[i]);
        /* An absent 'change' is the usual case (no event), not a gap in the data. */
        put_u8(b, (fields[i] == NULL || cJSON_IsNull(fields[i])) && strcmp(l->fields[i], "change") != 0);
    }
    put_u8(b, x->level == LEVEL_DISTRICT && date != NULL
              && (rasoat_districts_on(e, date) == 0
                  || (rasoat_districts_on(e, date) < 0 && strcmp(date, "2025-07-01") >= 0)));
    report_places_by_table(e, record);
    put_str(b, field_of(record, "province"));
    put_str(b, field_of(record, "commune_code"));
    put_str(b, field_of(record, "survey_date"));
    for (k = 0; k < PLACE_COUNT; k++)
        put_str(b, field_of(record, place_names[k]));
    put_u8(b, cJSON_IsString(cJSON_GetObjectItemCaseSensitive(record, "area"))
              && strcmp(field_of(record, "area"), "urban") == 0 ? AREA_URBAN : AREA_RURAL);
    nd = report_count_deltas(l, memo, record, fields, &deltas);
    if (nd < 0)
        b->failed = 1;
    put_u32(b, nd > 0 ? (size_t)nd : 0);
    put_align(b);
    if (nd > 0)
        put(b, deltas, (size_t)nd * sizeof *deltas);
    free(deltas);
    nrows_at = b->n;
    put_u32(b, 0);                          /* the number of list rows, set below */
    place = cJSON_CreateObject();
    for (k = 0; k < PLACE_COUNT; k++)
        if (field_of(record, place_names[k]) != NULL)
            cJSON_AddStringToObject(place, place_names[k], field_of(record, place_names[k]));
    for (i = 0; i < l->nlists && !b->failed; i++) {
        const report_list *li = &l->lists[i];
        cJSON *cells, *v;
        size_t len = 0, c = 0;
        char *line;

        /* The memo holds this result's answers (report_count_deltas just ran). */
        if (!report_pred_holds(&li->where, fields, memo))
            continue;
        cells = report_list_cells(l, x->lang, li, record);
        put_u32(b, i);
        put_u32(b, (size_t)cJSON_GetArraySize(cells));
        cJSON_ArrayForEach(v, cells)
            put_u32(b, c++ > 0 ? report_cell_chars(v) : 0);
        line = report_spool_line(i, place, field_of(record, "id"), cells, &len);
        if (line == NULL)
            b->failed = 1;
        put_u32(b, len);
        put(b, line, len);
        free(line);
        nrows++;
    }
    cJSON_Delete(place);
    if (!b->failed) {
        uint32_t n = (uint32_t)nrows;

        memcpy(b->p + nrows_at, &n, sizeof n);
    }
    free((void *)fields);
    free(memo);
}

void report_digest(rasoat_engine *const *engines, work_item *it, void *ctx)
{
    rasoat_engine *e = engines[0];
    const report_digest_ctx *x = (const report_digest_ctx *)ctx;
    cJSON *tree = NULL, *record;
    blob b;

    memset(&b, 0, sizeof b);
    b.p = it->out;                          /* the item's block of the last batch, reused */
    b.cap = it->out_cap;
    if (it->kind == REPORT_LINE_LOG) {
        char hash[65];

        tree = cJSON_ParseWithLength(it->text, it->len);
        if (rasoat_log_line_check(it->text, it->len, hash) != RASOAT_OK) {
            put_u8(&b, HEAD_BROKEN);
            put_str(&b, field_of(tree, "id"));
            cJSON_Delete(tree);
            tree = NULL;
            goto done;
        }
        put_u8(&b, HEAD_LOG);
        put_str(&b, hash);
        record = cJSON_GetObjectItemCaseSensitive(tree, "result");
    } else {
        put_u8(&b, HEAD_PLAIN);
        tree = record = cJSON_ParseWithLength(it->text, it->len);
    }
    if (tree == NULL) {
        put_u8(&b, DIGEST_INVALID_JSON);
    } else if (!cJSON_IsObject(record) || cJSON_GetObjectItemCaseSensitive(record, "error") != NULL) {
        const char *code = field_of(cJSON_GetObjectItemCaseSensitive(record, "error"), "code");

        put_u8(&b, DIGEST_SKIPPED);
        put_str(&b, field_of(record, "id"));
        put_str(&b, code != NULL ? code : "not_a_result");
    } else {
        digest_result(x, e, record, &b);
    }
    cJSON_Delete(tree);
done:
    it->out = b.p;
    it->out_cap = b.cap;
    it->out_len = b.failed ? 0 : b.n;
}

/* }==================================================================== */

/* {====================================================================
** Reading a digest
** ===================================================================== */

typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

static int get_u8(reader *r)
{
    if (r->p + 1 > r->end) {
        r->bad = 1;
        return 0;
    }
    return (unsigned char)*r->p++;
}

static size_t get_u32(reader *r)
{
    uint32_t u = 0;

    if (r->p + sizeof u > r->end) {
        r->bad = 1;
        return 0;
    }
    memcpy(&u, r->p, sizeof u);
    r->p += sizeof u;
    return u;
}

static const char *get_str(reader *r)
{
    const char *s;
    size_t n;

    if (!get_u8(r))
        return NULL;
    n = get_u32(r);
    if (r->bad || r->p + n + 1 > r->end) {
        r->bad = 1;
        return NULL;
    }
    s = r->p;
    r->p += n + 1;
    return s;
}

int report_digest_read(const char *block, size_t len, size_t nfields, report_digest_view *v)
{
    reader r;
    size_t k;

    memset(v, 0, sizeof *v);
    r.p = block;
    r.end = block + len;
    r.bad = block == NULL;
    if (r.bad)
        return 0;
    k = (size_t)get_u8(&r);
    if (k == HEAD_BROKEN) {
        v->kind = DIGEST_LOG_BROKEN;
        v->id = get_str(&r);
        return !r.bad;
    }
    if (k == HEAD_LOG)
        v->log_hash = get_str(&r);
    v->kind = (report_digest_kind)get_u8(&r);
    if (v->kind == DIGEST_SKIPPED) {
        v->id = get_str(&r);
        v->code = get_str(&r);
    } else if (v->kind == DIGEST_RESULT) {
        v->has_ruleset = get_u8(&r);
        for (k = 0; k < 3; k++)
            v->ruleset[k] = get_str(&r);
        if (r.p + nfields > r.end)
            return 0;
        v->missing = (const unsigned char *)r.p;
        r.p += nfields;
        v->after_reform = get_u8(&r);
        v->province = get_str(&r);
        v->commune_code = get_str(&r);
        v->survey_date = get_str(&r);
        for (k = 0; k < PLACE_COUNT; k++)
            v->place[k] = get_str(&r);
        v->area = get_u8(&r);
        v->ndeltas = get_u32(&r);
        r.p += (8 - (size_t)(r.p - block) % 8) % 8;
        if (r.bad || r.p + v->ndeltas * sizeof *v->deltas > r.end)
            return 0;
        v->deltas = (const report_delta *)(const void *)r.p;     /* 8-aligned in a malloc'd block */
        r.p += v->ndeltas * sizeof *v->deltas;
        v->nrows = get_u32(&r);
        v->rows = r.p;
    }
    v->end = r.end;
    return !r.bad;
}

int report_digest_row(report_digest_view *v, size_t *list, size_t *widths, size_t *nwidths,
                      const char **line, size_t *len)
{
    reader r;
    size_t n, c;

    if (v->nrows == 0)
        return 0;
    r.p = v->rows;
    r.end = v->end;
    r.bad = 0;
    *list = get_u32(&r);
    n = get_u32(&r);
    *nwidths = 0;
    for (c = 0; c < n; c++) {
        size_t w = get_u32(&r);

        if (c < REPORT_WIDTH_COLS)
            widths[(*nwidths)++] = w;
    }
    *len = get_u32(&r);
    if (r.bad || r.p + *len > r.end)
        return 0;
    *line = r.p;
    v->rows = r.p + *len;
    v->nrows--;
    return 1;
}

/* }==================================================================== */
