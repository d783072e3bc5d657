/*
** test_diff.c: 'rasoat diff' end to end: the transition matrix between the 2022-2025 and
** the 2027-2030 national standards for households whose classes follow from the decrees'
** figures, per commune, the reasons given for each household that moved, the three
** formats, --expect assertions and exit statuses.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "common.h"

static char workdir[256];

/*
** Every indicator of both sets is answered (2022-2025: the 12 of Decree 07/2021; 2027-2030
** drops information_means and adds digital_services and waste), with exactly three
** deprived in both: employment, nutrition, water. So the 2022-2025 B2 score is 30 (10 per
** indicator) and the 2027-2030 count of deprived indicators is 3.
*/
#define DEPRIVED_3_BOTH \
    "\"deprivations\":{\"employment\":true,\"dependents\":false,\"nutrition\":true," \
    "\"health_insurance\":false,\"adult_education\":false,\"child_schooling\":false," \
    "\"housing_quality\":false,\"housing_area\":false,\"water\":true,\"sanitation\":false," \
    "\"telecom\":false,\"information_means\":false,\"digital_services\":false,\"waste\":false}"

/* The same three deprived, but only the 2022-2025 indicators answered. */
#define DEPRIVED_3_OLD_ONLY \
    "\"deprivations\":{\"employment\":true,\"dependents\":false,\"nutrition\":true," \
    "\"health_insurance\":false,\"adult_education\":false,\"child_schooling\":false," \
    "\"housing_quality\":false,\"housing_area\":false,\"water\":true,\"sanitation\":false," \
    "\"telecom\":false,\"information_means\":false}"

#define RURAL(id, commune) \
    "{\"id\":\"" id "\",\"survey_date\":\"2024-10-01\",\"province\":\"62\",\"commune\":\"" commune "\"," \
    "\"area\":\"rural\",\"size\":4,"

/*
** The households, all rural, measured income per person per month, 3 deprived:
**
**   2022-2025 (Decree 07/2021 Art. 3.2): poor when income ≤ 1,500,000 and B2 ≥ 30 (3
**   indicators); near-poor when income ≤ 1,500,000 with fewer; middle income when
**   1,500,000 < income ≤ 2,250,000; not poor above. A B1 score, when given, decides poor and
**   near-poor instead (line 140 points).
**   2027-2030 (Decree 351/2025): poor when income ≤ 2,200,000 and ≥ 3 deprived; near-poor
**   when income ≤ 2,200,000 with fewer; not poor above (no middle-income standard); a
**   household with only a B1 score is undetermined (gap method_circular, no method circular).
**
**   H1 1,400,000 Xã A   A: ≤ 1,500,000, 3 deprived → poor          B: ≤ 2,200,000, 3 → poor
**   H2 1,600,000 Xã A   A: in (1,500,000; 2,250,000] → middle_income  B: ≤ 2,200,000 → poor
**   H3 2,100,000 Xã A   A: middle_income                            B: poor
**   H4 2,300,000 Xã B   A: > 2,250,000 → not_poor                   B: > 2,200,000 → not_poor
**   H5 2,250,000 Xã B   A: = upper bound 2,250,000 → middle_income  B: > 2,200,000 → not_poor
**   H6 1,400,000 Xã B   A: poor (poor_by_income)                    B: digital_services not
**                       answered → error record ("error")
**   H7 B1 120 only, Xã A  A: 120 ≤ 140, B2 30 → poor (poor_by_score)  B: undetermined
**   H8 no area, no commune: an error record under both ("error" → "error", commune "(none)")
**
** Matrix (A → B): poor→poor 1 (H1), poor→undetermined 1 (H7), poor→error 1 (H6),
** middle_income→poor 2 (H2, H3), middle_income→not_poor 1 (H5), not_poor→not_poor 1 (H4),
** error→error 1 (H8); 8 households, 5 changed (H2, H3, H5, H6, H7).
*/
static const char households[] =
    RURAL("H1", "Xã A") "\"income_per_capita_month\":1400000," DEPRIVED_3_BOTH "}\n"
    RURAL("H2", "Xã A") "\"income_per_capita_month\":1600000," DEPRIVED_3_BOTH "}\n"
    RURAL("H3", "Xã A") "\"income_per_capita_month\":2100000," DEPRIVED_3_BOTH "}\n"
    RURAL("H4", "Xã B") "\"income_per_capita_month\":2300000," DEPRIVED_3_BOTH "}\n"
    RURAL("H5", "Xã B") "\"income_per_capita_month\":2250000," DEPRIVED_3_BOTH "}\n"
    RURAL("H6", "Xã B") "\"income_per_capita_month\":1400000," DEPRIVED_3_OLD_ONLY "}\n"
    RURAL("H7", "Xã A") "\"b1_score\":120," DEPRIVED_3_BOTH "}\n"
    "{\"id\":\"H8\",\"survey_date\":\"2024-10-01\",\"size\":4,\"income_per_capita_month\":1400000,"
    DEPRIVED_3_BOTH "}\n";

