/*
** engine.c: the public API (rasoat.h). An engine owns one sandboxed Lua state holding the
** stdlib and every rule set of a directory, and classifies households one at a time:
** parse (cJSON) -> check the contract (household.c) -> choose the rule set in force ->
** evaluate (stdlib/classify.lua, budgeted) -> write the record (record.c).
*/
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <lauxlib.h>
#include <lua.h>

#include "date.h"
#include "error.h"
#include "household.h"
#include "json_view.h"
#include "lua_json.h"
#include "record.h"
#include "record_parse.h"
#include "ruleset.h"
#include "sandbox.h"
#include "stdlib_embed.h"

#ifndef RASOAT_VERSION
#define RASOAT_VERSION "unknown"
#endif

struct rasoat_engine {
    sandbox sb;
    ruleset_table rulesets;
    const ruleset *forced;     /* --ruleset, or NULL */
    char *as_of;               /* --as-of, or NULL */
    char *rules_dir;           /* where the rule sets were loaded from */
    int32_t as_of_day;
    rasoat_lang lang;
    uint64_t budget;
    int dsl_ref, classify_ref, describe_ref, explain_ref, boundaries_ref; /* stdlib modules */
    record_buffer out;
    char *keep_text;           /* --keep, split in place */
    const char **keep;         /* NULL-terminated field names, or NULL */
};

/* {====================================================================
** Host functions for stdlib (the 'host' table each stdlib chunk receives)
** ===================================================================== */

/*
** host.where([outermost]) -> file, line of the rule code running now, or nothing. With
** 'outermost' true, the rule frame nearest the bottom of the stack: for a declaration that
** is the statement at the top level of the rule file, even when a helper function of the
** file made the call.
*/
static int l_host_where(lua_State *L)
{
    const char *source;
    int line;

    if (!sandbox_rule_frame(L, lua_toboolean(L, 1), &source, &line))
        return 0;
    lua_pushstring(L, source);
    lua_pushinteger(L, line);
    return 2;
}

/* host.parse_date(s) -> days since 1970-01-01, or nil when 's' is not a valid date. */
static int l_host_parse_date(lua_State *L)
{
    int32_t day;

    if (lua_type(L, 1) != LUA_TSTRING || !date_parse(lua_tostring(L, 1), &day))
        return 0;
    lua_pushinteger(L, day);
    return 1;
}

/* host.safe_globals() -> the table of globals rule files may read. */
static int l_host_safe_globals(lua_State *L)
{
    sandbox_push_safe_globals(L);
    return 1;
}

/* host.message(lang, key, args) -> the catalogue message 'key' in "vi" or "en". */
static int l_host_message(lua_State *L)
{
    const char *args[4] = {NULL, NULL, NULL, NULL};
    char text[1024];
    rasoat_lang lang = strcmp(luaL_checkstring(L, 1), "en") == 0 ? RASOAT_LANG_EN : RASOAT_LANG_VI;
    int nargs = sandbox_string_args(L, 3, args);

    msg_format(text, sizeof text, lang, luaL_checkstring(L, 2), args, nargs);
    lua_pushstring(L, text);
    return 1;
}

/* host.array_mt() -> the metatable that marks a Lua table as a JSON array. */
static int l_host_array_mt(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, JSON_ARRAY_MT);
    return 1;
}

static const luaL_Reg host_funcs[] = {
    {"answer", view_l_answer},
    {"answer_count", view_l_answer_count},
    {"answers", view_l_answers},
    {"array_mt", l_host_array_mt},
    {"message", l_host_message},
    {"error_fields", sandbox_l_error_fields},
    {"parse_date", l_host_parse_date},
    {"raise", sandbox_l_raise},
    {"safe_globals", l_host_safe_globals},
    {"unknown_answers", view_l_unknown_answers},
    {"where", l_host_where},
    {NULL, NULL}
};

