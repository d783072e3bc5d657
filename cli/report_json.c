/*
** report_json.c: the JSON writer of 'rasoat report' (schema rasoat.report/1, docs/reports.md):
** a JSON array with one object per form and one per list, each on its own line(s).
** Unit rows carry their 'place' (province, district, commune, village as given), so a
** report of a higher level can be made from these files (report_merge in report.c).
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "report.h"

struct report_writer {
    const report_doc *d;
    outfile out;
    FILE *f;
    int items;                  /* objects written so far */
    int rows;                   /* rows of the list being written */
    int ok;
};

static void add_raw_int(cJSON *obj, const char *name, long long v)
{
    char digits[24];

    snprintf(digits, sizeof digits, "%lld", v);
    cJSON_AddRawToObject(obj, name, digits);
}

static void add_cell(cJSON *cells, const report_column *c, const report_cell *cell)
{
    char digits[32];

    if (cell->empty) {
        cJSON_AddNullToObject(cells, c->key);
    } else if (c->type == COL_RATE) {
        snprintf(digits, sizeof digits, "%lld.%02lld", (long long)(cell->value / 100),
                 (long long)(cell->value % 100));
        cJSON_AddRawToObject(cells, c->key, digits);
    } else {
        add_raw_int(cells, c->key, (long long)cell->value);
    }
}

cJSON *report_place_json(const report_unit *u)
{
    static const char *const names[PLACE_COUNT] = {"province", "district", "commune", "village"};
    cJSON *place = cJSON_CreateObject();
    int k;

    for (k = 0; k < PLACE_COUNT; k++)
        if (u->place[k][0] != '\0')
            cJSON_AddStringToObject(place, names[k], u->place[k]);
    return place;
}

typedef struct rows_ctx {
    const report_doc *d;
    size_t f;
    report_writer *w;           /* rows are written here when not NULL */
    cJSON *checks;              /* per check: array of failures */
} rows_ctx;

static void put_text(report_writer *w, const char *sep, cJSON *j);

/* Note the failed checks of one row. */
static void note_failures(rows_ctx *x, const report_row *row, const report_cell *cells)
{
    const report_form *f = &x->d->layout->forms[x->f];
    size_t i;

    for (i = 0; i < f->nchecks; i++) {
        if (!report_check_holds(&f->checks[i], cells)) {
            cJSON *fail = cJSON_CreateObject();

            if (row->unit != NULL)
                cJSON_AddStringToObject(fail, "unit", report_unit_name(x->d->tally, row->unit));
            else
                cJSON_AddNullToObject(fail, "unit");
            cJSON_AddStringToObject(fail, "area", report_area_key(row->area));
            cJSON_AddStringToObject(fail, "kind", f->kinds[row->kind].key);
            add_raw_int(fail, "left", (long long)cells[f->checks[i].left].value);
            add_raw_int(fail, "right", (long long)(cells[f->checks[i].right].value * f->checks[i].times));
            cJSON_AddItemToArray(cJSON_GetArrayItem(x->checks, (int)i), fail);
        }
    }
}

/* One row: written as JSON (when writing), and its failed checks noted. */
static int each_row(void *ctx, const report_row *row, const report_cell *cells)
{
    rows_ctx *x = (rows_ctx *)ctx;
    const report_form *f = &x->d->layout->forms[x->f];

    note_failures(x, row, cells);
    if (x->w != NULL) {
        cJSON *r = cJSON_CreateObject(), *c;
        size_t i;

        if (row->unit != NULL) {
            cJSON_AddStringToObject(r, "unit", report_unit_name(x->d->tally, row->unit));
            cJSON_AddNullToObject(r, "unit_code");
            cJSON_AddItemToObject(r, "place", report_place_json(row->unit));
            add_raw_int(r, "results", row->unit->results);
        } else {
            cJSON_AddNullToObject(r, "unit");
            cJSON_AddNullToObject(r, "unit_code");
        }
        cJSON_AddStringToObject(r, "area", report_area_key(row->area));
        cJSON_AddStringToObject(r, "kind", f->kinds[row->kind].key);
        c = cJSON_AddObjectToObject(r, "cells");
        for (i = 0; i < f->ncols; i++)
            add_cell(c, &f->cols[i], &cells[i]);
        put_text(x->w, x->w->rows++ ? ",\n" : "\n", r);
    }
    return 1;
}

