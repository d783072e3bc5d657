/*
** diff_scan.c: the reading half of 'rasoat diff' (diff.h): every household is classified
** once under each rule set (two engines, each forced to one set); a household whose class
** differs (a mover) is then explained under each (rasoat_explain: the deciding provision
** and its threshold tests) and its part of the report is written at once, in the run's
** format, to the spool (diff_spool.h). Only the matrices, the communes and the first ids
** each --expect names stay in memory, so memory does not grow with the file.
**
** With --jobs N > 1 the reading thread fills batches of records that N threads (cli/workers.c,
** each with an engine per rule set) evaluate; the reading thread then takes each batch's
** outcomes in input order, so the report is the same bytes for every N.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "diff_scan.h"
#include "diff_spool.h"
#include "io_error.h"
#include "workers.h"

/* Records a batch holds: enough to keep the threads busy, few enough for flat memory. */
#define BATCH 512

static const char *const class_names[DIFF_UNDETERMINED] = {"poor", "near_poor", "middle_income", "not_poor"};

/* End the process for memory that ran out (as diff_xrealloc does). */
static void out_of_memory(void)
{
    fputs("rasoat diff: out of memory\n", stderr);
    exit(EXIT_IO);
}

/*
** Classify record 'text' with 'engine' into 'side': its class, or pseudo-class and error
** message. Only the national class counts: local standards add to the record but do not
** change it. 'side' owns what it is given (free_side).
*/
static void classify_side(rasoat_engine *engine, const char *text, size_t len, long line, diff_side *side)
{
    const char *out;
    size_t out_len;
    cJSON *record, *error, *cls;
    rasoat_error err;
    int i;

    memset(side, 0, sizeof *side);
    side->cls = -1;
    rasoat_classify(engine, text, len, line, &out, &out_len, &err);
    record = cJSON_ParseWithLength(out, out_len);
    cls = cJSON_GetObjectItemCaseSensitive(record, "class");
    error = cJSON_GetObjectItemCaseSensitive(record, "error");
    for (i = 0; cJSON_IsString(cls) && i < DIFF_UNDETERMINED; i++)
        if (strcmp(cls->valuestring, class_names[i]) == 0)
            side->cls = i;
    if (side->cls < 0) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
        const cJSON *field = cJSON_GetObjectItemCaseSensitive(error, "field");
        const cJSON *message = cJSON_GetObjectItemCaseSensitive(error, "message");
        const char *said = cJSON_IsString(message) ? message->valuestring : cJSON_IsString(cls) ? cls->valuestring : "?";
        const char *where = cJSON_IsString(field) && strstr(said, field->valuestring) == NULL ? field->valuestring : NULL;
        size_t n = strlen(said) + (where ? strlen(where) + 2 : 0) + 1;

        side->cls = cJSON_IsString(code) && strcmp(code->valuestring, "undetermined") == 0
                        ? DIFF_UNDETERMINED : DIFF_ERROR;
        side->message = (char *)diff_xrealloc(NULL, n);
        snprintf(side->message, n, "%s%s%s", where ? where : "", where ? ": " : "", said);
    }
    cJSON_Delete(record);
}

/*
** Add to 'side' (classified by classify_side, not again here) why it got its class: the
** deciding provision and tests from rasoat_explain, or for an error the message itself.
*/
static void explain_side(rasoat_engine *engine, const char *text, size_t len, rasoat_lang lang, diff_side *side)
{
    if (side->cls != DIFF_ERROR) {
        const char *expl;
        size_t expl_len;
        cJSON *parsed;
        rasoat_error err;

        if (rasoat_explain(engine, text, len, lang, RASOAT_EXPLAIN_JSON, &expl, &expl_len, &err) == RASOAT_OK
            && (parsed = cJSON_ParseWithLength(expl, expl_len)) != NULL) {
            diff_side_explain(side, parsed, lang);
            cJSON_Delete(parsed);
            return;
        }
    }
    side->tests = cJSON_CreateArray();
    side->reason = diff_xstrdup(side->message ? side->message : "?");
}

