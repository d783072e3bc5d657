/*
** lua_json.c: Lua values to cJSON (see lua_json.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "lua_json.h"
#include "sandbox.h"

#define MAX_DEPTH 64

static cJSON *convert(lua_State *L, int idx, int depth);

static int is_array(lua_State *L, int idx)
{
    int marked = 0;

    if (lua_rawlen(L, idx) > 0)
        return 1;
    if (lua_getmetatable(L, idx)) {
        lua_getfield(L, LUA_REGISTRYINDEX, JSON_ARRAY_MT);
        marked = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
    }
    return marked;
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* An object with the table's string keys, sorted. */
static cJSON *convert_object(lua_State *L, int idx, int depth)
{
    cJSON *obj = cJSON_CreateObject();
    const char **keys = NULL;
    size_t n = 0, cap = 0, i;

    lua_pushnil(L);
    while (obj != NULL && lua_next(L, idx) != 0) {
        lua_pop(L, 1);                                          /* key */
        if (lua_type(L, -1) != LUA_TSTRING)
            continue;
        if (n == cap) {
            const char **grown;

            cap = cap ? cap * 2 : 16;
            grown = (const char **)realloc((void *)keys, cap * sizeof *keys);
            if (grown == NULL) {
                lua_pop(L, 1);
                cJSON_Delete(obj);
                obj = NULL;
                break;
            }
            keys = grown;
        }
        keys[n++] = lua_tostring(L, -1); /* alive: the key is in the table */
    }
    if (obj != NULL && n > 0) /* qsort's pointer must be valid even for no element */
        qsort((void *)keys, n, sizeof *keys, compare_keys);
    for (i = 0; obj != NULL && i < n; i++) {
        cJSON *item;

        lua_getfield(L, idx, keys[i]);
        item = convert(L, lua_gettop(L), depth + 1);
        lua_pop(L, 1);
        if (item != NULL)
            cJSON_AddItemToObject(obj, keys[i], item);
    }
    free((void *)keys);
    return obj;
}

static cJSON *convert(lua_State *L, int idx, int depth)
{
    if (depth > MAX_DEPTH || !lua_checkstack(L, 4))
        return NULL;
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        return cJSON_CreateNull();
    case LUA_TBOOLEAN:
        return cJSON_CreateBool(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            char digits[24];

            snprintf(digits, sizeof digits, "%lld", (long long)lua_tointeger(L, idx));
            return cJSON_CreateRaw(digits);
        }
        return cJSON_CreateNumber(lua_tonumber(L, idx));
    case LUA_TSTRING:
        return cJSON_CreateString(lua_tostring(L, idx));
    case LUA_TTABLE:
        if (sandbox_frozen_contents(L, idx)) {  /* a rule file's table: its contents */
            cJSON *json = convert(L, lua_gettop(L), depth);

            lua_pop(L, 1);
            return json;
        }
        if (is_array(L, idx)) {
            cJSON *arr = cJSON_CreateArray();
            lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx);

            for (i = 1; arr != NULL && i <= n; i++) {
                cJSON *item;

                lua_rawgeti(L, idx, i);
                item = convert(L, lua_gettop(L), depth + 1);
                lua_pop(L, 1);
                if (item != NULL)
                    cJSON_AddItemToArray(arr, item);
            }
            return arr;
        }
        return convert_object(L, idx, depth);
    default:
        return NULL;
    }
}

cJSON *lua_json_to_cjson(lua_State *L, int idx)
{
    return convert(L, lua_absindex(L, idx), 0);
}
