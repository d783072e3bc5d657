/*
** test_report.c: the report engine of 'rasoat report' (cli/report_*.c) on small layouts
** written here: conditions, per-unit counting, formulas, rates rounded half up, the
** identity checks, roll-up equality (a report merged from partial counters equals the
** report of all results), empty units, units with no poor household, and the external
** merge sort of the lists.
*/
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "report.h"
#include "report_spool.h"

/* A layout with one form of the shape of 7.2 and one of 7.1, and one list. */
static const char layout_json[] =
    "{\"id\":\"t/1\",\"version\":\"1\",\"sha256\":\"ab\","
    "\"indicators\":[{\"code\":\"water\",\"label\":{\"vi\":\"Nước\",\"en\":\"Water\"}}],"
    "\"transitions\":[],"
    "\"report_forms\":["
    "{\"id\":\"7.2\",\"title\":{\"vi\":\"T\",\"en\":\"T\"},\"citation\":\"c\",\"status\":\"SECONDARY\","
    " \"kinds\":[{\"key\":\"households\",\"label\":{\"vi\":\"Hộ\",\"en\":\"H\"},\"measure\":\"households\"},"
    "          {\"key\":\"persons\",\"label\":{\"vi\":\"NK\",\"en\":\"P\"},\"measure\":\"persons\"}],"
    " \"columns\":["
    "  {\"key\":\"start\",\"label\":{\"vi\":\"a\",\"en\":\"a\"},\"count\":{\"transition\":[\"stayed_poor\",\"escaped_poverty\"]}},"
    "  {\"key\":\"out\",\"label\":{\"vi\":\"b\",\"en\":\"b\"},\"count\":{\"transition\":\"escaped_poverty\",\"change\":{\"except\":[\"died\"]}}},"
    "  {\"key\":\"removed\",\"label\":{\"vi\":\"c\",\"en\":\"c\"},\"count\":{\"transition\":[\"stayed_poor\",\"escaped_poverty\"],\"change\":\"died\"}},"
    "  {\"key\":\"new\",\"label\":{\"vi\":\"d\",\"en\":\"d\"},\"count\":{\"transition\":\"new_poor\",\"change\":{\"except\":[\"died\"]}}},"
    "  {\"key\":\"end\",\"label\":{\"vi\":\"e\",\"en\":\"e\"},\"formula\":\"start - out - removed + new\"},"
    "  {\"key\":\"listed\",\"hidden\":true,\"label\":{\"vi\":\"f\",\"en\":\"f\"},\"count\":{\"class\":\"poor\",\"change\":{\"except\":[\"died\"]}}}],"
    " \"checks\":[{\"left\":\"end\",\"op\":\"=\",\"right\":\"listed\",\"label\":{\"vi\":\"i\",\"en\":\"i\"}}]},"
    "{\"id\":\"7.1\",\"title\":{\"vi\":\"S\",\"en\":\"S\"},\"citation\":\"c\",\"status\":\"SECONDARY\","
    " \"columns\":["
    "  {\"key\":\"households\",\"label\":{\"vi\":\"a\",\"en\":\"a\"},\"population\":\"households\"},"
    "  {\"key\":\"poor\",\"label\":{\"vi\":\"b\",\"en\":\"b\"},\"count\":{\"class\":\"poor\"}},"
    "  {\"key\":\"rate\",\"label\":{\"vi\":\"c\",\"en\":\"c\"},\"rate\":[\"poor\",\"households\"]},"
    "  {\"key\":\"water\",\"label\":{\"vi\":\"d\",\"en\":\"d\"},\"count\":{\"class\":\"poor\",\"deprived\":\"water\",\"meritorious\":true}}]}"
    "],"
    "\"report_lists\":[{\"id\":\"poor\",\"title\":{\"vi\":\"DS\",\"en\":\"L\"},\"citation\":\"c\",\"status\":\"CONFIRMED\","
    " \"where\":{\"class\":\"poor\"},\"columns\":[{\"field\":\"id\",\"label\":{\"vi\":\"Mã\",\"en\":\"Code\"}}]}]}";

