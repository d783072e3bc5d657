/*
** jobs.h: the --jobs option shared by the commands that work on every core (report, test):
** its default (the cores present) and its parsing. classify keeps its own copy.
*/
#ifndef RASOAT_CLI_JOBS_H
#define RASOAT_CLI_JOBS_H

#include "rasoat.h"

/* The cores present (at least 1, at most 64): the default of --jobs. */
int cli_cores(void);

/* Parse 'arg' as --jobs (1 to 256) into '*out'. Returns 1, or 0 after saying on standard
** error, for command 'cmd' in 'lang', what was expected. */
int cli_parse_jobs(const char *cmd, const char *arg, int *out, rasoat_lang lang);

#endif
