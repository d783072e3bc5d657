/*
** out_file.c: temporary file + rename (out_file.h). The temporary file is made with
** mkstemp in the target's directory, so the rename stays on one file system.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out_file.h"

static int make_tmp(out_file *o, const char *path)
{
    size_t n = strlen(path);
    int fd;

    memset(o, 0, sizeof *o);
    o->path = (char *)malloc(n + 1);
    o->tmp = (char *)malloc(n + 16);
    if (o->path == NULL || o->tmp == NULL) {
        free(o->path);
        free(o->tmp);
        errno = ENOMEM;
        return -1;
    }
    memcpy(o->path, path, n + 1);
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp.XXXXXX", 12);
    fd = mkstemp(o->tmp);
    if (fd < 0) {
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
    }
    return fd;
}

FILE *out_file_open(out_file *o, const char *path)
{
    int fd = make_tmp(o, path);

    if (fd < 0)
        return NULL;
    o->f = fdopen(fd, "wb");
    if (o->f == NULL) {
        close(fd);
        out_file_abort(o);
    }
    return o->f;
}

const char *out_file_name(out_file *o, const char *path)
{
    int fd = make_tmp(o, path);

    if (fd < 0)
        return NULL;
    close(fd);
    return o->tmp;
}

int out_file_commit(out_file *o)
{
    int ok = 1;

    if (o->f != NULL) {
        ok = fflush(o->f) == 0 && fsync(fileno(o->f)) == 0;
        ok = fclose(o->f) == 0 && ok;
        o->f = NULL;
    }
    ok = ok && chmod(o->tmp, 0644) == 0 && rename(o->tmp, o->path) == 0;
    if (!ok) {
        int saved = errno;

        out_file_abort(o);
        errno = saved;
        return 0;
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return 1;
}

void out_file_abort(out_file *o)
{
    if (o->f != NULL)
        fclose(o->f);
    if (o->tmp != NULL)
        unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

int out_file_same(const char *path, const char *other)
{
    struct stat a, b;

    return stat(path, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}