/* Protected: register the view type and the JSON array marker, and leave the host table
** on the stack. */
static int push_host(lua_State *L)
{
    view_register(L);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, JSON_ARRAY_MT);
    luaL_newlib(L, host_funcs);
    lua_pushinteger(L, RULESET_MAX_CHAIN);
    lua_setfield(L, -2, "max_chain");
    return 1;
}

/* Run each stdlib chunk with the host table; keep dsl and classify in the registry. */
static int load_stdlib(rasoat_engine *e, rasoat_error *err)
{
    lua_State *L = e->sb.L;
    const stdlib_file *files;
    size_t count, i;
    int code;

    lua_pushcfunction(L, push_host);
    code = sandbox_call(&e->sb, 0, 1, e->budget, RASOAT_E_SYSTEM, e->lang, err); /* host */
    lua_newtable(L);                                            /* host loaded */
    /* Embedded in name order, which is also the order of their dependencies. */
    for (i = 0, files = stdlib_files(&count); code == RASOAT_OK && i < count; i++) {
        char path[64], name[32];
        int *ref = strcmp(files[i].name, "dsl.lua") == 0 ? &e->dsl_ref
                 : strcmp(files[i].name, "classify.lua") == 0 ? &e->classify_ref
                 : strcmp(files[i].name, "describe.lua") == 0 ? &e->describe_ref
                 : strcmp(files[i].name, "explain.lua") == 0 ? &e->explain_ref
                 : strcmp(files[i].name, "boundaries.lua") == 0 ? &e->boundaries_ref : NULL;

        snprintf(path, sizeof path, "stdlib/%s", files[i].name);
        snprintf(name, sizeof name, "%.*s", (int)strcspn(files[i].name, "."), files[i].name);
        code = sandbox_load(&e->sb, files[i].text, files[i].length, path, err);
        if (code != RASOAT_OK)
            break;
        lua_pushvalue(L, -3);
        lua_pushvalue(L, -3);                                   /* host loaded chunk host loaded */
        code = sandbox_call(&e->sb, 2, 1, e->budget, RASOAT_E_SYSTEM, e->lang, err);
        if (code != RASOAT_OK)
            break;
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, name);                              /* loaded[name] = module */
        if (ref != NULL)
            *ref = luaL_ref(L, LUA_REGISTRYINDEX);
        else
            lua_pop(L, 1);                                      /* host loaded */
    }
    lua_settop(L, 0);
    return code;
}

/* }==================================================================== */

