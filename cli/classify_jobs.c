/*
** classify_jobs.c: the ordered batch pipeline of 'classify --jobs N' (see classify_jobs.h).
** A ring of batches: the reading thread fills the next free one and publishes it; a thread
** takes the oldest published one whole, classifies it and marks it done; the reading thread
** waits for the oldest in flight, hands it to the caller and fills it again.
*/
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "classify_jobs.h"
#include "cli.h"
#include "line_frame.h"

/* Bytes of input read into a batch at once: a few hundred households, enough that the
** lock and the wake-ups of a batch cost nothing beside its work, few enough for flat
** memory. */
#define BLOCK (256 * 1024)

/* Batches in the ring beyond two per thread: slack for the reading and writing threads,
** which may wait for a core on a busy machine while the classifying threads go on (about
** 0.4 MiB each with their results). */
#define SPARE_BATCHES 8

/* Most records a batch holds (for inputs of very short lines). */
#define BATCH_RECORDS 512

/* Bytes read at once from a stream that is not a regular file. */
#define PIECE 4096

typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t ready;        /* a batch was published (or the run stops) */
    pthread_cond_t done;         /* a batch was classified (or an engine did not open) */
    pthread_cond_t freed;        /* a batch was written (or the run stops) */
    classify_batch *ring;
    size_t slots;
    unsigned long published;     /* batches handed to the threads so far */
    unsigned long taken;         /* of those, taken by a thread */
    unsigned long written;       /* of those, handed to 'take' by the writing thread */
    int input_done;              /* 'published' is final */
    int stopping;                /* the threads stop (the run ends or failed) */
    int failed;                  /* the run cannot go on: an engine did not open ('err' */
    int open_failed;             /* says why when 'open_failed'), or 'take' said stop */
    rasoat_error err;
    const rasoat_options *opts;
    batch_take_fn take;
    pthread_t *threads;
    int started;
    pthread_t writer;
    int writer_started;
    /* The reading thread's own. */
    input *reader;
    rasoat_engine *engine;
    rasoat_lang lang;
    batch_notice_fn notice;
    void *ctx;
    int fast;                    /* JSON Lines past the first record: framed by 'fr' */
    line_frame fr;
    size_t chunk;                /* bytes 'fr' reads at once */
    const char *carry;           /* bytes read past the last batch's records (a record */
    size_t carry_len;            /* not yet ended), in that batch's buffer */
    int ended;                   /* no more records: 'st' is how the input ended */
    input_status st;
} pipeline;

/* Make '*buf' (of '*cap' elements of 'size' bytes) hold at least 'need'; 0 when memory ran
** out ('*buf' is then as it was). */
static int reserve(void *buf, size_t *cap, size_t need, size_t size)
{
    void **p = (void **)buf;
    size_t n = *cap ? *cap : 64;
    void *grown;

    if (need <= *cap)
        return 1;
    while (n < need)
        n *= 2;
    if ((grown = realloc(*p, n * size)) == NULL)
        return 0;
    *p = grown;
    *cap = n;
    return 1;
}

/* Add the record at b->text + 'text' ('len' bytes, NUL-terminated) read at 'line'. */
static int add_record(classify_batch *b, size_t text, size_t len, long line, int made)
{
    batch_record *r;

    if (!reserve(&b->recs, &b->recs_cap, b->n + 1, sizeof *b->recs))
        return 0;
    r = &b->recs[b->n++];
    memset(r, 0, sizeof *r);
    r->text = text;
    r->text_len = len;
    r->line = line;
    r->made = made;
    return 1;
}

/* Copy 's' ('len' bytes) and a NUL to the end of b->text, as a record read at 'line'. */
static int copy_record(classify_batch *b, const char *s, size_t len, long line, int made)
{
    size_t at = b->text_len;

    if (!reserve(&b->text, &b->text_cap, at + len + 1, 1))
        return 0;
    memcpy(b->text + at, s, len);
    b->text[at + len] = '\0';
    b->text_len = at + len + 1;
    return add_record(b, at, len, line, made);
}

static void end_input(pipeline *p, input_status st)
{
    p->ended = 1;
    p->st = st;
}

