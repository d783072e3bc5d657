/*
** diff_spool.c: the movers' temporary file of 'rasoat diff' (diff_spool.h): mkstemp in
** $TMPDIR, unlinked before anything is written, appended through a buffered stream and
** copied out once at the end.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff_spool.h"

struct diff_spool {
    FILE *f;
};

diff_spool *diff_spool_open(void)
{
    const char *dir = getenv("TMPDIR");
    size_t n;
    char *path;
    int fd, saved;
    diff_spool *s;

    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    n = strlen(dir) + sizeof "/rasoat-diff-XXXXXX";
    if ((path = (char *)malloc(n)) == NULL || (s = (diff_spool *)malloc(sizeof *s)) == NULL) {
        free(path);
        errno = ENOMEM;
        return NULL;
    }
    snprintf(path, n, "%s/rasoat-diff-XXXXXX", dir);
    if ((fd = mkstemp(path)) < 0) {
        saved = errno;
        free(path);
        free(s);
        errno = saved;
        return NULL;
    }
    unlink(path);           /* gone from the directory now; the data live until close */
    free(path);
    if ((s->f = fdopen(fd, "w+b")) == NULL) {
        saved = errno;
        close(fd);
        free(s);
        errno = saved;
        return NULL;
    }
    return s;
}

int diff_spool_append(diff_spool *s, const char *bytes, size_t len)
{
    return len == 0 || fwrite(bytes, 1, len, s->f) == len ? 0 : -1;
}

int diff_spool_copy(diff_spool *s, FILE *out)
{
    char buf[1 << 16];
    size_t n;

    if (s == NULL)
        return 0;
    if (fflush(s->f) != 0 || fseek(s->f, 0, SEEK_SET) != 0)
        return -1;
    while ((n = fread(buf, 1, sizeof buf, s->f)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            return -1;
    if (ferror(s->f))
        return -1;
    return fseek(s->f, 0, SEEK_END) == 0 ? 0 : -1;  /* appending may go on */
}

void diff_spool_close(diff_spool *s)
{
    if (s == NULL)
        return;
    fclose(s->f);
    free(s);
}
