/*
** out_file.h: writing an output file safely: into a temporary file beside it, renamed
** over the target only when everything was written, so a failed run never leaves a
** truncated file and never touches a file that is being read.
*/
#ifndef RASOAT_CLI_OUT_FILE_H
#define RASOAT_CLI_OUT_FILE_H

#include <stdio.h>

typedef struct out_file {
    char *path;                 /* the target */
    char *tmp;                  /* the temporary file beside it */
    FILE *f;                    /* open on 'tmp' (NULL after out_file_name) */
} out_file;

/* Create the temporary file for 'path' and open it for writing. Returns the stream, or
** NULL (errno set). */
FILE *out_file_open(out_file *o, const char *path);

/* Create the temporary file for 'path' and return its name, for libraries that open
** files themselves (libxlsxwriter). NULL on failure. */
const char *out_file_name(out_file *o, const char *path);

/* Flush, fsync and close the temporary file and rename it over the target. Returns 1,
** or 0 (errno set) after removing the temporary file. Frees 'o' either way. */
int out_file_commit(out_file *o);

/* Remove the temporary file and free 'o'. */
void out_file_abort(out_file *o);

/* Is 'path' the same file as 'other' (both existing)? */
int out_file_same(const char *path, const char *other);

#endif
