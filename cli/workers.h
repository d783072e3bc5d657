/*
** workers.h: records on every core for 'report', 'test', 'diff' and 'replay --jobs'
** ('classify --jobs' has its own pipeline: classify_jobs.h). N threads, each with an engine
** of its own (an engine is used by one thread at a time; separate engines share nothing),
** take records from batches the reading thread submits and give each to the command's
** callback (or classify it); the reading thread waits for each batch in turn and applies
** what was made in input order, so the output is the same bytes for any N.
*/
#ifndef RASOAT_CLI_WORKERS_H
#define RASOAT_CLI_WORKERS_H

#include <stddef.h>

#include "rasoat.h"

/* One record of a batch: its text and line in, its record out (malloc'd, owned). */
typedef struct work_item {
    char *text;          /* the record as read (owned), or NULL when 'out' is already set */
    size_t len;
    long line;
    char *out;           /* the result or error record (owned) */
    size_t out_len;
    int status;          /* rasoat_classify's status (a callback's own use otherwise) */
    int kind;            /* for a callback: what the record is, set by the submitter */
    size_t text_cap, out_cap;    /* for a callback: sizes of 'text' and 'out' when the caller
                                 ** keeps them from batch to batch (0 otherwise) */
} work_item;

typedef struct work_batch {
    work_item *items;
    size_t n;
    size_t next, remaining;      /* guarded by the pool's lock */
    struct work_batch *queue_next;
} work_batch;

typedef struct workers workers;

/*
** What a thread does with one item (whose 'text' is not NULL) instead of classifying it:
** 'engines' are the thread's own, one per entry of workers_start_with's 'opts', in that
** order; 'ctx' is the caller's, shared by every thread (read it, do not write it). Must
** set 'out' (malloc'd, NULL only when memory ran out), 'out_len' and 'status'.
*/
typedef void (*work_fn)(rasoat_engine *const *engines, work_item *it, void *ctx);

/* Start 'n' threads, each opening 'nopts' engines (opts[0..nopts-1]), that hand every item
** to 'fn' with 'ctx' ('fn' NULL: classify with the first engine). NULL, with 'err' filled,
** when an engine does not open or a thread cannot start. */
workers *workers_start_with(const rasoat_options *opts, int nopts, int n, work_fn fn, void *ctx,
                            rasoat_error *err);

/*
** Do on the calling thread what the threads would do with every item of 'b': for an input
** that fits in one batch, so no thread need start nor open engines of its own. 'engines'
** and 'fn', 'ctx' as for workers_start_with (fn NULL: classify with engines[0]).
*/
void workers_run_here(rasoat_engine *const *engines, work_fn fn, void *ctx, work_batch *b);

/* Hand 'b' (its items filled, 'next' and 'remaining' set by this call) to the threads. */
void workers_submit(workers *w, work_batch *b);

/* Wait until every item of 'b' has its 'out'. */
void workers_wait(workers *w, work_batch *b);

/* Stop the threads and close their engines. NULL is allowed. */
void workers_stop(workers *w);

#endif
