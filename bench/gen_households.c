/*
** gen_households.c: write N synthetic household records as JSON Lines for the benchmark.
**
** Usage: gen_households N [FILE]      (FILE absent or '-' means standard output)
**
** Deterministic: record i is drawn from its own splitmix64 stream seeded from a fixed seed
** and i, with integer arithmetic only, so the same N gives the same bytes on any machine
** (and the first M records of any N >= M are the same). Constant memory: one line buffer.
**
** The mix follows the review's population: about 70% rural / 30% urban; about 5% poor,
** 4% near-poor, 10% middle income, the rest not poor under the 2022-2025 standard
** (B1 lines 140 rural / 175 urban; income lines 1,500,000 / 2,000,000 VND; middle income up
** to 2,250,000 / 3,000,000 VND). About 85% of records carry b1_score (some also measured
** income), about 15% only income_per_capita_month. Every record answers all 12 indicators,
** so every record classifies without error. Records are about 1 KB each. About 90% carry
** a start-of-year status (previous) and 40% a year of history, so every transition code
** appears; 1% carry a household event (change: died, moved_out, moved_in).
*/
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define SEED UINT64_C(0x7261736f61742d62) /* "rasoat-b" */

/* {====================================================================
** Vocabulary
** ===================================================================== */

typedef struct province {
    const char *code;
    int district_base;      /* first district code of the province (Decision 124/2004 style) */
    int urban_per_mille;    /* share of urban households, to vary the mix by province */
} province;

static const province PROVINCES[] = {
    {"01", 1, 520}, {"02", 24, 150}, {"10", 80, 230}, {"14", 116, 140}, {"20", 178, 200},
    {"31", 303, 480}, {"38", 380, 170}, {"40", 412, 160}, {"46", 474, 310}, {"48", 490, 870},
    {"62", 608, 250}, {"66", 643, 250}, {"75", 731, 330}, {"79", 760, 800}, {"89", 883, 310},
    {"92", 916, 700}, {"94", 941, 320},
};

static const char *const INDICATORS[12] = {
    "employment", "dependents", "nutrition", "health_insurance", "adult_education",
    "child_schooling", "housing_quality", "housing_area", "water", "sanitation", "telecom",
    "information_means",
};


static const char *const ETHNICITIES[] = {
    "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Khmer", "H'Mông",
    "Nùng", "Dao", "Gia Rai", "Ê Đê", "Xơ Đăng",
};

static const char *const RURAL_LIVELIHOODS[] = {
    "agriculture", "agriculture", "agriculture", "forestry", "fishery", "salt", "other", "other",
};
static const char *const WATER_SOURCES[] = {
    "piped", "drilled_well", "dug_well", "rain", "spring", "river", "bottled",
};


enum klass { POOR, NEAR_POOR, MIDDLE, NOT_POOR };
static const char *const CLASS_NAMES[4] = {"poor", "near_poor", "middle_income", "not_poor"};

/* }==================================================================== */

/* Days in each month of 2024 (a leap year). */
static const int MONTH_DAYS[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};


/* Write the 12 answers of Phiếu B2 with exactly 'deprived' of them true. */
static void put_deprivations(line *l, rng *r, int deprived)
{
    int order[12], flag[12], i;

    for (i = 0; i < 12; i++) {
        order[i] = i;
        flag[i] = 0;
    }
    for (i = 0; i < deprived; i++) {    /* partial Fisher-Yates: the first 'deprived' */
        int j = i + (int)rng_below(r, (uint32_t)(12 - i));
        int t = order[i];

        order[i] = order[j];
        order[j] = t;
        flag[order[i]] = 1;
    }
    put(l, "\"deprivations\":{");
    for (i = 0; i < 12; i++)
        put(l, "%s\"%s\":%s", i ? "," : "", INDICATORS[i], flag[i] ? "true" : "false");
    put(l, "},");
}

