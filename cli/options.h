/*
** options.h: the messages for a command line that cannot be read, naming the option and
** the value as the user wrote them.
*/
#ifndef RASOAT_CLI_OPTIONS_H
#define RASOAT_CLI_OPTIONS_H

#include "rasoat.h"

/*
** After getopt_long returned '?' (with opterr = 0): print "CMD: invalid option 'X'" for an
** unknown option, or "CMD: option 'X' needs a value" when its value is missing, then
** "See: CMD --help". Returns EXIT_USAGE.
*/
int cli_bad_option(const char *cmd, char **argv, int optind_now, rasoat_lang lang);

/*
** The else-branch of a getopt_long loop: 'c' is what getopt_long returned. For '?', as
** cli_bad_option; for an option of 'longopts' whose value the command refused, "CMD: invalid
** value for --NAME: 'VALUE'" and "See: CMD --help". Returns EXIT_USAGE.
*/
struct option;
int cli_bad_usage(const char *cmd, int c, const struct option *longopts, char **argv, int optind_now,
                  rasoat_lang lang);

/* "CMD: invalid value for --OPTION: 'VALUE' (expected: EXPECTED)". Returns EXIT_USAGE. */
int cli_bad_value(const char *cmd, const char *option, const char *value, const char *expected_vi,
                  const char *expected_en, rasoat_lang lang);

#endif