/*
** Records through input_next (the first record, JSON arrays, CSV), copied into 'b'; the
** reader's error record for a fragment is made here. Once the first record shows JSON
** Lines, the rest of the stream is left to the in-place framer ('fast').
*/
static void fill_by_reader(pipeline *p, classify_batch *b)
{
    input *in = p->reader;

    while (b->n < BATCH_RECORDS && b->text_len < BLOCK) {
        long line;
        input_status st = input_next(in, &line);
        int ok;

        if (st == INPUT_END || st == INPUT_IO) {
            end_input(p, st);
            return;
        }
        if (in->notice != NULL && p->notice != NULL)
            p->notice(p->ctx, in->notice);
        if (st == INPUT_BROKEN) {
            const char *record;
            size_t len;

            rasoat_input_error_record(p->engine, in->id, line, in->kind ? in->kind : "invalid_json",
                                      in->field, CLI_TEXT(p->lang, in->problem->vi, in->problem->en),
                                      &record, &len);
            ok = copy_record(b, record, len, line, 1);
        } else {
            ok = copy_record(b, in->buf, in->length, line, 0);
        }
        if (!ok) {
            in->err = ENOMEM;
            end_input(p, INPUT_IO);
            return;
        }
        if (in->mode == 'l' && in->json != NULL && !rasoat_reader_is_array(in->json)) {
            /* JSON Lines: the stream stands just past this record (rasoat.h). */
            struct stat sb;

            p->fast = 1;
            line_frame_init(&p->fr, in->f, rasoat_reader_line(in->json));
            p->chunk = fstat(fileno(in->f), &sb) == 0 && S_ISREG(sb.st_mode) ? BLOCK : PIECE;
            return;
        }
    }
}

/*
** JSON Lines in place: the bytes left after the last batch's records, then the stream
** read on, both in b->text after what it holds, cut into records where their newlines are,
** until the batch holds BATCH_RECORDS records or about BLOCK bytes. A regular file is read a
** block at a time; a pipe or a terminal in small pieces, so that a stream that pauses holds
** back at most one batch, not the records already read. A line longer than the buffer makes
** it grow until it holds the line.
*/
static void fill_in_place(pipeline *p, classify_batch *b)
{
    size_t base = b->text_len, len, pos = base, start, rlen;
    long line;

    if (!reserve(&b->text, &b->text_cap, base + p->carry_len + BLOCK + 1, 1)) {
        p->reader->err = ENOMEM;
        end_input(p, INPUT_IO);
        return;
    }
    if (p->carry_len > 0)
        memcpy(b->text + base, p->carry, p->carry_len);
    len = base + p->carry_len;
    p->carry_len = 0;
    for (;;) {
        size_t cap;

        while (b->n < BATCH_RECORDS && line_frame_next(&p->fr, b->text, &pos, len, &start, &rlen, &line))
            if (!add_record(b, start, rlen, line, 0)) {
                p->reader->err = ENOMEM;
                end_input(p, INPUT_IO);
                return;
            }
        if (b->n >= BATCH_RECORDS || p->fr.eof)
            break;
        if (len + 1 >= b->text_cap) {
            if (b->n > 0)
                break;
            /* No whole record in the buffer: keep what there is, read on into a larger one. */
            memmove(b->text + base, b->text + pos, len - pos);
            len = base + (len - pos);
            pos = base;
            if (!reserve(&b->text, &b->text_cap, b->text_cap * 2, 1)) {
                p->reader->err = ENOMEM;
                end_input(p, INPUT_IO);
                return;
            }
        }
        cap = b->text_cap - len > p->chunk + 1 ? len + p->chunk + 1 : b->text_cap;
        len = line_frame_read(&p->fr, b->text, len, cap);
    }
    b->text_len = len;
    p->carry = b->text + pos;
    p->carry_len = len - pos;
    if (p->fr.err != 0) {              /* a line cut by the failure is not a record */
        p->reader->err = p->fr.err;
        end_input(p, INPUT_IO);
    } else if (p->fr.eof && pos == len) {
        end_input(p, INPUT_END);
    }
}

