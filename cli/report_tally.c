/*
** report_tally.c: per-unit counters of the report engine (report.h). A result adds to the
** counters of its unit; the cells of a row (a unit, an area, the total) are computed from
** counters only, so a report made from partial reports (their unit rows added up) has the
** same cells as one made from all results at once.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/*
** The counters. A unit has one counter per count column of each form and row kind (formula,
** rate and population columns are computed, never stored), 'width' in all; units are kept
** in blocks of BLOCK_UNITS, each block one allocation of 32-bit counters, so the counters
** take 4 bytes each and grow a block at a time, never by copying them all. A count that
** would leave the 32-bit range (only a merged partial report with absurd cells can give
** one: a unit is a village or a commune) widens its block to 64 bits, so every sum stays
** exact.
*/
#define BLOCK_UNITS 64
#define NO_COUNTER UINT32_MAX

typedef struct counter_block {
    void *v;                    /* BLOCK_UNITS * width counters: int32_t, or int64_t when wide */
    int wide;
} counter_block;

struct report_counters {
    size_t width;               /* counters per unit */
    uint32_t *map;              /* form f's cell (kind * ncols + column) at map[off[f] + cell]:
                                ** its counter within a unit's, or NO_COUNTER */
    size_t *off;
    counter_block *blocks;
    size_t nblocks, blocks_cap;
};

/* The counters' layout for 'l' (no block yet), or NULL when out of memory. */
static struct report_counters *counters_new(const report_layout *l)
{
    struct report_counters *c = (struct report_counters *)calloc(1, sizeof *c);
    size_t f, k, col, cells = 0, at = 0;

    if (c == NULL)
        return NULL;
    for (f = 0; f < l->nforms; f++)
        cells += l->forms[f].nkinds * l->forms[f].ncols;
    c->map = (uint32_t *)malloc((cells ? cells : 1) * sizeof *c->map);
    c->off = (size_t *)malloc((l->nforms ? l->nforms : 1) * sizeof *c->off);
    if (c->map == NULL || c->off == NULL) {
        free(c->map);
        free(c->off);
        free(c);
        return NULL;
    }
    for (f = 0; f < l->nforms; f++) {
        const report_form *form = &l->forms[f];

        c->off[f] = at;
        for (k = 0; k < form->nkinds; k++)
            for (col = 0; col < form->ncols; col++)
                c->map[at++] = form->cols[col].type == COL_COUNT ? (uint32_t)c->width++ : NO_COUNTER;
    }
    return c;
}

static void counters_free(struct report_counters *c)
{
    size_t b;

    if (c == NULL)
        return;
    for (b = 0; b < c->nblocks; b++)
        free(c->blocks[b].v);
    free(c->blocks);
    free(c->map);
    free(c->off);
    free(c);
}

/* Make room for unit 'u' (zeroed counters). Returns 0 when out of memory. */
static int counters_reserve(struct report_counters *c, size_t u)
{
    while (u / BLOCK_UNITS >= c->nblocks) {
        if (c->nblocks == c->blocks_cap) {
            size_t cap = c->blocks_cap ? c->blocks_cap * 2 : 16;
            counter_block *g = (counter_block *)realloc(c->blocks, cap * sizeof *g);

            if (g == NULL)
                return 0;
            c->blocks = g;
            c->blocks_cap = cap;
        }
        c->blocks[c->nblocks].wide = 0;
        if ((c->blocks[c->nblocks].v = calloc(BLOCK_UNITS * (c->width ? c->width : 1), sizeof(int32_t))) == NULL)
            return 0;
        c->nblocks++;
    }
    return 1;
}

/* Counter 'i' of unit 'u' (reserved). */
static int64_t counter_get(const struct report_counters *c, size_t u, uint32_t i)
{
    const counter_block *b = &c->blocks[u / BLOCK_UNITS];
    size_t at = (u % BLOCK_UNITS) * c->width + i;

    return b->wide ? ((const int64_t *)b->v)[at] : ((const int32_t *)b->v)[at];
}

