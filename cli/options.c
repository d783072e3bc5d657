/*
** options.c: worded command-line errors shared by the subcommands.
*/
#include <getopt.h>
#include <stdio.h>

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
