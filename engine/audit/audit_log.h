/*
** audit_log.h: the decision log of 'rasoat classify --log FILE' (docs/audit.md): one JSON
** object per line and per decision, each chained to the one before by SHA-256, so that
** 'rasoat verify' can tell which line was altered, removed or inserted, and 'rasoat replay'
** can re-run every decision. Reading a line back is log_line.h.
**
** The shape of a line (no spaces, one line, then LF):
**
**   {"seq":N,"time":"YYYY-MM-DDTHH:MM:SSZ","local_time":"YYYY-MM-DDTHH:MM:SS+07:00",
**    "engine":"0.1.0"[,"run":{"user","uid","host"} on a run's first line],
**    "options":{...},"line":L,"ruleset":{...}|null,"input":...|"input_base64":...,
**    "result":...,"prev":"<64 hex>","decision":"<16 hex>","hash":"<64 hex>"}
**
** or, at the end of a signed run, a checkpoint in place of options..result:
**    ...,"checkpoint":{"seq":S,"head":"<64 hex>","key":"<b64>","signature":"<b64>"},...
**
**   decision = first 16 hex digits of SHA-256 of the line's bytes before ',"decision":'
**   hash     = SHA-256 (64 lowercase hex) of the line's bytes before ',"hash":'
**   prev     = the previous line's hash; 64 zeros on the first line
**
** Both fields sit at a fixed distance from the end of the line, so a reader finds the
** hashed bytes without re-serialising anything.
*/
#ifndef RASOAT_CLI_AUDIT_LOG_H
#define RASOAT_CLI_AUDIT_LOG_H

#include <stddef.h>

#include "log_line.h"
#include "rasoat.h"
#include "signing.h"

/* {====================================================================
** Writing
** ===================================================================== */

typedef struct audit_log audit_log;

/*
** Open (or create) the log 'path' for appending decisions of 'engine', loaded from
** 'rules_dir' with 'opts' (recorded on every line, so a replay uses the same). An existing
** log continues its chain: its last line must be complete and intact. Takes a write lock
** on the file for as long as it stays open. Rule sets named in results are archived under
** 'path'.rules/ (archive.h). With 'key' (NULL: none; it must outlive the log), closing
** appends a checkpoint signing the chain head. On failure prints why on standard error
** (in 'lang') and returns NULL.
*/
audit_log *audit_log_open(const char *path, rasoat_engine *engine, const char *rules_dir,
                          const rasoat_options *opts, const signing_key *key, rasoat_lang lang);

/*
** Append the decision for the input record at input line 'line': 'input' ('input_len'
** bytes) is the record's text as read, or NULL for a fragment the reader could not frame;
** 'record' is what classify wrote for it. The line goes out with one write(). Archives the
** rule sets the record names, once per run. Returns 1, or 0 when the log cannot be written
** (said on standard error; the caller stops). An archive that cannot be made is said on
** standard error and remembered for audit_log_close, but the run goes on.
*/
int audit_log_record(audit_log *log, long line, const char *input, size_t input_len,
                     const char *record, size_t record_len);

/*
** With a key, append the run's signed checkpoint; print the chain head on standard error;
** fsync and close the log, release the lock, free 'log'. Returns 1 when every line and
** every archive was written, 0 otherwise (said on standard error). NULL is allowed.
*/
int audit_log_close(audit_log *log);

/* }==================================================================== */

#endif
