/*
** report_jobs.h: 'report --jobs N'. The reading thread frames result lines into batches
** (workers.h); each worker thread, with an engine of its own, turns a line into a digest:
** one malloc'd block holding all that the line adds to the report (which error it is, or
** the result's rule set, missing fields, place, the counts it adds and its list rows ready
** for the spool). The reading thread applies the digests in input order, so the report is
** the same bytes for every N. Also the pieces of one result's treatment that the serial
** path (report.c) and the digests share.
*/
#ifndef RASOAT_CLI_REPORT_JOBS_H
#define RASOAT_CLI_REPORT_JOBS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "rasoat.h"
#include "report.h"
#include "workers.h"

/* What the workers read (never write): the layout and how the report is made. */
typedef struct report_digest_ctx {
    const report_layout *layout;
    report_level level;
    rasoat_lang lang;
} report_digest_ctx;

/* work_item.kind of a line: of a results file, or of a decision log. */
enum { REPORT_LINE_RESULTS = 0, REPORT_LINE_LOG = 1 };

/* The worker's callback (workers.h): 'it->text' is one non-blank line, 'ctx' a
** report_digest_ctx; 'it->out' receives the digest. */
void report_digest(rasoat_engine *const *engines, work_item *it, void *ctx);

typedef enum {
    DIGEST_RESULT,          /* a result, counted */
    DIGEST_SKIPPED,         /* an error record, or not an object */
    DIGEST_INVALID_JSON,    /* a line that is not JSON */
    DIGEST_LOG_BROKEN       /* a decision log line whose chain does not hold */
} report_digest_kind;

/* A digest read back: pointers into the digest's block. */
typedef struct report_digest_view {
    report_digest_kind kind;
    const char *log_hash;           /* a sound log line: its hash; NULL otherwise */
    const char *id, *code;          /* skipped: the record's id (NULL), the error's code */
    const char *ruleset[3];         /* id, version, sha256 (NULL: absent) */
    int has_ruleset;
    const unsigned char *missing;   /* per layout field: 1 when the result lacks it */
    int after_reform;               /* district level: surveyed after the district level ended */
    const char *province, *commune_code, *survey_date;
    const char *place[PLACE_COUNT];
    int area;
    const report_delta *deltas;
    size_t ndeltas;
    size_t nrows;                   /* list rows, read with report_digest_row */
    const char *rows;
    const char *end;
} report_digest_view;

/* Read digest 'block' ('len' bytes) of a layout with 'nfields' fields. Returns 1, 0 when
** it is malformed (a bug). */
int report_digest_read(const char *block, size_t len, size_t nfields, report_digest_view *v);

/* The next list row of 'v': its list, the widths of its cells (up to REPORT_WIDTH_COLS, in
** '*widths', count in '*nwidths') and its spool line. Returns 1, 0 at the end. */
int report_digest_row(report_digest_view *v, size_t *list, size_t *widths, size_t *nwidths,
                      const char **line, size_t *len);

/* How many characters 'v' (a list cell: text or a number) takes in a sheet. */
size_t report_cell_chars(const cJSON *v);

/* The cells of list 'li' for one result: the columns' fields, with indicators and the
** transition in words; the first cell (the row number) is 0, filled when written. */
cJSON *report_list_cells(const report_layout *l, rasoat_lang lang, const report_list *li, const cJSON *result);

/* Places on the map of the record's survey date (docs/formats.md, "Places over time"): the
** commune's name from the table when the result has a commune_code it knows on that date;
** no district from the day the district level ended. */
void report_places_by_table(rasoat_engine *e, cJSON *record);

/* The spool line of a list row (sort key: list, commune, village, id; then its JSON):
** malloc'd, '*len' bytes; NULL when out of memory. Takes 'cells'. */
char *report_spool_line(size_t list, const cJSON *place, const char *id, cJSON *cells, size_t *len);

#endif
