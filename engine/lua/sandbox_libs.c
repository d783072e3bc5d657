/*
** sandbox_libs.c: the library functions rule code reaches, made to pay for their work and
** to give the same answer on every run.
**
** The count hook sees VM instructions only. A C library function can do work that grows
** with its arguments inside one instruction (table.move over a huge range touches no
** memory and runs no instruction), so each such function is wrapped: before it runs, the
** elements it will touch are charged to the budget (one unit each), and bytes it only
** copies or scans are charged SANDBOX_BYTES_PER_UNIT to a unit. What it allocates is also
** charged, by the allocator (alloc.c). The charge is computed from the arguments alone, so
** the same household and rule set stop at the same point on every machine.
**
** Determinism: 'next' is not offered (its order follows the process's string-hash seed);
** 'pairs' walks keys in a fixed order; 'tostring' and 'string.format' refuse to write a
** table, function or userdata, whose text is a memory address.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "sandbox.h"

/* {====================================================================
** Reading arguments without raising
** ===================================================================== */

/* Argument 'i' as an integer, or 'dflt' when absent or not an integer. Reading does not
** convert the argument in place; a wrong type costs nothing here and the wrapped function
** raises its own error. */
static lua_Integer int_arg(lua_State *L, int i, lua_Integer dflt)
{
    int ok;
    lua_Integer v;

    if (lua_isnoneornil(L, i))
        return dflt;
    v = lua_tointegerx(L, i, &ok);
    return ok ? v : dflt;
}

static uint64_t str_len(lua_State *L, int i)
{
    return lua_type(L, i) == LUA_TSTRING ? (uint64_t)lua_rawlen(L, i) : 0;
}

/* The border of the table at 'i' (of its contents when it is a frozen file-level table). */
static lua_Integer tab_len(lua_State *L, int i)
{
    lua_Integer n;

    if (lua_type(L, i) != LUA_TTABLE)
        return 0;
    if (sandbox_frozen_contents(L, i)) {
        n = (lua_Integer)lua_rawlen(L, -1);
        lua_pop(L, 1);
        return n;
    }
    return (lua_Integer)lua_rawlen(L, i);
}

