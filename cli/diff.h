/*
** diff.h: what the parts of 'rasoat diff' share: diff.c reads the command line and checks
** the --expect assertions; diff_scan.c classifies every household under two rule sets (on
** --jobs threads), counts the matrices and spools each moved household's part of the
** report to a temporary file (diff_spool.c) as it is found; diff_report.c says why each
** moved household moved and writes the report (text, CSV or JSON).
*/
#ifndef RASOAT_CLI_DIFF_H
#define RASOAT_CLI_DIFF_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* The classes and pseudo-classes of the matrix, in the order rows and columns appear. */
enum {
    DIFF_POOR,
    DIFF_NEAR_POOR,
    DIFF_MIDDLE_INCOME,
    DIFF_NOT_POOR,
    DIFF_UNDETERMINED, /* an error record with code "undetermined" (a gap of the law) */
    DIFF_ERROR,        /* any other error record */
    DIFF_NCLASSES
};

/* Counts of class under A (row) → class under B (column). */
typedef struct diff_matrix {
    long n[DIFF_NCLASSES][DIFF_NCLASSES];
} diff_matrix;

typedef struct diff_commune {
    char *name;        /* the record's "commune", or "(none)" */
    long households;
    diff_matrix m;
} diff_commune;

/* How one household fared under one rule set. */
typedef struct diff_side {
    int cls;           /* DIFF_* */
    char *provision;   /* the deciding provision, or NULL (an error before any provision) */
    char *message;     /* for DIFF_ERROR (and DIFF_UNDETERMINED): the error message */
    char *reason;      /* for people: provision and the tests that decided, or the error */
    cJSON *tests;      /* the threshold tests quoted in 'reason' (array, owned) */
} diff_side;

/* A household whose class (or pseudo-class) differs between A and B. */
typedef struct diff_mover {
    char *id;          /* the record's id, or "#LINE" when it has none */
    char *commune;
    long line;
    diff_side a, b;
} diff_mover;

/* The households an expectation's failure names: the first ones it concerns. */
#define DIFF_EXPECT_SHOWN 10

/* One --expect assertion, parsed. */
typedef struct diff_expect {
    const char *text;  /* as given */
    int kind;          /* DIFF_EXPECT_* */
    long n;
    int from, to;      /* DIFF_* for the "move from CLASS to CLASS" kinds */
    int holds;         /* after the run */
    long actual;       /* the count it compared */
    char *shown[DIFF_EXPECT_SHOWN]; /* ids of the first movers it concerns (owned) */
    int nshown;
} diff_expect;

enum { DIFF_EXPECT_NONE_MOVE, DIFF_EXPECT_AT_MOST_CHANGE, DIFF_EXPECT_AT_MOST_MOVE, DIFF_EXPECT_AT_LEAST_MOVE };

/* The report's formats. */
enum { DIFF_FORMAT_TEXT, DIFF_FORMAT_CSV, DIFF_FORMAT_JSON };

/* Everything one run found. The movers themselves are not kept: each one's part of the
** report, in the run's format, is appended to 'spool' as it is found (diff_spool.h). */
typedef struct diff_run {
    const char *from, *to, *path;
    rasoat_lang lang;
    int format;        /* DIFF_FORMAT_* */
    long households, changed;
    diff_matrix total;
    diff_commune *communes;        /* in the order first seen */
    size_t ncommunes, communes_cap;
    size_t *commune_slots;         /* hash index into 'communes': index + 1, 0 when free */
    size_t nslots;                 /* a power of two, more than twice ncommunes */
    struct diff_spool *spool;      /* the movers' parts of the report, or NULL when none */
    unsigned long nmoved;
    diff_expect *expects;
    size_t nexpects;
} diff_run;

/* realloc / strdup that end the process with EXIT_IO when memory runs out. */
void *diff_xrealloc(void *p, size_t size);
char *diff_xstrdup(const char *s);

/*
** Fill the provision, tests (a new array) and reason of 'side' (whose class is set) from
** the rasoat.explain/1 JSON 'explained' of its household: the deciding provision and its
** threshold tests, or, for a catch-all without tests, the failed threshold tests of the
** provisions tried before it.
*/
void diff_side_explain(diff_side *side, const cJSON *explained, rasoat_lang lang);

/* The stable name of DIFF_* ("poor", ..., "undetermined", "error"). */
const char *diff_class_name(int cls);

/*
** Write mover 'm''s part of the report in 'run''s format to 'out': for text its three
** lines, for CSV its row, for JSON its object as it stands in the "moved" array (without
** the ", " between two). Only 'run''s from, to, lang and format are read, so threads may
** call it at once. Returns 0, or -1 when writing failed.
*/
int diff_mover_write(FILE *out, const diff_run *run, const diff_mover *m);

/* Write the report of 'run' to 'out' in the format; returns 0, or -1 when writing failed. */
int diff_report_text(FILE *out, const diff_run *run);
int diff_report_csv(FILE *out, const diff_run *run);
int diff_report_json(FILE *out, const diff_run *run);

#endif
