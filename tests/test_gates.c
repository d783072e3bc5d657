/*
** test_gates.c: the budget counts rule code only, and still reaches all of it.
**
** Classify and explain run stdlib with the count hook off; sandbox_seal put a gate in front
** of every rule function stdlib holds, which arms the hook while the function runs. A
** place where stdlib called a rule function past its gate would let a loop there run
** unbudgeted and untimed. So each place a rule set can hand stdlib a function (a
** ruleset's 'applies', an indicator's 'derive', the 'when' of a provision, a warning and
** a determination) gets a function that never ends for one household: that household must
** fail with 'budget' at the loop's file and line, within seconds, and the next household
** must classify as usual. And stdlib's own instructions must cost nothing.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common.h"

/* The loop the hostile functions run for households with B1 under 100 (line 1 of the
** file it is in; the rest of that file's text follows it on the same line). */
#define LOOP "if h.b1 < 100 then while true do end end "

/* One rule set, "t/1", in a fresh directory: the default definitions and provisions, with
** file 'name' (ruleset.lua, definitions.lua or provisions.lua) replaced by 'text'. */
static const char *rules_with(const char *name, const char *text)
{
    static char dir[512];
    char path[600];

    snprintf(dir, sizeof dir, "%s", tmp_dir());
    write_ruleset(dir, "t", "t/1", NULL, NULL);
    snprintf(path, sizeof path, "t/%s", name);
    write_file(dir, path, text);
    return dir;
}

/* A household of B1 'b1' that leaves indicator "a" unanswered, so its 'derive' runs. */
static const char *unanswered_household(int b1)
{
    static char text[256];

    snprintf(text, sizeof text,
             "{\"id\":\"U%d\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,"
             "\"b1_score\":%d,\"deprivations\":{\"b\":false}}", b1, b1);
    return text;
}

/* Classify the hostile household (B1 50) under 'dir': a budget stop at t/'file':1 within
** 10 s; then a household of B1 150 classifies as 'expected_class'. 'household' makes
** them (minimal_household or unanswered_household). */
static void expect_stopped(const char *dir, const char *file, const char *expected_class,
                           const char *(*household)(int))
{
    rasoat_engine *e = open_engine(dir, 0, 0);
    char where[1024];
    struct timespec t0;
    int status;
    cJSON *r;

    snprintf(where, sizeof where, "%s/t/%s", dir, file);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = classify(e, household(50), &status);
    ck_assert_msg(seconds_since(&t0) < 10, "took %.1f s", seconds_since(&t0));
    ck_assert_int_eq(status, RASOAT_E_BUDGET);
    ck_assert_str_eq(error_field(r, "code"), "budget");
    ck_assert_str_eq(error_field(r, "file"), where);
    ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "error"), "line")->valueint, 1);
    cJSON_Delete(r);

    r = classify(e, household(150), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), expected_class);
    cJSON_Delete(r);
    rasoat_close(e);
}

static const char ruleset_text[] =
    "ruleset { id = \"t/1\", version = \"1\", jurisdiction = \"VN\",\n"
    "  title = { vi = \"Thử\", en = \"Test\" }, legal_basis = { \"Test basis\" },\n"
    "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" },\n"
    "  applies = function(h) %s return true end }\n";

START_TEST(gates_a_loop_in_applies_is_budgeted)
{
    char text[1024];

    /* 'applies' is on line 4 of ruleset.lua: put the loop on line 1 through a local. */
    snprintf(text, sizeof text, "local function spin(h) " LOOP "end\n");
    snprintf(text + strlen(text), sizeof text - strlen(text), ruleset_text, "spin(h)");
    expect_stopped(rules_with("ruleset.lua", text), "ruleset.lua", "not_poor", minimal_household);
}
END_TEST

START_TEST(gates_a_loop_in_derive_is_budgeted)
{
    expect_stopped(rules_with("definitions.lua",
        "local function spin(h) " LOOP "return false end\n"
        "parameter \"line\" { value = 100, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
        "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED,\n"
        "  derive = function(h) return spin(h) end }\n"
        "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"),
        "definitions.lua", "not_poor", unanswered_household);
}
END_TEST

