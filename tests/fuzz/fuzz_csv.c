/*
** fuzz_csv.c: libFuzzer target for the household CSV reader (cli/csv_input.c), driven
** through csv_read_households on a memory stream (fmemopen); every household row it turns
** into JSON is then classified under the bundled rule sets.
**
** Beyond crashes, a finding is any input for which:
**   - a row's line number goes down, or past the input's last line, or rows outnumber lines
**     (counting a lone CR as a line end, as libcsv does);
**   - a row is neither a record nor an error, or an error has no kind or no message, or a
**     kind other than "invalid_field" / "invalid_csv";
**   - the JSON text made for a row is not one JSON object, or the engine calls it
**     invalid_json (the reader, not the engine, must name a bad cell);
**   - the result of classifying it breaks record_check.h.
*/
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "csv_input.h"
#include "fuzz.h"
#include "rasoat.h"
#include "record_check.h"

static rasoat_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    rasoat_options opts;
    rasoat_error err;

    (void)argc;
    (void)argv;
    memset(&opts, 0, sizeof opts);
    opts.rules_dir = RASOAT_FUZZ_RULES;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK)
        FUZZ_FAIL("the bundled rules do not load: %s", err.message);
    return 0;
}

typedef struct progress {
    long lines;     /* lines in the input (LF-separated) */
    long breaks;    /* lines if a lone CR also ends one, as it ends a row for libcsv */
    long last_line; /* line of the row before */
    long rows;
} progress;

static void check_row(void *ud, const csv_item *item)
{
    progress *p = (progress *)ud;

    p->rows++;
    FUZZ_CHECK(p->rows <= p->breaks, "row %ld of an input of %ld lines", p->rows, p->breaks);
    FUZZ_CHECK(item->line >= p->last_line && item->line >= 1 && item->line <= p->lines,
               "row %ld at line %ld, after line %ld, in %ld lines", p->rows, item->line,
               p->last_line, p->lines);
    p->last_line = item->line;
    if (item->json == NULL) {
        FUZZ_CHECK(item->kind != NULL && (strcmp(item->kind, "invalid_field") == 0
                                          || strcmp(item->kind, "invalid_csv") == 0),
                   "row at line %ld: error kind %s", item->line, item->kind ? item->kind : "NULL");
        FUZZ_CHECK(item->message != NULL && item->message[0] != '\0',
                   "row at line %ld: error with no message", item->line);
    } else {
        cJSON *j = cJSON_ParseWithLength(item->json, item->len);
        const char *rec;
        size_t len;
        rasoat_error err;
        int status;

        FUZZ_CHECK(cJSON_IsObject(j), "row at line %ld made JSON that is not an object: %.*s",
                   item->line, (int)(item->len < 300 ? item->len : 300), item->json);
        cJSON_Delete(j);
        status = rasoat_classify(engine, item->json, item->len, item->line, &rec, &len, &err);
        fuzz_check_record(rec, len, status);
        FUZZ_CHECK(status == RASOAT_OK || strcmp(err.kind, "invalid_json") != 0,
                   "row at line %ld made JSON the engine refuses: %s: %.*s", item->line,
                   err.message, (int)(item->len < 300 ? item->len : 300), item->json);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    progress p = {1, 1, 0, 0};
    FILE *f;
    size_t i;

    if (size == 0 || (f = fmemopen((void *)data, size, "rb")) == NULL)
        return 0;
    for (i = 0; i < size; i++) {
        p.lines += data[i] == '\n';
        p.breaks += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
    }
    FUZZ_CHECK(csv_read_households(f, RASOAT_LANG_VI, check_row, &p) >= 0,
               "reading a memory stream failed");
    fclose(f);
    return 0;
}
