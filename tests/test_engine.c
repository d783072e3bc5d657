/*
** test_engine.c: the public API end to end on the bundled national standard: results,
** error records, options, warnings and byte-for-byte determinism.
*/
#include <stdio.h>
#include <string.h>

#include "common.h"

/* A rural household of the 2022-2025 standard with 'n' of the first indicators deprived. */
static const char *household_2022(const char *extra, int b1, int n)
{
    static const char *const codes[12] = {
        "employment", "dependents", "nutrition", "health_insurance", "adult_education",
        "child_schooling", "housing_quality", "housing_area", "water", "sanitation",
        "telecom", "information_means"};
    static char text[2048];
    size_t len;
    int i;

    len = (size_t)snprintf(text, sizeof text,
                           "{\"id\":\"E1\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":4,"
                           "\"b1_score\":%d%s,\"deprivations\":{", b1, extra);
    for (i = 0; i < 12; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s\"%s\":%s", i ? "," : "",
                                codes[i], i < n ? "true" : "false");
    snprintf(text + len, sizeof text - len, "}}");
    return text;
}

static rasoat_engine *open_with(const char *force, const char *as_of, rasoat_lang lang)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;

    memset(&o, 0, sizeof o);
    o.rules_dir = source_rules();
    o.force_ruleset = force;
    o.as_of = as_of;
    o.lang = lang;
    if (rasoat_open(&o, &e, &err) != RASOAT_OK)
        ck_abort_msg("open: %s", err.message);
    return e;
}

START_TEST(engine_should_classify_under_the_rule_set_in_force)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    int status;
    cJSON *r = classify(e, household_2022(",\"province\":\"62\",\"commune\":\"Đắk Rơ Nga\"", 140, 3), &status);

    /* Decree 07 Art. 3 cl. 2 a; Circular 07: rural B1 140 <= 140 and B2 3 x 10 = 30 >= 30. */
    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "poor");
    ck_assert_int_eq(cJSON_GetObjectItem(r, "b1")->valueint, 140);
    ck_assert_int_eq(cJSON_GetObjectItem(r, "b2")->valueint, 30);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(r, "deprived")), 3);
    ck_assert_str_eq(str_field(r, "commune"), "Đắk Rơ Nga");
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(r, "ruleset"), "id"), "vn/2022-2025");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_give_the_same_bytes_every_time)
{
    rasoat_engine *a = open_engine(source_rules(), 0, 0);
    rasoat_engine *b = open_engine(source_rules(), 0, 0);
    const char *json = household_2022("", 120, 2);
    const char *ra, *rb;
    size_t la, lb;
    char first[4096];

    ck_assert_int_eq(rasoat_classify(a, json, strlen(json), 1, &ra, &la, NULL), RASOAT_OK);
    ck_assert_uint_lt(la, sizeof first);
    memcpy(first, ra, la);
    ck_assert_int_eq(rasoat_classify(a, json, strlen(json), 1, &ra, &la, NULL), RASOAT_OK);
    ck_assert_int_eq(rasoat_classify(b, json, strlen(json), 1, &rb, &lb, NULL), RASOAT_OK);
    ck_assert(la == lb && memcmp(first, ra, la) == 0 && memcmp(ra, rb, lb) == 0);
    rasoat_close(a);
    rasoat_close(b);
}
END_TEST

