/*
** writeback.c: settling a growing file as it is written (writeback.h).
*/
#ifdef __linux__
#define _GNU_SOURCE            /* sync_file_range */
#endif
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "writeback.h"

void writeback_start(writeback *w, int fd)
{
    w->fd = fd;
    w->end = w->settled = lseek(fd, 0, SEEK_END);
#ifdef __linux__
    w->on = w->settled >= 0;
#else
    w->on = 0;
#endif
}

int writeback_upto(writeback *w, off_t end)
{
#ifdef __linux__
    off_t upto = end - WRITEBACK_LAG;

    if (!w->on || end <= w->settled)
        return 0;
    if (sync_file_range(w->fd, w->settled, end - w->settled, SYNC_FILE_RANGE_WRITE) != 0) {
        if (errno != EINVAL && errno != ENOSYS && errno != ESPIPE)
            return errno;
        w->on = 0;              /* not a file that takes it: the closing fsync does all */
        return 0;
    }
    if (upto > w->settled) {
        if (sync_file_range(w->fd, w->settled, upto - w->settled, SYNC_FILE_RANGE_WAIT_BEFORE
                            | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER) != 0)
            return errno;
        (void)posix_fadvise(w->fd, w->settled, upto - w->settled, POSIX_FADV_DONTNEED);
        w->settled = upto;
    }
#else
    (void)w;
    (void)end;
#endif
    return 0;
}

int writeback_write(writeback *w, const void *p, size_t n)
{
    const char *at = (const char *)p;

    while (n > 0) {
        ssize_t done = write(w->fd, at, n);

        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return done == 0 ? EIO : errno;
        at += done;
        n -= (size_t)done;
        w->end += done;
    }
    return writeback_upto(w, w->end);
}
