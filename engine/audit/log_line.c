/*
** log_line.c: reading one line of a decision log back (log_line.h): its shape, its hash and
** its decision id recomputed from its bytes. Shared by the writer (resuming a chain),
** verify, replay, the log scans and the reports made from a log.
*/
#include <stdlib.h>
#include <string.h>

#include "log_line.h"
#include "sha.h"
#include "rasoat.h"

#define HASH_TAIL (sizeof HASH_KEY - 1 + AUDIT_HASH_HEX + 2)                  /* 75 */
#define DECISION_TAIL (sizeof DECISION_KEY - 1 + AUDIT_DECISION_HEX + 1 + HASH_TAIL) /* 105 */

/* {====================================================================
** Shared helpers
** ===================================================================== */

/* SHA-256 of 'len' bytes as 64 lowercase hex digits and a NUL. */
void audit_hash_hex(const char *data, size_t len, char out[AUDIT_HASH_HEX + 1])
{
    audit_sha_hex(data, len, out);
}

int audit_is_hex(const char *s, size_t n)
{
    size_t i;
    unsigned bad = 0;

    for (i = 0; i < n; i++) {   /* no early exit: the loop vectorises */
        unsigned char c = (unsigned char)s[i];

        bad |= (unsigned)!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    return bad == 0;
}

/* }==================================================================== */

/* {====================================================================
** Reading a line
** ===================================================================== */

/* The decision id and the hash of a line, recomputed in one SHA-256 pass. */
static void audit_line_hashes(const char *text, const char *decision_at, const char *hash_at,
                              audit_line *out, audit_sha *with)
{
    audit_sha own = {NULL, NULL}, *s = with != NULL ? with : &own;
    char full[AUDIT_HASH_HEX + 1];

    if ((with == NULL && !audit_sha_init(&own))
        || !audit_sha_start(s, text, (size_t)(decision_at - text), full)
        || !audit_sha_finish(s, decision_at, (size_t)(hash_at - decision_at), out->computed))
        abort(); /* libcrypto cannot hash on this machine: nothing sensible to check */
    audit_sha_free(&own);
    memcpy(out->computed_decision, full, AUDIT_DECISION_HEX);
}

/* Whether the line 'text' ('len' bytes) ends as every line does, with its decision and
** hash members (64 and AUDIT_DECISION_HEX hex digits) and "}; where they start goes to
** '*hash_at' and '*decision_at'. */
static int tail_read(const char *text, size_t len, const char **hash_at, const char **decision_at)
{
    if (len < DECISION_TAIL + 2 || text[0] != '{')
        return 0;
    *hash_at = text + len - HASH_TAIL;
    *decision_at = text + len - DECISION_TAIL;
    return memcmp(*hash_at, HASH_KEY, sizeof HASH_KEY - 1) == 0
           && audit_is_hex(*hash_at + sizeof HASH_KEY - 1, AUDIT_HASH_HEX)
           && memcmp(text + len - 2, "\"}", 2) == 0
           && memcmp(*decision_at, DECISION_KEY, sizeof DECISION_KEY - 1) == 0
           && audit_is_hex(*decision_at + sizeof DECISION_KEY - 1, AUDIT_DECISION_HEX)
           && (*hash_at)[-1] == '"';
}

/* Recompute the line's hashes into 'out' (with 'sha', or a state of its own when NULL)
** and compare them with those it holds. */
static audit_line_status hashes_checked(const char *text, const char *decision_at,
                                        const char *hash_at, audit_line *out, audit_sha *sha)
{
    audit_line_hashes(text, decision_at, hash_at, out, sha);
    if (strcmp(out->computed, out->hash) != 0)
        return AUDIT_LINE_HASH;
    if (strcmp(out->computed_decision, out->decision) != 0)
        return AUDIT_LINE_DECISION;
    return AUDIT_LINE_OK;
}

audit_line_status audit_line_read(const char *text, size_t len, audit_line *out)
{
    const char *hash_at, *decision_at;
    const cJSON *seq, *prev;

    memset(out, 0, sizeof *out);
    if (!tail_read(text, len, &hash_at, &decision_at))
        return AUDIT_LINE_MALFORMED;
    memcpy(out->hash, hash_at + sizeof HASH_KEY - 1, AUDIT_HASH_HEX);
    memcpy(out->decision, decision_at + sizeof DECISION_KEY - 1, AUDIT_DECISION_HEX);

    out->json = cJSON_ParseWithLength(text, len);
    seq = cJSON_GetObjectItemCaseSensitive(out->json, "seq");
    prev = cJSON_GetObjectItemCaseSensitive(out->json, "prev");
    if (!cJSON_IsObject(out->json) || !cJSON_IsNumber(seq) || seq->valuedouble < 1
        || seq->valuedouble > 9007199254740992.0 || !cJSON_IsString(prev)
        || strlen(prev->valuestring) != AUDIT_HASH_HEX
        || !audit_is_hex(prev->valuestring, AUDIT_HASH_HEX)) {
        audit_line_free(out);
        return AUDIT_LINE_MALFORMED;
    }
    out->seq = (long long)seq->valuedouble;
    memcpy(out->prev, prev->valuestring, AUDIT_HASH_HEX);

    return hashes_checked(text, decision_at, hash_at, out, NULL);
}

/* The deepest nesting a line may hold: cJSON's own limit, which audit_line_read has. */
#define LINE_MAX_DEPTH 1000

audit_line_status audit_line_scan(const char *text, size_t len, audit_line *out, audit_sha *sha)
{
    static const char *const names[6] = {"seq", "prev", "result", "checkpoint", "ruleset", "local"};
    static const int parents[6] = {-1, -1, -1, -1, 2, 2};
    json_span v[6], prev;
    const char *hash_at, *decision_at;
    char digits[32], *end;
    double seq;

    memset(out, 0, sizeof *out);
    if (!tail_read(text, len, &hash_at, &decision_at))
        return AUDIT_LINE_MALFORMED;
    if (!json_valid_members(text, len, LINE_MAX_DEPTH, names, parents, v, 6))
        return AUDIT_LINE_MALFORMED;
    if (v[3].at != NULL || v[0].at == NULL || v[1].at == NULL
        || (v[1].at[0] == '"' && !json_plain_string(v[1], &prev)))
        return audit_line_read(text, len, out); /* a checkpoint, or escapes: the full parse */
    /* "seq" as cJSON reads a number (strtod), "prev" 64 hex digits, as audit_line_read */
    if (v[0].len >= sizeof digits || !((v[0].at[0] >= '0' && v[0].at[0] <= '9') || v[0].at[0] == '-'))
        return AUDIT_LINE_MALFORMED;
    memcpy(digits, v[0].at, v[0].len);
    digits[v[0].len] = '\0';
    seq = strtod(digits, &end);
    if (*end != '\0' || seq < 1 || seq > 9007199254740992.0 || v[1].at[0] != '"'
        || prev.len != AUDIT_HASH_HEX || !audit_is_hex(prev.at, AUDIT_HASH_HEX))
        return AUDIT_LINE_MALFORMED;
    out->seq = (long long)seq;
    memcpy(out->prev, prev.at, AUDIT_HASH_HEX);
    memcpy(out->hash, hash_at + sizeof HASH_KEY - 1, AUDIT_HASH_HEX);
    memcpy(out->decision, decision_at + sizeof DECISION_KEY - 1, AUDIT_DECISION_HEX);
    out->result_ruleset = v[4];
    out->result_local = v[5];
    return hashes_checked(text, decision_at, hash_at, out, sha);
}

void audit_line_free(audit_line *line)
{
    cJSON_Delete(line->json);
    line->json = NULL;
}

/* }==================================================================== */

int rasoat_log_line_check(const char *text, size_t len, char hash[RASOAT_HASH_HEX + 1])
{
    audit_line l;
    audit_line_status st = audit_line_read(text, len, &l);

    if (st == AUDIT_LINE_OK && hash != NULL)
        memcpy(hash, l.hash, AUDIT_HASH_HEX + 1);
    audit_line_free(&l);
    return st == AUDIT_LINE_OK ? RASOAT_OK : RASOAT_E_INPUT;
}
