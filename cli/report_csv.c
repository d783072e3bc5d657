/*
** report_csv.c: the CSV writer of 'rasoat report': RFC 4180 (CRLF, fields quoted when
** they hold a comma, a quote or a line break), UTF-8 with a byte-order mark so Excel shows
** Vietnamese correctly. One file per form and per list in the output directory
** (mau-7.2.csv, danh-sach-poor.csv), or one file when a single form is asked for.
** Each file is one table: a header row, the column-number row, then the rows.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "outfile.h"
#include "report.h"

struct report_writer {
    const report_doc *d;
    const char *output;
    int single;                 /* 'output' is the one file */
    outfile out;
    FILE *f;
    int ok;
    char *why;
    size_t why_size;
};

static void field(FILE *f, const char *s, int first)
{
    if (!first)
        fputc(',', f);
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static int open_file(report_writer *w, const char *name)
{
    char path[4096];

    if (w->single)
        snprintf(path, sizeof path, "%s", w->output);
    else
        snprintf(path, sizeof path, "%s/%s", w->output, name);
    if (!outfile_open(&w->out, path, "rasoat report", w->d->lang))
        return w->ok = 0;           /* outfile said why */
    w->f = w->out.f;
    fputs("\xEF\xBB\xBF", w->f);
    return 1;
}

static int close_file(report_writer *w)
{
    int ok;

    if (ferror(w->f)) {
        outfile_discard(&w->out);
        ok = 0;
    } else {
        ok = outfile_commit(&w->out, "rasoat report", w->d->lang);   /* says why on failure */
    }
    w->f = NULL;
    if (!ok)
        w->ok = 0;
    return ok;
}

static report_writer *csv_begin(const report_doc *d, const char *output, char *why, size_t n)
{
    report_writer *w = (report_writer *)calloc(1, sizeof *w);
    struct stat st;
    size_t len = output ? strlen(output) : 0;

    if (w == NULL)
        return NULL;
    w->d = d;
    w->ok = 1;
    w->why = why;
    w->why_size = n;
    w->output = output ? output : "bao-cao";
    w->single = d->layout->nforms == 1 && !d->want_lists && output != NULL
                && output[len - 1] != '/' && !(stat(output, &st) == 0 && S_ISDIR(st.st_mode));
    if (!w->single && mkdir(w->output, 0755) != 0 && errno != EEXIST) {
        snprintf(why, n, CLI_TEXT(d->lang, "không tạo được thư mục %s: %s", "cannot create directory %s: %s"),
                 w->output, strerror(errno));
        free(w);
        return NULL;
    }
    return w;
}

typedef struct row_ctx {
    report_writer *w;
    const report_form *f;
    int with_kind;
} row_ctx;

static int csv_row(void *ctx, const report_row *row, const report_cell *cells)
{
    row_ctx *x = (row_ctx *)ctx;
    FILE *f = x->w->f;
    int en = x->w->d->lang == RASOAT_LANG_EN;
    char num[32];
    size_t i;

    if (row->unit != NULL)
        snprintf(num, sizeof num, "%zu", row->number);
    field(f, row->unit != NULL ? num : report_area_number(row->area), 1);
    field(f, row->unit != NULL ? report_unit_name(x->w->d->tally, row->unit)
                               : report_area_label(row->area, x->w->d->lang), 0);
    if (x->with_kind)
        field(f, x->f->kinds[row->kind].label[en], 0);
    for (i = 0; i < x->f->ncols; i++) {
        const report_column *c = &x->f->cols[i];

        if (c->hidden)
            continue;
        if (cells[i].empty)
            num[0] = '\0';
        else if (c->type == COL_RATE)
            snprintf(num, sizeof num, "%lld.%02lld", (long long)(cells[i].value / 100),
                     (long long)(cells[i].value % 100));
        else
            snprintf(num, sizeof num, "%lld", (long long)cells[i].value);
        field(f, num, 0);
    }
    fputs("\r\n", f);
    return 1;
}

static int csv_form(report_writer *w, size_t fi)
{
    const report_form *f = &w->d->layout->forms[fi];
    int en = w->d->lang == RASOAT_LANG_EN;
    row_ctx x;
    char name[64], label[2048];
    size_t i;
    int letter = 0;

    snprintf(name, sizeof name, "mau-%s.csv", f->id);
    if (!open_file(w, name))
        return 0;
    x.w = w;
    x.f = f;
    x.with_kind = f->nkinds > 1;
    field(w->f, "TT", 1);
    field(w->f, CLI_TEXT(w->d->lang, "Khu vực/Đơn vị", "Area/Unit"), 0);
    if (x.with_kind)
        field(w->f, CLI_TEXT(w->d->lang, "Phân tổ", "Breakdown"), 0);
    for (i = 0; i < f->ncols; i++) {
        if (f->cols[i].hidden)
            continue;
        if (f->cols[i].group[0] != NULL)
            snprintf(label, sizeof label, "%s — %s", f->cols[i].group[en], f->cols[i].label[en]);
        else
            snprintf(label, sizeof label, "%s", f->cols[i].label[en]);
        field(w->f, label, 0);
    }
    fputs("\r\n", w->f);
    for (letter = 0; letter < 2 + x.with_kind; letter++) {
        char l[2] = {(char)('A' + letter), '\0'};

        field(w->f, l, letter == 0);
    }
    for (i = 0; i < f->ncols; i++)
        if (!f->cols[i].hidden)
            field(w->f, f->cols[i].text ? f->cols[i].text : f->cols[i].number ? f->cols[i].number : "", 0);
    fputs("\r\n", w->f);
    report_each_row(w->d, fi, csv_row, &x);
    return close_file(w);
}

static int csv_list_begin(report_writer *w, size_t li)
{
    const report_list *l = &w->d->layout->lists[li];
    int en = w->d->lang == RASOAT_LANG_EN;
    char name[96];
    size_t i;

    snprintf(name, sizeof name, "danh-sach-%s.csv", l->id);
    if (!open_file(w, name))
        return 0;
    field(w->f, "STT", 1);
    for (i = 0; i < l->ncols; i++)
        field(w->f, l->cols[i].label[en], 0);
    fputs("\r\n", w->f);
    w->ok = 1;
    return 1;
}

static int csv_list_row(report_writer *w, const report_list_row *row)
{
    const cJSON *cell;
    char num[32];

    cJSON_ArrayForEach(cell, row->cells) {
        if (cJSON_IsString(cell)) {
            field(w->f, cell->valuestring, cell == row->cells->child);
        } else if (cJSON_IsNumber(cell)) {
            snprintf(num, sizeof num, "%lld", (long long)cell->valuedouble);
            field(w->f, num, cell == row->cells->child);
        } else {
            field(w->f, "", cell == row->cells->child);
        }
    }
    fputs("\r\n", w->f);
    return 1;
}

static int csv_list_end(report_writer *w, size_t li)
{
    (void)li;
    return close_file(w);
}

static int csv_end(report_writer *w, int ok, char *why, size_t n)
{
    int done = ok && w->ok;

    (void)why;
    (void)n;
    if (w->f != NULL)
        outfile_discard(&w->out);
    free(w);
    return done;
}

const report_writer_ops report_csv_ops = {
    csv_begin, csv_form, csv_list_begin, csv_list_row, csv_list_end, csv_end
};
