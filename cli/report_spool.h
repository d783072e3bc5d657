/*
** report_spool.h: an external merge sort of text lines, so that a report's lists (one row
** per household, sorted by commune, village and code) never sit in memory whole. Lines are
** kept in memory up to a limit, then sorted and written to a temporary file (a run); at
** the end the runs are merged. Memory: the limit plus one line per run.
*/
#ifndef RASOAT_CLI_REPORT_SPOOL_H
#define RASOAT_CLI_REPORT_SPOOL_H

#include <stdio.h>
#include <stddef.h>

typedef struct report_spool {
    char **lines;               /* in memory, not yet sorted */
    size_t n, cap, bytes;
    size_t limit;               /* bytes kept in memory before a run is written */
    FILE **runs;
    size_t nruns;
    int failed;
} report_spool;

/* Start an empty spool keeping at most 'limit' bytes of lines in memory. */
void report_spool_init(report_spool *s, size_t limit);

/* Add one line ('len' bytes, no LF inside; a LF is added). Returns 0 on failure. */
int report_spool_add(report_spool *s, const char *line, size_t len);

/*
** Call 'fn' for every line in byte order (without its LF; the text is valid during the
** call only). Stops and returns 0 when 'fn' does, or on a read or write failure; 1 when
** every line was given. Frees everything; the spool is empty afterwards. With 'fn' NULL,
** only frees.
*/
int report_spool_drain(report_spool *s, int (*fn)(void *ctx, char *line, size_t len), void *ctx);

/* Runs written so far (for tests of the merge). */
size_t report_spool_runs(const report_spool *s);

#endif
