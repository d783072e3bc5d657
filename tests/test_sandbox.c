/*
** test_sandbox.c: rule code is untrusted. One negative test per banned facility, the
** instruction budget and memory cap (including inside the rule's own pcall), text-only
** loading, exact file:line for syntax errors, and the state serving the next household.
*/
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "common.h"

/* A rule error from 'body' that names 'needle', at the rule's line (common.c). */
static void expect_rule_error(const char *body, const char *code, const char *needle)
{
    expect_contained(body, code, needle, 60);
}

START_TEST(sandbox_should_not_expose_io)
{
    expect_rule_error("io.open('/etc/passwd')", "rule", "undeclared global 'io'");
}
END_TEST

START_TEST(sandbox_should_not_expose_os)
{
    expect_rule_error("os.execute('true')", "rule", "undeclared global 'os'");
}
END_TEST

START_TEST(sandbox_should_not_expose_package)
{
    expect_rule_error("return package.loaded ~= nil", "rule", "undeclared global 'package'");
}
END_TEST

START_TEST(sandbox_should_not_expose_require)
{
    expect_rule_error("require('os')", "rule", "undeclared global 'require'");
}
END_TEST

START_TEST(sandbox_should_not_expose_debug)
{
    expect_rule_error("debug.sethook()", "rule", "undeclared global 'debug'");
}
END_TEST

START_TEST(sandbox_should_not_expose_load)
{
    expect_rule_error("load('return 1')()", "rule", "undeclared global 'load'");
}
END_TEST

START_TEST(sandbox_should_not_expose_loadstring)
{
    expect_rule_error("loadstring('return 1')()", "rule", "undeclared global 'loadstring'");
}
END_TEST

START_TEST(sandbox_should_not_expose_dofile)
{
    expect_rule_error("dofile('/etc/passwd')", "rule", "undeclared global 'dofile'");
}
END_TEST

START_TEST(sandbox_should_not_expose_loadfile)
{
    expect_rule_error("loadfile('/etc/passwd')", "rule", "undeclared global 'loadfile'");
}
END_TEST

START_TEST(sandbox_should_not_expose_collectgarbage)
{
    expect_rule_error("collectgarbage('stop')", "rule", "undeclared global 'collectgarbage'");
}
END_TEST

START_TEST(sandbox_should_not_expose_string_dump)
{
    expect_rule_error("string.dump(function() end)", "rule", "dump");
}
END_TEST

START_TEST(sandbox_should_not_expose_setmetatable)
{
    expect_rule_error("setmetatable({}, {})", "rule", "undeclared global 'setmetatable'");
}
END_TEST

START_TEST(sandbox_should_refuse_reading_an_undeclared_global)
{
    expect_rule_error("return threshold_typo > 1", "rule", "read of undeclared global 'threshold_typo'");
}
END_TEST

START_TEST(sandbox_should_refuse_writing_a_global)
{
    expect_rule_error("counter = 1 return true", "rule", "assignment to undeclared global 'counter'");
}
END_TEST

START_TEST(sandbox_should_keep_libraries_read_only)
{
    expect_rule_error("math.floor = nil return true", "rule", "read-only");
}
END_TEST

START_TEST(sandbox_should_keep_parameters_read_only)
{
    expect_rule_error("P.line = 500 return true", "rule", "read-only");
}
END_TEST

START_TEST(sandbox_should_remove_nondeterministic_random)
{
    expect_rule_error("return math.random() < 2", "rule", "random");
}
END_TEST

START_TEST(sandbox_should_remove_unbounded_pattern_matching)
{
    expect_rule_error("return ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab'):find('a-a-a-a-a-a-a-a-c') ~= nil", "rule", "find");
}
END_TEST

START_TEST(sandbox_should_stop_an_infinite_loop_inside_pcall)
{
    expect_rule_error("while true do pcall(function() while true do end end) end", "budget",
                      "budget of 2000000 instructions");
}
END_TEST

