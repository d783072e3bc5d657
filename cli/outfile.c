/*
** outfile.c: temporary file (settled as it grows: writeback.h), fflush + fsync, rename.
** While a temporary exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove it before the
** process dies of the signal as usual, so an interrupted run leaves nothing behind (SIGKILL
** and power loss can leave a stray ".NAME.rasoat-XXXXXX", never a damaged NAME).
*/
#define _GNU_SOURCE /* realpath, fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "io_error.h"
#include "outfile.h"

#define MAX_PENDING 8

/* Temporary files to remove on a fatal signal; slots are NULL when free. */
static char *volatile pending[MAX_PENDING];
static int handlers_installed;

static void on_fatal_signal(int sig)
{
    int i;

    for (i = 0; i < MAX_PENDING; i++)
        if (pending[i] != NULL)
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_handlers(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction sa;
    size_t i;

    if (handlers_installed)
        return;
    handlers_installed = 1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;

        /* Keep a signal the caller chose to ignore ignored (e.g. nohup). */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

/* Block the fatal signals around changes of 'pending' and the rename. */
static void block_signals(sigset_t *old)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void set_pending(char *tmp, char *replace_with)
{
    sigset_t old;
    int i;

    block_signals(&old);
    for (i = 0; i < MAX_PENDING; i++) {
        if (pending[i] == tmp) {
            pending[i] = replace_with;
            break;
        }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void report(const char *cmd, const char *path, int errnum, rasoat_lang lang)
{
    char cause[256];

    fprintf(stderr, CLI_TEXT(lang, "%s: không ghi được %s: %s\n", "%s: cannot write %s: %s\n"),
            cmd, path, cli_strerror(errnum, lang, cause, sizeof cause));
}

static void release(outfile *o)
{
    free(o->path);
    free(o->target);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

/* The directory part of 'path' ("." when none), newly allocated. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL ? 1 : slash == path ? 1 : (size_t)(slash - path);
    char *dir = (char *)malloc(n + 1);

    if (dir == NULL)
        return NULL;
    memcpy(dir, slash == NULL ? "." : path, n);
    dir[n] = '\0';
    return dir;
}

/* "DIR/.BASE.rasoat-XXXXXX" for 'target', newly allocated. */
static char *temp_name(const char *target)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t dlen = slash ? (size_t)(slash - target) + 1 : 0;
    size_t n = dlen + 1 + strlen(base) + sizeof ".rasoat-XXXXXX";
    char *tmp = (char *)malloc(n);

    if (tmp != NULL)
        snprintf(tmp, n, "%.*s.%s.rasoat-XXXXXX", (int)dlen, target, base);
    return tmp;
}

#ifdef __GLIBC__
/* The temporary's writes: all of each goes to the file (glibc takes a short count from a
** cookie as an error without errno), which is settled as it grows (writeback.h), so
** gigabytes of results do not wait in the page cache for the closing fsync. A failed
** writeback is a failed write. */
static ssize_t settled_write(void *cookie, const char *buf, size_t size)
{
    outfile *o = (outfile *)cookie;
    int failed = writeback_write(&o->settle, buf, size);

    if (failed != 0) {
        errno = failed;
        return -1;
    }
    return (ssize_t)size;
}

static int settled_close(void *cookie)
{
    outfile *o = (outfile *)cookie;
    int closed = close(o->fd);

    o->fd = -1;
    return closed;
}
#endif

/* A stream on the temporary 'fd' (which it closes), or NULL. */
static FILE *temporary_stream(outfile *o, int fd)
{
    o->fd = fd;
    writeback_start(&o->settle, fd);
#ifdef __GLIBC__
    {
        cookie_io_functions_t io = {NULL, settled_write, NULL, settled_close};

        return fopencookie(o, "wb", io);
    }
#else
    return fdopen(fd, "wb");
#endif
}

int outfile_open(outfile *o, const char *path, const char *cmd, rasoat_lang lang)
{
    struct stat st, lst;
    sigset_t old;
    int fd, i, exists;

    memset(o, 0, sizeof *o);
    if (path == NULL || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 1;
    }
    exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) {
        report(cmd, path, errno, lang);
        return 0;
    }
    if (exists && S_ISDIR(st.st_mode)) {
        report(cmd, path, EISDIR, lang);
        return 0;
    }
    o->path = strdup(path);
    if (o->path == NULL) {
        report(cmd, path, ENOMEM, lang);
        return 0;
    }
    if (exists && S_ISREG(st.st_mode) && access(path, W_OK) != 0) {
        /* A file its owner made read-only is not replaced behind their back. */
        report(cmd, path, errno, lang);
        release(o);
        return 0;
    }
    if (exists && !S_ISREG(st.st_mode)) {      /* a device or a FIFO: nothing to replace */
        if ((o->f = fopen(path, "wb")) == NULL) {
            report(cmd, path, errno, lang);
            release(o);
            return 0;
        }
        return 1;
    }
    errno = 0;
    o->target = exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) ? realpath(path, NULL)
                                                                           : strdup(path);
    if (o->target == NULL || (o->tmp = temp_name(o->target)) == NULL) {
        report(cmd, path, errno ? errno : ENOMEM, lang);
        release(o);
        return 0;
    }
    install_handlers();
    block_signals(&old);
    fd = mkstemp(o->tmp);
    if (fd >= 0) {
        for (i = 0; i < MAX_PENDING && pending[i] != NULL; i++)
            ;
        if (i < MAX_PENDING)
            pending[i] = o->tmp;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        report(cmd, path, errno, lang);
        release(o);
        return 0;
    }
    if (exists) {
        fchmod(fd, st.st_mode & 07777);
    } else {
        mode_t mask = umask(0);

        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if ((o->f = temporary_stream(o, fd)) == NULL) {
        report(cmd, path, errno, lang);
        close(fd);
        outfile_discard(o);
        return 0;
    }
    return 1;
}

/* fsync the directory holding 'path', so the rename itself is durable. */
static void sync_dir(const char *path)
{
    char *dir = dir_of(path);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY) : -1;

    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int outfile_commit(outfile *o, const char *cmd, rasoat_lang lang)
{
    int failed = 0;

    if (o->f == NULL)
        return 0;
    if (o->tmp == NULL) {                          /* standard output or a device */
        errno = 0;
        failed = fflush(o->f) != 0 || ferror(o->f) ? (errno ? errno : EIO) : 0;
        if (o->f != stdout && fclose(o->f) != 0 && !failed)
            failed = errno;
        if (failed)
            report(cmd, o->path ? o->path : CLI_TEXT(lang, "đầu ra chuẩn", "standard output"), failed, lang);
        o->f = NULL;
        release(o);
        return !failed;
    }
    errno = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        failed = errno ? errno : EIO;
    else if (fsync(o->fd) != 0)
        failed = errno;
    if (fclose(o->f) != 0 && !failed)
        failed = errno;
    o->f = NULL;
    if (!failed) {
        sigset_t old;

        block_signals(&old);
        if (rename(o->tmp, o->target) != 0)
            failed = errno;
        else
            set_pending(o->tmp, NULL);
        sigprocmask(SIG_SETMASK, &old, NULL);
    }
    if (failed) {
        report(cmd, o->path, failed, lang);
        outfile_discard(o);
        return 0;
    }
    sync_dir(o->target);
    release(o);
    return 1;
}

void outfile_discard(outfile *o)
{
    if (o->f != NULL && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp != NULL) {
        unlink(o->tmp);
        set_pending(o->tmp, NULL);
    }
    release(o);
}
