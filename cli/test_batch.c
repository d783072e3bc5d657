/*
** test_batch.c: the fixtures of one file classified and explained together (see
** test_batch.h). Each item's 'out' holds the result record, a NUL, then the explanation
** (JSON) and a NUL; 'status' says whether the explanation is there.
*/
#include <stdlib.h>
#include <string.h>

#include "test_batch.h"

/* Classify and explain one household with 'e' (the workers' callback; 'ctx' is the
** explanations' language). */
static void classify_and_explain(rasoat_engine *const *engines, work_item *it, void *ctx)
{
    rasoat_engine *e = engines[0];
    rasoat_lang lang = *(const rasoat_lang *)ctx;
    const char *record, *explained = NULL;
    size_t len, elen = 0;
    rasoat_error err;

    rasoat_classify(e, it->text, it->len, it->line, &record, &len, NULL);
    it->out = (char *)malloc(len + 1);
    if (it->out == NULL)
        return;
    memcpy(it->out, record, len);
    it->out[len] = '\0';
    it->out_len = len;
    /* The engine reuses its buffer: the record is copied before explaining. */
    it->status = rasoat_explain(e, it->text, it->len, lang, RASOAT_EXPLAIN_JSON, &explained, &elen, &err) == RASOAT_OK;
    if (it->status) {
        char *both = (char *)realloc(it->out, len + 1 + elen + 1);

        if (both == NULL) {
            it->status = 0;
            return;
        }
        memcpy(both + len + 1, explained, elen);
        both[len + 1 + elen] = '\0';
        it->out = both;
    }
}

workers *test_batch_workers(const rasoat_options *opts, int jobs, rasoat_lang *lang, rasoat_error *err,
                            int *failed)
{
    workers *w;

    *failed = 0;
    if (jobs <= 1)
        return NULL;
    w = workers_start_with(opts, 1, jobs, classify_and_explain, lang, err);
    *failed = w == NULL;
    return w;
}

long test_batch_add(test_batch *b, char *text, long line)
{
    work_item *it;

    if (b->batch.n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        work_item *g = (work_item *)realloc(b->batch.items, cap * sizeof *g);

        if (g == NULL) {
            free(text);
            return -1;
        }
        b->batch.items = g;
        b->cap = cap;
    }
    it = &b->batch.items[b->batch.n];
    memset(it, 0, sizeof *it);
    it->text = text;
    it->len = strlen(text);
    it->line = line;
    return (long)b->batch.n++;
}

void test_batch_run(test_batch *b, workers *pool, rasoat_engine *engine, rasoat_lang lang)
{
    if (pool != NULL) {
        workers_submit(pool, &b->batch);
        workers_wait(pool, &b->batch);
        return;
    }
    workers_run_here(&engine, classify_and_explain, &lang, &b->batch);
}

const char *test_batch_result(const test_batch *b, size_t i, size_t *len)
{
    *len = b->batch.items[i].out_len;
    return b->batch.items[i].out;
}

const char *test_batch_explain(const test_batch *b, size_t i, size_t *len)
{
    const work_item *it = &b->batch.items[i];

    if (it->out == NULL || !it->status)
        return NULL;
    *len = strlen(it->out + it->out_len + 1);
    return it->out + it->out_len + 1;
}

void test_batch_clear(test_batch *b)
{
    size_t i;

    for (i = 0; i < b->batch.n; i++) {
        free(b->batch.items[i].text);
        free(b->batch.items[i].out);
    }
    b->batch.n = 0;
}

void test_batch_free(test_batch *b)
{
    test_batch_clear(b);
    free(b->batch.items);
    memset(b, 0, sizeof *b);
}