START_TEST(sandbox_should_stop_an_allocation_bomb_inside_pcall)
{
    const char *dir = rules_running(
        "pcall(function() local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(1024) .. i end end)\n"
        "return false");
    rasoat_engine *e = open_engine(dir, 1000000000u, 8u * 1024 * 1024);
    int status;
    cJSON *r = classify(e, minimal_household(50), &status);

    ck_assert_int_eq(status, RASOAT_E_MEMORY);
    ck_assert_str_eq(error_field(r, "code"), "memory");
    cJSON_Delete(r);
    ck_assert_uint_le(rasoat_memory_peak(e), 8u * 1024 * 1024);

    /* Twice, to show the memory was given back and the state still works. */
    r = classify(e, minimal_household(51), &status);
    ck_assert_int_eq(status, RASOAT_E_MEMORY);
    cJSON_Delete(r);
    r = classify(e, minimal_household(150), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(sandbox_should_guard_string_rep_of_empty_strings)
{
    /* Lua's own rep would spin 2^62 times here without allocating. */
    const char *dir = rules_running("return ('').rep('', 1 << 62) == ''");
    rasoat_engine *e = open_engine(dir, 0, 0);
    int status;
    cJSON *r = classify(e, minimal_household(50), &status);

    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(sandbox_should_not_carry_a_view_to_the_next_household)
{
    const char *dir = tmp_dir();
    rasoat_engine *e;
    int status;
    cJSON *r;

    write_ruleset(dir, "t", "t/1", NULL,
                  "local kept\n"
                  "provision \"p\" { class = \"poor\", citation = \"T\", status = CONFIRMED, when = function(h)\n"
                  "  if kept then return kept.area == 'rural' end\n"
                  "  kept = h.raw return false end }\n"
                  "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
                  "  when = function() return true end }\n");
    e = open_engine(dir, 0, 0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    cJSON_Delete(r);
    /* The file-level local is restored after every household (sandbox_seal.c), so the
    ** second household never sees the first one's view: it is classified as the first. */
    r = classify(e, minimal_household(50), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    rasoat_close(e);
}
END_TEST

START_TEST(sandbox_should_report_a_syntax_error_with_exact_file_and_line)
{
    const char *dir = tmp_dir();
    rasoat_error err;
    char expected[1024];

    write_ruleset(dir, "vn/x", "x/1", NULL,
                  "-- line 1\n"
                  "-- line 2\n"
                  "provision \"p\" { class = \"poor\" when = 1 }\n");
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    snprintf(expected, sizeof expected, "%s/vn/x/provisions.lua", dir);
    ck_assert_str_eq(err.kind, "syntax");
    ck_assert_str_eq(err.file, expected);
    ck_assert_int_eq(err.line, 3);
    strcat(expected, ":3: a comma is missing before 'when' on this line: fields inside { ... } are separated by commas");
    ck_assert_str_eq(err.message, expected);
}
END_TEST

START_TEST(sandbox_should_keep_exact_paths_longer_than_lua_shortens)
{
    const char *dir = tmp_dir();
    rasoat_error err;
    char sub[256], expected[1024];

    snprintf(sub, sizeof sub, "a-rather-long-directory-name/that-goes-on/and-on-beyond-sixty-characters");
    write_ruleset(dir, sub, "x/1", NULL, "\n\nprovision \"p\" {\n");
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    snprintf(expected, sizeof expected, "%s/%s/provisions.lua", dir, sub);
    ck_assert_str_eq(err.file, expected);
    ck_assert_int_eq(err.line, 4);
}
END_TEST

/* lua_Writer appending a dump to the FILE 'ud'. */
static int write_dump(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    return fwrite(p, 1, sz, (FILE *)ud) == sz ? 0 : 1;
}

START_TEST(sandbox_should_refuse_precompiled_bytecode)
{
    const char *dir = tmp_dir();
    lua_State *L = luaL_newstate();
    rasoat_error err;
    char path[1024];
    FILE *f;

    write_ruleset(dir, "t", "t/1", NULL, NULL);
    snprintf(path, sizeof path, "%s/t/zz_bytecode.lua", dir);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(luaL_loadstring(L, "return 1"), LUA_OK);
    ck_assert_int_eq(lua_dump(L, write_dump, f, 1), 0);
    ck_assert_int_gt(ftell(f), 4);
    fclose(f);
    lua_close(L);

    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_LOAD);
    ck_assert_ptr_nonnull(strstr(err.message, "binary chunk"));
    ck_assert_str_eq(err.file, path);
}
END_TEST

START_TEST(sandbox_should_budget_a_rule_file_top_level)
{
    const char *dir = tmp_dir();
    rasoat_error err;

    write_ruleset(dir, "t", "t/1", NULL, "while true do end\n");
    ck_assert_int_eq(try_open(dir, &err), RASOAT_E_BUDGET);
    ck_assert_str_eq(err.kind, "budget");
    ck_assert_int_eq(err.line, 1);
}
END_TEST

static Suite *sandbox_suite(void)
{
    Suite *s = suite_create("sandbox");
    TCase *banned = tcase_create("banned facilities");
    TCase *limits = tcase_create("budget and memory");
    TCase *loading = tcase_create("loading");

    tcase_add_test(banned, sandbox_should_not_expose_io);
    tcase_add_test(banned, sandbox_should_not_expose_os);
    tcase_add_test(banned, sandbox_should_not_expose_package);
    tcase_add_test(banned, sandbox_should_not_expose_require);
    tcase_add_test(banned, sandbox_should_not_expose_debug);
    tcase_add_test(banned, sandbox_should_not_expose_load);
    tcase_add_test(banned, sandbox_should_not_expose_loadstring);
    tcase_add_test(banned, sandbox_should_not_expose_dofile);
    tcase_add_test(banned, sandbox_should_not_expose_loadfile);
    tcase_add_test(banned, sandbox_should_not_expose_collectgarbage);
    tcase_add_test(banned, sandbox_should_not_expose_string_dump);
    tcase_add_test(banned, sandbox_should_not_expose_setmetatable);
    tcase_add_test(banned, sandbox_should_refuse_reading_an_undeclared_global);
    tcase_add_test(banned, sandbox_should_refuse_writing_a_global);
    tcase_add_test(banned, sandbox_should_keep_libraries_read_only);
    tcase_add_test(banned, sandbox_should_keep_parameters_read_only);
    tcase_add_test(banned, sandbox_should_remove_nondeterministic_random);
    tcase_add_test(banned, sandbox_should_remove_unbounded_pattern_matching);
    tcase_add_test(banned, sandbox_should_not_carry_a_view_to_the_next_household);
    suite_add_tcase(s, banned);

    tcase_set_timeout(limits, 60);
    tcase_add_test(limits, sandbox_should_stop_an_infinite_loop_inside_pcall);
    tcase_add_test(limits, sandbox_should_stop_an_allocation_bomb_inside_pcall);
    tcase_add_test(limits, sandbox_should_guard_string_rep_of_empty_strings);
    tcase_add_test(limits, sandbox_should_budget_a_rule_file_top_level);
    suite_add_tcase(s, limits);

    tcase_add_test(loading, sandbox_should_report_a_syntax_error_with_exact_file_and_line);
    tcase_add_test(loading, sandbox_should_keep_exact_paths_longer_than_lua_shortens);
    tcase_add_test(loading, sandbox_should_refuse_precompiled_bytecode);
    suite_add_tcase(s, loading);
    return s;
}

int main(void)
{
    return run_suite(sandbox_suite());
}
