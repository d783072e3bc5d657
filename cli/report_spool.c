/*
** report_spool.c: external merge sort of lines (report_spool.h). Lines in memory live in
** chunks that are kept from run to run (their pointers stay valid while sorting); a run is
** appended to one unlinked temporary file, and its bounds remembered; the merge reads each
** run through a buffer of its own with pread and takes the smallest line from a heap.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "report_spool.h"

#define CHUNK_BYTES (1u << 20)      /* text of lines in memory, allocated this much at a time */

struct report_spool_chunk {
    report_spool_chunk *next;
    size_t size, used;
    char *text;
};

typedef struct run {
    off_t start, end;
} run;

struct report_spool_file {
    FILE *f;                    /* appended through the stream, read by pread on its fd */
    off_t size;                 /* bytes appended */
    run *runs;
    size_t nruns, cap;
};

/* {====================================================================
** The temporary file of runs
** ===================================================================== */

/* A new, empty, unlinked temporary file of runs, or NULL. */
static report_spool_file *file_open(void)
{
    const char *dir = getenv("TMPDIR");
    report_spool_file *rf;
    char *path;
    size_t n;
    int fd;

    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    n = strlen(dir) + sizeof "/rasoat-report-XXXXXX";
    if ((rf = (report_spool_file *)calloc(1, sizeof *rf)) == NULL)
        return NULL;
    if ((path = (char *)malloc(n)) == NULL) {
        free(rf);
        return NULL;
    }
    snprintf(path, n, "%s/rasoat-report-XXXXXX", dir);
    fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);           /* gone from the directory; the data live until closed */
    free(path);
    if (fd < 0 || (rf->f = fdopen(fd, "w+b")) == NULL) {
        if (fd >= 0)
            close(fd);
        free(rf);
        return NULL;
    }
    return rf;
}

static void file_close(report_spool_file *rf)
{
    if (rf == NULL)
        return;
    fclose(rf->f);
    free(rf->runs);
    free(rf);
}

/* Append 'len' bytes of the run being written. Returns 0 on failure. */
static int file_put(report_spool_file *rf, const char *bytes, size_t len)
{
    if (len > 0 && fwrite(bytes, 1, len, rf->f) != len)
        return 0;
    rf->size += (off_t)len;
    return 1;
}

/* End the run that began at 'start' (everything appended since). Returns 0 on failure. */
static int file_end_run(report_spool_file *rf, off_t start)
{
    if (rf->nruns == rf->cap) {
        size_t cap = rf->cap ? rf->cap * 2 : 64;
        run *g = (run *)realloc(rf->runs, cap * sizeof *g);

        if (g == NULL)
            return 0;
        rf->runs = g;
        rf->cap = cap;
    }
    rf->runs[rf->nruns].start = start;
    rf->runs[rf->nruns].end = rf->size;
    rf->nruns++;
    return 1;
}

/* }==================================================================== */

