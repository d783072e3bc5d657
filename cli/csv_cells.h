/*
** csv_cells.h: one CSV cell to one JSON value, accepting the spellings a spreadsheet
** carries (docs/formats.md §CSV) and converting them exactly; nothing is guessed.
*/
#ifndef RASOAT_CLI_CSV_CELLS_H
#define RASOAT_CLI_CSV_CELLS_H

#include <cjson/cJSON.h>

#include "csv_columns.h"
#include "rasoat.h"

/*
** The value of cell 'text' (NUL-terminated, blanks around it already trimmed, not empty,
** valid UTF-8) of a column of 'kind', as a new cJSON item (numbers as exact integer
** text), or NULL when the cell cannot be read; '*expected' then says, in 'lang', what
** the column accepts. The caller owns the item.
*/
cJSON *csv_cell_value(csv_kind kind, const char *text, rasoat_lang lang, const char **expected);

/* Is 'text' ('len' bytes) valid UTF-8, with no NUL byte? */
int csv_utf8_valid(const char *text, size_t len);

#endif