/* Widen block 'b' to 64-bit counters, keeping their values. Returns 0 when out of memory. */
static int widen(struct report_counters *c, counter_block *b)
{
    size_t n = BLOCK_UNITS * (c->width ? c->width : 1), i;
    void *g = realloc(b->v, n * sizeof(int64_t));

    if (g == NULL)
        return 0;
    /* From the end: counter i moves from bytes [4i, 4i+4) to [8i, 8i+8), over counters
    ** 2i and 2i+1, which were moved before it (or are counter i itself, for i = 0). */
    for (i = n; i-- > 0;) {
        int64_t v = ((const int32_t *)g)[i];

        ((int64_t *)g)[i] = v;
    }
    b->v = g;
    b->wide = 1;
    return 1;
}

/* Add 'v' to counter 'i' of unit 'u' (reserved). Returns 0 when out of memory. */
static int counter_add(struct report_counters *c, size_t u, uint32_t i, int64_t v)
{
    counter_block *b = &c->blocks[u / BLOCK_UNITS];
    size_t at = (u % BLOCK_UNITS) * c->width + i;

    if (!b->wide) {
        int64_t sum = (int64_t)((int32_t *)b->v)[at] + v;

        if (sum >= INT32_MIN && sum <= INT32_MAX) {
            ((int32_t *)b->v)[at] = (int32_t)sum;
            return 1;
        }
        if (!widen(c, b))
            return 0;
    }
    ((int64_t *)b->v)[at] += v;
    return 1;
}

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
    t->counters = counters_new(l);
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
    counters_free(t->counters);
    free(t->memo);
    memset(t, 0, sizeof *t);
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

/* Grow the unit array and the hash (rehashed). */
static int grow(report_tally *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64, i;
    int depth = unit_depth(t->level);
    report_unit *units = (report_unit *)realloc(t->units, cap * sizeof *units);
    size_t *slots;

    if (units == NULL)
        return 0;
    t->units = units;
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

    if (t->counters == NULL || (t->nunits == t->cap && !grow(t)))
        return -1;
    s = (size_t)(hash_unit(place, depth, area) % t->nslots);
    for (; t->slots[s] != 0; s = (s + 1) % t->nslots)
        if (same_unit(&t->units[t->slots[s] - 1], place, depth, area))
            return (long)t->slots[s] - 1;
    if (!counters_reserve(t->counters, t->nunits))
        return -1;
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
    int failed;
} unit_add;

static void add_to_unit(void *ctx, size_t f, size_t cell, int64_t v)
{
    unit_add *a = (unit_add *)ctx;
    const struct report_counters *c = a->t->counters;

    if (!counter_add(a->t->counters, a->u, c->map[c->off[f] + cell], v))
        a->failed = 1;
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
    a.failed = 0;
    measure(t->layout, t->memo, result, fields, add_to_unit, &a);
    return !a.failed;
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
        if (!counter_add(t->counters, (size_t)u, t->counters->map[t->counters->off[d[i].form] + d[i].cell], d[i].value))
            return 0;
    return 1;
}

int report_add(report_tally *t, size_t f, size_t u, size_t k, size_t c, int64_t value)
{
    const report_form *form = &t->layout->forms[f];
    uint32_t i = t->counters->map[t->counters->off[f] + k * form->ncols + c];

    return i == NO_COUNTER || counter_add(t->counters, u, i, value);
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
    const uint32_t *map = t->counters->map + t->counters->off[fi] + row->kind * f->ncols;

    for (c = 0; c < f->ncols; c++) {
        cells[c].value = 0;
        cells[c].empty = f->cols[c].type != COL_COUNT;
    }
    /* A unit's row reads its own counters; an area's row adds up its units. */
    for (u = row->unit != NULL ? (size_t)(row->unit - t->units) : 0; u < t->nunits; u++) {
        const report_unit *unit = &t->units[u];

        if (row->unit != NULL && unit != row->unit)
            break;
        if (row->unit == NULL && row->area != 2 && unit->area != row->area)
            continue;
        any_unit = 1;
        for (c = 0; c < f->ncols; c++)
            if (map[c] != NO_COUNTER)
                cells[c].value += counter_get(t->counters, u, map[c]);
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