/* How many integers i..j holds, saturating. */
static uint64_t range(lua_Integer i, lua_Integer j)
{
    uint64_t n;

    if (j < i)
        return 0;
    n = (uint64_t)j - (uint64_t)i + 1u;
    return n == 0 ? UINT64_MAX : n;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t mul_sat(uint64_t a, uint64_t b)
{
    return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

static uint64_t bytes_units(uint64_t bytes)
{
    return bytes / SANDBOX_BYTES_PER_UNIT;
}

/* }==================================================================== */

/* {====================================================================
** What each function costs (the arguments are at 1..top)
** ===================================================================== */

typedef uint64_t (*cost_fn)(lua_State *L);

static uint64_t cost_args(lua_State *L) /* one unit per argument: char, pack, utf8.char */
{
    return (uint64_t)lua_gettop(L);
}

static uint64_t cost_bytes1(lua_State *L) /* a pass over string 1: upper, lower, reverse, sub */
{
    return bytes_units(str_len(L, 1));
}

static uint64_t cost_utf8_scan(lua_State *L) /* decoding string 1: utf8.len, codepoint, offset */
{
    return str_len(L, 1) / 8u;
}

static uint64_t cost_byte(lua_State *L) /* string.byte(s, i, j): one value pushed per byte */
{
    lua_Integer i = int_arg(L, 2, 1);
    uint64_t n = range(i, int_arg(L, 3, i)), len = str_len(L, 1);

    return n < len ? n : len;
}

static uint64_t cost_table_len(lua_State *L) /* shifting elements: table.insert, table.remove */
{
    return (uint64_t)(tab_len(L, 1) > 0 ? tab_len(L, 1) : 0);
}

static uint64_t cost_concat(lua_State *L) /* table.concat(t, sep, i, j); bytes: allocator */
{
    return range(int_arg(L, 3, 1), int_arg(L, 4, tab_len(L, 1)));
}

static uint64_t cost_unpack(lua_State *L) /* table.unpack(t, i, j) */
{
    return range(int_arg(L, 2, 1), int_arg(L, 3, tab_len(L, 1)));
}

static uint64_t cost_move(lua_State *L) /* table.move(a1, f, e, t [, a2]) */
{
    return range(int_arg(L, 2, 1), int_arg(L, 3, 0));
}

static uint64_t cost_sort(lua_State *L) /* table.sort: n log n comparisons (a Lua comparator
                                        ** pays for its own instructions as well) */
{
    uint64_t n = cost_table_len(L), log = 1;

    while (log < 64 && (UINT64_C(1) << log) <= n)
        log++;
    return mul_sat(n, log);
}

/* Functions charged before they run. string.rep and string.format have their own
** wrappers below; everything else these libraries hold does constant work. */
static const struct charged {
    const char *lib, *name;
    cost_fn cost;
} charged[] = {
    {LUA_STRLIBNAME, "byte", cost_byte},
    {LUA_STRLIBNAME, "char", cost_args},
    {LUA_STRLIBNAME, "lower", cost_bytes1},
    {LUA_STRLIBNAME, "reverse", cost_bytes1},
    {LUA_STRLIBNAME, "sub", cost_bytes1},
    {LUA_STRLIBNAME, "upper", cost_bytes1},
    {LUA_TABLIBNAME, "concat", cost_concat},
    {LUA_TABLIBNAME, "insert", cost_table_len},
    {LUA_TABLIBNAME, "move", cost_move},
    {LUA_TABLIBNAME, "pack", cost_args},
    {LUA_TABLIBNAME, "remove", cost_table_len},
    {LUA_TABLIBNAME, "sort", cost_sort},
    {LUA_TABLIBNAME, "unpack", cost_unpack},
    {LUA_UTF8LIBNAME, "char", cost_args},
    {LUA_UTF8LIBNAME, "codepoint", cost_utf8_scan},
    {LUA_UTF8LIBNAME, "len", cost_utf8_scan},
    {LUA_UTF8LIBNAME, "offset", cost_utf8_scan},
};

/* Call the original function (upvalue 1) with every argument; return all it returns. */
static int call_original(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* A charged function: upvalue 1 the original, upvalue 2 its index in 'charged'. */
static int l_charged(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));

    sandbox_spend(L, 1u + charged[i].cost(L));
    return call_original(L);
}

/* string.rep(s, n [, sep]): charged for the bytes it writes, and refusing to loop over an
** empty piece (with 's' and 'sep' empty Lua's str_rep spins 'n' times allocating nothing). */
static int l_string_rep(lua_State *L)
{
    size_t l, lsep;
    lua_Integer n = luaL_checkinteger(L, 2);

    luaL_checklstring(L, 1, &l);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    sandbox_spend(L, 1u + bytes_units(mul_sat((uint64_t)n, (uint64_t)l + lsep)));
    return call_original(L);
}

/* string.format(fmt, ...): charged for the bytes it reads; refuses '%p' and any table,
** function or userdata argument, whose text would be an address that differs per run. */
static int l_string_format(lua_State *L)
{
    const char *fmt = luaL_checkstring(L, 1);
    const char *p;
    uint64_t bytes = str_len(L, 1);
    int i, top = lua_gettop(L);

    for (p = strchr(fmt, '%'); p != NULL && p[1] != '\0'; p = strchr(p + 2, '%')) {
        if (p[1] != '%' && p[1 + strspn(p + 1, "-+ #0123456789.")] == 'p')
            return luaL_error(L, "string.format: '%%p' writes a memory address, "
                              "which differs on every run; rules may not use it");
    }
    for (i = 2; i <= top; i++) {
        int t = lua_type(L, i);

        if (t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TBOOLEAN && t != LUA_TNIL)
            return luaL_error(L, "string.format: argument #%d is a %s, whose text would be a "
                              "memory address; rules may format only text, numbers and "
                              "booleans", i, lua_typename(L, t));
        bytes = add_sat(bytes, str_len(L, i));
    }
    sandbox_spend(L, 1u + (uint64_t)top + bytes_units(bytes));
    return call_original(L);
}

/* Replace 'lib'.'name' (lib table at the top) by closure 'f' over the original and 'extra'
** (or only the original when 'extra' < 0). */
static void wrap(lua_State *L, const char *name, lua_CFunction f, lua_Integer extra)
{
    if (lua_getfield(L, -1, name) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        return;
    }
    if (extra >= 0) {
        lua_pushinteger(L, extra);
        lua_pushcclosure(L, f, 2);
    } else {
        lua_pushcclosure(L, f, 1);
    }
    lua_setfield(L, -2, name);
}

void sandbox_install_libs(lua_State *L)
{
    size_t i;

    for (i = 0; i < sizeof charged / sizeof charged[0]; i++) {
        lua_getglobal(L, charged[i].lib);
        wrap(L, charged[i].name, l_charged, (lua_Integer)i);
        lua_pop(L, 1);
    }
    lua_getglobal(L, LUA_STRLIBNAME);
    wrap(L, "rep", l_string_rep, -1);
    wrap(L, "format", l_string_format, -1);
    lua_pop(L, 1);
}

/* }==================================================================== */

/* {====================================================================
** Deterministic base functions for rules
** ===================================================================== */

/* One key of a table being walked by 'pairs', for sorting. */
typedef struct key {
    int type;          /* LUA_TNUMBER, LUA_TSTRING or LUA_TBOOLEAN */
    int is_integer;
    lua_Integer i;
    lua_Number n;
    const char *s;     /* strings: kept alive by the key list */
    size_t len;
    int slot;          /* index in the key list */
} key;

static int type_rank(int type)
{
    return type == LUA_TNUMBER ? 0 : type == LUA_TSTRING ? 1 : 2;
}

/* Numbers (by value), then strings (bytewise), then false, true. */
static int compare_keys(const void *a, const void *b)
{
    const key *x = (const key *)a, *y = (const key *)b;

    if (x->type != y->type)
        return type_rank(x->type) - type_rank(y->type);
    if (x->type == LUA_TNUMBER) {
        if (x->is_integer && y->is_integer)
            return x->i < y->i ? -1 : x->i > y->i;
        {
            lua_Number p = x->is_integer ? (lua_Number)x->i : x->n;
            lua_Number q = y->is_integer ? (lua_Number)y->i : y->n;

            return p < q ? -1 : p > q;
        }
    }
    if (x->type == LUA_TSTRING) {
        int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);

        return c != 0 ? c : x->len < y->len ? -1 : x->len > y->len;
    }
    return x->i < y->i ? -1 : x->i > y->i; /* booleans as 0/1 */
}

