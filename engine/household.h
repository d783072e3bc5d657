/*
** household.h: checking a household record against the input contract (docs/formats.md)
** and pulling out the facts every rule set reads. Rule-specific needs (which indicators
** must be answered) are checked by the rules themselves.
*/
#ifndef RASOAT_HOUSEHOLD_H
#define RASOAT_HOUSEHOLD_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "rasoat.h"

typedef struct household {
    const cJSON *root;
    const char *id;             /* NULL until checked */
    const char *survey_date;    /* the date used: --as-of, else the record's */
    int32_t day;                /* 'survey_date' as days since 1970-01-01 */
    const char *province;       /* NULL when absent */
    const char *area;           /* "rural" or "urban" */
    int64_t size;               /* members, from 'members' or 'size' */
    int has_b1;
    int64_t b1;
    int has_income;
    int64_t income;             /* income_per_capita_month, whole VND */
    const cJSON *deprivations;  /* object of booleans/nulls, or NULL */
} household;

/*
** Check the record 'root' and fill 'h'. 'as_of' (or NULL) replaces the survey date.
** Returns RASOAT_OK, or RASOAT_E_INPUT with 'err' naming the field, what was expected
** and what was found. 'h->id' is set as soon as the id is valid, so an error record can
** still carry it. 'h' points into 'root' and lives as long as it.
*/
int household_read(household *h, const cJSON *root, const char *as_of, rasoat_lang lang,
                   rasoat_error *err);

#endif
