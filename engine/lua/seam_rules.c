/*
** seam_rules.c: the Lua half of loading rule sets (ruleset.c has the files, the hashes
** and the checks). While loading, the list of pending rule sets sits at stack index 1;
** each directory's files run in one environment from stdlib/dsl.lua's begin, then
** dsl.link ties every set to its parent and the linked sets are sealed.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "error.h"
#include "rule_mistakes.h"
#include "seam_state.h"

/* Budget units a rule file's top level may spend while it is loaded. */
#define LOAD_BUDGET 10000000u

#define PENDING 1   /* stack index of the pending list while loading */

void seam_rules_begin(seam *s)
{
    seam_clear(s);
    lua_newtable(s->sb.L);
}

void seam_rules_end(seam *s)
{
    seam_clear(s);
}

/* Call entry 'e' with the 'nargs' values on top; 'nresults' results. */
static int call_load_entry(seam *s, seam_entry e, int nargs, int nresults, rasoat_lang lang,
                           rasoat_error *err)
{
    seam_push_entry(s, e);
    lua_insert(s->sb.L, -1 - nargs);
    return sandbox_call(&s->sb, nargs, nresults, LOAD_BUDGET, RASOAT_E_LOAD, lang, err);
}

int seam_rules_run(seam *s, const char *dir, const rule_file *files, size_t count,
                   rasoat_lang lang, rasoat_error *err)
{
    lua_State *L = s->sb.L;
    int top = lua_gettop(L);
    size_t i;
    int code;

    lua_pushstring(L, dir);
    code = call_load_entry(s, ENTRY_BEGIN, 1, 2, lang, err);   /* list rs env */
    for (i = 0; code == RASOAT_OK && i < count; i++) {
        code = sandbox_load(&s->sb, files[i].text, files[i].length, files[i].path, err);
        if (code != RASOAT_OK) {
            rule_mistake_reword(err, files[i].text, files[i].length, lang);
            break;
        }                                                      /* list rs env chunk */
        lua_pushvalue(L, -2);
        lua_setupvalue(L, -2, 1);                              /* chunk's _ENV = env */
        code = sandbox_call(&s->sb, 0, 0, LOAD_BUDGET, RASOAT_E_LOAD, lang, err);
    }
    if (code == RASOAT_OK) {
        lua_pop(L, 1);                                         /* list rs */
        lua_rawseti(L, PENDING, (lua_Integer)lua_rawlen(L, PENDING) + 1);
    }
    lua_settop(L, top);
    return code;
}

/* Protected: seal the rule code reachable from the linked list at 1 (sandbox_seal.c). */
static int seal_list(lua_State *L)
{
    sandbox_seal(L, 1);
    return 0;
}

static char *string_of(lua_State *L, int idx, const char *field)
{
    char *s;

    lua_getfield(L, idx, field);
    s = lua_isstring(L, -1) ? strdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return s;
}

static int32_t int_of(lua_State *L, int idx, const char *field)
{
    int32_t v;

    lua_getfield(L, idx, field);
    v = (int32_t)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

/* The sequence of strings 'field' of the table at 'idx' into '*out' (a new array of new
** strings) and '*count' (how many it holds). Returns 0 when out of memory. */
static int strings_of(lua_State *L, int idx, const char *field, char ***out, size_t *count)
{
    size_t i, n;

    lua_getfield(L, idx, field);
    n = (size_t)lua_rawlen(L, -1);
    *out = (char **)calloc(n ? n : 1, sizeof **out);
    for (i = 0; *out != NULL && i < n; i++, (*count)++) {
        const char *text;

        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        text = lua_tostring(L, -1);          /* dsl.lua made them: strings */
        (*out)[i] = text != NULL ? strdup(text) : NULL;
        lua_pop(L, 1);
        if ((*out)[i] == NULL)
            break;
    }
    lua_pop(L, 1);
    return *out != NULL && *count == n;
}

/* Take the C view of the linked rule set at the top of the stack into 'rs' (popping it). */
static int take_linked(lua_State *L, ruleset *rs, const char *dir)
{
    int ok;

    rs->id = string_of(L, -1, "id");
    rs->version = string_of(L, -1, "version");
    rs->jurisdiction = string_of(L, -1, "jurisdiction");
    rs->former_town_area = string_of(L, -1, "former_town_area");
    rs->parent = string_of(L, -1, "parent_id");
    rs->from = string_of(L, -1, "from");
    rs->to = string_of(L, -1, "to");
    rs->from_day = int_of(L, -1, "from_day");
    rs->to_day = int_of(L, -1, "to_day");
    rs->dir = strdup(dir);
    ok = strings_of(L, -1, "indicator_codes", &rs->indicators, &rs->indicator_count);
    rs->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return ok && rs->id && rs->version && rs->jurisdiction && rs->from && rs->to && rs->dir;
}

int seam_rules_link(seam *s, ruleset *sets, const char *const *dirs, size_t count,
                    rasoat_lang lang, rasoat_error *err)
{
    lua_State *L = s->sb.L;
    size_t i;
    int code;

    lua_pushvalue(L, PENDING);
    code = call_load_entry(s, ENTRY_LINK, 1, 1, lang, err);     /* linked */
    if (code == RASOAT_OK) {
        /* Seal every linked rule set so no household's evaluation can leave state for the
        ** next one. */
        lua_pushcfunction(L, seal_list);
        lua_pushvalue(L, -2);
        code = sandbox_call(&s->sb, 1, 0, LOAD_BUDGET, RASOAT_E_LOAD, lang, err);
    }
    for (i = 0; code == RASOAT_OK && i < count; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);                 /* linked rs */
        if (!take_linked(L, &sets[i], dirs[i]))
            code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, dirs[i], 0,
                                "out of memory");
    }
    lua_settop(L, PENDING);
    return code;
}

void seam_rules_set_hash(seam *s, const ruleset *rs)
{
    lua_State *L = s->sb.L;

    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);
    lua_pushstring(L, rs->sha256);
    lua_setfield(L, -2, "sha256");
    lua_pop(L, 1);
}
