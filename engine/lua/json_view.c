/*
** json_view.c: read-only Lua views of cJSON nodes ("rasoat.view" userdata).
**
**   v.field     object member (nil when absent or null)
**   v[i]        array element, 1-based
**   #v          number of elements or members
**
** Each view records the evaluation epoch it was made in; the sandbox's current epoch
** advances after every household, so a view a rule smuggled out of one evaluation (into
** an upvalue, say) fails cleanly in the next instead of touching freed JSON.
*/
#include <lauxlib.h>
#include <lua.h>

#include "json_member.h"
#include "json_view.h"
#include "sandbox.h"

static const char VIEW_MT[] = "rasoat.view";

typedef struct view {
    const cJSON *node;
    const cJSON *deprivations; /* root only: the "deprivations" object, or NULL */
    uint64_t epoch;
} view;

/* The epoch of the evaluation now running (engine.c advances it per household). */
static uint64_t current_epoch(lua_State *L)
{
    return (*(sandbox **)lua_getextraspace(L))->epoch;
}

static view *check_view(lua_State *L, int idx)
{
    view *v = (view *)luaL_checkudata(L, idx, VIEW_MT);

    if (v->epoch != current_epoch(L))
        luaL_error(L, "household view used outside the evaluation it belongs to");
    return v;
}

void view_push(lua_State *L, const cJSON *node, const cJSON *deprivations, uint64_t epoch)
{
    view *v = (view *)lua_newuserdatauv(L, sizeof(view), 0);

    v->node = node;
    v->deprivations = deprivations;
    v->epoch = epoch;
    luaL_setmetatable(L, VIEW_MT);
}

void view_push_value(lua_State *L, const cJSON *node, uint64_t epoch)
{
    if (node == NULL || cJSON_IsNull(node)) {
        lua_pushnil(L);
    } else if (cJSON_IsBool(node)) {
        lua_pushboolean(L, cJSON_IsTrue(node));
    } else if (cJSON_IsNumber(node)) {
        double d = node->valuedouble;

        /* 2^53: beyond it not every whole number is a double, so it stays a float. */
        if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && d == (double)(lua_Integer)d)
            lua_pushinteger(L, (lua_Integer)d);
        else
            lua_pushnumber(L, d);
    } else if (cJSON_IsString(node)) {
        lua_pushstring(L, node->valuestring);
    } else {
        view_push(L, node, NULL, epoch);
    }
}

static int l_view_index(lua_State *L)
{
    view *v = check_view(L, 1);
    const cJSON *item = NULL;

    if (cJSON_IsArray(v->node)) {
        lua_Integer i = lua_isinteger(L, 2) ? lua_tointeger(L, 2) : 0;

        if (i >= 1 && i <= cJSON_GetArraySize(v->node))
            item = cJSON_GetArrayItem(v->node, (int)(i - 1));
    } else if (lua_type(L, 2) == LUA_TSTRING) {
        item = json_member(v->node, lua_tostring(L, 2));
    }
    view_push_value(L, item, v->epoch);
    return 1;
}

static int l_view_len(lua_State *L)
{
    view *v = check_view(L, 1);

    lua_pushinteger(L, cJSON_GetArraySize(v->node));
    return 1;
}

static int l_view_newindex(lua_State *L)
{
    return luaL_error(L, "the household record is read-only");
}

void view_register(lua_State *L)
{
    static const luaL_Reg meta[] = {
        {"__index", l_view_index},
        {"__len", l_view_len},
        {"__newindex", l_view_newindex},
        {NULL, NULL}
    };

    luaL_newmetatable(L, VIEW_MT);
    luaL_setfuncs(L, meta, 0);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

/*
** host.answer(view, code): the Phiếu B2 answer for indicator 'code' on the record 'view':
** true (deprived), false, or nil when the form does not answer it. Values were checked to
** be booleans or null when the record was read (household.c).
*/
int view_l_answer(lua_State *L)
{
    view *v = check_view(L, 1);
    const char *code = luaL_checkstring(L, 2);
    const cJSON *item = v->deprivations
        ? json_member(v->deprivations, code) : NULL;

    if (cJSON_IsBool(item))
        lua_pushboolean(L, cJSON_IsTrue(item));
    else
        lua_pushnil(L);
    return 1;
}

/*
** host.answers(view, codes): the form's answers for the indicator codes of the sequence
** 'codes', in one call: returns a new list of the deprived codes answered so far, how many
** of 'codes' were answered, and the index of the first code left unanswered (nil when
** every one was). The caller decides the unanswered ones (by derivation) from there on.
*/
int view_l_answers(lua_State *L)
{
    view *v = check_view(L, 1);
    lua_Integer i, n, deprived = 0, answered = 0;

    luaL_checktype(L, 2, LUA_TTABLE);
    n = (lua_Integer)lua_rawlen(L, 2);
    lua_createtable(L, (int)n, 0);                          /* deprived */
    for (i = 1; i <= n; i++) {
        const cJSON *item;

        lua_rawgeti(L, 2, i);                               /* deprived code */
        item = v->deprivations
            ? json_member(v->deprivations, lua_tostring(L, -1)) : NULL;
        if (!cJSON_IsBool(item)) {
            lua_pop(L, 1);
            lua_pushinteger(L, answered);
            lua_pushinteger(L, i);
            return 3;
        }
        answered++;
        if (cJSON_IsTrue(item))
            lua_rawseti(L, -2, ++deprived);                 /* deprived */
        else
            lua_pop(L, 1);
    }
    lua_pushinteger(L, answered);
    return 2;
}

/* host.answer_count(view): how many entries the record's deprivations object holds. */
int view_l_answer_count(lua_State *L)
{
    view *v = check_view(L, 1);

    lua_pushinteger(L, v->deprivations ? cJSON_GetArraySize(v->deprivations) : 0);
    return 1;
}

/*
** host.unknown_answers(view, indicators): the codes the record answers that are not keys
** of table 'indicators', in record order; nil when there are none (the common case, which
** then allocates nothing).
*/
int view_l_unknown_answers(lua_State *L)
{
    view *v = check_view(L, 1);
    const cJSON *item;
    int n = 0;

    luaL_checktype(L, 2, LUA_TTABLE);
    if (v->deprivations == NULL)
        return 0;
    cJSON_ArrayForEach(item, v->deprivations) {
        if (lua_getfield(L, 2, item->string) == LUA_TNIL) {
            lua_pop(L, 1);
            if (n == 0)
                lua_newtable(L);              /* list */
            lua_pushstring(L, item->string);
            lua_rawseti(L, -2, ++n);
        } else {
            lua_pop(L, 1);
        }
    }
    return n > 0 ? 1 : 0;
}
