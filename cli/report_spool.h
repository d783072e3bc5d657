/*
** report_spool.h: an external merge sort of text lines, so that a report's lists (one row
** per household, sorted by commune, village and code) never sit in memory whole. Lines are
** kept in memory up to a limit, then sorted and written as a run to one temporary file
** (made in $TMPDIR, else /tmp, and unlinked at once: it disappears when the spool is
** drained or the process ends, whatever ends it); at the end the runs are merged, at most
** REPORT_SPOOL_FANIN at a time (more runs are first merged into fewer, longer ones, in
** passes over the file).
** Memory: the limit, plus one read buffer per run merged at once.
*/
#ifndef RASOAT_CLI_REPORT_SPOOL_H
#define RASOAT_CLI_REPORT_SPOOL_H

#include <stdio.h>
#include <stddef.h>

/* Runs merged at once by default (each with a read buffer of REPORT_SPOOL_READ bytes). */
#define REPORT_SPOOL_FANIN 64
#define REPORT_SPOOL_READ (64u << 10)

typedef struct report_spool_chunk report_spool_chunk;
typedef struct report_spool_file report_spool_file;

typedef struct report_spool {
    report_spool_chunk *chunks; /* the text of the lines in memory (kept from run to run) */
    report_spool_chunk *chunk;  /* the chunk being filled */
    char **lines;               /* the lines in memory, not yet sorted */
    size_t n, cap, bytes;
    size_t limit;               /* bytes kept in memory before a run is written */
    size_t peak;                /* the most bytes in memory at once (counted as 'bytes') */
    report_spool_file *file;    /* the runs on disk, NULL before the first */
    size_t nruns;               /* runs written so far */
    size_t fanin;               /* runs merged at once (at least 2): REPORT_SPOOL_FANIN, or
                                ** fewer set by a test after report_spool_init */
    int failed;
    int passes;                 /* merge passes the last drain made before its final merge
                                ** (0 when there were at most 'fanin' runs); kept by the
                                ** drain, for tests */
} report_spool;

/* Start an empty spool keeping at most 'limit' bytes of lines in memory (a line and its
** pointer count; one line longer than the limit is kept alone). */
void report_spool_init(report_spool *s, size_t limit);

/* Add one line ('len' bytes, no LF or NUL inside). Returns 0 on failure. */
int report_spool_add(report_spool *s, const char *line, size_t len);

/*
** Call 'fn' for every line in byte order (without its LF, NUL-terminated; the text is
** valid during the call only). Stops and returns 0 when 'fn' does, or on a read or write
** failure; 1 when every line was given. Frees everything; the spool is empty afterwards.
** With 'fn' NULL, only frees.
*/
int report_spool_drain(report_spool *s, int (*fn)(void *ctx, char *line, size_t len), void *ctx);

/* Runs written so far (for tests of the merge). */
size_t report_spool_runs(const report_spool *s);

/* The most bytes of lines the spool held in memory at once so far (for tests: at most the
** limit, or one line when a line is longer). */
size_t report_spool_peak(const report_spool *s);

#endif
