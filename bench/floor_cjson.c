/*
** floor_cjson.c: the benchmark's floor. Reads a JSON Lines file line by line, parses each
** line with cJSON and writes it back unformatted, one line each, to an output file (by
** default /dev/null), settled as it grows and made durable with fsync at the end as classify
** makes its result file (engine/audit/writeback.h, cli/outfile.c), so the two pay alike
** for their output.
** It does with cJSON alone the least that 'rasoat classify' must also do for every
** household, so classify's speed is judged against it.
**
** Usage: floor_cjson INPUT [OUTPUT]      (INPUT '-' means standard input)
** Exit status: 0 every line parsed; 1 some line did not parse (counted on stderr);
** 2 usage or open failure; 3 read/write failure.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "writeback.h"

/* A line holding only blanks is skipped, as classify skips it. */
static int blank(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/*
** Parse 'n' bytes at 's' and write them re-serialised with a newline to 'out', adding the
** bytes written to '*written'. Returns 1 on success, 0 when the text does not parse, -1
** when writing or allocating fails.
*/
static int roundtrip(const char *s, size_t n, FILE *out, off_t *written)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    char *text;
    size_t len;
    int ok;

    if (root == NULL)
        return 0;
    text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (text == NULL)
        return -1;
    len = strlen(text);
    ok = fwrite(text, 1, len, out) == len && putc('\n', out) != EOF;
    *written += (off_t)len + 1;
    cJSON_free(text);
    return ok ? 1 : -1;
}

int main(int argc, char **argv)
{
    FILE *in = stdin, *out;
    const char *out_path = argc > 2 ? argv[2] : "/dev/null";
    char *buf = NULL;
    size_t cap = 0;
    ssize_t got;
    long records = 0, bad = 0;
    writeback settle;
    off_t written = 0, flushed = 0;
    int status = 0;

    if (argc < 2 || argc > 3) {
        fputs("usage: floor_cjson INPUT [OUTPUT]\n", stderr);
        return 2;
    }
    if (strcmp(argv[1], "-") != 0 && (in = fopen(argv[1], "rb")) == NULL) {
        fprintf(stderr, "floor_cjson: cannot open %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    if ((out = fopen(out_path, "wb")) == NULL) {
        fprintf(stderr, "floor_cjson: cannot write %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 16);   /* as classify does */
    writeback_start(&settle, fileno(out));

    while ((got = getline(&buf, &cap, in)) != -1) {
        int r;

        if (blank(buf, (size_t)got))
            continue;
        records++;
        r = roundtrip(buf, (size_t)got, out, &written);
        if (r < 0) {
            status = 3;
            break;
        }
        if (r == 0)
            bad++;
        /* As classify's result file: settled at each flush of a stdio buffer. */
        if (written - flushed >= (off_t)(1 << 16)) {
            if (fflush(out) != 0 || writeback_upto(&settle, written) != 0) {
                status = 3;
                break;
            }
            flushed = written;
        }
    }
    if (status == 0 && ferror(in))
        status = 3;
    free(buf);
    if (in != stdin)
        fclose(in);
    /* classify fsyncs its result before putting it in place (cli/outfile.c): so does the
    ** floor, or the wall times would compare a durable file with one in the page cache. A
    ** device that cannot be synced (/dev/null) is not an error. */
    if (fflush(out) != 0 || (fsync(fileno(out)) != 0 && errno != EINVAL && errno != EROFS))
        status = 3;
    if (fclose(out) != 0)
        status = 3;
    if (status == 3)
        fprintf(stderr, "floor_cjson: input/output failed after %ld records\n", records);
    else if (bad > 0) {
        fprintf(stderr, "floor_cjson: %ld of %ld records did not parse\n", bad, records);
        status = 1;
    }
    return status;
}