static report_layout layout;

static void read_layout(void)
{
    cJSON *rules = cJSON_Parse(layout_json);
    char why[512];

    ck_assert_ptr_nonnull(rules);
    ck_assert_msg(report_layout_read(rules, NULL, RASOAT_LANG_EN, &layout, why, sizeof why), "%s", why);
    cJSON_Delete(rules);
}

/* Count the result 'json' into 't'. */
static void count(report_tally *t, const char *json)
{
    cJSON *r = cJSON_Parse(json);
    const cJSON *fields[32];
    size_t i;

    ck_assert_ptr_nonnull(r);
    for (i = 0; i < t->layout->nfields; i++)
        fields[i] = cJSON_GetObjectItemCaseSensitive(r, t->layout->fields[i]);
    ck_assert(report_count(t, r, fields));
    cJSON_Delete(r);
}

#define RESULT(village, area, size, cls, transition, extra) \
    "{\"commune\":\"X\",\"village\":\"" village "\",\"area\":\"" area "\",\"size\":" #size \
    ",\"class\":\"" cls "\",\"transition\":\"" transition "\"" extra "}"

/* Cells of 'form' for the unit named 'unit' (NULL: the total), kind 'kind'. */
static void cells_of(const report_tally *t, size_t form, const char *unit, size_t kind,
                     report_cell *cells)
{
    report_row row;
    size_t u;

    memset(&row, 0, sizeof row);
    row.area = 2;
    row.kind = kind;
    for (u = 0; unit != NULL && u < t->nunits; u++)
        if (strcmp(report_unit_name(t, &t->units[u]), unit) == 0)
            row.unit = &t->units[u];
    ck_assert(unit == NULL || row.unit != NULL);
    if (row.unit != NULL)
        row.area = row.unit->area;
    report_cells(t, form, &row, cells);
}

static void count_sample(report_tally *t)
{
    count(t, RESULT("Thôn 1", "rural", 4, "poor", "stayed_poor", ""));
    count(t, RESULT("Thôn 1", "rural", 3, "not_poor", "escaped_poverty", ""));
    count(t, RESULT("Thôn 1", "rural", 1, "poor", "stayed_poor", ",\"change\":\"died\""));
    count(t, RESULT("Thôn 2", "rural", 5, "poor", "new_poor", ",\"deprived\":[\"water\"],\"meritorious\":true"));
    count(t, RESULT("Tổ 1", "urban", 2, "not_poor", "not_listed", ""));
}

START_TEST(report_should_read_the_layout_and_sort_forms_by_number)
{
    read_layout();
    ck_assert_uint_eq(layout.nforms, 2);
    ck_assert_str_eq(layout.forms[0].id, "7.1");
    ck_assert_str_eq(layout.forms[1].id, "7.2");
    ck_assert_uint_eq(layout.forms[1].nkinds, 2);
    ck_assert_int_eq(layout.forms[1].cols[4].type, COL_FORMULA);
    ck_assert_uint_eq(layout.forms[1].cols[4].nterms, 4);
    ck_assert_int_eq(layout.forms[1].cols[4].terms[2].sign, -1);
    ck_assert_uint_eq(layout.nlists, 1);
    report_layout_free(&layout);
}
END_TEST

START_TEST(report_should_refuse_a_formula_naming_an_unknown_column)
{
    const char *bad = "{\"id\":\"t\",\"report_forms\":[{\"id\":\"7.2\",\"file\":\"f.lua\",\"line\":3,"
                      "\"title\":{\"vi\":\"T\",\"en\":\"T\"},\"citation\":\"c\",\"status\":\"S\","
                      "\"columns\":[{\"key\":\"end\",\"label\":{\"vi\":\"e\",\"en\":\"e\"},\"formula\":\"start - x\"}]}]}";
    cJSON *rules = cJSON_Parse(bad);
    char why[512];

    ck_assert(!report_layout_read(rules, NULL, RASOAT_LANG_EN, &layout, why, sizeof why));
    ck_assert_msg(strstr(why, "form 7.2 (f.lua:3)") && strstr(why, "'formula'") && strstr(why, "'start'"), "%s", why);
    report_layout_free(&layout);
    cJSON_Delete(rules);
}
END_TEST

