/*
** report_tally.c: per-unit counters of the report engine (report.h). A result adds to the
** counters of its unit; the cells of a row (a unit, an area, the total) are computed from
** counters only, so a report made from partial reports (their unit rows added up) has the
** same cells as one made from all results at once.
*/
#include <stdlib.h>
#include <string.h>

#include "report.h"

static char *dup(const char *s)
{
    char *d = (char *)malloc(strlen(s) + 1);

    if (d != NULL)
        strcpy(d, s);
    return d;
}

/* The deepest place that names a unit at 'level'. */
static int unit_depth(report_level level)
{
    return level == LEVEL_COMMUNE ? PLACE_VILLAGE : PLACE_COMMUNE;
}

void report_tally_init(report_tally *t, const report_layout *l, report_level level)
{
    memset(t, 0, sizeof *t);
    t->layout = l;
    t->level = level;
    t->counts = (int64_t **)calloc(l->nforms ? l->nforms : 1, sizeof *t->counts);
    t->memo = (signed char *)malloc(l->ntests + 1);
}

void report_tally_free(report_tally *t)
{
    size_t i, k;

    for (i = 0; i < t->nunits; i++)
        for (k = 0; k < PLACE_COUNT; k++)
            free(t->units[i].place[k]);
    free(t->units);
    free(t->slots);
    if (t->counts != NULL)
        for (i = 0; i < t->layout->nforms; i++)
            free(t->counts[i]);
    free(t->counts);
    free(t->memo);
    memset(t, 0, sizeof *t);
}

static size_t cells_per_unit(const report_form *f)
{
    return f->nkinds * f->ncols;
}

static uint64_t hash_unit(const char *const *place, int depth, int area)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)area;
    int k;

    for (k = 0; k <= depth; k++) {
        const unsigned char *p = (const unsigned char *)(place[k] ? place[k] : "");

        for (; *p; p++)
            h = (h ^ *p) * 1099511628211ull;
        h = (h ^ 0x1f) * 1099511628211ull;
    }
    return h;
}

static int same_unit(const report_unit *u, const char *const *place, int depth, int area)
{
    int k;

    if (u->area != area)
        return 0;
    for (k = 0; k <= depth; k++)
        if (strcmp(u->place[k], place[k] ? place[k] : "") != 0)
            return 0;
    return 1;
}

/* Grow the unit array, every form's counters and the hash (rehashed). */
static int grow(report_tally *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64, i;
    int depth = unit_depth(t->level);
    report_unit *units = (report_unit *)realloc(t->units, cap * sizeof *units);
    size_t *slots;

    if (units == NULL)
        return 0;
    t->units = units;
    for (i = 0; i < t->layout->nforms; i++) {
        size_t per = cells_per_unit(&t->layout->forms[i]);
        int64_t *c = (int64_t *)realloc(t->counts[i], cap * per * sizeof *c);

        if (c == NULL)
            return 0;
        memset(c + t->cap * per, 0, (cap - t->cap) * per * sizeof *c);
        t->counts[i] = c;
    }
    slots = (size_t *)calloc(cap * 2, sizeof *slots);
    if (slots == NULL)
        return 0;
    for (i = 0; i < t->nunits; i++) {
        size_t s = (size_t)(hash_unit((const char *const *)t->units[i].place, depth,
                                      t->units[i].area) % (cap * 2));

        while (slots[s] != 0)
            s = (s + 1) % (cap * 2);
        slots[s] = i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = cap * 2;
    t->cap = cap;
    return 1;
}

long report_unit_of(report_tally *t, const char *const *place, int area)
{
    int depth = unit_depth(t->level), k;
    size_t s;
    report_unit *u;

    if (t->nunits == t->cap && !grow(t))
        return -1;
    s = (size_t)(hash_unit(place, depth, area) % t->nslots);
    for (; t->slots[s] != 0; s = (s + 1) % t->nslots)
        if (same_unit(&t->units[t->slots[s] - 1], place, depth, area))
            return (long)t->slots[s] - 1;
    u = &t->units[t->nunits];
    memset(u, 0, sizeof *u);
    u->area = area;
    for (k = 0; k < PLACE_COUNT; k++) {
        u->place[k] = dup(k <= depth && place[k] ? place[k] : "");
        if (u->place[k] == NULL)
            return -1;
    }
    t->slots[s] = ++t->nunits;
    return (long)t->nunits - 1;
}

const char *report_unit_name(const report_tally *t, const report_unit *u)
{
    return u->place[unit_depth(t->level)];
}

/* {====================================================================
** Counting one result
** ===================================================================== */

static int one_of(const char *s, char *const *values, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(s, values[i]) == 0)
            return 1;
    return 0;
}

static int cond_holds(const report_cond *c, const cJSON *v)
{
    if (c->mode == COND_BOOL)
        return (v != NULL && cJSON_IsTrue(v)) == c->boolean;
    if (cJSON_IsArray(v)) {
        const cJSON *e;
        int any = 0;

        cJSON_ArrayForEach(e, v)
            if (cJSON_IsString(e) && one_of(e->valuestring, c->values, c->nvalues))
                any = 1;
        return c->mode == COND_ANY ? any : !any;
    }
    {
        const char *s = cJSON_IsString(v) ? v->valuestring : "";
        int in = one_of(s, c->values, c->nvalues);

        return c->mode == COND_ANY ? in : !in;
    }
}

