/*
** writeback.h: keeping a long file that is written once, then fsynced, from crowding the
** page cache (the decision log, classify's results). As the file grows, the disk is asked
** to start on what was written, and what lies more than WRITEBACK_LAG behind is waited for
** and dropped from the cache (Linux's sync_file_range and posix_fadvise DONTNEED): the
** disk works while the file is made instead of all at the closing fsync, and gigabytes of
** dirty pages never pile up. Elsewhere, and on files that do not take it, it does nothing.
*/
#ifndef RASOAT_AUDIT_WRITEBACK_H
#define RASOAT_AUDIT_WRITEBACK_H

#include <sys/types.h>

/* What lies further back than this is settled. */
#define WRITEBACK_LAG (4 * 1024 * 1024)

typedef struct writeback {
    int fd;
    off_t end;          /* the file's size, as far as writeback_write knows */
    off_t settled;      /* bytes before this are on the disk and out of the cache */
    int on;             /* the file takes it (a regular file, on Linux) */
} writeback;

/* Follow the file open on 'fd' from its current end on. */
void writeback_start(writeback *w, int fd);

/*
** write() all of the 'n' bytes at 'p' at the file's end (going on after a partial write or
** a signal), then settle as writeback_upto does. Returns 0, or the errno of the failed
** write or writeback.
*/
int writeback_write(writeback *w, const void *p, size_t n);

/*
** The file now ends at 'end' (its bytes written, not in a stdio buffer): start the disk on
** them, and settle what lies more than WRITEBACK_LAG behind. Returns 0, or the errno of a
** failed writeback, which the closing fsync would not report again: the caller must take
** it as a failed write.
*/
int writeback_upto(writeback *w, off_t end);

#endif
