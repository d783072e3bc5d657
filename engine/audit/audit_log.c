/*
** audit_log.c: writing the decision log (see audit_log.h for the line format, log_line.c
** for reading one back, and docs/audit.md for the chain). Each line is built here up to its
** chain fields, in a batch that, once it holds LOG_BATCH bytes (and at close), goes to the
** chain's thread (log_chain.c), which adds prev, decision and hash and writes the lines
** with one write() while the next batch is built; a failure there is reported at the next
** batch or at close, and nothing after it is written.
** The file is opened O_APPEND and every write() holds only complete lines, so a crash or a
** short write leaves complete lines and at most one torn last line, which verify reports
** as such and which stops a later run from appending until it is repaired. Lines still in
** the batch when the process dies are lost whole, as is the result file, which outfile.c
** only puts in place at the end of a run.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <pwd.h>
#include <unistd.h>

#include <sodium.h>

#include "json_scan.h"

#include "archive.h"
#include "audit_log.h"
#include "audit_text.h"
#include "engine_internal.h"
#include "error.h"
#include "log_line.h"
#include "log_scan.h"
#include "log_chain.h"

/* The decision log's lines gather in a batch of about this many bytes per write(). */
#define LOG_BATCH (256u * 1024u)

/* The deepest JSON a result record may hold (cJSON's own nesting limit). */
#define RESULT_MAX_DEPTH 1000

/* {====================================================================
** Building a line
** ===================================================================== */

typedef struct strbuf {
    char *data;
    size_t length, capacity;
    int failed; /* out of memory at some point: the text is incomplete */
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->length + n + 1 > b->capacity) {
        size_t cap = b->capacity ? b->capacity : 4096;
        char *grown;

        while (cap < b->length + n + 1)
            cap *= 2;
        grown = (char *)realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->capacity = cap;
    }
    memcpy(b->data + b->length, s, n);
    b->length += n;
    b->data[b->length] = '\0';
}

static void sb_puts(strbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* 'n' bytes as a JSON string (quotes, escapes; bytes >= 0x80 go through unchanged). */
static void sb_json_string(strbuf *b, const char *s, size_t n)
{
    size_t i;

    sb_add(b, "\"", 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];

        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            sb_add(b, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            sb_add(b, esc, 6);
        } else {
            sb_add(b, (const char *)&s[i], 1);
        }
    }
    sb_add(b, "\"", 1);
}

/* Print 'json' unformatted into 'b' ("null" for NULL). */
static void sb_json(strbuf *b, const cJSON *json)
{
    char *text = json != NULL ? cJSON_PrintUnformatted(json) : NULL;

    if (json != NULL && text == NULL)
        b->failed = 1;
    sb_puts(b, text != NULL ? text : "null");
    cJSON_free(text);
}

/*
** Is 'printed' (cJSON's unformatted print of 'raw') the very text 'raw' once the blanks
** outside strings are taken out? Then the engine reads the two the same way, and the log
** can hold the record as JSON; otherwise (numbers written "1.0" or "1e3", escapes such as
** "\u00e9", ...) it holds the raw text, so that a replay gives the engine the same bytes.
*/
static int same_but_blanks(const char *raw, size_t n, const char *printed)
{
    size_t i;
    json_quote q = {0, 0};

    for (i = 0; i < n; i++) {
        if (!q.in_string && json_is_blank(raw[i]))
            continue;
        if (*printed++ != raw[i])
            return 0;
        json_quote_step(&q, raw[i]);
    }
    return *printed == '\0';
}

/* sb_add for json_strip. */
static void sb_add_to(void *b, const char *s, size_t n)
{
    sb_add((strbuf *)b, s, n);
}

/* The first byte of 'text' that is not a blank, or NUL. */
static char json_first_char(const char *text, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!json_is_blank(text[i]))
            return text[i];
    return '\0';
}

/* How deeply 'node' nests (a scalar is 0), stopping once past 'limit'. */
static int depth_of(const cJSON *node, int limit)
{
    const cJSON *child;
    int deepest = 0;

    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return 0;
    for (child = node->child; child != NULL && deepest <= limit; child = child->next) {
        int d = depth_of(child, limit - 1);

        if (d > deepest)
            deepest = d;
    }
    return deepest + 1;
}

