/*
** test_places.c: household records under either map (docs/formats.md, "Places over time"):
** the province read by the survey date, commune_code and former_province, and the local
** standard chosen by the former territory after the 2025 reform.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_units.h"
#include "common.h"
#include "household.h"

static admin_units table;

static void load_bundled(void)
{
    rasoat_error err;

    ck_assert_int_eq(admin_units_load(&table, source_rules(), RASOAT_LANG_EN, &err), RASOAT_OK);
}

static void unload(void)
{
    admin_units_free(&table);
}

/* Read the record made of 'date' and 'places' (JSON members) into 'h'; returns the status
** of household_read then household_place, with the error in 'err'. */
static int place(const char *date, const char *places, household *h, rasoat_error *err)
{
    static cJSON *root;
    char json[1024];
    int code;

    snprintf(json, sizeof json, "{\"id\":\"H\",\"survey_date\":\"%s\",\"area\":\"rural\","
             "\"size\":2,\"b1_score\":150%s%s}", date, places[0] ? "," : "", places);
    cJSON_Delete(root);
    root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(root);
    memset(err, 0, sizeof *err);
    code = household_read(h, root, NULL, RASOAT_LANG_EN, err);
    return code == RASOAT_OK ? household_place(h, &table, RASOAT_LANG_EN, err) : code;
}

static void expect_place(const char *date, const char *places, const char *province,
                         const char *territory)
{
    household h;
    rasoat_error err;

    ck_assert_msg(place(date, places, &h, &err) == RASOAT_OK, "%s: %s", places, err.message);
    if (province == NULL)
        ck_assert_ptr_null(h.province);
    else
        ck_assert_str_eq(h.province, province);
    if (territory == NULL)
        ck_assert_ptr_null(h.territory);
    else
        ck_assert_str_eq(h.territory, territory);
}

static void expect_refused(const char *date, const char *places, const char *kind,
                           const char *field, const char *needle)
{
    household h;
    rasoat_error err;

    ck_assert_int_eq(place(date, places, &h, &err), RASOAT_E_INPUT);
    ck_assert_str_eq(err.kind, kind);
    ck_assert_str_eq(err.field, field);
    ck_assert_msg(strstr(err.message, needle) != NULL, "'%s' lacks '%s'", err.message, needle);
}

START_TEST(province_should_be_read_by_the_survey_date)
{
    expect_place("2024-10-01", "\"province\":\"62\"", "62", "62");
    expect_place("2025-06-30", "\"province\":\"62\"", "62", "62");
    /* Issue 9's wording: a closed code dated after its closing names its successor. */
    expect_refused("2025-07-01", "\"province\":\"62\"", "province_closed", "province",
                   "\"62\" was merged into \"51\" (Tỉnh Quảng Ngãi) on 2025-07-01");
    expect_refused("2026-03-10", "\"province\":\"74\"", "province_closed", "province",
                   "\"74\" was merged into \"79\" (Thành phố Hồ Chí Minh)");
    expect_refused("2024-10-01", "\"province\":\"03\"", "province_unknown", "province",
                   "no province has code \"03\" on 2024-10-01");
}
END_TEST

START_TEST(province_left_whole_should_be_its_own_territory)
{
    /* Lạng Sơn (20) was not merged (Resolution 202/2025/QH15: one of the 11 unchanged). */
    expect_place("2026-03-10", "\"province\":\"20\"", "20", "20");
    /* A merged province without commune code or former province: territory unknown. */
    expect_place("2026-03-10", "\"province\":\"51\"", "51", NULL);
}
END_TEST

START_TEST(commune_code_should_give_province_and_former_province)
{
    expect_place("2026-03-10", "\"commune_code\":\"23428\"", "51", "62");
    expect_place("2026-03-10", "\"province\":\"51\",\"commune_code\":\"21025\"", "51", "51");
    expect_place("2025-10-01", "\"commune_code\":\"25294\"", "75", "70");
    expect_place("2024-10-01", "\"commune_code\":\"25294\"", "70", "70");
    expect_place("2026-03-10", "\"commune_code\":\"25747\"", "79", "74");
    /* Formed from two former provinces: the commune alone cannot tell... */
    expect_place("2026-03-10", "\"commune_code\":\"30259\"", "82", NULL);
    /* ...former_province can, if it is one of them. */
    expect_place("2026-03-10", "\"commune_code\":\"30259\",\"former_province\":\"89\"", "82", "89");
    expect_refused("2026-03-10", "\"commune_code\":\"30259\",\"former_province\":\"62\"",
                   "former_contradicts_commune", "former_province", "former province(s) 87,89");
}
END_TEST

