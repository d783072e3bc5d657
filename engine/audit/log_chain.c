/*
** log_chain.c: finishing and writing the decision log's lines (log_chain.h). Two buffers of
** bodies take turns: the owner fills one while the thread finishes the other into a third,
** its own, and writes that. A failure stops every later batch, so the file holds the lines
** before it whole and at most one cut short.
*/
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log_chain.h"
#include "sha.h"
#include "writeback.h"

#define PREV_KEY ",\"prev\":\""

/* The most a line's chain fields add to its body. */
#define TAIL_MAX (sizeof PREV_KEY + AUDIT_HASH_HEX + sizeof DECISION_KEY + AUDIT_DECISION_HEX \
                  + sizeof HASH_KEY + AUDIT_HASH_HEX + 4)

struct log_chain {
    char prev[AUDIT_HASH_HEX + 1]; /* the hash of the last line finished */
    audit_sha sha;
    char *out;                  /* the finished lines of a batch, the thread's */
    size_t out_capacity;
    int threaded;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;     /* a batch was handed over, written, or the end asked */
    char *data;                 /* the bodies being finished (or finished), the thread's */
    size_t length, capacity;
    int busy;                   /* 'data' holds a batch not yet written */
    int stopping;
    int error;                  /* errno of the first failure, else 0 */
    writeback file;             /* writes it, and settles it as it grows: it is written once */
};

/* Put the 'n' bytes of 's' at 'at'; returns 'n'. */
static size_t put(char *at, const char *s, size_t n)
{
    memcpy(at, s, n);
    return n;
}

/*
** Finish the LF-ended bodies at 'bodies' ('n' bytes) into lines, moving the chain on, and
** write them. Returns 0, or the errno of the failure.
*/
static int finish_batch(log_chain *c, const char *bodies, size_t n)
{
    const char *p = bodies, *end = bodies + n;
    char decision[AUDIT_HASH_HEX + 1], hash[AUDIT_HASH_HEX + 1];
    size_t used = 0;

    while (p < end) {
        const char *lf = (const char *)memchr(p, '\n', (size_t)(end - p));
        size_t body = lf != NULL ? (size_t)(lf - p) : (size_t)(end - p), k, hashed;
        char *line;

        if (used + body + TAIL_MAX > c->out_capacity) {
            size_t cap = c->out_capacity ? c->out_capacity : 4096;
            char *grown;

            while (cap < used + body + TAIL_MAX)
                cap *= 2;
            if ((grown = (char *)realloc(c->out, cap)) == NULL)
                return ENOMEM;
            c->out = grown;
            c->out_capacity = cap;
        }
        line = c->out + used;
        k = put(line, p, body);
        k += put(line + k, PREV_KEY, sizeof PREV_KEY - 1);
        k += put(line + k, c->prev, AUDIT_HASH_HEX);
        line[k++] = '"';
        if (!audit_sha_start(&c->sha, line, k, decision))
            return ENOMEM;
        hashed = k;
        k += put(line + k, DECISION_KEY, sizeof DECISION_KEY - 1);
        k += put(line + k, decision, AUDIT_DECISION_HEX);
        line[k++] = '"';
        if (!audit_sha_finish(&c->sha, line + hashed, k - hashed, hash))
            return ENOMEM;
        k += put(line + k, HASH_KEY, sizeof HASH_KEY - 1);
        k += put(line + k, hash, AUDIT_HASH_HEX);
        k += put(line + k, "\"}\n", 3);
        memcpy(c->prev, hash, AUDIT_HASH_HEX);
        used += k;
        p = lf != NULL ? lf + 1 : end;
    }
    return writeback_write(&c->file, c->out, used);
}

/* The thread: finish and write each batch handed over, until asked to stop with none left. */
static void *finish_batches(void *arg)
{
    log_chain *c = (log_chain *)arg;

    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->busy && !c->stopping)
            pthread_cond_wait(&c->changed, &c->lock);
        if (!c->busy)
            break;
        pthread_mutex_unlock(&c->lock);
        /* Only this thread touches 'data', 'out', 'prev' and 'error' while 'busy'. */
        if (c->error == 0)
            c->error = finish_batch(c, c->data, c->length);
        pthread_mutex_lock(&c->lock);
        c->busy = 0;
        pthread_cond_broadcast(&c->changed);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

log_chain *log_chain_start(int fd, const char prev[AUDIT_HASH_HEX + 1])
{
    log_chain *c = (log_chain *)calloc(1, sizeof *c);

    if (c == NULL)
        return NULL;
    memcpy(c->prev, prev, AUDIT_HASH_HEX + 1);
    writeback_start(&c->file, fd);
    if (!audit_sha_init(&c->sha)) {
        free(c);
        return NULL;
    }
    if (pthread_mutex_init(&c->lock, NULL) != 0 || pthread_cond_init(&c->changed, NULL) != 0) {
        audit_sha_free(&c->sha);
        free(c);
        return NULL;
    }
    c->threaded = pthread_create(&c->thread, NULL, finish_batches, c) == 0;
    return c;
}

/* With the lock held: wait until the batch in hand is written. */
static void wait_written(log_chain *c)
{
    while (c->busy)
        pthread_cond_wait(&c->changed, &c->lock);
}

int log_chain_hand(log_chain *c, char **data, size_t *length, size_t *capacity, int *error)
{
    char *spare;
    size_t spare_capacity;

    if (!c->threaded) {
        if (c->error == 0)
            c->error = finish_batch(c, *data, *length);
        *length = 0;
        *error = c->error;
        return c->error == 0;
    }
    pthread_mutex_lock(&c->lock);
    wait_written(c);
    *error = c->error;
    if (c->error == 0) {
        spare = c->data;
        spare_capacity = c->capacity;
        c->data = *data;
        c->length = *length;
        c->capacity = *capacity;
        c->busy = 1;
        *data = spare;
        *capacity = spare_capacity;
        pthread_cond_broadcast(&c->changed);
    }
    *length = 0;
    pthread_mutex_unlock(&c->lock);
    return *error == 0;
}

int log_chain_drain(log_chain *c, char head[AUDIT_HASH_HEX + 1], int *error)
{
    if (c->threaded) {
        pthread_mutex_lock(&c->lock);
        wait_written(c);
    }
    *error = c->error;
    memcpy(head, c->prev, AUDIT_HASH_HEX + 1);
    if (c->threaded)
        pthread_mutex_unlock(&c->lock);
    return *error == 0;
}

void log_chain_stop(log_chain *c)
{
    if (c == NULL)
        return;
    if (c->threaded) {
        pthread_mutex_lock(&c->lock);
        c->stopping = 1;
        pthread_cond_broadcast(&c->changed);
        pthread_mutex_unlock(&c->lock);
        pthread_join(c->thread, NULL);
    }
    pthread_cond_destroy(&c->changed);
    pthread_mutex_destroy(&c->lock);
    audit_sha_free(&c->sha);
    free(c->data);
    free(c->out);
    free(c);
}
