/*
** verify.c: checking a decision log (rasoat_log_verify, rasoat.h; docs/audit.md): the hash
** chain line by line, naming the first line altered, removed, inserted or moved, or a torn
** last line; with a public key, every checkpoint's signature and that every record is
** covered by one; then the archived copy of every rule set the intact records name.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include "archive.h"
#include "audit_text.h"
#include "error.h"
#include "log_line.h"
#include "sha.h"
#include "signing.h"

typedef char hash_hex[AUDIT_HASH_HEX + 1];

/* The walk's state beside the public verdict. */
typedef struct verdict {
    rasoat_log_verdict *out;
    const char *problem;           /* NULL, or the problem's stable name */
    long long expected;            /* the seq due next */
    hash_hex *named;               /* rule-set hashes the intact records name, once each */
    size_t n_named, cap_named;
    const unsigned char *key;      /* the public key checkpoints must be signed with */
    long long covered;             /* seq through which a valid checkpoint covers the log */
    long long last_record;         /* seq of the last record line */
    long long first_uncovered;     /* seq of the first record after the last valid checkpoint */
    audit_sha sha;                 /* hashes every line */
} verdict;

/*
** A checkpoint line 'l' (its "checkpoint" member 'cp'): with a key, its signature must be
** that key's over the line before it (seq and hash) and the line's time. Returns 1 when it
** holds (and moves 'covered' on), 0 when it does not.
*/
static int check_checkpoint(verdict *v, const audit_line *l, const cJSON *cp)
{
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(cp, "seq");
    const char *head = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cp, "head"));
    const char *time = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l->json, "time"));
    const char *sig = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cp, "signature"));
    char message[256];

    v->out->checkpoints++;
    if (v->key == NULL)
        return 1;
    if (!cJSON_IsNumber(seq) || (long long)seq->valuedouble != l->seq - 1 || head == NULL
        || strcmp(head, l->prev) != 0 || time == NULL)
        return 0;
    signing_message(message, sizeof message, l->seq - 1, head, time);
    if (!signing_check(v->key, message, sig))
        return 0;
    v->covered = l->seq - 1;
    v->first_uncovered = 0;
    return 1;
}

/* Remember 'sha' (AUDIT_HASH_HEX characters and a NUL), once. */
static void add_named(verdict *v, const char *sha)
{
    size_t i;

    for (i = 0; i < v->n_named; i++)
        if (strcmp(v->named[i], sha) == 0)
            return;
    if (v->n_named == v->cap_named) {
        size_t cap = v->cap_named ? v->cap_named * 2 : 8;
        hash_hex *grown = (hash_hex *)realloc(v->named, cap * sizeof *grown);

        if (grown == NULL)
            return;
        v->named = grown;
        v->cap_named = cap;
    }
    memcpy(v->named[v->n_named++], sha, AUDIT_HASH_HEX + 1);
}

/* Remember hash 'sha' (a string member of a logged result's "ruleset"), once. */
static void name_hash(verdict *v, const cJSON *ruleset)
{
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ruleset, "sha256"));

    if (sha != NULL && strlen(sha) == AUDIT_HASH_HEX)
        add_named(v, sha);
}

/* name_hash for the "ruleset" object 'ruleset' of a result read in place. */
static void name_hash_text(verdict *v, json_span ruleset)
{
    json_span sha, text;
    hash_hex h;

    if (!json_member(ruleset, "sha256", &sha))
        return;
    if (!json_plain_string(sha, &text)) {        /* escapes: let cJSON read them */
        cJSON *j = cJSON_ParseWithLength(ruleset.at, ruleset.len);

        name_hash(v, j);
        cJSON_Delete(j);
        return;
    }
    if (text.len != AUDIT_HASH_HEX)
        return;
    memcpy(h, text.at, AUDIT_HASH_HEX);
    h[AUDIT_HASH_HEX] = '\0';
    add_named(v, h);
}

/* name_hashes for a line read in place: its result's "ruleset" and "local" members. */
static void name_hashes_text(verdict *v, const audit_line *l)
{
    json_span entry, ruleset;
    size_t pos = 0;

    if (l->result_ruleset.at != NULL)
        name_hash_text(v, l->result_ruleset);
    while (l->result_local.at != NULL && json_element(l->result_local, &pos, &entry))
        if (json_member(entry, "ruleset", &ruleset))
            name_hash_text(v, ruleset);
}

/* Remember the rule sets a logged line's result names: the national one and each local. */
static void name_hashes(verdict *v, const cJSON *line)
{
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(line, "result");
    const cJSON *entry;

    name_hash(v, cJSON_GetObjectItemCaseSensitive(result, "ruleset"));
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(result, "local"))
        name_hash(v, cJSON_GetObjectItemCaseSensitive(entry, "ruleset"));
}

