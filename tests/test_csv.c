/*
** test_csv.c: households from CSV as spreadsheets write it. The reader itself
** (csv_read_households, the entry point fuzzing uses) on exact conversions of the Excel
** spellings, and the command end to end: the fixture pair (a Vietnamese Excel export and its
** JSON twin classify to identical bytes), one error record per bad row naming the cell,
** its column header and what it holds, quoting errors, headers, and JSON kept strict.
*/
#define _XOPEN_SOURCE 700 /* fmemopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "csv_cells.h"
#include "csv_columns.h"
#include "csv_input.h"

static char workdir[256];

static int run(const char *args, const char *input)
{
    return run_rasoat(workdir, args, input);
}

static const char *slurp(const char *name)
{
    return read_in(workdir, name);
}

static void contains(const char *name, const char *needle)
{
    expect_file_holds(workdir, name, needle);
}

static void setup(void)
{
    snprintf(workdir, sizeof workdir, "%s", tmp_dir());
}

/* {====================================================================
** The reader
** ===================================================================== */

typedef struct rows {
    int n;
    char text[16][1024];   /* record JSON, or "ERROR line kind field id: message" */
} rows;

static void collect(void *ud, const csv_item *item)
{
    rows *r = (rows *)ud;

    ck_assert_int_lt(r->n, 16);
    if (item->json != NULL)
        snprintf(r->text[r->n], sizeof r->text[r->n], "%ld %s", item->line, item->json);
    else
        snprintf(r->text[r->n], sizeof r->text[r->n], "ERROR %ld %s %s %s: %s", item->line, item->kind,
                 item->field ? item->field : "-", item->id ? item->id : "-", item->message);
    r->n++;
}

static int read_csv(const char *text, rasoat_lang lang, rows *r)
{
    FILE *f = fmemopen((void *)text, strlen(text), "rb");
    int status;

    ck_assert_ptr_nonnull(f);
    memset(r, 0, sizeof *r);
    status = csv_read_households(f, lang, collect, r);
    fclose(f);
    return status;
}

START_TEST(csv_reader_should_convert_excel_spellings_exactly)
{
    rows r;

    ck_assert_int_eq(read_csv("Mã hộ,Ngày rà soát,Mã tỉnh,Khu vực,Số nhân khẩu,Thu nhập bình quân đầu người/tháng,"
                              "Nguồn nước sinh hoạt,Việc làm,Bảo hiểm y tế,telecom,Mã xã\n"
                              "A,15/10/2024,1,Nông thôn,4,1.500.000,Có,Không,x,1,123\n"
                              "B,1/2/2024,62,Thành thị,1,\"1,500,000\",0,không,X,0,\n"
                              "C,2024-10-15,79,urban,2,1 500 000 đ,true,FALSE,,,\n", RASOAT_LANG_VI, &r), 0);
    ck_assert_int_eq(r.n, 3);
    ck_assert_str_eq(r.text[0], "2 {\"id\":\"A\",\"survey_date\":\"2024-10-15\",\"province\":\"01\",\"area\":\"rural\","
                                "\"size\":4,\"income_per_capita_month\":1500000,\"deprivations\":{\"water\":true,"
                                "\"employment\":false,\"health_insurance\":true,\"telecom\":true},\"commune_code\":\"00123\"}");
    ck_assert_str_eq(r.text[1], "3 {\"id\":\"B\",\"survey_date\":\"2024-02-01\",\"province\":\"62\",\"area\":\"urban\","
                                "\"size\":1,\"income_per_capita_month\":1500000,\"deprivations\":{\"water\":false,"
                                "\"employment\":false,\"health_insurance\":true,\"telecom\":false}}");
    ck_assert_str_eq(r.text[2], "4 {\"id\":\"C\",\"survey_date\":\"2024-10-15\",\"province\":\"79\",\"area\":\"urban\","
                                "\"size\":2,\"income_per_capita_month\":1500000,\"deprivations\":{\"water\":true,"
                                "\"employment\":false}}");
}
END_TEST