/* Split --keep's comma-separated names into e->keep; refuse a name results write
** themselves. */
static int parse_keep(rasoat_engine *e, const char *text, rasoat_error *err)
{
    size_t n = 2, i = 0;
    const char *p;
    char *name, *save = NULL;

    for (p = text; *p; p++)
        n += *p == ',';
    e->keep_text = strdup(text);
    e->keep = (const char **)calloc(n, sizeof *e->keep);
    if (e->keep_text == NULL || e->keep == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    for (name = strtok_r(e->keep_text, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
        size_t k;

        if (record_reserved(name))
            return err_set(err, RASOAT_E_USAGE, "usage", "--keep", NULL, 0, e->lang,
                           "keep_reserved", (const char *const *)&name, 1);
        for (k = 0; k < i && strcmp(e->keep[k], name) != 0; k++)
            ;
        if (k == i)             /* a name given twice is kept once */
            e->keep[i++] = name;
    }
    return RASOAT_OK;
}

int rasoat_open(const rasoat_options *opts, rasoat_engine **out, rasoat_error *err)
{
    rasoat_engine *e;
    int code;

    *out = NULL;
    if (opts == NULL || opts->rules_dir == NULL)
        return err_set_text(err, RASOAT_E_USAGE, "usage", NULL, NULL, 0, "rules_dir is required");
    e = (rasoat_engine *)calloc(1, sizeof *e);
    if (e == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    e->lang = opts->lang;
    e->budget = opts->instruction_budget ? opts->instruction_budget
                                         : RASOAT_DEFAULT_INSTRUCTION_BUDGET;
    e->dsl_ref = e->classify_ref = e->describe_ref = e->explain_ref = e->boundaries_ref = LUA_NOREF;

    if (opts->as_of != NULL) {
        if (!date_parse(opts->as_of, &e->as_of_day)) {
            char expected[96];
            const char *args[3] = {"--as-of", expected, opts->as_of};

            msg_format(expected, sizeof expected, e->lang, "exp_date", NULL, 0);
            code = err_set(err, RASOAT_E_USAGE, "usage", "--as-of", NULL, 0, e->lang,
                           "invalid_field", args, 3);
            goto fail;
        }
        e->as_of = strdup(opts->as_of);
    }

    if (opts->keep != NULL && (code = parse_keep(e, opts->keep, err)) != RASOAT_OK)
        goto fail;
    e->rules_dir = strdup(opts->rules_dir);
    if (e->rules_dir == NULL) {
        code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
        goto fail;
    }
    code = sandbox_open(&e->sb, opts->memory_limit ? opts->memory_limit
                                                    : RASOAT_DEFAULT_MEMORY_LIMIT);
    if (code != RASOAT_OK) {
        err_set_text(err, code, "system", NULL, NULL, 0, "cannot create the Lua state");
        goto fail;
    }
    if (opts->time_limit_ms != 0)
        e->sb.time_limit_ms = opts->time_limit_ms;
    code = load_stdlib(e, err);
    if (code != RASOAT_OK)
        goto fail;
    code = rulesets_load(&e->sb, e->dsl_ref, opts->rules_dir, e->lang, &e->rulesets, err);
    if (code != RASOAT_OK)
        goto fail;
    if (opts->force_ruleset != NULL) {
        e->forced = rulesets_find(&e->rulesets, opts->force_ruleset);
        if (e->forced == NULL) {
            const char *args[2] = {opts->force_ruleset, opts->rules_dir};

            code = err_set(err, RASOAT_E_USAGE, "unknown_ruleset", NULL, NULL, 0, e->lang,
                           "unknown_ruleset", args, 2);
            goto fail;
        }
    }
    *out = e;
    return RASOAT_OK;

fail:
    rasoat_close(e);
    return code;
}

void rasoat_close(rasoat_engine *e)
{
    if (e == NULL)
        return;
    rulesets_free(&e->rulesets);
    sandbox_close(&e->sb);
    record_buffer_free(&e->out);
    free(e->as_of);
    free(e->rules_dir);
    free(e->keep_text);
    free((void *)e->keep);
    free(e);
}

/* Write the error record for 'fail' into the engine buffer and return its code. */
static int error_out(rasoat_engine *e, const char *id, long line, const rasoat_error *fail,
                     const char **record, size_t *record_len, rasoat_error *err)
{
    if (record_error(&e->out, id, line, fail) != RASOAT_OK) {
        e->out.length = 0;
        if (e->out.data != NULL)
            e->out.data[0] = '\0';
    }
    *record = e->out.data;
    *record_len = e->out.length;
    if (err != NULL && err != fail)
        *err = *fail;
    return fail->code;
}

/* The rule set for 'h': the forced one (with a warning-free pass: the caller asked for
** it), else the national set in force on the household's date. */
static const ruleset *choose_ruleset(rasoat_engine *e, const household *h, rasoat_error *fail)
{
    const ruleset *rs = e->forced ? e->forced : rulesets_national_on(&e->rulesets, h->day);

    if (rs == NULL)
        err_set(fail, RASOAT_E_NO_RULESET, "no_ruleset", e->as_of ? "--as-of" : "survey_date",
                NULL, 0, e->lang, "no_ruleset", &h->survey_date, 1);
    return rs;
}

/* Push the household's B1 score and measured income, nil for each it lacks. */
static void push_scores(lua_State *L, const household *h)
{
    if (h->has_b1)
        lua_pushinteger(L, (lua_Integer)h->b1);
    else
        lua_pushnil(L);
    if (h->has_income)
        lua_pushinteger(L, (lua_Integer)h->income);
    else
        lua_pushnil(L);
}

/*
** Run stdlib/classify.lua's evaluate for 'h' under 'rs' (budgeted). On success leaves its
** eight results on the stack (class nil when a local standard does not apply) and returns
** RASOAT_OK; otherwise fills 'fail' and leaves nothing.
*/
static int evaluate(rasoat_engine *e, const ruleset *rs, const household *h, const cJSON *root,
                    rasoat_error *fail)
{
    lua_State *L = e->sb.L;

    lua_rawgeti(L, LUA_REGISTRYINDEX, e->classify_ref);
    lua_getfield(L, -1, "evaluate");
    lua_remove(L, -2);                                      /* evaluate */
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);             /* evaluate rs */
    view_push(L, root, h->deprivations, e->sb.epoch);       /* evaluate rs view */
    lua_pushstring(L, h->area);
    lua_pushinteger(L, (lua_Integer)h->size);
    push_scores(L, h);
    lua_pushstring(L, h->survey_date);                      /* evaluate rs view area size b1 income date */
    return sandbox_call(&e->sb, 7, 8, e->budget, RASOAT_E_RULE, e->lang, fail);
}

/*
** Evaluate every local standard of the household's province in force on its date and add
** each outcome to 'result'. A local standard that leaves the class to a named gap is an
** outcome, not a failure; any other failure is returned (the first one) in 'fail'.
*/
static int add_locals(rasoat_engine *e, const household *h, const cJSON *root, cJSON *result,
                      rasoat_error *fail)
{
    lua_State *L = e->sb.L;
    size_t i;
    int code = RASOAT_OK;

    for (i = 0; i < e->rulesets.count; i++) {
        const ruleset *rs = &e->rulesets.sets[i];
        rasoat_error local_fail;
        int base = lua_gettop(L) + 1, status;

        if (!ruleset_local_applies(rs, h->province, h->day))
            continue;
        status = evaluate(e, rs, h, root, &local_fail);
        if (status == RASOAT_OK) {
            if (!lua_isnil(L, base))
                record_add_local(result, rs, L, base, e->lang);
            lua_settop(L, base - 1);
            continue;
        }
        record_add_local_error(result, rs, &local_fail);
        if (status != RASOAT_E_UNDETERMINED && code == RASOAT_OK) {
            code = status;
            *fail = local_fail;
        }
    }
    return code;
}

/* A forced rule set (--ruleset) applied on a date it is not in force: said, not refused. */
static void warn_outside_force(rasoat_engine *e, const household *h, const ruleset *rs,
                               cJSON *result)
{
    rasoat_error w;
    const char *args[4] = {h->survey_date, rs->id, rs->from, rs->to};

    err_set(&w, 0, "outside_force", e->as_of ? "--as-of" : "survey_date", NULL, 0, e->lang,
            "outside_force", args, 4);
    record_add_warning(result, &w);
}

int rasoat_classify(rasoat_engine *e, const char *json, size_t len, long line,
                    const char **record, size_t *record_len, rasoat_error *err)
{
    lua_State *L = e->sb.L;
    cJSON *root;
    household h;
    rasoat_error fail;
    const ruleset *rs;
    cJSON *result;
    int code, base;

    if (record_parse(json, len, e->lang, &root, &fail) != RASOAT_OK)
        return error_out(e, NULL, line, &fail, record, record_len, err);

    code = household_read(&h, root, e->as_of, e->lang, &fail);
    rs = code == RASOAT_OK ? choose_ruleset(e, &h, &fail) : NULL;
    if (rs == NULL) {
        code = error_out(e, h.id, line, &fail, record, record_len, err);
        cJSON_Delete(root);
        return code;
    }

    base = lua_gettop(L) + 1;
    code = evaluate(e, rs, &h, root, &fail);
    if (code == RASOAT_OK && lua_isnil(L, base)) /* a forced local set that does not apply */
        code = err_set(&fail, RASOAT_E_NO_RULESET, "not_applicable", NULL, NULL, 0, e->lang,
                       "not_applicable", (const char *const *)&rs->id, 1);
    result = code == RASOAT_OK ? record_result(&h, rs, L, base, e->lang, e->keep) : NULL;
    lua_settop(L, base - 1);
    if (code == RASOAT_OK && result == NULL)
        code = err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    if (code == RASOAT_OK && e->forced != NULL && (h.day < rs->from_day || h.day > rs->to_day))
        warn_outside_force(e, &h, rs, result);
    if (code == RASOAT_OK && e->forced == NULL)
        code = add_locals(e, &h, root, result, &fail);
    e->sb.epoch++;  /* views of this record are dead from here on */

    if (result == NULL) {
        code = error_out(e, h.id, line, &fail, record, record_len, err);
    } else {
        if (record_print(&e->out, result) != RASOAT_OK) {
            code = err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
            error_out(e, h.id, line, &fail, record, record_len, err);
        } else if (code != RASOAT_OK && err != NULL) {
            *err = fail;
        }
        *record = e->out.data;
        *record_len = e->out.length;
    }
    cJSON_Delete(root);
    return code;
}

/* Copy the text 's' into the engine's output buffer. */
static int copy_out(rasoat_engine *e, const char *s, rasoat_error *err)
{
    size_t n = s ? strlen(s) : 0;

    if (s == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "no text");
    if (n + 1 > e->out.capacity) {
        char *grown = (char *)realloc(e->out.data, n + 1);

        if (grown == NULL)
            return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
        e->out.data = grown;
        e->out.capacity = n + 1;
    }
    memcpy(e->out.data, s, n + 1);
    e->out.length = n;
    return RASOAT_OK;
}

/*
** Push the 'selection' and 'record' tables explain.run takes: how the national rule set
** was chosen, and the household's identity and facts.
*/
static void push_explain_context(lua_State *L, const rasoat_engine *e, const household *h)
{
    lua_createtable(L, 0, 5);                                   /* record */
    lua_pushstring(L, h->id);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, h->survey_date);
    lua_setfield(L, -2, "survey_date");
    if (h->province != NULL) {
        lua_pushstring(L, h->province);
        lua_setfield(L, -2, "province");
    }
    lua_pushstring(L, h->area);
    lua_setfield(L, -2, "area");
    lua_pushinteger(L, (lua_Integer)h->size);
    lua_setfield(L, -2, "size");
    lua_createtable(L, 0, 2);                                   /* record selection */
    lua_pushboolean(L, e->forced != NULL);
    lua_setfield(L, -2, "forced");
    lua_pushboolean(L, e->as_of != NULL);
    lua_setfield(L, -2, "as_of");
}

int rasoat_explain(rasoat_engine *e, const char *json, size_t len, rasoat_lang lang,
                   rasoat_explain_format format, const char **text, size_t *text_len,
                   rasoat_error *err)
{
    lua_State *L = e->sb.L;
    cJSON *root, *doc = NULL;
    household h;
    rasoat_error fail;
    const ruleset *rs;
    size_t i, n = 0;
    int code, base = lua_gettop(L);

    if (record_parse(json, len, lang, &root, &fail) != RASOAT_OK) {
        if (err != NULL)
            *err = fail;
        return fail.code;
    }
    code = household_read(&h, root, e->as_of, lang, &fail);
    rs = code == RASOAT_OK ? choose_ruleset(e, &h, &fail) : NULL;
    if (rs == NULL) {
        cJSON_Delete(root);
        if (err != NULL)
            *err = fail;
        return fail.code;
    }

    lua_rawgeti(L, LUA_REGISTRYINDEX, e->explain_ref);
    lua_getfield(L, -1, "run");
    lua_remove(L, -2);                                          /* run */
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);                 /* run rs */
    lua_newtable(L);                                            /* run rs locals */
    for (i = 0; e->forced == NULL && i < e->rulesets.count; i++) {
        if (ruleset_local_applies(&e->rulesets.sets[i], h.province, h.day)) {
            lua_rawgeti(L, LUA_REGISTRYINDEX, e->rulesets.sets[i].ref);
            lua_rawseti(L, -2, (lua_Integer)++n);
        }
    }
    push_explain_context(L, e, &h);                             /* run rs locals record selection */
    view_push(L, root, h.deprivations, e->sb.epoch);
    push_scores(L, &h);
    lua_pushstring(L, format == RASOAT_EXPLAIN_JSON ? "json" : "text");
    lua_pushstring(L, lang == RASOAT_LANG_EN ? "en" : "vi");
    /* Explaining tries a what-if per threshold: give it room beyond one classification. */
    code = sandbox_call(&e->sb, 9, 1, e->budget * 50, RASOAT_E_RULE, lang, &fail);
    e->sb.epoch++;
    if (code == RASOAT_OK && format == RASOAT_EXPLAIN_JSON) {
        doc = lua_json_to_cjson(L, -1);
        code = doc != NULL && record_print(&e->out, doc) == RASOAT_OK
             ? RASOAT_OK : err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    } else if (code == RASOAT_OK) {
        code = copy_out(e, lua_tostring(L, -1), &fail);
    }
    lua_settop(L, base);
    cJSON_Delete(root);
    if (code != RASOAT_OK) {
        if (err != NULL)
            *err = fail;
        return code;
    }
    *text = e->out.data;
    *text_len = e->out.length;
    return RASOAT_OK;
}

