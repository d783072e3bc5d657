/*
** synth.h: what the benchmark's generators of synthetic households share (gen_households.c,
** gen_national.c): a splitmix64 PRNG (integer arithmetic only, so the same seed gives the
** same bytes on any machine), a line buffer for one JSON record, and the members of a
** household drawn with Vietnamese names, ages, education and occupations.
*/
#ifndef RASOAT_BENCH_SYNTH_H
#define RASOAT_BENCH_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#define LINE_MAX_BYTES 8192

typedef struct rng {
    uint64_t state;
} rng;

/* splitmix64: next 64-bit value of the stream. */
uint64_t rng_next(rng *r);

/* A value in [0, n), n > 0. The bias of '%' is far below what matters here. */
uint32_t rng_below(rng *r, uint32_t n);

/* A value in [lo, hi], lo <= hi. */
int64_t rng_range(rng *r, int64_t lo, int64_t hi);

/* Index drawn from cumulative weights 'cum' (ascending, last = total), 'n' entries. */
size_t rng_weighted(rng *r, const uint32_t *cum, size_t n);

#define PICK(r, arr) ((arr)[rng_below((r), (uint32_t)(sizeof(arr) / sizeof((arr)[0])))])

typedef struct line {
    char buf[LINE_MAX_BYTES];
    size_t len;
} line;

/* Append printf-formatted text; exits on overflow (a bug in the generator). */
void put(line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Household sizes 1..8; weights per mille (mean about 3.5), for rng_weighted. */
extern const uint32_t SIZE_CUM[8];

/* Write the 'members' array (and the comma after it): 'size' members with a head first,
** ages consistent; '*kids_out' is how many are under 16. */
void put_members(line *l, rng *r, int size, int urban, int *kids_out);

#endif
