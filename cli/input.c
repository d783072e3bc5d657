/*
** input.c: record framing. JSON Lines: one record per non-blank line. A JSON array: its
** elements, split at top-level commas by a small scanner that knows strings and escapes
** (each element is then parsed by cJSON in the engine, so only framing happens here).
** The format is decided by the first non-blank byte: '[' means an array, '{' JSON Lines;
** any other first line is CSV when it is a household header (csv_sniff), else JSON Lines.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

static const input_problem EMPTY_ELEMENT = {
    "phần tử rỗng trong mảng JSON", "empty element in the JSON array"};
static const input_problem NOT_CLOSED = {
    "mảng JSON không được đóng bằng ']'", "the JSON array is not closed with ']'"};

void input_init(input *in, FILE *f)
{
    memset(in, 0, sizeof *in);
    in->f = f;
    in->line = 1;
}

void input_options(input *in, rasoat_lang lang, const char *path)
{
    size_t n = path ? strlen(path) : 0;

    in->lang = lang;
    in->csv_hint = n > 4 && (strcmp(path + n - 4, ".csv") == 0 || strcmp(path + n - 4, ".CSV") == 0);
}

void input_free(input *in)
{
    free(in->buf);
    in->buf = NULL;
    free(in->csv_line);
    in->csv_line = NULL;
    csv_reader_free(in->csv);
    in->csv = NULL;
}

/* INPUT_IO, keeping the cause. */
static input_status io_failed(input *in)
{
    in->err = errno ? errno : EIO;
    return INPUT_IO;
}

static int append(input *in, int c)
{
    if (in->length + 1 >= in->capacity) {
        size_t cap = in->capacity ? in->capacity * 2 : 4096;
        char *grown = (char *)realloc(in->buf, cap);

        if (grown == NULL)
            return 0;
        in->buf = grown;
        in->capacity = cap;
    }
    in->buf[in->length++] = (char)c;
    in->buf[in->length] = '\0';
    return 1;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Next byte, counting lines. */
static int next_byte(input *in)
{
    int c = in->ahead_pos < in->nahead ? in->ahead[in->ahead_pos++] : getc_unlocked(in->f);

    if (c == '\n')
        in->line++;
    return c;
}

/* Skip blanks; return the first other byte (or EOF). */
static int skip_blanks(input *in)
{
    int c;

    do
        c = next_byte(in);
    while (is_blank(c));
    return c;
}

/* One line of JSON Lines, 'first' being its first byte (already read): getline does the
** scanning, far faster than byte by byte. Bytes still read ahead (a partial byte-order mark)
** come first. */
static input_status next_line(input *in, int first, long *line)
{
    ssize_t n;

    *line = in->line;
    in->length = 0;
    if (in->ahead_pos < in->nahead) {
        int c = first;

        for (;;) {
            if (c == '\n') {
                in->line++;
                return INPUT_RECORD;
            }
            if (!append(in, c))
                return io_failed(in);
            if (in->ahead_pos == in->nahead)
                break;
            c = in->ahead[in->ahead_pos++];
        }
        /* The rest of the line comes from the stream. */
        {
            char *rest = NULL;
            size_t cap = 0, i;

            errno = 0;
            n = getline(&rest, &cap, in->f);
            if (n < 0 && ferror(in->f)) {
                free(rest);
                return io_failed(in);
            }
            for (i = 0; n > 0 && i < (size_t)n; i++) {
                if (rest[i] == '\n' && i + 1 == (size_t)n) {
                    in->line++;
                    break;
                }
                if (!append(in, rest[i])) {
                    free(rest);
                    return io_failed(in);
                }
            }
            free(rest);
        }
        return INPUT_RECORD;
    }
    ungetc(first, in->f);
    errno = 0;
    n = getline(&in->buf, &in->capacity, in->f);
    if (n < 0)
        return io_failed(in);
    if (n > 0 && in->buf[n - 1] == '\n') {
        in->buf[--n] = '\0';
        in->line++;
    }
    in->length = (size_t)n;
    return INPUT_RECORD;
}

/*
** One element of the array, 'first' being its first byte. Copies bytes until a ',' or ']'
** at depth 0 outside strings; leaves 'array_done' set after the ']'.
*/
static input_status next_element(input *in, int first, long *line)
{
    int c = first, depth = 0, in_string = 0, escaped = 0;

    *line = in->line;
    in->length = 0;
    if (c == ',' || c == ']') {
        in->array_done = c == ']';
        in->problem = &EMPTY_ELEMENT;
        return INPUT_BROKEN;
    }
    for (; c != EOF; c = next_byte(in)) {
        if (in_string) {
            if (escaped)
                escaped = 0;
            else if (c == '\\')
                escaped = 1;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0 && c == ']') {
                in->array_done = 1;          /* the array's own ']' */
                break;
            }
            if (depth > 0)                   /* a stray '}' stays in the element: it makes */
                depth--;                     /* that element invalid, not the array end */
        } else if (c == ',' && depth == 0) {
            break;
        }
        if (!append(in, c))
            return io_failed(in);
    }
    if (ferror(in->f))
        return io_failed(in);
    while (in->length > 0 && is_blank((unsigned char)in->buf[in->length - 1]))
        in->buf[--in->length] = '\0';
    if (c == EOF) {
        in->array_done = 1;
        in->problem = &NOT_CLOSED;
        return INPUT_BROKEN;
    }
    return INPUT_RECORD;
}

