/*
** test_admin_units.c: the administrative-units table (rules/places/admin-units.tsv): its
** counts against the figures of the reform, lookups by code and date in both directions,
** the engine's lookup API for reports, and clear errors for a malformed table.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin_units.h"
#include "common.h"
#include "date.h"

static admin_units table;

static void load_bundled(void)
{
    rasoat_error err;

    ck_assert_int_eq(admin_units_load(&table, source_rules(), RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert(admin_units_loaded(&table));
}

static void unload(void)
{
    admin_units_free(&table);
}

static int32_t day(const char *date)
{
    int32_t d;

    ck_assert(date_parse(date, &d));
    return d;
}

/* Resolution 202/2025/QH15: 63 provinces became 34; Decision 19/2025/QĐ-TTg: 3,321 commune
** codes from 2025-07-01; the mapping lists 10,047 former communes (the official count is
** 10,035: rules/places/README.md says why the table keeps 10,047). */
START_TEST(table_should_hold_the_counts_of_the_reform)
{
    ck_assert_str_eq(table.reform_date, "2025-07-01");
    ck_assert_uint_eq(table.provinces_before, 63);
    ck_assert_uint_eq(table.provinces_after, 34);
    ck_assert_uint_eq(table.communes_before, 10047);
    ck_assert_uint_eq(table.communes_after, 3321);
}
END_TEST

START_TEST(table_should_read_a_province_code_by_date)
{
    const admin_unit *u;

    ck_assert_str_eq(admin_province_on(&table, "62", day("2024-10-01"))->name, "Tỉnh Kon Tum");
    ck_assert_str_eq(admin_province_on(&table, "62", day("2025-06-30"))->name, "Tỉnh Kon Tum");
    ck_assert_ptr_null(admin_province_on(&table, "62", day("2025-07-01")));
    u = admin_province_last(&table, "62");
    ck_assert_str_eq(u->successor, "51");
    /* Surviving codes that name a different, larger province after the reform. */
    ck_assert_str_eq(admin_province_on(&table, "15", day("2025-06-30"))->name, "Tỉnh Yên Bái");
    ck_assert_str_eq(admin_province_on(&table, "15", day("2025-07-01"))->name, "Tỉnh Lào Cai");
    ck_assert_str_eq(admin_province_on(&table, "24", day("2026-01-01"))->name, "Tỉnh Bắc Ninh");
    ck_assert_str_eq(admin_province_on(&table, "51", day("2026-01-01"))->name, "Tỉnh Quảng Ngãi");
    ck_assert_str_eq(admin_province_on(&table, "20", day("2020-01-01"))->name, "Tỉnh Lạng Sơn");
    ck_assert_str_eq(admin_province_on(&table, "20", day("2026-01-01"))->name, "Tỉnh Lạng Sơn");
    ck_assert_ptr_null(admin_province_on(&table, "03", day("2024-01-01")));
    ck_assert_ptr_null(admin_province_last(&table, "03"));
}
END_TEST