/* Fill 'b' with the next records (none when the input has ended). */
static void fill(pipeline *p, classify_batch *b)
{
    b->n = 0;
    b->text_len = 0;
    if (!p->fast && !p->ended)
        fill_by_reader(p, b);
    if (p->fast && !p->ended && b->n < BATCH_RECORDS)
        fill_in_place(p, b);
}

/*
** Classify every record of 'b' with 'e' into b->out and count them. The counts and the
** output's length are kept in locals and stored once at the end, so that two threads on
** neighbouring batches of the ring do not write to one cache line record after record.
*/
static void classify_batch_here(rasoat_engine *e, classify_batch *b)
{
    char *out = b->out;
    size_t i, out_len = 0, out_cap = b->out_cap;
    tally counts;
    long errors = 0;
    int no_memory = 0;

    memset(&counts, 0, sizeof counts);
    for (i = 0; i < b->n; i++) {
        batch_record *r = &b->recs[i];
        const char *record = b->text + r->text;
        size_t len = r->text_len;

        if (r->made)
            r->status = RASOAT_E_INPUT;
        else
            r->status = rasoat_classify(e, b->text + r->text, r->text_len, r->line, &record, &len, NULL);
        if (!reserve(&out, &out_cap, out_len + len + 1, 1)) {
            no_memory = 1;
            break;
        }
        memcpy(out + out_len, record, len);
        r->out = out_len;
        r->out_len = len;
        out_len += len;
        out[out_len++] = '\n';
        tally_record(&counts, record, len);
        errors += r->status != RASOAT_OK;
    }
    b->out = out;
    b->out_cap = out_cap;
    b->out_len = out_len;
    b->counts = counts;
    b->errors = errors;
    b->no_memory = no_memory;
}

