/*
** defaults.c: where the command finds what it was built with (cli.h): the bundled rules and
** the documentation, for the binary in the build tree or installed, and opening an engine
** on a rules directory with the failure worded. Apart from main.c, so that the commands
** that use these do not depend on the file that dispatches to them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Is this process the 'rasoat' built in the build tree (not an installed copy)? */
static int running_from_build_tree(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n <= 0)
        return 0;
    exe[n] = '\0';
    return strcmp(exe, RASOAT_BUILD_EXE) == 0;
}

const char *cli_default_rules(void)
{
    const char *env = getenv("RASOAT_RULES");
    struct stat st;

    if (env != NULL && env[0] != '\0')
        return env;
    if (!running_from_build_tree() && stat(RASOAT_INSTALLED_RULES, &st) == 0 && S_ISDIR(st.st_mode))
        return RASOAT_INSTALLED_RULES;
    return RASOAT_SOURCE_RULES;
}

const char *cli_docs_dir(void)
{
    return running_from_build_tree() ? RASOAT_SOURCE_DOCS : RASOAT_INSTALLED_DOCS;
}

void cli_report_open_error(const rasoat_error *err)
{
    fprintf(stderr, "rasoat: %s\n", err->message);
}

rasoat_engine *cli_open(const char *rules_dir, const char *forced, rasoat_lang lang)
{
    rasoat_options opts;
    rasoat_engine *engine = NULL;
    rasoat_error err;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = rules_dir;
    opts.force_ruleset = forced;
    opts.lang = lang;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK)
        cli_report_open_error(&err);
    return engine;
}
