/*
** lua_json.h: Lua data (tables, strings, numbers, booleans) to cJSON, for results that
** stdlib builds as Lua tables (explanations).
*/
#ifndef RASOAT_LUA_JSON_H
#define RASOAT_LUA_JSON_H

#include <cjson/cJSON.h>

struct lua_State;

/* Registry key of the metatable that marks a Lua table as a JSON array (even when empty). */
#define JSON_ARRAY_MT "rasoat.json_array"

/*
** Convert the value at 'idx'. A table with the array marker, or with a non-empty sequence,
** becomes an array of its elements 1..n; any other table an object with its string keys in
** byte order (so the same data always print the same bytes). Integers stay integers;
** functions and other values are left out. Returns a new cJSON value (caller frees), or
** NULL when out of memory or nested deeper than 64 levels.
*/
cJSON *lua_json_to_cjson(struct lua_State *L, int idx);

#endif
