/*
** test_ruleset.c: finding, hashing and loading rule sets, and the load-time errors that
** name the file and line at fault.
*/
#include <stdio.h>
#include <string.h>

#include "common.h"

/* The sha256 a household classified under the rule set in 'dir' reports. */
static void hash_of(const char *dir, char out[65])
{
    rasoat_engine *e = open_engine(dir, 0, 0);
    cJSON *r = classify(e, minimal_household(50), NULL);

    snprintf(out, 65, "%s", str_field(cJSON_GetObjectItem(r, "ruleset"), "sha256"));
    ck_assert_int_eq((int)strlen(out), 64);
    cJSON_Delete(r);
    rasoat_close(e);
}

START_TEST(ruleset_hash_should_not_depend_on_path_or_line_endings)
{
    char a[65], b[65], c[65];
    const char *d1 = tmp_dir();
    const char *d2;

    write_ruleset(d1, "x", "t/1", NULL, NULL);
    hash_of(d1, a);
    d2 = tmp_dir();
    write_ruleset(d2, "elsewhere/deeper", "t/1", NULL, NULL);
    hash_of(d2, b);
    ck_assert_str_eq(a, b);
    write_file(d2, "elsewhere/deeper/provisions.lua",
               "provision \"poor\" { class = \"poor\", citation = \"Test art. 3\", status = CONFIRMED,\r\n"
               "  when = function(h, P) return h.b1 <= P.line end }\r\n"
               "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\r\n"
               "  when = function() return true end }\r\n");
    hash_of(d2, c);
    ck_assert_str_eq(a, c);
}
END_TEST

START_TEST(ruleset_hash_should_change_with_one_byte)
{
    char a[65], b[65];
    const char *dir = tmp_dir();

    write_ruleset(dir, "x", "t/1", NULL, NULL);
    hash_of(dir, a);
    write_file(dir, "x/definitions.lua",
               "parameter \"line\" { value = 101, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
               "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"
               "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n");
    hash_of(dir, b);
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(ruleset_should_refuse_overlapping_national_sets)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "vn/a", "vn/a", "{ from = \"2016-01-01\", to = \"2022-01-01\" }", NULL);
    write_ruleset(dir, "vn/b", "vn/b", "{ from = \"2022-01-01\", to = \"2026-12-31\" }", NULL);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_str_eq(err.kind, "overlap");
    ck_assert_ptr_nonnull(strstr(err.message, "vn/a/ruleset.lua (2016-01-01..2022-01-01)"));
    ck_assert_ptr_nonnull(strstr(err.message, "vn/b/ruleset.lua (2022-01-01..2026-12-31)"));
}
END_TEST

START_TEST(ruleset_should_accept_adjacent_national_sets)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    cJSON *r;

    write_ruleset(dir, "vn/a", "vn/a", "{ from = \"2016-01-01\", to = \"2021-12-31\" }", NULL);
    write_ruleset(dir, "vn/b", "vn/b", "{ from = \"2022-01-01\", to = \"2026-12-31\" }", NULL);
    e = open_engine(dir, 0, 0);
    ck_assert_uint_eq(rasoat_ruleset_count(e), 2);
    r = classify(e, "{\"id\":\"x\",\"survey_date\":\"2021-12-31\",\"area\":\"rural\",\"size\":1,\"b1_score\":1,"
                    "\"deprivations\":{\"a\":false,\"b\":false}}", NULL);
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(r, "ruleset"), "id"), "vn/a");
    cJSON_Delete(r);
    r = classify(e, "{\"id\":\"x\",\"survey_date\":\"2022-01-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":1,"
                    "\"deprivations\":{\"a\":false,\"b\":false}}", NULL);
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(r, "ruleset"), "id"), "vn/b");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(ruleset_should_refuse_a_duplicate_id)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "a", "same", "{ from = \"2016-01-01\", to = \"2017-01-01\" }", NULL);
    write_ruleset(dir, "b", "same", "{ from = \"2018-01-01\", to = \"2019-01-01\" }", NULL);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_str_eq(err.kind, "definition");
    ck_assert_ptr_nonnull(strstr(err.message, "rule set 'same' is defined twice"));
    ck_assert_ptr_nonnull(strstr(err.message, "/a/ruleset.lua and "));
}
END_TEST

