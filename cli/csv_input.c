/*
** csv_input.c: libcsv rows to household records. libcsv does the CSV (quotes, doubled
** quotes, delimiters, CRLF, blanks around unquoted cells); this file maps the header's
** cells to fields and each later row's cells to one JSON object (csv_cells.c reads each
** cell). Rows are queued as libcsv finishes them and taken with csv_reader_pop.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <csv.h>

#include "cli.h"
#include "csv_cells.h"
#include "csv_columns.h"
#include "csv_input.h"

/* A finished row waiting in the queue (all strings owned). */
typedef struct queued {
    long line;
    char *json;
    size_t len;
    char *id, *field, *message;
    const char *kind;
    struct queued *next;
} queued;

struct csv_reader {
    struct csv_parser p;
    unsigned char delim;
    rasoat_lang lang;
    int failed;              /* out of memory */
    long chunk_line;         /* line of the chunk being fed */
    long row_line;           /* line the current row started on, 0 before it starts */
    /* The current row's cells: text in 'text', cell k at text + off[k], len[k] bytes. */
    char *text;
    size_t text_len, text_cap;
    size_t *off, *len;
    size_t ncells, cells_cap;
    /* The header, once read. */
    int have_header;
    size_t ncols;
    const csv_column **map;  /* per column: its field, or NULL (ignored) */
    char **headers;          /* per column: the header as written */
    char *header_error;      /* a header no row can be read with, or NULL */
    char *notice;
    int notice_taken;
    queued *head, *tail;
    queued *current;         /* the item last popped */
};

/* {====================================================================
** Cells of the current row
** ===================================================================== */

static void *grow(void *p, size_t *cap, size_t need, size_t size, int *failed)
{
    size_t n = *cap ? *cap : 16;
    void *q;

    if (need <= *cap)
        return p;
    while (n < need)
        n *= 2;
    q = realloc(p, n * size);
    if (q == NULL) {
        *failed = 1;
        return NULL;
    }
    *cap = n;
    return q;
}

static void on_cell(void *s, size_t n, void *data)
{
    csv_reader *r = (csv_reader *)data;
    char *text;
    size_t *off, *len, cap = r->cells_cap;

    if (r->failed)
        return;
    if (r->row_line == 0)
        r->row_line = r->chunk_line;
    if ((text = (char *)grow(r->text, &r->text_cap, r->text_len + n + 1, 1, &r->failed)) == NULL)
        return;
    r->text = text;
    if (r->ncells + 1 > r->cells_cap) {
        off = (size_t *)grow(r->off, &cap, r->ncells + 1, sizeof *off, &r->failed);
        if (off == NULL)
            return;
        r->off = off;
        cap = r->cells_cap;
        len = (size_t *)grow(r->len, &cap, r->ncells + 1, sizeof *len, &r->failed);
        if (len == NULL)
            return;
        r->len = len;
        r->cells_cap = cap;
    }
    if (n > 0)
        memcpy(r->text + r->text_len, s, n);
    r->text[r->text_len + n] = '\0';
    r->off[r->ncells] = r->text_len;
    r->len[r->ncells] = n;
    r->text_len += n + 1;
    r->ncells++;
}

