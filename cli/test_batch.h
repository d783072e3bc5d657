/*
** test_batch.h: 'rasoat test --jobs N'. The fixtures of one file are classified and
** explained (for coverage) in one batch, on the worker threads (workers.h, an engine each)
** or, with one job, on the command's own engine; 'rasoat test' then compares and prints
** them in file order, so its output is the same bytes for every N.
*/
#ifndef RASOAT_CLI_TEST_BATCH_H
#define RASOAT_CLI_TEST_BATCH_H

#include <stddef.h>

#include "rasoat.h"
#include "workers.h"

typedef struct test_batch {
    work_batch batch;
    size_t cap;
} test_batch;

/* Start the threads for --jobs 'jobs' (NULL when 'jobs' is 1: the batches run on the
** command's engine), each opening an engine with 'opts'; 'lang' is the explanations'.
** NULL with 'err' filled when an engine does not open ('*failed' set). */
workers *test_batch_workers(const rasoat_options *opts, int jobs, rasoat_lang *lang, rasoat_error *err,
                            int *failed);

/* Add household text 'text' (taken: the batch frees it) of line 'line'. Returns its index,
** or -1 when out of memory (the text is freed). */
long test_batch_add(test_batch *b, char *text, long line);

/* Classify and explain every household of 'b': on 'pool', or on 'engine' when 'pool' is
** NULL; 'lang' is the explanations' language (the same as the pool's). */
void test_batch_run(test_batch *b, workers *pool, rasoat_engine *engine, rasoat_lang lang);

/* Household 'i''s result record and its explanation (JSON), or NULL: out of memory, or
** (explanation) the household cannot be explained. Valid until test_batch_clear. */
const char *test_batch_result(const test_batch *b, size_t i, size_t *len);
const char *test_batch_explain(const test_batch *b, size_t i, size_t *len);

/* Empty 'b' for the next file (keeps its array); test_batch_free releases it all. */
void test_batch_clear(test_batch *b);
void test_batch_free(test_batch *b);

#endif
