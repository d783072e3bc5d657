/*
** synth.c: the shared parts of the benchmark's household generators (synth.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "synth.h"

/* splitmix64: next 64-bit value of the stream. */
uint64_t rng_next(rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* A value in [0, n), n > 0. The bias of '%' is far below what matters here. */
uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(rng_next(r) % n);
}

/* A value in [lo, hi], lo <= hi. */
int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* Index drawn from cumulative weights 'cum' (ascending, last = total), 'n' entries. */
size_t rng_weighted(rng *r, const uint32_t *cum, size_t n)
{
    uint32_t x = rng_below(r, cum[n - 1]);
    size_t i = 0;

    while (i + 1 < n && x >= cum[i])
        i++;
    return i;
}

/* Append printf-formatted text; exits on overflow (a bug in the generator). */
void put(line *l, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(l->buf + l->len, sizeof l->buf - l->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof l->buf - l->len) {
        fputs("generator: record longer than the line buffer\n", stderr);
        exit(2);
    }
    l->len += (size_t)n;
}

static const char *const SURNAMES[] = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Y", "A", "Hà", "Lò",
};
static const char *const MALE_NAMES[] = {
    "An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam",
    "Phúc", "Quang", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh",
};
static const char *const FEMALE_NAMES[] = {
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
    "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Vân", "Yến",
};
static const char *const MALE_MIDDLE[] = {"Văn", "Đình", "Minh", "Quốc", "Hữu", "Thanh"};
static const char *const FEMALE_MIDDLE[] = {"Thị", "Ngọc", "Thu", "Minh", "Kim", "Thanh"};
static const char *const ADULT_EDUCATION[] = {
    "none", "primary", "lower_secondary", "lower_secondary", "upper_secondary",
    "upper_secondary", "vocational", "college", "university",
};
static const char *const RURAL_JOBS[] = {
    "farmer", "farmer", "farmer", "livestock", "forestry_worker", "fisher", "hired_labour",
    "factory_worker", "trader", "construction_worker", "self_employed", "none",
};
static const char *const URBAN_JOBS[] = {
    "factory_worker", "trader", "office_worker", "hired_labour", "driver", "teacher",
    "self_employed", "construction_worker", "street_vendor", "civil_servant", "none",
};

/* Household sizes 1..8; weights per mille (mean about 3.5). */
const uint32_t SIZE_CUM[8] = {80, 260, 480, 750, 890, 960, 990, 1000};

/* Write the 'members' array: 'size' members with a head first, ages consistent. */
void put_members(line *l, rng *r, int size, int urban, int *kids_out)
{
    int i, kids = 0;
    int head_age = (int)rng_range(r, 22, 78);
    int head_male = rng_below(r, 100) < 72;

    put(l, "\"members\":[");
    for (i = 0; i < size; i++) {
        const char *relation, *education, *occupation;
        int age, male;

        if (i == 0) {
            relation = "head";
            age = head_age;
            male = head_male;
        } else if (i == 1 && size > 1 && rng_below(r, 100) < 80) {
            relation = "spouse";
            age = head_age + (int)rng_range(r, -6, 4);
            male = !head_male;
        } else if (head_age > 60 && rng_below(r, 100) < 40) {
            relation = "grandchild";
            age = (int)rng_range(r, 0, 17);
            male = rng_below(r, 2) == 0;
        } else if (rng_below(r, 100) < 85) {
            int oldest = head_age - 18;

            relation = "child";
            age = oldest < 0 ? 0 : (int)rng_range(r, 0, oldest < 40 ? oldest : 40);
            male = rng_below(r, 2) == 0;
        } else {
            relation = head_age < 50 ? "parent" : "sibling";
            age = head_age < 50 ? head_age + (int)rng_range(r, 20, 30)
                                : head_age + (int)rng_range(r, -8, 8);
            male = rng_below(r, 2) == 0;
        }
        if (age < 0)
            age = 0;
        if (age < 16)
            kids++;
        if (age < 3) {
            education = "none";
            occupation = "none";
        } else if (age < 6) {
            education = "preschool";
            occupation = "none";
        } else if (age < 18) {
            education = age < 11 ? "primary" : age < 15 ? "lower_secondary" : "upper_secondary";
            occupation = "student";
        } else {
            education = PICK(r, ADULT_EDUCATION);
            occupation = age >= 70 ? "retired" : urban ? PICK(r, URBAN_JOBS) : PICK(r, RURAL_JOBS);
        }
        put(l, "%s{\"name\":\"%s %s %s\",\"age\":%d,\"sex\":\"%s\",\"relation\":\"%s\","
               "\"education\":\"%s\",\"occupation\":\"%s\",\"health_insurance\":%s}",
            i ? "," : "", PICK(r, SURNAMES),
            male ? PICK(r, MALE_MIDDLE) : PICK(r, FEMALE_MIDDLE),
            male ? PICK(r, MALE_NAMES) : PICK(r, FEMALE_NAMES),
            age, male ? "male" : "female", relation, education, occupation,
            rng_below(r, 100) < 92 ? "true" : "false");
    }
    put(l, "],");
    *kids_out = kids;
}