START_TEST(commune_code_should_refuse_a_contradicting_province)
{
    expect_refused("2026-03-10", "\"province\":\"75\",\"commune_code\":\"23293\"",
                   "province_contradicts", "province",
                   "province \"75\" contradicts commune_code \"23293\" (Phường Kon Tum), which is in province \"51\" (Tỉnh Quảng Ngãi)");
    expect_refused("2026-03-10", "\"commune_code\":\"23427\"", "commune_closed", "commune_code",
                   "went into \"23428\" (Xã Ngọk Tụ)");
    expect_refused("2026-03-10", "\"commune_code\":\"99999\"", "commune_unknown", "commune_code",
                   "no commune has code \"99999\" on 2026-03-10");
    expect_refused("2026-03-10", "\"commune_code\":\"2342\"", "invalid_field", "commune_code",
                   "a five-digit commune code");
    expect_refused("2026-03-10", "\"commune_code\":23428", "invalid_field", "commune_code", "found 23428");
}
END_TEST

START_TEST(former_province_should_belong_to_the_province)
{
    expect_place("2026-03-10", "\"province\":\"51\",\"former_province\":\"62\"", "51", "62");
    expect_place("2026-03-10", "\"former_province\":\"70\"", "75", "70");
    expect_refused("2026-03-10", "\"province\":\"51\",\"former_province\":\"70\"",
                   "former_contradicts", "former_province",
                   "former_province \"70\" (Tỉnh Bình Phước) did not go into province \"51\"");
    expect_refused("2026-03-10", "\"province\":\"51\",\"former_province\":\"03\"",
                   "former_unknown", "former_province", "\"03\" is not the code of a province");
    expect_refused("2024-10-01", "\"province\":\"75\",\"former_province\":\"70\"",
                   "former_before_reform", "former_province", "before 2025-07-01");
    expect_refused("2026-03-10", "\"former_province\":\"7\"", "invalid_field", "former_province",
                   "two-digit");
}
END_TEST

/* A local standard in force on both sides of the reform, declared for TP.HCM's territory as
** it stood when adopted (79): chosen for former TP.HCM, never for former Bình Dương. */
START_TEST(local_standard_should_follow_the_former_territory)
{
    const char *dir = tmp_dir();
    char cmd[4200];
    rasoat_engine *e;
    cJSON *r;
    const char *hh = "{\"id\":\"H\",\"survey_date\":\"%s\",\"area\":\"rural\",\"size\":2,"
                     "\"b1_score\":50,\"deprivations\":{\"a\":false,\"b\":false}%s}";
    char json[512];

    write_ruleset(dir, "vn", "vn", NULL, NULL);
    write_file(dir, "city/ruleset.lua",
               "ruleset { id = \"city\", version = \"1\", jurisdiction = \"79\", extends = \"vn\",\n"
               "  title = { vi = \"x\", en = \"x\" }, legal_basis = { \"x\" },\n"
               "  in_force = { from = \"2024-01-01\", to = \"2026-12-31\" } }\n");
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/places' && cp '%s/%s' '%s/places/'", dir,
             source_rules(), ADMIN_UNITS_FILE, dir);
    ck_assert_int_eq(system(cmd), 0);
    e = open_engine(dir, 0, 0);

    snprintf(json, sizeof json, hh, "2024-10-01", ",\"province\":\"79\"");
    r = classify(e, json, NULL);
    ck_assert_str_eq(str_field(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0), "class"), "poor");
    cJSON_Delete(r);
    snprintf(json, sizeof json, hh, "2024-10-01", ",\"province\":\"74\"");
    r = classify(e, json, NULL);
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "local"));
    cJSON_Delete(r);
    /* After the reform: Phường Sài Gòn (26740, former 79) and Phường Thủ Dầu Một (25747,
    ** former Bình Dương 74) both carry 79. */
    snprintf(json, sizeof json, hh, "2026-03-10", ",\"commune_code\":\"26740\"");
    r = classify(e, json, NULL);
    ck_assert_str_eq(str_field(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0), "class"), "poor");
    ck_assert_str_eq(str_field(r, "former_province"), "79");
    cJSON_Delete(r);
    snprintf(json, sizeof json, hh, "2026-03-10", ",\"commune_code\":\"25747\"");
    r = classify(e, json, NULL);
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "local"));
    ck_assert_str_eq(str_field(r, "province"), "79");
    cJSON_Delete(r);
    snprintf(json, sizeof json, hh, "2026-03-10", ",\"province\":\"79\"");
    r = classify(e, json, NULL);
    ck_assert_str_eq(error_field(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0), "code"),
                     "territory_unknown");
    ck_assert_msg(strstr(error_field(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0), "message"),
                         "former provinces 74,77,79") != NULL, "%s", cJSON_PrintUnformatted(r));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* Decree 30/2025 is of 2025: a 2024 survey carries no low-income-worker determination. */