void rasoat_error_record(rasoat_engine *e, long line, const char *kind, const char *message,
                         const char **record, size_t *record_len)
{
    rasoat_error fail;

    err_set_text(&fail, RASOAT_E_INPUT, kind, NULL, NULL, 0, message);
    error_out(e, NULL, line, &fail, record, record_len, NULL);
}

void rasoat_input_error_record(rasoat_engine *e, const char *id, long line, const char *kind,
                               const char *field, const char *message, const char **record,
                               size_t *record_len)
{
    rasoat_error fail;

    err_set_text(&fail, RASOAT_E_INPUT, kind, field, NULL, 0, message);
    error_out(e, id, line, &fail, record, record_len, NULL);
}

/*
** Call describe.<fn>(arg, lang) where 'push_arg' pushes 'arg', and leave the text it
** returns in the engine's output buffer.
*/
static int describe(rasoat_engine *e, const char *fn, void (*push_arg)(rasoat_engine *, const void *),
                    const void *arg, rasoat_lang lang, const char **text, size_t *len,
                    rasoat_error *err)
{
    lua_State *L = e->sb.L;
    rasoat_error fail;
    int code;

    lua_rawgeti(L, LUA_REGISTRYINDEX, e->describe_ref);
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);                                      /* fn */
    push_arg(e, arg);
    lua_pushstring(L, lang == RASOAT_LANG_EN ? "en" : "vi"); /* fn arg lang */
    code = sandbox_call(&e->sb, 2, 1, e->budget * 100, RASOAT_E_SYSTEM, e->lang, &fail);
    if (code != RASOAT_OK) {
        if (err != NULL)
            *err = fail;
        return code;
    }
    code = copy_out(e, lua_tostring(L, -1), err);
    lua_pop(L, 1);
    if (code != RASOAT_OK)
        return code;
    *text = e->out.data;
    *len = e->out.length;
    return RASOAT_OK;
}

