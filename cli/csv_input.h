/*
** csv_input.h: households from CSV, as Excel and other spreadsheets write it (docs/formats.md
** §CSV): libcsv splits the rows and cells; each row after the header becomes one household
** record as JSON text for rasoat_classify, or one error naming the cell, its column and what
** was found. Constant memory: one row at a time.
*/
#ifndef RASOAT_CLI_CSV_INPUT_H
#define RASOAT_CLI_CSV_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "rasoat.h"

/* One household row: a record, or an error. Strings belong to the reader and stay valid
** until the next csv_reader_pop or csv_reader_free. */
typedef struct csv_item {
    long line;            /* the line the row starts on (its Excel row number) */
    const char *json;     /* the household record (JSON text), or NULL for an error */
    size_t len;
    const char *id;       /* error: the row's "Mã hộ" when it could be read, else NULL */
    const char *kind;     /* error: "invalid_field" (a cell) or "invalid_csv" (row, quoting, header) */
    const char *field;    /* error: the record field of the bad cell ("area"), or NULL */
    const char *message;  /* error: in the reader's language */
} csv_item;

typedef struct csv_reader csv_reader;

/*
** Is 'line' ('len' bytes: the first line of an input, without a byte-order mark) the header
** of a household CSV? Splits it with libcsv at ',' and at ';' and returns how many cells
** name a known column (csv_columns.h) with the better of the two, storing that delimiter in
** '*delim' (',' when they tie); 0 means it is not such a header.
*/
int csv_sniff(const char *line, size_t len, unsigned char *delim);

/* Is 'line' Excel's "sep=X" line, which names the separator before the header (any
** trailing CR ignored)? Stores X in '*delim' and returns 1 when it is. */
int csv_separator_line(const char *line, size_t len, unsigned char *delim);

/* A reader for rows split at 'delim', worded in 'lang'; NULL when out of memory. */
csv_reader *csv_reader_new(unsigned char delim, rasoat_lang lang);
void csv_reader_free(csv_reader *r);

/*
** Give the reader the next 'len' bytes of the input, 'line' being the line they start on.
** Feed whole lines (each ending with its '\n', but for the last) so rows get their line
** numbers. The first row is the header. Returns 1, or 0 when memory ran out.
*/
int csv_reader_feed(csv_reader *r, const char *chunk, size_t len, long line);

/* The input has ended: finish the last row. Returns 1, or 0 when memory ran out. */
int csv_reader_finish(csv_reader *r);

/* Take the next finished row: 1 and '*item' filled, or 0 when none is ready. */
int csv_reader_pop(csv_reader *r, csv_item *item);

/* After the header: a note for people about its columns (those that name no field and are
** ignored), once; else NULL. Reader-owned. */
const char *csv_reader_notice(csv_reader *r);

/*
** The whole of 'f' (a household CSV, a UTF-8 byte-order mark allowed) through 'fn', one
** call per row after the header, in order; the delimiter comes from an Excel "sep=X" first
** line, else from csv_sniff of the header line. For tools and fuzzing. Returns 0, 1 when the first line is not a household header
** (nothing is called), or -1 when reading failed or memory ran out.
*/
typedef void (*csv_item_fn)(void *ud, const csv_item *item);
int csv_read_households(FILE *f, rasoat_lang lang, csv_item_fn fn, void *ud);

#endif
