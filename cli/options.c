/*
** options.c: the options the subcommands share and the worded command-line errors
** (options.h).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

int cli_bad_option(const char *cmd, char **argv, int optind_now, rasoat_lang lang)
{
    const char *written = argv[optind_now - 1];

    if (optopt != 0)
        fprintf(stderr, CLI_TEXT(lang, "%s: tùy chọn '%s' cần một giá trị\n", "%s: option '%s' needs a value\n"),
                cmd, written);
    else
        fprintf(stderr, CLI_TEXT(lang, "%s: tùy chọn không hợp lệ '%s'\n", "%s: invalid option '%s'\n"), cmd, written);
    fprintf(stderr, CLI_TEXT(lang, "Xem: %s --help\n", "See: %s --help\n"), cmd);
    return EXIT_USAGE;
}

int cli_bad_value(const char *cmd, const char *option, const char *value, const char *expected_vi,
                  const char *expected_en, rasoat_lang lang)
{
    fprintf(stderr, CLI_TEXT(lang, "%s: giá trị không hợp lệ cho --%s: '%s' (cần: %s)\n",
                             "%s: invalid value for --%s: '%s' (expected: %s)\n"),
            cmd, option, value, CLI_TEXT(lang, expected_vi, expected_en));
    return EXIT_USAGE;
}

int cli_bad_usage(const char *cmd, int c, const struct option *longopts, char **argv, int optind_now,
                  rasoat_lang lang)
{
    const struct option *o;

    for (o = longopts; c != '?' && o->name != NULL; o++) {
        if (o->val == c && o->has_arg != no_argument) {
            fprintf(stderr, CLI_TEXT(lang, "%s: giá trị không hợp lệ cho --%s: '%s'\n",
                                     "%s: invalid value for --%s: '%s'\n"), cmd, o->name, optarg);
            fprintf(stderr, CLI_TEXT(lang, "Xem: %s --help\n", "See: %s --help\n"), cmd);
            return EXIT_USAGE;
        }
    }
    return cli_bad_option(cmd, argv, optind_now, lang);
}

int cli_common_option(int c, const char *arg, cli_common *o)
{
    char *end = NULL;
    unsigned long long n;

    switch (c) {
    case CLI_OPT_RULES: o->rules_dir = arg; return 1;
    case CLI_OPT_RULESET: o->ruleset = arg; return 1;
    case CLI_OPT_AS_OF: o->as_of = arg; return 1;
    case CLI_OPT_OUTPUT: o->output = arg; return 1;
    case CLI_OPT_JOBS:
        n = strtoull(arg, &end, 10);
        if (end == arg || *end != '\0' || n < 1 || n > 256 || arg[0] == '-')
            return -1;
        o->jobs = (int)n;
        return 1;
    case CLI_OPT_LANG:
        return cli_parse_lang(arg, &o->lang) ? 1 : -1;
    default:
        return 0;
    }
}

int cli_common_refused(const char *cmd, int c, const char *arg, rasoat_lang lang)
{
    if (c == CLI_OPT_JOBS)
        return cli_bad_value(cmd, "jobs", arg, "số luồng từ 1 đến 256", "a number of threads from 1 to 256", lang);
    if (c == CLI_OPT_LANG)
        return cli_bad_value(cmd, "lang", arg, "vi hoặc en", "vi or en", lang);
    return cli_bad_value(cmd, c == CLI_OPT_RULES ? "rules" : c == CLI_OPT_RULESET ? "ruleset"
                         : c == CLI_OPT_AS_OF ? "as-of" : "output", arg, "?", "?", lang);
}

int cli_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

void cli_common_init(cli_common *o, rasoat_lang lang)
{
    memset(o, 0, sizeof *o);
    o->jobs = cli_cores();
    o->lang = lang;
}