void report_spool_init(report_spool *s, size_t limit)
{
    memset(s, 0, sizeof *s);
    s->limit = limit ? limit : 1;
    s->fanin = REPORT_SPOOL_FANIN;
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Forget the lines in memory, keeping their chunks for the next ones. */
static void reset_lines(report_spool *s)
{
    report_spool_chunk *c;

    for (c = s->chunks; c != NULL; c = c->next)
        c->used = 0;
    s->chunk = s->chunks;
    s->n = 0;
    s->bytes = 0;
}

static void free_chunks(report_spool *s)
{
    report_spool_chunk *c = s->chunks, *next;

    for (; c != NULL; c = next) {
        next = c->next;
        free(c->text);
        free(c);
    }
    s->chunks = s->chunk = NULL;
}

/* Room for 'size' bytes of text in memory (a chunk from the one being filled on). */
static char *room(report_spool *s, size_t size)
{
    report_spool_chunk *c = s->chunk, **link;
    char *p;

    while (c != NULL && c->size - c->used < size)
        c = c->next;        /* a chunk kept from an earlier run, or a later one */
    if (c == NULL) {
        size_t want = s->limit < CHUNK_BYTES ? s->limit : CHUNK_BYTES;

        if ((c = (report_spool_chunk *)calloc(1, sizeof *c)) == NULL)
            return NULL;
        c->size = size > want ? size : want;
        if ((c->text = (char *)malloc(c->size)) == NULL) {
            free(c);
            return NULL;
        }
        for (link = &s->chunks; *link != NULL; link = &(*link)->next)
            ;
        *link = c;
    }
    s->chunk = c;
    p = c->text + c->used;
    c->used += size;
    return p;
}

/* Sort the lines in memory and append them to the file as one run. */
static int write_run(report_spool *s)
{
    off_t start;
    size_t i;
    int ok = 1;

    if (s->file == NULL && (s->file = file_open()) == NULL)
        return 0;
    start = s->file->size;
    qsort(s->lines, s->n, sizeof *s->lines, compare_lines);
    for (i = 0; ok && i < s->n; i++) {
        size_t len = strlen(s->lines[i]);

        s->lines[i][len] = '\n';            /* the NUL becomes the line's end */
        ok = file_put(s->file, s->lines[i], len + 1);
    }
    ok = ok && file_end_run(s->file, start);
    s->nruns++;
    reset_lines(s);
    return ok;
}

int report_spool_add(report_spool *s, const char *line, size_t len)
{
    char *copy;

    if (s->failed)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        char **grown = (char **)realloc(s->lines, cap * sizeof *grown);

        if (grown == NULL)
            return (s->failed = 1, 0);
        s->lines = grown;
        s->cap = cap;
    }
    /* A line that would take the memory past the limit goes after a run is written. */
    if (s->n > 0 && s->bytes + len + 1 + sizeof(char *) > s->limit && !write_run(s))
        return (s->failed = 1, 0);
    if ((copy = room(s, len + 1)) == NULL)
        return (s->failed = 1, 0);
    memcpy(copy, line, len);
    copy[len] = '\0';
    s->lines[s->n++] = copy;
    s->bytes += len + 1 + sizeof(char *);
    if (s->bytes > s->peak)
        s->peak = s->bytes;
    return 1;
}

size_t report_spool_runs(const report_spool *s)
{
    return s->nruns;
}

size_t report_spool_peak(const report_spool *s)
{
    return s->peak;
}

/* {====================================================================
** Merging runs
** ===================================================================== */

/* One run being read: its bytes [pos, end) of the file not yet in 'buf'. */
typedef struct reader {
    int fd;
    off_t pos, end;
    char *buf;
    size_t cap, len, start;     /* buf[start, len) not yet given */
    char *line;                 /* the current line (NUL-terminated in buf), NULL at the end */
    size_t line_len;
} reader;

/* Read the run's next line into 'r->line'. Returns 0 on a read failure. */
static int next_line(reader *r)
{
    for (;;) {
        char *nl = r->len > r->start ? (char *)memchr(r->buf + r->start, '\n', r->len - r->start) : NULL;
        ssize_t got;
        size_t want;

        if (nl != NULL) {
            *nl = '\0';
            r->line = r->buf + r->start;
            r->line_len = (size_t)(nl - r->line);
            r->start = (size_t)(nl - r->buf) + 1;
            return 1;
        }
        if (r->pos >= r->end) {
            r->line = NULL;     /* every run ends with a LF: nothing is left */
            return r->len == r->start;
        }
        /* Keep the part of a line read so far at the front; grow for a long line. */
        memmove(r->buf, r->buf + r->start, r->len - r->start);
        r->len -= r->start;
        r->start = 0;
        if (r->len == r->cap) {
            char *g = (char *)realloc(r->buf, r->cap * 2);

            if (g == NULL)
                return 0;
            r->buf = g;
            r->cap *= 2;
        }
        want = r->cap - r->len;
        if ((off_t)want > r->end - r->pos)
            want = (size_t)(r->end - r->pos);
        do
            got = pread(r->fd, r->buf + r->len, want, r->pos);
        while (got < 0 && errno == EINTR);
        if (got <= 0)
            return 0;
        r->len += (size_t)got;
        r->pos += got;
    }
}

/* Is reader 'a''s line before 'b''s? */
static int before(const reader *a, const reader *b)
{
    return strcmp(a->line, b->line) < 0;
}

