/*
** test_household.c: the household record contract, field by field.
*/
#include <string.h>

#include "common.h"
#include "household.h"

/* Read 'json' and return the status; 'err' receives the error. */
static int read_record(const char *json, household *h, rasoat_error *err, const char *as_of)
{
    static cJSON *root;

    cJSON_Delete(root);
    root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(root);
    memset(err, 0, sizeof *err);
    return household_read(h, root, as_of, RASOAT_LANG_EN, err);
}

static void expect_error(const char *json, const char *kind, const char *field, const char *needle)
{
    household h;
    rasoat_error err;

    ck_assert_int_eq(read_record(json, &h, &err, NULL), RASOAT_E_INPUT);
    ck_assert_str_eq(err.kind, kind);
    ck_assert_str_eq(err.field, field);
    ck_assert_msg(strstr(err.message, needle) != NULL, "'%s' lacks '%s'", err.message, needle);
}

#define BASE "\"id\":\"H\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\""

START_TEST(household_should_read_the_facts_rules_use)
{
    household h;
    rasoat_error err;

    ck_assert_int_eq(read_record("{" BASE ",\"province\":\"62\",\"size\":4,\"b1_score\":140,"
                                 "\"income_per_capita_month\":9007199254740991,"
                                 "\"deprivations\":{\"water\":true,\"telecom\":null}}",
                                 &h, &err, NULL), RASOAT_OK);
    ck_assert_str_eq(h.id, "H");
    ck_assert_str_eq(h.area, "rural");
    ck_assert_str_eq(h.province, "62");
    ck_assert_int_eq(h.size, 4);
    ck_assert(h.has_b1 && h.b1 == 140);
    ck_assert(h.has_income && h.income == 9007199254740991LL);
    ck_assert_ptr_nonnull(h.deprivations);
}
END_TEST

START_TEST(household_should_count_members_as_size)
{
    household h;
    rasoat_error err;

    ck_assert_int_eq(read_record("{" BASE ",\"b1_score\":1,\"members\":[{\"age\":3},{\"age\":40}]}",
                                 &h, &err, NULL), RASOAT_OK);
    ck_assert_int_eq(h.size, 2);
}
END_TEST

START_TEST(household_should_let_as_of_replace_the_survey_date)
{
    household h;
    rasoat_error err;

    ck_assert_int_eq(read_record("{\"id\":\"H\",\"area\":\"urban\",\"size\":1,\"b1_score\":1}",
                                 &h, &err, "2023-05-06"), RASOAT_OK);
    ck_assert_str_eq(h.survey_date, "2023-05-06");
}
END_TEST

START_TEST(household_should_name_a_missing_field)
{
    expect_error("{\"survey_date\":\"2024-10-01\"}", "missing_field", "id", "'id' is missing");
    expect_error("{\"id\":\"H\",\"area\":\"rural\"}", "missing_field", "survey_date", "'survey_date'");
    expect_error("{\"id\":\"H\",\"survey_date\":\"2024-10-01\",\"size\":1}", "missing_field", "area", "'area'");
    expect_error("{" BASE ",\"b1_score\":1}", "missing_field", "size", "'size'");
    expect_error("{" BASE ",\"size\":1}", "missing_field", "b1_score", "income_per_capita_month");
}
END_TEST

START_TEST(household_should_say_what_was_expected_and_found)
{
    expect_error("{" BASE ",\"size\":\"4\",\"b1_score\":1}", "invalid_field", "size",
                 "expected an integer ≥ 1, found \"4\"");
    expect_error("{" BASE ",\"size\":0,\"b1_score\":1}", "invalid_field", "size", "found 0");
    expect_error("{" BASE ",\"size\":2.5,\"b1_score\":1}", "invalid_field", "size", "found 2.5");
    expect_error("{\"id\":\"H\",\"survey_date\":\"2024-02-30\",\"area\":\"rural\",\"size\":1,\"b1_score\":1}",
                 "invalid_field", "survey_date", "found \"2024-02-30\"");
    expect_error("{\"id\":\"H\",\"survey_date\":\"2024-10-01\",\"area\":\"mountain\",\"size\":1,\"b1_score\":1}",
                 "invalid_field", "area", "\"rural\" or \"urban\"");
    expect_error("{" BASE ",\"province\":\"6\",\"size\":1,\"b1_score\":1}", "invalid_field", "province", "two-digit");
    expect_error("{" BASE ",\"size\":1,\"b1_score\":-3}", "invalid_field", "b1_score", "≥ 0");
    expect_error("{" BASE ",\"size\":1,\"income_per_capita_month\":1500000.5}", "invalid_field",
                 "income_per_capita_month", "1500000.5");
    expect_error("{" BASE ",\"size\":1,\"b1_score\":1,\"deprivations\":{\"water\":\"yes\"}}",
                 "invalid_field", "deprivations.water", "true or false");
    expect_error("{" BASE ",\"size\":1,\"b1_score\":1,\"livelihood\":\"mining\"}", "invalid_field",
                 "livelihood", "\"salt\"");
    expect_error("{" BASE ",\"b1_score\":1,\"members\":[{\"age\":3},7]}", "invalid_field", "members[1]", "found 7");
    expect_error("{\"id\":\"\",\"survey_date\":\"2024-10-01\"}", "invalid_field", "id", "non-empty string");
}
END_TEST

