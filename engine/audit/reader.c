/*
** reader.c: household records framed from JSON Lines (one record per non-blank line) or
** from one JSON array (its elements, split at top-level commas by a small scanner that
** knows strings and escapes; each element is then parsed by cJSON in the engine, so only
** framing happens here), in constant memory (rasoat_reader_*, rasoat.h). The format is
** decided by the first non-blank byte: '[' means an array, anything else JSON Lines.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_text.h"
#include "error.h"
#include "json_scan.h"

struct rasoat_reader {
    FILE *f;            /* borrowed */
    int mode;           /* 0 undecided, 'l' JSON Lines, 'a' JSON array */
    int was_array;      /* the input began with a JSON array */
    int array_done;     /* the array's closing ']' was read */
    char *buf;          /* the current record's text, NUL-terminated */
    size_t length, capacity;
    long line;          /* current line of the stream (1-based) */
    int err;            /* the errno of a failure */
    const char *problem;/* for RASOAT_E_INPUT: the catalogue key of what is wrong */
    rasoat_lang lang;
    /* Bytes read ahead at the start (a partial byte-order mark), given back first. */
    unsigned char ahead[3];
    int nahead, ahead_pos, bom_checked;
};

/* RASOAT_E_SYSTEM, keeping the cause in errno (EIO when the call left none). */
static int io_failed(rasoat_reader *in)
{
    in->err = errno ? errno : EIO;
    errno = in->err;
    return RASOAT_E_SYSTEM;
}

static int append(rasoat_reader *in, int c)
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

/* Next byte, counting lines. */
static int next_byte(rasoat_reader *in)
{
    int c = in->ahead_pos < in->nahead ? in->ahead[in->ahead_pos++] : getc_unlocked(in->f);

    if (c == '\n')
        in->line++;
    return c;
}

/* Skip blanks; return the first other byte (or EOF). */
static int skip_blanks(rasoat_reader *in)
{
    int c;

    do
        c = next_byte(in);
    while (json_is_blank(c));
    return c;
}

/* One line of JSON Lines, 'first' being its first byte (already read): getline does the
** scanning, far faster than byte by byte. Bytes still read ahead (a partial byte-order mark)
** come first. */
static int next_line(rasoat_reader *in, int first, long *line)
{
    ssize_t n;

    *line = in->line;
    in->length = 0;
    if (in->ahead_pos < in->nahead) {
        int c = first;

        for (;;) {
            if (c == '\n') {
                in->line++;
                return 1;
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
        return 1;
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
    return 1;
}

/*
** One element of the array, 'first' being its first byte. Copies bytes until a ',' or ']'
** at depth 0 outside strings; leaves 'array_done' set after the ']'.
*/
static int next_element(rasoat_reader *in, int first, long *line)
{
    int c = first, depth = 0;
    json_quote q = {0, 0};

    *line = in->line;
    in->length = 0;
    if (c == ',' || c == ']') {
        in->array_done = c == ']';
        in->problem = "reader_empty_element";
        return RASOAT_E_INPUT;
    }
    for (; c != EOF; c = next_byte(in)) {
        if (json_quote_step(&q, c)) {
            /* inside a string: copied as it is */
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
    while (in->length > 0 && json_is_blank((unsigned char)in->buf[in->length - 1]))
        in->buf[--in->length] = '\0';
    if (c == EOF) {
        in->array_done = 1;
        in->problem = "reader_not_closed";
        return RASOAT_E_INPUT;
    }
    return 1;
}

/* The end of the stream: clean, or a read error. */
static int at_end(rasoat_reader *in)
{
    return ferror(in->f) ? io_failed(in) : 0;
}

/*
** Skip a UTF-8 byte-order mark at the very start, as spreadsheet exports often write one.
** Bytes that begin like one but are not ("\xEF\n", "\xEF\xBB" alone) are the input's own:
** they are kept in 'ahead' and read first, so no byte and no line is lost.
*/
static void skip_bom(rasoat_reader *in)
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

int rasoat_reader_open(FILE *f, rasoat_lang lang, rasoat_reader **out, rasoat_error *err)
{
    rasoat_reader *in = (rasoat_reader *)calloc(1, sizeof *in);

    *out = NULL;
    if (in == NULL)
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", lang, "log_no_memory", NULL, NULL, NULL, NULL);
    in->f = f;
    in->line = 1;
    in->lang = lang;
    *out = in;
    return RASOAT_OK;
}

void rasoat_reader_close(rasoat_reader *in)
{
    if (in == NULL)
        return;
    free(in->buf);
    free(in);
}

long rasoat_reader_line(const rasoat_reader *in)
{
    return in->line;
}

int rasoat_reader_is_array(const rasoat_reader *in)
{
    return in->was_array;
}

/* The next record, as rasoat_reader_next, without filling the caller's out-parameters. */
static int next_record(rasoat_reader *in, long *line)
{
    int c;

    if (!in->bom_checked) {
        in->bom_checked = 1;
        skip_bom(in);
    }
    c = skip_blanks(in);
    *line = in->line;
    if (in->mode == 0 && c != EOF) {
        in->mode = c == '[' ? 'a' : 'l';
        in->was_array = in->mode == 'a';
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
        in->problem = "reader_not_closed";
        return RASOAT_E_INPUT;
    }
    return next_element(in, c, line);
}

int rasoat_reader_next(rasoat_reader *in, const char **text, size_t *len, long *line,
                       rasoat_error *err)
{
    int st;
    long at = 0;
    char cause[256];

    in->problem = NULL;
    st = next_record(in, &at);
    *line = at;
    *text = in->buf != NULL ? in->buf : "";
    *len = st == 1 ? in->length : 0;
    if (st == RASOAT_E_INPUT)
        return audit_fail(err, RASOAT_E_INPUT, "invalid_json", in->lang, in->problem, NULL, NULL,
                          NULL, NULL);
    if (st == RASOAT_E_SYSTEM) {
        audit_fail(err, RASOAT_E_SYSTEM, "read", in->lang, "reader_read",
                   audit_errno_text(in->lang, cause, sizeof cause), NULL, NULL, NULL);
        errno = in->err;
    }
    return st;
}