/*
** The input member: "input": the record as JSON when that is faithful and no deeper than
** the engine accepts (so the line stays inside what any JSON reader, 'verify' included,
** reads), else its text as a string; "input_base64": its bytes, when they hold a NUL that
** no JSON string survives in C; "input": null for a fragment the reader could not frame.
*/
static void sb_input(strbuf *b, const rasoat_engine *engine, const char *input, size_t len)
{
    const char *end = NULL;
    cJSON *root;
    char *printed = NULL;
    size_t k, blanks;

    if (input == NULL) {
        sb_puts(b, "\"input\":null");
        return;
    }
    if (memchr(input, '\0', len) != NULL) {
        size_t size = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
        char *text = (char *)malloc(size);

        sb_puts(b, "\"input_base64\":");
        if (text == NULL) {
            sb_puts(b, "null");
            return;
        }
        sodium_bin2base64(text, size, (const unsigned char *)input, len,
                          sodium_base64_VARIANT_ORIGINAL);
        sb_json_string(b, text, strlen(text));
        free(text);
        return;
    }
    sb_puts(b, "\"input\":");
    if (engine_input_canonical(engine, input, len, &blanks)           /* the engine's parse */
        || (json_first_char(input, len) == '{'
            && json_canonical(input, len, RASOAT_MAX_RECORD_DEPTH, &blanks))) {
        if (blanks == 0)
            sb_add(b, input, len);           /* what cJSON would print: no parse needed */
        else
            json_strip(input, len, sb_add_to, b);
        return;
    }
    root = cJSON_ParseWithLengthOpts(input, len, &end, 0);
    for (k = end != NULL ? (size_t)(end - input) : 0; root != NULL && k < len; k++)
        if (!json_is_blank(input[k]))
            break;
    if (cJSON_IsObject(root) && k == len && depth_of(root, RASOAT_MAX_RECORD_DEPTH) <= RASOAT_MAX_RECORD_DEPTH)
        printed = cJSON_PrintUnformatted(root);
    if (printed != NULL && same_but_blanks(input, len, printed))
        sb_puts(b, printed);
    else
        sb_json_string(b, input, len);
    cJSON_free(printed);
    cJSON_Delete(root);
}

/* }==================================================================== */

/* {====================================================================
** Writing
** ===================================================================== */

struct rasoat_log {
    int fd;
    char *path;
    char *archive_dir;
    rasoat_engine *engine;
    const char *rules_dir;
    char *options;              /* the printed "options" object */
    rasoat_lang lang;
    long long seq;              /* of the last line written */
    char prev[AUDIT_HASH_HEX + 1];
    char (*archived)[AUDIT_HASH_HEX + 1]; /* hashes already handled in this run */
    size_t n_archived, cap_archived;
    int archive_failed;
    int write_failed;
    long long lines_this_run;
    id_set earlier;             /* households the log held decisions for before this run */
    long long repeated;         /* decisions of this run for such households */
    char first_repeated[128];   /* the first of them, for the warning */
    const signing_key *key;     /* signs a checkpoint at the end of the run, or NULL */
    strbuf batch;               /* the bodies of lines not handed to the chain yet */
    log_chain *chain;           /* ends, hashes and writes them (log_chain.c) */
    time_t shown_at;            /* the second the two texts below show (0: none yet) */
    char utc_text[32], local_text[40];
};

/* pread all of 'n' bytes at 'off'. */
static int read_at(int fd, char *p, size_t n, off_t off)
{
    while (n > 0) {
        ssize_t r = pread(fd, p, n, off);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 0;
        p += r;
        n -= (size_t)r;
        off += r;
    }
    return 1;
}