#define FROM_TO "diff --from vn/2022-2025 --to vn/2027-2030 "

/* Run "rasoat ARGS" in 'workdir', where households.jsonl is (common.c). */
static int run(const char *args)
{
    return run_rasoat(workdir, args, NULL);
}

/* A file of 'workdir' (common.c). */
static const char *slurp(const char *name)
{
    return read_in(workdir, name);
}

static void contains(const char *name, const char *text)
{
    ck_assert_msg(strstr(slurp(name), text) != NULL, "%s lacks \"%s\":\n%.2000s", name, text, slurp(name));
}

/* Cell [a][b] of a JSON matrix object. */
static int cell(const cJSON *matrix, const char *a, const char *b)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(matrix, a), b);

    ck_assert_msg(cJSON_IsNumber(n), "no cell %s → %s", a, b);
    return n->valueint;
}

/* Check every cell of 'matrix' against 'expected' (rows and columns in the order poor,
** near_poor, middle_income, not_poor, undetermined, error). */
static void check_matrix(const cJSON *matrix, const int expected[6][6])
{
    static const char *const names[6] = {"poor", "near_poor", "middle_income", "not_poor", "undetermined", "error"};
    int i, j;

    for (i = 0; i < 6; i++)
        for (j = 0; j < 6; j++)
            ck_assert_msg(cell(matrix, names[i], names[j]) == expected[i][j], "%s → %s: %d, expected %d",
                          names[i], names[j], cell(matrix, names[i], names[j]), expected[i][j]);
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
    write_file(workdir, "households.jsonl", households);
}

START_TEST(diff_should_count_the_transitions_the_decrees_give)
{
    static const int expected[6][6] = {
        /* poor: H1 stays poor, H7 undetermined, H6 error */
        {1, 0, 0, 0, 1, 1},
        {0, 0, 0, 0, 0, 0},
        /* middle_income: H2, H3 poor; H5 not_poor */
        {2, 0, 0, 1, 0, 0},
        /* not_poor: H4 */
        {0, 0, 0, 1, 0, 0},
        {0, 0, 0, 0, 0, 0},
        /* error: H8 */
        {0, 0, 0, 0, 0, 1},
    };
    cJSON *j;

    ck_assert_int_eq(run(FROM_TO "--format json households.jsonl"), 0);
    j = cJSON_Parse(slurp("out.txt"));
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(str_field(j, "from"), "vn/2022-2025");
    ck_assert_str_eq(str_field(j, "to"), "vn/2027-2030");
    ck_assert_int_eq(cJSON_GetObjectItem(j, "households")->valueint, 8);
    ck_assert_int_eq(cJSON_GetObjectItem(j, "changed")->valueint, 5);
    check_matrix(cJSON_GetObjectItem(j, "matrix"), expected);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "moved")), 5);
    cJSON_Delete(j);
}
END_TEST

START_TEST(diff_should_count_per_commune_in_first_seen_order)
{
    static const int xa[6][6] = {{1, 0, 0, 0, 1, 0}, {0}, {2, 0, 0, 0, 0, 0}, {0}, {0}, {0}};
    static const int xb[6][6] = {{0, 0, 0, 0, 0, 1}, {0}, {0, 0, 0, 1, 0, 0}, {0, 0, 0, 1, 0, 0}, {0}, {0}};
    static const int none[6][6] = {{0}, {0}, {0}, {0}, {0}, {0, 0, 0, 0, 0, 1}};
    const cJSON *communes, *c;
    cJSON *j;

    ck_assert_int_eq(run(FROM_TO "--format json households.jsonl"), 0);
    j = cJSON_Parse(slurp("out.txt"));
    communes = cJSON_GetObjectItem(j, "communes");
    ck_assert_int_eq(cJSON_GetArraySize(communes), 3);
    c = cJSON_GetArrayItem(communes, 0);
    ck_assert_str_eq(c->string, "Xã A");
    ck_assert_int_eq(cJSON_GetObjectItem(c, "households")->valueint, 4);
    check_matrix(cJSON_GetObjectItem(c, "matrix"), xa);
    c = cJSON_GetArrayItem(communes, 1);
    ck_assert_str_eq(c->string, "Xã B");
    check_matrix(cJSON_GetObjectItem(c, "matrix"), xb);
    c = cJSON_GetArrayItem(communes, 2);
    ck_assert_str_eq(c->string, "(none)");
    check_matrix(cJSON_GetObjectItem(c, "matrix"), none);
    cJSON_Delete(j);
}
END_TEST

