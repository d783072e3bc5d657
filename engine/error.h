/*
** error.h: filling a rasoat_error, and the bilingual message catalogue behind every message
** the engine writes for people.
*/
#ifndef RASOAT_ERROR_H
#define RASOAT_ERROR_H

#include <stddef.h>

#include "rasoat.h"

/* Copy 'src' into 'dst' of 'size' bytes, cutting at a UTF-8 character boundary. */
void err_copy(char *dst, size_t size, const char *src);

/*
** Fill 'e' (if not NULL): code, kind, field, file and line as given (NULL for "none"), and
** the message of catalogue entry 'key' in 'lang' with its %1$s..%4$s placeholders taken
** from 'args' ('nargs' strings). Returns 'code'.
*/
int err_set(rasoat_error *e, int code, const char *kind, const char *field, const char *file,
            int line, rasoat_lang lang, const char *key, const char *const *args, int nargs);

/* Same, with the message given as finished text. Returns 'code'. */
int err_set_text(rasoat_error *e, int code, const char *kind, const char *field,
                 const char *file, int line, const char *message);

/* Write catalogue message 'key' in 'lang' with 'args' into 'buf'. Unknown keys are
** written as the key followed by the arguments, so nothing is silently lost. */
void msg_format(char *buf, size_t size, rasoat_lang lang, const char *key,
                const char *const *args, int nargs);

#endif