static void push_all_rulesets(rasoat_engine *e, const void *unused)
{
    lua_State *L = e->sb.L;
    size_t i;

    (void)unused;
    lua_createtable(L, (int)e->rulesets.count, 0);
    for (i = 0; i < e->rulesets.count; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, e->rulesets.sets[i].ref);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_one_ruleset(rasoat_engine *e, const void *rs)
{
    lua_rawgeti(e->sb.L, LUA_REGISTRYINDEX, ((const ruleset *)rs)->ref);
}

int rasoat_rules_list(rasoat_engine *e, rasoat_lang lang, const char **text, size_t *len,
                      rasoat_error *err)
{
    return describe(e, "list", push_all_rulesets, NULL, lang, text, len, err);
}

/* Call module.fn(rule set 'id') and leave its result, as JSON, in the output buffer. */
static int ruleset_data(rasoat_engine *e, int module_ref, const char *fn, const char *id,
                        const char **text, size_t *len, rasoat_error *err)
{
    lua_State *L = e->sb.L;
    const ruleset *rs = rulesets_find(&e->rulesets, id);
    rasoat_error fail;
    cJSON *doc;
    int code;

    if (rs == NULL) {
        const char *args[2] = {id, e->rules_dir};

        return err_set(err, RASOAT_E_USAGE, "unknown_ruleset", NULL, NULL, 0, e->lang,
                       "unknown_ruleset", args, 2);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, module_ref);
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);
    code = sandbox_call(&e->sb, 1, 1, e->budget * 100, RASOAT_E_SYSTEM, e->lang, &fail);
    if (code != RASOAT_OK) {
        if (err != NULL)
            *err = fail;
        return code;
    }
    doc = lua_json_to_cjson(L, -1);
    lua_pop(L, 1);
    if (doc == NULL || record_print(&e->out, doc) != RASOAT_OK)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    *text = e->out.data;
    *len = e->out.length;
    return RASOAT_OK;
}