START_TEST(csv_reader_should_read_lists_statuses_and_livelihoods)
{
    rows r;

    ck_assert_int_eq(read_csv("id;Phân loại năm trước;Năm phân loại trước;Các năm trước;Nguyên nhân nghèo;Sinh kế chính;Chủ hộ là nữ\r\n"
                              "A;Cận nghèo;2023;2021: Nghèo; 2022: Cận nghèo;\"1; Ốm đau, tai nạn; no_skills\";Lâm nghiệp;Có\r\n",
                              RASOAT_LANG_VI, &r), 0);
    /* The ';' inside "2021: Nghèo; 2022: ..." is a cell separator here: the history cell
    ** holds "2021: Nghèo" only and " 2022: Cận nghèo" falls into the causes column. */
    ck_assert_int_eq(r.n, 1);
    ck_assert_msg(strncmp(r.text[0], "ERROR 2 invalid_field poverty_causes A: ô E2 (cột \"Nguyên nhân nghèo\")", 70) == 0, "%s", r.text[0]);
    ck_assert_int_eq(read_csv("id;Phân loại năm trước;Năm phân loại trước;Các năm trước;Nguyên nhân nghèo;Sinh kế chính;Chủ hộ là nữ\r\n"
                              "A;Cận nghèo;2023;\"2021: Nghèo; 2022: Cận nghèo\";\"1; Ốm đau, tai nạn; no_skills\";Lâm nghiệp;Có\r\n",
                              RASOAT_LANG_VI, &r), 0);
    ck_assert_str_eq(r.text[0], "2 {\"id\":\"A\",\"previous\":{\"status\":\"near_poor\",\"year\":2023},"
                                "\"history\":[{\"year\":2021,\"status\":\"poor\"},{\"year\":2022,\"status\":\"near_poor\"}],"
                                "\"poverty_causes\":[\"no_land\",\"illness\",\"no_skills\"],\"livelihood\":\"forestry\","
                                "\"female_head\":true}");
}
END_TEST

START_TEST(csv_money_should_be_whole_dong_or_refused)
{
    static const struct { const char *cell, *value; } cases[] = {
        {"1500000", "1500000"}, {"1.500.000", "1500000"}, {"1,500,000", "1500000"},
        {"1 500 000", "1500000"}, {"1.500.000 đ", "1500000"}, {"2000000VND", "2000000"},
        {"0", "0"}, {"9007199254740992", "9007199254740992"}, {"999", "999"},
        /* refused: a decimal part, broken groups, mixed separators, signs, past 2^53 */
        {"1,5", NULL}, {"1.50.000", NULL}, {"1.500,000", NULL}, {"1.5000", NULL}, {"-5", NULL},
        {"+5", NULL}, {"1.500.000,50", NULL}, {"9007199254740993", NULL}, {"1e6", NULL}, {".500", NULL},
        {"1.", NULL},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *expected = NULL;
        cJSON *v = csv_cell_value(CSV_MONEY, cases[i].cell, RASOAT_LANG_EN, &expected);

        if (cases[i].value == NULL) {
            ck_assert_msg(v == NULL, "'%s' was accepted", cases[i].cell);
            ck_assert_ptr_nonnull(strstr(expected, "1.500.000"));
        } else {
            ck_assert_msg(v != NULL, "'%s' was refused", cases[i].cell);
            ck_assert_str_eq(v->valuestring, cases[i].value);    /* raw integer text */
        }
        cJSON_Delete(v);
    }
}
END_TEST

START_TEST(csv_dates_flags_and_areas_should_accept_only_their_spellings)
{
    static const struct { csv_kind kind; const char *cell, *json; } cases[] = {
        {CSV_DATE, "15/10/2024", "\"2024-10-15\""}, {CSV_DATE, "5/1/2025", "\"2025-01-05\""},
        {CSV_DATE, "29/02/2024", "\"2024-02-29\""}, {CSV_DATE, "29/02/2023", NULL},
        {CSV_DATE, "10/15/2024", NULL}, {CSV_DATE, "15/10/24", NULL}, {CSV_DATE, "15.10.2024", NULL},
        {CSV_DATE, "15/+1/2024", NULL},
        {CSV_FLAG, "Có", "true"}, {CSV_FLAG, "KHÔNG", "false"}, {CSV_FLAG, "x", "true"},
        {CSV_FLAG, "TRUE", "true"}, {CSV_FLAG, "0", "false"}, {CSV_FLAG, "co", NULL}, {CSV_FLAG, "2", NULL},
        {CSV_AREA, "Nông thôn", "\"rural\""}, {CSV_AREA, "THÀNH THỊ", "\"urban\""}, {CSV_AREA, "Nong thon", NULL},
        {CSV_PROVINCE, "1", "\"01\""}, {CSV_PROVINCE, "062", NULL}, {CSV_COMMUNE_CODE, "31", "\"00031\""},
        {CSV_DECIMAL, "48,5", "48.5"}, {CSV_DECIMAL, "48", "48"}, {CSV_DECIMAL, "48.", NULL},
        {CSV_DECIMAL, "4.8.5", NULL}, {CSV_DECIMAL, "-1", NULL},
        {CSV_SIZE, "0", NULL}, {CSV_SIZE, "3", "3"}, {CSV_SCORE, "0", "0"}, {CSV_SCORE, "12.5", NULL},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *expected = NULL;
        cJSON *v = csv_cell_value(cases[i].kind, cases[i].cell, RASOAT_LANG_VI, &expected);
        char *printed = v ? cJSON_PrintUnformatted(v) : NULL;

        if (cases[i].json == NULL)
            ck_assert_msg(v == NULL, "'%s' was accepted as %s", cases[i].cell, printed);
        else
            ck_assert_msg(printed && strcmp(printed, cases[i].json) == 0, "'%s' gave %s, not %s",
                          cases[i].cell, printed ? printed : "nothing", cases[i].json);
        free(printed);
        cJSON_Delete(v);
    }
}
END_TEST

