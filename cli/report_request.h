/*
** report_request.h: 'rasoat report' for a caller without a command line ('rasoat serve'):
** one results file in, one report written, the same bytes as the command's.
*/
#ifndef RASOAT_CLI_REPORT_REQUEST_H
#define RASOAT_CLI_REPORT_REQUEST_H

#include <stddef.h>

#include "rasoat.h"

/*
** As 'rasoat report --rules RULES_DIR --format FORMAT [--form FORM] [--level LEVEL]
** [--ruleset RULESET] --lang LANG --output OUTPUT - < INPUT' (the input is named '-', as
** standard input, whatever its path): 'format' is "xlsx", "csv" (OUTPUT
** a directory) or "json"; 'form', 'level' and 'ruleset' may be NULL (the command's
** defaults). Not thread-safe: call under one lock. Returns the command's exit status, with
** its last message in 'why' ("" when none).
*/
int report_request(const char *rules_dir, const char *input, const char *output, const char *format,
                   const char *form, const char *level, const char *ruleset, rasoat_lang lang,
                   char *why, size_t why_size);

#endif
