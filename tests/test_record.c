/*
** test_record.c: result and error records as record.c writes them straight into the reused
** buffer: field order, members left out or null, warnings added after the outcome and
** before the local entries, --keep fields printed as cJSON prints them, and the buffer
** reused from one record to the next; and the messages they carry worded as snprintf
** would word them, cut where it cuts.
*/
#include <stdio.h>
#include <string.h>

#include "error.h"

#include "common.h"
#include "record.h"

/* A household read from 'json' (the members record.c reads), owning 'root'. */
static household make_household(const char *json)
{
    household h;

    memset(&h, 0, sizeof h);
    h.root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(h.root);
    h.id = cJSON_GetObjectItemCaseSensitive(h.root, "id")->valuestring;
    h.survey_date = "2024-12-27";
    h.province = "62";
    h.area = "rural";
    h.size = 4;
    h.has_income = 1;
    h.income = 1500000;
    return h;
}

/* A rule set with only what records name (record.c only reads the strings). */
static ruleset make_ruleset(const char *id, const char *version)
{
    ruleset rs;

    memset(&rs, 0, sizeof rs);
    rs.id = (char *)id;
    rs.version = (char *)version;
    memset(rs.sha256, 'a', 64);
    return rs;
}

#define SHA "\"sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""

static rasoat_error make_warning(const char *kind, const char *field, const char *message)
{
    rasoat_error w;

    memset(&w, 0, sizeof w);
    strcpy(w.kind, kind);
    strcpy(w.field, field);
    strcpy(w.message, message);
    return w;
}

START_TEST(record_should_write_fields_in_order_with_warnings_before_local_entries)
{
    record_buffer b = {0};
    record_open r;
    household h = make_household("{\"id\":\"H\\\"1\",\"village\":\"Thôn 1\",\"district\":7,"
                                 "\"change\":\"moved_in\",\"note\":[1.5,{\"a\":null}]}");
    ruleset rs = make_ruleset("vn/2022-2025", "2022.1.0");
    ruleset local = make_ruleset("kontum/2024", NULL);
    const char *deprived[] = {"water", NULL, "telecom"};
    const char *const keep[] = {"note", "absent", NULL};
    eng_outcome o, lo;
    rasoat_error w = make_warning("outside_force", "", "ngoài\thiệu lực");
    rasoat_error e = make_warning("undetermined", "x", "why");

    memset(&o, 0, sizeof o);
    o.applies = 1;
    o.class_name = "poor";
    o.provision = "poor_by_score";
    o.has_b1 = 1;
    o.b1 = -3;
    o.has_deprived = 1;
    o.deprived = deprived;
    o.deprived_count = 3;
    lo = o;
    lo.has_deprived = 0;
    lo.has_warnings = 1;
    lo.warnings = &w;
    lo.warning_count = 1;
    e.line = 12;
    strcpy(e.file, "rules/kontum/2024/rules.lua");

    ck_assert_int_eq(record_result(&r, &b, &h, &rs, &o, keep), RASOAT_OK);
    record_add_warning(&r, &w);             /* the outcome had none: made after the rule set */
    record_add_local(&r, &local, &lo);
    record_add_local_error(&r, &local, &e);
    ck_assert_int_eq(record_finish(&r), RASOAT_OK);
    ck_assert_str_eq(b.data,
        "{\"id\":\"H\\\"1\",\"survey_date\":\"2024-12-27\",\"province\":\"62\","
        "\"village\":\"Thôn 1\",\"area\":\"rural\",\"size\":4,"
        "\"income_per_capita_month\":1500000,\"class\":\"poor\",\"provision\":\"poor_by_score\","
        "\"b1\":-3,\"deprived\":[\"water\",\"telecom\"],\"change\":\"moved_in\","
        "\"note\":[1.5,{\"a\":null}],"
        "\"ruleset\":{\"id\":\"vn/2022-2025\",\"version\":\"2022.1.0\"," SHA "},"
        "\"warnings\":[{\"code\":\"outside_force\",\"field\":null,\"message\":\"ngoài\\thiệu lực\"}],"
        "\"local\":[{\"ruleset\":{\"id\":\"kontum/2024\"," SHA "},\"class\":\"poor\","
        "\"provision\":\"poor_by_score\",\"b1\":-3,\"warnings\":[{\"code\":\"outside_force\","
        "\"field\":null,\"message\":\"ngoài\\thiệu lực\"}]},"
        "{\"ruleset\":{\"id\":\"kontum/2024\"," SHA "},\"error\":{\"code\":\"undetermined\","
        "\"field\":\"x\",\"message\":\"why\",\"file\":\"rules/kontum/2024/rules.lua\",\"line\":12}}]}");
    ck_assert_uint_eq(b.length, strlen(b.data));

    /* The same buffer, the next record: an error record from its start. */
    ck_assert_int_eq(record_error(&b, NULL, 3, &e), RASOAT_OK);
    ck_assert_str_eq(b.data, "{\"id\":null,\"line\":3,\"error\":{\"code\":\"undetermined\","
                     "\"field\":\"x\",\"message\":\"why\",\"file\":\"rules/kontum/2024/rules.lua\","
                     "\"line\":12}}");
    record_buffer_free(&b);
    cJSON_Delete((cJSON *)h.root);
}
END_TEST

