/*
** test_alloc.c: the capped allocator behind every Lua state, and its pool of small blocks.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "common.h"

static void count_call(void *context)
{
    ++*(int *)context;
}

START_TEST(alloc_should_count_and_free)
{
    eng_mem m = {0};
    void *p;

    m.limit = 1000;
    m.enforce = 1;
    p = eng_alloc(&m, NULL, 5 /* a type tag, not a size */, 100);

    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(m.used, 100);
    p = eng_alloc(&m, p, 100, 300);
    ck_assert_uint_eq(m.used, 300);
    ck_assert_uint_eq(m.peak, 300);
    ck_assert_ptr_null(eng_alloc(&m, p, 300, 0));
    ck_assert_uint_eq(m.used, 0);
    ck_assert_uint_eq(m.peak, 300);
    eng_mem_release(&m);
}
END_TEST

START_TEST(alloc_should_refuse_growth_past_the_limit)
{
    eng_mem m = {0};
    void *p;

    m.limit = 1000;
    m.enforce = 1;
    p = eng_alloc(&m, NULL, 0, 900);

    ck_assert_ptr_null(eng_alloc(&m, NULL, 0, 200));
    ck_assert_int_eq(m.refused, 1);
    ck_assert_uint_eq(m.used, 900);
    ck_assert_ptr_null(eng_alloc(&m, p, 900, 1001));
    ck_assert_uint_eq(m.used, 900);
    eng_alloc(&m, p, 900, 0);
    eng_mem_release(&m);
}
END_TEST

START_TEST(alloc_should_refuse_only_while_enforced)
{
    eng_mem m = {0};
    void *p;

    m.limit = 10; /* outside a budgeted call the host's own reads must never fail */
    p = eng_alloc(&m, NULL, 0, 100);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(m.refused, 0);
    eng_alloc(&m, p, 100, 0);
    eng_mem_release(&m);
}
END_TEST

START_TEST(alloc_should_count_growth_and_notify_once_past_the_mark)
{
    eng_mem m = {0};
    int calls = 0;
    void *p;

    m.limit = 1u << 20;
    m.notify_at = 1000;
    m.on_growth = count_call;
    m.context = &calls;
    p = eng_alloc(&m, NULL, 0, 600);
    ck_assert_int_eq(calls, 0);
    p = eng_alloc(&m, p, 600, 300);     /* shrinking is not growth */
    ck_assert_uint_eq(m.grown, 600);
    p = eng_alloc(&m, p, 300, 800);     /* +500: 1100, past the mark */
    ck_assert_uint_eq(m.grown, 1100);
    ck_assert_int_eq(calls, 1);
    p = eng_alloc(&m, p, 800, 900);     /* still past it: no second notice */
    ck_assert_int_eq(calls, 1);
    eng_alloc(&m, p, 900, 0);
    eng_mem_release(&m);
}
END_TEST

START_TEST(alloc_should_always_allow_shrinking)
{
    eng_mem m = {0};
    void *p;

    m.limit = 1000;
    m.enforce = 1;
    p = eng_alloc(&m, NULL, 0, 1000);

    m.limit = 10; /* already over the new limit: shrinking must still succeed */
    p = eng_alloc(&m, p, 1000, 500);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(m.used, 500);
    ck_assert_int_eq(m.refused, 0);
    eng_alloc(&m, p, 500, 0);
    eng_mem_release(&m);
}
END_TEST

/* Fill the 'n' bytes at 'p' with a pattern of 'seed'. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
    size_t i;

    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 31u + i);
}

/* Do the 'n' bytes at 'p' still hold that pattern? */
static int holds(const unsigned char *p, size_t n, unsigned seed)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed * 31u + i))
            return 0;
    return 1;
}

/* The pool must keep every block's bytes through resizes within a class, across classes and
** across POOL_MAX either way, hand back distinct aligned blocks, reuse freed ones, and count
** exactly the bytes Lua asked for. Blocks are resized in a seeded pseudo-random order. */
START_TEST(pool_should_keep_contents_and_count_exactly)
{
    enum { N = 2000 };
    static unsigned char *block[N];
    static size_t size[N];
    eng_mem m = {0};
    uint32_t rng = 12345;
    size_t live = 0, i;
    int round;

    m.limit = (size_t)1 << 30;
    m.enforce = 1;
    for (round = 0; round < 20; round++) {
        for (i = 0; i < N; i++) {
            size_t want;

            rng = rng * 1103515245u + 12345u;
            want = (rng >> 8) % 7 == 0 ? 0 : (rng >> 12) % (3 * POOL_MAX) + 1;
            if (block[i] != NULL)
                ck_assert_msg(holds(block[i], size[i], (unsigned)i), "block %zu lost its bytes", i);
            block[i] = (unsigned char *)eng_alloc(&m, block[i], size[i], want);
            if (want == 0) {
                ck_assert_ptr_null(block[i]);
            } else {
                ck_assert_ptr_nonnull(block[i]);
                ck_assert_uint_eq((uintptr_t)block[i] % 16, 0);
                if (size[i] != 0)     /* the bytes kept up to the smaller size */
                    ck_assert(holds(block[i], size[i] < want ? size[i] : want, (unsigned)i));
                fill(block[i], want, (unsigned)i);
            }
            live = live - size[i] + want;
            size[i] = want;
            ck_assert_uint_eq(m.used, live);
        }
    }
    for (i = 0; i < N; i++) {
        ck_assert(block[i] == NULL || holds(block[i], size[i], (unsigned)i));
        eng_alloc(&m, block[i], size[i], 0);
        block[i] = NULL;
        size[i] = 0;
    }
    ck_assert_uint_eq(m.used, 0);
    /* A freed small block is the next one of its class. */
    block[0] = (unsigned char *)eng_alloc(&m, NULL, 0, 40);
    eng_alloc(&m, block[0], 40, 0);
    ck_assert_ptr_eq(eng_alloc(&m, NULL, 0, 33), block[0]);
    eng_alloc(&m, block[0], 33, 0);
    block[0] = NULL;
    eng_mem_release(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("cap");

    tcase_add_test(tc, alloc_should_count_and_free);
    tcase_add_test(tc, alloc_should_refuse_growth_past_the_limit);
    tcase_add_test(tc, alloc_should_always_allow_shrinking);
    tcase_add_test(tc, alloc_should_refuse_only_while_enforced);
    tcase_add_test(tc, alloc_should_count_growth_and_notify_once_past_the_mark);
    tcase_add_test(tc, pool_should_keep_contents_and_count_exactly);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