static void free_side(diff_side *side)
{
    free(side->provision);
    free(side->message);
    free(side->reason);
    cJSON_Delete(side->tests);
}

/*
** The outcome of one household, as a worker hands it to the reading thread in 'it->out':
** the classes under A and B as the characters '0' + DIFF_*, the commune, NUL, the id
** (movers only), NUL, then the mover's part of the report (movers only).
*/
static void encode(work_item *it, int a, int b, const char *commune, const char *id,
                   const char *part, size_t part_len)
{
    size_t nc = strlen(commune), ni = id ? strlen(id) : 0;
    char *p = (char *)malloc(2 + nc + 1 + ni + 1 + part_len);

    if (p == NULL)
        out_of_memory();
    p[0] = (char)('0' + a);
    p[1] = (char)('0' + b);
    memcpy(p + 2, commune, nc + 1);
    if (ni)
        memcpy(p + 3 + nc, id, ni);
    p[3 + nc + ni] = '\0';
    if (part_len)
        memcpy(p + 4 + nc + ni, part, part_len);
    it->out = p;
    it->out_len = 4 + nc + ni + part_len;
    it->status = RASOAT_OK;
}

/*
** Evaluate household 'it' (its text set) under 'ea' (rule set A) and 'eb' (B) into
** 'it->out' (encode). Reads only run's from, to, lang and format: safe on any thread
** with engines of its own.
*/
static void evaluate(rasoat_engine *ea, rasoat_engine *eb, const diff_run *run, work_item *it)
{
    cJSON *parsed = cJSON_ParseWithLength(it->text, it->len);
    const cJSON *commune = cJSON_GetObjectItemCaseSensitive(parsed, "commune");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(parsed, "id");
    const char *name = cJSON_IsString(commune) && commune->valuestring[0] ? commune->valuestring : "(none)";
    diff_side a, b;

    classify_side(ea, it->text, it->len, it->line, &a);
    classify_side(eb, it->text, it->len, it->line, &b);
    if (a.cls != b.cls) {
        char idbuf[32], *part = NULL;
        size_t part_len = 0;
        FILE *ms;
        diff_mover m;

        explain_side(ea, it->text, it->len, run->lang, &a);
        explain_side(eb, it->text, it->len, run->lang, &b);
        snprintf(idbuf, sizeof idbuf, "#%ld", it->line);
        m.id = (char *)(cJSON_IsString(id) ? id->valuestring : idbuf);
        m.commune = (char *)name;
        m.line = it->line;
        m.a = a;
        m.b = b;
        if ((ms = open_memstream(&part, &part_len)) == NULL)
            out_of_memory();
        if (diff_mover_write(ms, run, &m) != 0 || fclose(ms) != 0)
            out_of_memory();
        encode(it, a.cls, b.cls, name, m.id, part, part_len);
        free(part);
    } else {
        encode(it, a.cls, b.cls, name, NULL, NULL, 0);
    }
    free_side(&a);
    free_side(&b);
    cJSON_Delete(parsed);
}

/* work_fn for the threads: engines[0] has rule set A, engines[1] B; 'ctx' is the run. */
static void evaluate_work(rasoat_engine *const *engines, work_item *it, void *ctx)
{
    evaluate(engines[0], engines[1], (const diff_run *)ctx, it);
}

/* A string's hash (FNV-1a). */
static size_t hash(const char *s)
{
    size_t h = (size_t)2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)16777619u;
    return h;
}

/* Put commune 'i' of 'run' into the hash index (which has room). */
static void index_commune(diff_run *run, size_t i)
{
    size_t k = hash(run->communes[i].name) & (run->nslots - 1);

    while (run->commune_slots[k] != 0)
        k = (k + 1) & (run->nslots - 1);
    run->commune_slots[k] = i + 1;
}