START_TEST(table_should_name_the_former_provinces_of_a_new_one)
{
    char buf[64];

    ck_assert_int_eq(admin_predecessors(&table, "51", buf, sizeof buf), 2);
    ck_assert_str_eq(buf, "51,62");
    ck_assert_int_eq(admin_predecessors(&table, "79", buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "74,77,79");
    ck_assert_int_eq(admin_predecessors(&table, "75", buf, sizeof buf), 2);
    ck_assert_str_eq(buf, "70,75");
    ck_assert_int_eq(admin_predecessors(&table, "20", buf, sizeof buf), 1);
    ck_assert_str_eq(buf, "20");
    ck_assert_int_eq(admin_predecessors(&table, "62", buf, sizeof buf), 0);
}
END_TEST

START_TEST(table_should_map_communes_old_to_new_and_new_to_old)
{
    const admin_unit *old = admin_commune_on(&table, "23293", day("2024-10-01"));
    const admin_unit *now = admin_commune_on(&table, "23293", day("2026-03-10"));

    /* Phường Kon Tum (23293) took in five wards of Kon Tum city, one of them Thắng Lợi,
    ** whose code it kept (admin-reform.md §3). */
    ck_assert_str_eq(old->name, "Phường Thắng Lợi");
    ck_assert_str_eq(old->province, "62");
    ck_assert_str_eq(old->links, "23293");
    ck_assert_str_eq(now->name, "Phường Kon Tum");
    ck_assert_str_eq(now->province, "51");
    ck_assert_str_eq(now->former, "62");
    ck_assert_str_eq(now->links, "23281,23287,23290,23293,23299");
    /* Đắk Rơ Nga's code is closed; it went into Xã Ngọk Tụ. */
    ck_assert_ptr_null(admin_commune_on(&table, "23427", day("2025-07-01")));
    ck_assert_str_eq(admin_commune_last(&table, "23427")->links, "23428");
    /* A commune formed from two former provinces (Đồng Tháp 87, An Giang 89). */
    ck_assert_str_eq(admin_commune_on(&table, "30259", day("2026-01-01"))->former, "87,89");
    /* Sông Hinh took in the former town Hai Riêng. */
    ck_assert(admin_commune_on(&table, "22207", day("2026-01-01"))->flags & ADMIN_TOOK_TOWN);
    ck_assert(admin_commune_on(&table, "22207", day("2025-01-01"))->flags & ADMIN_WAS_TOWN);
    ck_assert(admin_list_has("87,89", "89"));
    ck_assert(!admin_list_has("87,89", "8"));
}
END_TEST

START_TEST(engine_should_give_reports_names_by_code_and_date)
{
    rasoat_engine *e = open_engine(source_rules(), 0, 0);

    ck_assert_str_eq(rasoat_place_name(e, "51", "2026-03-01"), "Tỉnh Quảng Ngãi");
    ck_assert_str_eq(rasoat_place_name(e, "62", "2024-10-01"), "Tỉnh Kon Tum");
    ck_assert_ptr_null(rasoat_place_name(e, "62", "2026-03-01"));
    ck_assert_str_eq(rasoat_place_name(e, "23428", "2026-03-01"), "Xã Ngọk Tụ");
    ck_assert_str_eq(rasoat_place_name(e, "23427", "2024-10-01"), "Xã Đắk Rơ Nga");
    ck_assert_ptr_null(rasoat_place_name(e, "23427", "2026-03-01"));
    ck_assert_ptr_null(rasoat_place_name(e, "51", "2026-02-30"));
    ck_assert_str_eq(rasoat_place_province(e, "25294", "2026-03-01"), "75");
    ck_assert_str_eq(rasoat_place_province(e, "25294", "2025-06-30"), "70");
    ck_assert_int_eq(rasoat_districts_on(e, "2025-06-30"), 1);
    ck_assert_int_eq(rasoat_districts_on(e, "2025-07-01"), 0);
    rasoat_close(e);
}
END_TEST

START_TEST(engine_without_a_table_should_say_it_has_none)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;

    write_ruleset(dir, "vn", "vn", NULL, NULL);
    e = open_engine(dir, 0, 0);
    ck_assert_int_eq(rasoat_districts_on(e, "2026-01-01"), -1);
    ck_assert_ptr_null(rasoat_place_name(e, "51", "2026-01-01"));
    rasoat_close(e);
}
END_TEST

START_TEST(table_should_refuse_a_malformed_line_with_its_place)
{
    const char *dir = tmp_dir();
    char path[1024], fifo[1100];
    admin_units t;
    rasoat_error err;

    snprintf(path, sizeof path, "%s", dir);
    ck_assert_int_eq(admin_units_load(&t, path, RASOAT_LANG_EN, &err), RASOAT_OK);  /* none */
    ck_assert(!admin_units_loaded(&t));
    write_file(path, ADMIN_UNITS_FILE, "# comment\nR\t2025-07-01\nP\t62\t\t2025-06-30\tTỉnh Kon Tum\t51\n"
                                       "C\t2329\t\t2025-06-30\tPhường Thắng Lợi\t62\t\t\t23293\n");
    ck_assert_int_eq(admin_units_load(&t, path, RASOAT_LANG_EN, &err), RASOAT_E_LOAD);
    ck_assert_int_eq(err.line, 4);
    ck_assert_msg(strstr(err.message, "C CODE FROM TO NAME") != NULL, "%s", err.message);
    ck_assert(!admin_units_loaded(&t));
    /* A FIFO in its place is refused, not waited on, as for rule files. */
    snprintf(fifo, sizeof fifo, "%s/%s", path, ADMIN_UNITS_FILE);
    ck_assert_int_eq(unlink(fifo), 0);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(admin_units_load(&t, path, RASOAT_LANG_EN, &err), RASOAT_E_LOAD);
    ck_assert_str_eq(err.kind, "read");
    ck_assert(!admin_units_loaded(&t));
}
END_TEST

