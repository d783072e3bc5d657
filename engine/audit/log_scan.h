/*
** log_scan.h: reading a decision log line by line for what it decided: the latest
** decision of each household ('rasoat log latest', the warning when classify logs a
** household again) and one logged decision ('rasoat explain --log').
*/
#ifndef RASOAT_AUDIT_LOG_SCAN_H
#define RASOAT_AUDIT_LOG_SCAN_H

#include <stdio.h>

#include "log_line.h"
#include "id_set.h"

/* The household id a logged decision is for (its result's "id", else its input's), or
** NULL (a line that is not a decision, or a record whose id could not be read). */
const char *log_household_id(const cJSON *line);

/*
** Call 'each' for every readable decision line of 'f' (checkpoints and unreadable lines
** are passed over), with its parsed line, its line number and 'ud'; stop early when 'each'
** returns 0. Returns 1, or 0 when 'f' cannot be read.
*/
int log_scan(FILE *f, int (*each)(const audit_line *l, long lineno, void *ud), void *ud);

/* The bytes of a logged decision's input, as classify read them (caller frees; '*len'
** their length): "input_base64" decoded, "input" as its text, or the object "input"
** printed. NULL for a fragment that never became a record, or when memory runs out. */
char *log_input_text(const cJSON *line, size_t *len);

/* Fill 'latest' with the seq of each household's last decision in log 'f'. Returns 1, or 0
** when the log cannot be read or memory runs out. */
int log_latest_seqs(FILE *f, id_set *latest);

#endif
