/*
** classify_stream.h: the core of 'rasoat classify' for a caller with its own streams
** ('rasoat serve'): the same reader, the same records, the same bytes as the command.
*/
#ifndef RASOAT_CLI_CLASSIFY_STREAM_H
#define RASOAT_CLI_CLASSIFY_STREAM_H

#include <stdio.h>

#include "rasoat.h"

/*
** Classify every household read from 'in' (JSON Lines, a JSON array or CSV; 'name' as the
** command's input path: one ending in ".csv" makes it CSV, NULL or "-" an unnamed stream)
** with 'engine' (used by this thread only), writing one record and a newline per household
** to 'out' in input order, exactly as 'rasoat classify --jobs 1 --quiet' writes them. No
** decision log, no progress or summary line (a CSV header's notice still goes to stderr).
** Neither stream is closed or flushed. Stores the counts in '*records' and '*errors' (either
** may be NULL). Returns the command's exit status: EXIT_ALL_CLASSIFIED, EXIT_RECORD_ERRORS,
** or EXIT_IO when 'in' could not be read or 'out' not written.
*/
int classify_stream(rasoat_engine *engine, FILE *in, const char *name, FILE *out, rasoat_lang lang,
                    long *records, long *errors);

#endif
