/*
** replay_jobs.c: 'rasoat replay --jobs N' (replay_jobs.h). Each worker thread keeps its
** replay (and so its engines, one per rule set it meets) in thread-specific storage: the
** replay is opened at the thread's first line and closed, its counts added to the run's,
** when the thread ends (workers_stop joins every thread before the counts are read).
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include "replay_jobs.h"
#include "workers.h"

#define BATCH 256   /* log lines per batch */

/* Item statuses a worker sets. */
enum { ITEM_FAILED = -1, ITEM_NONE = 0, ITEM_REPORT = 1, ITEM_REPORT_WARNING = 2 };

/* Shared by the threads: what to open, and the counts the ended threads add up. */
typedef struct replay_run {
    const rasoat_replay_options *o;
    pthread_key_t key;
    pthread_mutex_t lock;
    rasoat_replay_counts sum;
} replay_run;

/* A thread's own replay, the value of 'key'. */
typedef struct mine {
    replay_run *run;
    rasoat_replay *replay;
} mine;

/* The key's destructor, at a worker's end: add its counts and close its replay. */
static void thread_done(void *p)
{
    mine *m = (mine *)p;
    rasoat_replay_counts c;

    if (m->replay != NULL) {
        rasoat_replay_counts_get(m->replay, &c);
        pthread_mutex_lock(&m->run->lock);
        m->run->sum.identical += c.identical;
        m->run->sum.different += c.different;
        m->run->sum.unavailable += c.unavailable;
        m->run->sum.not_evaluated += c.not_evaluated;
        m->run->sum.unreadable += c.unreadable;
        m->run->sum.altered += c.altered;
        pthread_mutex_unlock(&m->run->lock);
        rasoat_replay_close(m->replay);
    }
    free(m);
}

/* 'n' bytes of 's', then a NUL, then 'tail' and its NUL, in a new buffer. */
static char *two_texts(const char *s, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    char *out = (char *)malloc(n + t + 2);

    if (out != NULL) {
        memcpy(out, s, n);
        out[n] = '\0';
        memcpy(out + n + 1, tail, t + 1);
    }
    return out;
}

/* work_fn: replay the line in 'it' with the thread's replay. 'out' is the report (and,
** after its NUL, a warning's text), or the message of a failure. */
static void replay_item(rasoat_engine *const *engines, work_item *it, void *ctx)
{
    replay_run *rn = (replay_run *)ctx;
    mine *m = (mine *)pthread_getspecific(rn->key);
    rasoat_error err;
    const char *rep;
    size_t n;
    int got;

    (void)engines;
    memset(&err, 0, sizeof err);
    if (m == NULL && (m = (mine *)calloc(1, sizeof *m)) != NULL) {
        m->run = rn;
        if (rasoat_replay_open(rn->o, &m->replay, &err) != RASOAT_OK)
            m->replay = NULL;
        pthread_setspecific(rn->key, m);
    }
    it->status = ITEM_FAILED;
    if (m == NULL || m->replay == NULL) {
        it->out = two_texts(err.message, strlen(err.message), "");
        it->out_len = it->out != NULL ? strlen(it->out) : 0;
        return;
    }
    got = rasoat_replay_line(m->replay, it->text, it->len, it->line, &rep, &n, &err);
    if (got < 0) {
        it->out = two_texts(err.message, strlen(err.message), "");
        it->out_len = it->out != NULL ? strlen(it->out) : 0;
        return;
    }
    if (got == 0) {
        it->out = two_texts("", 0, "");
        it->out_len = 0;
        it->status = ITEM_NONE;
        return;
    }
    it->out = two_texts(rep, n, err.code == RASOAT_WARNING ? err.message : "");
    it->out_len = n;
    it->status = err.code == RASOAT_WARNING ? ITEM_REPORT_WARNING : ITEM_REPORT;
}