/* Walk the rows of form 'fi' (writing them to 'w' when not NULL); returns the "checks"
** array of the schema. */
static cJSON *walk_rows(const report_doc *d, size_t fi, report_writer *w)
{
    const report_form *f = &d->layout->forms[fi];
    int en = d->lang == RASOAT_LANG_EN;
    cJSON *checks = cJSON_CreateArray();
    rows_ctx x;
    size_t i;

    x.d = d;
    x.f = fi;
    x.w = w;
    x.checks = cJSON_CreateArray();
    for (i = 0; i < f->nchecks; i++)
        cJSON_AddItemToArray(x.checks, cJSON_CreateArray());
    report_each_row(d, fi, each_row, &x);
    for (i = 0; i < f->nchecks; i++) {
        cJSON *c = cJSON_CreateObject(), *fails = cJSON_DetachItemFromArray(x.checks, 0);

        cJSON_AddStringToObject(c, "identity", f->checks[i].label[en]);
        cJSON_AddBoolToObject(c, "ok", cJSON_GetArraySize(fails) == 0);
        cJSON_AddItemToObject(c, "failures", fails);
        cJSON_AddItemToArray(checks, c);
    }
    cJSON_Delete(x.checks);
    return checks;
}

cJSON *report_checks_json(const report_doc *d, size_t fi)
{
    return walk_rows(d, fi, NULL);
}

static int has_rates(const report_form *f)
{
    size_t i;

    for (i = 0; i < f->ncols; i++)
        if (f->cols[i].type == COL_RATE || f->cols[i].type == COL_POPULATION)
            return 1;
    return 0;
}

/* The form object without its rows and checks (they are streamed after it). */
static cJSON *form_head_json(const report_doc *d, size_t fi)
{
    const report_form *f = &d->layout->forms[fi];
    int en = d->lang == RASOAT_LANG_EN;
    cJSON *j = cJSON_CreateObject(), *cols;
    size_t i;

    cJSON_AddStringToObject(j, "schema", "rasoat.report/1");
    cJSON_AddStringToObject(j, "form", f->id);
    cJSON_AddStringToObject(j, "title", f->title[en]);
    cJSON_AddStringToObject(j, "level", d->level_name);

    cJSON_AddStringToObject(j, "citation", f->citation);
    cJSON_AddStringToObject(j, "status", f->status);
    if (f->note[0] != NULL)
        cJSON_AddStringToObject(j, "note", f->note[en]);
    if (has_rates(f) && d->prov->population == NULL)
        cJSON_AddStringToObject(j, "rates_empty", CLI_TEXT(d->lang,
            "Không có --population: thiếu tổng số hộ, nhân khẩu dân cư nên các tỷ lệ để trống.",
            "No --population: without all resident households and persons the rates are left empty."));
    cJSON_AddItemToObject(j, "provenance", report_provenance_json(d));
    cols = cJSON_AddArrayToObject(j, "columns");
    for (i = 0; i < f->ncols; i++) {
        const report_column *c = &f->cols[i];
        cJSON *col = cJSON_CreateObject();
        static const char *const types[] = {"count", "population", "formula", "rate"};

        cJSON_AddStringToObject(col, "key", c->key);
        cJSON_AddStringToObject(col, "label", c->label[en]);
        if (c->group[0] != NULL)
            cJSON_AddStringToObject(col, "group", c->group[en]);
        if (c->number != NULL)
            cJSON_AddStringToObject(col, "number", c->number);
        else
            cJSON_AddNullToObject(col, "number");
        if (c->text != NULL)
            cJSON_AddStringToObject(col, "formula", c->text);
        else
            cJSON_AddNullToObject(col, "formula");
        cJSON_AddStringToObject(col, "type", types[c->type]);
        if (c->hidden)
            cJSON_AddTrueToObject(col, "hidden");
        cJSON_AddItemToArray(cols, col);
    }
    return j;
}