START_TEST(report_should_count_each_household_in_its_columns)
{
    report_tally t;
    report_cell c[8];

    read_layout();
    report_tally_init(&t, &layout, LEVEL_COMMUNE);
    count_sample(&t);
    ck_assert_uint_eq(t.nunits, 3);
    /* 7.2 (form 1) total, households: start = 3 listed poor at the start (two stayed, one
    ** escaped); out = 1 escaped; removed = 1 died; new = 1; end = 3 - 1 - 1 + 1 = 2 =
    ** the poor households that did not die. */
    cells_of(&t, 1, NULL, 0, c);
    ck_assert_int_eq(c[0].value, 3);
    ck_assert_int_eq(c[1].value, 1);
    ck_assert_int_eq(c[2].value, 1);
    ck_assert_int_eq(c[3].value, 1);
    ck_assert_int_eq(c[4].value, 2);
    ck_assert(!c[4].empty);
    ck_assert_int_eq(c[5].value, 2);
    ck_assert(report_check_holds(&layout.forms[1].checks[0], c));
    /* Persons: start 4 + 3 + 1 = 8, end 8 - 3 - 1 + 5 = 9 = 4 + 5. */
    cells_of(&t, 1, NULL, 1, c);
    ck_assert_int_eq(c[0].value, 8);
    ck_assert_int_eq(c[4].value, 9);
    ck_assert_int_eq(c[5].value, 9);
    /* A unit: Thôn 2 has only the new poor household; 7.1's column 'water' needs the
    ** deprivation, the class and the meritorious flag together. */
    cells_of(&t, 0, "Thôn 2", 0, c);
    ck_assert_int_eq(c[1].value, 1);
    ck_assert_int_eq(c[3].value, 1);
    cells_of(&t, 0, "Thôn 1", 0, c);
    ck_assert_int_eq(c[3].value, 0);
    report_tally_free(&t);
    report_layout_free(&layout);
}
END_TEST

START_TEST(report_should_say_when_an_identity_fails)
{
    report_tally t;
    report_cell c[8];

    read_layout();
    report_tally_init(&t, &layout, LEVEL_COMMUNE);
    count_sample(&t);
    /* A partial report edited by hand: one more poor household listed than the
    ** movements explain. */
    report_add(&t, 1, 0, 0, 5, 1);
    cells_of(&t, 1, "Thôn 1", 0, c);
    ck_assert(!report_check_holds(&layout.forms[1].checks[0], c));
    report_tally_free(&t);
    report_layout_free(&layout);
}
END_TEST

START_TEST(report_should_round_rates_half_up_to_two_decimals)
{
    /* hundredths of a percent */
    ck_assert_int_eq(report_rate(1, 3), 3333);      /* 33.333... -> 33.33 */
    ck_assert_int_eq(report_rate(2, 3), 6667);      /* 66.666... -> 66.67 */
    ck_assert_int_eq(report_rate(1, 8), 1250);      /* 12.5 exactly */
    ck_assert_int_eq(report_rate(1, 80000), 0);     /* 0.00125 -> 0.00 */
    ck_assert_int_eq(report_rate(1, 40000), 0);     /* 0.0025 -> 0.00 (half of a hundredth is 0.005) */
    ck_assert_int_eq(report_rate(1, 20000), 1);     /* 0.005 -> 0.01: half up */
    ck_assert_int_eq(report_rate(7, 7), 10000);
    ck_assert_int_eq(report_rate(815101, 27819147), 293);  /* KT-134: 2.93 % */
}
END_TEST