/*
** Build household 'index' (0-based) into 'l' as one JSON line with its newline. Picks the
** class first, then draws data that the 2022-2025 rules classify into that class.
*/
static void make_household(line *l, uint64_t index)
{
    static const int64_t b1_line[2] = {140, 175};
    static const int64_t income_line[2] = {1500000, 2000000};
    static const int64_t middle_upper[2] = {2250000, 3000000};
    rng r;
    const province *p;
    int urban, size, deprived, kids, has_b1, has_income, month, day, district;
    uint32_t x;
    enum klass k;
    int64_t b1 = 0, income = 0;

    r.state = SEED ^ (index * UINT64_C(0xd1342543de82ef95));
    rng_next(&r);
    p = &PROVINCES[rng_below(&r, (uint32_t)(sizeof PROVINCES / sizeof PROVINCES[0]))];
    /* The province's own urban share, pulled towards the national 30%. */
    urban = (int)rng_below(&r, 1000) < (p->urban_per_mille + 300) / 2 - 32;

    x = rng_below(&r, 10000);
    k = x < 500 ? POOR : x < 900 ? NEAR_POOR : x < 1900 ? MIDDLE : NOT_POOR;
    x = rng_below(&r, 100);
    has_b1 = x >= 15;                                   /* 15%: measured income only */
    has_income = !has_b1 || k == MIDDLE || x >= 75;     /* middle income needs income */

    switch (k) {
    case POOR:
        deprived = (int)rng_range(&r, 3, 7);
        b1 = rng_range(&r, 55, b1_line[urban]);
        income = rng_range(&r, 450, income_line[urban] / 1000) * 1000;
        break;
    case NEAR_POOR:
        deprived = (int)rng_range(&r, 0, 2);
        b1 = rng_range(&r, 70, b1_line[urban]);
        income = rng_range(&r, 700, income_line[urban] / 1000) * 1000;
        break;
    case MIDDLE:
        deprived = (int)rng_range(&r, 0, 3);
        b1 = rng_range(&r, b1_line[urban] + 1, b1_line[urban] + 60);
        income = rng_range(&r, income_line[urban] / 1000 + 1, middle_upper[urban] / 1000) * 1000;
        break;
    default:
        x = rng_below(&r, 100);
        deprived = x < 55 ? 0 : x < 80 ? 1 : x < 93 ? 2 : (int)rng_range(&r, 3, 5);
        b1 = rng_range(&r, b1_line[urban] + 1, b1_line[urban] + 260);
        income = rng_range(&r, middle_upper[urban] / 1000 + 1, 15000) * 1000;
        break;
    }

    size = (int)rng_weighted(&r, SIZE_CUM, 8) + 1;
    month = (int)rng_range(&r, 1, 12);
    day = (int)rng_range(&r, 1, MONTH_DAYS[month - 1]);
    district = p->district_base + (int)rng_below(&r, 12);

    l->len = 0;
    put(l, "{\"id\":\"HH%s-%08llu\",\"survey_date\":\"2024-%02d-%02d\",", p->code,
        (unsigned long long)index + 1, month, day);
    put(l, "\"province\":\"%s\",\"district\":\"%03d\",\"commune\":\"%05d\",\"village\":\"%s %d\","
           "\"area\":\"%s\",\"ethnicity\":\"%s\",\"size\":%d,",
        p->code, district, district * 29 + (int)rng_below(&r, 29),
        urban ? "Tổ dân phố" : "Thôn", (int)rng_range(&r, 1, 24), urban ? "urban" : "rural",
        PICK(&r, ETHNICITIES), size);
    put(l, "\"livelihood\":\"%s\",",
        urban ? (rng_below(&r, 100) < 90 ? "other" : "fishery") : PICK(&r, RURAL_LIVELIHOODS));
    if (has_b1)
        put(l, "\"b1_score\":%lld,", (long long)b1);
    if (has_income)
        put(l, "\"income_per_capita_month\":%lld,", (long long)income);
    put_members(l, &r, size, urban, &kids);
    put_deprivations(l, &r, deprived);
    put(l, "\"floor_area_m2\":%d,\"water_source\":\"%s\",",
        (int)rng_range(&r, 12, 40) * size, PICK(&r, WATER_SOURCES));
    x = rng_below(&r, 100);
    if (x < 10) {
        put(l, "\"previous\":null,\"note\":\"hộ mới tách\"");
    } else {
        /* Most keep last year's class; some moved. */
        const char *prev = x < 80 ? CLASS_NAMES[k] : CLASS_NAMES[rng_below(&r, 4)];

        put(l, "\"previous\":{\"status\":\"%s\",\"year\":2023}", prev);
        if (rng_below(&r, 100) < 40)    /* a longer history for some (before previous.year) */
            put(l, ",\"history\":[{\"status\":\"%s\",\"year\":2022}]",
                rng_below(&r, 100) < 70 ? prev : CLASS_NAMES[rng_below(&r, 4)]);
    }
    x = rng_below(&r, 1000);
    if (x < 10)         /* 1%: a household event (form 7.2/7.3 columns 4 and 8) */
        put(l, ",\"change\":\"%s\"", x < 4 ? "died" : x < 7 ? "moved_out" : "moved_in");
    put(l, ",\"children_under_16\":%d}\n", kids);
}

int main(int argc, char **argv)
{
    static line l;
    unsigned long long n, i;
    char *end = NULL;
    FILE *out = stdout;

    if (argc < 2 || argc > 3) {
        fputs("usage: gen_households N [FILE]\n", stderr);
        return 2;
    }
    errno = 0;
    n = strtoull(argv[1], &end, 10);
    if (errno != 0 || end == argv[1] || *end != '\0') {
        fprintf(stderr, "gen_households: N must be a whole number, not '%s'\n", argv[1]);
        return 2;
    }
    if (argc == 3 && strcmp(argv[2], "-") != 0 && (out = fopen(argv[2], "wb")) == NULL) {
        fprintf(stderr, "gen_households: cannot write %s: %s\n", argv[2], strerror(errno));
        return 2;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 16);
    for (i = 0; i < n; i++) {
        make_household(&l, i);
        if (fwrite(l.buf, 1, l.len, out) != l.len)
            break;
    }
    if (ferror(out) || (out != stdout ? fclose(out) : fflush(out)) != 0) {
        fprintf(stderr, "gen_households: write failed: %s\n", strerror(errno));
        return 3;
    }
    return 0;
}
