/*
** gen_national.c: write N synthetic households of a whole country as JSON Lines, for the
** national benchmark (bench/national.sh). The places are Vietnam's real ones, read from
** the table of administrative units (rules/places/admin-units.tsv): the 34 provinces and
** 3,321 communes in force from 2025-07-01, and for a survey before the reform the former
** commune (and its former province) that each household's territory then belonged to.
**
** Usage: gen_national N FILE [--units TSV] [--province CODE PROVINCE_FILE]
**   FILE '-' is standard output; --units defaults to rules/places/admin-units.tsv;
**   --province also writes the households of new province CODE (whatever their date) to
**   PROVINCE_FILE, for the province-level stages of the benchmark.
**
** The distribution (documented here and in bench/README.md):
** - Households per commune: every commune c gets a weight w_c = exp(0.55 * z_c), z_c an
**   approximately standard normal value (the sum of 12 uniform draws minus 6, from the
**   commune's own stream seeded by its code), times 1.5 for a ward (Phường, urban) — a
**   lognormal spread of about 0.4x to 2.5x the median, as commune populations go (the
**   average of 27 million households over 3,321 communes is about 8,100). N is divided in
**   proportion to the weights by the largest-remainder method, so the counts sum to N.
** - Households are written commune by commune in the table's order (province, then code),
**   as a national file concatenated from the communes' would be.
** - Survey year uniform in 2016..2030, in the review season (September to December); the
**   rule set in force is vn/2016-2020 up to 2021, vn/2022-2025 for 2022..2026 and
**   vn/2027-2030 from 2027. Before 2025 a record carries the former province and commune
**   codes (commune_code, province, the commune's name of the time); from 2025 the new ones,
**   with former_province for the 8 communes formed from two former provinces (a special
**   zone, formed from a whole island district, gives only its former province before 2025).
** - Urban share: 92 % in wards, 5 % elsewhere. Class aimed at, under the set in force:
**   5 % poor, 4 % near-poor, 10 % middle income (not poor under vn/2027-2030, which has no
**   middle-income standard), 81 % not poor; incomes and scores are drawn inside the band of
**   the class for the set (lines of Decision 59/2015, Decree 07/2021, Decree 351/2025).
**   vn/2016-2020: measured income (2 % also a B1 score: undetermined, the confirmed cut-offs
**   only decide poor); vn/2022-2025: 85 % a B1 score, some with income too; vn/2027-2030:
**   96 % income, 4 % only a B1 score (undetermined: no method circular yet).
** - Deprivations: all 15 indicators of the three sets are answered; the deprived ones are
**   drawn among the 8 the three sets share, so every set counts the same number.
** - 90 % carry last year's status (previous, year - 1; 75 % the class aimed at, else any),
**   35 % a history entry two years back, 1 % a household event (change); 0.1 % lack "area"
**   (an error record), so every class, pseudo-class and transition appears.
**
** Deterministic: household i is drawn from its own splitmix64 stream seeded from a fixed
** seed and i, integers only except the commune weights (exp, rounded to an integer), so the
** same N and table give the same bytes with the same C library. Memory: the table only.
*/
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define SEED UINT64_C(0x7261736f61742d6e) /* "rasoat-n" */
#define MAX_CODE 100000                   /* commune codes have five digits */

/* A commune in force from the reform. */
typedef struct commune {
    char code[6], province[3];
    char *name;
    char *formers;          /* former communes it took in, comma-separated */
    char *former_province;  /* the former province(s) it draws on, comma-separated */
    int ward;               /* a Phường */
    uint64_t weight, count;
    uint64_t remainder;     /* of the division of N by weight, for the largest remainders */
} commune;

/* A former commune (before the reform), by code. */
typedef struct former {
    char province[3];
    char *name;
} former;

static commune *communes;
static size_t ncommunes, cap;
static former formers[MAX_CODE];

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = (char *)malloc(n);

    if (p == NULL) {
        fputs("gen_national: out of memory\n", stderr);
        exit(2);
    }
    return (char *)memcpy(p, s, n);
}

/* Split 'line' at tabs into at most 'max' fields; returns how many. */
static int split(char *text, char **field, int max)
{
    int n = 0;

    field[n++] = text;
    for (; *text && n < max; text++)
        if (*text == '\t') {
            *text = '\0';
            field[n++] = text + 1;
        }
    return n;
}

