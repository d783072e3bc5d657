/*
** classify_jobs.h: 'classify --jobs N', an ordered pipeline of batches. The reading thread
** frames records into a ring of batches (JSON Lines in place, by memchr: line_frame.h;
** JSON arrays and CSV through input_next), N threads each take a whole batch, classify it
** with an engine of their own (opened on that thread) into the batch's one output buffer
** and count it (classify_tally.h), and the reading thread hands each batch, in input
** order, to the caller, who writes it with one write. The ring is bounded, its buffers are
** kept from batch to batch, and the threads share nothing but the ring's lock, taken once a
** batch: the reading thread does no per-record work beyond finding its end, and a thread
** waits only when no batch is ready. The bytes are those of one thread for every N.
*/
#ifndef RASOAT_CLI_CLASSIFY_JOBS_H
#define RASOAT_CLI_CLASSIFY_JOBS_H

#include <stddef.h>

#include "classify_tally.h"
#include "input.h"
#include "rasoat.h"

/* One record of a batch. */
typedef struct batch_record {
    size_t text, text_len;   /* its text at batch.text + text (NUL-terminated) */
    long line;               /* the line it starts on */
    int made;                /* the reader's error record for a fragment: 'text' is the
                             ** record to write, not a household (there was no input text) */
    int status;              /* rasoat_classify's (RASOAT_E_INPUT for a fragment) */
    size_t out, out_len;     /* its result or error record at batch.out + out (a '\n' follows) */
} batch_record;

typedef struct classify_batch {
    char *text;              /* the records' texts (and framing's look-ahead) */
    size_t text_len, text_cap;
    batch_record *recs;
    size_t n, recs_cap;
    char *out;               /* the records to write, each followed by '\n', in order */
    size_t out_len, out_cap;
    tally counts;            /* of this batch's records */
    long errors;             /* records whose status is not RASOAT_OK */
    int no_memory;           /* 'out' could not grow: the batch is incomplete */
    int done;                /* guarded by the pipeline's lock */
} classify_batch;

/*
** Take a classified batch (in input order, each once): write 'b->out' and count; 'ctx' is
** classify_jobs_run's. Returns 0 to stop the run (a write failed).
*/
typedef int (*batch_take_fn)(void *ctx, const classify_batch *b);

/* Print a notice of the reader (a CSV header's ignored columns); 'ctx' as above. */
typedef void (*batch_notice_fn)(void *ctx, const char *notice);

/*
** Classify every record of 'reader' (input_init'ed, nothing read yet) on 'jobs' threads,
** each opening an engine with 'opts'; 'engine' (the caller's, opened with 'opts') makes the
** error records of fragments and classifies, on this thread, an input that fits in one
** batch (no thread is started for it). Returns INPUT_END, or INPUT_IO when the input could
** not be read ('reader->err' says why), an engine did not open (said on stderr) or 'take'
** stopped the run.
*/
input_status classify_jobs_run(const rasoat_options *opts, int jobs, rasoat_engine *engine,
                               input *reader, rasoat_lang lang, batch_take_fn take,
                               batch_notice_fn notice, void *ctx);

#endif