START_TEST(diff_should_give_the_deciding_provisions_and_thresholds_of_a_mover)
{
    const cJSON *moved, *m;
    cJSON *j;

    /* Text, Vietnamese (the default): H2 leaves middle income for poor. */
    ck_assert_int_eq(run(FROM_TO "households.jsonl"), 0);
    /* Class names as people read them. */
    contains("out.txt", "H2 (Xã A, dòng 2): mức sống trung bình → nghèo");
    contains("out.txt", "  A \\ B                nghèo  cận nghèo  mức sống trung bình  không nghèo  chưa xác định  lỗi   tổng\n");
    contains("out.txt", "A vn/2022-2025: middle_income (income 1.600.000 > income_line 1.500.000: đúng; "
                        "income 1.600.000 ≤ middle_income_upper 2.250.000: đúng)");
    contains("out.txt", "B vn/2027-2030: poor (income 1.600.000 ≤ income_line 2.200.000: đúng; "
                        "deprived 3 ≥ poor_min_deprived 3: đúng)");
    /* H5: the catch-all not_poor has no test of its own: the failed test before it says why. */
    contains("out.txt", "B vn/2027-2030: not_poor (income 2.250.000 ≤ income_line 2.200.000: sai)");
    /* H7: a gap; H6: the error message. */
    contains("out.txt", "score_without_method (nội dung chưa xác minh method_circular)");
    contains("out.txt", "'digital_services'");

    /* English. */
    ck_assert_int_eq(run(FROM_TO "--lang en households.jsonl"), 0);
    contains("out.txt", "File households.jsonl: 8 households, 5 changed class");
    contains("out.txt", "income 1,600,000 ≤ income_line 2,200,000: true");
    contains("out.txt", "H2 (Xã A, line 2): middle income → poor");

    /* JSON: provisions and tests on both sides. */
    ck_assert_int_eq(run(FROM_TO "--format json households.jsonl"), 0);
    j = cJSON_Parse(slurp("out.txt"));
    moved = cJSON_GetObjectItem(j, "moved");
    m = cJSON_GetArrayItem(moved, 0);
    ck_assert_str_eq(str_field(m, "id"), "H2");
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(m, "from"), "provision"), "middle_income");
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(m, "to"), "provision"), "poor");
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(m, "to"), "class"), "poor");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "to"), "tests")), 2);
    m = cJSON_GetArrayItem(moved, 3);
    ck_assert_str_eq(str_field(m, "id"), "H6");
    ck_assert_str_eq(str_field(cJSON_GetObjectItem(m, "to"), "class"), "error");
    ck_assert_ptr_nonnull(strstr(str_field(cJSON_GetObjectItem(m, "to"), "message"), "digital_services"));
    cJSON_Delete(j);
}
END_TEST

START_TEST(diff_should_write_csv_with_the_counts_and_one_row_per_mover)
{
    const char *out, *movers;
    int rows = 0;

    ck_assert_int_eq(run(FROM_TO "--format csv households.jsonl"), 0);
    out = slurp("out.txt");
    /* A UTF-8 byte-order mark first, so Excel reads the accents. */
    ck_assert_msg(strncmp(out, "\xEF\xBB\xBFscope,commune,class_a,poor,near_poor,middle_income,not_poor,undetermined,error,total\r\n",
                          89) == 0, "header: %s", out);
    contains("out.txt", "\r\nall,,poor,1,0,0,0,1,1,3\r\n");
    contains("out.txt", "\r\nall,,middle_income,2,0,0,1,0,0,3\r\n");
    contains("out.txt", "\r\nall,,error,0,0,0,0,0,1,1\r\n");
    contains("out.txt", "\r\ncommune,Xã B,not_poor,0,0,0,1,0,0,1\r\n");
    movers = strstr(out, "\r\n\r\nid,commune,class_a,class_b,provision_a,provision_b,reason\r\n");
    ck_assert_ptr_nonnull(movers);
    for (movers = strstr(movers + 4, "\r\n"); (movers = strstr(movers + 2, "\r\n")) != NULL;)
        rows++;
    ck_assert_int_eq(rows, 5);
    contains("out.txt", "\r\nH5,Xã B,middle_income,not_poor,middle_income,not_poor,A: middle_income (");
    /* The error message holds a comma: the field is quoted. */
    contains("out.txt", "\r\nH6,Xã B,poor,error,poor_by_income,,\"A: poor_by_income (");
}
END_TEST

