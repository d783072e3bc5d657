/*
** report_population.c: --population FILE, the denominators of the report's rates: all
** resident households and persons per unit, as the statistics office supplies them.
** CSV (libcsv; UTF-8 with or without BOM, comma-separated) with a header row naming the
** columns: 'unit' (the unit's name as the results give it: a village at commune level,
** a commune above), 'households', 'persons', and optionally 'area' (rural / urban, or
** Nông thôn / Thành thị) and 'within' (the commune of a village, the district of a
** commune) to tell apart units of the same name. A unit with a row but no results is
** added (with zero counts) when the row gives its area.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "cli.h"
#include "report.h"

enum { COL_UNIT, COL_HOUSEHOLDS, COL_PERSONS, COL_AREA, COL_WITHIN, NCOLS };

typedef struct pop_state {
    report_tally *t;
    rasoat_lang lang;
    int map[32];                /* CSV column -> COL_*, or -1 */
    char *field[NCOLS];
    int col;                    /* current CSV column */
    long line;                  /* current record, 1 = header */
    long long unmatched;
    char *why;
    size_t why_size;
    int failed;
} pop_state;

static const char *const names[NCOLS] = {"unit", "households", "persons", "area", "within"};

static void on_field(void *s, size_t len, void *data)
{
    pop_state *p = (pop_state *)data;
    char *text = (char *)s;
    int k;

    (void)len;
    if (p->line == 1) {
        if (p->col == 0 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
            text += 3;
        if (p->col < 32) {
            p->map[p->col] = -1;
            for (k = 0; k < NCOLS; k++)
                if (strcmp(text, names[k]) == 0)
                    p->map[p->col] = k;
        }
    } else if (p->col < 32 && p->map[p->col] >= 0) {
        free(p->field[p->map[p->col]]);
        p->field[p->map[p->col]] = strdup(text);
    }
    p->col++;
}

static int whole(const char *s, int64_t *out)
{
    char *end;
    long long v;

    if (s == NULL || *s == '\0')
        return 0;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (*end != '\0' || errno != 0 || v < 0)
        return 0;
    *out = v;
    return 1;
}

static int fail(pop_state *p, const char *column, const char *value)
{
    snprintf(p->why, p->why_size, CLI_TEXT(p->lang,
             "--population: dòng %ld, cột '%s': cần số nguyên ≥ 0, nhận được '%s'",
             "--population: line %ld, column '%s': expected an integer ≥ 0, found '%s'"),
             p->line, column, value ? value : "");
    p->failed = 1;
    return 0;
}

/* Apply one data row: to the units of that name (and 'within', and area, when given). */
static void apply_row(pop_state *p)
{
    report_tally *t = p->t;
    int64_t households, persons;
    const char *unit = p->field[COL_UNIT], *area = p->field[COL_AREA], *within = p->field[COL_WITHIN];
    int want_area = -1, depth = t->level == LEVEL_COMMUNE ? PLACE_VILLAGE : PLACE_COMMUNE;
    size_t i, matched = 0;

    if (unit == NULL || unit[0] == '\0') {
        snprintf(p->why, p->why_size, CLI_TEXT(p->lang, "--population: dòng %ld: thiếu cột 'unit'",
                                               "--population: line %ld: no 'unit' column"), p->line);
        p->failed = 1;
        return;
    }
    if (!whole(p->field[COL_HOUSEHOLDS], &households)) {
        fail(p, "households", p->field[COL_HOUSEHOLDS]);
        return;
    }
    if (!whole(p->field[COL_PERSONS], &persons)) {
        fail(p, "persons", p->field[COL_PERSONS]);
        return;
    }
    if (area != NULL && area[0] != '\0') {
        if (strcmp(area, "urban") == 0 || strcmp(area, "Thành thị") == 0)
            want_area = AREA_URBAN;
        else if (strcmp(area, "rural") == 0 || strcmp(area, "Nông thôn") == 0)
            want_area = AREA_RURAL;
        else {
            snprintf(p->why, p->why_size, CLI_TEXT(p->lang,
                     "--population: dòng %ld, cột 'area': cần rural/urban (Nông thôn/Thành thị), nhận được '%s'",
                     "--population: line %ld, column 'area': expected rural/urban (Nông thôn/Thành thị), found '%s'"),
                     p->line, area);
            p->failed = 1;
            return;
        }
    }
    for (i = 0; i < t->nunits; i++) {
        report_unit *u = &t->units[i];

        if (strcmp(u->place[depth], unit) != 0 || (want_area >= 0 && u->area != want_area)
            || (within != NULL && within[0] != '\0' && strcmp(u->place[depth - 1], within) != 0))
            continue;
        u->has_population = 1;
        u->population[0] = households;
        u->population[1] = persons;
        matched++;
    }
    if (matched == 0 && want_area >= 0) {
        const char *place[PLACE_COUNT] = {NULL, NULL, NULL, NULL};
        long u;

        place[depth] = unit;
        place[depth - 1] = within;
        u = report_unit_of(t, place, want_area);
        if (u >= 0) {
            t->units[u].has_population = 1;
            t->units[u].population[0] = households;
            t->units[u].population[1] = persons;
            matched = 1;
        }
    }
    if (matched == 0)
        p->unmatched++;
}

static void on_record(int c, void *data)
{
    pop_state *p = (pop_state *)data;
    int k;

    (void)c;
    if (p->line > 1 && !p->failed)
        apply_row(p);
    for (k = 0; k < NCOLS; k++) {
        free(p->field[k]);
        p->field[k] = NULL;
    }
    p->col = 0;
    p->line++;
}

int report_population_apply(report_tally *t, const char *path, rasoat_lang lang,
                            long long *unmatched, char *why, size_t why_size)
{
    struct csv_parser parser;
    pop_state p;
    FILE *f = fopen(path, "rb");
    char buf[65536];
    size_t n;
    int ok = 1, k;

    if (f == NULL) {
        snprintf(why, why_size, CLI_TEXT(lang, "không đọc được %s: %s", "cannot read %s: %s"),
                 path, strerror(errno));
        return 0;
    }
    memset(&p, 0, sizeof p);
    p.t = t;
    p.lang = lang;
    p.line = 1;
    p.why = why;
    p.why_size = why_size;
    csv_init(&parser, CSV_APPEND_NULL);
    while (ok && !p.failed && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ok = csv_parse(&parser, buf, n, on_field, on_record, &p) == n;
    ok = ok && !ferror(f) && csv_fini(&parser, on_field, on_record, &p) == 0;
    if (!ok && !p.failed)
        snprintf(why, why_size, CLI_TEXT(lang, "--population %s: CSV không hợp lệ (%s)",
                                         "--population %s: not valid CSV (%s)"),
                 path, csv_strerror(csv_error(&parser)));
    csv_free(&parser);
    fclose(f);
    for (k = 0; k < NCOLS; k++)
        free(p.field[k]);
    *unmatched = p.unmatched;
    return ok && !p.failed;
}