START_TEST(low_income_workers_should_not_be_determined_before_2025)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    const char *hh = "{\"id\":\"H\",\"survey_date\":\"%s\",\"province\":\"20\",\"area\":\"rural\","
                     "\"size\":4,\"income_per_capita_month\":2000000,\"deprivations\":{\"employment\":false,"
                     "\"dependents\":false,\"nutrition\":false,\"health_insurance\":false,"
                     "\"adult_education\":false,\"child_schooling\":false,\"housing_quality\":false,"
                     "\"housing_area\":false,\"water\":false,\"sanitation\":false,\"telecom\":false,"
                     "\"information_means\":false}}";
    char json[1024];
    cJSON *r;

    snprintf(json, sizeof json, hh, "2024-12-31");
    r = classify(e, json, NULL);
    ck_assert_str_eq(str_field(r, "class"), "middle_income");
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "low_income_worker"));
    cJSON_Delete(r);
    snprintf(json, sizeof json, hh, "2025-01-01");
    r = classify(e, json, NULL);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "low_income_worker"), "value")));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* A rule set that answers the former-town question with former_town_area = "urban" takes a
** household of Xã Sông Hinh (took in the town Hai Riêng) as urban, and says so. */
START_TEST(former_town_area_should_be_a_parameter_of_the_rule_set)
{
    const char *dir = tmp_dir();
    char cmd[4200];
    rasoat_engine *e;
    cJSON *r, *w;

    write_file(dir, "vn/ruleset.lua",
               "ruleset { id = \"vn\", version = \"1\", jurisdiction = \"VN\", former_town_area = \"urban\",\n"
               "  title = { vi = \"x\", en = \"x\" }, legal_basis = { \"x\" },\n"
               "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" } }\n"
               "indicator \"a\" { dimension = \"d\", label = { vi = \"a\", en = \"a\" }, citation = \"c\", status = CONFIRMED }\n"
               "provision \"urban\" { class = \"poor\", citation = \"c\", status = CONFIRMED, when = area_is(\"urban\") }\n"
               "provision \"other\" { class = \"not_poor\", citation = \"c\", status = CONFIRMED, when = always() }\n");
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/places' && cp '%s/%s' '%s/places/'", dir,
             source_rules(), ADMIN_UNITS_FILE, dir);
    ck_assert_int_eq(system(cmd), 0);
    e = open_engine(dir, 0, 0);
    r = classify(e, "{\"id\":\"H\",\"survey_date\":\"2025-10-01\",\"commune_code\":\"22207\","
                    "\"area\":\"rural\",\"size\":2,\"b1_score\":1,\"deprivations\":{\"a\":false}}", NULL);
    ck_assert_str_eq(str_field(r, "class"), "poor");
    ck_assert_str_eq(str_field(r, "area"), "rural");  /* the record's own, carried as given */
    w = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "warnings"), 0);
    ck_assert_str_eq(str_field(w, "code"), "former_town_area");
    ck_assert_msg(strstr(str_field(w, "message"), "former_town_area = \"urban\"") != NULL, "%s",
                  str_field(w, "message"));
    cJSON_Delete(r);
    /* Before the reform Hai Riêng is a town of its own: as recorded, no warning. */
    r = classify(e, "{\"id\":\"H\",\"survey_date\":\"2025-06-30\",\"commune_code\":\"22207\","
                    "\"area\":\"rural\",\"size\":2,\"b1_score\":1,\"deprivations\":{\"a\":false}}", NULL);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "warnings"));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* The open questions of the reform are named by 'rasoat check', each at its gap. */