START_TEST(report_should_leave_rates_empty_without_population)
{
    report_tally t;
    report_cell c[8];

    read_layout();
    report_tally_init(&t, &layout, LEVEL_COMMUNE);
    count_sample(&t);
    cells_of(&t, 0, NULL, 0, c);
    ck_assert(c[0].empty);
    ck_assert(c[2].empty);
    /* With every unit's population: 3 poor (two in Thôn 1, one in Thôn 2) of 40. */
    t.units[0].has_population = t.units[1].has_population = t.units[2].has_population = 1;
    t.units[0].population[0] = 10;
    t.units[1].population[0] = 20;
    t.units[2].population[0] = 10;
    cells_of(&t, 0, NULL, 0, c);
    ck_assert_int_eq(c[0].value, 40);
    ck_assert_int_eq(c[1].value, 3);
    ck_assert_int_eq(c[2].value, 750);
    /* One unit without: the total's rate is empty again, the unit's rate is not. */
    t.units[2].has_population = 0;
    cells_of(&t, 0, NULL, 0, c);
    ck_assert(c[2].empty);
    cells_of(&t, 0, "Thôn 1", 0, c);
    ck_assert_int_eq(c[2].value, 2000);
    report_tally_free(&t);
    report_layout_free(&layout);
}
END_TEST

START_TEST(report_should_give_zero_rows_for_units_with_no_poor)
{
    report_tally t;
    report_cell c[8];

    read_layout();
    report_tally_init(&t, &layout, LEVEL_COMMUNE);
    count_sample(&t);
    cells_of(&t, 1, "Tổ 1", 0, c);
    ck_assert_int_eq(c[0].value, 0);
    ck_assert_int_eq(c[4].value, 0);
    ck_assert(!c[4].empty);
    ck_assert(report_check_holds(&layout.forms[1].checks[0], c));
    /* A rate over zero poor households is empty, not 0 or a division by zero. */
    t.units[2].has_population = 1;
    t.units[2].population[0] = 0;
    cells_of(&t, 0, "Tổ 1", 0, c);
    ck_assert(c[2].empty);
    report_tally_free(&t);
    report_layout_free(&layout);
}
END_TEST

START_TEST(report_should_give_an_empty_report_with_zero_totals)
{
    report_tally t;
    report_cell c[8];

    read_layout();
    report_tally_init(&t, &layout, LEVEL_COMMUNE);
    ck_assert_uint_eq(t.nunits, 0);
    cells_of(&t, 1, NULL, 0, c);
    ck_assert_int_eq(c[0].value, 0);
    ck_assert_int_eq(c[4].value, 0);
    report_tally_free(&t);
    report_layout_free(&layout);
}
END_TEST

/* Merge 'from' (a partial report's unit rows) into 'into', as report.c does with the unit
** rows of a lower unit's report file. */
static void merge(report_tally *into, const report_tally *from)
{
    size_t f, u, k, c;

    for (u = 0; u < from->nunits; u++) {
        long v = report_unit_of(into, (const char *const *)from->units[u].place, from->units[u].area);

        ck_assert_int_ge(v, 0);
        for (f = 0; f < from->layout->nforms; f++) {
            const report_form *form = &from->layout->forms[f];
            report_row row;
            report_cell cells[8];

            for (k = 0; k < form->nkinds; k++) {
                memset(&row, 0, sizeof row);
                row.unit = &from->units[u];
                row.area = from->units[u].area;
                row.kind = k;
                report_cells(from, f, &row, cells);
                for (c = 0; c < form->ncols; c++)
                    if (form->cols[c].type == COL_COUNT)
                        report_add(into, f, (size_t)v, k, c, cells[c].value);
            }
        }
    }
}

