/*
** report.h: the report engine of 'rasoat report' (docs/reports.md). The layouts of the
** forms and lists are data in the rule set (rules/SET/reports/NAME.lua, passed on by
** rasoat_rules_json); this engine reads them, counts result records into per-unit
** counters (never keeping the results), computes the formulas, rates and identity
** checks, and hands the rows to the writers (JSON, CSV, xlsx).
**
** Memory: per unit (village, commune) one integer counter per count column of each form
** and row kind, whatever the number of results; list rows are spooled to a temporary file
** and sorted there (report_spool.h).
*/
#ifndef RASOAT_CLI_REPORT_H
#define RASOAT_CLI_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "rasoat.h"

/* {====================================================================
** Layouts (report_layout.c)
** ===================================================================== */

typedef enum { COND_ANY, COND_EXCEPT, COND_BOOL } report_cond_mode;

/* One test of a result field: its value (or, for an array, one of its elements) is one
** of 'values' (COND_ANY), none of them (COND_EXCEPT; an absent field is ""), or the
** field is the boolean 'boolean' (COND_BOOL; absent = false). */
typedef struct report_cond {
    size_t field;               /* index into report_layout.fields */
    report_cond_mode mode;
    char **values;
    size_t nvalues;
    int boolean;
    size_t id;                  /* the same test elsewhere in the layout has the same id */
} report_cond;

/* All conditions hold. */
typedef struct report_pred {
    report_cond *conds;
    size_t n;
} report_pred;

typedef enum { MEASURE_ROW = 0, MEASURE_HOUSEHOLDS, MEASURE_PERSONS, MEASURE_CHILDREN } report_measure;
typedef enum { COL_COUNT, COL_POPULATION, COL_FORMULA, COL_RATE } report_col_type;

typedef struct report_term {
    int sign;                   /* +1 or -1 */
    size_t col;
} report_term;

typedef struct report_column {
    char *key, *number, *text;  /* number and text may be NULL */
    char *label[2], *group[2];  /* [RASOAT_LANG_VI], [RASOAT_LANG_EN]; group may be NULL */
    int hidden;
    report_col_type type;
    report_pred pred;           /* COL_COUNT */
    report_measure measure;     /* COL_COUNT; MEASURE_ROW: the row kind's */
    report_measure population;  /* COL_POPULATION: households, persons, or the row kind's */
    report_term *terms;         /* COL_FORMULA */
    size_t nterms;
    size_t num, den;            /* COL_RATE: num / den * 100 */
} report_column;

/* A row kind under each unit ("Hộ" / "Nhân khẩu", or "- Hộ nghèo" / "- Hộ cận nghèo"). */
typedef struct report_kind {
    char *key;
    char *label[2];
    report_measure measure;
    report_pred where;
} report_kind;

typedef struct report_check {
    size_t left, right;
    int op;                     /* '=' or '>' (for >=) */
    int64_t times;              /* right side multiplied by this (1 by default) */
    char *label[2];
} report_check;

/* Most columns in one form (a layout with more is refused). */
#define REPORT_MAX_COLUMNS 256

typedef struct report_form {
    char *id, *title[2], *citation, *status, *note[2];
    report_kind *kinds;
    size_t nkinds;
    report_column *cols;
    size_t ncols;
    report_check *checks;
    size_t nchecks;
    int64_t child_age_below;    /* for MEASURE_CHILDREN; 0 when the form has none */
} report_form;

typedef struct report_list_col {
    char *field;
    char *label[2];
} report_list_col;

typedef struct report_list {
    char *id, *title[2], *citation, *status, *note[2];
    report_pred where;
    report_list_col *cols;
    size_t ncols;
} report_list;

/* A code and its words (indicators and transitions, for the lists). */
typedef struct report_label {
    char *code;
    char *label[2];
} report_label;

typedef struct report_layout {
    char *ruleset_id, *ruleset_version, *ruleset_sha256;
    report_form *forms;         /* sorted by form number (7.1, 7.2, ..., 7.11) */
    size_t nforms;
    report_list *lists;
    size_t nlists;
    char **fields;              /* result fields the conditions and lists read */
    size_t nfields;
    size_t members_field;       /* index of "members" in fields (children) */
    size_t ntests;              /* distinct conditions (report_cond.id < ntests) */
    report_label *indicators, *transitions;
    size_t nindicators, ntransitions;
} report_layout;

/*
** Read the layouts of a rule set from its rasoat.ruleset/1 JSON ('rules'). Keeps only the
** forms whose id is 'only' when it is not NULL. Returns 1, or 0 with 'why' saying which
** form, column and field is wrong (in 'lang'). The caller frees 'out' with
** report_layout_free in both cases.
*/
int report_layout_read(const cJSON *rules, const char *only, rasoat_lang lang,
                       report_layout *out, char *why, size_t why_size);
void report_layout_free(report_layout *l);

/* The column of 'f' with key 'key', or -1. */
long report_column_index(const report_form *f, const char *key);

