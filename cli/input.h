/*
** input.h: reading household records one at a time from JSON Lines or from one JSON array,
** in constant memory whatever the input's size.
*/
#ifndef RASOAT_CLI_INPUT_H
#define RASOAT_CLI_INPUT_H

#include <stdio.h>

typedef enum input_status {
    INPUT_RECORD = 1,   /* a record's text is ready */
    INPUT_END = 0,      /* no more records */
    INPUT_BROKEN = -1,  /* a fragment that cannot be a record (reported, reading goes on) */
    INPUT_IO = -2       /* the stream failed */
} input_status;

/* What is wrong with a fragment, in both languages. */
typedef struct input_problem {
    const char *vi;
    const char *en;
} input_problem;

typedef struct input {
    FILE *f;
    int mode;           /* 0 undecided, 'l' JSON Lines, 'a' JSON array */
    int array_done;     /* the array's closing ']' was read */
    char *buf;          /* the current record's text, NUL-terminated */
    size_t length, capacity;
    long line;          /* current line of the stream (1-based) */
    const input_problem *problem; /* for INPUT_BROKEN: what is wrong */
} input;

/* Start reading 'f' (not owned). */
void input_init(input *in, FILE *f);

/* Free the buffer. */
void input_free(input *in);

/*
** Read the next record. On INPUT_RECORD, 'in->buf'/'in->length' hold its text and
** '*line' the line it starts on; on INPUT_BROKEN, '*line' and 'in->problem' say where and
** what. Blank lines are not records.
*/
input_status input_next(input *in, long *line);

#endif
