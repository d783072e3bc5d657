/*
** outfile.h: writing a file so that nothing is lost: the text goes to a temporary file
** beside the destination and replaces it only after a complete, flushed and synced write.
** A failed run (disk full, a signal, a crash) leaves the previous file as it was and no
** half-written one. For any command that writes a file: classify, diff, report.
*/
#ifndef RASOAT_CLI_OUTFILE_H
#define RASOAT_CLI_OUTFILE_H

#include <stdio.h>

#include "rasoat.h"
#include "writeback.h"

typedef struct outfile {
    FILE *f;           /* write here */
    char *path;        /* the destination as given (owned), NULL for standard output */
    char *target;      /* the file the rename replaces (a symlink's target), owned */
    char *tmp;         /* the temporary beside 'target' (owned), NULL when writing directly */
    int fd;            /* the temporary's descriptor, under 'f' */
    writeback settle;  /* writes it, settled as it grows (writeback.h) */
} outfile;

/*
** Open 'path' for writing ("-" or NULL: standard output). A regular file, or a name not
** yet taken, is written through a temporary file in the same directory (a symlink is
** followed, so its target is replaced and the link kept); a device or FIFO (/dev/null, a
** pipe) is written directly. On failure prints "CMD: cannot write PATH: cause" in 'lang'
** and returns 0; on success returns 1 and 'o->f' is ready.
*/
int outfile_open(outfile *o, const char *path, const char *cmd, rasoat_lang lang);

/*
** Finish: flush, fsync and close the temporary file, give it the mode the destination had
** (or 0666 less the umask) and rename it onto the destination; for standard output or a
** device, flush. Returns 1, or 0 with the cause printed (the temporary is then removed
** and the destination left untouched). Releases 'o' either way.
*/
int outfile_commit(outfile *o, const char *cmd, rasoat_lang lang);

/* Give up: remove the temporary file (the destination is untouched) and release 'o'. */
void outfile_discard(outfile *o);

#endif