/* The iterator: upvalues contents, sorted keys, position. Skips keys removed meanwhile. */
static int pairs_next(lua_State *L)
{
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));

    for (;;) {
        pos++;
        if (lua_rawgeti(L, lua_upvalueindex(2), pos) == LUA_TNIL)
            return 1;                                       /* nil: the end */
        lua_pushvalue(L, -1);
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
            break;
        lua_pop(L, 2);
    }
    lua_pushinteger(L, pos);
    lua_replace(L, lua_upvalueindex(3));
    return 2;                                               /* key value */
}

/*
** pairs(t) for rules: every key of 't' (of its contents, for a frozen file-level table) in
** a fixed order, whatever the hash seed. Keys must be numbers, strings or booleans: a table
** or function key has no order that holds from one run to the next. Charged for sorting the
** keys and for the array slots a walk of the table passes over.
*/
static int l_pairs(lua_State *L)
{
    lua_Integer count = 0, k, max_index = 0;
    key *keys;
    size_t used = 0;

    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    if (!sandbox_frozen_contents(L, 1))
        lua_pushvalue(L, 1);                                /* t contents */
    lua_newtable(L);                                        /* t contents list */
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
        int t = lua_type(L, -2);

        lua_pop(L, 1);
        if (t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TBOOLEAN)
            return luaL_error(L, "pairs: a table with a %s as a key has no fixed order; "
                              "rules may walk only tables keyed by numbers, text or booleans",
                              lua_typename(L, t));
        lua_pushvalue(L, -1);
        lua_rawseti(L, 3, ++count);
    }
    keys = (key *)lua_newuserdatauv(L, (size_t)count * sizeof *keys + 1, 0); /* ... list keys */
    for (k = 1; k <= count; k++) {
        key *e = &keys[k - 1];

        lua_rawgeti(L, 3, k);
        e->type = lua_type(L, -1);
        e->slot = (int)k;
        e->is_integer = lua_isinteger(L, -1);
        e->i = e->type == LUA_TBOOLEAN ? lua_toboolean(L, -1) : lua_tointeger(L, -1);
        e->n = e->type == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
        e->s = e->type == LUA_TSTRING ? lua_tolstring(L, -1, &e->len) : NULL;
        if (e->is_integer && e->i > max_index)
            max_index = e->i;
        lua_pop(L, 1);
    }
    /* A walk passes over the array part, which can be far larger than the live keys; it
    ** can hold index 'max_index' only if the state has room for that many slots. */
    used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024u;
    sandbox_spend(L, 1u + (uint64_t)count * 2u
                     + ((uint64_t)max_index * 16u <= used ? (uint64_t)max_index : 0u));
    qsort(keys, (size_t)count, sizeof *keys, compare_keys);
    lua_createtable(L, (int)count, 0);                      /* ... list keys sorted */
    for (k = 1; k <= count; k++) {
        lua_rawgeti(L, 3, keys[k - 1].slot);
        lua_rawseti(L, -2, k);
    }
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    lua_pushinteger(L, 0);                                  /* ... contents sorted 0 */
    lua_pushcclosure(L, pairs_next, 3);
    return 1;
}