START_TEST(csv_reader_should_keep_line_numbers_across_quoted_newlines_and_blank_rows)
{
    rows r;

    ck_assert_int_eq(read_csv("\xef\xbb\xbfid,Thôn,Số nhân khẩu\r\n"
                              "\r\n"
                              "A,\"Thôn\r\nMột\",2\r\n"
                              ",,\r\n"
                              "B,Thôn 2,\"3\"\r\n", RASOAT_LANG_VI, &r), 0);
    ck_assert_int_eq(r.n, 2);
    ck_assert_str_eq(r.text[0], "3 {\"id\":\"A\",\"village\":\"Thôn\\r\\nMột\",\"size\":2}");
    ck_assert_str_eq(r.text[1], "6 {\"id\":\"B\",\"village\":\"Thôn 2\",\"size\":3}");
}
END_TEST

START_TEST(csv_reader_should_report_quoting_and_header_problems_per_row)
{
    rows r;

    ck_assert_int_eq(read_csv("id,Số nhân khẩu\nA,2\nB\"x,3\nC,4\n", RASOAT_LANG_EN, &r), 0);
    ck_assert_int_eq(r.n, 3);
    ck_assert_str_eq(r.text[1], "ERROR 3 invalid_csv - -: line 3: a misplaced quote \" keeps the row from being split into cells");
    ck_assert_str_eq(r.text[2], "4 {\"id\":\"C\",\"size\":4}");

    ck_assert_int_eq(read_csv("id,Số nhân khẩu\nA,2\nB,\"3\n", RASOAT_LANG_EN, &r), 0);
    ck_assert_int_eq(r.n, 2);
    ck_assert_str_eq(r.text[1], "ERROR 3 invalid_csv - -: line 3: a quote \" opened and never closed before the end of the file");

    ck_assert_int_eq(read_csv("id,Khu vực,area\nA,Nông thôn,rural\nB,,urban\n", RASOAT_LANG_EN, &r), 0);
    ck_assert_int_eq(r.n, 2);
    ck_assert_str_eq(r.text[0], "ERROR 2 invalid_csv - A: the header has two columns for field 'area': "
                                "column B \"Khu vực\" and column C \"area\"; remove one");
    ck_assert_ptr_nonnull(strstr(r.text[1], "ERROR 3 invalid_csv - B:"));

    ck_assert_int_eq(read_csv("id,Số nhân khẩu\nA,2,extra\n", RASOAT_LANG_VI, &r), 0);
    ck_assert_str_eq(r.text[0], "ERROR 2 invalid_csv - A: ô C2: dòng có nhiều ô hơn dòng tiêu đề (2 cột); ô này chứa \"extra\"");

    ck_assert_int_eq(read_csv("id,Khu vực\nA,\"N\xf4ng\"\n", RASOAT_LANG_VI, &r), 0);
    ck_assert_str_eq(r.text[0], "ERROR 2 invalid_field area A: ô B2 (cột \"Khu vực\"): không phải văn bản UTF-8; "
                                "trong Excel hãy lưu bằng \"CSV UTF-8\"");
    /* Excel's "sep=" line names the separator; the header follows it. */
    ck_assert_int_eq(read_csv("sep=|\r\nid|Số nhân khẩu\r\nA|2\r\n", RASOAT_LANG_VI, &r), 0);
    ck_assert_int_eq(r.n, 1);
    ck_assert_str_eq(r.text[0], "3 {\"id\":\"A\",\"size\":2}");
    /* Not a household header: nothing is read as CSV. */
    ck_assert_int_eq(read_csv("name,age\nAn,3\n", RASOAT_LANG_VI, &r), 1);
    ck_assert_int_eq(r.n, 0);
}
END_TEST

