/*
** options.h: what the commands' command lines share: the options several commands take
** (--rules, --ruleset, --as-of, --output, --jobs, --lang), each with one name, one value and
** one meaning everywhere, and the messages for a command line that cannot be read, naming
** the option and the value as the user wrote them.
*/
#ifndef RASOAT_CLI_OPTIONS_H
#define RASOAT_CLI_OPTIONS_H

#include <getopt.h>

#include "rasoat.h"

/* What getopt_long returns for the shared options (above any command's own values). */
enum {
    CLI_OPT_RULES = 0x10000,
    CLI_OPT_RULESET,
    CLI_OPT_AS_OF,
    CLI_OPT_OUTPUT,
    CLI_OPT_JOBS,
    CLI_OPT_LANG
};

/* Their entries for a command's getopt_long table. */
#define CLI_LONGOPT_RULES {"rules", required_argument, NULL, CLI_OPT_RULES}
#define CLI_LONGOPT_RULESET {"ruleset", required_argument, NULL, CLI_OPT_RULESET}
#define CLI_LONGOPT_AS_OF {"as-of", required_argument, NULL, CLI_OPT_AS_OF}
#define CLI_LONGOPT_OUTPUT {"output", required_argument, NULL, CLI_OPT_OUTPUT}
#define CLI_LONGOPT_JOBS {"jobs", required_argument, NULL, CLI_OPT_JOBS}
#define CLI_LONGOPT_LANG {"lang", required_argument, NULL, CLI_OPT_LANG}

/* The values of the shared options: the command sets its defaults, cli_common_option
** takes what the command line gives. Strings point into argv. */
typedef struct cli_common {
    const char *rules_dir;  /* --rules DIR */
    const char *ruleset;    /* --ruleset ID */
    const char *as_of;      /* --as-of YYYY-MM-DD */
    const char *output;     /* --output FILE */
    int jobs;               /* --jobs N, 1 to 256 */
    rasoat_lang lang;       /* --lang vi|en */
} cli_common;

/*
** If 'c' (what getopt_long returned) is a shared option, take its value 'arg' into 'o' and
** return 1; return 0 for any other option; return -1, leaving 'o' as it was, when the value
** is not one the option takes (a --jobs that is not a whole number from 1 to 256, a --lang
** other than vi or en). Prints nothing: the command words a refusal (cli_common_refused, or
** its own message).
*/
int cli_common_option(int c, const char *arg, cli_common *o);

/* The cores present (at least 1, at most 64): the default of --jobs. */
int cli_cores(void);

/* 'o' with the shared defaults: --jobs the cores present, 'lang', nothing else given. A
** command that reads rules then sets o->rules_dir = cli_default_rules(). */
void cli_common_init(cli_common *o, rasoat_lang lang);

/* "CMD: invalid value for --NAME: 'VALUE' (expected: ...)" for shared option 'c' refused by
** cli_common_option. Returns EXIT_USAGE. */
int cli_common_refused(const char *cmd, int c, const char *arg, rasoat_lang lang);

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
int cli_bad_usage(const char *cmd, int c, const struct option *longopts, char **argv, int optind_now,
                  rasoat_lang lang);

/* "CMD: invalid value for --OPTION: 'VALUE' (expected: EXPECTED)". Returns EXIT_USAGE. */
int cli_bad_value(const char *cmd, const char *option, const char *value, const char *expected_vi,
                  const char *expected_en, rasoat_lang lang);

#endif