/* Restore the heap of readers 'h' (n of them) below position 'i'. */
static void sift_down(reader **h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        reader *t;

        if (l < n && before(h[l], h[m]))
            m = l;
        if (r < n && before(h[r], h[m]))
            m = r;
        if (m == i)
            return;
        t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/*
** Merge runs [first, first + count) of 'rf', giving each line in byte order to 'fn' (its
** text NUL-terminated, valid during the call). Returns 1, or 0 when 'fn' does or reading
** fails.
*/
static int merge_runs(report_spool_file *rf, size_t first, size_t count,
                      int (*fn)(void *ctx, char *line, size_t len), void *ctx)
{
    reader *rs = (reader *)calloc(count ? count : 1, sizeof *rs);
    reader **heap = (reader **)calloc(count ? count : 1, sizeof *heap);
    size_t i, n = 0;
    int ok = rs != NULL && heap != NULL && fflush(rf->f) == 0;

    for (i = 0; ok && i < count; i++) {
        reader *r = &rs[i];

        r->fd = fileno(rf->f);
        r->pos = rf->runs[first + i].start;
        r->end = rf->runs[first + i].end;
        r->cap = REPORT_SPOOL_READ;
        if ((r->buf = (char *)malloc(r->cap)) == NULL || !next_line(r))
            ok = 0;
        else if (r->line != NULL)
            heap[n++] = r;
    }
    for (i = n / 2; ok && i-- > 0;)
        sift_down(heap, n, i);
    while (ok && n > 0) {
        reader *top = heap[0];

        ok = fn(ctx, top->line, top->line_len) && next_line(top);
        if (top->line == NULL)
            heap[0] = heap[--n];
        sift_down(heap, n, 0);
    }
    for (i = 0; rs != NULL && i < count; i++)
        free(rs[i].buf);
    free(rs);
    free(heap);
    return ok;
}

/* Append a line given by merge_runs to the file of the next pass. */
static int put_merged(void *ctx, char *line, size_t len)
{
    report_spool_file *to = (report_spool_file *)ctx;

    line[len] = '\n';
    return file_put(to, line, len + 1);
}

/* Merge the runs of '*rf' 'fanin' at a time into a new file (replacing '*rf'), until at
** most 'fanin' are left. Returns the passes made, -1 on failure. */
static int merge_down(report_spool_file **rf, size_t fanin)
{
    int passes = 0;

    if (fanin < 2)
        fanin = 2;
    while ((*rf)->nruns > fanin) {
        report_spool_file *to = file_open();
        size_t first;

        if (to == NULL)
            return -1;
        for (first = 0; first < (*rf)->nruns; first += fanin) {
            size_t count = (*rf)->nruns - first < fanin ? (*rf)->nruns - first : fanin;
            off_t start = to->size;

            if (!merge_runs(*rf, first, count, put_merged, to) || !file_end_run(to, start)) {
                file_close(to);
                return -1;
            }
        }
        file_close(*rf);        /* its space is given back before the next pass */
        *rf = to;
        passes++;
    }
    return passes;
}

/* }==================================================================== */

int report_spool_drain(report_spool *s, int (*fn)(void *ctx, char *line, size_t len), void *ctx)
{
    size_t i;
    int ok = !s->failed && fn != NULL, passes = 0;

    if (ok && s->nruns == 0) {  /* everything fit in memory */
        if (s->n > 0)
            qsort(s->lines, s->n, sizeof *s->lines, compare_lines);
        for (i = 0; ok && i < s->n; i++)
            ok = fn(ctx, s->lines[i], strlen(s->lines[i]));
    } else if (ok) {
        if (s->n > 0)
            ok = write_run(s);
        free_chunks(s);         /* the merge needs only its read buffers */
        if (ok && (passes = merge_down(&s->file, s->fanin)) < 0)
            ok = 0;
        ok = ok && merge_runs(s->file, 0, s->file->nruns, fn, ctx);
    }
    free_chunks(s);
    free(s->lines);
    file_close(s->file);
    memset(s, 0, sizeof *s);
    s->passes = passes > 0 ? passes : 0;
    return ok;
}
