/*
** input.h: reading household records one at a time from JSON Lines, from one JSON array
** (both framed by the library's rasoat_reader) or from CSV (csv_input.h), in constant memory
** whatever the input's size.
*/
#ifndef RASOAT_CLI_INPUT_H
#define RASOAT_CLI_INPUT_H

#include <stdio.h>

#include "csv_input.h"
#include "rasoat.h"

typedef enum input_status {
    INPUT_RECORD = 1,   /* a record's text is ready */
    INPUT_END = 0,      /* no more records */
    INPUT_BROKEN = -1,  /* a fragment that cannot be a record (reported, reading goes on) */
    INPUT_IO = -2       /* the stream failed ('err' says why) */
} input_status;

/* What is wrong with a fragment, in both languages. */
typedef struct input_problem {
    const char *vi;
    const char *en;
} input_problem;

typedef struct input {
    FILE *f;
    int mode;           /* 0 undecided, 'l' JSON Lines, 'a' a JSON array came first, 'c' CSV */
    char *buf;          /* the current record's text, NUL-terminated (not the caller's) */
    size_t length;
    long line;          /* CSV: current line of the stream (1-based) */
    int err;            /* for INPUT_IO: the errno of the failure (0: unknown) */
    /* For INPUT_BROKEN: what is wrong ('problem'), and for a CSV row also the error code,
    ** the field and the household id (NULL when not known). */
    const input_problem *problem;
    const char *kind, *field, *id;
    const char *notice; /* after a record: a note for people about the input (CSV header), once */
    rasoat_lang lang;
    /* JSON: the library's reader, and the text of its last problem. */
    rasoat_reader *json;
    input_problem json_problem;
    char problem_text[1024];
    /* CSV. */
    int csv_hint;       /* the file is named *.csv: read it as CSV even without a known header */
    csv_reader *csv;
    int csv_done;
    char *csv_line;
    size_t csv_cap;
    char *own;          /* the current CSV record */
    size_t own_cap;
    input_problem csv_problem;
} input;

/* Start reading 'f' (not owned). */
void input_init(input *in, FILE *f);

/* The language of CSV messages, and the input's name ('path', NULL or "-" for standard
** input): a name ending in ".csv" makes the input CSV. Call after input_init. */
void input_options(input *in, rasoat_lang lang, const char *path);

/* Free the reader and the buffers. */
void input_free(input *in);

/*
** Read the next record. On INPUT_RECORD, 'in->buf'/'in->length' hold its text and
** '*line' the line it starts on; on INPUT_BROKEN, '*line' and 'in->problem' say where and
** what. Blank lines are not records. CSV is recognised by its header line (docs/formats.md).
*/
input_status input_next(input *in, long *line);

#endif
