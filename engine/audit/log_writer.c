/*
** log_writer.c: the decision log's writing thread (log_writer.h). Two buffers take turns:
** the owner fills one while the thread writes the other. A write that fails stops all
** later ones, so the file holds the batches before it whole and at most one cut short.
*/
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "log_writer.h"

struct log_writer {
    int fd;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;     /* a batch was handed over, written, or the end asked */
    char *data;                 /* the batch being written (or written), the thread's */
    size_t length, capacity;
    int busy;                   /* 'data' holds a batch not yet written */
    int stopping;
    int error;                  /* errno of the first write that failed, else 0 */
};

int log_write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return 0;
        }
        p += w;
        n -= (size_t)w;
    }
    return 1;
}

/* The thread: write each batch handed over, until asked to stop with none left. */
static void *write_batches(void *arg)
{
    log_writer *w = (log_writer *)arg;

    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->busy && !w->stopping)
            pthread_cond_wait(&w->changed, &w->lock);
        if (!w->busy)
            break;
        pthread_mutex_unlock(&w->lock);
        /* Only this thread touches 'data' while 'busy'; 'error' is read under the lock. */
        if (w->error == 0 && !log_write_all(w->fd, w->data, w->length))
            w->error = errno;
        pthread_mutex_lock(&w->lock);
        w->busy = 0;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

log_writer *log_writer_start(int fd)
{
    log_writer *w = (log_writer *)calloc(1, sizeof *w);

    if (w == NULL)
        return NULL;
    w->fd = fd;
    if (pthread_mutex_init(&w->lock, NULL) != 0) {
        free(w);
        return NULL;
    }
    if (pthread_cond_init(&w->changed, NULL) != 0) {
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    if (pthread_create(&w->thread, NULL, write_batches, w) != 0) {
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    return w;
}

/* With the lock held: wait until the batch in hand is written. */
static void wait_written(log_writer *w)
{
    while (w->busy)
        pthread_cond_wait(&w->changed, &w->lock);
}

int log_writer_hand(log_writer *w, char **data, size_t *length, size_t *capacity, int *error)
{
    char *spare;
    size_t spare_capacity;
    int ok;

    pthread_mutex_lock(&w->lock);
    wait_written(w);
    ok = w->error == 0;
    *error = w->error;
    if (ok) {
        spare = w->data;
        spare_capacity = w->capacity;
        w->data = *data;
        w->length = *length;
        w->capacity = *capacity;
        w->busy = 1;
        *data = spare;
        *capacity = spare_capacity;
        pthread_cond_broadcast(&w->changed);
    }
    *length = 0;
    pthread_mutex_unlock(&w->lock);
    return ok;
}

int log_writer_drain(log_writer *w, int *error)
{
    pthread_mutex_lock(&w->lock);
    wait_written(w);
    *error = w->error;
    pthread_mutex_unlock(&w->lock);
    return *error == 0;
}

void log_writer_stop(log_writer *w)
{
    if (w == NULL)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
    free(w->data);
    free(w);
}
