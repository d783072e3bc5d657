/*
** csv_columns.h: the vocabulary of household CSV files: which column headers name which
** field of the household record (docs/formats.md §CSV), and how each kind of cell is read.
*/
#ifndef RASOAT_CLI_CSV_COLUMNS_H
#define RASOAT_CLI_CSV_COLUMNS_H

#include <stddef.h>

/* How a column's cells are read. */
typedef enum csv_kind {
    CSV_TEXT,        /* any text, kept as is (trimmed) */
    CSV_PROVINCE,    /* two-digit code; Excel's "1" for "01" is padded back */
    CSV_COMMUNE_CODE,/* five-digit code, padded likewise */
    CSV_DATE,        /* 15/10/2024 or 2024-10-15 */
    CSV_AREA,        /* Nông thôn / Thành thị / rural / urban */
    CSV_SIZE,        /* whole number >= 1 */
    CSV_SCORE,       /* whole number >= 0 */
    CSV_YEAR,        /* four digits */
    CSV_DECIMAL,     /* a measure >= 0: 48, 48.5 or 48,5 (a floor area in m²) */
    CSV_MONEY,       /* whole đồng: 1500000, 1.500.000, 1,500,000, 1 500 000 */
    CSV_FLAG,        /* Có / Không / x / 1 / 0 (true / false) */
    CSV_DEPRIVATION, /* a flag under "deprivations" */
    CSV_LIVELIHOOD,  /* Nông nghiệp ... or the codes */
    CSV_STATUS,      /* Nghèo / Cận nghèo / ... or the codes */
    CSV_HISTORY,     /* "2022: Nghèo; 2023: Cận nghèo" */
    CSV_CAUSES,      /* codes, form 7.10 numbers 1-8 or names, separated by ';' */
    CSV_UNSUPPORTED  /* a field CSV cannot carry (members) */
} csv_kind;

typedef struct csv_column {
    const char *field;   /* the record's field: "area", "deprivations.water", "previous.year" */
    const char *vi;      /* its Vietnamese header */
    const char *alias;   /* another accepted header (an older form's wording), or NULL */
    csv_kind kind;
} csv_column;

/* The column a header names (field name, "deprivations.X", bare indicator code, Vietnamese
** name or alias; ASCII letters compared without case, blanks around it ignored), or NULL. */
const csv_column *csv_column_find(const char *header, size_t len);

/* Every column, in the order of docs/formats.md; '*n' receives the count. */
const csv_column *csv_columns(size_t *n);

#endif