/*
** Take up the chain of an existing log: its last line must end in LF and be intact; its
** seq and hash are where the next line goes on. An empty file starts a chain. Returns 1;
** 0 when the file cannot be read (errno set); -1 when its end is torn or not intact, with
** 'err' saying so.
*/
static int resume_chain(audit_log *log, rasoat_error *err)
{
    struct stat st;
    off_t end, start;
    char last, chunk[4096];
    char *text;
    audit_line parsed;
    audit_line_status status;
    int found = 0;

    memset(log->prev, '0', AUDIT_HASH_HEX);
    log->prev[AUDIT_HASH_HEX] = '\0';
    log->seq = 0;
    if (fstat(log->fd, &st) != 0)
        return 0;
    if (st.st_size == 0)
        return 1;
    end = st.st_size - 1; /* the final LF */
    if (!read_at(log->fd, &last, 1, end))
        return 0;
    if (last != '\n') {
        audit_fail(err, RASOAT_E_INPUT, "log_torn", log->lang, "log_torn_tail", log->path, NULL,
                   NULL, NULL);
        return -1;
    }
    /* Scan backwards for the LF before the last line. */
    for (start = end; start > 0 && !found;) {
        off_t from = start > (off_t)sizeof chunk ? start - (off_t)sizeof chunk : 0;
        size_t n = (size_t)(start - from), i;

        if (!read_at(log->fd, chunk, n, from))
            return 0;
        for (i = n; i-- > 0;) {
            if (chunk[i] == '\n') {
                start = from + (off_t)i + 1;
                found = 1;
                break;
            }
        }
        if (!found)
            start = from;
    }
    text = (char *)malloc((size_t)(end - start) + 1);
    if (text == NULL || !read_at(log->fd, text, (size_t)(end - start), start)) {
        free(text);
        return 0;
    }
    status = audit_line_read(text, (size_t)(end - start), &parsed);
    free(text);
    if (status != AUDIT_LINE_OK) {
        audit_line_free(&parsed);
        audit_fail(err, RASOAT_E_INPUT, "log_not_intact", log->lang, "log_bad_tail", log->path,
                   NULL, NULL, NULL);
        return -1;
    }
    log->seq = parsed.seq;
    memcpy(log->prev, parsed.hash, sizeof log->prev);
    audit_line_free(&parsed);
    return 1;
}

/* Add integer 'value' as member 'name', exactly: as a number below 2^53, where every JSON
** reader keeps it, else as a string of its digits (replay reads both). */
static void add_exact(cJSON *j, const char *name, unsigned long long value)
{
    char digits[24];

    snprintf(digits, sizeof digits, "%llu", value);
    if (value < 9007199254740992ULL)
        cJSON_AddRawToObject(j, name, digits);
    else
        cJSON_AddStringToObject(j, name, digits);
}

/* The "options" member: what, besides the input and the rule set, shapes a result. */
static char *options_json(const rasoat_options *o)
{
    cJSON *j = cJSON_CreateObject();
    char *text;

    if (o->force_ruleset != NULL)
        cJSON_AddStringToObject(j, "ruleset", o->force_ruleset);
    else
        cJSON_AddNullToObject(j, "ruleset");
    if (o->as_of != NULL)
        cJSON_AddStringToObject(j, "as_of", o->as_of);
    else
        cJSON_AddNullToObject(j, "as_of");
    if (o->keep != NULL)
        cJSON_AddStringToObject(j, "keep", o->keep);
    cJSON_AddStringToObject(j, "lang", o->lang == RASOAT_LANG_EN ? "en" : "vi");
    add_exact(j, "budget", o->instruction_budget ? o->instruction_budget
                                                 : RASOAT_DEFAULT_INSTRUCTION_BUDGET);
    add_exact(j, "memory", o->memory_limit ? o->memory_limit : RASOAT_DEFAULT_MEMORY_LIMIT);
    text = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return text;
}

static void free_log(audit_log *log)
{
    free(log->path);
    free(log->archive_dir);
    cJSON_free(log->options);
    free(log->archived);
    free(log->batch.data);
    log_chain_stop(log->chain);
    id_set_free(&log->earlier);
    free(log);
}

