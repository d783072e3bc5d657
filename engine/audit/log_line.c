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

    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* }==================================================================== */

/* {====================================================================
** Reading a line
** ===================================================================== */

/* The decision id and the hash of a line, recomputed in one SHA-256 pass. */
static void audit_line_hashes(const char *text, const char *decision_at, const char *hash_at,
                              audit_line *out)
{
    audit_sha s = {NULL, NULL};
    char full[AUDIT_HASH_HEX + 1];

    if (!audit_sha_init(&s) || !audit_sha_start(&s, text, (size_t)(decision_at - text), full)
        || !audit_sha_finish(&s, decision_at, (size_t)(hash_at - decision_at), out->computed))
        abort(); /* libcrypto cannot hash on this machine: nothing sensible to check */
    audit_sha_free(&s);
    memcpy(out->computed_decision, full, AUDIT_DECISION_HEX);
}

audit_line_status audit_line_read(const char *text, size_t len, audit_line *out)
{
    const char *hash_at, *decision_at;
    const cJSON *seq, *prev;

    memset(out, 0, sizeof *out);
    if (len < DECISION_TAIL + 2 || text[0] != '{')
        return AUDIT_LINE_MALFORMED;
    hash_at = text + len - HASH_TAIL;
    decision_at = text + len - DECISION_TAIL;
    if (memcmp(hash_at, HASH_KEY, sizeof HASH_KEY - 1) != 0
        || !audit_is_hex(hash_at + sizeof HASH_KEY - 1, AUDIT_HASH_HEX)
        || memcmp(text + len - 2, "\"}", 2) != 0
        || memcmp(decision_at, DECISION_KEY, sizeof DECISION_KEY - 1) != 0
        || !audit_is_hex(decision_at + sizeof DECISION_KEY - 1, AUDIT_DECISION_HEX)
        || hash_at[-1] != '"')
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

    audit_line_hashes(text, decision_at, hash_at, out);
    if (strcmp(out->computed, out->hash) != 0)
        return AUDIT_LINE_HASH;
    if (strcmp(out->computed_decision, out->decision) != 0)
        return AUDIT_LINE_DECISION;
    return AUDIT_LINE_OK;
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
