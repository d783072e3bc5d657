/*
** line_frame.c: JSON Lines framed in place by memchr (see line_frame.h).
*/
#include <errno.h>
#include <string.h>

#include "line_frame.h"

void line_frame_init(line_frame *fr, FILE *f, long line)
{
    memset(fr, 0, sizeof *fr);
    fr->f = f;
    fr->line = line;
}

size_t line_frame_read(line_frame *fr, char *buf, size_t len, size_t cap)
{
    while (!fr->eof && len + 1 < cap) {
        size_t n;

        errno = 0;
        n = fread(buf + len, 1, cap - 1 - len, fr->f);
        len += n;
        if (n == 0 || len + 1 < cap) {      /* a short read: the end, or a failure */
            if (ferror(fr->f))
                fr->err = errno ? errno : EIO;
            else if (!feof(fr->f))
                continue;                    /* a pipe gave what it had: read on */
            fr->eof = 1;
        }
    }
    return len;
}

int line_frame_next(line_frame *fr, char *buf, size_t *pos, size_t len, size_t *start,
                    size_t *rlen, long *line)
{
    size_t p = *pos;
    char *nl;

    for (; p < len; p++) {
        char c = buf[p];

        if (c == '\n')
            fr->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            break;
    }
    *pos = p;
    if (p == len)
        return 0;
    nl = (char *)memchr(buf + p, '\n', len - p);
    if (nl == NULL && !(fr->eof && fr->err == 0))
        return 0;
    *start = p;
    *line = fr->line;
    if (nl == NULL) {
        *rlen = len - p;
        buf[len] = '\0';
        *pos = len;
    } else {
        *rlen = (size_t)(nl - (buf + p));
        *nl = '\0';
        *pos = (size_t)(nl - buf) + 1;
        fr->line++;
    }
    return 1;
}
