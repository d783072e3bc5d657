/*
** diff_spool.h: the temporary file where 'rasoat diff' keeps the movers' part of its report
** while it reads, so that its memory does not grow with the households that moved. The file
** is created in $TMPDIR (else /tmp) and unlinked at once: it disappears when the spool is
** closed or the process ends, whatever ends it (a signal included).
*/
#ifndef RASOAT_CLI_DIFF_SPOOL_H
#define RASOAT_CLI_DIFF_SPOOL_H

#include <stddef.h>
#include <stdio.h>

typedef struct diff_spool diff_spool;

/* A new, empty spool, or NULL with errno set when no temporary file can be made. */
diff_spool *diff_spool_open(void);

/* Append 'len' bytes; 0 on success, -1 (errno set) when the write failed. */
int diff_spool_append(diff_spool *s, const char *bytes, size_t len);

/* Copy everything appended so far to 'out'; 0, or -1 when reading or writing failed.
** NULL copies nothing. */
int diff_spool_copy(diff_spool *s, FILE *out);

/* Close the spool (its file disappears). NULL is allowed. */
void diff_spool_close(diff_spool *s);

#endif
