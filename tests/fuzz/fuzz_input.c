/*
** fuzz_input.c: libFuzzer target for the record framer of cli/input.c (JSON Lines or one
** JSON array), driven through its own API on a memory stream (fmemopen).
**
** Beyond crashes, a finding is any input for which:
**   - reading does not end: more records than the input has bytes, or line numbers that go
**     down or past the input's last line;
**   - the reader takes for a JSON array an input whose first non-blank byte (after a UTF-8
**     byte-order mark) is not '[', or the other way round;
**   - when it reads JSON Lines from the start (docs/formats.md §1; not CSV, not text after
**     an array), the records are not exactly the non-blank lines, in order, each with its
**     own 1-based line number and its text from its first non-blank byte: no line may be
**     lost, split, merged or renumbered.
*/
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "input.h"

/* How much of a text of 'n' bytes a message shows. */
#define SHOWN(n) ((int)((n) < 80 ? (n) : 80))

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The expected JSON Lines framing: the next non-blank line at or after '*at' (its text
** from its first non-blank byte to before its LF, and its line number). 0 at the end. */
static long next_line(const char *data, size_t size, size_t *at, long *lineno,
                     const char **text, size_t *len)
{
    while (*at < size) {
        const char *nl = (const char *)memchr(data + *at, '\n', size - *at);
        size_t end = nl != NULL ? (size_t)(nl - data) : size, i = *at;
        long here = *lineno;

        while (i < end && is_blank((unsigned char)data[i]))
            i++;
        *at = nl != NULL ? end + 1 : size;
        (*lineno)++;
        if (i < end) {
            *text = data + i;
            *len = end - i;
            return here;
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    FILE *f;
    input in;
    input_status st;
    long line, last_line = 0, lines = 1, expected_line = 1;
    size_t i, records = 0, at = 0, skip = 0;
    int array_first, lines_mode = 0;

    if (size == 0 || (f = fmemopen((void *)data, size, "rb")) == NULL)
        return 0;
    for (i = 0; i < size; i++)
        lines += bytes[i] == '\n';
    if (size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    for (i = skip; i < size && is_blank((unsigned char)bytes[i]); i++)
        ;
    array_first = i < size && bytes[i] == '[';
    at = skip;

    input_init(&in, f);
    while ((st = input_next(&in, &line)) == INPUT_RECORD || st == INPUT_BROKEN) {
        records++;
        if (records == 1) { /* after an array, the reader goes on in JSON Lines */
            int array = in.mode == 'a';

            FUZZ_CHECK(array == array_first, "read as %s, the first byte is %s'['",
                       array ? "an array" : "not an array", array_first ? "" : "not ");
            lines_mode = in.mode == 'l' && !array;
        }
        FUZZ_CHECK(records <= size + 1, "more records (%zu) than input bytes (%zu)", records, size);
        FUZZ_CHECK(line >= last_line && line >= 1 && line <= lines,
                   "record %zu at line %ld, after line %ld, in %ld lines", records, line,
                   last_line, lines);
        last_line = line;
        if (lines_mode) {
            const char *text;
            size_t len;
            long want = next_line(bytes, size, &at, &expected_line, &text, &len);

            FUZZ_CHECK(st == INPUT_RECORD, "JSON Lines record %zu reported broken", records);
            FUZZ_CHECK(want != 0, "record %zu at line %ld: the input has no such line", records,
                       line);
            FUZZ_CHECK(line == want, "record %zu: read at line %ld, it is line %ld", records,
                       line, want);
            FUZZ_CHECK(in.length == len && memcmp(in.buf, text, len) == 0,
                       "line %ld read as %zu bytes \"%.*s\", it holds %zu bytes \"%.*s\"",
                       line, in.length, SHOWN(in.length), in.buf, len, SHOWN(len), text);
        }
    }
    FUZZ_CHECK(st == INPUT_END, "a memory stream failed to read (%d)", (int)st);
    if (records == 0) /* nothing read: JSON Lines, unless an array or a CSV header */
        lines_mode = !array_first && in.mode != 'a' && in.mode != 'c';
    if (lines_mode) {
        const char *text;
        size_t len;
        long want = next_line(bytes, size, &at, &expected_line, &text, &len);

        FUZZ_CHECK(want == 0, "line %ld (\"%.*s\") was never read as a record", want,
                   SHOWN(len), text);
    }
    input_free(&in);
    fclose(f);
    return 0;
}
