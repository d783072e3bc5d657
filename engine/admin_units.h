/*
** admin_units.h: Vietnam's administrative units over time (rules/places/admin-units.tsv,
** format rasoat.places/1, built by tools/admin_units.py): provinces and communes, each code
** with the dates it is in force, so a code is read by the survey date. Engines share one
** copy per content (admin_units_shared.c); every lookup is a direct index by code plus at
** most a few date compares.
*/
#ifndef RASOAT_ADMIN_UNITS_H
#define RASOAT_ADMIN_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "rasoat.h"

/* Where an engine finds the table, relative to its rules directory (rasoat.h). */
#define ADMIN_UNITS_FILE RASOAT_PLACES_FILE

enum {
    ADMIN_WAS_TOWN = 1,     /* a former thị trấn */
    ADMIN_TOOK_TOWN = 2     /* a commune formed on the reform that took in a former thị trấn */
};

typedef struct admin_unit {
    const char *code;       /* "62", "23293" */
    const char *name;       /* Vietnamese, as in the source lists */
    const char *province;   /* commune: its province's code; province: NULL */
    const char *successor;  /* province closed on the reform: the one it went into; else NULL */
    const char *former;     /* commune formed on the reform: former provinces, "62" or "87,89" */
    const char *links;      /* commune: the communes on the other side of the reform, "a,b" */
    int32_t from_day, to_day; /* in force, inclusive (INT32_MIN / INT32_MAX when open) */
    int flags;              /* ADMIN_* */
    int32_t next;           /* next unit with the same code, or -1 */
} admin_unit;

typedef struct admin_units {
    char *text;             /* the file's bytes, fields cut in place; units point into it */
    admin_unit *units;
    size_t count;
    int32_t province_head[100];  /* by code, the first unit, or -1 */
    int32_t *commune_head;       /* 100000 entries, by code */
    int32_t reform_day;          /* the new codes apply from here; no districts from here */
    const char *reform_date;
    size_t provinces_before, provinces_after, communes_before, communes_after;
} admin_units;

/*
** Load the table of the rules directory 'rules_dir' (its ADMIN_UNITS_FILE) into 't', read
** as rule files are (ruleset.h: a regular file inside the directory, not through a link
** out of it). A file that does not exist leaves 't' empty
** (admin_units_loaded is 0) and returns RASOAT_OK: rule directories made for a test need
** not carry it. A file that exists but does not read as rasoat.places/1 is RASOAT_E_LOAD
** with 'err' naming the file and line. The caller frees 't' with admin_units_free.
*/
int admin_units_load(admin_units *t, const char *rules_dir, rasoat_lang lang, rasoat_error *err);

void admin_units_free(admin_units *t);

/*
** admin_units_load in two steps. admin_units_read reads the file of 'rules_dir' into
** '*text' (malloc'd, '*length' bytes; NULL when there is none, with RASOAT_OK) and its
** real path into 'path' ('size' bytes). admin_units_parse takes 'text' (whatever it
** returns) into 't' and reads it; errors name 'path'.
*/
int admin_units_read(const char *rules_dir, rasoat_lang lang, char **text, size_t *length,
                     char *path, size_t size, rasoat_error *err);
int admin_units_parse(admin_units *t, char *text, size_t length, const char *path,
                      rasoat_lang lang, rasoat_error *err);

/*
** The table of 'rules_dir' as admin_units_load reads it, shared: every engine of the process
** whose file holds the same bytes (the rules directory's, a log archive's copy of it, a
** second worker's) gets the same read-only table instead of its own 2 MB. '*out' is never
** NULL on RASOAT_OK: a table without units when there is no file. Thread-safe. Give it back
** with admin_units_release (NULL is allowed).
*/
int admin_units_acquire(const admin_units **out, const char *rules_dir, rasoat_lang lang,
                        rasoat_error *err);
void admin_units_release(const admin_units *t);

int admin_units_loaded(const admin_units *t);

/* The province (two digits) or commune (five digits) 'code' in force on 'day', or NULL. */
const admin_unit *admin_province_on(const admin_units *t, const char *code, int32_t day);
const admin_unit *admin_commune_on(const admin_units *t, const char *code, int32_t day);

/* The last unit ever to carry 'code' (whatever the date), or NULL when none did. */
const admin_unit *admin_province_last(const admin_units *t, const char *code);
const admin_unit *admin_commune_last(const admin_units *t, const char *code);

/* Is the two-digit province 'code' one of 'list' ("62" or "87,89")? */
int admin_list_has(const char *list, const char *code);

/*
** The former provinces (in force the day before the reform) whose successor is 'code',
** written as "51,62" into 'buf'. Returns how many there are.
*/
int admin_predecessors(const admin_units *t, const char *code, char *buf, size_t size);

#endif