int rasoat_rules_json(rasoat_engine *e, const char *id, const char **text, size_t *len,
                      rasoat_error *err)
{
    return ruleset_data(e, e->describe_ref, "data", id, text, len, err);
}

int rasoat_boundary_cases(rasoat_engine *e, const char *id, const char **text, size_t *len,
                          rasoat_error *err)
{
    return ruleset_data(e, e->boundaries_ref, "cases", id, text, len, err);
}

int rasoat_rules_show(rasoat_engine *e, const char *id, rasoat_lang lang, const char **text,
                      size_t *len, rasoat_error *err)
{
    const ruleset *rs = rulesets_find(&e->rulesets, id);

    if (rs == NULL) {
        const char *args[2] = {id, e->rules_dir};

        return err_set(err, RASOAT_E_USAGE, "unknown_ruleset", NULL, NULL, 0, lang,
                       "unknown_ruleset", args, 2);
    }
    return describe(e, "show", push_one_ruleset, rs, lang, text, len, err);
}

size_t rasoat_ruleset_count(const rasoat_engine *e)
{
    return e->rulesets.count;
}

const char *rasoat_ruleset_id(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].id : NULL;
}

const char *rasoat_ruleset_version(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].version : NULL;
}

const char *rasoat_ruleset_sha256(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].sha256 : NULL;
}

const char *rasoat_ruleset_dir(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].dir : NULL;
}

const char *rasoat_ruleset_parent(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].parent : NULL;
}

size_t rasoat_memory_peak(const rasoat_engine *e)
{
    return e->sb.mem.peak;
}

const char *rasoat_version(void)
{
    return RASOAT_VERSION;
}

const char *rasoat_status_name(int status)
{
    switch (status) {
    case RASOAT_OK: return "ok";
    case RASOAT_E_INPUT: return "input";
    case RASOAT_E_NO_RULESET: return "no_ruleset";
    case RASOAT_E_RULE: return "rule";
    case RASOAT_E_BUDGET: return "budget";
    case RASOAT_E_MEMORY: return "memory";
    case RASOAT_E_LOAD: return "load";
    case RASOAT_E_USAGE: return "usage";
    case RASOAT_E_SYSTEM: return "system";
    case RASOAT_E_UNDETERMINED: return "undetermined";
    case RASOAT_E_TIME: return "time_limit";
    default: return "unknown";
    }
}