/* Engines hold one shared copy per content: the rules directory's and a copy of it in
** another directory (as a log's archive holds) are the same table; other bytes are not;
** the last release frees it (ASan's leak check holds that), and no file is no units. */
START_TEST(table_should_be_shared_by_content)
{
    const char *dir = tmp_dir();
    char copy[1024], other[1100], cmd[3300];
    const admin_units *a, *b, *c, *d, *none;
    rasoat_error err;

    snprintf(copy, sizeof copy, "%s/copy", dir);
    snprintf(other, sizeof other, "%s/other", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/places' && cp '%s/%s' '%s/places/'", copy, source_rules(),
             ADMIN_UNITS_FILE, copy);
    ck_assert_int_eq(system(cmd), 0);
    write_file(other, ADMIN_UNITS_FILE, "R\t2025-07-01\nP\t62\t\t2025-06-30\tTỉnh Kon Tum\t51\n");
    ck_assert_int_eq(admin_units_acquire(&a, source_rules(), RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert_int_eq(admin_units_acquire(&b, source_rules(), RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert_int_eq(admin_units_acquire(&c, copy, RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert_int_eq(admin_units_acquire(&d, other, RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert_int_eq(admin_units_acquire(&none, dir, RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert(a == b && a == c && a != d);
    ck_assert(admin_units_loaded(a) && admin_units_loaded(d) && !admin_units_loaded(none));
    ck_assert_uint_eq(a->provinces_after, 34);
    ck_assert_ptr_nonnull(admin_province_on(d, "62", day("2025-01-01")));
    ck_assert_ptr_null(admin_province_on(a, "99", day("2025-01-01")));
    admin_units_release(a);
    admin_units_release(b);
    ck_assert_ptr_nonnull(admin_province_on(c, "62", day("2025-01-01")));  /* still held */
    admin_units_release(c);
    admin_units_release(d);
    admin_units_release(none);
    /* Freed with its last holder: read again, the same bytes load afresh. */
    ck_assert_int_eq(admin_units_acquire(&a, copy, RASOAT_LANG_EN, &err), RASOAT_OK);
    ck_assert(admin_units_loaded(a));
    admin_units_release(a);
}
END_TEST

START_TEST(engine_should_refuse_a_territory_not_in_force_when_the_set_starts)
{
    const char *dir = tmp_dir();
    char src[1024], dst[1024], cmd[3200];
    rasoat_error err;

    write_ruleset(dir, "vn", "vn", NULL, NULL);
    /* A local set of 2026 declared for code 62, which is closed from 2025-07-01. */
    write_file(dir, "kt/ruleset.lua",
               "ruleset { id = \"kt\", version = \"1\", jurisdiction = \"62\", extends = \"vn\",\n"
               "  title = { vi = \"x\", en = \"x\" }, legal_basis = { \"x\" },\n"
               "  in_force = { from = \"2026-01-01\", to = \"2026-12-31\" } }\n");
    snprintf(src, sizeof src, "%s/%s", source_rules(), ADMIN_UNITS_FILE);
    snprintf(dst, sizeof dst, "%s/places", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s' '%s/'", dst, src, dst);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_str_eq(err.kind, "territory_code");
    ck_assert_msg(strstr(err.message, "\"62\" is not a province code on 2026-01-01") != NULL, "%s",
                  err.message);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("admin_units");
    TCase *tc = tcase_create("table");

    tcase_add_checked_fixture(tc, load_bundled, unload);
    tcase_add_test(tc, table_should_hold_the_counts_of_the_reform);
    tcase_add_test(tc, table_should_read_a_province_code_by_date);
    tcase_add_test(tc, table_should_name_the_former_provinces_of_a_new_one);
    tcase_add_test(tc, table_should_map_communes_old_to_new_and_new_to_old);
    tcase_add_test(tc, engine_should_give_reports_names_by_code_and_date);
    tcase_add_test(tc, engine_without_a_table_should_say_it_has_none);
    tcase_add_test(tc, table_should_refuse_a_malformed_line_with_its_place);
    tcase_add_test(tc, table_should_be_shared_by_content);
    tcase_add_test(tc, engine_should_refuse_a_territory_not_in_force_when_the_set_starts);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