/* After a line whose 'seq' is not the one expected: the line further on that holds record
** 'expected' (then the records were reordered, not removed or inserted), or 0. Reads 'f'
** from where it is to the end. */
static long find_record(FILE *f, long lineno, long long expected, audit_sha *sha)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long found = 0;

    while (found == 0 && (n = getline(&buf, &cap, f)) > 0) {
        audit_line l;

        lineno++;
        if (buf[n - 1] != '\n') /* a torn last line holds no record */
            break;
        if (audit_line_scan(buf, (size_t)n - 1, &l, sha) != AUDIT_LINE_MALFORMED && l.seq == expected)
            found = lineno;
        audit_line_free(&l);
    }
    free(buf);
    return found;
}

/* Describe the problem found in 'v->out->message', in 'lang'. */
static void describe(verdict *v, rasoat_lang lang)
{
    rasoat_log_verdict *o = v->out;
    const char *p = v->problem;
    char a[32], b[32], c[32];
    char *m = o->message;
    size_t size = sizeof o->message;

    snprintf(a, sizeof a, "%lld", o->seq);
    snprintf(b, sizeof b, "%lld", o->expected);
    if (strcmp(p, "torn") == 0) {
        audit_text(m, size, lang, "verify_torn", NULL, NULL, NULL, NULL);
    } else if (strcmp(p, "checkpoint") == 0) {
        audit_text(m, size, lang, "verify_checkpoint", NULL, NULL, NULL, NULL);
    } else if (strcmp(p, "uncovered") == 0) {
        snprintf(a, sizeof a, "%lld", v->first_uncovered);
        snprintf(b, sizeof b, "%lld", v->last_record);
        audit_text(m, size, lang, "verify_uncovered", a, b, NULL, NULL);
    } else if (strcmp(p, "moved") == 0) {
        snprintf(c, sizeof c, "%ld", o->found_at);
        audit_text(m, size, lang, "verify_moved", a, b, c, NULL);
    } else if (strcmp(p, "malformed") == 0) {
        audit_text(m, size, lang, "verify_malformed", NULL, NULL, NULL, NULL);
    } else if (strcmp(p, "altered") == 0 && o->hash_stored[0] != '\0') {
        audit_text(m, size, lang, "verify_altered_hash", o->hash_stored, o->hash_computed, NULL, NULL);
    } else if (strcmp(p, "altered") == 0) {
        audit_text(m, size, lang, "verify_altered_decision", NULL, NULL, NULL, NULL);
    } else if (strcmp(p, "removed") == 0 && o->seq - 1 == o->expected) {
        audit_text(m, size, lang, "verify_removed_one", b, a, NULL, NULL);
    } else if (strcmp(p, "removed") == 0) {
        snprintf(c, sizeof c, "%lld", o->seq - 1);
        audit_text(m, size, lang, "verify_removed", b, c, a, NULL);
    } else if (strcmp(p, "inserted") == 0) {
        audit_text(m, size, lang, "verify_inserted", a, b, NULL, NULL);
    } else if (o->line == 1) {
        audit_text(m, size, lang, "verify_first_line", NULL, NULL, NULL, NULL);
    } else {
        snprintf(c, sizeof c, "%ld", o->line - 1);
        audit_text(m, size, lang, "verify_chain", c, NULL, NULL, NULL);
    }
}

