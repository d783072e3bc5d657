/*
** log_writer.h: a thread that writes the decision log's batches, so that hashing the next
** lines goes on while the kernel copies the last batch into the file. It writes one batch
** at a time, in the order handed over, each with write() calls of whole lines only (see
** audit_log.c); the owner keeps the other buffer and fills it meanwhile.
*/
#ifndef RASOAT_AUDIT_LOG_WRITER_H
#define RASOAT_AUDIT_LOG_WRITER_H

#include <stddef.h>

typedef struct log_writer log_writer;

/*
** Start a writer for the open file 'fd' (which stays the caller's). Returns it, or NULL
** when no thread can be started (the caller then writes itself).
*/
log_writer *log_writer_start(int fd);

/*
** Hand over the 'length' bytes at '*data' (a malloc'd buffer of '*capacity' bytes) to be
** written, after waiting for the batch before it. '*data' and '*capacity' come back as the
** buffer that batch was in (NULL and 0 the first time), for the caller to fill next.
** Returns 1, or 0 when some write before failed: then nothing more is written, '*error'
** is its errno and this batch is dropped.
*/
int log_writer_hand(log_writer *w, char **data, size_t *length, size_t *capacity, int *error);

/* Wait until every batch handed over is written. Returns 1, or 0 with '*error' the errno of
** the first write that failed. */
int log_writer_drain(log_writer *w, int *error);

/* Drain, stop the thread and free the writer (and the buffer it holds). NULL is a no-op. */
void log_writer_stop(log_writer *w);

/* write() all of 'n' bytes to 'fd', going on after a partial write or a signal. Returns 1,
** or 0 with errno set. */
int log_write_all(int fd, const char *p, size_t n);

#endif