/* tostring(v) for rules: refuses values whose text is a memory address. */
static int l_tostring(lua_State *L)
{
    int t;

    luaL_checkany(L, 1);
    t = lua_type(L, 1);
    if (t != LUA_TNUMBER && t != LUA_TSTRING && t != LUA_TBOOLEAN && t != LUA_TNIL)
        return luaL_error(L, "tostring of a %s is not allowed in a rule: its text would be "
                          "a memory address, different on every run", lua_typename(L, t));
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* The message handler xpcall installs: the sandbox's stops go through untouched (the
** rule's handler must not run: once a stop trips, hooks are off while a handler runs);
** any other error goes to the rule's handler, upvalue 1, which pays for what it does. */
static int xpcall_handler(lua_State *L)
{
    if (sandbox_stopped(L))
        return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall(f, handler, ...) for rules: as Lua's, with the handler behind xpcall_handler. */
static int l_xpcall(lua_State *L)
{
    int n = lua_gettop(L), status;

    luaL_checkany(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);                 /* f h args... shim */
    lua_insert(L, 1);                                       /* shim f h args... */
    lua_remove(L, 3);                                       /* shim f args... */
    status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    lua_pushboolean(L, status == LUA_OK);
    lua_replace(L, 1);                                      /* ok results... */
    return lua_gettop(L);
}

void sandbox_push_rule_base(lua_State *L)
{
    lua_createtable(L, 0, 16);
    lua_pushcfunction(L, l_pairs);
    lua_setfield(L, -2, "pairs");
    lua_pushcfunction(L, l_tostring);
    lua_setfield(L, -2, "tostring");
    lua_pushcfunction(L, l_xpcall);
    lua_setfield(L, -2, "xpcall");
}

/* }==================================================================== */