/* Cell k of the current row, blanks (spaces, tabs) trimmed; '*n' its length. */
static const char *cell(csv_reader *r, size_t k, size_t *n)
{
    const char *s = r->text + r->off[k];
    size_t l = r->len[k];

    while (l > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        l--;
    }
    while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t'))
        l--;
    *n = l;
    return s;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = (char *)malloc(n + 1);

    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dup_printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (s = (char *)malloc((size_t)n + 1)) == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The spreadsheet name of column k: A, B, ..., Z, AA, ... */
static void column_letters(size_t k, char *buf)
{
    char rev[16];
    int n = 0;

    k++;
    while (k > 0 && n < 15) {
        rev[n++] = (char)('A' + (k - 1) % 26);
        k = (k - 1) / 26;
    }
    while (n > 0)
        *buf++ = rev[--n];
    *buf = '\0';
}

/* {====================================================================
** The queue
** ===================================================================== */

static void push(csv_reader *r, queued *q)
{
    if (q == NULL) {
        r->failed = 1;
        return;
    }
    q->next = NULL;
    if (r->tail)
        r->tail->next = q;
    else
        r->head = q;
    r->tail = q;
}

static void free_queued(queued *q)
{
    if (q == NULL)
        return;
    free(q->json);
    free(q->id);
    free(q->field);
    free(q->message);
    free(q);
}

/* Queue an error for the current row; 'message' is owned by the queue from now on. */
static void push_error(csv_reader *r, const char *kind, const char *field, const char *id,
                       size_t id_len, char *message)
{
    queued *q = (queued *)calloc(1, sizeof *q);

    if (q == NULL || message == NULL) {
        free(q);
        free(message);
        r->failed = 1;
        return;
    }
    q->line = r->row_line;
    q->kind = kind;
    q->message = message;
    q->field = field ? strdup(field) : NULL;
    q->id = id && id_len > 0 ? dup_n(id, id_len) : NULL;
    push(r, q);
}

/* {====================================================================
** Header and rows
** ===================================================================== */

static void read_header(csv_reader *r)
{
    size_t k, j, n, unknown = 0, notice_len = 0;
    char *notice = NULL;

    r->have_header = 1;
    r->ncols = r->ncells;
    r->map = (const csv_column **)calloc(r->ncols ? r->ncols : 1, sizeof *r->map);
    r->headers = (char **)calloc(r->ncols ? r->ncols : 1, sizeof *r->headers);
    if (r->map == NULL || r->headers == NULL) {
        r->failed = 1;
        return;
    }
    for (k = 0; k < r->ncols; k++) {
        const char *h = cell(r, k, &n);

        r->headers[k] = dup_n(h, n);
        if (r->headers[k] == NULL) {
            r->failed = 1;
            return;
        }
        r->map[k] = csv_column_find(h, n);
        if (r->map[k] == NULL && n > 0) {
            size_t add = n + 4;
            char *grown = (char *)realloc(notice, notice_len + add + 1);

            if (grown == NULL) {
                r->failed = 1;
                return;
            }
            notice = grown;
            notice_len += (size_t)snprintf(notice + notice_len, add + 1, "%s\"%s\"", unknown ? ", " : "", h);
            unknown++;
        }
        for (j = 0; r->map[k] != NULL && j < k && r->header_error == NULL; j++) {
            if (r->map[j] == r->map[k]) {
                char a[16], b[16];

                column_letters(j, a);
                column_letters(k, b);
                r->header_error = dup_printf(
                    CLI_TEXT(r->lang, "dòng tiêu đề có hai cột cho trường '%s': cột %s \"%s\" và cột %s \"%s\"; hãy xóa một cột",
                             "the header has two columns for field '%s': column %s \"%s\" and column %s \"%s\"; remove one"),
                    r->map[k]->field, a, r->headers[j], b, r->headers[k]);
            }
        }
    }
    for (k = 0; k < r->ncols && r->map[k] == NULL; k++)
        ;
    if (k == r->ncols && r->header_error == NULL)
        r->header_error = dup_printf("%s", CLI_TEXT(r->lang,
            "dòng tiêu đề không có cột nào là trường của hộ (ví dụ \"Mã hộ\", \"Ngày rà soát\"); xem docs/formats.md",
            "no column of the header names a field of a household (e.g. \"id\", \"survey_date\"); see docs/formats.md"));
    if (unknown > 0) {
        r->notice = dup_printf(CLI_TEXT(r->lang, "các cột sau không phải trường nào của hộ và được bỏ qua: %s",
                                        "these columns name no field of a household and are ignored: %s"),
                               notice);
    }
    free(notice);
}

/* Put 'v' at 'field' of 'root' ("a" or "a.b", the parent object made on first use). */
static void place(cJSON *root, const char *field, cJSON *v)
{
    const char *dot = strchr(field, '.');
    char parent[32];
    cJSON *obj;

    if (dot == NULL || (size_t)(dot - field) >= sizeof parent) {
        cJSON_AddItemToObject(root, field, v);
        return;
    }
    memcpy(parent, field, (size_t)(dot - field));
    parent[dot - field] = '\0';
    obj = cJSON_GetObjectItemCaseSensitive(root, parent);
    if (obj == NULL)
        obj = cJSON_AddObjectToObject(root, parent);
    cJSON_AddItemToObject(obj, dot + 1, v);
}

/* A cell's text for a message: cut at 60 bytes on a character boundary. */
static void shown(const char *s, size_t n, char *buf, size_t size)
{
    size_t cut = n < size - 4 ? n : size - 4;

    if (cut > 60)
        cut = 60;
    while (cut > 0 && cut < n && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(buf, s, cut);
    strcpy(buf + cut, cut < n ? "…" : "");
}

static void read_row(csv_reader *r)
{
    const char *id = NULL;
    size_t id_len = 0, k, n;
    cJSON *root;
    queued *q;

    for (k = 0; k < r->ncells; k++)             /* a row of empty cells is not a household */
        if (cell(r, k, &n), n > 0)
            break;
    if (k == r->ncells)
        return;
    for (k = 0; k < r->ncells && k < r->ncols; k++) {
        if (r->map[k] != NULL && strcmp(r->map[k]->field, "id") == 0) {
            id = cell(r, k, &id_len);
            if (!csv_utf8_valid(id, id_len))
                id = NULL;
        }
    }
    if (r->header_error != NULL) {
        push_error(r, "invalid_csv", NULL, id, id_len, strdup(r->header_error));
        return;
    }
    if ((root = cJSON_CreateObject()) == NULL) {
        r->failed = 1;
        return;
    }
    for (k = 0; k < r->ncells; k++) {
        const char *text = cell(r, k, &n), *expected = "";
        char ref[24], letters[16], seen[80];
        const csv_column *col;
        cJSON *v;

        if (n == 0)
            continue;
        column_letters(k, letters);
        snprintf(ref, sizeof ref, "%s%ld", letters, r->row_line);
        if (k >= r->ncols) {
            shown(text, n, seen, sizeof seen);
            push_error(r, "invalid_csv", NULL, id, id_len,
                       dup_printf(CLI_TEXT(r->lang, "ô %s: dòng có nhiều ô hơn dòng tiêu đề (%zu cột); ô này chứa \"%s\"",
                                           "cell %s: the row has more cells than the header (%zu columns); it holds \"%s\""),
                                  ref, r->ncols, csv_utf8_valid(text, n) ? seen : "?"));
            cJSON_Delete(root);
            return;
        }
        if ((col = r->map[k]) == NULL)
            continue;
        if (!csv_utf8_valid(text, n)) {
            push_error(r, "invalid_field", col->field, id, id_len,
                       dup_printf(CLI_TEXT(r->lang, "ô %s (cột \"%s\"): không phải văn bản UTF-8; trong Excel hãy lưu bằng \"CSV UTF-8\"",
                                           "cell %s (column \"%s\"): not UTF-8 text; in Excel save as \"CSV UTF-8\""),
                                  ref, r->headers[k]));
            cJSON_Delete(root);
            return;
        }
        /* 'text' is NUL-terminated where the trimmed cell ends only if nothing was
        ** trimmed at the end: terminate a copy. */
        {
            char *copy = dup_n(text, n);

            if (copy == NULL) {
                r->failed = 1;
                cJSON_Delete(root);
                return;
            }
            v = csv_cell_value(col->kind, copy, r->lang, &expected);
            free(copy);
        }
        if (v == NULL) {
            shown(text, n, seen, sizeof seen);
            push_error(r, "invalid_field", col->field, id, id_len,
                       dup_printf(CLI_TEXT(r->lang, "ô %s (cột \"%s\"): không đọc được \"%s\"; cần %s",
                                           "cell %s (column \"%s\"): cannot read \"%s\"; expected %s"),
                                  ref, r->headers[k], seen, expected));
            cJSON_Delete(root);
            return;
        }
        place(root, col->field, v);
    }
    q = (queued *)calloc(1, sizeof *q);
    if (q == NULL || (q->json = cJSON_PrintUnformatted(root)) == NULL) {
        free(q);
        r->failed = 1;
    } else {
        q->line = r->row_line;
        q->len = strlen(q->json);
        push(r, q);
    }
    cJSON_Delete(root);
}

static void on_row(int c, void *data)
{
    csv_reader *r = (csv_reader *)data;

    (void)c;
    if (!r->failed) {
        if (!r->have_header)
            read_header(r);
        else
            read_row(r);
    }
    r->ncells = 0;
    r->text_len = 0;
    r->row_line = 0;
}

/* {====================================================================
** Reader
** ===================================================================== */

static int start_parser(csv_reader *r)
{
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return 0;
    csv_set_delim(&r->p, r->delim);
    return 1;
}

csv_reader *csv_reader_new(unsigned char delim, rasoat_lang lang)
{
    csv_reader *r = (csv_reader *)calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    r->delim = delim;
    r->lang = lang;
    if (!start_parser(r)) {
        free(r);
        return NULL;
    }
    return r;
}

void csv_reader_free(csv_reader *r)
{
    size_t k;

    if (r == NULL)
        return;
    csv_free(&r->p);
    while (r->head) {
        queued *next = r->head->next;

        free_queued(r->head);
        r->head = next;
    }
    free_queued(r->current);
    for (k = 0; r->headers && k < r->ncols; k++)
        free(r->headers[k]);
    free(r->headers);
    free((void *)r->map);
    free(r->header_error);
    free(r->notice);
    free(r->text);
    free(r->off);
    free(r->len);
    free(r);
}

/* A quoting error: one error for the row it broke, then a fresh parser from the next
** line on. */
static void broken_quotes(csv_reader *r)
{
    long at = r->row_line ? r->row_line : r->chunk_line;

    r->row_line = at;
    if (r->have_header)
        push_error(r, "invalid_csv", NULL, NULL, 0,
                   dup_printf(CLI_TEXT(r->lang, "dòng %ld: dấu ngoặc kép \" đặt sai chỗ, không tách được các ô của dòng",
                                       "line %ld: a misplaced quote \" keeps the row from being split into cells"), at));
    else
        r->header_error = dup_printf(CLI_TEXT(r->lang, "dòng tiêu đề: dấu ngoặc kép \" đặt sai chỗ",
                                              "the header line: a misplaced quote \""));
    r->have_header = 1;
    r->ncells = 0;
    r->text_len = 0;
    r->row_line = 0;
    csv_free(&r->p);
    if (!start_parser(r))
        r->failed = 1;
}

static int blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

int csv_reader_feed(csv_reader *r, const char *chunk, size_t len, long line)
{
    r->chunk_line = line;
    if (r->row_line == 0 && !blank(chunk, len) && r->ncells == 0)
        r->row_line = line;
    if (csv_parse(&r->p, chunk, len, on_cell, on_row, r) != len) {
        if (csv_error(&r->p) == CSV_EPARSE)
            broken_quotes(r);
        else
            r->failed = 1;
    }
    return !r->failed;
}

int csv_reader_finish(csv_reader *r)
{
    if (csv_fini(&r->p, on_cell, on_row, r) != 0) {
        if (csv_error(&r->p) == CSV_EPARSE) {
            long at = r->row_line ? r->row_line : r->chunk_line;

            r->row_line = at;
            push_error(r, "invalid_csv", NULL, NULL, 0,
                       dup_printf(CLI_TEXT(r->lang, "dòng %ld: dấu ngoặc kép \" mở mà không đóng đến hết tệp",
                                           "line %ld: a quote \" opened and never closed before the end of the file"), at));
        } else {
            r->failed = 1;
        }
    }
    return !r->failed;
}

int csv_reader_pop(csv_reader *r, csv_item *item)
{
    queued *q = r->head;

    free_queued(r->current);
    r->current = NULL;
    if (q == NULL)
        return 0;
    r->head = q->next;
    if (r->head == NULL)
        r->tail = NULL;
    r->current = q;
    memset(item, 0, sizeof *item);
    item->line = q->line;
    item->json = q->json;
    item->len = q->len;
    item->id = q->id;
    item->kind = q->kind;
    item->field = q->field;
    item->message = q->message;
    return 1;
}

const char *csv_reader_notice(csv_reader *r)
{
    if (r->notice == NULL || r->notice_taken)
        return NULL;
    r->notice_taken = 1;
    return r->notice;
}

/* {====================================================================
** Sniffing, and the whole-stream entry point
** ===================================================================== */

typedef struct sniff {
    int known, cells, rows;
} sniff;

static void sniff_cell(void *s, size_t n, void *data)
{
    sniff *f = (sniff *)data;

    if (f->rows == 0) {
        f->cells++;
        if (csv_column_find((const char *)s, n) != NULL)
            f->known++;
    }
}

static void sniff_row(int c, void *data)
{
    (void)c;
    ((sniff *)data)->rows++;
}

static int known_columns(const char *line, size_t len, unsigned char delim)
{
    struct csv_parser p;
    sniff f = {0, 0, 0};

    if (csv_init(&p, 0) != 0)
        return 0;
    csv_set_delim(&p, delim);
    csv_parse(&p, line, len, sniff_cell, sniff_row, &f);
    csv_fini(&p, sniff_cell, sniff_row, &f);
    csv_free(&p);
    return f.known;
}

int csv_separator_line(const char *line, size_t len, unsigned char *delim)
{
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    if (len != 5 || strncmp(line, "sep=", 4) != 0 || line[4] == '"')
        return 0;
    *delim = (unsigned char)line[4];
    return 1;
}

int csv_sniff(const char *line, size_t len, unsigned char *delim)
{
    int comma = known_columns(line, len, ','), semi = known_columns(line, len, ';');

    *delim = semi > comma ? ';' : ',';
    return semi > comma ? semi : comma;
}

int csv_read_households(FILE *f, rasoat_lang lang, csv_item_fn fn, void *ud)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 1;
    unsigned char delim;
    csv_reader *r = NULL;
    csv_item item;
    int status = 0;

    while ((n = getline(&line, &cap, f)) >= 0) {
        const char *s = line;
        size_t l = (size_t)n;

        if (r == NULL) {
            if (lineno == 1 && l >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
                s += 3;
                l -= 3;
            }
            if (csv_separator_line(s, l, &delim)) {
                if ((r = csv_reader_new(delim, lang)) == NULL)
                    status = -1;
                lineno++;
                if (status != 0)
                    break;
                continue;
            }
            if (csv_sniff(s, l, &delim) == 0) {
                status = 1;
                break;
            }
            if ((r = csv_reader_new(delim, lang)) == NULL) {
                status = -1;
                break;
            }
        }
        if (!csv_reader_feed(r, s, l, lineno)) {
            status = -1;
            break;
        }
        while (csv_reader_pop(r, &item))
            fn(ud, &item);
        lineno++;
    }
    if (status == 0 && ferror(f))
        status = -1;
    if (status == 0 && r != NULL) {
        if (!csv_reader_finish(r))
            status = -1;
        while (csv_reader_pop(r, &item))
            fn(ud, &item);
    }
    csv_reader_free(r);
    free(line);
    return status;
}