START_TEST(engine_should_turn_bad_json_into_an_error_record)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    int status;
    cJSON *r = classify(e, "{\"id\": \"x\",", &status);

    ck_assert_int_eq(status, RASOAT_E_INPUT);
    ck_assert_str_eq(error_field(r, "code"), "invalid_json");
    ck_assert_int_eq(cJSON_GetObjectItem(r, "line")->valueint, 7);
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(r, "id")));
    cJSON_Delete(r);
    r = classify(e, "{\"id\":\"x\"} {\"id\":\"y\"}", &status);
    ck_assert_str_eq(error_field(r, "code"), "invalid_json");
    cJSON_Delete(r);
    r = classify(e, "[1,2]", &status);
    ck_assert_str_eq(error_field(r, "code"), "invalid_json");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* An invalid_json message names where parsing stopped as a column in characters (cJSON
** stops at the } after x: column 13, as for the ASCII {"id":"ab",x}, though Đ and ồ
** take five bytes), and the line within the record when the record spans lines. */
START_TEST(engine_should_name_the_column_of_bad_json)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;
    int status;
    cJSON *r;

    memset(&o, 0, sizeof o);
    o.rules_dir = source_rules();
    o.lang = RASOAT_LANG_VI;
    ck_assert_int_eq(rasoat_open(&o, &e, &err), RASOAT_OK);
    r = classify(e, "{\"id\":\"Đồ\",x}", &status);
    ck_assert_str_eq(error_field(r, "message"), "không phải JSON hợp lệ (lỗi ở cột 13): lỗi cú pháp");
    cJSON_Delete(r);
    r = classify(e, "{\"id\":\"a\",\n  \"area\": rural}", &status);
    ck_assert_str_eq(error_field(r, "message"), "không phải JSON hợp lệ (lỗi ở dòng thứ 2 của bản ghi, cột 11): lỗi cú pháp");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_say_no_rule_set_is_in_force)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    int status;
    cJSON *r = classify(e, "{\"id\":\"old\",\"survey_date\":\"1999-06-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":1}",
                        &status);

    ck_assert_int_eq(status, RASOAT_E_NO_RULESET);
    ck_assert_str_eq(str_field(r, "id"), "old");
    ck_assert_str_eq(error_field(r, "code"), "no_ruleset");
    ck_assert_str_eq(error_field(r, "field"), "survey_date");
    ck_assert_str_eq(error_field(r, "message"), "no rule set is in force on 1999-06-01");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_apply_as_of_and_a_forced_rule_set)
{
    const char *old = "{\"id\":\"old\",\"survey_date\":\"1999-06-01\",\"area\":\"rural\",\"size\":1,"
                      "\"b1_score\":500}";
    rasoat_engine *e = open_with(NULL, "2024-10-01", RASOAT_LANG_EN);
    cJSON *r = classify(e, old, NULL);

    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    ck_assert_str_eq(str_field(r, "survey_date"), "2024-10-01");
    cJSON_Delete(r);
    rasoat_close(e);

    e = open_with("vn/2022-2025", NULL, RASOAT_LANG_EN);
    r = classify(e, old, NULL);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_refuse_a_forced_local_set_that_does_not_apply)
{
    rasoat_engine *e = open_with("kontum/2024", NULL, RASOAT_LANG_EN);
    int status;
    cJSON *r = classify(e, "{\"id\":\"k\",\"survey_date\":\"2024-10-01\",\"province\":\"62\",\"area\":\"rural\","
                           "\"size\":1,\"b1_score\":300,\"livelihood\":\"agriculture\"}", &status);

    /* Kon Tum's standard concerns households outside agriculture, forestry, fishery only. */
    ck_assert_int_eq(status, RASOAT_E_NO_RULESET);
    ck_assert_str_eq(error_field(r, "code"), "not_applicable");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_refuse_bad_options)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;

    memset(&o, 0, sizeof o);
    o.rules_dir = source_rules();
    o.force_ruleset = "vn/1900";
    ck_assert_int_eq(rasoat_open(&o, &e, &err), RASOAT_E_USAGE);
    ck_assert_ptr_null(e);
    o.force_ruleset = NULL;
    o.as_of = "2024-13-01";
    ck_assert_int_eq(rasoat_open(&o, &e, &err), RASOAT_E_USAGE);
    ck_assert_str_eq(err.field, "--as-of");
}
END_TEST

START_TEST(engine_should_warn_about_answers_the_rule_set_does_not_use)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    cJSON *r = classify(e, household_2022(",\"deprivations_note\":1", 200, 0), NULL);
    cJSON *w;

    ck_assert_ptr_null(cJSON_GetObjectItem(r, "warnings"));
    cJSON_Delete(r);
    r = classify(e, "{\"id\":\"w\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":300,"
                    "\"deprivations\":{\"waste\":true}}", NULL);
    w = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "warnings"), 0);
    ck_assert_str_eq(str_field(w, "code"), "ignored_answer");
    ck_assert_str_eq(str_field(w, "field"), "deprivations.waste");
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* The warnings of result 'r' and those explain gives for the same record, in 'lang': the
** same codes, fields and messages in the same order? Returns how many there are. */
static int warnings_alike(rasoat_engine *e, const char *json, cJSON *r, const char *lang)
{
    const char *text;
    size_t len;
    rasoat_error err;
    cJSON *doc, *ours, *theirs;
    int i, n;

    ck_assert_int_eq(rasoat_explain(e, json, strlen(json), RASOAT_LANG_EN, RASOAT_EXPLAIN_JSON,
                                    &text, &len, &err), RASOAT_OK);
    doc = cJSON_ParseWithLength(text, len);
    ours = cJSON_GetObjectItem(r, "warnings");
    theirs = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "national"), "warnings");
    n = cJSON_GetArraySize(ours);
    ck_assert_int_eq(n, cJSON_GetArraySize(theirs));
    for (i = 0; i < n; i++) {
        cJSON *a = cJSON_GetArrayItem(ours, i), *b = cJSON_GetArrayItem(theirs, i);

        ck_assert_str_eq(str_field(a, "code"), str_field(b, "code"));
        ck_assert_str_eq(str_field(a, "field"), str_field(b, "field"));
        ck_assert_str_eq(str_field(a, "message"), str_field(cJSON_GetObjectItem(b, "message"), lang));
    }
    cJSON_Delete(doc);
    return n;
}

