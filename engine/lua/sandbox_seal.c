/*
** sandbox_seal.c: rule code keeps nothing from one household to the next.
**
** A rule file's local variables outlive the file: a function that reads one keeps it as an
** upvalue, shared by every household the engine classifies. A counter there makes classes
** alternate; a table there can grow until later households run out of memory; and neither
** shows in the content hash, so a replay would not give the same results.
**
** So once every rule set is loaded, each function written in a rule file is sealed: the
** tables its upvalues hold are frozen in place (their contents move to a hidden table the
** frozen one reads through; writing raises an error), and the upvalues' values are
** remembered. After every budgeted call sandbox_restore puts those values back. Evaluation
** is then stateless by construction, whatever the rule does with its locals.
*/
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "sandbox.h"

/* Registry key of the sealed upvalues: {n = N, f1, i1, v1, f2, i2, v2, ...}. */
static const char SEALED_KEY[] = "rasoat.sealed";

/* Key (a light userdata) under which a frozen table's metatable holds its contents. */
static const char FROZEN_KEY = 0;

int sandbox_frozen_contents(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx))                  /* raw: ignores __metatable */
        return 0;
    if (lua_rawgetp(L, -1, &FROZEN_KEY) != LUA_TTABLE) {
        lua_pop(L, 2);
        return 0;
    }
    lua_remove(L, -2);                              /* contents */
    return 1;
}

static int frozen_newindex(lua_State *L)
{
    int t = lua_type(L, 2);

    if (t == LUA_TSTRING || t == LUA_TNUMBER)
        return luaL_error(L, "a table of the rule file cannot be changed while classifying: "
                          "rules keep nothing from one household to the next "
                          "(assignment to '%s')", lua_tostring(L, 2));
    return luaL_error(L, "a table of the rule file cannot be changed while classifying: "
                      "rules keep nothing from one household to the next");
}

static int frozen_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
    return 1;
}

/* Freeze the metatable-less table at 'idx' in place: its contents move to a new table that
** it reads through. Every reference to it sees the frozen table. */
static void freeze(lua_State *L, int idx)
{
    int contents, keys;
    lua_Integer n = 0, k;

    idx = lua_absindex(L, idx);
    lua_newtable(L);
    contents = lua_gettop(L);
    lua_newtable(L);
    keys = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {                 /* copy, and list the keys */
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, contents);
        lua_pushvalue(L, -1);
        lua_rawseti(L, keys, ++n);
    }
    for (k = 1; k <= n; k++) {                      /* then empty the original */
        lua_rawgeti(L, keys, k);
        lua_pushnil(L);
        lua_rawset(L, idx);
    }
    lua_pop(L, 1);                                  /* contents */
    lua_createtable(L, 0, 5);                       /* contents mt */
    lua_pushvalue(L, contents);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, frozen_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, contents);
    lua_pushcclosure(L, frozen_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, contents);
    lua_rawsetp(L, -2, &FROZEN_KEY);
    lua_setmetatable(L, idx);
    lua_pop(L, 1);                                  /* contents */
}

/* Whether the value at the top is a Lua function written in a rule file (not stdlib, not
** C). */
static int is_rule_function(lua_State *L)
{
    lua_Debug ar;

    if (lua_type(L, -1) != LUA_TFUNCTION || lua_iscfunction(L, -1))
        return 0;
    lua_pushvalue(L, -1);
    lua_getinfo(L, ">S", &ar);
    return ar.source[0] == '@' && strncmp(ar.source, "@stdlib/", 8) != 0;
}

/* Push the gate of the rule function at the top, one per function (cached in 'gates'). */
static void push_gate(lua_State *L, int gates)
{
    lua_pushvalue(L, -1);
    if (lua_rawget(L, gates) == LUA_TFUNCTION)
        return;
    lua_pop(L, 1);
    sandbox_push_gate(L, -1);                            /* f gate */
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -2);
    lua_rawset(L, gates);
}

/* Queue the value at the top (popped) for the walk, with whether to freeze what it holds. */
static void enqueue(lua_State *L, int work, lua_Integer *tail, int freeze_it)
{
    lua_rawseti(L, work, ++*tail);
    lua_pushboolean(L, freeze_it);
    lua_rawseti(L, work, ++*tail);
}