/* Replace definitions.lua of a fresh rule set with 'text'; expect a definition error on
** 'line' of that file whose message contains 'needle'. */
static void expect_definition_error(const char *text, int line, const char *needle)
{
    const char *dir = tmp_dir();
    rasoat_error err;
    char file[1024];

    write_ruleset(dir, "x", "t/1", NULL, NULL);
    write_file(dir, "x/definitions.lua", text);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    snprintf(file, sizeof file, "%s/x/definitions.lua", dir);
    ck_assert_str_eq(err.file, file);
    ck_assert_int_eq(err.line, line);
    ck_assert_msg(strstr(err.message, needle) != NULL, "'%s' lacks '%s'", err.message, needle);
}

START_TEST(ruleset_should_refuse_an_unconfirmed_figure)
{
    expect_definition_error("\n"
                            "parameter \"guess\" { value = 150, unit = \"points\", citation = \"?\", status = UNCONFIRMED }\n",
                            2, "declare a gap");
}
END_TEST

START_TEST(ruleset_should_refuse_a_parameter_without_citation)
{
    expect_definition_error("parameter \"x\" { value = 1, unit = \"u\", status = CONFIRMED }\n",
                            1, "'x': field 'citation'");
}
END_TEST

START_TEST(ruleset_should_refuse_a_float_figure)
{
    expect_definition_error("parameter \"x\" { value = 1.5, unit = \"u\", citation = \"c\", status = CONFIRMED }\n",
                            1, "1.5 is a decimal number");
}
END_TEST

START_TEST(ruleset_should_refuse_an_indicator_without_both_labels)
{
    expect_definition_error("indicator \"a\" { dimension = \"d\", label = { vi = \"A\" }, citation = \"c\", status = CONFIRMED }\n",
                            1, "field 'en'");
}
END_TEST

START_TEST(ruleset_should_refuse_a_declaration_without_its_definition)
{
    expect_definition_error("parameter \"line\" { value = 1, unit = \"u\", citation = \"c\", status = CONFIRMED }\n"
                            "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"c\", status = CONFIRMED }\n"
                            "indicator \"b\"\n",
                            3, "indicator 'b' lacks its definition");
}
END_TEST

START_TEST(ruleset_should_refuse_a_twice_declared_name)
{
    expect_definition_error("parameter \"line\" { value = 1, unit = \"u\", citation = \"c\", status = CONFIRMED }\n"
                            "parameter \"line\" { value = 2, unit = \"u\", citation = \"c\", status = CONFIRMED }\n",
                            2, "declared twice");
}
END_TEST

/* A local rule set 'loc/1' for province 75 extending 't/1' (write_ruleset's set) with
** 'body' as its definitions file; returns the rules directory. */
static const char *with_local(const char *extends, const char *body)
{
    const char *dir = tmp_dir();
    char meta[1024];

    write_ruleset(dir, "vn", "t/1", NULL, NULL);
    snprintf(meta, sizeof meta,
             "ruleset {\n"
             "  id = \"loc/1\", version = \"1\", jurisdiction = \"75\", extends = \"%s\",\n"
             "  title = { vi = \"Địa phương\", en = \"Local\" }, legal_basis = { \"Local basis\" },\n"
             "  in_force = { from = \"2022-01-01\", to = \"2025-12-31\" },\n"
             "}\n", extends);
    write_file(dir, "local/ruleset.lua", meta);
    write_file(dir, "local/local.lua", body);
    return dir;
}

static void expect_local_error(const char *extends, const char *body, const char *file, int line,
                               const char *needle)
{
    const char *dir = with_local(extends, body);
    rasoat_error err;
    char path[1024];

    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    snprintf(path, sizeof path, "%s/local/%s", dir, file);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, line);
    ck_assert_msg(strstr(err.message, needle) != NULL, "'%s' lacks '%s'", err.message, needle);
}

START_TEST(ruleset_should_refuse_overriding_a_name_the_parent_lacks)
{
    expect_local_error("t/1", "\noverride \"no_such\" { value = 1, unit = \"u\", citation = \"c\", status = CONFIRMED }\n",
                       "local.lua", 2, "override 'no_such': parent t/1 has no parameter");
}
END_TEST

START_TEST(ruleset_should_refuse_redeclaring_a_parent_parameter)
{
    expect_local_error("t/1", "parameter \"line\" { value = 1, unit = \"u\", citation = \"c\", status = CONFIRMED }\n",
                       "local.lua", 1, "use override");
}
END_TEST

START_TEST(ruleset_should_refuse_removing_an_indicator_the_parent_lacks)
{
    expect_local_error("t/1", "remove_indicator \"zz\" { citation = \"c\", status = CONFIRMED }\n",
                       "local.lua", 1, "remove_indicator 'zz'");
}
END_TEST