/* The end of the stream: clean, or a read error. */
static input_status at_end(input *in)
{
    return ferror(in->f) ? io_failed(in) : INPUT_END;
}

/*
** Skip a UTF-8 byte-order mark at the very start, as spreadsheet exports often write one.
** Bytes that begin like one but are not ("\xEF\n", "\xEF\xBB" alone) are the input's own:
** they are kept in 'ahead' and read first, so no byte and no line is lost.
*/
static void skip_bom(input *in)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    int c;

    while (in->nahead < 3 && (c = getc_unlocked(in->f)) != EOF) {
        in->ahead[in->nahead++] = (unsigned char)c;
        if (c != bom[in->nahead - 1])
            return;
    }
    if (in->nahead == 3)
        in->nahead = 0;                 /* a whole byte-order mark: drop it */
}

/* Start reading CSV: 'in->buf' holds the header line (of line 'line'), split at 'delim'. */
static int start_csv(input *in, unsigned char delim, long line)
{
    if ((in->csv = csv_reader_new(delim, in->lang)) == NULL)
        return 0;
    in->mode = 'c';
    return csv_reader_feed(in->csv, in->buf, in->length, line) && csv_reader_feed(in->csv, "\n", 1, line);
}

/* The next CSV row: a record, an error row, or the end. */
static input_status next_csv(input *in, long *line)
{
    csv_item item;

    for (;;) {
        ssize_t n;

        if (csv_reader_pop(in->csv, &item)) {
            *line = item.line;
            in->notice = csv_reader_notice(in->csv);
            if (item.json == NULL) {
                in->csv_problem.vi = in->csv_problem.en = item.message;
                in->problem = &in->csv_problem;
                in->kind = item.kind;
                in->field = item.field;
                in->id = item.id;
                return INPUT_BROKEN;
            }
            in->length = 0;
            if (item.len + 1 > in->capacity) {
                char *grown = (char *)realloc(in->buf, item.len + 1);

                if (grown == NULL)
                    return io_failed(in);
                in->buf = grown;
                in->capacity = item.len + 1;
            }
            memcpy(in->buf, item.json, item.len + 1);
            in->length = item.len;
            return INPUT_RECORD;
        }
        if (in->csv_done) {
            in->notice = csv_reader_notice(in->csv);
            return at_end(in);
        }
        errno = 0;
        n = getline(&in->csv_line, &in->csv_cap, in->f);
        if (n < 0) {
            if (ferror(in->f))
                return io_failed(in);
            in->csv_done = 1;
            if (!csv_reader_finish(in->csv))
                return io_failed(in);
            continue;
        }
        if (!csv_reader_feed(in->csv, in->csv_line, (size_t)n, in->line))
            return io_failed(in);
        if (in->csv_line[n - 1] == '\n')
            in->line++;
    }
}

input_status input_next(input *in, long *line)
{
    int c;

    in->problem = NULL;
    in->kind = in->field = in->id = NULL;
    if (in->mode == 'c')
        return next_csv(in, line);
    if (!in->bom_checked) {
        in->bom_checked = 1;
        skip_bom(in);
    }
    c = skip_blanks(in);

    *line = in->line;
    if (in->mode == 0 && c != EOF && c != '[' && c != '{') {
        /* CSV when the first line is a household header (or the file is named .csv). */
        unsigned char delim = ',';
        input_status st = next_line(in, c, line);

        if (st != INPUT_RECORD)
            return st;
        if (csv_separator_line(in->buf, in->length, &delim)) {    /* Excel's "sep=;" */
            if ((in->csv = csv_reader_new(delim, in->lang)) == NULL)
                return io_failed(in);
            in->mode = 'c';
            return next_csv(in, line);
        }
        if (csv_sniff(in->buf, in->length, &delim) > 0 || in->csv_hint) {
            if (!start_csv(in, delim, *line))
                return io_failed(in);
            return next_csv(in, line);
        }
        in->mode = 'l';
        return INPUT_RECORD;
    }
    if (in->mode == 0 && c != EOF) {
        in->mode = c == '[' ? 'a' : 'l';
        if (in->mode == 'a') {
            c = skip_blanks(in);
            if (c == ']') {                 /* an empty array */
                in->array_done = 1;
                c = skip_blanks(in);
            }
            *line = in->line;
        }
    }
    if (in->mode != 'a')
        return c == EOF ? at_end(in) : next_line(in, c, line);
    if (in->array_done) {
        if (c == EOF)
            return at_end(in);
        /* Text after the array: read on as JSON Lines, so that households written there
        ** each give their own record instead of being folded into one error. */
        in->mode = 'l';
        return next_line(in, c, line);
    }
    if (c == EOF) {
        in->array_done = 1;
        in->problem = &NOT_CLOSED;
        return INPUT_BROKEN;
    }
    return next_element(in, c, line);
}