START_TEST(gates_a_loop_reached_through_the_household_is_budgeted)
{
    /* when -> h:deprived_count() (stdlib) -> derive (rule code again): nested gates. */
    const char *dir = rules_with("definitions.lua",
        "local function spin(h) " LOOP "return false end\n"
        "parameter \"line\" { value = 100, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
        "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED,\n"
        "  derive = function(h) return spin(h) end }\n"
        "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n");

    write_file(dir, "t/provisions.lua",
        "provision \"poor\" { class = \"poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
        "  when = function(h) return h:deprived_count() >= 5 end }\n"
        "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
        "  when = function() return true end }\n");
    expect_stopped(dir, "definitions.lua", "not_poor", unanswered_household);
}
END_TEST

START_TEST(gates_a_loop_in_a_provision_is_budgeted)
{
    expect_stopped(rules_with("provisions.lua",
        "local function spin(h) " LOOP "return false end\n"
        "provision \"poor\" { class = \"poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
        "  when = function(h) return spin(h) end }\n"
        "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
        "  when = function() return true end }\n"),
        "provisions.lua", "not_poor", minimal_household);
}
END_TEST

START_TEST(gates_a_loop_in_a_warning_is_budgeted)
{
    expect_stopped(rules_with("provisions.lua",
        "local function spin(h) " LOOP "return false end\n"
        "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
        "  when = function() return true end }\n"
        "warning \"w\" { vi = \"w\", en = \"w\", citation = \"Test art. 4\", when = function(h) return spin(h) end }\n"),
        "provisions.lua", "not_poor", minimal_household);
}
END_TEST

START_TEST(gates_a_loop_in_a_determination_is_budgeted)
{
    expect_stopped(rules_with("provisions.lua",
        "local function spin(h) " LOOP "return false end\n"
        "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
        "  when = function() return true end }\n"
        "determination \"d\" { label = { vi = \"d\", en = \"d\" }, citation = \"Test art. 5\", status = CONFIRMED,\n"
        "  when = function(h) return spin(h) end }\n"),
        "provisions.lua", "not_poor", minimal_household);
}
END_TEST

START_TEST(gates_explain_budgets_the_same_loop)
{
    const char *dir = rules_running("while true do end");
    rasoat_engine *e = open_engine(dir, 0, 0);
    const char *json = minimal_household(50), *text;
    size_t len;
    rasoat_error err;
    struct timespec t0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(rasoat_explain(e, json, strlen(json), RASOAT_LANG_EN, RASOAT_EXPLAIN_TEXT,
                                    &text, &len, &err), RASOAT_E_BUDGET);
    ck_assert_msg(seconds_since(&t0) < 10, "took %.1f s", seconds_since(&t0));
    ck_assert_int_eq(err.line, 2);
    rasoat_close(e);
}
END_TEST

START_TEST(gates_stdlib_code_costs_no_budget)
{
    /* The least budget there is: each call of a rule function may run up to 999
    ** instructions, and stdlib's own work around them (hundreds a household) is free.
    ** When stdlib was counted too, this household ran past a budget of 1. */
    rasoat_engine *e = open_engine(rules_running("return false"), 1, 0);
    int status;
    cJSON *r = classify(e, minimal_household(50), &status);

    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

static Suite *gates_suite(void)
{
    Suite *s = suite_create("gates");
    TCase *t = tcase_create("gates");

    tcase_set_timeout(t, 60);
    tcase_add_test(t, gates_a_loop_in_applies_is_budgeted);
    tcase_add_test(t, gates_a_loop_in_derive_is_budgeted);
    tcase_add_test(t, gates_a_loop_reached_through_the_household_is_budgeted);
    tcase_add_test(t, gates_a_loop_in_a_provision_is_budgeted);
    tcase_add_test(t, gates_a_loop_in_a_warning_is_budgeted);
    tcase_add_test(t, gates_a_loop_in_a_determination_is_budgeted);
    tcase_add_test(t, gates_explain_budgets_the_same_loop);
    tcase_add_test(t, gates_stdlib_code_costs_no_budget);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return run_suite(gates_suite());
}
