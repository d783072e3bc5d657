/*
** line_frame.h: JSON Lines framed in place, for the batch path of 'classify --jobs': the
** reading thread reads whole blocks of the stream into a batch's own buffer and finds each
** record's end with memchr, putting a NUL where its newline was, so it copies no record and
** looks at no byte one at a time except blanks between records. The records, their bytes
** and their lines are those rasoat_reader gives for JSON Lines (rasoat.h): blanks (' ',
** '\t', '\r', '\n') before a record are skipped, the record runs to the end of its line
** (its '\n' not included, a '\r' kept), and its line is the one its first byte stands on.
*/
#ifndef RASOAT_CLI_LINE_FRAME_H
#define RASOAT_CLI_LINE_FRAME_H

#include <stddef.h>
#include <stdio.h>

typedef struct line_frame {
    FILE *f;       /* borrowed; read from its current position on */
    long line;     /* the line the next unframed byte stands on (1-based) */
    int eof;       /* the stream has no more bytes (or failed: see 'err') */
    int err;       /* the errno of a read failure, 0 when none */
} line_frame;

/* Start framing 'f', whose next byte stands on line 'line'. */
void line_frame_init(line_frame *fr, FILE *f, long line);

/*
** Read from the stream into buf[len .. cap - 1) until that is full or the stream ends
** (one byte is kept spare for a last record's NUL). Returns the new length; sets 'eof'
** at the end of the stream and 'eof' and 'err' when it fails.
*/
size_t line_frame_read(line_frame *fr, char *buf, size_t len, size_t cap);

/*
** The next record in buf[*pos .. len): returns 1 with its start in '*start', its length
** in '*rlen' and its line in '*line', the byte after it set to NUL and '*pos' past its
** newline. Returns 0 when buf[*pos .. len) holds no whole record: '*pos' then stands on the
** first byte of a record not yet ended (or at 'len' after blanks only), to be read on
** with more bytes. After the end of the stream ('eof' without 'err') a last line without
** a newline is a record (buf[len] must be writable).
*/
int line_frame_next(line_frame *fr, char *buf, size_t *pos, size_t len, size_t *start,
                    size_t *rlen, long *line);

#endif
