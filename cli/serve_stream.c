/*
** serve_stream.c: a classification streamed through a pipe and a temporary file
** (serve_stream.h).
*/
#define _GNU_SOURCE 1            /* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify_stream.h"
#include "cli.h"
#include "serve_stream.h"

struct serve_stream {
    pthread_mutex_t lock;
    pthread_cond_t grew;       /* 'written' grew or 'done' was set */
    int pipe_w;                /* the body's end of the pipe, -1 once closed */
    int pipe_r;
    int spool;                 /* the unlinked output file */
    uint64_t written;          /* bytes of output in 'spool' */
    int done;                  /* the classifier returned */
    int status;                /* its exit status */
    int failed;                /* the output could not be written */
    rasoat_engine *engine;
    const char *name;
    rasoat_lang lang;
    pthread_t thread;
};

int serve_temp_fd(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    int fd;

    snprintf(path, sizeof path, "%s/rasoat-serve-XXXXXX", dir != NULL && dir[0] ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0)
        return -1;
    unlink(path);
    return fd;
}

/* fopencookie's write: append to the spool and wake the response. */
static ssize_t spool_write(void *cookie, const char *buf, size_t size)
{
    serve_stream *s = (serve_stream *)cookie;
    size_t done = 0;

    while (done < size) {
        ssize_t n = write(s->spool, buf + done, size - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            pthread_mutex_lock(&s->lock);
            s->failed = 1;
            pthread_mutex_unlock(&s->lock);
            return -1;
        }
        done += (size_t)n;
    }
    pthread_mutex_lock(&s->lock);
    s->written += size;
    pthread_cond_broadcast(&s->grew);
    pthread_mutex_unlock(&s->lock);
    return (ssize_t)size;
}

/* The stream's thread: the CLI's classify path from the pipe into the spool. */
static void *classify_thread(void *arg)
{
    serve_stream *s = (serve_stream *)arg;
    cookie_io_functions_t io = {NULL, spool_write, NULL, NULL};
    FILE *in = fdopen(s->pipe_r, "rb"), *out = fopencookie(s, "w", io);
    int status = EXIT_IO;

    if (in != NULL && out != NULL) {
        setvbuf(out, NULL, _IOFBF, 1 << 16);
        status = classify_stream(s->engine, in, s->name, out, s->lang, NULL, NULL);
    }
    if (out != NULL && fclose(out) != 0)
        status = EXIT_IO;
    if (in != NULL)
        fclose(in);               /* closes pipe_r: a feed still writing gets EPIPE */
    else
        close(s->pipe_r);
    pthread_mutex_lock(&s->lock);
    s->status = status;
    s->done = 1;
    pthread_cond_broadcast(&s->grew);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

serve_stream *serve_stream_start(rasoat_engine *engine, const char *name, rasoat_lang lang)
{
    serve_stream *s = (serve_stream *)calloc(1, sizeof *s);
    int fds[2];

    if (s == NULL)
        return NULL;
    if ((s->spool = serve_temp_fd()) < 0) {
        free(s);
        return NULL;
    }
    if (pipe(fds) != 0) {
        close(s->spool);
        free(s);
        return NULL;
    }
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    s->pipe_r = fds[0];
    s->pipe_w = fds[1];
    s->engine = engine;
    s->name = name;
    s->lang = lang;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->grew, NULL);
    if (pthread_create(&s->thread, NULL, classify_thread, s) != 0) {
        close(fds[0]);
        close(fds[1]);
        close(s->spool);
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->grew);
        free(s);
        return NULL;
    }
    return s;
}

int serve_stream_feed(serve_stream *s, const char *data, size_t size)
{
    while (size > 0 && s->pipe_w >= 0) {
        ssize_t n = write(s->pipe_w, data, size);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;             /* EPIPE: the classifier stopped reading */
        data += n;
        size -= (size_t)n;
    }
    return size == 0;
}

void serve_stream_end_input(serve_stream *s)
{
    if (s->pipe_w >= 0) {
        close(s->pipe_w);
        s->pipe_w = -1;
    }
}

ssize_t serve_stream_read(serve_stream *s, uint64_t pos, char *buf, size_t max)
{
    uint64_t have;
    ssize_t n;
    int failed;

    pthread_mutex_lock(&s->lock);
    while (s->written <= pos && !s->done)
        pthread_cond_wait(&s->grew, &s->lock);
    have = s->written;
    failed = s->done && (s->failed || s->status == EXIT_IO);
    pthread_mutex_unlock(&s->lock);
    if (have <= pos)
        return failed ? -1 : 0;   /* a run that failed must not look complete */
    if (have - pos < max)
        max = (size_t)(have - pos);
    do
        n = pread(s->spool, buf, max, (off_t)pos);
    while (n < 0 && errno == EINTR);
    return n > 0 ? n : -1;
}

int serve_stream_finish(serve_stream *s)
{
    int status;

    if (s == NULL)
        return EXIT_IO;
    serve_stream_end_input(s);
    pthread_join(s->thread, NULL);
    status = s->failed ? EXIT_IO : s->status;
    close(s->spool);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->grew);
    free(s);
    return status;
}