int report_pred_holds(const report_pred *p, const cJSON *const *fields, signed char *memo)
{
    size_t i;

    for (i = 0; i < p->n; i++) {
        const report_cond *c = &p->conds[i];
        int holds;

        if (memo != NULL && memo[c->id] >= 0) {
            holds = memo[c->id];
        } else {
            holds = cond_holds(c, fields[c->field]);
            if (memo != NULL)
                memo[c->id] = (signed char)holds;
        }
        if (!holds)
            return 0;
    }
    return 1;
}

/* Members younger than 'below' (an age given as a whole number). */
static int64_t children(const cJSON *members, int64_t below)
{
    const cJSON *m;
    int64_t n = 0;

    cJSON_ArrayForEach(m, members) {
        const cJSON *age = cJSON_GetObjectItemCaseSensitive(m, "age");

        if (cJSON_IsNumber(age) && age->valuedouble >= 0 && age->valuedouble < (double)below)
            n++;
    }
    return n;
}

/*
** The counts one result adds: for each form, row kind and count column that holds, 'add'
** is called with the form, the cell's index within a unit's block (kind * ncols + column)
** and the amount. 'memo' (ntests + 1 entries) is reset here and holds the result's
** answers afterwards (the lists reuse them).
*/
static void measure(const report_layout *l, signed char *memo, const cJSON *result, const cJSON *const *fields,
                    void (*add)(void *ctx, size_t f, size_t cell, int64_t v), void *ctx)
{
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(result, "size");
    int64_t persons = cJSON_IsNumber(size) ? (int64_t)size->valuedouble : 1;
    size_t f, k, c;

    memset(memo, -1, l->ntests + 1);
    for (f = 0; f < l->nforms; f++) {
        const report_form *form = &l->forms[f];
        int64_t kids = form->child_age_below > 0
                       ? children(fields[l->members_field], form->child_age_below) : 0;

        for (k = 0; k < form->nkinds; k++) {
            if (!report_pred_holds(&form->kinds[k].where, fields, memo))
                continue;
            for (c = 0; c < form->ncols; c++) {
                const report_column *col = &form->cols[c];
                report_measure m;

                if (col->type != COL_COUNT || !report_pred_holds(&col->pred, fields, memo))
                    continue;
                m = col->measure != MEASURE_ROW ? col->measure : form->kinds[k].measure;
                add(ctx, f, k * form->ncols + c, m == MEASURE_HOUSEHOLDS ? 1 : m == MEASURE_PERSONS ? persons : kids);
            }
        }
    }
}

typedef struct unit_add {
    report_tally *t;
    size_t u;
} unit_add;

static void add_to_unit(void *ctx, size_t f, size_t cell, int64_t v)
{
    unit_add *a = (unit_add *)ctx;

    a->t->counts[f][a->u * cells_per_unit(&a->t->layout->forms[f]) + cell] += v;
}

int report_count(report_tally *t, const cJSON *result, const cJSON *const *fields)
{
    static const char *const names[PLACE_COUNT] = {"province", "district", "commune", "village"};
    const char *place[PLACE_COUNT];
    const cJSON *area = cJSON_GetObjectItemCaseSensitive(result, "area");
    unit_add a;
    long u;
    int k2;

    for (k2 = 0; k2 < PLACE_COUNT; k2++)
        place[k2] = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(result, names[k2]));
    u = report_unit_of(t, place, cJSON_IsString(area) && strcmp(area->valuestring, "urban") == 0
                                 ? AREA_URBAN : AREA_RURAL);
    if (u < 0 || t->memo == NULL)
        return 0;
    t->units[u].results++;
    a.t = t;
    a.u = (size_t)u;
    measure(t->layout, t->memo, result, fields, add_to_unit, &a);
    return 1;
}

typedef struct delta_add {
    report_delta *d;
    size_t n, cap;
    int failed;
} delta_add;

static void add_to_deltas(void *ctx, size_t f, size_t cell, int64_t v)
{
    delta_add *a = (delta_add *)ctx;

    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        report_delta *g = (report_delta *)realloc(a->d, cap * sizeof *g);

        if (g == NULL) {
            a->failed = 1;
            return;
        }
        a->d = g;
        a->cap = cap;
    }
    a->d[a->n].form = (uint32_t)f;
    a->d[a->n].cell = (uint32_t)cell;
    a->d[a->n].value = v;
    a->n++;
}

long report_count_deltas(const report_layout *l, signed char *memo, const cJSON *result,
                         const cJSON *const *fields, report_delta **out)
{
    delta_add a;

    memset(&a, 0, sizeof a);
    measure(l, memo, result, fields, add_to_deltas, &a);
    if (a.failed) {
        free(a.d);
        return -1;
    }
    *out = a.d;
    return (long)a.n;
}