START_TEST(household_should_refuse_money_beyond_exact_doubles)
{
    /* 2^53 + 2 cannot be told apart from its neighbours once it is a double. */
    expect_error("{" BASE ",\"size\":1,\"income_per_capita_month\":9007199254740994}",
                 "invalid_field", "income_per_capita_month", "an integer ≥ 0");
    /* 2^53 + 1 reads as 2^53 (reliability finding L7): 2^53 itself is refused, so no
    ** integer is silently replaced by its neighbour. */
    expect_error("{" BASE ",\"size\":1,\"income_per_capita_month\":9007199254740993}",
                 "invalid_field", "income_per_capita_month", "an integer ≥ 0");
}
END_TEST

START_TEST(household_should_refuse_size_disagreeing_with_members)
{
    expect_error("{" BASE ",\"size\":3,\"b1_score\":1,\"members\":[{\"age\":3}]}", "size_members",
                 "size", "size is 3 but members lists 1");
}
END_TEST

START_TEST(household_should_keep_the_id_of_a_bad_record)
{
    household h;
    rasoat_error err;

    ck_assert_int_eq(read_record("{\"id\":\"H9\",\"area\":\"rural\"}", &h, &err, NULL), RASOAT_E_INPUT);
    ck_assert_str_eq(h.id, "H9");
}
END_TEST

START_TEST(household_should_check_previous_history_and_change)
{
    household h;
    rasoat_error err;

#define LISTS "{" BASE ",\"size\":3,\"b1_score\":100,"
    ck_assert_int_eq(read_record(LISTS "\"previous\":{\"status\":\"not_poor\",\"year\":2023},"
                                 "\"history\":[{\"year\":2021,\"status\":\"poor\"}],\"change\":\"moved_in\"}",
                                 &h, &err, NULL), RASOAT_OK);
    expect_error(LISTS "\"previous\":{\"status\":\"rich\",\"year\":2023}}", "invalid_field",
                 "previous.status", "expected \"poor\", \"near_poor\", \"middle_income\" or \"not_poor\", found \"rich\"");
    expect_error(LISTS "\"previous\":{\"status\":\"poor\"}}", "missing_field", "previous.year",
                 "'previous.year' is missing");
    expect_error(LISTS "\"previous\":{\"status\":\"poor\",\"year\":\"2023\"}}", "invalid_field",
                 "previous.year", "expected a year as an integer, such as 2024, found \"2023\"");
    expect_error(LISTS "\"history\":{}}", "invalid_field", "history", "expected a JSON array");
    expect_error(LISTS "\"history\":[{\"year\":2020,\"status\":\"poor\"},{\"year\":2021}]}",
                 "missing_field", "history[1].status", "'history[1].status' is missing");
    expect_error(LISTS "\"previous\":{\"status\":\"poor\",\"year\":2023},"
                 "\"history\":[{\"year\":2023,\"status\":\"poor\"}]}", "invalid_field",
                 "history[0].year", "expected a year before previous.year (2023), found 2023");
    expect_error(LISTS "\"change\":\"born\"}", "invalid_field", "change", "found \"born\"");
#undef LISTS
}
END_TEST

int main(void)
{
    Suite *s = suite_create("household");
    TCase *tc = tcase_create("contract");

    tcase_add_test(tc, household_should_read_the_facts_rules_use);
    tcase_add_test(tc, household_should_count_members_as_size);
    tcase_add_test(tc, household_should_let_as_of_replace_the_survey_date);
    tcase_add_test(tc, household_should_name_a_missing_field);
    tcase_add_test(tc, household_should_say_what_was_expected_and_found);
    tcase_add_test(tc, household_should_refuse_money_beyond_exact_doubles);
    tcase_add_test(tc, household_should_refuse_size_disagreeing_with_members);
    tcase_add_test(tc, household_should_keep_the_id_of_a_bad_record);
    tcase_add_test(tc, household_should_check_previous_history_and_change);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
