/*
** admin_units.c: reading rules/places/admin-units.tsv (rasoat.places/1, see
** tools/admin_units.py for the format) and looking units up by code and date.
*/
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_units.h"
#include "date.h"
#include "error.h"
#include "ruleset.h"

#define MAX_FIELDS 9
#define COMMUNE_CODES 100000

static int digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return s[n] == '\0';
}

/* An empty field is an open end ('open'); otherwise a valid date. */
static int day_of(const char *s, int32_t open, int32_t *day)
{
    if (s[0] == '\0') {
        *day = open;
        return 1;
    }
    return date_parse(s, day);
}

static int bad_line(const char *path, int line, const char *what, rasoat_lang lang,
                    rasoat_error *err)
{
    const char *args[2] = {path, what};

    return err_set(err, RASOAT_E_LOAD, "places", NULL, path, line, lang, "places_format",
                   args, 2);
}

static const char *or_null(const char *s)
{
    return s[0] != '\0' ? s : NULL;
}

/* Cut line 'p' at its tabs into 'f'; returns the number of fields. */
static int split(char *p, char **f)
{
    int n = 0;

    f[n++] = p;
    for (; *p; p++) {
        if (*p == '\t') {
            *p = '\0';
            if (n == MAX_FIELDS)
                return MAX_FIELDS + 1;
            f[n++] = p + 1;
        }
    }
    return n;
}

/* Chain unit 'i' after the units already carrying its code ('head' is the code's slot). */
static void link_unit(admin_units *t, int32_t *head, size_t i)
{
    int32_t *slot = head;

    while (*slot >= 0)
        slot = &t->units[*slot].next;
    *slot = (int32_t)i;
}

/* Parse one non-comment line into the next unit (or the reform date). */
static int parse_line(admin_units *t, char *line, const char *path, int lineno, rasoat_lang lang,
                      rasoat_error *err)
{
    char *f[MAX_FIELDS + 1];
    int n = split(line, f);
    admin_unit *u;

    if (strcmp(f[0], "R") == 0) {
        if (n != 2 || !date_parse(f[1], &t->reform_day))
            return bad_line(path, lineno, "R DATE", lang, err);
        t->reform_date = f[1];
        return RASOAT_OK;
    }
    u = &t->units[t->count];
    memset(u, 0, sizeof *u);
    u->next = -1;
    if (strcmp(f[0], "P") == 0) {
        if (n != 6 || !digits(f[1], 2) || !day_of(f[2], INT32_MIN, &u->from_day)
            || !day_of(f[3], INT32_MAX, &u->to_day) || f[4][0] == '\0'
            || (f[5][0] != '\0' && !digits(f[5], 2)))
            return bad_line(path, lineno, "P CODE FROM TO NAME SUCCESSOR", lang, err);
        u->successor = or_null(f[5]);
        link_unit(t, &t->province_head[atoi(f[1])], t->count);
    } else if (strcmp(f[0], "C") == 0) {
        if (n != 9 || !digits(f[1], 5) || !day_of(f[2], INT32_MIN, &u->from_day)
            || !day_of(f[3], INT32_MAX, &u->to_day) || f[4][0] == '\0' || !digits(f[5], 2))
            return bad_line(path, lineno, "C CODE FROM TO NAME PROVINCE FORMER FLAGS LINKS",
                            lang, err);
        u->province = f[5];
        u->former = or_null(f[6]);
        u->flags = (strchr(f[7], 't') ? ADMIN_WAS_TOWN : 0) | (strchr(f[7], 'T') ? ADMIN_TOOK_TOWN : 0);
        u->links = or_null(f[8]);
        link_unit(t, &t->commune_head[atoi(f[1])], t->count);
    } else {
        return bad_line(path, lineno, "R, P or C", lang, err);
    }
    if (u->from_day > u->to_day)
        return bad_line(path, lineno, "FROM <= TO", lang, err);
    u->code = f[1];
    u->name = f[4];
    t->count++;
    return RASOAT_OK;
}

/* Count the units in force before and after the reform (for the counts the docs state). */
static void count_units(admin_units *t)
{
    size_t i;

    for (i = 0; i < t->count; i++) {
        const admin_unit *u = &t->units[i];
        int before = u->from_day < t->reform_day, after = u->to_day >= t->reform_day;

        if (u->province == NULL) {
            t->provinces_before += (size_t)before;
            t->provinces_after += (size_t)after;
        } else {
            t->communes_before += (size_t)before;
            t->communes_after += (size_t)after;
        }
    }
}

int admin_units_read(const char *rules_dir, rasoat_lang lang, char **text, size_t *length,
                     char *path, size_t size, rasoat_error *err)
{
    char root[PATH_MAX];
    const char *why = "read_failed";

    *text = NULL;
    *length = 0;
    if (realpath(rules_dir, root) == NULL) {
        const char *args[2] = {rules_dir, strerror(errno)};

        return err_set(err, RASOAT_E_LOAD, "read", NULL, rules_dir, 0, lang, why, args, 2);
    }
    snprintf(path, size, "%s/%s", root, ADMIN_UNITS_FILE);
    *text = rules_read_text(path, root, length, &why);
    if (*text == NULL) {
        char limit[32];
        const char *args[2] = {path, strcmp(why, "outside_rules") == 0 ? root
                                     : strcmp(why, "file_too_large") == 0 ? limit
                                     : strerror(errno)};

        snprintf(limit, sizeof limit, "%u", RULE_FILE_MAX);
        if (strcmp(why, "read_failed") == 0 && errno == ENOENT)
            return RASOAT_OK;
        return err_set(err, RASOAT_E_LOAD, "read", NULL, path, 0, lang, why, args, 2);
    }
    return RASOAT_OK;
}

