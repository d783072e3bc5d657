/*
** audit_text.h: the words of the audit trail (engine/audit/) for people: catalogue messages
** (engine/error.c) with up to four string arguments, and the cause of a failed system call.
*/
#ifndef RASOAT_AUDIT_TEXT_H
#define RASOAT_AUDIT_TEXT_H

#include <stddef.h>

#include "rasoat.h"

/* Catalogue message 'key' in 'lang' into 'buf' ('size' bytes), its %1$s..%4$s taken from
** 'a1'..'a4' (NULL: empty). Returns 'buf'. */
char *audit_text(char *buf, size_t size, rasoat_lang lang, const char *key, const char *a1,
                 const char *a2, const char *a3, const char *a4);

/* Fill 'err' (when not NULL) with code 'code', kind 'kind' and catalogue message 'key' as
** audit_text words it. Returns 'code'. */
int audit_fail(rasoat_error *err, int code, const char *kind, rasoat_lang lang, const char *key,
               const char *a1, const char *a2, const char *a3, const char *a4);

/* The cause of the current errno in 'lang' (rasoat_strerror), into 'buf'. Returns 'buf'. */
char *audit_errno_text(rasoat_lang lang, char *buf, size_t size);

#endif