/* The commune entry named 'name', added at the end when first seen. */
static diff_commune *commune_of(diff_run *run, const char *name)
{
    size_t k, i;
    diff_commune *c;

    if (run->nslots > 0)
        for (k = hash(name) & (run->nslots - 1); run->commune_slots[k] != 0; k = (k + 1) & (run->nslots - 1))
            if (strcmp(run->communes[run->commune_slots[k] - 1].name, name) == 0)
                return &run->communes[run->commune_slots[k] - 1];
    if (run->ncommunes == run->communes_cap) {
        run->communes_cap = run->communes_cap ? run->communes_cap * 2 : 8;
        run->communes = (diff_commune *)diff_xrealloc(run->communes, run->communes_cap * sizeof *run->communes);
    }
    c = &run->communes[run->ncommunes++];
    memset(c, 0, sizeof *c);
    c->name = diff_xstrdup(name);
    if (run->ncommunes * 2 >= run->nslots) {       /* keep it less than half full */
        run->nslots = run->nslots ? run->nslots * 2 : 64;
        free(run->commune_slots);
        if ((run->commune_slots = (size_t *)calloc(run->nslots, sizeof *run->commune_slots)) == NULL)
            out_of_memory();
        for (i = 0; i < run->ncommunes; i++)
            index_commune(run, i);
    } else {
        index_commune(run, run->ncommunes - 1);
    }
    return c;
}

/*
** Count one household's outcome (encode) into 'run' and, for a mover, append its part of
** the report to the spool and its id to the expectations it concerns. Returns 0, or -1
** (errno set) when the spool cannot be made or written.
*/
static int take(diff_run *run, const work_item *it)
{
    int a = it->out[0] - '0', b = it->out[1] - '0';
    const char *commune = it->out + 2, *id = commune + strlen(commune) + 1;
    const char *part = id + strlen(id) + 1;
    diff_commune *c = commune_of(run, commune);
    size_t i;

    run->households++;
    c->households++;
    run->total.n[a][b]++;
    c->m.n[a][b]++;
    if (a == b)
        return 0;
    run->changed++;
    run->nmoved++;
    for (i = 0; i < run->nexpects; i++) {
        diff_expect *e = &run->expects[i];

        if (e->nshown < DIFF_EXPECT_SHOWN && (e->kind == DIFF_EXPECT_AT_MOST_CHANGE || (a == e->from && b == e->to)))
            e->shown[e->nshown++] = diff_xstrdup(id);
    }
    if (run->spool == NULL && (run->spool = diff_spool_open()) == NULL)
        return -1;
    if (run->format == DIFF_FORMAT_JSON && run->nmoved > 1 && diff_spool_append(run->spool, ", ", 2) != 0)
        return -1;
    return diff_spool_append(run->spool, part, (size_t)(it->out + it->out_len - part));
}

/* Read the next record of 'in' into 'it' (its text copied, or for a fragment that is not
** JSON its outcome: an error under both). Returns the reader's status. */
static input_status next_item(input *in, work_item *it)
{
    input_status st = input_next(in, &it->line);

    if (st != INPUT_RECORD && st != INPUT_BROKEN)
        return st;
    if (in->notice != NULL)
        fprintf(stderr, "rasoat diff: %s\n", in->notice);
    it->text = NULL;
    it->out = NULL;
    if (st == INPUT_BROKEN) {
        encode(it, DIFF_ERROR, DIFF_ERROR, "(none)", NULL, NULL, 0);
    } else {
        if ((it->text = (char *)malloc(in->length + 1)) == NULL)
            out_of_memory();
        memcpy(it->text, in->buf, in->length);
        it->text[in->length] = '\0';
        it->len = in->length;
    }
    return st;
}

/* Take a batch's outcomes in order and free its items; 0, or -1 when the spool failed. */
static int drain(diff_run *run, work_batch *b, int ok)
{
    size_t i;

    for (i = 0; i < b->n; i++) {
        if (ok && take(run, &b->items[i]) != 0)
            ok = 0;
        free(b->items[i].text);
        free(b->items[i].out);
    }
    b->n = 0;
    return ok ? 0 : -1;
}