START_TEST(report_should_roll_up_partial_reports_to_the_same_cells)
{
    report_tally all, part1, part2, rolled;
    report_cell a[8], b[8];
    size_t f, k, c;
    int area;

    read_layout();
    report_tally_init(&all, &layout, LEVEL_PROVINCE);
    report_tally_init(&part1, &layout, LEVEL_COMMUNE);
    report_tally_init(&part2, &layout, LEVEL_COMMUNE);
    report_tally_init(&rolled, &layout, LEVEL_PROVINCE);
    count_sample(&all);
    count_sample(&part1);
    count(&all, "{\"commune\":\"Y\",\"village\":\"Thôn 1\",\"area\":\"rural\",\"size\":2,\"class\":\"poor\",\"transition\":\"new_poor\"}");
    count(&part2, "{\"commune\":\"Y\",\"village\":\"Thôn 1\",\"area\":\"rural\",\"size\":2,\"class\":\"poor\",\"transition\":\"new_poor\"}");
    merge(&rolled, &part1);
    merge(&rolled, &part2);
    ck_assert_uint_eq(rolled.nunits, all.nunits);
    for (f = 0; f < layout.nforms; f++)
        for (k = 0; k < layout.forms[f].nkinds; k++)
            for (area = 0; area <= 2; area++) {
                report_row row;

                memset(&row, 0, sizeof row);
                row.area = area;
                row.kind = k;
                report_cells(&all, f, &row, a);
                report_cells(&rolled, f, &row, b);
                for (c = 0; c < layout.forms[f].ncols; c++) {
                    ck_assert_int_eq(a[c].value, b[c].value);
                    ck_assert_int_eq(a[c].empty, b[c].empty);
                }
            }
    cells_of(&rolled, 1, "Y", 0, b);
    ck_assert_int_eq(b[3].value, 1);
    report_tally_free(&all);
    report_tally_free(&part1);
    report_tally_free(&part2);
    report_tally_free(&rolled);
    report_layout_free(&layout);
}
END_TEST

typedef struct collected {
    char last[64];
    int n, sorted;
} collected;

static int collect(void *ctx, char *line, size_t len)
{
    collected *c = (collected *)ctx;

    ck_assert_uint_eq(strlen(line), len);
    if (c->n > 0 && strcmp(c->last, line) > 0)
        c->sorted = 0;
    snprintf(c->last, sizeof c->last, "%s", line);
    c->n++;
    return 1;
}

START_TEST(report_should_sort_lists_through_runs_on_disk)
{
    report_spool s;
    collected c = {"", 0, 1};
    char line[32];
    int i;

    report_spool_init(&s, 512);     /* a few lines per run */
    for (i = 0; i < 1000; i++) {
        int n = snprintf(line, sizeof line, "%04d\x01row", (i * 7919) % 1000);

        ck_assert(report_spool_add(&s, line, (size_t)n));
    }
    ck_assert_uint_gt(report_spool_runs(&s), 10);
    ck_assert(report_spool_drain(&s, collect, &c));
    ck_assert_int_eq(c.n, 1000);
    ck_assert(c.sorted);
    ck_assert_str_eq(c.last, "0999\x01row");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("engine");

    tcase_add_test(tc, report_should_read_the_layout_and_sort_forms_by_number);
    tcase_add_test(tc, report_should_refuse_a_formula_naming_an_unknown_column);
    tcase_add_test(tc, report_should_count_each_household_in_its_columns);
    tcase_add_test(tc, report_should_say_when_an_identity_fails);
    tcase_add_test(tc, report_should_round_rates_half_up_to_two_decimals);
    tcase_add_test(tc, report_should_leave_rates_empty_without_population);
    tcase_add_test(tc, report_should_give_zero_rows_for_units_with_no_poor);
    tcase_add_test(tc, report_should_give_an_empty_report_with_zero_totals);
    tcase_add_test(tc, report_should_roll_up_partial_reports_to_the_same_cells);
    tcase_add_test(tc, report_should_sort_lists_through_runs_on_disk);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
