/*
** report_merge.c: merging partial reports, the parts that are not sums (see report_merge.h):
** the population of each source unit counted once, and the inputs the partitions name.
*/
#include <stdlib.h>
#include <string.h>

#include "report_merge.h"

void report_merge_init(report_merge *m)
{
    memset(m, 0, sizeof *m);
}

void report_merge_free(report_merge *m)
{
    size_t i;
    int k;

    for (i = 0; i < m->nsrc; i++)
        for (k = 0; k < PLACE_COUNT; k++)
            free(m->src[i].place[k]);
    id_set_free(&m->seen);
    free(m->src);
    memset(m, 0, sizeof *m);
}

/* The key of a source unit: its area, then its place names, separated by bytes no name
** holds unescaped in JSON text (\x01). Returns its length, or 0 when it does not fit. */
static const char *const names[PLACE_COUNT] = {"province", "district", "commune", "village"};

static size_t unit_key(char *key, size_t size, const cJSON *place, int area, int population_only)
{
    size_t n = 0;
    int k;

    key[n++] = (char)('0' + area + 2 * population_only);
    for (k = 0; k < PLACE_COUNT; k++) {
        const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(place, names[k]));
        size_t len = v != NULL ? strlen(v) : 0;

        if (n + len + 2 > size)
            return 0;
        key[n++] = '\x01';
        key[n++] = v != NULL ? 'y' : 'n';       /* absent differs from "" */
        memcpy(key + n, v != NULL ? v : "", len);
        n += len;
    }
    return n;
}

int report_merge_population(report_merge *m, size_t unit, const cJSON *place, int area,
                            int population_only, int persons, const cJSON *value, int64_t *earlier)
{
    char key[2048];
    size_t len = unit_key(key, sizeof key, place, area, population_only);
    long long at = len > 0 ? id_set_get(&m->seen, key, len) : -1;
    report_merge_unit *s;

    if (len == 0)
        return 0;
    if (at < 0) {
        if (m->nsrc == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 256;
            report_merge_unit *g = (report_merge_unit *)realloc(m->src, cap * sizeof *g);

            if (g == NULL)
                return 0;
            m->src = g;
            m->cap = cap;
        }
        at = (long long)m->nsrc;
        if (id_set_put(&m->seen, key, len, at) < 0)
            return 0;
        s = &m->src[m->nsrc++];
        memset(s, 0, sizeof *s);
        s->unit = unit;
        s->area = area;
        s->population_only = population_only;
        if (population_only) {
            int k;

            for (k = 0; k < PLACE_COUNT; k++) {
                const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(place, names[k]));

                if ((s->place[k] = strdup(v != NULL ? v : "")) == NULL)
                    return 0;
            }
        }
    }
    s = &m->src[at];
    if (!cJSON_IsNumber(value))
        return 1;                               /* this partition had no population */
    m->had_population = 1;
    if (s->known[persons] && s->population[persons] != (int64_t)value->valuedouble) {
        *earlier = s->population[persons];
        return -1;
    }
    s->population[persons] = (int64_t)value->valuedouble;
    s->known[persons] = 1;
    return 1;
}

/* Give unit 'u' the population of 's' (the unit's own: replaces what it had). */
static void set_population(report_unit *u, const report_merge_unit *s)
{
    u->population[0] = s->population[0];
    u->population[1] = s->population[1];
    u->has_population = s->known[0] && s->known[1] ? 1 : -1;
}

int report_merge_finish(report_merge *m, report_tally *t)
{
    size_t i, j;
    int depth = t->level == LEVEL_COMMUNE ? PLACE_VILLAGE : PLACE_COMMUNE;

    for (i = 0; i < m->nsrc; i++) {
        report_unit *u = &t->units[m->src[i].unit];
        int k;

        if (m->src[i].population_only)
            continue;
        for (k = 0; k < 2; k++) {
            if (!m->src[i].known[k])
                u->has_population = -1;         /* some part unknown: the unit's rates stay empty */
            else
                u->population[k] += m->src[i].population[k];
        }
        if (u->has_population == 0)
            u->has_population = 1;
    }
    /* Units of --population only, as report_population_apply treats the file's rows: the
    ** units of that name and area (and commune, when given) that have results, else one
    ** unit of its own. */
    for (i = 0; i < m->nsrc; i++) {
        const report_merge_unit *s = &m->src[i];
        size_t units = t->nunits;
        int matched = 0;

        if (!s->population_only)
            continue;
        for (j = 0; j < units; j++) {
            report_unit *u = &t->units[j];

            if (u->results == 0 || u->area != s->area || strcmp(u->place[depth], s->place[depth]) != 0
                || (s->place[depth - 1][0] != '\0' && strcmp(u->place[depth - 1], s->place[depth - 1]) != 0))
                continue;
            set_population(u, s);
            matched = 1;
        }
        if (!matched) {
            const char *place[PLACE_COUNT];
            long u;
            int k;

            for (k = 0; k < PLACE_COUNT; k++)
                place[k] = s->place[k];
            if ((u = report_unit_of(t, place, s->area)) < 0)
                return 0;
            set_population(&t->units[u], s);
        }
    }
    return 1;
}

int report_merge_leaves(cJSON *leaves, const cJSON *partial_provenance, const char *file,
                        const char *sha256)
{
    const cJSON *inputs = cJSON_GetObjectItemCaseSensitive(partial_provenance, "inputs"), *in;

    if (!cJSON_IsArray(inputs)) {
        cJSON *self = cJSON_CreateObject();

        if (self == NULL)
            return 0;
        cJSON_AddStringToObject(self, "file", file);
        cJSON_AddStringToObject(self, "kind", "report");
        cJSON_AddStringToObject(self, "sha256", sha256);
        return cJSON_AddItemToArray(leaves, self);
    }
    cJSON_ArrayForEach(in, inputs) {
        cJSON *copy = cJSON_Duplicate(in, 1);

        if (copy == NULL || !cJSON_AddItemToArray(leaves, copy))
            return 0;
    }
    return 1;
}