START_TEST(record_should_refuse_a_warning_after_a_local_entry)
{
    record_buffer b = {0};
    record_open r;
    household h = make_household("{\"id\":\"H1\"}");
    ruleset rs = make_ruleset("vn/2022-2025", "2022.1.0");
    rasoat_error w = make_warning("former_town_area", "area", "m");
    eng_outcome o;

    memset(&o, 0, sizeof o);
    o.applies = 1;
    o.class_name = "not_poor";
    o.provision = "p";
    o.has_warnings = 1;                     /* an empty list still writes "warnings":[] */
    ck_assert_int_eq(record_result(&r, &b, &h, &rs, &o, NULL), RASOAT_OK);
    ck_assert_int_eq(record_finish(&r), RASOAT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, SHA "},\"warnings\":[]}"));

    ck_assert_int_eq(record_result(&r, &b, &h, &rs, &o, NULL), RASOAT_OK);
    record_add_local(&r, &rs, &o);
    record_add_warning(&r, &w);             /* it would belong before "local": refused */
    ck_assert_int_eq(record_finish(&r), RASOAT_E_SYSTEM);
    ck_assert_uint_eq(b.length, 0);
    record_buffer_free(&b);
    cJSON_Delete((cJSON *)h.root);
}
END_TEST

START_TEST(message_should_be_worded_and_cut_as_snprintf_does)
{
    /* "verify_chain" names its argument twice; its English text, as the catalogue has it. */
    static const char en[] = "'prev' does not match the hash of line %1$s: line %1$s was "
                             "replaced, or records were removed or inserted and renumbered";
    static const char vi[] = "không mở được %1$s: %2$s";
    const char *args[2] = {"12345", "Tệp \xE1\xBB\x87 ở đâu %1$s"};  /* an argument with a '%' */
    char got[256], want[256];
    size_t size;

    for (size = 1; size <= sizeof got; size++) {
        msg_format(got, size, RASOAT_LANG_EN, "verify_chain", args, 1);
        snprintf(want, size, en, args[0]);
        ck_assert_str_eq(got, want);
        msg_format(got, size, RASOAT_LANG_VI, "replay_open", args, 2);
        snprintf(want, size, vi, args[0], args[1]);
        ck_assert_str_eq(got, want);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("write");

    tcase_add_test(tc, record_should_write_fields_in_order_with_warnings_before_local_entries);
    tcase_add_test(tc, record_should_refuse_a_warning_after_a_local_entry);
    tcase_add_test(tc, message_should_be_worded_and_cut_as_snprintf_does);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