/* The words for 'code' in 'labels', or 'code' itself. */
const char *report_label_of(const report_label *labels, size_t n, const char *code,
                            rasoat_lang lang);

/* }==================================================================== */

/* {====================================================================
** Counting (report_tally.c)
** ===================================================================== */

/* The level of a report: what its units are. */
typedef enum { LEVEL_COMMUNE = 0, LEVEL_DISTRICT, LEVEL_PROVINCE } report_level;

enum { AREA_URBAN = 0, AREA_RURAL = 1 };
enum { PLACE_PROVINCE = 0, PLACE_DISTRICT, PLACE_COMMUNE, PLACE_VILLAGE, PLACE_COUNT };

/* A unit: the places above it and its own name, as the records give them, and its area. */
typedef struct report_unit {
    char *place[PLACE_COUNT];   /* "" when not given; levels below the unit's are "" */
    int area;
    int has_population;
    int64_t population[2];      /* households, persons */
    long long results;          /* results counted in the unit (0: a unit of --population only) */
} report_unit;

typedef struct report_tally {
    const report_layout *layout;
    report_level level;
    report_unit *units;
    size_t nunits, cap;
    size_t *slots;              /* hash of units: index + 1, 0 = empty */
    size_t nslots;
    struct report_counters *counters;   /* per unit, one counter per count column of each
                                ** form and kind (report_tally.c: 32-bit counters in blocks
                                ** of units, a block widened to 64 bits when one would
                                ** overflow); NULL when out of memory */
    signed char *memo;          /* per distinct condition, for the result being counted:
                                   -1 not yet tested, else whether it held */
} report_tally;

/* A cell as written: a whole number, a rate in hundredths, or empty. */
typedef struct report_cell {
    int64_t value;
    int empty;
} report_cell;

/* A row's identity for the writers. */
typedef struct report_row {
    const report_unit *unit;    /* NULL for an area row or the total */
    int area;                   /* AREA_URBAN, AREA_RURAL, or 2 for the total */
    size_t kind;
    size_t number;              /* 1-based position of the unit within its area */
} report_row;

void report_tally_init(report_tally *t, const report_layout *l, report_level level);
void report_tally_free(report_tally *t);

/* The unit of 'place' (an array of PLACE_COUNT strings, NULL = not given) in 'area',
** created when new. Returns its index, or -1 when out of memory. */
long report_unit_of(report_tally *t, const char *const *place, int area);

/* The unit's name at the tally's level. */
const char *report_unit_name(const report_tally *t, const report_unit *u);

/* Count one result record (a parsed result, not an error record) into 't'. 'fields'
** are its values of layout->fields (NULL = absent). Returns 0 when out of memory. */
int report_count(report_tally *t, const cJSON *result, const cJSON *const *fields);

/* One cell a result adds to: form, index within the unit's block of the form (kind *
** ncols + column), amount. */
typedef struct report_delta {
    uint32_t form, cell;
    int64_t value;
} report_delta;

/* The counts one result adds, as report_count would add them to its unit, into '*out'
** (malloc'd, the caller frees; may be NULL when none). 'memo' is as report_tally.memo
** (ntests + 1 entries, reset here; the result's answers afterwards). Touches nothing but
** 'memo' and '*out', so threads may call it at once. Returns how many, -1 out of memory. */
long report_count_deltas(const report_layout *l, signed char *memo, const cJSON *result,
                         const cJSON *const *fields, report_delta **out);

/* Add 'n' deltas of one result to the unit of 'place' (PLACE_COUNT strings, NULL = not
** given) in 'area'. Returns 0 when out of memory. */
int report_count_apply(report_tally *t, const char *const *place, int area, const report_delta *d, size_t n);

/* Do all conditions of 'p' hold for a result whose layout fields are 'fields'? 'memo'
** (ntests entries, or NULL) remembers each distinct condition's answer for this result:
** many columns share a test, so each is made once. */
int report_pred_holds(const report_pred *p, const cJSON *const *fields, signed char *memo);

/* Add 'value' to the counter of form 'f', unit 'u', kind 'k', column 'c' (merging a
** partial report; a column that is not a count has no counter: nothing to add). Returns 0
** when out of memory. */
int report_add(report_tally *t, size_t f, size_t u, size_t k, size_t c, int64_t value);

/* Order the units for writing: by area, then the places above the unit, then its name
** (byte order). 'order' receives nunits indices (caller-allocated). */
void report_unit_order(const report_tally *t, size_t *order);

/*
** The cells of one row of form 'f': a unit's row ('row->unit' set) or the sum of the
** units of an area (or all), kind 'row->kind'. 'cells' has ncols entries. Rates are in
** hundredths (12.34 % = 1234), rounded half up; empty when the denominator is missing
** or zero.
*/
void report_cells(const report_tally *t, size_t f, const report_row *row, report_cell *cells);

/* num / den * 100 in hundredths, rounded half up; 0 when den <= 0 (callers test). */
int64_t report_rate(int64_t num, int64_t den);