int rasoat_log_open(const char *path, rasoat_engine *engine, const rasoat_options *opts,
                    const rasoat_key *key, rasoat_lang lang, rasoat_log **out, rasoat_error *err)
{
    audit_log *log = (audit_log *)calloc(1, sizeof *log);
    struct flock lock;
    char cause[256];
    int resumed;

    *out = NULL;
    if (log == NULL)
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", lang, "log_no_memory", NULL, NULL, NULL, NULL);
    log->fd = -1;
    log->engine = engine;
    if (engine != NULL)
        engine_keep_inputs(engine);
    log->key = signing_key_of(key);
    log->rules_dir = opts->rules_dir;
    log->lang = lang;
    log->path = (char *)malloc(strlen(path) + 1);
    if (log->path != NULL)
        strcpy(log->path, path);
    log->archive_dir = archive_dir_for(path);
    log->options = options_json(opts);
    if (log->path == NULL || log->archive_dir == NULL || log->options == NULL) {
        free_log(log);
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", lang, "log_no_memory", NULL, NULL, NULL, NULL);
    }
    log->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    memset(&lock, 0, sizeof lock);
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    if (log->fd < 0) {
        audit_fail(err, RASOAT_E_SYSTEM, "open", lang, "log_open", path,
                   audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
        free_log(log);
        return RASOAT_E_SYSTEM;
    }
    if (fcntl(log->fd, F_SETLK, &lock) != 0) {
        close(log->fd);
        free_log(log);
        return audit_fail(err, RASOAT_E_SYSTEM, "locked", lang, "log_locked", path, NULL, NULL, NULL);
    }
    resumed = resume_chain(log, err);
    if (resumed == 1 && log->seq > 0) {
        FILE *f = fopen(path, "rbe");    /* the households it already decided, to warn */

        if (f == NULL || !log_latest_seqs(f, &log->earlier))
            resumed = 0;
        if (f != NULL)
            fclose(f);
    }
    if (resumed != 1) {
        if (resumed == 0)
            audit_fail(err, RASOAT_E_SYSTEM, "read", lang, "log_read", path,
                       audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
        close(log->fd);
        free_log(log);
        return resumed == 0 ? RASOAT_E_SYSTEM : RASOAT_E_INPUT;
    }
    if ((log->chain = log_chain_start(log->fd, log->prev)) == NULL) {
        close(log->fd);
        free_log(log);
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", lang, "log_no_memory", NULL, NULL, NULL, NULL);
    }
    *out = log;
    return RASOAT_OK;
}

/* The hash a "ruleset" object names ("sha256": 64 hex digits, written plain), into 'sha';
** returns 1, else 0. */
static int ruleset_hash(json_span ruleset, char sha[AUDIT_HASH_HEX + 1])
{
    json_span v, text;

    if (!json_member(ruleset, "sha256", &v) || !json_plain_string(v, &text)
        || text.len != AUDIT_HASH_HEX || !audit_is_hex(text.at, AUDIT_HASH_HEX))
        return 0;
    memcpy(sha, text.at, AUDIT_HASH_HEX);
    sha[AUDIT_HASH_HEX] = '\0';
    return 1;
}

/* Archive every rule set a valid result record names, in its members 'ruleset' and
** 'local' (at NULL when it has none) that this run has not handled yet. Returns RASOAT_OK, or RASOAT_WARNING with 'err'
** naming the first set that could not be archived. */
static int archive_sets(audit_log *log, json_span ruleset, json_span local, rasoat_error *err)
{
    int status = RASOAT_OK;
    char sets[64][AUDIT_HASH_HEX + 1];
    json_span entry;
    size_t n = 0, i, k, pos = 0;

    if (ruleset.at != NULL && ruleset_hash(ruleset, sets[n]))
        n++;
    if (local.at != NULL)
        while (json_element(local, &pos, &entry))
            if (n < sizeof sets / sizeof sets[0] && json_member(entry, "ruleset", &ruleset)
                && ruleset_hash(ruleset, sets[n]))
                n++;
    for (i = 0; i < n; i++) {
        const char *sha = sets[i];
        char why[1024];
        archive_status st;

        for (k = 0; k < log->n_archived; k++)
            if (strcmp(log->archived[k], sha) == 0)
                break;
        if (k < log->n_archived)
            continue;
        if (log->n_archived == log->cap_archived) {
            size_t cap = log->cap_archived ? log->cap_archived * 2 : 8;
            char (*grown)[AUDIT_HASH_HEX + 1] = (char (*)[AUDIT_HASH_HEX + 1])
                realloc(log->archived, cap * sizeof *grown);

            if (grown == NULL) {
                log->archive_failed = 1;
                return audit_fail(err, RASOAT_WARNING, "archive", log->lang, "log_no_memory", NULL,
                                  NULL, NULL, NULL);
            }
            log->archived = grown;
            log->cap_archived = cap;
        }
        memcpy(log->archived[log->n_archived++], sha, AUDIT_HASH_HEX + 1);
        st = archive_store(log->archive_dir, log->engine, log->rules_dir, sha, log->lang,
                           why, sizeof why);
        if (st != ARCHIVE_STORED && st != ARCHIVE_EXISTS) {
            if (status == RASOAT_OK)
                status = audit_fail(err, RASOAT_WARNING, "archive", log->lang, "log_archive", sha,
                                    log->archive_dir, why, NULL);
            log->archive_failed = 1;
        }
    }
    return status;
}

/*
** The time a decision is logged: now, or the SOURCE_DATE_EPOCH of the environment when it
** holds a whole number of seconds (the reproducible-builds convention; the doc-test sets it
** so that logs, and the hashes chained over them, are the same on every run).
*/
static time_t log_time(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;

    if (epoch != NULL && *epoch != '\0') {
        v = strtoll(epoch, &end, 10);
        if (*end == '\0' && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

/* The time now, as UTC ("2026-12-01T10:20:49Z") and as local time with its offset
** ("2026-12-01T17:20:49+07:00"), kept in the log for its next line in the same second. */
static void times_now(audit_log *log, char utc[32], char local[40])
{
    time_t now = log_time();
    struct tm tm;
    char zone[8];

    if (now == log->shown_at && now != 0) {  /* the same second as the line before */
        memcpy(utc, log->utc_text, 32);
        memcpy(local, log->local_text, 40);
        return;
    }
    log->shown_at = now;

    if (gmtime_r(&now, &tm) == NULL || strftime(utc, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        strcpy(utc, "1970-01-01T00:00:00Z");
    if (localtime_r(&now, &tm) == NULL || strftime(local, 32, "%Y-%m-%dT%H:%M:%S", &tm) == 0
        || strftime(zone, sizeof zone, "%z", &tm) != 5) {
        strcpy(local, utc);
    } else {
        snprintf(local + strlen(local), 8, "%.3s:%.2s", zone, zone + 3); /* +0700 -> +07:00 */
    }
    memcpy(log->utc_text, utc, 32);
    memcpy(log->local_text, local, 40);
}

/* The "run" member of a run's first line: who ran it, as the system reports them. */
static void sb_run(strbuf *b)
{
    struct passwd *pw = getpwuid(geteuid());
    char host[256] = "", uid[24];

    if (gethostname(host, sizeof host) != 0)
        host[0] = '\0';
    host[sizeof host - 1] = '\0';
    snprintf(uid, sizeof uid, "%ld", (long)geteuid());
    sb_puts(b, ",\"run\":{\"user\":");
    sb_json_string(b, pw != NULL ? pw->pw_name : uid, strlen(pw != NULL ? pw->pw_name : uid));
    sb_puts(b, ",\"uid\":");
    sb_puts(b, uid);
    sb_puts(b, ",\"host\":");
    sb_json_string(b, host, strlen(host));
    sb_puts(b, "}");
}

/* Begin the body of line seq+1 in the batch: seq, times, engine and, on the run's first
** line, who ran it. Leaves the UTC time in 'utc'. */
static void begin_line(audit_log *log, char utc[32])
{
    strbuf *b = &log->batch;
    char num[32], local[40];

    times_now(log, utc, local);
    snprintf(num, sizeof num, "%lld", log->seq + 1);
    sb_puts(b, "{\"seq\":");
    sb_puts(b, num);
    sb_puts(b, ",\"time\":\"");
    sb_puts(b, utc);
    sb_puts(b, "\",\"local_time\":\"");
    sb_puts(b, local);
    sb_puts(b, "\",\"engine\":");
    sb_json_string(b, rasoat_version(), strlen(rasoat_version()));
    if (log->lines_this_run == 0)
        sb_run(b);
}

/* The chain could not finish or write a batch (errno 'error'): say so in 'err', unless
** already said, and write nothing more. Returns 0. */
static int chain_failed(audit_log *log, int error, rasoat_error *err)
{
    char cause[256];

    if (!log->write_failed) {
        errno = error;
        audit_errno_text(log->lang, cause, sizeof cause);
        audit_fail(err, RASOAT_E_SYSTEM, "write", log->lang, "log_write", log->path, cause, NULL, NULL);
    }
    log->write_failed = 1;
    return 0;
}

/* Hand the batch to the chain, which reports a failure of the batch before. Returns 1, or
** 0 (with 'err' saying why). */
static int flush_batch(audit_log *log, rasoat_error *err)
{
    strbuf *batch = &log->batch;
    int error = 0;

    if (log_chain_hand(log->chain, &batch->data, &batch->length, &batch->capacity, &error))
        return 1;
    return chain_failed(log, error, err);
}

/* Hand over what is left and wait until the chain has written it; its head becomes 'prev'.
** Returns 1, or 0 (with 'err' saying why). */
static int drain_batches(audit_log *log, rasoat_error *err)
{
    int error = 0;

    if (!flush_batch(log, err))
        return 0;
    if (log_chain_drain(log->chain, log->prev, &error))
        return 1;
    return chain_failed(log, error, err);
}

/* End the body in the batch (the chain adds prev, decision and hash), hand the batch over
** once it is full, and count the line. Returns 1, or 0 when it cannot be written (with
** 'err' saying why). */
static int end_line(audit_log *log, rasoat_error *err)
{
    char cause[256];

    sb_add(&log->batch, "\n", 1);
    if (log->batch.failed) {
        audit_text(cause, sizeof cause, log->lang, "log_no_memory", NULL, NULL, NULL, NULL);
        audit_fail(err, RASOAT_E_SYSTEM, "write", log->lang, "log_write", log->path, cause, NULL, NULL);
        log->write_failed = 1;
        return 0;
    }
    if (log->batch.length >= LOG_BATCH && !flush_batch(log, err))
        return 0;
    log->seq++;
    log->lines_this_run++;
    return 1;
}

int rasoat_log_record(rasoat_log *log, long line, const char *input, size_t input_len,
                      const char *record, size_t record_len, rasoat_error *err)
{
    strbuf *b = &log->batch;
    static const char *const names[3] = {"id", "ruleset", "local"};
    json_span members[3], id;
    int own, valid;
    const json_span *id_value = &members[0], *ruleset = &members[1];
    char num[32], utc[32];
    size_t blanks, at[3], length[3];
    int ok, status, i;

    if (log->write_failed)     /* an earlier batch was lost: the chain cannot go on */
        return audit_fail(err, RASOAT_E_SYSTEM, "write", log->lang, "log_write", log->path, "",
                          NULL, NULL);
    /* The engine's own result record says where its members are; any other is read: one
    ** pass validates it and finds them (one that is not an object, rarely, is checked on
    ** its own). */
    own = engine_result_members(log->engine, record, record_len, at, length);
    if (own) {
        for (i = 0; i < 3; i++) {
            members[i].at = length[i] != 0 ? record + at[i] : NULL;
            members[i].len = length[i];
        }
        valid = 1;
    } else {
        valid = json_valid_members(record, record_len, RESULT_MAX_DEPTH, names, NULL, members, 3)
                || json_valid(record, record_len, RESULT_MAX_DEPTH);
    }
    begin_line(log, utc);
    sb_puts(b, ",\"options\":");
    sb_puts(b, log->options);
    snprintf(num, sizeof num, "%ld", line);
    sb_puts(b, ",\"line\":");
    sb_puts(b, num);
    sb_puts(b, ",\"ruleset\":");
    if (ruleset->at == NULL || ruleset->at[0] != '{') {
        sb_puts(b, "null");
    } else if (json_canonical(ruleset->at, ruleset->len, RESULT_MAX_DEPTH, &blanks)) {
        if (blanks == 0)
            sb_add(b, ruleset->at, ruleset->len);               /* as cJSON prints it */
        else
            json_strip(ruleset->at, ruleset->len, sb_add_to, b);
    } else {
        cJSON *j = cJSON_ParseWithLength(ruleset->at, ruleset->len);

        sb_json(b, j);
        cJSON_Delete(j);
    }
    sb_puts(b, ",");
    sb_input(b, log->engine, input, input_len);
    sb_puts(b, ",\"result\":");
    if (!valid)
        sb_json_string(b, record, record_len);
    else if (own || (memchr(record, '\n', record_len) == NULL
                     && memchr(record, '\r', record_len) == NULL))
        sb_add(b, record, record_len); /* the very bytes classify wrote */
    else
        json_strip(record, record_len, sb_add_to, b); /* printed over lines: one line */
    ok = end_line(log, err);
    if (ok && id_value->at != NULL && id_value->at[0] == '"') {
        char *decoded = NULL;

        if (!json_plain_string(*id_value, &id)) { /* escapes: let cJSON read them */
            cJSON *j = cJSON_ParseWithLength(id_value->at, id_value->len);
            const char *text = cJSON_GetStringValue(j);

            if (text != NULL && (decoded = (char *)malloc(strlen(text) + 1)) != NULL)
                strcpy(decoded, text);
            cJSON_Delete(j);
            id.at = decoded;
            id.len = decoded != NULL ? strlen(decoded) : 0;
        }
        if (id.at != NULL && id_set_get(&log->earlier, id.at, id.len) >= 0
            && log->repeated++ == 0)
            snprintf(log->first_repeated, sizeof log->first_repeated, "%.*s", (int)id.len, id.at);
        free(decoded);
    }
    status = ok ? RASOAT_OK : RASOAT_E_SYSTEM;
    if (ok && valid)
        status = archive_sets(log, members[1], members[2], err);
    return status;
}

/*
** Append a checkpoint signing the chain head: {"seq", "time", "local_time", "engine",
** "checkpoint": {"seq": S, "head": H, "key": PUBLIC, "signature": SIG}, "prev", "decision",
** "hash"}, where S and H are the seq and hash of the line before it.
*/
static int write_checkpoint(audit_log *log, rasoat_error *err)
{
    strbuf *b = &log->batch;
    char utc[32], num[32], message[256], signature[128], public_b64[64];

    begin_line(log, utc);
    signing_message(message, sizeof message, log->seq, log->prev, utc);
    signing_sign(log->key, message, signature, sizeof signature);
    signing_public_b64(log->key->public_key, public_b64, sizeof public_b64);
    snprintf(num, sizeof num, "%lld", log->seq);
    sb_puts(b, ",\"checkpoint\":{\"seq\":");
    sb_puts(b, num);
    sb_puts(b, ",\"head\":\"");
    sb_puts(b, log->prev);
    sb_puts(b, "\",\"key\":\"");
    sb_puts(b, public_b64);
    sb_puts(b, "\",\"signature\":\"");
    sb_puts(b, signature);
    sb_puts(b, "\"}");
    return end_line(log, err);
}

int rasoat_log_close(rasoat_log *log, rasoat_log_summary *summary, rasoat_error *err)
{
    int synced, closed, status = RASOAT_OK;
    char cause[256];

    if (summary != NULL)
        memset(summary, 0, sizeof *summary);
    if (log == NULL)
        return RASOAT_OK;
    /* Every line written first: the checkpoint signs the chain's head. A failure before
    ** was reported by rasoat_log_record. */
    if (!log->write_failed && (!drain_batches(log, err)
                               || (log->key != NULL && !(write_checkpoint(log, err)
                                                         && drain_batches(log, err)))))
        status = RASOAT_E_SYSTEM;
    log_chain_stop(log->chain);
    log->chain = NULL;
    if (summary != NULL) {
        summary->lines = log->seq;
        memcpy(summary->head, log->prev, sizeof summary->head);
        summary->signed_run = log->key != NULL && !log->write_failed;
        summary->written = !log->write_failed;
        summary->repeated = log->repeated;
        snprintf(summary->first_repeated, sizeof summary->first_repeated, "%s", log->first_repeated);
    }
    synced = fsync(log->fd) == 0;
    closed = close(log->fd) == 0;      /* closed whatever fsync gave */
    if (!synced || !closed) {
        status = audit_fail(err, RASOAT_E_SYSTEM, "write", log->lang, "log_write", log->path,
                            audit_errno_text(log->lang, cause, sizeof cause), NULL, NULL);
    } else if (status == RASOAT_OK && (log->write_failed || log->archive_failed)) {
        status = err_set_text(err, RASOAT_E_SYSTEM, log->write_failed ? "write" : "archive", NULL,
                              NULL, 0, "");
    }
    free_log(log);
    return status;
}

/* }==================================================================== */
