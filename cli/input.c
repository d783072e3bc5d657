/*
** input.c: record framing. JSON Lines: one record per non-blank line. A JSON array: its
** elements, split at top-level commas by a small scanner that knows strings and escapes
** (each element is then parsed by cJSON in the engine, so only framing happens here).
** The format is decided by the first non-blank byte: '[' means an array.
*/
#include <stdlib.h>
#include <string.h>

#include "input.h"

static const input_problem EMPTY_ELEMENT = {
    "phần tử rỗng trong mảng JSON", "empty element in the JSON array"};
static const input_problem NOT_CLOSED = {
    "mảng JSON không được đóng bằng ']'", "the JSON array is not closed with ']'"};
static const input_problem TRAILING_TEXT = {
    "còn văn bản sau khi mảng JSON đã kết thúc", "text after the end of the JSON array"};

void input_init(input *in, FILE *f)
{
    memset(in, 0, sizeof *in);
    in->f = f;
    in->line = 1;
}

void input_free(input *in)
{
    free(in->buf);
    in->buf = NULL;
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
    int c = getc_unlocked(in->f);

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
** scanning, far faster than byte by byte. */
static input_status next_line(input *in, int first, long *line)
{
    ssize_t n;

    *line = in->line;
    ungetc(first, in->f);
    n = getline(&in->buf, &in->capacity, in->f);
    if (n < 0)
        return INPUT_IO;
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
            if (depth == 0) {
                in->array_done = 1;          /* the array's own ']' */
                break;
            }
            depth--;
        } else if (c == ',' && depth == 0) {
            break;
        }
        if (!append(in, c))
            return INPUT_IO;
    }
    if (ferror(in->f))
        return INPUT_IO;
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
    return ferror(in->f) ? INPUT_IO : INPUT_END;
}

/* Skip a UTF-8 byte-order mark at the very start, as spreadsheet exports often write one. */
static void skip_bom(input *in)
{
    int c = getc_unlocked(in->f);

    if (c == 0xEF) {
        int c2 = getc_unlocked(in->f), c3 = getc_unlocked(in->f);

        if (c2 == 0xBB && c3 == 0xBF)
            return;
        /* Not a BOM: the bytes are the input's own; only one byte can be pushed back,
        ** so what follows cannot be framed. The engine will report the record. */
        ungetc(c3, in->f);
        return;
    }
    if (c != EOF)
        ungetc(c, in->f);
}

input_status input_next(input *in, long *line)
{
    int c;

    if (in->mode == 0 && in->line == 1)
        skip_bom(in);
    c = skip_blanks(in);

    *line = in->line;
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
        in->problem = &TRAILING_TEXT;
        while (next_byte(in) != EOF) /* the rest cannot be framed: one error for it all */
            ;
        return INPUT_BROKEN;
    }
    if (c == EOF) {
        in->array_done = 1;
        in->problem = &NOT_CLOSED;
        return INPUT_BROKEN;
    }
    return next_element(in, c, line);
}