START_TEST(check_should_name_the_open_questions)
{
    const char *dir = tmp_dir();
    const char *out;

    ck_assert_int_eq(run_rasoat(dir, "check --lang en", NULL), 0);
    out = read_in(dir, "out.txt");
    ck_assert_msg(strstr(out, "vn/2022-2025/gaps.lua:28: note: open question (gap 'former_town_area')") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "dongnai/2022-2025/gaps.lua:27: note: open question (gap 'annexed_territory')") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "hcm/2021-2024/gaps.lua:27: note: open question (gap 'annexed_territory')") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "kontum/2024/gaps.lua:21: note: open question (gap 'lending_scheme_after_merger')") != NULL, "%s", out);
}
END_TEST

/* A decision about a household of former Kon Tum replays identically from the archive once
** the rules tree has moved on: the archive keeps the table of administrative units too. */
START_TEST(archive_should_keep_the_places_of_a_decision)
{
    const char *dir = tmp_dir();
    char cmd[2400];

    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/rules'", source_rules(), dir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(run_rasoat(dir, "classify --rules rules --log a.log --output out.jsonl",
                                "{\"id\":\"KT\",\"survey_date\":\"2026-03-10\",\"province\":\"51\","
                                "\"commune_code\":\"23428\",\"area\":\"rural\",\"size\":4,"
                                "\"b1_score\":150,\"livelihood\":\"other\"}\n"), 0);
    ck_assert_msg(strstr(read_in(dir, "out.jsonl"), "\"former_province\":\"62\"") != NULL, "%s",
                  read_in(dir, "out.jsonl"));
    snprintf(cmd, sizeof cmd, "cd '%s' && echo '-- edited' >> rules/vn/2022-2025/classification.lua"
             " && echo '-- edited' >> rules/kontum/2024/classification.lua", dir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(run_rasoat(dir, "replay --rules rules --lang en a.log", NULL), 0);
    ck_assert_msg(strstr(read_in(dir, "out.txt"), "1 identical, 0 different") != NULL, "%s",
                  read_in(dir, "out.txt"));
    /* The content hash does not cover the table; the archive's file list does. */
    ck_assert_int_eq(run_rasoat(dir, "verify a.log", NULL), 0);
    snprintf(cmd, sizeof cmd, "cd '%s' && for d in a.log.rules/*/; do "
             "sed -i 's/Xã Ngọk Tụ/Xã Khác/' \"$d/places/admin-units.tsv\"; done", dir);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(run_rasoat(dir, "verify --lang en a.log", NULL), 1);
    ck_assert_msg(strstr(read_in(dir, "out.txt"), "places/admin-units.tsv") != NULL, "%s",
                  read_in(dir, "out.txt"));
}
END_TEST

/* --as-of chooses the rules; the codes are still read by the record's own survey date. */
START_TEST(as_of_should_not_change_how_codes_are_read)
{
    const char *dir = tmp_dir();
    const char *out;

    ck_assert_int_eq(run_rasoat(dir, "classify --as-of 2026-03-01 --lang en",
                                "{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"province\":\"62\","
                                "\"area\":\"rural\",\"size\":4,\"b1_score\":150,\"livelihood\":\"other\"}\n"
                                "{\"id\":\"B\",\"province\":\"62\",\"area\":\"rural\",\"size\":4,"
                                "\"b1_score\":150}\n"), 1);
    out = read_in(dir, "out.txt");
    /* A: a Kon Tum record of 2024 under the 2026 rules keeps its territory (62). */
    ck_assert_msg(strstr(out, "{\"id\":\"A\",\"survey_date\":\"2026-03-01\",\"province\":\"62\"") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "\"id\":\"kontum/2024\"") != NULL, "%s", out);
    /* B has no date of its own: its code is read on 2026-03-01, when 62 is closed. */
    ck_assert_msg(strstr(out, "{\"id\":\"B\",\"line\":2,\"error\":{\"code\":\"province_closed\"") != NULL, "%s", out);
}
END_TEST

