/*
** report_spool.c: external merge sort of lines (report_spool.h). Runs go to tmpfile(),
** which the system removes when closed or when the process ends.
*/
#include <stdlib.h>
#include <string.h>

#include <sys/types.h>

#include "report_spool.h"

void report_spool_init(report_spool *s, size_t limit)
{
    memset(s, 0, sizeof *s);
    s->limit = limit ? limit : 1;
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_lines(report_spool *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->lines[i]);
    s->n = 0;
    s->bytes = 0;
}

/* Sort the lines in memory and write them as one run. */
static int write_run(report_spool *s)
{
    FILE **runs = (FILE **)realloc(s->runs, (s->nruns + 1) * sizeof *runs);
    FILE *f;
    size_t i;
    int ok;

    if (runs == NULL)
        return 0;
    s->runs = runs;
    if ((f = tmpfile()) == NULL)
        return 0;
    qsort(s->lines, s->n, sizeof *s->lines, compare_lines);
    ok = 1;
    for (i = 0; ok && i < s->n; i++)
        ok = fputs(s->lines[i], f) >= 0 && fputc('\n', f) != EOF;
    ok = ok && fflush(f) == 0 && fseek(f, 0, SEEK_SET) == 0;
    s->runs[s->nruns++] = f;
    free_lines(s);
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
    if ((copy = (char *)malloc(len + 1)) == NULL)
        return (s->failed = 1, 0);
    memcpy(copy, line, len);
    copy[len] = '\0';
    s->lines[s->n++] = copy;
    s->bytes += len + 1 + sizeof(char *);
    if (s->bytes >= s->limit && !write_run(s))
        return (s->failed = 1, 0);
    return 1;
}

size_t report_spool_runs(const report_spool *s)
{
    return s->nruns;
}

typedef struct head {
    char *line;
    size_t cap;
    ssize_t len;                /* -1: run exhausted */
} head;

/* Read the next line of a run, without its LF. */
static void next_line(head *h, FILE *f)
{
    h->len = getline(&h->line, &h->cap, f);
    if (h->len > 0 && h->line[h->len - 1] == '\n')
        h->line[--h->len] = '\0';
}

int report_spool_drain(report_spool *s, int (*fn)(void *ctx, char *line, size_t len), void *ctx)
{
    head *heads = NULL;
    size_t i;
    int ok = !s->failed && fn != NULL;

    if (ok && s->nruns == 0) {  /* everything fit in memory */
        if (s->n > 0)
            qsort(s->lines, s->n, sizeof *s->lines, compare_lines);
        for (i = 0; ok && i < s->n; i++)
            ok = fn(ctx, s->lines[i], strlen(s->lines[i]));
    } else if (ok) {
        if (s->n > 0)
            ok = write_run(s);
        heads = (head *)calloc(s->nruns ? s->nruns : 1, sizeof *heads);
        ok = ok && heads != NULL;
        for (i = 0; ok && i < s->nruns; i++)
            next_line(&heads[i], s->runs[i]);
        while (ok) {
            size_t best = s->nruns;

            for (i = 0; i < s->nruns; i++)
                if (heads[i].len >= 0 && (best == s->nruns || strcmp(heads[i].line, heads[best].line) < 0))
                    best = i;
            if (best == s->nruns)
                break;
            ok = fn(ctx, heads[best].line, (size_t)heads[best].len);
            next_line(&heads[best], s->runs[best]);
        }
        for (i = 0; i < s->nruns; i++) {
            if (heads != NULL)
                free(heads[i].line);
            if (ferror(s->runs[i]))
                ok = 0;
        }
    }
    free(heads);
    free_lines(s);
    free(s->lines);
    for (i = 0; i < s->nruns; i++)
        fclose(s->runs[i]);
    free(s->runs);
    memset(s, 0, sizeof *s);
    return ok;
}
