/*
** test_hostile.c: every reproducer of the reliability campaign against the rule boundary
** (shared/domain/reliability-findings.md §5: H1-H3, M3, M4, M7, M8, the chain depth, L2,
** L7), each failing before the sandbox was hardened. A hostile rule must fail only its own
** household, within seconds, with a rule, budget, memory or time error naming its
** file:line; the next household must then be classified as usual.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

/* {====================================================================
** H1: error objects with metatables must not abort the host
** ===================================================================== */

START_TEST(hostile_error_with_the_parameters_table_fails_one_household)
{
    expect_contained("error(P)", "rule", "raised a table", 5);
}
END_TEST

START_TEST(hostile_error_with_the_environment_fails_one_household)
{
    expect_contained("error(_ENV)", "rule", "raised a table", 5);
}
END_TEST

START_TEST(hostile_error_table_holding_a_proxy_fails_one_household)
{
    expect_contained("error({ message = P, kind = P })", "rule", "raised a table", 5);
}
END_TEST

START_TEST(hostile_error_with_the_household_names_the_rule_line)
{
    /* Before: the bare message "rule", no location. */
    expect_contained("error(h)", "rule", "raised a table", 5);
}
END_TEST

START_TEST(hostile_error_at_load_time_is_a_load_error)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "t", "t/1", NULL, "error(_ENV)\n");
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_ptr_nonnull(strstr(err.message, "raised a table"));
    ck_assert_int_eq(err.line, 1);
}
END_TEST

/* }==================================================================== */

/* {====================================================================
** H2, H3: work the instruction count does not see
** ===================================================================== */

START_TEST(hostile_table_move_over_a_huge_range_is_budgeted)
{
    expect_contained("table.move({}, 1, math.maxinteger // 2, 1) return false", "budget",
                     "budget", 5);
}
END_TEST

START_TEST(hostile_table_move_at_load_time_is_budgeted)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "t", "t/1", NULL, "table.move({}, 1, math.maxinteger // 2, 1)\n");
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_BUDGET);
    ck_assert_int_eq(err.line, 1);
}
END_TEST

START_TEST(hostile_xpcall_handler_cannot_outrun_the_budget)
{
    expect_contained("xpcall(function() while true do end end, function(e) while true do end end)"
                     " return false", "budget", "budget", 5);
}
END_TEST

START_TEST(hostile_xpcall_handler_at_load_time_is_budgeted)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "t", "t/1", NULL,
                  "xpcall(function() while true do end end, function(e) while true do end end)\n");
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_BUDGET);
}
END_TEST

START_TEST(hostile_xpcall_still_works_for_ordinary_errors)
{
    const char *dir = rules_running(
        "local ok, v = xpcall(function() error('x', 0) end, function(e) return e .. 'y' end)\n"
        "return not ok and v == 'xy'");
    rasoat_engine *e = open_engine(dir, 0, 0);
    int status;
    cJSON *r = classify(e, minimal_household(50), &status);

    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_string_rep_loop_is_budgeted)
{
    expect_contained("while true do local s = string.rep('x', 8000000) end", "budget", "budget", 10);
}
END_TEST

START_TEST(hostile_unpack_loop_is_budgeted)
{
    expect_contained("local t = {} while true do select('#', table.unpack(t, 1, 500000)) end",
                     "budget", "budget", 10);
}
END_TEST

START_TEST(hostile_sort_loop_is_budgeted)
{
    expect_contained("local t = table.pack(string.byte(string.rep('\\1\\2\\3\\4\\5\\6\\7\\8', 100000), 1, -1))"
                     " t.n = nil while true do table.sort(t) end", "budget", "budget", 10);
}
END_TEST

START_TEST(hostile_pairs_over_a_sparse_table_is_budgeted)
{
    expect_contained("local t = table.pack(table.unpack({}, 1, 900000)) t[900000] = true t.n = nil"
                     " while true do for k in pairs(t) do end end", "budget", "budget", 10);
}
END_TEST

START_TEST(hostile_concatenation_loop_is_budgeted)
{
    /* One instruction each, copying 16 MB: only the allocator sees the work. */
    expect_contained("local s = string.rep('x', 8000000) while true do local t = s .. s end",
                     "budget", "budget", 10);
}
END_TEST

