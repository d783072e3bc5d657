/*
** test_date.c: strict ISO dates to day numbers.
*/
#include "common.h"
#include "date.h"

START_TEST(date_should_count_days_from_the_epoch)
{
    int32_t d;

    ck_assert(date_parse("1970-01-01", &d));
    ck_assert_int_eq(d, 0);
    ck_assert(date_parse("2000-03-01", &d));
    ck_assert_int_eq(d, 11017);
    ck_assert(date_parse("2022-01-01", &d));
    ck_assert_int_eq(d, 18993);
}
END_TEST

START_TEST(date_should_make_consecutive_days_consecutive_numbers)
{
    int32_t a, b;

    ck_assert(date_parse("2021-12-31", &a));
    ck_assert(date_parse("2022-01-01", &b));
    ck_assert_int_eq(b - a, 1);
    ck_assert(date_parse("2024-02-29", &a));
    ck_assert(date_parse("2024-03-01", &b));
    ck_assert_int_eq(b - a, 1);
}
END_TEST

START_TEST(date_should_reject_impossible_dates)
{
    int32_t d;

    ck_assert(!date_parse("2023-02-29", &d));
    ck_assert(!date_parse("1900-02-29", &d));
    ck_assert(date_parse("2000-02-29", &d));
    ck_assert(!date_parse("2024-13-01", &d));
    ck_assert(!date_parse("2024-04-31", &d));
    ck_assert(!date_parse("2024-00-10", &d));
}
END_TEST

START_TEST(date_should_reject_other_shapes)
{
    int32_t d;

    ck_assert(!date_parse("2024-1-01", &d));
    ck_assert(!date_parse("2024/01/01", &d));
    ck_assert(!date_parse("2024-01-01T00:00", &d));
    ck_assert(!date_parse("", &d));
    ck_assert(!date_parse(NULL, &d));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, date_should_count_days_from_the_epoch);
    tcase_add_test(tc, date_should_make_consecutive_days_consecutive_numbers);
    tcase_add_test(tc, date_should_reject_impossible_dates);
    tcase_add_test(tc, date_should_reject_other_shapes);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