int admin_units_parse(admin_units *t, char *text, size_t length, const char *path,
                      rasoat_lang lang, rasoat_error *err)
{
    size_t lines = 1, i;
    char *p, *next;
    int lineno = 0, code = RASOAT_OK;

    memset(t, 0, sizeof *t);
    t->text = text;
    for (i = 0; i < length; i++)
        lines += t->text[i] == '\n';
    t->units = (admin_unit *)malloc(lines * sizeof *t->units);
    t->commune_head = (int32_t *)malloc(COMMUNE_CODES * sizeof *t->commune_head);
    if (t->units == NULL || t->commune_head == NULL) {
        admin_units_free(t);
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, path, 0, "out of memory");
    }
    memset(t->province_head, 0xff, sizeof t->province_head);       /* all -1 */
    memset(t->commune_head, 0xff, COMMUNE_CODES * sizeof *t->commune_head);
    t->reform_day = INT32_MAX;
    for (p = t->text; code == RASOAT_OK && p != NULL && *p; p = next) {
        next = strchr(p, '\n');
        if (next != NULL)
            *next++ = '\0';
        lineno++;
        if (next != NULL && next - p >= 2 && next[-2] == '\r')
            next[-2] = '\0';
        if (*p == '#' || *p == '\0')
            continue;
        code = parse_line(t, p, path, lineno, lang, err);
    }
    if (code == RASOAT_OK && t->reform_date == NULL)
        code = bad_line(path, lineno, "R DATE", lang, err);
    if (code != RASOAT_OK) {
        admin_units_free(t);
        return code;
    }
    count_units(t);
    return RASOAT_OK;
}

int admin_units_load(admin_units *t, const char *rules_dir, rasoat_lang lang, rasoat_error *err)
{
    char path[PATH_MAX + sizeof ADMIN_UNITS_FILE + 1], *text;
    size_t length;
    int code = admin_units_read(rules_dir, lang, &text, &length, path, sizeof path, err);

    memset(t, 0, sizeof *t);
    if (code != RASOAT_OK || text == NULL)
        return code;
    return admin_units_parse(t, text, length, path, lang, err);
}

void admin_units_free(admin_units *t)
{
    free(t->text);
    free(t->units);
    free(t->commune_head);
    memset(t, 0, sizeof *t);
}

int admin_units_loaded(const admin_units *t)
{
    return t->text != NULL;
}

/* Walk the chain from 'head' for the unit in force on 'day' (or the last one, 'last'). */
static const admin_unit *walk(const admin_units *t, int32_t head, int32_t day, int last)
{
    const admin_unit *found = NULL;

    for (; head >= 0; head = t->units[head].next) {
        const admin_unit *u = &t->units[head];

        if (last ? (found == NULL || u->to_day > found->to_day)
                 : (day >= u->from_day && day <= u->to_day))
            found = u;
        if (!last && found)
            break;
    }
    return found;
}

static int32_t province_slot(const admin_units *t, const char *code)
{
    return t->text != NULL && code != NULL && digits(code, 2)
         ? t->province_head[(code[0] - '0') * 10 + (code[1] - '0')] : -1;
}

static int32_t commune_slot(const admin_units *t, const char *code)
{
    return t->text != NULL && code != NULL && digits(code, 5) ? t->commune_head[atoi(code)] : -1;
}

const admin_unit *admin_province_on(const admin_units *t, const char *code, int32_t day)
{
    return walk(t, province_slot(t, code), day, 0);
}

const admin_unit *admin_commune_on(const admin_units *t, const char *code, int32_t day)
{
    return walk(t, commune_slot(t, code), day, 0);
}

const admin_unit *admin_province_last(const admin_units *t, const char *code)
{
    return walk(t, province_slot(t, code), 0, 1);
}

const admin_unit *admin_commune_last(const admin_units *t, const char *code)
{
    return walk(t, commune_slot(t, code), 0, 1);
}

int admin_list_has(const char *list, const char *code)
{
    size_t n = strlen(code);

    while (list != NULL && *list) {
        if (strncmp(list, code, n) == 0 && (list[n] == ',' || list[n] == '\0'))
            return 1;
        list = strchr(list, ',');
        if (list != NULL)
            list++;
    }
    return 0;
}

int admin_predecessors(const admin_units *t, const char *code, char *buf, size_t size)
{
    int count = 0;
    size_t used = 0, i;

    if (size > 0)
        buf[0] = '\0';
    for (i = 0; i < 100; i++) {
        const admin_unit *u;
        int32_t head = t->text != NULL ? t->province_head[i] : -1;

        for (; head >= 0; head = t->units[head].next) {
            u = &t->units[head];
            if (u->to_day == t->reform_day - 1 && u->successor && strcmp(u->successor, code) == 0) {
                int w = snprintf(buf + used, size > used ? size - used : 0, "%s%s",
                                 count ? "," : "", u->code);

                used += w > 0 ? (size_t)w : 0;
                count++;
            }
        }
    }
    return count;
}
