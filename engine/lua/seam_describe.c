/*
** seam_describe.c: what the stdlib says of rule sets without a household: the list and
** the full view (stdlib/describe.lua), the rasoat.ruleset/1 document, the boundary cases
** (stdlib/boundaries.lua) and the parameter-usage lint (stdlib/lint.lua).
*/
#include <lua.h>

#include "error.h"
#include "lua_json.h"
#include "seam_state.h"

/* Call entry 'e' with the 'nargs' values on top, budgeted for a whole rule set, and leave
** its one result at 1. */
static int call_describe(seam *s, int nargs, rasoat_error *err)
{
    return sandbox_call(&s->sb, nargs, 1, s->budget * 100, RASOAT_E_SYSTEM, s->lang, err);
}

/* The text result at 1 into '*text'. */
static int text_result(seam *s, int code, const char **text, rasoat_error *err)
{
    if (code == RASOAT_OK && (*text = lua_tostring(s->sb.L, 1)) == NULL)
        code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "no text");
    return code;
}

/* The result at 1 as a JSON document into '*doc'. */
static int document_result(seam *s, int code, cJSON **doc, rasoat_error *err)
{
    if (code == RASOAT_OK && (*doc = lua_json_to_cjson(s->sb.L, 1)) == NULL)
        code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    return code;
}

int seam_describe_list(seam *s, const ruleset_table *t, rasoat_lang lang, const char **text,
                       rasoat_error *err)
{
    lua_State *L = s->sb.L;
    size_t i;

    seam_clear(s);
    seam_push_entry(s, ENTRY_LIST);
    lua_createtable(L, (int)t->count, 0);
    for (i = 0; i < t->count; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, t->sets[i].ref);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushstring(L, lang == RASOAT_LANG_EN ? "en" : "vi");
    return text_result(s, call_describe(s, 2, err), text, err);
}

int seam_describe_show(seam *s, const ruleset *rs, rasoat_lang lang, const char **text,
                       rasoat_error *err)
{
    lua_State *L = s->sb.L;

    seam_clear(s);
    seam_push_entry(s, ENTRY_SHOW);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);
    lua_pushstring(L, lang == RASOAT_LANG_EN ? "en" : "vi");
    return text_result(s, call_describe(s, 2, err), text, err);
}

int seam_ruleset_data(seam *s, seam_data what, const ruleset *rs, cJSON **doc,
                      rasoat_error *err)
{
    seam_clear(s);
    seam_push_entry(s, what == SEAM_BOUNDARY_CASES ? ENTRY_CASES : ENTRY_DOCUMENT);
    lua_rawgeti(s->sb.L, LUA_REGISTRYINDEX, rs->ref);
    return document_result(s, call_describe(s, 1, err), doc, err);
}

int seam_unused_parameters(seam *s, const ruleset_table *t, const seam_sources *sources,
                           const ruleset *rs, cJSON **doc, rasoat_error *err)
{
    lua_State *L = s->sb.L;
    size_t i, k;

    seam_clear(s);
    seam_push_entry(s, ENTRY_UNUSED);
    lua_createtable(L, (int)t->count, 0);                       /* fn sets */
    lua_createtable(L, (int)t->count, 0);                       /* fn sets sources */
    for (i = 0; i < t->count; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, t->sets[i].ref);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
        lua_createtable(L, 0, (int)sources[i].count);           /* {name = text} */
        for (k = 0; k < sources[i].count; k++) {
            lua_pushlstring(L, sources[i].files[k].text, sources[i].files[k].length);
            lua_setfield(L, -2, sources[i].files[k].name);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);                 /* fn sets sources rs */
    return document_result(s, call_describe(s, 3, err), doc, err);
}