/* explain says, as classify does, that a standard's territory cannot be told. */
START_TEST(explain_should_say_when_the_territory_is_unknown)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);
    const char *json = "{\"id\":\"K\",\"survey_date\":\"2026-03-10\",\"province\":\"51\","
                       "\"area\":\"rural\",\"size\":4,\"b1_score\":150,\"livelihood\":\"other\"}";
    const char *text;
    size_t len;
    rasoat_error err;

    ck_assert_int_eq(rasoat_explain(e, json, strlen(json), RASOAT_LANG_EN, RASOAT_EXPLAIN_TEXT,
                                    &text, &len, &err), RASOAT_OK);
    ck_assert_msg(strstr(text, "kontum/2024: cannot tell whether rule set kontum/2024 applies") != NULL,
                  "%s", text);
    rasoat_close(e);
}
END_TEST

/* Reports on the new map: commune names from the table by code and date, not the record's
** free text, and no district after 2025-07-01. */
START_TEST(report_should_name_communes_from_the_table)
{
    const char *dir = tmp_dir();
    const char *out;
    char cmd[2048];

    ck_assert_int_eq(run_rasoat(dir, "classify --output r.jsonl",
                                "{\"id\":\"A\",\"survey_date\":\"2026-03-10\",\"commune_code\":\"23428\","
                                "\"commune\":\"free text A\",\"district\":\"Đắk Tô\",\"village\":\"Thôn 1\","
                                "\"area\":\"rural\",\"size\":4,\"income_per_capita_month\":1800000}\n"
                                "{\"id\":\"B\",\"survey_date\":\"2024-10-01\",\"commune_code\":\"23427\","
                                "\"commune\":\"free text B\",\"district\":\"Đắk Tô\",\"village\":\"Thôn 2\","
                                "\"area\":\"rural\",\"size\":4,\"income_per_capita_month\":1800000}\n"), 0);
    /* The report layouts live only in the shipped rules (tests/rules has none). */
    snprintf(cmd, sizeof cmd, "report --rules '%s/../rules' --level province --format json "
             "--output p.json r.jsonl", getenv("RASOAT_TEST_DATA"));
    ck_assert_int_eq(run_rasoat(dir, cmd, NULL), 0);
    out = read_in(dir, "p.json");
    /* 2026: the commune formed on the reform; 2024: the old commune by its old code. */
    ck_assert_msg(strstr(out, "\"unit\":\"Xã Ngọk Tụ\"") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "\"unit\":\"Xã Đắk Rơ Nga\"") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "free text") == NULL, "%s", out);
    /* After the reform there is no district: --level district refuses the 2026 result. */
    snprintf(cmd, sizeof cmd, "report --rules '%s/../rules' --level district --format json "
             "--output d.json r.jsonl", getenv("RASOAT_TEST_DATA"));
    ck_assert_int_eq(run_rasoat(dir, cmd, NULL), 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("places");
    TCase *tc = tcase_create("records");

    tcase_add_checked_fixture(tc, load_bundled, unload);
    tcase_add_test(tc, province_should_be_read_by_the_survey_date);
    tcase_add_test(tc, province_left_whole_should_be_its_own_territory);
    tcase_add_test(tc, commune_code_should_give_province_and_former_province);
    tcase_add_test(tc, commune_code_should_refuse_a_contradicting_province);
    tcase_add_test(tc, former_province_should_belong_to_the_province);
    tcase_add_test(tc, local_standard_should_follow_the_former_territory);
    tcase_add_test(tc, low_income_workers_should_not_be_determined_before_2025);
    tcase_add_test(tc, former_town_area_should_be_a_parameter_of_the_rule_set);
    tcase_add_test(tc, check_should_name_the_open_questions);
    tcase_add_test(tc, archive_should_keep_the_places_of_a_decision);
    tcase_add_test(tc, as_of_should_not_change_how_codes_are_read);
    tcase_add_test(tc, explain_should_say_when_the_territory_is_unknown);
    tcase_add_test(tc, report_should_name_communes_from_the_table);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