START_TEST(hostile_work_out_of_any_count_meets_the_wall_clock)
{
    /* Comparing two long equal strings is one instruction the budget cannot weigh. */
    const char *dir = rules_running(
        "local a = string.rep('x', 4000000) local b = string.rep('x', 3999999) .. 'x'\n"
        "while true do local _ = (a == b) end");
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;
    struct timespec t0;
    int status;
    cJSON *r;

    memset(&o, 0, sizeof o);
    o.rules_dir = dir;
    o.lang = RASOAT_LANG_EN;
    o.instruction_budget = 1000000000u;
    o.time_limit_ms = 300;
    ck_assert_int_eq(rasoat_open(&o, &e, &err), RASOAT_OK);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_double_lt(seconds_since(&t0), 5.0);
    ck_assert_int_eq(status, RASOAT_E_TIME);
    ck_assert_str_eq(error_field(r, "code"), "time_limit");
    ck_assert_ptr_nonnull(strstr(error_field(r, "message"), "0.300 seconds"));
    cJSON_Delete(r);
    r = classify(e, minimal_household(150), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_budget_stop_is_the_same_on_every_run)
{
    /* The same rule and household stop at the same line every time: the charge depends
    ** on the arguments, never on the clock. */
    const char *dir = rules_running("local n = 0 while true do n = n + #string.rep('ab', 50000) end");
    char first[1024] = "";
    int run;

    for (run = 0; run < 3; run++) {
        rasoat_engine *e = open_engine(dir, 0, 0);
        int status;
        cJSON *r = classify(e, minimal_household(50), &status);
        char *text = cJSON_PrintUnformatted(r);

        ck_assert_int_eq(status, RASOAT_E_BUDGET);
        if (run == 0)
            snprintf(first, sizeof first, "%s", text);
        else
            ck_assert_str_eq(text, first);
        cJSON_free(text);
        cJSON_Delete(r);
        rasoat_close(e);
    }
}
END_TEST

/* }==================================================================== */

/* {====================================================================
** M3: the same household and hash give the same result, whatever came before
** ===================================================================== */

/* Classify household 'b1' 'times' times under 'dir'; assert each class is 'expected'. */
static void expect_same_class(const char *dir, int b1, int times, const char *expected)
{
    rasoat_engine *e = open_engine(dir, 0, 0);
    int i, status;

    for (i = 0; i < times; i++) {
        cJSON *r = classify(e, minimal_household(b1), &status);

        ck_assert_msg(status == RASOAT_OK, "household %d: %s", i, error_field(r, "message"));
        ck_assert_str_eq(str_field(r, "class"), expected);
        cJSON_Delete(r);
    }
    rasoat_close(e);
}

START_TEST(hostile_next_is_not_offered)
{
    expect_contained("local t = { alpha = 1 } return next(t) == 'alpha'", "rule",
                     "undeclared global 'next'", 5);
}
END_TEST

START_TEST(hostile_pairs_walks_keys_in_a_fixed_order)
{
    const char *dir = rules_running(
        "local seen = {} for k, v in pairs({ gamma = 3, alpha = 1, [2] = 'two', beta = 2, [1] = 'one' }) do\n"
        "seen[#seen + 1] = tostring(k) end return table.concat(seen, ',') == '1,2,alpha,beta,gamma'");

    expect_same_class(dir, 50, 3, "poor");
}
END_TEST

START_TEST(hostile_tostring_of_a_table_is_refused)
{
    expect_contained("return tostring({}) ~= ''", "rule", "memory address", 5);
}
END_TEST

START_TEST(hostile_format_of_an_address_is_refused)
{
    expect_contained("return string.format('%p', {}) ~= ''", "rule", "memory address", 5);
}
END_TEST

START_TEST(hostile_format_of_a_table_is_refused)
{
    expect_contained("return ('%s'):format(h) ~= ''", "rule", "memory address", 5);
}
END_TEST

START_TEST(hostile_file_local_counter_keeps_nothing_between_households)
{
    /* Before: classes alternated not_poor, poor, not_poor ... */
    const char *dir = tmp_dir();

    write_ruleset(dir, "t", "t/1", NULL,
                  "local n = 0\n"
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function(h) n = n + 1 return n % 2 == 0 end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    expect_same_class(dir, 50, 6, "not_poor");
}
END_TEST

START_TEST(hostile_file_local_table_cannot_hoard_memory)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    int status;
    cJSON *r;

    write_ruleset(dir, "t", "t/1", NULL,
                  "local HOG = {}\n"
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function(h) HOG[#HOG + 1] = string.rep('h', 4000000) return false end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_int_eq(status, RASOAT_E_RULE);
    ck_assert_ptr_nonnull(strstr(error_field(r, "message"), "cannot be changed while classifying"));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_table_shared_with_a_declaration_is_frozen_too)
{
    /* LABEL is held both by the indicator's declaration (stdlib reaches it first) and by
    ** the provision's locals: it must be frozen all the same, and still read and shown. */
    const char *dir = tmp_dir();
    rasoat_engine *e;
    const char *text;
    size_t len;
    int status;
    cJSON *r;

    write_ruleset(dir, "t", "t/1", NULL,
                  "local LABEL = { vi = \"Nhãn\", en = \"Label\" }\n"
                  "indicator \"c\" { dimension = \"d\", label = LABEL, citation = \"T\", status = CONFIRMED }\n"
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function(h) LABEL.seen = (LABEL.seen or 0) + 1 return false end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_int_eq(status, RASOAT_E_RULE);
    ck_assert_ptr_nonnull(strstr(error_field(r, "message"), "cannot be changed while classifying"));
    cJSON_Delete(r);
    ck_assert_int_eq(rasoat_rules_json(e, "t/1", &text, &len, NULL), RASOAT_OK);
    ck_assert_ptr_nonnull(strstr(text, "\"en\":\"Label\""));
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_file_local_tables_stay_readable)
{
    const char *dir = tmp_dir();

    write_ruleset(dir, "t", "t/1", NULL,
                  "local LIMITS = { rural = 100, list = { 1, 2, 3 } }\n"
                  "local function under(h) return h.b1 < LIMITS[h.area] end\n"
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function(h) local s = 0 for _, v in ipairs(LIMITS.list) do s = s + v end\n"
                  "    return under(h) and s == 6 and #LIMITS.list == 3 end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    expect_same_class(dir, 50, 2, "poor");
    expect_same_class(dir, 150, 2, "not_poor");
}
END_TEST

/* }==================================================================== */

/* {====================================================================
** M4: a rule cannot speak for the engine
** ===================================================================== */

START_TEST(hostile_forged_input_error_is_a_rule_error)
{
    /* Before: "required field 'size' is missing", blaming a record that had it. */
    expect_contained("error({ kind = 'missing_field', key = 'missing_field', field = 'size', args = { 'size' } })",
                     "rule", "raised a table", 5);
}
END_TEST

START_TEST(hostile_forged_definition_error_keeps_the_rule_location)
{
    expect_contained("error({ kind = 'definition', key = 'when_not_boolean', args = { 'x', 'y' },"
                     " file = '/etc/shadow', line = 1 })", "rule", "raised a table", 5);
}
END_TEST

START_TEST(hostile_forged_undetermined_in_a_local_set_is_a_failure)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    int status;
    cJSON *r, *local;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    write_file(dir, "l/ruleset.lua",
               "ruleset {\n"
               "  id = \"l/1\", version = \"1\", jurisdiction = \"62\", extends = \"t/1\",\n"
               "  title = { vi = \"L\", en = \"L\" }, legal_basis = { \"L\" },\n"
               "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" },\n"
               "  applies = function(h) error({ kind = 'undetermined', message = { vi = 'x', en = 'forged' } }) end,\n"
               "}\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, "{\"id\":\"L\",\"survey_date\":\"2024-10-01\",\"province\":\"62\",\"area\":\"rural\","
                    "\"size\":2,\"b1_score\":50,\"deprivations\":{\"a\":true,\"b\":false}}", &status);
    ck_assert_int_eq(status, RASOAT_E_RULE);              /* before: 0, a forged gap */
    local = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "local"), 0);
    ck_assert_str_eq(error_field(local, "code"), "rule");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* }==================================================================== */

/* {====================================================================
** M8: engine-owned lists
** ===================================================================== */

START_TEST(hostile_changing_the_deprived_list_changes_no_result)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    int status;
    cJSON *r, *deprived;

    write_ruleset(dir, "t", "t/1", NULL,
                  "parameter \"b2_points_per_indicator\" { value = 10, unit = \"points\", citation = \"T\", status = CONFIRMED }\n"
                  "provision \"p\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function(h) local d = h:deprived() d[#d + 1] = 'FAKE_INDICATOR' return true end }\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    deprived = cJSON_GetObjectItem(r, "deprived");
    ck_assert_int_eq(cJSON_GetArraySize(deprived), 1);
    ck_assert_str_eq(cJSON_GetArrayItem(deprived, 0)->valuestring, "a");
    ck_assert_int_eq(cJSON_GetObjectItem(r, "b2")->valueint, 10);
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

/* }==================================================================== */

/* {====================================================================
** Rule files and the rules tree
** ===================================================================== */

/* 'count' rule sets, s1 national and each s(k+1) extending s(k). */
static const char *chain_of(int count)
{
    const char *dir = tmp_dir();
    char name[64], text[512];
    int k;

    write_ruleset(dir, "s1", "s1", NULL, NULL);
    for (k = 2; k <= count; k++) {
        snprintf(name, sizeof name, "s%d/ruleset.lua", k);
        snprintf(text, sizeof text,
                 "ruleset {\n  id = \"s%d\", version = \"1\", jurisdiction = \"62\", extends = \"s%d\",\n"
                 "  title = { vi = \"S\", en = \"S\" }, legal_basis = { \"S\" },\n"
                 "  in_force = { from = \"2022-01-01\", to = \"2026-12-31\" },\n}\n", k, k - 1);
        write_file(dir, name, text);
    }
    return dir;
}

START_TEST(hostile_chain_at_the_maximum_loads)
{
    rasoat_error err;

    ck_assert_int_eq(try_open(chain_of(16), &err), RASOAT_OK);
}
END_TEST

START_TEST(hostile_chain_past_the_maximum_is_a_load_error)
{
    rasoat_error err;
    const char *dir = chain_of(17);
    char file[1024];

    /* Before: read past a 16-entry array (ASan) and hashed without the root ancestors. */
    snprintf(file, sizeof file, "%s/s17/ruleset.lua", dir);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_ptr_nonnull(strstr(err.message, "at most 16 rule sets"));
    ck_assert_str_eq(err.file, file);
    ck_assert_int_eq(err.line, 1);
}
END_TEST

START_TEST(hostile_device_as_rule_file_is_refused_at_once)
{
    const char *dir = tmp_dir();
    char path[1024];
    rasoat_error err;
    struct timespec t0;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    snprintf(path, sizeof path, "%s/t/zero.lua", dir);
    ck_assert_int_eq(symlink("/dev/zero", path), 0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_double_lt(seconds_since(&t0), 2.0);
    ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
}
END_TEST

START_TEST(hostile_fifo_as_rule_file_does_not_block)
{
    const char *dir = tmp_dir();
    char path[1024];
    rasoat_error err;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    snprintf(path, sizeof path, "%s/t/fifo.lua", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
}
END_TEST

START_TEST(hostile_link_out_of_the_rules_tree_is_refused)
{
    const char *outside = tmp_dir();
    char target[1024], path[1024];
    const char *dir;
    rasoat_error err;

    snprintf(target, sizeof target, "%s/evil.lua", outside);
    write_file(outside, "evil.lua", "-- outside\n");
    dir = tmp_dir();
    write_ruleset(dir, "t", "t/1", NULL, NULL);
    snprintf(path, sizeof path, "%s/t/evil.lua", dir);
    ck_assert_int_eq(symlink(target, path), 0);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_ptr_nonnull(strstr(err.message, "outside the rules directory"));
}
END_TEST

START_TEST(hostile_link_back_up_the_tree_is_walked_once)
{
    const char *dir = tmp_dir();
    char path[1024];
    rasoat_error err;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    snprintf(path, sizeof path, "%s/t/loop", dir);
    ck_assert_int_eq(symlink("..", path), 0);
    ck_assert_int_eq(try_open(dir, &err), RASOAT_OK);
}
END_TEST

/* }==================================================================== */

/* {====================================================================
** Records: exact text in, exact text out
** ===================================================================== */

START_TEST(hostile_nul_in_a_string_names_the_field)
{
    static const char record[] = "{\"id\":\"A\0B\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\","
                                 "\"size\":2,\"b1_score\":50,\"deprivations\":{\"a\":true,\"b\":false}}";
    const char *dir = tmp_dir();
    rasoat_engine *e;
    const char *out;
    size_t out_len;
    rasoat_error err;
    cJSON *r;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    e = open_engine(dir, 0, 0);
    ck_assert_int_eq(rasoat_classify(e, record, sizeof record - 1, 1, &out, &out_len, &err),
                     RASOAT_E_INPUT);
    r = cJSON_ParseWithLength(out, out_len);
    ck_assert_str_eq(error_field(r, "code"), "invalid_text");
    ck_assert_str_eq(error_field(r, "field"), "id");
    cJSON_Delete(r);
    r = classify(e, "{\"id\":\"A\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,"
                    "\"b1_score\":50,\"x\":\"1\\u0000\",\"deprivations\":{\"a\":true,\"b\":false}}", NULL);
    ck_assert_str_eq(error_field(r, "field"), "x");
    cJSON_Delete(r);
    /* An escaped backslash before u0000 is ordinary text. */
    r = classify(e, "{\"id\":\"A\\\\u0000\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,"
                    "\"b1_score\":50,\"deprivations\":{\"a\":true,\"b\":false}}", NULL);
    ck_assert_str_eq(str_field(r, "id"), "A\\u0000");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_invalid_utf8_is_refused_not_echoed)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    cJSON *r;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    e = open_engine(dir, 0, 0);
    r = classify(e, "{\"id\":\"A\xff" "B\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,"
                    "\"b1_score\":50,\"deprivations\":{\"a\":true,\"b\":false}}", NULL);
    ck_assert_str_eq(error_field(r, "code"), "invalid_text");
    ck_assert_str_eq(error_field(r, "field"), "id");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_rule_text_that_is_not_utf8_is_scrubbed)
{
    expect_contained("error('bad \\255 byte')", "rule", "bad ? byte", 5);
}
END_TEST

START_TEST(hostile_deep_nesting_is_refused_with_its_field)
{
    /* Before: 999 levels were accepted, and the decision log line then broke 'verify'. */
    char record[512];
    const char *dir = tmp_dir();
    rasoat_engine *e;
    cJSON *r;
    int i, n;

    n = snprintf(record, sizeof record, "{\"id\":\"D\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\","
                                        "\"size\":2,\"b1_score\":50,\"x\":");
    for (i = 0; i < 70; i++)
        record[n++] = '[';
    for (i = 0; i < 70; i++)
        record[n++] = ']';
    snprintf(record + n, sizeof record - (size_t)n, "}");
    write_ruleset(dir, "t", "t/1", NULL, NULL);
    e = open_engine(dir, 0, 0);
    r = classify(e, record, NULL);
    ck_assert_str_eq(error_field(r, "code"), "nested_too_deep");
    ck_assert_ptr_nonnull(strstr(error_field(r, "field"), "x[0][0]"));
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(hostile_record_past_the_size_limit_is_one_error_record)
{
    /* Before (finding L3): a record over 1 GiB gave an empty output line; now any record
    ** past 64 MiB gives an error record naming its size. */
    size_t n = 65u * 1024 * 1024;
    char *record = (char *)malloc(n + 1);
    const char *dir = tmp_dir();
    rasoat_engine *e;
    const char *out;
    size_t out_len;
    cJSON *r;

    ck_assert_ptr_nonnull(record);
    memset(record, ' ', n);
    memcpy(record, "{\"id\":\"", 7);
    memset(record + 7, 'A', n - 20);
    memcpy(record + n - 13, "\",\"size\":1}", 12);
    record[n] = '\0';
    write_ruleset(dir, "t", "t/1", NULL, NULL);
    e = open_engine(dir, 0, 0);
    ck_assert_int_eq(rasoat_classify(e, record, n, 1, &out, &out_len, NULL), RASOAT_E_INPUT);
    r = cJSON_ParseWithLength(out, out_len);
    ck_assert_str_eq(error_field(r, "code"), "record_too_large");
    ck_assert_uint_lt(out_len, 1024);
    cJSON_Delete(r);
    free(record);
    rasoat_close(e);
}
END_TEST

/* }==================================================================== */

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *errors = tcase_create("error objects");
    TCase *work = tcase_create("unseen work");
    TCase *state = tcase_create("determinism and state");
    TCase *forgery = tcase_create("forgery");
    TCase *files = tcase_create("rule files");
    TCase *records = tcase_create("records");

    tcase_add_test(errors, hostile_error_with_the_parameters_table_fails_one_household);
    tcase_add_test(errors, hostile_error_with_the_environment_fails_one_household);
    tcase_add_test(errors, hostile_error_table_holding_a_proxy_fails_one_household);
    tcase_add_test(errors, hostile_error_with_the_household_names_the_rule_line);
    tcase_add_test(errors, hostile_error_at_load_time_is_a_load_error);
    suite_add_tcase(s, errors);

    tcase_set_timeout(work, 120);
    tcase_add_test(work, hostile_table_move_over_a_huge_range_is_budgeted);
    tcase_add_test(work, hostile_table_move_at_load_time_is_budgeted);
    tcase_add_test(work, hostile_xpcall_handler_cannot_outrun_the_budget);
    tcase_add_test(work, hostile_xpcall_handler_at_load_time_is_budgeted);
    tcase_add_test(work, hostile_xpcall_still_works_for_ordinary_errors);
    tcase_add_test(work, hostile_string_rep_loop_is_budgeted);
    tcase_add_test(work, hostile_unpack_loop_is_budgeted);
    tcase_add_test(work, hostile_sort_loop_is_budgeted);
    tcase_add_test(work, hostile_pairs_over_a_sparse_table_is_budgeted);
    tcase_add_test(work, hostile_concatenation_loop_is_budgeted);
    tcase_add_test(work, hostile_work_out_of_any_count_meets_the_wall_clock);
    tcase_add_test(work, hostile_budget_stop_is_the_same_on_every_run);
    suite_add_tcase(s, work);

    tcase_add_test(state, hostile_next_is_not_offered);
    tcase_add_test(state, hostile_pairs_walks_keys_in_a_fixed_order);
    tcase_add_test(state, hostile_tostring_of_a_table_is_refused);
    tcase_add_test(state, hostile_format_of_an_address_is_refused);
    tcase_add_test(state, hostile_format_of_a_table_is_refused);
    tcase_add_test(state, hostile_file_local_counter_keeps_nothing_between_households);
    tcase_add_test(state, hostile_file_local_table_cannot_hoard_memory);
    tcase_add_test(state, hostile_file_local_tables_stay_readable);
    tcase_add_test(state, hostile_table_shared_with_a_declaration_is_frozen_too);
    tcase_add_test(state, hostile_changing_the_deprived_list_changes_no_result);
    suite_add_tcase(s, state);

    tcase_add_test(forgery, hostile_forged_input_error_is_a_rule_error);
    tcase_add_test(forgery, hostile_forged_definition_error_keeps_the_rule_location);
    tcase_add_test(forgery, hostile_forged_undetermined_in_a_local_set_is_a_failure);
    suite_add_tcase(s, forgery);

    tcase_add_test(files, hostile_chain_at_the_maximum_loads);
    tcase_add_test(files, hostile_chain_past_the_maximum_is_a_load_error);
    tcase_add_test(files, hostile_device_as_rule_file_is_refused_at_once);
    tcase_add_test(files, hostile_fifo_as_rule_file_does_not_block);
    tcase_add_test(files, hostile_link_out_of_the_rules_tree_is_refused);
    tcase_add_test(files, hostile_link_back_up_the_tree_is_walked_once);
    suite_add_tcase(s, files);

    tcase_add_test(records, hostile_nul_in_a_string_names_the_field);
    tcase_add_test(records, hostile_invalid_utf8_is_refused_not_echoed);
    tcase_add_test(records, hostile_rule_text_that_is_not_utf8_is_scrubbed);
    tcase_add_test(records, hostile_deep_nesting_is_refused_with_its_field);
    tcase_add_test(records, hostile_record_past_the_size_limit_is_one_error_record);
    suite_add_tcase(s, records);
    return s;
}

int main(void)
{
    return run_suite(hostile_suite());
}