void sandbox_seal(lua_State *L, int idx)
{
    int visited, work, sealed, gates;
    lua_Integer head = 0, tail = 0, n = 0;

    idx = lua_absindex(L, idx);
    lua_newtable(L);
    visited = lua_gettop(L);
    lua_newtable(L);
    work = lua_gettop(L);
    if (lua_getfield(L, LUA_REGISTRYINDEX, SEALED_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, SEALED_KEY);
    }
    sealed = lua_gettop(L);
    lua_newtable(L);
    gates = lua_gettop(L);
    lua_getfield(L, sealed, "n");
    n = lua_tointeger(L, -1);
    lua_pop(L, 1);

    lua_pushvalue(L, idx);
    enqueue(L, work, &tail, 0);
    /* Breadth first, with an explicit queue: a deeply nested table must not overflow the
    ** C stack. */
    while (head < tail) {
        int freeze_it, type;

        lua_rawgeti(L, work, ++head);                       /* v */
        lua_rawgeti(L, work, ++head);
        freeze_it = lua_toboolean(L, -1);
        lua_pop(L, 1);
        type = lua_type(L, -1);
        if (type != LUA_TTABLE && type != LUA_TFUNCTION) {
            lua_pop(L, 1);
            continue;
        }
        /* A function is walked once. A table is walked again when it was first reached
        ** through stdlib (not frozen) and is then reached through a rule function's locals:
        ** a table both hold must be frozen all the same. */
        lua_pushvalue(L, -1);
        lua_rawget(L, visited);
        if (lua_tointeger(L, -1) >= (type == LUA_TFUNCTION || freeze_it ? 2 : 1)) {
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushinteger(L, type == LUA_TFUNCTION || freeze_it ? 2 : 1);
        lua_rawset(L, visited);

        if (type == LUA_TFUNCTION) {
            int rule = is_rule_function(L);
            const char *name;
            int i;

            for (i = 1; (name = lua_getupvalue(L, -1, i)) != NULL; i++) { /* f v */
                int sealable = rule && strcmp(name, "_ENV") != 0;

                if (!rule && !lua_iscfunction(L, -2) && is_rule_function(L)) {
                    push_gate(L, gates);                 /* f v gate */
                    lua_setupvalue(L, -3, i);            /* a stdlib function's: f v */
                }
                if (sealable) {
                    lua_pushvalue(L, -2);
                    lua_rawseti(L, sealed, 3 * n + 1);
                    lua_pushinteger(L, i);
                    lua_rawseti(L, sealed, 3 * n + 2);
                    lua_pushvalue(L, -1);
                    lua_rawseti(L, sealed, 3 * n + 3);
                    n++;
                }
                enqueue(L, work, &tail, sealable);
            }
        } else {
            if (freeze_it && !lua_getmetatable(L, -1)) {     /* plain table of a rule file */
                freeze(L, -1);
                sandbox_frozen_contents(L, -1);             /* t contents */
            }
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {                  /* t k v */
                if (!freeze_it && is_rule_function(L)) {    /* stdlib's table: the gate */
                    lua_pushvalue(L, -2);
                    lua_pushvalue(L, -2);
                    push_gate(L, gates);                    /* t k v k v gate */
                    lua_remove(L, -2);                      /* t k v k gate */
                    lua_rawset(L, -5);                      /* an existing field: next goes on */
                }
                lua_pushvalue(L, -2);
                enqueue(L, work, &tail, freeze_it);         /* the key */
                enqueue(L, work, &tail, freeze_it);         /* the value */
            }
        }
        lua_settop(L, gates);
    }
    lua_pushinteger(L, n);
    lua_setfield(L, sealed, "n");
    lua_settop(L, idx);
}

void sandbox_restore(lua_State *L)
{
    lua_Integer k, n;

    if (lua_getfield(L, LUA_REGISTRYINDEX, SEALED_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    lua_getfield(L, -1, "n");
    n = lua_tointeger(L, -1);
    lua_pop(L, 1);
    for (k = 0; k < n; k++) {
        int i;

        lua_rawgeti(L, -1, 3 * k + 2);
        i = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, -1, 3 * k + 1);                      /* sealed f */
        lua_rawgeti(L, -2, 3 * k + 3);                      /* sealed f v */
        lua_setupvalue(L, -2, i);                           /* sealed f */
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}
