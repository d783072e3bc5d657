/*
** report_xlsx.c: the .xlsx writer of 'rasoat report' (libxlsxwriter): one sheet per form
** and per list, then a sheet of provenance and checks. Each form sheet has the header
** block of the circular's forms (issuing body, national motto, title, citation), the
** column groups and labels in the forms' words, the column-number row, the rows
** (I urban, II rural, III total, units below their area), frozen headers, column widths
** that fit, numbers as numbers and rates as numbers with two decimals; and the footer.
** Written in constant-memory mode (each row goes to disk as the next one starts), so a
** list of a million households does not sit in memory; hence rows are written in order
** and a row's cells before its merged ranges.
*/
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "cli.h"
#include "outfile.h"
#include "report.h"

struct report_writer {
    const report_doc *d;
    lxw_workbook *wb;
    lxw_worksheet *ws;          /* the sheet being written */
    lxw_row_t row;
    outfile out;
    lxw_format *bold, *title, *italic, *head, *number, *rate, *text, *total, *total_rate;
    cJSON *checks;              /* [{form, identity, ok, failures}] for the last sheet */
    int ok;
};

static lxw_format *fmt(lxw_workbook *wb, int bold, int italic, int border, int wrap, int align,
                       const char *num)
{
    lxw_format *f = workbook_add_format(wb);

    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 11);
    if (bold)
        format_set_bold(f);
    if (italic)
        format_set_italic(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (wrap)
        format_set_text_wrap(f);
    if (align)
        format_set_align(f, (uint8_t)align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (num != NULL)
        format_set_num_format(f, num);
    return f;
}

static report_writer *xlsx_begin(const report_doc *d, const char *output, char *why, size_t n)
{
    report_writer *w = (report_writer *)calloc(1, sizeof *w);
    lxw_workbook_options opts;
    lxw_doc_properties props;
    const char *tmp;

    if (w == NULL)
        return NULL;
    w->d = d;
    w->ok = 1;
    if (output == NULL || strcmp(output, "-") == 0) {
        snprintf(why, n, CLI_TEXT(d->lang, "--format xlsx cần --output TỆP.xlsx", "--format xlsx needs --output FILE.xlsx"));
        free(w);
        return NULL;
    }
    /* The shared writer makes the temporary file beside 'output' (renamed over it at the
    ** end); libxlsxwriter writes that file by name. */
    if (!outfile_open(&w->out, output, "rasoat report", d->lang)) {
        free(w);
        return NULL;
    }
    tmp = w->out.tmp != NULL ? w->out.tmp : output;
    memset(&opts, 0, sizeof opts);
    opts.constant_memory = LXW_TRUE;
    w->wb = workbook_new_opt(tmp, &opts);
    if (w->wb == NULL) {
        snprintf(why, n, CLI_TEXT(d->lang, "không tạo được tệp xlsx %s", "cannot create the xlsx file %s"), output);
        outfile_discard(&w->out);
        free(w);
        return NULL;
    }
    memset(&props, 0, sizeof props);
    props.title = (char *)(d->lang == RASOAT_LANG_EN ? "Review of poor and near-poor households"
                                                     : "Rà soát hộ nghèo, hộ cận nghèo");
    props.author = (char *)"rasoat";
    props.created = 1;          /* a fixed date: the same report gives the same bytes */
    workbook_set_properties(w->wb, &props);
    w->bold = fmt(w->wb, 1, 0, 0, 0, LXW_ALIGN_CENTER, NULL);
    w->title = fmt(w->wb, 1, 0, 0, 1, LXW_ALIGN_CENTER, NULL);
    format_set_font_size(w->title, 13);
    w->italic = fmt(w->wb, 0, 1, 0, 1, LXW_ALIGN_CENTER, NULL);
    w->head = fmt(w->wb, 1, 0, 1, 1, LXW_ALIGN_CENTER, NULL);
    w->text = fmt(w->wb, 0, 0, 1, 1, 0, NULL);
    w->number = fmt(w->wb, 0, 0, 1, 0, 0, "#,##0");
    w->rate = fmt(w->wb, 0, 0, 1, 0, 0, "0.00");
    w->total = fmt(w->wb, 1, 0, 1, 0, 0, "#,##0");
    w->total_rate = fmt(w->wb, 1, 0, 1, 0, 0, "0.00");
    w->checks = cJSON_CreateArray();
    return w;
}

static void str(report_writer *w, lxw_col_t col, const char *s, lxw_format *f)
{
    if (worksheet_write_string(w->ws, w->row, col, s, f) != LXW_NO_ERROR)
        w->ok = 0;
}

static void merge(report_writer *w, lxw_col_t first, lxw_col_t last, const char *s, lxw_format *f)
{
    if (last > first)
        worksheet_merge_range(w->ws, w->row, first, w->row, last, s, f);
    else
        str(w, first, s, f);
}

/* The header block of the forms: issuing body and national motto, then 'title'. */
static void header_block(report_writer *w, lxw_col_t last, const char *title, const char *sub,
                         const char *note)
{
    lxw_col_t mid = last / 2 + 1;
    int en = w->d->lang == RASOAT_LANG_EN;
    char issuer[300];

    if (w->d->issuer != NULL)
        snprintf(issuer, sizeof issuer, en ? "PEOPLE'S COMMITTEE OF %s" : "UBND %s", w->d->issuer);
    else
        snprintf(issuer, sizeof issuer, "%s", en ? "PEOPLE'S COMMITTEE OF ......" : "UBND ............................");
    worksheet_set_row(w->ws, w->row, 18, NULL);
    str(w, 0, issuer, w->bold);
    merge(w, mid, last, en ? "SOCIALIST REPUBLIC OF VIETNAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", w->bold);
    w->row++;
    merge(w, mid, last, en ? "Independence - Freedom - Happiness" : "Độc lập - Tự do - Hạnh phúc", w->bold);
    w->row++;
    merge(w, mid, last, en ? "......, date ... month ... year ..." : "……, ngày … tháng … năm …", w->italic);
    w->row += 2;
    worksheet_set_row(w->ws, w->row, 36, NULL);
    merge(w, 0, last, title, w->title);
    w->row++;
    worksheet_set_row(w->ws, w->row, 30, NULL);
    merge(w, 0, last, sub, w->italic);
    w->row++;
    if (note != NULL) {
        worksheet_set_row(w->ws, w->row, 45, NULL);
        merge(w, 0, last, note, w->italic);
        w->row++;
    }
    w->row++;
}

/* A sheet name of at most 31 characters (Excel's limit counts characters, not bytes),
** unique by construction ("7.2", "DS HỘ NGHÈO"). */
static lxw_worksheet *sheet(report_writer *w, const char *name)
{
    char cut[31 * 4 + 1];
    size_t n = 0, chars = 0;

    while (name[n] != '\0' && n < sizeof cut - 1) {
        if (((unsigned char)name[n] & 0xC0) != 0x80 && ++chars > 31)
            break;
        n++;
    }
    while (n > 0 && n < strlen(name) && ((unsigned char)name[n] & 0xC0) == 0x80)
        n--;                                  /* never half a character */
    memcpy(cut, name, n);
    cut[n] = '\0';
    return workbook_add_worksheet(w->wb, cut);
}

typedef struct row_ctx {
    report_writer *w;
    const report_form *f;
    int with_kind;
} row_ctx;

static int xlsx_row(void *ctx, const report_row *row, const report_cell *cells)
{
    row_ctx *x = (row_ctx *)ctx;
    report_writer *w = x->w;
    int en = w->d->lang == RASOAT_LANG_EN, bold = row->unit == NULL;
    lxw_col_t col = 0;
    size_t i;

    if (row->unit != NULL)
        worksheet_write_number(w->ws, w->row, col++, (double)row->number, w->number);
    else
        str(w, col++, report_area_number(row->area), w->head);
    str(w, col++, row->unit != NULL ? report_unit_name(w->d->tally, row->unit)
                                    : report_area_label(row->area, w->d->lang),
        bold ? w->head : w->text);
    if (x->with_kind)
        str(w, col++, x->f->kinds[row->kind].label[en], bold ? w->head : w->text);
    for (i = 0; i < x->f->ncols; i++) {
        const report_column *c = &x->f->cols[i];
        lxw_format *f = c->type == COL_RATE ? (bold ? w->total_rate : w->rate) : (bold ? w->total : w->number);

        if (c->hidden)
            continue;
        if (cells[i].empty)
            worksheet_write_blank(w->ws, w->row, col++, f);
        else
            worksheet_write_number(w->ws, w->row, col++,
                                   c->type == COL_RATE ? (double)cells[i].value / 100.0 : (double)cells[i].value, f);
    }
    w->row++;
    return 1;
}

static void footer(report_writer *w, lxw_col_t last)
{
    int en = w->d->lang == RASOAT_LANG_EN;

    w->row++;
    str(w, 1, en ? "Prepared by" : "Người lập biểu", w->bold);
    merge(w, last / 2 + 1, last, en ? "CHAIR OF THE PEOPLE'S COMMITTEE" : "CHỦ TỊCH UBND", w->bold);
    w->row++;
    str(w, 1, en ? "(sign, full name)" : "(Ký, ghi rõ họ tên)", w->italic);
    merge(w, last / 2 + 1, last, en ? "(sign, full name, seal)" : "(Ký, ghi rõ họ tên, đóng dấu)", w->italic);
    w->row++;
}

static int xlsx_form(report_writer *w, size_t fi)
{
    const report_form *f = &w->d->layout->forms[fi];
    int en = w->d->lang == RASOAT_LANG_EN;
    row_ctx x;
    char sub[1024], number[8];
    lxw_col_t first, col, last;
    size_t i, visible = 0;
    cJSON *checks = report_checks_json(w->d, fi), *c;

    x.w = w;
    x.f = f;
    x.with_kind = f->nkinds > 1;
    first = (lxw_col_t)(2 + x.with_kind);
    for (i = 0; i < f->ncols; i++)
        visible += !f->cols[i].hidden;
    last = (lxw_col_t)(first + visible - 1);
    w->ws = sheet(w, f->id);
    w->row = 0;
    worksheet_set_column(w->ws, 0, 0, 6, NULL);
    worksheet_set_column(w->ws, 1, 1, 28, NULL);
    if (x.with_kind)
        worksheet_set_column(w->ws, 2, 2, 16, NULL);
    worksheet_set_column(w->ws, first, last, visible > 10 ? 12 : 16, NULL);
    snprintf(sub, sizeof sub, "%s %s — %s (%s)", en ? "Form" : "Mẫu", f->id, f->citation, f->status);
    {
        /* Without denominators the note says why the rates are empty. */
        char note[2048];
        int rates = 0;

        for (i = 0; i < f->ncols; i++)
            rates |= f->cols[i].type == COL_RATE || f->cols[i].type == COL_POPULATION;
        snprintf(note, sizeof note, "%s%s%s", f->note[0] ? f->note[en] : "",
                 rates && w->d->prov->population == NULL && f->note[0] ? " " : "",
                 rates && w->d->prov->population == NULL
                 ? (en ? "No --population: without all resident households and persons the rates are left empty."
                       : "Không có --population: thiếu tổng số hộ, nhân khẩu dân cư nên các tỷ lệ để trống.") : "");
        header_block(w, last, f->title[en], sub, note[0] ? note : NULL);
    }

    /* Group row, label row, column-number row. */
    worksheet_set_row(w->ws, w->row, 45, NULL);
    str(w, 0, "TT", w->head);
    str(w, 1, en ? "Area/Unit" : "Khu vực/Đơn vị", w->head);
    if (x.with_kind)
        str(w, 2, en ? "Breakdown" : "Phân tổ", w->head);
    for (i = 0, col = first; i < f->ncols; i++) {
        size_t j = i + 1;
        lxw_col_t span = 0;

        if (f->cols[i].hidden)
            continue;
        if (f->cols[i].group[0] == NULL) {
            worksheet_write_blank(w->ws, w->row, col++, w->head);
            continue;
        }
        for (; j < f->ncols && (f->cols[j].hidden || (f->cols[j].group[0] != NULL
                                && strcmp(f->cols[j].group[en], f->cols[i].group[en]) == 0)); j++)
            span += !f->cols[j].hidden;
        merge(w, col, col + span, f->cols[i].group[en], w->head);
        col += span + 1;
        i = j - 1;
    }
    w->row++;
    worksheet_set_row(w->ws, w->row, 75, NULL);
    worksheet_write_blank(w->ws, w->row, 0, w->head);
    worksheet_write_blank(w->ws, w->row, 1, w->head);
    if (x.with_kind)
        worksheet_write_blank(w->ws, w->row, 2, w->head);
    for (i = 0, col = first; i < f->ncols; i++)
        if (!f->cols[i].hidden)
            str(w, col++, f->cols[i].label[en], w->head);
    w->row++;
    for (col = 0; col < first; col++) {
        number[0] = (char)('A' + col);
        number[1] = '\0';
        str(w, col, number, w->head);
    }
    for (i = 0; i < f->ncols; i++)
        if (!f->cols[i].hidden)
            str(w, col++, f->cols[i].text ? f->cols[i].text : f->cols[i].number ? f->cols[i].number : "", w->head);
    w->row++;
    worksheet_freeze_panes(w->ws, w->row, 2);
    report_each_row(w->d, fi, xlsx_row, &x);
    footer(w, last);
    cJSON_ArrayForEach(c, checks) {
        cJSON *item = cJSON_Duplicate(c, 1);

        cJSON_AddStringToObject(item, "form", f->id);
        cJSON_AddItemToArray(w->checks, item);
    }
    cJSON_Delete(checks);
    return w->ok;
}

static int xlsx_list_begin(report_writer *w, size_t li)
{
    const report_list *l = &w->d->layout->lists[li];
    int en = w->d->lang == RASOAT_LANG_EN;
    char name[256], sub[1024];
    size_t i;
    lxw_col_t last = (lxw_col_t)l->ncols;

    /* The list's own title, as people call it: "DS HỘ NGHÈO" for "DANH SÁCH HỘ NGHÈO". */
    if (!en && strncmp(l->title[0], "DANH SÁCH ", strlen("DANH SÁCH ")) == 0)
        snprintf(name, sizeof name, "DS %s", l->title[0] + strlen("DANH SÁCH "));
    else
        snprintf(name, sizeof name, "%s", l->title[en]);
    w->ws = sheet(w, name);
    w->row = 0;
    worksheet_set_column(w->ws, 0, 0, 6, NULL);
    worksheet_set_column(w->ws, 1, last, 18, NULL);
    /* Widths that fit the widest cell of each column (measured while the rows were kept),
    ** between 8 and 60 characters; the wrapped header takes what it needs in height. */
    for (i = 0; w->d->list_widths != NULL && i < l->ncols && i + 1 < REPORT_WIDTH_COLS; i++) {
        size_t chars = w->d->list_widths[li * REPORT_WIDTH_COLS + i + 1];

        if (chars > 0)
            worksheet_set_column(w->ws, (lxw_col_t)(i + 1), (lxw_col_t)(i + 1),
                                 (double)(chars < 8 ? 8 : chars > 60 ? 60 : chars) + 2, NULL);
    }
    snprintf(sub, sizeof sub, "%s (%s)", l->citation, l->status);
    header_block(w, last, l->title[en], sub, l->note[0] ? l->note[en] : NULL);
    worksheet_set_row(w->ws, w->row, 45, NULL);
    str(w, 0, en ? "No." : "STT", w->head);
    for (i = 0; i < l->ncols; i++) {
        str(w, (lxw_col_t)(i + 1), l->cols[i].label[en], w->head);
    }
    w->row++;
    worksheet_freeze_panes(w->ws, w->row, 2);
    return w->ok;
}

static int xlsx_list_row(report_writer *w, const report_list_row *row)
{
    const cJSON *cell;
    lxw_col_t col = 0;

    cJSON_ArrayForEach(cell, row->cells) {
        if (cJSON_IsNumber(cell))
            worksheet_write_number(w->ws, w->row, col, cell->valuedouble, w->number);
        else if (cJSON_IsString(cell))
            str(w, col, cell->valuestring, w->text);
        else
            worksheet_write_blank(w->ws, w->row, col, w->text);
        col++;
    }
    w->row++;
    return w->ok;
}

static int xlsx_list_end(report_writer *w, size_t li)
{
    (void)li;
    footer(w, (lxw_col_t)w->d->layout->lists[li].ncols);
    return w->ok;
}

static void pair(report_writer *w, const char *key, const char *value)
{
    str(w, 0, key, w->text);
    str(w, 1, value, w->text);
    w->row++;
}

/* The last sheet: what produced the report, and every identity checked. */
static void provenance_sheet(report_writer *w)
{
    int en = w->d->lang == RASOAT_LANG_EN;
    cJSON *p = report_provenance_json(w->d), *item;
    char text[512];

    w->ws = sheet(w, en ? "Provenance" : "Nguồn gốc");
    w->row = 0;
    worksheet_set_column(w->ws, 0, 0, 36, NULL);
    worksheet_set_column(w->ws, 1, 1, 90, NULL);
    str(w, 0, en ? "What produced this report" : "Báo cáo này được lập từ", w->bold);
    w->row += 2;
    pair(w, en ? "Engine version" : "Phiên bản rasoat", rasoat_version());
    snprintf(text, sizeof text, "%s %s (sha256 %s; %s %s)", w->d->layout->ruleset_id, w->d->layout->ruleset_version,
             w->d->layout->ruleset_sha256, en ? "layout sha256" : "sha256 bố cục",
             w->d->layout_sha256 ? w->d->layout_sha256 : "");
    pair(w, en ? "Layout of the forms (rule set)" : "Bố cục biểu mẫu (bộ quy tắc)", text);
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "rulesets")) {
        snprintf(text, sizeof text, "%s %s (sha256 %s)",
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "id")),
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "version")),
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "sha256")));
        pair(w, en ? "Rule set of the results" : "Bộ quy tắc đã phân loại", text);
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "inputs")) {
        const char *head = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "log_head"));

        snprintf(text, sizeof text, "%s — SHA-256 %s%s%s",
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "file")),
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "sha256")),
                 head ? (en ? "; log head " : "; mã băm cuối nhật ký ") : "", head ? head : "");
        pair(w, en ? "Input file" : "Tệp đầu vào", text);
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "merged")) {
        snprintf(text, sizeof text, "%s — SHA-256 %s",
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "file")),
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "sha256")));
        pair(w, en ? "Partial report merged" : "Báo cáo bộ phận đã gộp", text);
    }
    snprintf(text, sizeof text, "%lld", w->d->prov->results);
    pair(w, en ? "Results read" : "Số kết quả đã đọc", text);
    snprintf(text, sizeof text, "%lld", w->d->prov->errors_skipped);
    pair(w, en ? "Error records skipped" : "Số bản ghi lỗi bỏ qua", text);
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "skipped")) {
        snprintf(text, sizeof text, "%s, %s %d: %s",
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "file")),
                 en ? "line" : "dòng", (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(item, "line")),
                 cJSON_IsString(cJSON_GetObjectItemCaseSensitive(item, "id"))
                 ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "id")) : "?");
        pair(w, en ? "  skipped" : "  bỏ qua", text);
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(p, "fields_missing")) {
        snprintf(text, sizeof text, "%s: %d", item->string, (int)item->valuedouble);
        pair(w, en ? "Results without the field" : "Số kết quả thiếu trường", text);
    }
    pair(w, en ? "Population (denominators)" : "Dân số (mẫu số tỷ lệ)",
         w->d->prov->population ? w->d->prov->population
                                : (en ? "not given: rates left empty" : "không có: các tỷ lệ để trống"));
    w->row++;
    str(w, 0, en ? "Identities checked" : "Các đẳng thức đã kiểm tra", w->bold);
    w->row++;
    cJSON_ArrayForEach(item, w->checks) {
        int ok = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "ok"));

        char *failures = ok ? NULL : cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(item, "failures"));

        snprintf(text, sizeof text, "%s: %s%s", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "identity")),
                 ok ? (en ? "holds" : "đúng") : (en ? "DOES NOT HOLD in " : "KHÔNG ĐÚNG ở "),
                 failures ? failures : "");
        free(failures);
        pair(w, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "form")), text);
    }
    cJSON_Delete(p);
}

static int xlsx_end(report_writer *w, int ok, char *why, size_t n)
{
    int done;

    if (ok && w->ok)
        provenance_sheet(w);
    done = workbook_close(w->wb) == LXW_NO_ERROR && ok && w->ok;
    if (done)
        done = outfile_commit(&w->out, "rasoat report", w->d->lang);
    else
        outfile_discard(&w->out);
    if (!done && why[0] == '\0')
        snprintf(why, n, CLI_TEXT(w->d->lang, "không ghi được tệp xlsx", "cannot write the xlsx file"));
    cJSON_Delete(w->checks);
    free(w);
    return done;
}

const report_writer_ops report_xlsx_ops = {
    xlsx_begin, xlsx_form, xlsx_list_begin, xlsx_list_row, xlsx_list_end, xlsx_end
};
