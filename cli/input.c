/*
** input.c: household records one at a time for the commands: JSON Lines and JSON arrays
** through the library's reader (rasoat_reader_*, which frames them in constant memory), and
** CSV (csv_input.h), recognised by its header line: any first line that does not begin
** with '[' or '{' is CSV when it is a household header (csv_sniff), else JSON Lines.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

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
    rasoat_reader_close(in->json);
    in->json = NULL;
    free(in->own);
    in->own = NULL;
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

/* The end of the stream: clean, or a read error. */
static input_status at_end(input *in)
{
    return ferror(in->f) ? io_failed(in) : INPUT_END;
}

/* Start reading CSV: 'header' ('len' bytes) is the header line (of line 'line'), split at
** 'delim'. */
static int start_csv(input *in, const char *header, size_t len, unsigned char delim, long line)
{
    if ((in->csv = csv_reader_new(delim, in->lang)) == NULL)
        return 0;
    in->mode = 'c';
    return csv_reader_feed(in->csv, header, len, line) && csv_reader_feed(in->csv, "\n", 1, line);
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
            if (item.len + 1 > in->own_cap) {
                char *grown = (char *)realloc(in->own, item.len + 1);

                if (grown == NULL)
                    return io_failed(in);
                in->own = grown;
                in->own_cap = item.len + 1;
            }
            memcpy(in->own, item.json, item.len + 1);
            in->buf = in->own;
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

/*
** After the first record of JSON Lines ('text', 'len' bytes, at 'line'), which does not
** begin with '{': when it is a CSV header (or Excel's "sep=;" line, or the file is named
** .csv), switch to CSV, store its first row's status in '*st' and return 1; else return 0
** (JSON Lines it is).
*/
static int maybe_csv(input *in, const char *text, size_t len, long *line, input_status *st)
{
    unsigned char delim = ',';

    in->line = rasoat_reader_line(in->json);
    if (csv_separator_line(text, len, &delim)) {    /* Excel's "sep=;" */
        if ((in->csv = csv_reader_new(delim, in->lang)) == NULL)
            *st = io_failed(in);
        else {
            in->mode = 'c';
            *st = next_csv(in, line);
        }
        return 1;
    }
    if (csv_sniff(text, len, &delim) > 0 || in->csv_hint) {
        *st = start_csv(in, text, len, delim, *line) ? next_csv(in, line) : io_failed(in);
        return 1;
    }
    return 0;
}

input_status input_next(input *in, long *line)
{
    const char *text;
    size_t len;
    rasoat_error err;
    int st, first;

    in->problem = NULL;
    in->kind = in->field = in->id = NULL;
    if (in->mode == 'c')
        return next_csv(in, line);
    if (in->json == NULL && rasoat_reader_open(in->f, in->lang, &in->json, NULL) != RASOAT_OK)
        return io_failed(in);
    first = in->mode == 0;
    st = rasoat_reader_next(in->json, &text, &len, line, &err);
    if (st != 0 || !first)
        in->mode = rasoat_reader_is_array(in->json) ? 'a' : 'l';
    if (st == RASOAT_E_SYSTEM)
        return io_failed(in);
    if (st == RASOAT_E_INPUT) {
        snprintf(in->problem_text, sizeof in->problem_text, "%s", err.message);
        in->json_problem.vi = in->json_problem.en = in->problem_text;
        in->problem = &in->json_problem;
        return INPUT_BROKEN;
    }
    if (st == 0) {
        if (rasoat_reader_is_array(in->json))
            in->mode = 'a';
        return INPUT_END;
    }
    if (first && in->mode == 'l' && text[0] != '{') {
        input_status csv_st;

        if (maybe_csv(in, text, len, line, &csv_st))
            return csv_st;
    }
    in->buf = (char *)text;
    in->length = len;
    return INPUT_RECORD;
}