/* Does check 'c' hold for 'cells'? Empty cells make it hold (nothing to compare). */
int report_check_holds(const report_check *c, const report_cell *cells);

/*
** Read --population FILE (report_population.c) and give each unit of 't' its resident
** households and persons. Returns 1, or 0 with 'why' naming the line and column.
** '*unmatched' receives the rows that matched no unit and gave no area.
*/
int report_population_apply(report_tally *t, const char *path, rasoat_lang lang,
                            long long *unmatched, char *why, size_t why_size);

/* }==================================================================== */

/* {====================================================================
** Writing (report_json.c, report_csv.c, report_xlsx.c)
** ===================================================================== */

/* What produced the report (docs/reports.md, "Provenance"). */
typedef struct report_input {
    char *path;
    char sha256[65];            /* of the file's bytes */
    char log_head[65];          /* last hash of a decision log, "" otherwise */
    int kind;                   /* 0 results, 1 decision log, 2 report (json) */
} report_input;

typedef struct report_provenance {
    report_input *inputs;
    size_t ninputs;
    cJSON *rulesets;            /* array of {id, version, sha256} seen in the results */
    long long results, errors_skipped, log_broken;
    cJSON *skipped;             /* array of {file, line, id, code} (the first ones) */
    cJSON *missing;             /* object: field -> results without it */
    const char *population;     /* --population file (or the partial reports'), or NULL */
    long long population_unmatched;
    cJSON *leaves;              /* the results files and logs read, directly or through the
                                ** partial reports merged (report_merge.h): "inputs" */
    cJSON *merged;              /* the partial report files merged: {file, sha256} */
    const char *reporting[4];   /* the place every result named (province, its survey date,
                                ** commune code, its date): "" none yet, "*" they differ */
} report_provenance;

/* Everything a writer needs. */
typedef struct report_doc {
    const report_layout *layout;
    const report_tally *tally;
    const report_provenance *prov;
    rasoat_lang lang;
    const char *level_name;     /* "commune", "district", "province" */
    size_t *order;              /* units in writing order */
    int want_lists;             /* --form not given */
    const char *layout_sha256;  /* SHA-256 of the layouts read (forms and lists) */
    const char *issuer;         /* the unit reporting, for the workbook's "UBND …": named by
                                ** the table of administrative units ("Tỉnh Kon Tum") when
                                ** every result names the same province (province level) or
                                ** commune code (commune level), through the partial
                                ** reports merged too; NULL otherwise (the sheet then
                                ** leaves dots) */
    const size_t *list_widths;  /* widest cell, in characters, of list l's column c at
                                ** [l * REPORT_WIDTH_COLS + c]; NULL when no list was kept */
} report_doc;

/* Columns of a list whose widths are measured (those past it keep a default width). */
#define REPORT_WIDTH_COLS 32

/* The provenance object of the JSON schema (caller frees). */
cJSON *report_provenance_json(const report_doc *d);

/* A list row as the writers get it: its list, its place and code, and its cells as a
** JSON array (numbers and strings). */
typedef struct report_list_row {
    size_t list;
    const cJSON *place;         /* object of place names */
    const char *id;
    const cJSON *cells;
} report_list_row;

/*
** The writers share one shape: begin (open the output), each form, each list row in
** list order, end (commit the output). Each returns 1, or 0 with 'why' filled.
*/
typedef struct report_writer report_writer;
typedef struct report_writer_ops {
    report_writer *(*begin)(const report_doc *d, const char *output, char *why, size_t n);
    int (*form)(report_writer *w, size_t f);
    int (*list_begin)(report_writer *w, size_t list);
    int (*list_row)(report_writer *w, const report_list_row *row);
    int (*list_end)(report_writer *w, size_t list);
    int (*end)(report_writer *w, int ok, char *why, size_t n);
} report_writer_ops;

extern const report_writer_ops report_json_ops;
extern const report_writer_ops report_csv_ops;
extern const report_writer_ops report_xlsx_ops;

/* Shared by the writers: the rows of form 'f' in order (area I with its units, area II
** with its units, the total), each kind under each; calls 'fn' for each. */
int report_each_row(const report_doc *d, size_t f,
                    int (*fn)(void *ctx, const report_row *row, const report_cell *cells),
                    void *ctx);

/* The place of a unit as a JSON object of the names it has (caller frees). */
cJSON *report_place_json(const report_unit *u);

/* The "checks" array of form 'f' in schema rasoat.report/1: each identity, whether it
** holds in every row, and the rows where it does not (caller frees). */
cJSON *report_checks_json(const report_doc *d, size_t f);

/* The words of a row's first columns: "I", "Khu vực thành thị", ... */
const char *report_area_label(int area, rasoat_lang lang);

/* The form's number of an area row: "I" urban, "II" rural, "III" the total. Static text. */
const char *report_area_number(int area);
const char *report_area_key(int area);

/* }==================================================================== */

#endif