/* docs/formats.md shows the header table: every column, with its Vietnamese name. */
START_TEST(csv_columns_should_be_the_documented_table)
{
    char path[512], row[512];
    const csv_column *cols;
    size_t n, i;
    const char *doc;

    snprintf(path, sizeof path, "%s/../docs", getenv("RASOAT_TEST_DATA"));
    doc = read_in(path, "formats.md");
    cols = csv_columns(&n);
    for (i = 0; i < n; i++) {
        snprintf(row, sizeof row, "| `%s` | %s |", cols[i].field, cols[i].vi);
        ck_assert_msg(strstr(doc, row) != NULL, "docs/formats.md lacks the row \"%s\"", row);
    }
}
END_TEST

/* {====================================================================
** The command
** ===================================================================== */

/* The command's output for 'file' (a path relative to tests/), into workdir/name. */
static void classify_into(const char *file, const char *name)
{
    char args[1024];

    snprintf(args, sizeof args, "classify --quiet --output %s '%s/%s'", name, getenv("RASOAT_TEST_DATA"), file);
    ck_assert_int_eq(run(args, NULL), 0);
}

START_TEST(csv_fixture_pair_should_classify_like_its_json_twin)
{
    char expected[1 << 16], line[2048], path[512];
    FILE *f;
    int n = 0;

    classify_into("csv/sample-commune.csv", "from-csv.jsonl");
    contains("err.txt", "");
    snprintf(expected, sizeof expected, "%s", slurp("from-csv.jsonl"));
    classify_into("csv/sample-commune.twin.jsonl", "from-json.jsonl");
    ck_assert_str_eq(slurp("from-json.jsonl"), expected);
    /* Both give the bundled sample's expected class, household by household. */
    snprintf(path, sizeof path, "%s/vn/2022-2025/fixtures/sample-commune.expected.jsonl", source_rules());
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f)) {
        cJSON *want = cJSON_Parse(line);
        char needle[256];

        snprintf(needle, sizeof needle, "{\"id\":\"%s\",", str_field(want, "id"));
        ck_assert_msg(strstr(expected, needle) != NULL, "no result for %s", str_field(want, "id"));
        snprintf(needle + strlen(needle), sizeof needle - strlen(needle), "%s", "");
        {
            const char *at = strstr(expected, needle), *cls = strstr(at, "\"class\":\"");
            char want_cls[64];

            snprintf(want_cls, sizeof want_cls, "\"class\":\"%s\"", str_field(want, "class"));
            ck_assert_msg(cls != NULL && strncmp(cls, want_cls, strlen(want_cls)) == 0,
                          "%s: not %s", str_field(want, "id"), want_cls);
        }
        cJSON_Delete(want);
        n++;
    }
    fclose(f);
    ck_assert_int_eq(n, 40);
}
END_TEST

START_TEST(csv_bad_cells_should_give_one_error_record_each_naming_cell_column_and_value)
{
    cJSON *r;
    const char *out;
    int lines = 0;

    write_file(workdir, "h.csv",
               "Mã hộ;Ngày rà soát;Khu vực;Số nhân khẩu;Điểm B1\n"
               "A;15/10/2024;Nông thôn;3;180\n"
               "B;15/10/2024;Nong thon;3;180\n"
               "C;31/02/2024;Thành thị;3;180\n"
               "D;15/10/2024;Thành thị;ba;180\n"
               "E;15/10/2024;Thành thị;2;180\n");
    ck_assert_int_eq(run("classify --quiet h.csv", NULL), 1);
    out = slurp("out.txt");
    for (; (out = strchr(out, '\n')) != NULL; out++)
        lines++;
    ck_assert_int_eq(lines, 5);
    contains("out.txt", "{\"id\":\"B\",\"line\":3,\"error\":{\"code\":\"invalid_field\",\"field\":\"area\","
                        "\"message\":\"ô C3 (cột \\\"Khu vực\\\"): không đọc được \\\"Nong thon\\\"; cần Nông thôn hoặc Thành thị\"}}");
    contains("out.txt", "{\"id\":\"C\",\"line\":4,\"error\":{\"code\":\"invalid_field\",\"field\":\"survey_date\"");
    contains("out.txt", "ô B4 (cột \\\"Ngày rà soát\\\"): không đọc được \\\"31/02/2024\\\"");
    contains("out.txt", "{\"id\":\"D\",\"line\":5,");
    contains("out.txt", "ô D5 (cột \\\"Số nhân khẩu\\\"): không đọc được \\\"ba\\\"; cần số nguyên từ 1 trở lên");
    r = cJSON_Parse(strrchr(slurp("out.txt"), '{') ? strstr(slurp("out.txt"), "{\"id\":\"E\"") : "");
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    /* The columns that name no field are said once, on stderr. */
    write_file(workdir, "n.csv", "STT,id,Ngày rà soát,Khu vực,Số nhân khẩu,Điểm B1,Ghi chú\n1,A,15/10/2024,Nông thôn,3,180,x\n");
    ck_assert_int_eq(run("--lang en classify n.csv", NULL), 0);
    contains("err.txt", "rasoat classify: these columns name no field of a household and are ignored: \"STT\", \"Ghi chú\"\n");
}
END_TEST

