/*
** log_chain.h: the end of every decision-log line, and its writing. The owner (audit_log.c)
** builds each line up to its chain fields — its "body", '{"seq":...,"result":...' — and
** ends it with LF, in a batch; here each body gets ',"prev":"...","decision":"...",
** "hash":"..."}' (audit_log.h), the chain moves on, and the finished lines go to the file.
** This runs on a thread of its own, so that hashing and the kernel's copy into the file go
** on while the owner builds the next batch: one batch at a time, in the order handed over,
** with write() calls of whole lines only. A body never holds a raw LF (JSON text in one line).
*/
#ifndef RASOAT_AUDIT_LOG_CHAIN_H
#define RASOAT_AUDIT_LOG_CHAIN_H

#include <stddef.h>

#include "log_line.h"

typedef struct log_chain log_chain;

/*
** Start the chain of the open file 'fd' (which stays the caller's) after the line whose
** hash is 'prev' (64 zeros for a new log). Runs on a thread, or, when none can be started,
** in log_chain_hand itself. Returns NULL when out of memory or when libcrypto has no SHA-256.
*/
log_chain *log_chain_start(int fd, const char prev[AUDIT_HASH_HEX + 1]);

/*
** Hand over the 'length' bytes of bodies at '*data' (a malloc'd buffer of '*capacity'
** bytes) to be finished and written, after waiting for the batch before it. '*data' and
** '*capacity' come back as a buffer to fill next (NULL and 0 the first time); '*length' as 0.
** Returns 1, or 0 when a batch before could not be finished or written: then nothing more
** is written, '*error' is its errno (ENOMEM when out of memory) and this batch is dropped.
*/
int log_chain_hand(log_chain *c, char **data, size_t *length, size_t *capacity, int *error);

/*
** Wait until every batch handed over is written; put the hash of the last line written in
** 'head'. Returns 1, or 0 with '*error' the errno of the first failure.
*/
int log_chain_drain(log_chain *c, char head[AUDIT_HASH_HEX + 1], int *error);

/* Drain, stop the thread and free the chain. NULL is a no-op. */
void log_chain_stop(log_chain *c);

#endif
