/*
** same_file.h: refusing to write onto a file the same command reads or appends to, by
** device and inode (so a hard link, a symlink or "./x" versus "x" are caught), never by
** name.
*/
#ifndef RASOAT_CLI_SAME_FILE_H
#define RASOAT_CLI_SAME_FILE_H

#include "rasoat.h"

/* One file a command touches. */
typedef struct guarded_file {
    const char *path;   /* its name; NULL to take descriptor 'fd' (standard input/output) */
    int fd;
    const char *vi, *en;/* what it is to the command: "tệp đầu vào" / "the input" */
    int writes;         /* 1: the command writes or appends to it */
    int tree;           /* 1: a directory the command keeps files in: refuse writing inside */
} guarded_file;

/*
** Check every file of 'files' that the command writes against every other: when two are
** the same regular file, or a written file lies inside a 'tree', print why in 'lang'
** ("CMD: refusing to write the results to X: it is the input Y …") and return 0. Files that
** do not exist yet, and devices, pipes and terminals, never conflict. Returns 1 when all
** are distinct.
*/
int same_file_check(const char *cmd, rasoat_lang lang, const guarded_file *files, int n);

#endif