int report_count_apply(report_tally *t, const char *const *place, int area, const report_delta *d, size_t n)
{
    long u = report_unit_of(t, place, area);
    size_t i;

    if (u < 0)
        return 0;
    t->units[u].results++;
    for (i = 0; i < n; i++)
        t->counts[d[i].form][(size_t)u * cells_per_unit(&t->layout->forms[d[i].form]) + d[i].cell] += d[i].value;
    return 1;
}

void report_add(report_tally *t, size_t f, size_t u, size_t k, size_t c, int64_t value)
{
    const report_form *form = &t->layout->forms[f];

    t->counts[f][u * cells_per_unit(form) + k * form->ncols + c] += value;
}

/* }==================================================================== */

/* {====================================================================
** Cells
** ===================================================================== */

static const report_tally *order_tally;

static int unit_order(const void *a, const void *b)
{
    const report_unit *x = &order_tally->units[*(const size_t *)a];
    const report_unit *y = &order_tally->units[*(const size_t *)b];
    int k, c;

    if (x->area != y->area)
        return x->area - y->area;
    for (k = 0; k < PLACE_COUNT; k++)
        if ((c = strcmp(x->place[k], y->place[k])) != 0)
            return c;
    return 0;
}

void report_unit_order(const report_tally *t, size_t *order)
{
    size_t i;

    for (i = 0; i < t->nunits; i++)
        order[i] = i;
    order_tally = t;
    qsort(order, t->nunits, sizeof *order, unit_order);
}

int64_t report_rate(int64_t num, int64_t den)
{
    if (den <= 0)
        return 0;
    /* hundredths of a percent: num * 10000 / den, half up (for num >= 0). */
    return (num * 20000 + den) / (2 * den);
}

/* The measure a population column reads in kind 'k'. */
static report_measure population_of(const report_form *f, const report_column *c, size_t k)
{
    return c->population != MEASURE_ROW ? c->population : f->kinds[k].measure;
}

void report_cells(const report_tally *t, size_t fi, const report_row *row, report_cell *cells)
{
    const report_form *f = &t->layout->forms[fi];
    size_t u, c, pass;
    int any_unit = 0, all_population = 1;
    int64_t population[2] = {0, 0};
    unsigned char done[REPORT_MAX_COLUMNS];

    for (c = 0; c < f->ncols; c++) {
        cells[c].value = 0;
        cells[c].empty = f->cols[c].type != COL_COUNT;
    }
    /* A unit's row reads its own counters; an area's row adds up its units. */
    for (u = row->unit != NULL ? (size_t)(row->unit - t->units) : 0; u < t->nunits; u++) {
        const report_unit *unit = &t->units[u];
        const int64_t *counts;

        if (row->unit != NULL && unit != row->unit)
            break;
        if (row->unit == NULL && row->area != 2 && unit->area != row->area)
            continue;
        any_unit = 1;
        counts = t->counts[fi] + u * cells_per_unit(f) + row->kind * f->ncols;
        for (c = 0; c < f->ncols; c++)
            if (f->cols[c].type == COL_COUNT)
                cells[c].value += counts[c];
        if (unit->has_population) {
            population[0] += unit->population[0];
            population[1] += unit->population[1];
        } else {
            all_population = 0;
        }
    }
    for (c = 0; c < f->ncols; c++) {
        if (f->cols[c].type == COL_POPULATION && any_unit && all_population) {
            report_measure m = population_of(f, &f->cols[c], row->kind);

            cells[c].value = population[m == MEASURE_PERSONS];
            cells[c].empty = 0;
        }
    }
    /* Formulas may name formulas: resolve in passes until none is left. A formula with
    ** an empty term (a missing population) is empty. */
    memset(done, 0, sizeof done);
    for (pass = 0; pass < f->ncols; pass++) {
        int progress = 0;

        for (c = 0; c < f->ncols; c++) {
            const report_column *col = &f->cols[c];
            size_t i;
            int ready = 1, empty = 0;
            int64_t v = 0;

            if (col->type != COL_FORMULA || done[c])
                continue;
            for (i = 0; i < col->nterms; i++) {
                size_t term = col->terms[i].col;

                if (f->cols[term].type == COL_FORMULA && !done[term])
                    ready = 0;
                empty |= cells[term].empty;
                v += col->terms[i].sign * cells[term].value;
            }
            if (!ready)
                continue;
            cells[c].value = empty ? 0 : v;
            cells[c].empty = empty;
            done[c] = 1;
            progress = 1;
        }
        if (!progress)
            break;
    }
    for (c = 0; c < f->ncols; c++) {
        const report_column *col = &f->cols[c];

        if (col->type == COL_RATE) {
            const report_cell *num = &cells[col->num], *den = &cells[col->den];

            cells[c].empty = num->empty || den->empty || den->value <= 0;
            cells[c].value = cells[c].empty ? 0 : report_rate(num->value, den->value);
        }
    }
}

int report_check_holds(const report_check *c, const report_cell *cells)
{
    const report_cell *l = &cells[c->left], *r = &cells[c->right];

    if (l->empty || r->empty)
        return 1;
    return c->op == '=' ? l->value == c->times * r->value : l->value >= c->times * r->value;
}

/* }==================================================================== */