START_TEST(ruleset_should_refuse_extending_an_unknown_parent)
{
    expect_local_error("vn/1900", "", "ruleset.lua", 1, "extends 'vn/1900', which does not exist");
}
END_TEST

START_TEST(ruleset_should_refuse_an_extends_cycle)
{
    expect_local_error("loc/1", "", "ruleset.lua", 1, "extends itself");
}
END_TEST

START_TEST(ruleset_should_apply_a_local_override_beside_the_national_class)
{
    const char *dir = with_local("t/1",
        "override \"line\" { value = 150, unit = \"points\", citation = \"Local art. 1\", status = CONFIRMED }\n"
        "remove_indicator \"b\" { citation = \"Local art. 2\", status = CONFIRMED }\n");
    rasoat_engine *e = open_engine(dir, 0, 0);
    cJSON *r = classify(e, "{\"id\":\"x\",\"survey_date\":\"2024-01-01\",\"province\":\"75\",\"area\":\"rural\","
                           "\"size\":1,\"b1_score\":120,\"deprivations\":{\"a\":true,\"b\":true}}", NULL);
    cJSON *local = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0);

    /* National: 120 > 100, not poor; local: the parent's provisions with line 150, poor. */
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(local, "ruleset"), "id"), "loc/1");
    ck_assert_str_eq(str_field(local, "class"), "poor");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(local, "deprived")), 1);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(r, "deprived")), 2);
    cJSON_Delete(r);
    r = classify(e, "{\"id\":\"y\",\"survey_date\":\"2024-01-01\",\"province\":\"74\",\"area\":\"rural\","
                    "\"size\":1,\"b1_score\":120,\"deprivations\":{\"a\":true,\"b\":true}}", NULL);
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "local"));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(ruleset_hash_should_cover_the_parent)
{
    const char *dir = with_local("t/1", "");
    char before[65], after[65];
    rasoat_engine *e = open_engine(dir, 0, 0);
    const char *json = "{\"id\":\"x\",\"survey_date\":\"2024-01-01\",\"province\":\"75\",\"area\":\"rural\","
                       "\"size\":1,\"b1_score\":50,\"deprivations\":{\"a\":true,\"b\":true}}";
    cJSON *r = classify(e, json, NULL);

    snprintf(before, sizeof before, "%s", str_field(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0), "ruleset"), "sha256"));
    cJSON_Delete(r);
    rasoat_close(e);
    write_file(dir, "vn/definitions.lua",
               "parameter \"line\" { value = 99, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
               "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"
               "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, json, NULL);
    snprintf(after, sizeof after, "%s", str_field(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0), "ruleset"), "sha256"));
    ck_assert_int_eq((int)strlen(before), 64);
    ck_assert_str_ne(before, after);
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(ruleset_should_refuse_declarations_while_classifying)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    int status;
    cJSON *r;

    write_ruleset(dir, "t", "t/1", NULL,
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED, when = function()\n"
                  "  provision \"late\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED, when = function() return true end }\n"
                  "  return false end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED, when = function() return true end }\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_int_eq(status, RASOAT_E_RULE);
    ck_assert_ptr_nonnull(strstr(error_field(r, "message"), "may not be declared while classifying"));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(ruleset_should_refuse_a_directory_without_rule_sets)
{
    rasoat_error err;

    ck_assert_int_eq(try_open(tmp_dir(), &err), RASOAT_E_LOAD);
    ck_assert_str_eq(err.kind, "no_rulesets");
    ck_assert_int_eq(try_open("/nonexistent/rasoat/rules", &err), RASOAT_E_LOAD);
}
END_TEST

START_TEST(ruleset_should_load_the_bundled_national_standard)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    size_t i;
    int found = 0;

    for (i = 0; i < rasoat_ruleset_count(e); i++)
        found |= strcmp(rasoat_ruleset_id(e, i), "vn/2022-2025") == 0;
    ck_assert(found);
    rasoat_close(e);
}
END_TEST


#define TRANSITION(code, from, to, extra) \
    "transition \"" code "\" { from = " from ", to = " to extra ", label = { vi = \"x\", en = \"x\" }," \
    " citation = \"c\", status = SECONDARY }\n"

START_TEST(ruleset_should_refuse_a_transition_from_an_unknown_status)
{
    expect_definition_error(TRANSITION("t", "{ \"rich\" }", "{ \"poor\" }", ""), 1, "from holds 'rich'");
}
END_TEST