START_TEST(diff_should_pass_expectations_that_hold)
{
    ck_assert_int_eq(run(FROM_TO "--expect 'no household moves from poor to not_poor' "
                         "--expect 'at most 5 households change' "
                         "--expect 'at least 2 households move from middle_income to poor' "
                         "--expect 'at most 1 household moves from poor to error' households.jsonl"), 0);
    ck_assert_str_eq(slurp("err.txt"), "");
}
END_TEST

START_TEST(diff_should_fail_an_expectation_with_exit_1_and_say_why)
{
    ck_assert_int_eq(run(FROM_TO "--lang en --expect 'at most 0 households change' households.jsonl"), 1);
    contains("err.txt", "expectation failed: \"at most 0 households change\": 5 households changed (H2, H3, H5, H6, H7)");
    contains("out.txt", "Transition matrix");
    ck_assert_int_eq(run(FROM_TO "--expect 'no household moves from middle_income to poor' households.jsonl"), 1);
    contains("err.txt", "kỳ vọng không đạt: \"no household moves from middle_income to poor\": 2 hộ chuyển từ middle_income sang poor (H2, H3)");
    ck_assert_int_eq(run(FROM_TO "--format json --expect 'at least 3 households move from middle_income to poor' "
                         "households.jsonl"), 1);
    contains("out.txt", "\"holds\":\tfalse");
}
END_TEST

START_TEST(diff_should_exit_2_on_a_bad_assertion_or_usage_and_3_on_io)
{
    ck_assert_int_eq(run(FROM_TO "--expect 'fewer households move' households.jsonl"), 2);
    contains("err.txt", "fewer households move");
    ck_assert_int_eq(run(FROM_TO "--expect 'no household moves from poor to rich' households.jsonl"), 2);
    ck_assert_int_eq(run(FROM_TO "--expect 'at most many households change' households.jsonl"), 2);
    ck_assert_int_eq(run("diff --from vn/2022-2025 households.jsonl"), 2);
    ck_assert_int_eq(run("diff --from vn/2022-2025 --to vn/1990 households.jsonl"), 2);
    ck_assert_int_eq(run(FROM_TO "--format xml households.jsonl"), 2);
    ck_assert_int_eq(run(FROM_TO "no-such-file.jsonl"), 3);
    ck_assert_int_eq(run("diff --help"), 0);
    contains("out.txt", "--expect");
}
END_TEST

START_TEST(diff_should_report_the_bundled_sample)
{
    char args[1024];
    cJSON *j;

    snprintf(args, sizeof args, FROM_TO "--format json '%s/vn/2022-2025/fixtures/sample-commune.jsonl'",
             source_rules());
    ck_assert_int_eq(run(args), 0);
    j = cJSON_Parse(slurp("out.txt"));
    ck_assert_int_eq(cJSON_GetObjectItem(j, "households")->valueint, 40);
    /* The sample's B1 scores have no method under 2027-2030: none of its poor stays poor. */
    ck_assert_int_eq(cell(cJSON_GetObjectItem(j, "matrix"), "poor", "poor"), 0);
    cJSON_Delete(j);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("diff");
    TCase *tc = tcase_create("diff");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, diff_should_count_the_transitions_the_decrees_give);
    tcase_add_test(tc, diff_should_count_per_commune_in_first_seen_order);
    tcase_add_test(tc, diff_should_give_the_deciding_provisions_and_thresholds_of_a_mover);
    tcase_add_test(tc, diff_should_write_csv_with_the_counts_and_one_row_per_mover);
    tcase_add_test(tc, diff_should_pass_expectations_that_hold);
    tcase_add_test(tc, diff_should_fail_an_expectation_with_exit_1_and_say_why);
    tcase_add_test(tc, diff_should_exit_2_on_a_bad_assertion_or_usage_and_3_on_io);
    tcase_add_test(tc, diff_should_report_the_bundled_sample);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