/* Classify words the answers a rule set ignores in the engine (and keeps the wording for
** the next household); explain has stdlib word them. Both must agree, in record order
** (a null answer too), before the rule set's own warnings, per rule set, and past the
** wordings the engine keeps. */
START_TEST(engine_should_word_ignored_answers_as_explain_does)
{
    static const char *const langs[2] = {"vi", "en"};
    char many[4096];
    size_t len;
    int l, i;

    len = (size_t)snprintf(many, sizeof many, "{\"id\":\"m\",\"survey_date\":\"2024-10-01\","
                           "\"area\":\"rural\",\"size\":1,\"b1_score\":300,\"deprivations\":{");
    for (i = 0; i < 40; i++)               /* beyond the 32 wordings the engine keeps */
        len += (size_t)snprintf(many + len, sizeof many - len, "%s\"code_%02d\":true", i ? "," : "", i);
    snprintf(many + len, sizeof many - len, "}}");
    for (l = 0; l < 2; l++) {
        rasoat_engine *e = open_with(NULL, NULL, l ? RASOAT_LANG_EN : RASOAT_LANG_VI);
        /* vn/2022-2025 lacks waste and digital_services (indicators of 2027-2030), and zz. */
        const char *const records[] = {
            "{\"id\":\"a\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":1,"
            "\"b1_score\":300,\"deprivations\":{\"waste\":true,\"employment\":null,\"zz\":false,"
            "\"digital_services\":null}}",
            "{\"id\":\"b\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":1,"
            "\"b1_score\":300,\"deprivations\":{\"zz\":true,\"waste\":false}}",
            /* vn/2016-2020: the same codes name that rule set, and employment is one too. */
            "{\"id\":\"c\",\"survey_date\":\"2018-10-01\",\"area\":\"rural\",\"size\":1,"
            "\"income_per_capita_month\":5000000,\"deprivations\":{\"waste\":true,\"employment\":true,"
            "\"zz\":false}}",
            many, many};
        const int expected[] = {3, 2, 3, 40, 40};
        const char *const first_field[] = {"deprivations.waste", "deprivations.zz",
                                           "deprivations.waste", "deprivations.code_00",
                                           "deprivations.code_00"};
        size_t k;

        for (k = 0; k < sizeof records / sizeof records[0]; k++) {
            cJSON *r = classify(e, records[k], NULL);
            cJSON *w = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "warnings"), 0);

            ck_assert_int_eq(warnings_alike(e, records[k], r, langs[l]), expected[k]);
            ck_assert_str_eq(str_field(w, "field"), first_field[k]);
            ck_assert_ptr_nonnull(strstr(str_field(w, "message"), k == 2 ? "vn/2016-2020" : "vn/2022-2025"));
            cJSON_Delete(r);
        }
        rasoat_close(e);
    }
}
END_TEST

START_TEST(engine_should_need_indicators_only_when_the_class_depends_on_them)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    int status;
    cJSON *r;

    /* Over the B1 line the class is not_poor whatever B2 (Circular 07): no B2 needed. */
    r = classify(e, "{\"id\":\"a\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":141}", &status);
    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "b2"));
    cJSON_Delete(r);
    /* At the line, B2 decides between poor and near-poor: the missing answer is an error. */
    r = classify(e, "{\"id\":\"b\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":140}", &status);
    ck_assert_int_eq(status, RASOAT_E_INPUT);
    ck_assert_str_eq(error_field(r, "code"), "missing_indicator");
    ck_assert_str_eq(error_field(r, "field"), "deprivations.employment");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_speak_vietnamese_by_default)
{
    rasoat_engine *e = open_with(NULL, NULL, RASOAT_LANG_VI);
    cJSON *r = classify(e, "{\"id\":\"old\",\"survey_date\":\"1999-06-01\",\"area\":\"rural\",\"size\":1,\"b1_score\":1}", NULL);

    ck_assert_str_eq(error_field(r, "message"), "không có bộ quy tắc nào có hiệu lực vào ngày 1999-06-01");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_should_name_statuses)
{
    ck_assert_str_eq(rasoat_status_name(RASOAT_OK), "ok");
    ck_assert_str_eq(rasoat_status_name(RASOAT_E_BUDGET), "budget");
    ck_assert_str_eq(rasoat_status_name(RASOAT_E_NO_RULESET), "no_ruleset");
    ck_assert_str_eq(rasoat_status_name(12345), "unknown");
    ck_assert_str_ne(rasoat_version(), "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("api");

    tcase_add_test(tc, engine_should_classify_under_the_rule_set_in_force);
    tcase_add_test(tc, engine_should_give_the_same_bytes_every_time);
    tcase_add_test(tc, engine_should_turn_bad_json_into_an_error_record);
    tcase_add_test(tc, engine_should_name_the_column_of_bad_json);
    tcase_add_test(tc, engine_should_say_no_rule_set_is_in_force);
    tcase_add_test(tc, engine_should_apply_as_of_and_a_forced_rule_set);
    tcase_add_test(tc, engine_should_refuse_bad_options);
    tcase_add_test(tc, engine_should_refuse_a_forced_local_set_that_does_not_apply);
    tcase_add_test(tc, engine_should_warn_about_answers_the_rule_set_does_not_use);
    tcase_add_test(tc, engine_should_word_ignored_answers_as_explain_does);
    tcase_add_test(tc, engine_should_need_indicators_only_when_the_class_depends_on_them);
    tcase_add_test(tc, engine_should_speak_vietnamese_by_default);
    tcase_add_test(tc, engine_should_name_statuses);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
