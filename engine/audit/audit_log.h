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
#ifndef RASOAT_AUDIT_AUDIT_LOG_H
#define RASOAT_AUDIT_AUDIT_LOG_H

#include <stddef.h>

#include "log_line.h"
#include "rasoat.h"
#include "signing.h"

/* The writer: rasoat_log_open, rasoat_log_record, rasoat_log_close (rasoat.h). */
typedef struct rasoat_log audit_log;

#endif
