/*
** explain_stream.h: the core of 'rasoat explain FILE' for a caller with its own streams
** ('rasoat serve'): the same household chosen, the same text or JSON.
*/
#ifndef RASOAT_CLI_EXPLAIN_STREAM_H
#define RASOAT_CLI_EXPLAIN_STREAM_H

#include <stddef.h>
#include <stdio.h>

#include "rasoat.h"

/*
** Read households from 'in' ('name' as the command's FILE: ".csv" makes it CSV; NULL for an
** unnamed stream), take the one with id 'id' (NULL: the only one) and write its explanation
** with 'engine' onto 'out' in 'format' and 'lang', exactly as 'rasoat explain' prints it.
** Returns 0 explained; EXIT_RECORD_ERRORS when the household cannot be classified (the
** reason in 'why'); EXIT_USAGE when it is not found, or 'id' is NULL and there are several
** (the command's message goes to stderr); EXIT_IO when 'in' or 'out' fails.
*/
int explain_stream(rasoat_engine *engine, FILE *in, const char *name, const char *id,
                   rasoat_explain_format format, rasoat_lang lang, FILE *out, char *why, size_t why_size);

#endif
