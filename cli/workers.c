/*
** workers.c: the thread pool behind 'report', 'test', 'diff' and 'replay --jobs' (see workers.h). Threads take items
** in chunks from the oldest submitted batch; a batch is done when its last item is.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "workers.h"

/* Items a thread takes at once: few enough to share a batch, enough to spare the lock. */
#define CHUNK 16

struct workers {
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    work_batch *head, *tail;     /* batches with items not yet taken */
    int stopping;
    int n, started;
    pthread_t *threads;
    rasoat_engine **engines;     /* n * nopts: thread i has engines[i * nopts ...] */
    int nopts;
    work_fn fn;                  /* NULL: classify_item with the thread's first engine */
    void *ctx;
};

typedef struct thread_arg {
    workers *w;
    rasoat_engine **engines;     /* the thread's own (w->nopts of them) */
} thread_arg;

/* Classify one item with 'e', keeping a copy of the record (the engine reuses its buffer). */
static void classify_item(rasoat_engine *e, work_item *it)
{
    const char *record;
    size_t len;

    it->status = rasoat_classify(e, it->text, it->len, it->line, &record, &len, NULL);
    it->out = (char *)malloc(len + 1);
    if (it->out != NULL) {
        memcpy(it->out, record, len);
        it->out[len] = '\0';
        it->out_len = len;
    } else {
        it->status = RASOAT_E_SYSTEM;
    }
}

/* Items [from, from + count) of 'b' given to 'fn' (NULL: classified with engines[0]). */
static void run_items(rasoat_engine *const *engines, work_fn fn, void *ctx, work_batch *b,
                      size_t from, size_t count)
{
    size_t i;

    for (i = from; i < from + count; i++)
        if (b->items[i].text != NULL) {
            if (fn != NULL)
                fn(engines, &b->items[i], ctx);
            else
                classify_item(engines[0], &b->items[i]);
        }
}

void workers_run_here(rasoat_engine *const *engines, work_fn fn, void *ctx, work_batch *b)
{
    run_items(engines, fn, ctx, b, 0, b->n);
}

static void *thread_main(void *p)
{
    thread_arg *a = (thread_arg *)p;
    workers *w = a->w;

    pthread_mutex_lock(&w->lock);
    for (;;) {
        work_batch *b;
        size_t from, count;

        while (!w->stopping && w->head == NULL)
            pthread_cond_wait(&w->work, &w->lock);
        if (w->head == NULL)
            break;
        b = w->head;
        from = b->next;
        count = b->n - from < CHUNK ? b->n - from : CHUNK;
        b->next += count;
        if (b->next == b->n && (w->head = b->queue_next) == NULL)
            w->tail = NULL;
        pthread_mutex_unlock(&w->lock);
        run_items(a->engines, w->fn, w->ctx, b, from, count);
        pthread_mutex_lock(&w->lock);
        b->remaining -= count;
        if (b->remaining == 0)
            pthread_cond_broadcast(&w->done);
    }
    pthread_mutex_unlock(&w->lock);
    free(a);
    return NULL;
}

workers *workers_start_with(const rasoat_options *opts, int nopts, int n, work_fn fn, void *ctx,
                            rasoat_error *err)
{
    workers *w = (workers *)calloc(1, sizeof *w);
    int i, k;

    if (w == NULL)
        return NULL;
    w->fn = fn;
    w->ctx = ctx;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->work, NULL);
    pthread_cond_init(&w->done, NULL);
    w->n = n;
    w->nopts = nopts;
    w->fn = fn;
    w->ctx = ctx;
    w->threads = (pthread_t *)calloc((size_t)n, sizeof *w->threads);
    w->engines = (rasoat_engine **)calloc((size_t)n * (size_t)nopts, sizeof *w->engines);
    if (w->threads == NULL || w->engines == NULL) {
        workers_stop(w);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        thread_arg *a;

        for (k = 0; k < nopts; k++)
            if (rasoat_open(&opts[k], &w->engines[i * nopts + k], err) != RASOAT_OK) {
                workers_stop(w);
                return NULL;
            }
        if ((a = (thread_arg *)malloc(sizeof *a)) == NULL) {
            workers_stop(w);
            return NULL;
        }
        a->w = w;
        a->engines = &w->engines[i * nopts];
        if (pthread_create(&w->threads[i], NULL, thread_main, a) != 0) {
            free(a);
            workers_stop(w);
            return NULL;
        }
        w->started++;
    }
    return w;
}

void workers_submit(workers *w, work_batch *b)
{
    pthread_mutex_lock(&w->lock);
    b->next = 0;
    b->remaining = b->n;
    b->queue_next = NULL;
    if (b->n > 0) {
        if (w->tail != NULL)
            w->tail->queue_next = b;
        else
            w->head = b;
        w->tail = b;
        pthread_cond_broadcast(&w->work);
    }
    pthread_mutex_unlock(&w->lock);
}

void workers_wait(workers *w, work_batch *b)
{
    pthread_mutex_lock(&w->lock);
    while (b->remaining > 0)
        pthread_cond_wait(&w->done, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

void workers_stop(workers *w)
{
    int i;

    if (w == NULL)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_broadcast(&w->work);
    pthread_mutex_unlock(&w->lock);
    for (i = 0; i < w->started; i++)
        pthread_join(w->threads[i], NULL);
    for (i = 0; w->engines != NULL && i < w->n * w->nopts; i++)
        rasoat_close(w->engines[i]);
    free(w->threads);
    free(w->engines);
    pthread_cond_destroy(&w->done);
    pthread_cond_destroy(&w->work);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
