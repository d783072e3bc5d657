/*
** host.c: the 'host' module stdlib receives, the stdlib entry points the engine calls, and
** opening and closing a seam (seam.h).
**
** Every C function stdlib may call is in the one table host_funcs; every stdlib function
** the host calls is in the one table entries. stdlib chunks run in name order (also their
** order of dependency), each with (host, loaded): 'loaded' maps a module's name to what
** the chunks before it returned.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "date.h"
#include "error.h"
#include "json_view.h"
#include "lua_json.h"
#include "seam_state.h"
#include "stdlib_embed.h"

/* {====================================================================
** Host functions for stdlib
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
    lua_pushinteger(L, RASOAT_MAX_RULESET_CHAIN);
    lua_setfield(L, -2, "max_chain");
    return 1;
}

/* }==================================================================== */

/* The stdlib functions the host calls, in seam_entry order: module, function. */
static const struct {
    const char *module, *function;
} entries[ENTRY_COUNT] = {
    {"dsl", "begin"},
    {"dsl", "link"},
    {"classify", "evaluate"},
    {"classify", "disagreement"},
    {"explain", "run"},
    {"describe", "list"},
    {"describe", "show"},
    {"describe", "data"},
    {"boundaries", "cases"},
    {"lint", "unused_parameters"},
};

/* Keep a reference to every entry point of the module 'name' at the top (left there). */
static int take_entries(seam *s, const char *name, rasoat_error *err)
{
    lua_State *L = s->sb.L;
    int e;

    for (e = 0; e < ENTRY_COUNT; e++) {
        if (strcmp(entries[e].module, name) != 0)
            continue;
        if (!lua_istable(L, -1) || lua_getfield(L, -1, entries[e].function) != LUA_TFUNCTION)
            return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0,
                                "stdlib lacks an entry point the engine calls");
        s->entry[e] = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    return RASOAT_OK;
}

/* Run each stdlib chunk with the host table and take its entry points. */
static int load_stdlib(seam *s, rasoat_error *err)
{
    lua_State *L = s->sb.L;
    const stdlib_file *files;
    size_t count, i;
    int code;

    lua_pushcfunction(L, push_host);
    code = sandbox_call(&s->sb, 0, 1, s->budget, RASOAT_E_SYSTEM, s->lang, err); /* host */
    lua_newtable(L);                                            /* host loaded */
    for (i = 0, files = stdlib_files(&count); code == RASOAT_OK && i < count; i++) {
        char path[64], name[32];

        snprintf(path, sizeof path, "stdlib/%s", files[i].name);
        snprintf(name, sizeof name, "%.*s", (int)strcspn(files[i].name, "."), files[i].name);
        code = sandbox_load(&s->sb, files[i].text, files[i].length, path, err);
        if (code != RASOAT_OK)
            break;
        lua_pushvalue(L, -3);
        lua_pushvalue(L, -3);                                   /* host loaded chunk host loaded */
        code = sandbox_call(&s->sb, 2, 1, s->budget, RASOAT_E_SYSTEM, s->lang, err);
        if (code != RASOAT_OK)
            break;
        code = take_entries(s, name, err);
        lua_setfield(L, -2, name);                              /* loaded[name] = module */
    }
    for (i = 0; code == RASOAT_OK && i < ENTRY_COUNT; i++)
        if (s->entry[i] == LUA_NOREF)
            code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0,
                                "stdlib lacks a module the engine calls");
    lua_settop(L, 0);
    return code;
}

int seam_open(const seam_config *cfg, seam **out, rasoat_error *err)
{
    seam *s = (seam *)calloc(1, sizeof *s);
    int code, i;

    *out = NULL;
    if (s == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    s->budget = cfg->budget;
    s->lang = cfg->lang;
    for (i = 0; i < ENTRY_COUNT; i++)
        s->entry[i] = LUA_NOREF;
    code = sandbox_open(&s->sb, cfg->memory_limit);
    if (code != RASOAT_OK) {
        err_set_text(err, code, "system", NULL, NULL, 0, "cannot create the Lua state");
        seam_close(s);
        return code;
    }
    if (cfg->time_limit_ms != 0)
        s->sb.time_limit_ms = cfg->time_limit_ms;
    code = load_stdlib(s, err);
    if (code != RASOAT_OK) {
        seam_close(s);
        return code;
    }
    *out = s;
    return RASOAT_OK;
}

void seam_close(seam *s)
{
    if (s == NULL)
        return;
    sandbox_close(&s->sb);
    free((void *)s->strings);
    free(s->warnings);
    free(s->determinations);
    while (s->ignored_count > 0)
        free(s->ignored[--s->ignored_count].code);
    free(s->ignored);
    free(s);
}

size_t seam_memory_peak(const seam *s)
{
    return s->sb.mem.peak;
}

void seam_end_household(seam *s)
{
    s->sb.epoch++;
}

void seam_push_entry(seam *s, seam_entry e)
{
    lua_rawgeti(s->sb.L, LUA_REGISTRYINDEX, s->entry[e]);
}

void seam_clear(seam *s)
{
    lua_settop(s->sb.L, 0);
}
