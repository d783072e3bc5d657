/*
** peak_rss.c: run a command and print its peak resident memory, for tests/report_memory.py.
** A child's ru_maxrss counts the memory of the process it was forked from (Linux keeps the
** high-water mark across fork and exec), so the command is forked from this small program,
** not from the test's Python.
**
** Usage: peak_rss COMMAND [ARG...]; prints "PEAK_KIB EXIT_STATUS" on standard output (the
** command's own standard output goes to /dev/null), exits 0, or 2 when the command could
** not be run or was killed by a signal.
*/
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct rusage usage;
    int status;
    pid_t pid;

    if (argc < 2) {
        fputs("usage: peak_rss COMMAND [ARG...]\n", stderr);
        return 2;
    }
    fflush(stdout);
    if ((pid = fork()) < 0) {
        perror("peak_rss: fork");
        return 2;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);

        if (null >= 0)
            dup2(null, 1);
        execvp(argv[1], argv + 1);
        perror("peak_rss: exec");
        _exit(127);
    }
    /* The one child: its peak is the children's (the largest of those waited for). */
    if (waitpid(pid, &status, 0) != pid || getrusage(RUSAGE_CHILDREN, &usage) != 0) {
        perror("peak_rss: waitpid");
        return 2;
    }
    if (!WIFEXITED(status))
        return 2;
    printf("%ld %d\n", usage.ru_maxrss, WEXITSTATUS(status));
    return 0;
}