/* Fill 'b' with up to BATCH records of 'in'; returns the reader's last status. */
static input_status fill(input *in, work_batch *b)
{
    input_status st = INPUT_RECORD;

    b->n = 0;
    while (b->n < BATCH && ((st = next_item(in, &b->items[b->n])) == INPUT_RECORD || st == INPUT_BROKEN))
        b->n++;
    return st;
}

/* The records of 'in' on 'jobs' threads, batch after batch, with 'ea' and 'eb' (of rule
** sets A and B) for an input that fits in one batch; -1 when the spool failed, -2 when the
** threads did not start ('err' filled), else 0 with '*st' the reader's end. */
static int scan_parallel(diff_run *run, rasoat_engine *ea, rasoat_engine *eb, const rasoat_options opts[2],
                         int jobs, input *in, input_status *st, rasoat_error *err)
{
    work_item *items = (work_item *)calloc(2 * BATCH, sizeof *items);
    work_batch b[2];
    workers *w;
    int cur = 0, failed = 0;

    if (items == NULL)
        out_of_memory();
    memset(b, 0, sizeof b);
    b[0].items = items;
    b[1].items = items + BATCH;
    *st = fill(in, &b[cur]);
    if (*st != INPUT_RECORD && *st != INPUT_BROKEN) {
        /* The whole input is one batch: evaluated here by the threads' own loop, with the
        ** reading thread's engines, so no thread starts and no engine of theirs opens. */
        rasoat_engine *const both[2] = {ea, eb};

        workers_run_here(both, evaluate_work, run, &b[cur]);
        failed = drain(run, &b[cur], 1);
        free(items);
        return failed;
    }
    if ((w = workers_start_with(opts, 2, jobs, evaluate_work, run, err)) == NULL) {
        drain(run, &b[cur], 0);     /* frees the batch read */
        free(items);
        return -2;
    }
    workers_submit(w, &b[cur]);
    while (b[cur].n > 0) {
        int nxt = 1 - cur;

        if (*st == INPUT_RECORD || *st == INPUT_BROKEN)
            *st = fill(in, &b[nxt]);
        workers_submit(w, &b[nxt]);
        workers_wait(w, &b[cur]);
        if (drain(run, &b[cur], 1) != 0) {
            failed = -1;
            break;
        }
        cur = nxt;
    }
    workers_wait(w, &b[1 - cur]);
    drain(run, &b[1 - cur], 0);     /* frees what is left after a failure */
    drain(run, &b[cur], 0);
    workers_stop(w);
    free(items);
    return failed;
}

int diff_scan(diff_run *run, rasoat_engine *ea, rasoat_engine *eb, const rasoat_options opts[2],
              int jobs, input *in)
{
    input_status st = INPUT_RECORD;
    rasoat_error err;
    int failed = 0;

    if (jobs > 1) {
        failed = scan_parallel(run, ea, eb, opts, jobs, in, &st, &err);
        if (failed == -2) {
            cli_report_open_error(&err);
            return EXIT_USAGE;
        }
    } else {
        work_item it;

        memset(&it, 0, sizeof it);
        while (!failed && ((st = next_item(in, &it)) == INPUT_RECORD || st == INPUT_BROKEN)) {
            if (it.text != NULL)
                evaluate(ea, eb, run, &it);
            failed = take(run, &it);
            free(it.text);
            free(it.out);
        }
    }
    if (failed) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(run->lang, "rasoat diff: không ghi được tệp tạm: %s\n",
                                 "rasoat diff: cannot write the temporary file: %s\n"),
                cli_strerror(errno ? errno : EIO, run->lang, cause, sizeof cause));
        return EXIT_IO;
    }
    if (st == INPUT_IO) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(run->lang, "rasoat diff: không đọc được %s: %s\n", "rasoat diff: cannot read %s: %s\n"),
                run->path, cli_strerror(in->err ? in->err : EIO, run->lang, cause, sizeof cause));
        return EXIT_IO;
    }
    return EXIT_ALL_CLASSIFIED;
}