/* A classifying thread: open its engine, then classify the oldest batch not taken, one
** after the other, until the run stops. */
static void *worker_main(void *arg)
{
    pipeline *p = (pipeline *)arg;
    rasoat_engine *e = NULL;
    rasoat_error err;

    if (rasoat_open(p->opts, &e, &err) != RASOAT_OK) {
        pthread_mutex_lock(&p->lock);
        if (!p->failed) {
            p->failed = p->open_failed = 1;
            p->err = err;
        }
        pthread_cond_broadcast(&p->done);
        pthread_cond_broadcast(&p->freed);
        pthread_mutex_unlock(&p->lock);
        return NULL;
    }
    pthread_mutex_lock(&p->lock);
    for (;;) {
        classify_batch *b;

        while (!p->stopping && p->taken == p->published)
            pthread_cond_wait(&p->ready, &p->lock);
        if (p->stopping)
            break;
        b = &p->ring[p->taken++ % p->slots];
        pthread_mutex_unlock(&p->lock);
        classify_batch_here(e, b);
        pthread_mutex_lock(&p->lock);
        b->done = 1;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    rasoat_close(e);
    return NULL;
}

/* Hand 'b' to the caller; 0 to stop (memory ran out in a thread, or 'take' says so). */
static int hand_over(pipeline *p, classify_batch *b)
{
    if (b->no_memory) {
        fprintf(stderr, CLI_TEXT(p->lang, "rasoat classify: hết bộ nhớ\n", "rasoat classify: out of memory\n"));
        return 0;
    }
    return p->take(p->ctx, b);
}

/*
** The writing thread: each batch in input order, once classified, to 'take', then its slot
** back to the reading thread. Apart from the reading thread, so that a read waiting on a
** pipe never holds back batches already classified.
*/
static void *writer_main(void *arg)
{
    pipeline *p = (pipeline *)arg;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        classify_batch *b;
        int ok;

        while (!p->failed && p->written == p->published && !p->input_done)
            pthread_cond_wait(&p->freed, &p->lock);
        if (p->failed || p->written == p->published)
            break;
        b = &p->ring[p->written % p->slots];
        while (!b->done && !p->failed)
            pthread_cond_wait(&p->done, &p->lock);
        if (p->failed)
            break;
        pthread_mutex_unlock(&p->lock);
        ok = hand_over(p, b);
        pthread_mutex_lock(&p->lock);
        if (!ok)
            p->failed = 1;
        else
            p->written++;
        pthread_cond_broadcast(&p->freed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Start the writing thread and 'jobs' classifying threads; 0 when the writer or no
** classifying thread could start (what started is stopped by stop_threads). */
static int start_threads(pipeline *p, int jobs)
{
    if ((p->threads = (pthread_t *)calloc((size_t)jobs, sizeof *p->threads)) == NULL)
        return 0;
    while (p->started < jobs && pthread_create(&p->threads[p->started], NULL, worker_main, p) == 0)
        p->started++;
    p->writer_started = p->started > 0 && pthread_create(&p->writer, NULL, writer_main, p) == 0;
    return p->writer_started;
}

/* The input is read ('published' is final): wait for the writer to write it all (or to
** stop), then stop every thread. */
static void stop_threads(pipeline *p)
{
    int i;

    pthread_mutex_lock(&p->lock);
    p->input_done = 1;
    if (!p->writer_started)
        p->failed = 1;
    pthread_cond_broadcast(&p->freed);
    pthread_mutex_unlock(&p->lock);
    if (p->writer_started)
        pthread_join(p->writer, NULL);
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->lock);
    for (i = 0; i < p->started; i++)
        pthread_join(p->threads[i], NULL);
    free(p->threads);
}

/* A free slot for the next batch; NULL when the run stops. */
static classify_batch *next_slot(pipeline *p)
{
    classify_batch *b = NULL;

    pthread_mutex_lock(&p->lock);
    while (!p->failed && p->published - p->written == p->slots)
        pthread_cond_wait(&p->freed, &p->lock);
    if (!p->failed)
        b = &p->ring[p->published % p->slots];
    pthread_mutex_unlock(&p->lock);
    return b;
}

/* Hand the filled batch 'b' to the threads. */
static void publish(pipeline *p, classify_batch *b)
{
    pthread_mutex_lock(&p->lock);
    b->done = 0;
    p->published++;
    pthread_cond_signal(&p->ready);
    pthread_cond_broadcast(&p->freed);    /* the writer may wait for it */
    pthread_mutex_unlock(&p->lock);
}

input_status classify_jobs_run(const rasoat_options *opts, int jobs, rasoat_engine *engine,
                               input *reader, rasoat_lang lang, batch_take_fn take,
                               batch_notice_fn notice, void *ctx)
{
    pipeline p;
    size_t i;
    int ok = 1;

    memset(&p, 0, sizeof p);
    p.opts = opts;
    p.take = take;
    p.reader = reader;
    p.engine = engine;
    p.lang = lang;
    p.notice = notice;
    p.ctx = ctx;
    p.slots = 2 * (size_t)jobs + SPARE_BATCHES;
    if ((p.ring = (classify_batch *)calloc(p.slots, sizeof *p.ring)) == NULL) {
        reader->err = ENOMEM;
        return INPUT_IO;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_cond_init(&p.freed, NULL);
    fill(&p, &p.ring[0]);
    if (p.ended) {
        /* The whole input is one batch: classified here, no thread or engine to start. */
        classify_batch_here(engine, &p.ring[0]);
        ok = p.ring[0].n == 0 || hand_over(&p, &p.ring[0]);
    } else if (!start_threads(&p, jobs)) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat classify: không khởi động được luồng\n",
                                 "rasoat classify: cannot start a thread\n"));
        ok = 0;
    } else {
        classify_batch *b = &p.ring[0];

        publish(&p, b);
        while (!p.ended && (b = next_slot(&p)) != NULL) {
            fill(&p, b);
            if (b->n > 0)
                publish(&p, b);
        }
    }
    if (p.threads != NULL) {
        stop_threads(&p);
        ok = !p.failed;
        if (p.open_failed)
            cli_report_open_error(&p.err);
    }
    for (i = 0; i < p.slots; i++) {
        free(p.ring[i].text);
        free(p.ring[i].recs);
        free(p.ring[i].out);
    }
    free(p.ring);
    pthread_cond_destroy(&p.freed);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.ready);
    pthread_mutex_destroy(&p.lock);
    if (!ok)
        return INPUT_IO;
    return p.ended ? p.st : INPUT_END;
}
