/*
** jobs.c: the --jobs option of report and test (see jobs.h).
*/
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "jobs.h"
#include "options.h"

int cli_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int cli_parse_jobs(const char *cmd, const char *arg, int *out, rasoat_lang lang)
{
    char *end = NULL;
    unsigned long long n = strtoull(arg, &end, 10);

    if (end == arg || *end != '\0' || n < 1 || n > 256 || arg[0] == '-') {
        cli_bad_value(cmd, "jobs", arg, "số luồng từ 1 đến 256", "a number of threads from 1 to 256", lang);
        return 0;
    }
    *out = (int)n;
    return 1;
}
