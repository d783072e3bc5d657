/*
** household.h: checking a household record against the input contract (docs/formats.md)
** and pulling out the facts every rule set reads. Rule-specific needs (which indicators
** must be answered) are checked by the rules themselves.
*/
#ifndef RASOAT_HOUSEHOLD_H
#define RASOAT_HOUSEHOLD_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "admin_units.h"
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
    /* Places (household_place): */
    const char *commune_code;   /* five digits, NULL when absent */
    const admin_unit *commune;  /* the commune in force on the survey date, or NULL */
    const char *territory;      /* the province whose local standards apply: the province
                                   itself before the reform, the former province after it;
                                   NULL when it cannot be determined */
    int32_t place_day;          /* the day codes are read by: the record's own survey_date
                                   (even under --as-of), else 'day' */
    const char *place_date;     /* the same as "YYYY-MM-DD" */
    int after_reform;           /* surveyed on or after the reform (new codes, no districts) */
} household;

/*
** Check the record 'root' and fill 'h'. 'as_of' (or NULL) replaces the survey date.
** Returns RASOAT_OK, or RASOAT_E_INPUT with 'err' naming the field, what was expected
** and what was found. 'h->id' is set as soon as the id is valid, so an error record can
** still carry it. 'h' points into 'root' and lives as long as it.
*/
int household_read(household *h, const cJSON *root, const char *as_of, rasoat_lang lang,
                   rasoat_error *err);

/*
** Read the record's places against the table 't' (after household_read succeeded): the
** province read by the record's own survey date (not --as-of's) (a code closed by then is an error naming its
** successor), 'commune_code' (five digits; gives the province and, after the reform, the
** former province, and refuses a 'province' or 'former_province' that contradicts it) and
** 'former_province' (a pre-reform code whose territory went into the household's
** province). Sets 'h->province' (derived when absent), 'h->commune', 'h->territory' and
** 'h->after_reform'. With no table loaded only the format of 'commune_code' and
** 'former_province' is checked and the territory is 'former_province', else 'province'.
** Returns RASOAT_OK or RASOAT_E_INPUT with 'err' naming the field.
*/
int household_place(household *h, const admin_units *t, rasoat_lang lang, rasoat_error *err);

#endif
