/*
** measure.c: run one command and report its wall time and peak memory, for the benchmark
** (a stand-in for GNU time, which may be absent).
**
** Usage: measure [-o REPORT] -- COMMAND [ARGS...]
**
** Runs COMMAND (found on PATH) with the standard streams inherited, waits for it with
** wait4() and writes one line to REPORT (default: standard error):
**     elapsed=<seconds> maxrss_kib=<KiB> status=<exit status, or 128+signal>
** Elapsed time is CLOCK_MONOTONIC from just before fork() to the end of wait4(); peak
** memory is the child's ru_maxrss (KiB on Linux). Exits with the command's status, or 127
** when it cannot be started, 126 on a usage error.
*/
/* wait4() is BSD/GNU rather than POSIX: ask for it on top of the project's POSIX level. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds from 't0' to now on the monotonic clock. */
static double elapsed_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    const char *report_path = NULL;
    FILE *report = stderr;
    struct timespec t0;
    struct rusage ru;
    pid_t pid, got;
    int i = 1, wstatus = 0, status;
    double seconds;

    if (i + 1 < argc && strcmp(argv[i], "-o") == 0) {
        report_path = argv[i + 1];
        i += 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc) {
        fputs("usage: measure [-o REPORT] -- COMMAND [ARGS...]\n", stderr);
        return 126;
    }
    if (report_path != NULL && (report = fopen(report_path, "w")) == NULL) {
        fprintf(stderr, "measure: cannot write %s: %s\n", report_path, strerror(errno));
        return 126;
    }

    fflush(NULL);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[i], argv + i);
        fprintf(stderr, "measure: cannot run %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }
    memset(&ru, 0, sizeof ru);
    do
        got = wait4(pid, &wstatus, 0, &ru);
    while (got < 0 && errno == EINTR);
    seconds = elapsed_since(&t0);
    if (got < 0) {
        fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
        return 127;
    }
    status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
           : WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : 127;
    fprintf(report, "elapsed=%.3f maxrss_kib=%ld status=%d\n", seconds, (long)ru.ru_maxrss,
            status);
    if (report != stderr && fclose(report) != 0)
        return 126;
    return status;
}
