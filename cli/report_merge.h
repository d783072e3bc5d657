/*
** report_merge.h: what 'rasoat report' needs to merge partial reports (rasoat.report/1 JSON
** files of partitions: communes, provinces) into one equal to the report of all their
** results (docs/scale.md). Counts add up; these are the parts that do not:
**  - population: a unit's resident households and persons are a property of the unit, not
**    a partial sum. Each source unit (the row's place and area in its own report) counts
**    once, however many partitions give it; partitions giving it different values are an
**    error. A merged unit's population is the sum over its distinct source units. A unit a
**    partition has only from its --population file (no result: "results": 0) is applied
**    after all partitions as the file's row would be in the whole: to the units of that
**    name, area and commune, or as a unit of its own when there is none.
**  - inputs: a merged report names the files its partitions were made from (results files,
**    decision logs with their head hashes), in order, as the report of those files would,
**    and beside them the partial report files merged ("merged").
*/
#ifndef RASOAT_CLI_REPORT_MERGE_H
#define RASOAT_CLI_REPORT_MERGE_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "id_set.h"
#include "report.h"

typedef struct report_merge_unit {
    size_t unit;                /* the merged unit (index into the tally's units); for a
                                ** unit of --population only, none yet */
    int64_t population[2];      /* households, persons */
    int known[2];
    char *place[PLACE_COUNT];   /* a unit of --population only: its place ("" absent) */
    int area, population_only;
} report_merge_unit;

typedef struct report_merge {
    id_set seen;                /* source unit key -> index into 'src' */
    report_merge_unit *src;
    size_t nsrc, cap;
    int had_population;         /* some partial report gave a population cell */
} report_merge;

/* An empty merge state (all zero). */
void report_merge_init(report_merge *m);
void report_merge_free(report_merge *m);

/*
** Note the population cell 'value' (a number, or null when the partition had none) of
** measure 'persons' (0 households, 1 persons) of the source unit at 'place' (a JSON object
** of place names) in 'area', merged into tally unit 'unit', or, when 'population_only',
** a unit without results kept for report_merge_finish ('unit' unused). Returns 1; 0 when
** out of memory, or -1 when an earlier partition gave this unit another value ('*earlier'
** gets it).
*/
int report_merge_population(report_merge *m, size_t unit, const cJSON *place, int area,
                            int population_only, int persons, const cJSON *value, int64_t *earlier);

/* Give the tally's units the population of their source units (after the last input):
** a unit is known when every source unit under it is, for both measures; then the units of
** --population only, as the population file's rows (see above). Returns 1, 0 when out of
** memory. */
int report_merge_finish(report_merge *m, report_tally *t);

/*
** The "inputs" a partial report names (its provenance), appended to 'leaves' (a JSON array),
** so a merged report names every results file and decision log (with its head hash) it
** comes from. A partial without "inputs" is named itself. Returns 1, 0 when out of memory.
*/
int report_merge_leaves(cJSON *leaves, const cJSON *partial_provenance, const char *file,
                        const char *sha256);

#endif