/* Walk the log 'f' into 'v->out'. Returns 0 when it cannot be read, else 1. */
static int check_log(FILE *f, verdict *v, rasoat_lang lang)
{
    rasoat_log_verdict *o = v->out;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    off_t offset = 0;

    memset(o->last_hash, '0', AUDIT_HASH_HEX);
    o->last_hash[AUDIT_HASH_HEX] = '\0';
    o->state = RASOAT_LOG_INTACT;
    v->expected = 1;
    while ((n = getline(&buf, &cap, f)) > 0) {
        size_t len = buf[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;
        audit_line l;
        audit_line_status st;

        lineno++;
        o->line = lineno;
        if (len == (size_t)n) {
            v->problem = "torn";
            break;
        }
        /* Every line goes out with its LF in one write, so only a line without one can
        ** come from a crash; a complete line that is not a record was put there. */
        st = audit_line_scan(buf, len, &l, &v->sha);
        if (st == AUDIT_LINE_MALFORMED) {
            v->problem = "malformed";
        } else if (st == AUDIT_LINE_HASH) {
            v->problem = "altered";
            memcpy(o->hash_stored, l.hash, sizeof o->hash_stored);
            memcpy(o->hash_computed, l.computed, sizeof o->hash_computed);
        } else if (st == AUDIT_LINE_DECISION) {
            v->problem = "altered";
        } else if (l.seq != v->expected) {
            /* A record further on than expected: deleted, unless the expected one still
            ** stands later in the log (a swap, a move). One behind: inserted. */
            v->problem = l.seq > v->expected ? "removed" : "inserted";
            if (l.seq > v->expected && (o->found_at = find_record(f, lineno, v->expected, &v->sha)) != 0)
                v->problem = "moved";
        } else if (strcmp(l.prev, o->last_hash) != 0) {
            v->problem = "chain";
        }
        o->seq = l.seq;
        if (v->problem == NULL) {
            const cJSON *cp = cJSON_GetObjectItemCaseSensitive(l.json, "checkpoint");

            if (cp == NULL) {
                if (l.json != NULL)
                    name_hashes(v, l.json);
                else
                    name_hashes_text(v, &l);
                v->last_record = l.seq;
                if (v->first_uncovered == 0)
                    v->first_uncovered = l.seq;
            } else if (!check_checkpoint(v, &l, cp)) {
                v->problem = "checkpoint";
            }
        }
        if (v->problem == NULL) {
            memcpy(o->last_hash, l.hash, sizeof o->last_hash);
            o->records++;
            v->expected++;
            offset += (off_t)n;
        }
        audit_line_free(&l);
        if (v->problem != NULL)
            break;
    }
    free(buf);
    if (ferror(f))
        return 0;
    o->good_bytes = (long long)offset;
    o->expected = v->expected;
    if (v->problem == NULL && v->key != NULL && v->last_record > v->covered) {
        v->problem = "uncovered";
        o->line = lineno;
    }
    if (v->problem != NULL) {
        o->state = strcmp(v->problem, "torn") == 0 ? RASOAT_LOG_TORN : RASOAT_LOG_TAMPERED;
        snprintf(o->problem, sizeof o->problem, "%s", v->problem);
        describe(v, lang);
    } else {
        o->line = 0;
        if (o->records == o->checkpoints)
            o->state = RASOAT_LOG_EMPTY;
    }
    o->signed_through = v->covered;
    return 1;
}

/* Check the archived copy of every rule set the log names (LOG.rules/<sha256>/). */
static void check_archive(const char *log_path, const verdict *v, rasoat_lang lang)
{
    rasoat_log_verdict *o = v->out;
    char *dir = archive_dir_for(log_path);
    size_t i;

    for (i = 0; dir != NULL && i < v->n_named; i++) {
        char file[512], why[1024];
        archive_status st = archive_check(dir, v->named[i], lang, file, sizeof file, why, sizeof why);

        o->archive_checked++;
        if (st == ARCHIVE_UNKNOWN) {
            o->archive_missing++;
        } else if (st != ARCHIVE_STORED && o->archive_altered[0] == '\0') {
            memcpy(o->archive_altered, v->named[i], sizeof o->archive_altered);
            snprintf(o->archive_file, sizeof o->archive_file, "%s", file);
            snprintf(o->archive_message, sizeof o->archive_message, "%s", why);
        }
    }
    free(dir);
}

int rasoat_log_verify(const char *path, const char *public_key, rasoat_lang lang,
                      rasoat_log_verdict *out, rasoat_error *err)
{
    unsigned char key[crypto_sign_PUBLICKEYBYTES];
    char cause[256];
    verdict v;
    FILE *f;
    int ok;

    memset(out, 0, sizeof *out);
    memset(&v, 0, sizeof v);
    v.out = out;
    if (public_key != NULL) {
        int st = signing_read_public(public_key, key, lang, err);

        if (st < 0)
            return st;
        v.key = key;
        out->key_checked = 1;
    }
    if ((f = fopen(path, "rbe")) == NULL)
        return audit_fail(err, RASOAT_E_SYSTEM, "open", lang, "verify_open", path,
                          audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
    if (!audit_sha_init(&v.sha)) {
        fclose(f);
        return audit_fail(err, RASOAT_E_SYSTEM, "read", lang, "verify_read", path, NULL, NULL, NULL);
    }
    ok = check_log(f, &v, lang);
    audit_sha_free(&v.sha);
    fclose(f);
    if (!ok) {
        free(v.named);
        return audit_fail(err, RASOAT_E_SYSTEM, "read", lang, "verify_read", path, NULL, NULL, NULL);
    }
    check_archive(path, &v, lang);
    free(v.named);
    return RASOAT_OK;
}