START_TEST(csv_should_be_read_by_explain_and_diff_and_json_stays_strict)
{
    char args[1024];

    snprintf(args, sizeof args, "--lang en explain --id DRN-T2-001 '%s/csv/sample-commune.csv'", getenv("RASOAT_TEST_DATA"));
    ck_assert_int_eq(run(args, NULL), 0);
    contains("out.txt", "Household DRN-T2-001");
    snprintf(args, sizeof args, "diff --format json --from vn/2022-2025 --to vn/2027-2030 '%s/csv/sample-commune.csv'",
             getenv("RASOAT_TEST_DATA"));
    ck_assert_int_eq(run(args, NULL), 0);
    contains("out.txt", "\"households\":\t40,");
    /* A CSV from standard input, told apart by its header. */
    ck_assert_int_eq(run("classify --quiet", "id;Ngày rà soát;Khu vực;Số nhân khẩu;Điểm B1\nA;15/10/2024;Nông thôn;3;180\n"), 0);
    contains("out.txt", "{\"id\":\"A\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":3,\"class\":\"not_poor\"");
    ck_assert_int_eq(run("classify --quiet", "sep=;\nid;Ngày rà soát;Khu vực;Số nhân khẩu;Điểm B1\nA;15/10/2024;Nông thôn;3;x\n"), 1);
    contains("out.txt", "{\"id\":\"A\",\"line\":3,\"error\":{\"code\":\"invalid_field\",\"field\":\"b1_score\"");
    /* JSON keeps its strict spellings. */
    ck_assert_int_eq(run("--lang en classify --quiet",
                         "{\"id\":\"A\",\"survey_date\":\"15/10/2024\",\"area\":\"rural\",\"size\":3,\"b1_score\":180}\n"), 1);
    contains("out.txt", "\"field\":\"survey_date\"");
    /* A first line that is neither JSON nor a household header stays one JSON Lines error. */
    ck_assert_int_eq(run("classify --quiet",
                         "junk\n{\"id\":\"A\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":3,\"b1_score\":180}\n"), 1);
    contains("out.txt", "{\"id\":null,\"line\":1,\"error\":{\"code\":\"invalid_json\"");
    contains("out.txt", "\n{\"id\":\"A\",");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *reader = tcase_create("reader"), *cmd = tcase_create("command");

    tcase_add_test(reader, csv_reader_should_convert_excel_spellings_exactly);
    tcase_add_test(reader, csv_reader_should_read_lists_statuses_and_livelihoods);
    tcase_add_test(reader, csv_money_should_be_whole_dong_or_refused);
    tcase_add_test(reader, csv_dates_flags_and_areas_should_accept_only_their_spellings);
    tcase_add_test(reader, csv_reader_should_keep_line_numbers_across_quoted_newlines_and_blank_rows);
    tcase_add_test(reader, csv_reader_should_report_quoting_and_header_problems_per_row);
    tcase_add_test(reader, csv_columns_should_be_the_documented_table);
    suite_add_tcase(s, reader);
    tcase_add_checked_fixture(cmd, setup, NULL);
    tcase_add_test(cmd, csv_fixture_pair_should_classify_like_its_json_twin);
    tcase_add_test(cmd, csv_bad_cells_should_give_one_error_record_each_naming_cell_column_and_value);
    tcase_add_test(cmd, csv_should_be_read_by_explain_and_diff_and_json_stays_strict);
    suite_add_tcase(s, cmd);
    return run_suite(s);
}
