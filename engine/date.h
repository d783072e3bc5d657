/*
** date.h: calendar dates as whole days, so that rule-set selection is an integer compare.
*/
#ifndef RASOAT_DATE_H
#define RASOAT_DATE_H

#include <stdint.h>

/*
** Parse exactly "YYYY-MM-DD" (proleptic Gregorian, years 1900-9999) into days since
** 1970-01-01. Returns 1 and stores the day on success, 0 for anything else (wrong shape,
** month 13, 30 February, trailing text).
*/
int date_parse(const char *text, int32_t *day);

#endif
