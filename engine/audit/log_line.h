/*
** log_line.h: one line of a decision log read back (the format is in audit_log.h): its
** shape checked, its hash and decision id recomputed from its bytes.
*/
#ifndef RASOAT_AUDIT_LOG_LINE_H
#define RASOAT_AUDIT_LOG_LINE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "json_scan.h"

#define AUDIT_HASH_HEX 64     /* hex digits of a hash */
#define AUDIT_DECISION_HEX 16 /* hex digits of a decision id */

typedef enum audit_line_status {
    AUDIT_LINE_OK = 0,        /* well formed, hash and decision id recompute */
    AUDIT_LINE_MALFORMED = 1, /* not JSON, or not the shape of a log line */
    AUDIT_LINE_HASH = 2,      /* well formed, but 'hash' is not the hash of the line */
    AUDIT_LINE_DECISION = 3   /* hash recomputes, but the decision id does not */
} audit_line_status;

typedef struct audit_line {
    cJSON *json;                          /* the parsed line (owned; NULL when malformed) */
    long long seq;                        /* "seq" */
    char prev[AUDIT_HASH_HEX + 1];        /* "prev" as written */
    char hash[AUDIT_HASH_HEX + 1];        /* "hash" as written */
    char computed[AUDIT_HASH_HEX + 1];    /* the hash of the line's bytes */
    char decision[AUDIT_DECISION_HEX + 1];          /* "decision" as written */
    char computed_decision[AUDIT_DECISION_HEX + 1]; /* recomputed */
    json_span result_ruleset, result_local; /* audit_line_scan: "result"'s "ruleset" and
                                             "local" (at NULL: none) */
} audit_line;

/*
** Check one line of a log ('text', 'len' bytes, without its LF). Always fills what it
** could of 'out' (free it with audit_line_free) and returns an audit_line_status: the hash
** is checked before the decision id, so AUDIT_LINE_DECISION means the hash was right.
*/
audit_line_status audit_line_read(const char *text, size_t len, audit_line *out);

/*
** audit_line_read without the cJSON tree, for reading a whole log fast: the line is
** validated as JSON (json_scan.h) and "seq", "prev" and "result" are read in place; 'json'
** is NULL, but for a checkpoint line, or a "seq" or "prev" written with escapes, which are
** read by audit_line_read itself. The result's spans point into 'text'. 'sha' is a
** hashing state to use (sha.h; NULL: one of its own). Same statuses.
*/
struct audit_sha;
audit_line_status audit_line_scan(const char *text, size_t len, audit_line *out,
                                  struct audit_sha *sha);

/* Free what audit_line_read allocated. */
void audit_line_free(audit_line *line);

/* The fixed tail of a line: ,"decision":"<16 hex>","hash":"<64 hex>"} */
#define DECISION_KEY ",\"decision\":\""
#define HASH_KEY ",\"hash\":\""

/* SHA-256 of 'len' bytes of 'data' as 64 lowercase hex digits and a NUL, into 'out'. */
void audit_hash_hex(const char *data, size_t len, char out[AUDIT_HASH_HEX + 1]);

/* Whether the 'n' bytes of 's' are all lowercase hex digits. */
int audit_is_hex(const char *s, size_t n);

#endif