START_TEST(ruleset_should_refuse_transitions_that_leave_a_household_without_code)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "x", "t/1", NULL, NULL);
    write_file(dir, "x/transitions.lua", TRANSITION("stay", "{ \"poor\" }", "{ \"poor\" }", ""));
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_msg(strstr(err.message, "started the year 'poor' and is now 'near_poor'") != NULL, "%s", err.message);
}
END_TEST

/* The first transition that holds decides, and 'earlier' reads the history. */
START_TEST(ruleset_should_give_each_result_its_transition)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    cJSON *r;
    char json[512];

    write_ruleset(dir, "x", "t/1", NULL, NULL);
    write_file(dir, "x/transitions.lua",
               TRANSITION("listed", "{ \"poor\", \"near_poor\" }", "{ \"poor\", \"near_poor\", \"middle_income\", \"not_poor\" }", "")
               TRANSITION("again", "{ \"middle_income\", \"not_poor\", \"none\" }", "{ \"poor\" }", ", earlier = \"poor\"")
               TRANSITION("other", "{ \"middle_income\", \"not_poor\", \"none\" }", "{ \"poor\", \"near_poor\", \"middle_income\", \"not_poor\" }", ""));
    e = open_engine(dir, 0, 0);
    r = classify(e, minimal_household(90), NULL);
    ck_assert_str_eq(str_field(r, "transition"), "other");           /* no previous, no history */
    cJSON_Delete(r);
    snprintf(json, sizeof json, "%.*s,\"history\":[{\"year\":2020,\"status\":\"poor\"}]}",
             (int)strlen(minimal_household(90)) - 1, minimal_household(90));
    r = classify(e, json, NULL);
    ck_assert_str_eq(str_field(r, "class"), "poor");
    ck_assert_str_eq(str_field(r, "transition"), "again");
    cJSON_Delete(r);
    snprintf(json, sizeof json, "%.*s,\"previous\":{\"status\":\"near_poor\",\"year\":2023}}",
             (int)strlen(minimal_household(200)) - 1, minimal_household(200));
    r = classify(e, json, NULL);
    ck_assert_str_eq(str_field(r, "transition"), "listed");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ruleset");
    TCase *hash = tcase_create("hash");
    TCase *load = tcase_create("load");

    tcase_add_test(hash, ruleset_hash_should_not_depend_on_path_or_line_endings);
    tcase_add_test(hash, ruleset_hash_should_change_with_one_byte);
    suite_add_tcase(s, hash);
    tcase_add_test(load, ruleset_should_refuse_overlapping_national_sets);
    tcase_add_test(load, ruleset_should_accept_adjacent_national_sets);
    tcase_add_test(load, ruleset_should_refuse_a_duplicate_id);
    tcase_add_test(load, ruleset_should_refuse_an_unconfirmed_figure);
    tcase_add_test(load, ruleset_should_refuse_a_parameter_without_citation);
    tcase_add_test(load, ruleset_should_refuse_a_float_figure);
    tcase_add_test(load, ruleset_should_refuse_an_indicator_without_both_labels);
    tcase_add_test(load, ruleset_should_refuse_a_twice_declared_name);
    tcase_add_test(load, ruleset_should_refuse_a_declaration_without_its_definition);
    tcase_add_test(load, ruleset_should_refuse_a_directory_without_rule_sets);
    tcase_add_test(load, ruleset_should_refuse_overriding_a_name_the_parent_lacks);
    tcase_add_test(load, ruleset_should_refuse_redeclaring_a_parent_parameter);
    tcase_add_test(load, ruleset_should_refuse_removing_an_indicator_the_parent_lacks);
    tcase_add_test(load, ruleset_should_refuse_extending_an_unknown_parent);
    tcase_add_test(load, ruleset_should_refuse_an_extends_cycle);
    tcase_add_test(load, ruleset_should_apply_a_local_override_beside_the_national_class);
    tcase_add_test(load, ruleset_should_refuse_declarations_while_classifying);
    tcase_add_test(hash, ruleset_hash_should_cover_the_parent);
    tcase_add_test(load, ruleset_should_load_the_bundled_national_standard);
    tcase_add_test(load, ruleset_should_refuse_a_transition_from_an_unknown_status);
    tcase_add_test(load, ruleset_should_refuse_transitions_that_leave_a_household_without_code);
    tcase_add_test(load, ruleset_should_give_each_result_its_transition);
    suite_add_tcase(s, load);
    return run_suite(s);
}
