/*
** test_alloc.c: the capped allocator behind every Lua state.
*/
#include <stdlib.h>

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
    suite_add_tcase(s, tc);
    return run_suite(s);
}