static report_writer *json_begin(const report_doc *d, const char *output, char *why, size_t n)
{
    report_writer *w = (report_writer *)calloc(1, sizeof *w);

    if (w == NULL)
        return NULL;
    w->d = d;
    w->ok = 1;
    (void)why;
    (void)n;
    if (!outfile_open(&w->out, output, "rasoat report", d->lang)) {
        free(w);
        return NULL;                /* outfile said why */
    }
    w->f = w->out.f;
    fputs("[\n", w->f);
    return w;
}

/* Print 'j' after 'sep' and free it; 'strip' drops its closing brace (members follow). */
static void put_json(report_writer *w, const char *sep, cJSON *j, int strip)
{
    char *text = cJSON_PrintUnformatted(j);

    if (text == NULL) {
        w->ok = 0;
    } else {
        if (strip)
            text[strlen(text) - 1] = '\0';
        fprintf(w->f, "%s%s", sep, text);
        free(text);
    }
    cJSON_Delete(j);
}

static void put_text(report_writer *w, const char *sep, cJSON *j)
{
    put_json(w, sep, j, 0);
}

/* The form object: its head, then its rows one by one, then its checks. */
static int json_form(report_writer *w, size_t f)
{
    put_json(w, w->items++ ? ",\n" : "", form_head_json(w->d, f), 1);
    fputs(",\"rows\":[", w->f);
    w->rows = 0;
    put_json(w, "\n],\"checks\":", walk_rows(w->d, f, w), 0);
    fputc('}', w->f);
    return w->ok;
}

static int json_list_begin(report_writer *w, size_t li)
{
    const report_list *l = &w->d->layout->lists[li];
    int en = w->d->lang == RASOAT_LANG_EN;
    cJSON *j = cJSON_CreateObject(), *cols;
    char *text;
    size_t i;

    cJSON_AddStringToObject(j, "schema", "rasoat.report/1");
    cJSON_AddStringToObject(j, "list", l->id);
    cJSON_AddStringToObject(j, "title", l->title[en]);
    cJSON_AddStringToObject(j, "level", w->d->level_name);

    cJSON_AddStringToObject(j, "citation", l->citation);
    cJSON_AddStringToObject(j, "status", l->status);
    if (l->note[0] != NULL)
        cJSON_AddStringToObject(j, "note", l->note[en]);
    cols = cJSON_AddArrayToObject(j, "columns");
    for (i = 0; i < l->ncols; i++) {
        cJSON *c = cJSON_CreateObject();

        cJSON_AddStringToObject(c, "key", l->cols[i].field);
        cJSON_AddStringToObject(c, "label", l->cols[i].label[en]);
        cJSON_AddItemToArray(cols, c);
    }
    text = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    if (text == NULL)
        return w->ok = 0;
    text[strlen(text) - 1] = '\0';          /* the closing brace: rows follow */
    fprintf(w->f, "%s%s,\"rows\":[", w->items++ ? ",\n" : "", text);
    free(text);
    w->rows = 0;
    return 1;
}

static int json_list_row(report_writer *w, const report_list_row *row)
{
    cJSON *r = cJSON_CreateObject();
    char *text;

    cJSON_AddStringToObject(r, "id", row->id);
    cJSON_AddItemToObject(r, "place", cJSON_Duplicate(row->place, 1));
    cJSON_AddItemToObject(r, "cells", cJSON_Duplicate(row->cells, 1));
    text = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    if (text == NULL)
        return w->ok = 0;
    fprintf(w->f, "%s\n%s", w->rows++ ? "," : "", text);
    free(text);
    return 1;
}

static int json_list_end(report_writer *w, size_t li)
{
    (void)li;
    fputs(w->rows ? "\n]}" : "]}", w->f);
    return 1;
}

static int json_end(report_writer *w, int ok, char *why, size_t n)
{
    int done;

    fputs("\n]\n", w->f);
    ok = ok && w->ok && !ferror(w->f);
    if (ok) {
        done = outfile_commit(&w->out, "rasoat report", w->d->lang);
    } else {
        outfile_discard(&w->out);
        done = 0;
    }
    if (!done && why[0] == '\0')
        snprintf(why, n, CLI_TEXT(w->d->lang, "không ghi được báo cáo JSON", "cannot write the JSON report"));
    free(w);
    return done;
}

const report_writer_ops report_json_ops = {
    json_begin, json_form, json_list_begin, json_list_row, json_list_end, json_end
};