/* Fill 'b' with up to BATCH lines of 'f' ('*lineno' the last line read). Returns 1, or 0
** when the log cannot be read (or memory runs out). */
static int fill_batch(FILE *f, work_batch *b, long *lineno, char **buf, size_t *cap)
{
    ssize_t n;

    b->n = 0;
    while (b->n < BATCH && (n = getline(buf, cap, f)) > 0) {
        work_item *it = &b->items[b->n];
        size_t len = (*buf)[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;

        memset(it, 0, sizeof *it);
        if ((it->text = (char *)malloc(len + 1)) == NULL)
            return 0;
        memcpy(it->text, *buf, len);
        it->text[len] = '\0';
        it->len = len;
        it->line = ++*lineno;
        b->n++;
    }
    return !ferror(f);
}

/* Word the reports of 'b' in order and free its items. Returns 1, or 0 when a line could
** not be replayed (said on stderr). */
static int drain_batch(work_batch *b, const replay *r, int ok)
{
    size_t i;

    for (i = 0; i < b->n; i++) {
        work_item *it = &b->items[i];

        if (ok && it->out == NULL) {
            fprintf(stderr, "rasoat replay: %s\n", CLI_TEXT(r->lang, "hết bộ nhớ", "out of memory"));
            ok = 0;
        } else if (ok && it->status == ITEM_FAILED) {
            fprintf(stderr, "rasoat replay: %s\n", it->out);
            ok = 0;
        } else if (ok && it->status != ITEM_NONE) {
            cJSON *rep = cJSON_ParseWithLength(it->out, it->out_len);

            if (it->status == ITEM_REPORT_WARNING)
                fprintf(stderr, "rasoat replay: %s\n", it->out + it->out_len + 1);
            replay_report(r, rep);
            cJSON_Delete(rep);
        }
        free(it->text);
        free(it->out);
    }
    b->n = 0;
    return ok;
}

int replay_parallel(const rasoat_replay_options *o, int jobs, rasoat_replay *here, replay *r)
{
    static work_item items[2][BATCH];
    work_batch b[2] = {{items[0], 0, 0, 0, NULL}, {items[1], 0, 0, 0, NULL}};
    replay_run rn;
    rasoat_error err;
    workers *w;
    FILE *f = fopen(o->log, "rbe");
    char *buf = NULL;
    size_t cap = 0;
    long lineno = 0;
    int cur = 0, ok = 1, read_ok;

    if (f == NULL) {
        perror("rasoat replay");
        return 0;
    }
    memset(&rn, 0, sizeof rn);
    rn.o = o;
    pthread_mutex_init(&rn.lock, NULL);
    if (pthread_key_create(&rn.key, thread_done) != 0) {
        fclose(f);
        return 0;
    }
    memset(&err, 0, sizeof err);
    read_ok = fill_batch(f, &b[cur], &lineno, &buf, &cap);
    if (b[cur].n < BATCH) {
        /* The whole log is one batch: replayed here by the threads' own loop with the
        ** caller's replay (this thread's, for replay_item), so no thread starts and no
        ** replay or engine of theirs opens. */
        mine m;
        rasoat_replay_counts c;

        m.run = &rn;
        m.replay = here;
        pthread_setspecific(rn.key, &m);
        workers_run_here(NULL, replay_item, &rn, &b[cur]);
        pthread_setspecific(rn.key, NULL);      /* 'm' is not the destructor's to free */
        ok = drain_batch(&b[cur], r, ok);
        rasoat_replay_counts_get(here, &c);
        rn.sum = c;
        w = NULL;
    } else if ((w = workers_start_with(NULL, 0, jobs, replay_item, &rn, &err)) == NULL) {
        fprintf(stderr, "rasoat replay: %s\n", err.message[0] != '\0' ? err.message : "threads");
        drain_batch(&b[cur], r, 0);
        pthread_key_delete(rn.key);
        free(buf);
        fclose(f);
        return 0;
    } else {
        workers_submit(w, &b[cur]);
    }
    while (w != NULL && b[cur].n > 0) {
        int nxt = 1 - cur;

        if (read_ok)
            read_ok = fill_batch(f, &b[nxt], &lineno, &buf, &cap);
        workers_submit(w, &b[nxt]);
        workers_wait(w, &b[cur]);
        ok = drain_batch(&b[cur], r, ok);
        cur = nxt;
    }
    if (w != NULL) {
        workers_wait(w, &b[1 - cur]);
        drain_batch(&b[1 - cur], r, 0);
        workers_stop(w);         /* every thread ended: their counts are in */
    }
    pthread_key_delete(rn.key);
    pthread_mutex_destroy(&rn.lock);
    free(buf);
    fclose(f);
    if (!read_ok) {
        fprintf(stderr, "rasoat replay: %s: %s\n", o->log, CLI_TEXT(r->lang, "không đọc được", "cannot be read"));
        ok = 0;
    }
    r->identical += rn.sum.identical;
    r->different += rn.sum.different;
    r->unavailable += rn.sum.unavailable;
    r->not_evaluated += rn.sum.not_evaluated;
    r->unreadable += rn.sum.unreadable;
    r->altered += rn.sum.altered;
    return ok;
}