/* Read the communes of the table 'path' (rasoat.places/1, tools/admin_units.py). */
static void read_units(const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[8192], *field[9];

    if (f == NULL) {
        fprintf(stderr, "gen_national: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    while (fgets(buf, sizeof buf, f) != NULL) {
        int n;

        buf[strcspn(buf, "\r\n")] = '\0';
        if (buf[0] != 'C' || buf[1] != '\t' || (n = split(buf, field, 9)) < 9)
            continue;
        if (field[2][0] != '\0') {                  /* in force from the reform */
            commune *c;

            if (ncommunes == cap) {
                cap = cap ? cap * 2 : 4096;
                if ((communes = (commune *)realloc(communes, cap * sizeof *communes)) == NULL)
                    exit(2);
            }
            c = &communes[ncommunes++];
            memset(c, 0, sizeof *c);
            snprintf(c->code, sizeof c->code, "%s", field[1]);
            snprintf(c->province, sizeof c->province, "%s", field[5]);
            c->name = xstrdup(field[4]);
            c->formers = xstrdup(field[8]);
            c->former_province = xstrdup(field[6]);
            c->ward = strncmp(field[4], "Phường", strlen("Phường")) == 0;
        } else {                                    /* a former commune */
            long code = strtol(field[1], NULL, 10);

            if (code >= 0 && code < MAX_CODE) {
                snprintf(formers[code].province, sizeof formers[code].province, "%s", field[5]);
                formers[code].name = xstrdup(field[4]);
            }
        }
    }
    fclose(f);
    if (ncommunes == 0) {
        fprintf(stderr, "gen_national: no commune in force from the reform in %s\n", path);
        exit(2);
    }
}

/* Larger remainder first, then table order. */
static int by_remainder(const void *a, const void *b)
{
    const commune *x = *(const commune *const *)a, *y = *(const commune *const *)b;

    if (x->remainder != y->remainder)
        return x->remainder > y->remainder ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Give each commune its weight and its share of 'n' households (the counts sum to 'n'). */
static void allocate(uint64_t n)
{
    uint64_t total = 0, given = 0;
    commune **order = (commune **)malloc(ncommunes * sizeof *order);
    size_t i;

    if (order == NULL)
        exit(2);
    for (i = 0; i < ncommunes; i++) {
        commune *c = &communes[i];
        rng r;
        int64_t z = 0;
        int k;

        r.state = SEED ^ (uint64_t)strtol(c->code, NULL, 10) * UINT64_C(0x9e3779b97f4a7c15);
        for (k = 0; k < 12; k++)
            z += rng_range(&r, 0, 9999);
        z -= 60000;                                  /* about N(0, 1) x 10000 */
        c->weight = (uint64_t)llround(10000.0 * exp(0.55 * (double)z / 10000.0) * (c->ward ? 1.5 : 1.0));
        if (c->weight == 0)
            c->weight = 1;
        total += c->weight;
    }
    for (i = 0; i < ncommunes; i++) {
        commune *c = &communes[i];
        /* n * weight may pass 2^64 for a huge n: divide in two steps */
        uint64_t q = n / total, rem = n % total;

        c->count = q * c->weight + (rem * c->weight) / total;
        c->remainder = (rem * c->weight) % total;
        given += c->count;
        order[i] = c;
    }
    qsort(order, ncommunes, sizeof *order, by_remainder);
    for (i = 0; given < n; i = (i + 1) % ncommunes, given++)
        order[i]->count++;
    free(order);
}

static const char *const CLASS_NAMES[4] = {"poor", "near_poor", "middle_income", "not_poor"};
enum { POOR, NEAR_POOR, MIDDLE, NOT_POOR };

/* The 8 indicators the three national sets share (deprivations are drawn among them), then
** those of one or two sets only (always answered "not deprived"). */
static const char *const SHARED[8] = {
    "health_insurance", "adult_education", "child_schooling", "housing_quality", "housing_area",
    "water", "sanitation", "telecom",
};
static const char *const OWN[7] = {
    "employment", "dependents", "nutrition", "healthcare_access", "information_means",
    "digital_services", "waste",
};

static const char *const ETHNICITIES[] = {
    "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh",
    "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Khmer",
    "H'Mông", "Nùng", "Dao", "Gia Rai", "Ê Đê",
};
static const char *const WATER_SOURCES[] = {
    "piped", "drilled_well", "dug_well", "rain", "spring", "river", "bottled",
};
static const int MONTH_DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Pick the 'k'-th (0-based) comma-separated item of 'list' into 'out'. */
static void nth_item(const char *list, unsigned k, char *out, size_t size)
{
    const char *p = list;
    size_t n;

    while (k-- > 0 && strchr(p, ',') != NULL)
        p = strchr(p, ',') + 1;
    n = strcspn(p, ",");
    snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
}

/* How many comma-separated items 'list' holds (0 when empty). */
static unsigned items(const char *list)
{
    unsigned n = list[0] != '\0';

    for (; *list; list++)
        n += *list == ',';
    return n;
}

/*
** Household 'index' (0-based, across the country), the 'seq'-th (1-based) of commune 'c',
** into 'l' as one JSON line with its newline.
*/
static void make_household(line *l, uint64_t index, uint64_t seq, const commune *c)
{
    /* Lines of each set by area (rural, urban): poor income, near-poor income, middle upper. */
    static const int64_t poor_line[3][2] = {{700000, 900000}, {1500000, 2000000}, {2200000, 2800000}};
    static const int64_t near_line[3][2] = {{1000000, 1300000}, {1500000, 2000000}, {2200000, 2800000}};
    static const int64_t middle_upper[3][2] = {{1500000, 1950000}, {2250000, 3000000}, {2200000, 2800000}};
    static const int64_t b1_line[2] = {140, 175};     /* vn/2022-2025 */
    rng r;
    int urban, set, year, month, day, k, deprived, size, kids, has_b1, has_income, i;
    int64_t income = 0, b1 = 0, lo, hi;
    uint32_t x;
    char code[8], province[4], former_province[4];
    const char *name = c->name;
    int flag[8] = {0};

    r.state = SEED ^ (index * UINT64_C(0xd1342543de82ef95));
    rng_next(&r);
    urban = (int)rng_below(&r, 100) < (c->ward ? 92 : 5);
    year = (int)rng_range(&r, 2016, 2030);
    month = (int)rng_range(&r, 9, 12);
    day = (int)rng_range(&r, 1, MONTH_DAYS[month - 1]);
    set = year <= 2021 ? 0 : year <= 2026 ? 1 : 2;
    x = rng_below(&r, 10000);
    k = x < 500 ? POOR : x < 900 ? NEAR_POOR : x < 1900 ? MIDDLE : NOT_POOR;
    x = rng_below(&r, 100);
    has_b1 = set == 0 ? x < 2 : set == 1 ? x >= 15 : x < 4;
    has_income = set != 1 ? !(set == 2 && has_b1) : (!has_b1 || k == MIDDLE || x >= 75);

    switch (k) {
    case POOR:
        deprived = (int)rng_range(&r, 3, 7);
        lo = poor_line[set][urban] * 45 / 100;
        hi = poor_line[set][urban];
        b1 = rng_range(&r, 55, b1_line[urban]);
        break;
    case NEAR_POOR:
        deprived = (int)rng_range(&r, 0, 2);
        lo = set == 0 ? poor_line[0][urban] + 1000 : poor_line[set][urban] / 2;
        hi = near_line[set][urban];
        b1 = rng_range(&r, 70, b1_line[urban]);
        break;
    case MIDDLE:
        deprived = (int)rng_range(&r, 0, 3);
        lo = near_line[set][urban] + 1000;
        hi = set == 2 ? near_line[2][urban] + 600000 : middle_upper[set][urban];
        b1 = rng_range(&r, b1_line[urban] + 1, b1_line[urban] + 60);
        break;
    default:
        x = rng_below(&r, 100);
        deprived = x < 55 ? 0 : x < 80 ? 1 : x < 93 ? 2 : (int)rng_range(&r, 3, 5);
        lo = middle_upper[set][urban] + 1000;
        hi = 15000000;
        b1 = rng_range(&r, b1_line[urban] + 1, b1_line[urban] + 260);
        break;
    }
    income = rng_range(&r, lo / 1000, hi / 1000) * 1000;
    for (i = 0; i < deprived; i++) {               /* 'deprived' distinct shared indicators */
        int j = (int)rng_below(&r, 8);

        while (flag[j])
            j = (j + 1) % 8;
        flag[j] = 1;
    }

    former_province[0] = '\0';
    if (year < 2025) {                             /* the former commune of the territory */
        unsigned n = items(c->formers);
        long fc;

        nth_item(c->formers, n ? rng_below(&r, n) : 0, code, sizeof code);
        fc = strtol(code, NULL, 10);
        if (fc >= 0 && fc < MAX_CODE && formers[fc].name != NULL) {
            snprintf(province, sizeof province, "%s", formers[fc].province);
            name = formers[fc].name;
        } else {    /* a special zone formed from a whole district: its former province only */
            code[0] = '\0';
            nth_item(c->former_province, 0, province, sizeof province);
        }
    } else {
        snprintf(code, sizeof code, "%s", c->code);
        snprintf(province, sizeof province, "%s", c->province);
        if (items(c->former_province) > 1)
            nth_item(c->former_province, 0, former_province, sizeof former_province);
    }
    size = (int)rng_weighted(&r, SIZE_CUM, 8) + 1;

    l->len = 0;
    put(l, "{\"id\":\"HH%s-%s-%06llu\",\"survey_date\":\"%d-%02d-%02d\",\"province\":\"%s\",",
        c->province, c->code, (unsigned long long)seq, year, month, day, province);
    if (former_province[0])
        put(l, "\"former_province\":\"%s\",", former_province);
    if (code[0])
        put(l, "\"commune_code\":\"%s\",", code);
    put(l, "\"commune\":\"%s\",\"village\":\"%s %d\",", name, urban ? "Tổ dân phố" : "Thôn",
        (int)rng_range(&r, 1, 30));
    if (rng_below(&r, 1000) != 0)                  /* 0.1 %: no area, an error record */
        put(l, "\"area\":\"%s\",", urban ? "urban" : "rural");
    put(l, "\"ethnicity\":\"%s\",\"size\":%d,\"livelihood\":\"%s\",", PICK(&r, ETHNICITIES), size,
        urban ? "other" : rng_below(&r, 100) < 70 ? "agriculture" : "other");
    if (has_b1)
        put(l, "\"b1_score\":%lld,", (long long)b1);
    if (has_income)
        put(l, "\"income_per_capita_month\":%lld,", (long long)income);
    put_members(l, &r, size, urban, &kids);
    put(l, "\"deprivations\":{");
    for (i = 0; i < 8; i++)
        put(l, "%s\"%s\":%s", i ? "," : "", SHARED[i], flag[i] ? "true" : "false");
    for (i = 0; i < 7; i++)
        put(l, ",\"%s\":false", OWN[i]);
    put(l, "},\"floor_area_m2\":%d,\"water_source\":\"%s\",", (int)rng_range(&r, 12, 40) * size,
        PICK(&r, WATER_SOURCES));
    x = rng_below(&r, 100);
    if (x < 10) {
        put(l, "\"previous\":null");
    } else {
        const char *prev = x < 77 ? CLASS_NAMES[k == MIDDLE && set == 2 ? NOT_POOR : k]
                                  : CLASS_NAMES[rng_below(&r, 4)];

        put(l, "\"previous\":{\"status\":\"%s\",\"year\":%d}", prev, year - 1);
        if (rng_below(&r, 100) < 35)
            put(l, ",\"history\":[{\"status\":\"%s\",\"year\":%d}]",
                rng_below(&r, 100) < 60 ? prev : CLASS_NAMES[rng_below(&r, 4)], year - 2);
    }
    x = rng_below(&r, 1000);
    if (x < 10)
        put(l, ",\"change\":\"%s\"", x < 4 ? "died" : x < 7 ? "moved_out" : "moved_in");
    put(l, ",\"children_under_16\":%d}\n", kids);
}

int main(int argc, char **argv)
{
    static line l;
    const char *units = "rules/places/admin-units.tsv", *only = NULL, *only_path = NULL;
    unsigned long long n;
    uint64_t index = 0;
    char *end = NULL;
    FILE *out = stdout, *prov = NULL;
    size_t i;
    int a;

    if (argc < 3) {
        fputs("usage: gen_national N FILE [--units TSV] [--province CODE PROVINCE_FILE]\n", stderr);
        return 2;
    }
    for (a = 3; a < argc; a++) {
        if (strcmp(argv[a], "--units") == 0 && a + 1 < argc) {
            units = argv[++a];
        } else if (strcmp(argv[a], "--province") == 0 && a + 2 < argc) {
            only = argv[++a];
            only_path = argv[++a];
        } else {
            fprintf(stderr, "gen_national: unknown argument '%s'\n", argv[a]);
            return 2;
        }
    }
    errno = 0;
    n = strtoull(argv[1], &end, 10);
    if (errno != 0 || end == argv[1] || *end != '\0') {
        fprintf(stderr, "gen_national: N must be a whole number, not '%s'\n", argv[1]);
        return 2;
    }
    read_units(units);
    allocate(n);
    if (strcmp(argv[2], "-") != 0 && (out = fopen(argv[2], "wb")) == NULL) {
        fprintf(stderr, "gen_national: cannot write %s: %s\n", argv[2], strerror(errno));
        return 2;
    }
    if (only_path != NULL && (prov = fopen(only_path, "wb")) == NULL) {
        fprintf(stderr, "gen_national: cannot write %s: %s\n", only_path, strerror(errno));
        return 2;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 16);
    for (i = 0; i < ncommunes; i++) {
        uint64_t s;
        int mine = prov != NULL && strcmp(communes[i].province, only) == 0;

        for (s = 1; s <= communes[i].count; s++, index++) {
            make_household(&l, index, s, &communes[i]);
            if (fwrite(l.buf, 1, l.len, out) != l.len || (mine && fwrite(l.buf, 1, l.len, prov) != l.len))
                break;
        }
    }
    if (ferror(out) || (out != stdout ? fclose(out) : fflush(out)) != 0
        || (prov != NULL && (ferror(prov) || fclose(prov) != 0))) {
        fprintf(stderr, "gen_national: write failed: %s\n", strerror(errno));
        return 3;
    }
    return 0;
}
