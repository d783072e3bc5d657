/*
** sandbox.c: the Lua state untrusted rule code runs in.
**
** Threats and answers:
**   - reading or writing files, running programs, loading native code: io, os, package and
**     debug are never opened (adapted from Lua's linit.c, "copy this file and edit it");
**   - loading code at run time: load, loadfile, dofile, string.dump are removed, and chunks
**     are compiled in text mode only, so crafted bytecode cannot reach the VM;
**   - running forever: a count hook spends an instruction budget; once spent it re-arms on
**     every instruction, so a rule's own 'pcall' cannot swallow the stop (Redis does the
**     same with LUA_MASKLINE in script_lua.c);
**   - exhausting memory: the capped allocator in alloc.c; a refused allocation also trips
**     the stop, for the same reason;
**   - work the hook cannot see (C functions): pattern matching can backtrack for unbounded
**     time inside one instruction, so find/match/gmatch/gsub are removed; string.rep of an
**     empty string loops without allocating, so it is guarded;
**   - nondeterminism: math.random is seeded per state, so it is removed.
*/
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "error.h"
#include "sandbox.h"

/* Instructions between two hook calls: small enough for a tight budget, large enough to
** cost nothing measurable. */
#define HOOK_QUANTUM 1000

/* The error value raised when a stop trips: a light userdata needs no allocation, so it
** can be raised even when memory is exhausted. */
static const char STOP_SENTINEL = 0;

static sandbox *sandbox_of(lua_State *L)
{
    return *(sandbox **)lua_getextraspace(L);
}

/* {====================================================================
** Libraries
** ===================================================================== */

/* Libraries opened in the state, the only ones that exist in it. */
static const luaL_Reg safe_libs[] = {
    {LUA_GNAME, luaopen_base},
    {LUA_MATHLIBNAME, luaopen_math},
    {LUA_STRLIBNAME, luaopen_string},
    {LUA_TABLIBNAME, luaopen_table},
    {LUA_UTF8LIBNAME, luaopen_utf8},
    {NULL, NULL}
};

/* Base functions removed from the state itself, even for stdlib. */
static const char *const removed_base[] = {
    "dofile", "loadfile", "load",  /* load code at run time */
    "collectgarbage",              /* lets code stop or tune the collector */
    "print",                       /* writes to the host's stdout */
    NULL
};

/* string functions removed: dump makes bytecode; the pattern functions can run for
** unbounded time inside one VM instruction, out of the budget's reach. */
static const char *const removed_string[] = {
    "dump", "find", "match", "gmatch", "gsub", "pack", "packsize", "unpack", NULL
};

/* Base functions a rule may call, grouped by what they are for. Not listed, so not
** reachable from rules: setmetatable/getmetatable (would unlock read-only tables),
** rawset (would write around the strict environment), and everything removed above. */
static const char *const rule_base[] = {
    "assert", "error", "pcall", "xpcall",      /* errors */
    "ipairs", "next", "pairs", "select",       /* iteration */
    "tonumber", "tostring", "type",            /* conversion */
    "rawequal", "rawget", "rawlen",            /* raw access, read-only */
    "_VERSION",
    NULL
};

/* Libraries a rule may read, each behind a read-only proxy. */
static const char *const rule_libs[] = {
    LUA_MATHLIBNAME, LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_UTF8LIBNAME, NULL
};

static const char SAFE_GLOBALS_KEY[] = "rasoat.safe_globals";

/* string.rep that refuses to loop over an empty piece: with 's' and 'sep' empty Lua's
** str_rep spins 'n' times without allocating, which neither cap would stop. */
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
    lua_pushvalue(L, lua_upvalueindex(1)); /* original rep */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int l_readonly_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify read-only library field '%s'",
                      luaL_tolstring(L, 2, NULL));
}

/* Push a proxy for the table at 'idx': reads go through, writes raise. */
static void push_readonly(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);                        /* proxy */
    lua_createtable(L, 0, 3);               /* proxy mt */
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_readonly_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");     /* getmetatable cannot reach the real table */
    lua_setmetatable(L, -2);                /* proxy */
}

/*
** Protected setup: open the safe libraries, prune them, and build the table of globals
** rule files may read (stored in the registry). Runs under lua_pcall so that running out
** of memory here is a status, not a panic.
*/
static int setup_state(lua_State *L)
{
    const luaL_Reg *lib;
    const char *const *name;

    for (lib = safe_libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    for (name = removed_base; *name; name++) {
        lua_pushnil(L);
        lua_setglobal(L, *name);
    }

    lua_getglobal(L, LUA_STRLIBNAME);                /* string */
    for (name = removed_string; *name; name++) {
        lua_pushnil(L);
        lua_setfield(L, -2, *name);
    }
    lua_getfield(L, -1, "rep");                      /* string rep */
    lua_pushcclosure(L, l_string_rep, 1);            /* string saferep */
    lua_setfield(L, -2, "rep");                      /* string */
    lua_pop(L, 1);

    lua_getglobal(L, LUA_MATHLIBNAME);               /* math */
    lua_pushnil(L);
    lua_setfield(L, -2, "random");
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);

    lua_newtable(L);                                 /* safe */
    for (name = rule_base; *name; name++) {
        lua_getglobal(L, *name);
        lua_setfield(L, -2, *name);
    }
    for (name = rule_libs; *name; name++) {
        lua_getglobal(L, *name);                     /* safe lib */
        push_readonly(L, -1);                        /* safe lib proxy */
        lua_setfield(L, -3, *name);                  /* safe lib */
        lua_pop(L, 1);                               /* safe */
    }
    lua_setfield(L, LUA_REGISTRYINDEX, SAFE_GLOBALS_KEY);
    return 0;
}

void sandbox_push_safe_globals(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SAFE_GLOBALS_KEY);
}

/* }==================================================================== */

int sandbox_open(sandbox *sb, size_t memory_limit)
{
    lua_State *L;

    memset(sb, 0, sizeof *sb);
    sb->mem.limit = memory_limit;
    L = lua_newstate(eng_alloc, &sb->mem);
    if (L == NULL)
        return RASOAT_E_SYSTEM;
    *(sandbox **)lua_getextraspace(L) = sb;
    sb->L = L;
    lua_pushcfunction(L, setup_state);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        sandbox_close(sb);
        return RASOAT_E_SYSTEM;
    }
    return RASOAT_OK;
}

void sandbox_close(sandbox *sb)
{
    if (sb->L != NULL)
        lua_close(sb->L);
    sb->L = NULL;
}

/* {====================================================================
** Locating errors in rule files
** ===================================================================== */

static int is_stdlib_source(const char *source)
{
    return strncmp(source, "@stdlib/", 8) == 0;
}

int sandbox_rule_frame(lua_State *L, int outermost, const char **source, int *line)
{
    lua_Debug ar;
    int level, found = 0;

    for (level = 0; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.source[0] == '@' && ar.currentline > 0 && !is_stdlib_source(ar.source)) {
            *source = ar.source + 1;
            *line = ar.currentline;
            found = 1;
            if (!outermost)
                break;
        }
    }
    return found;
}

/*
** If 'msg' starts with the position prefix Lua writes for 'file' ("file:N: ", where
** 'file' may have been shortened to "...tail"), return the text after it and store N.
** Otherwise return 'msg' and leave '*line' alone.
*/
static const char *strip_position(const char *msg, const char *file, int *line)
{
    const char *p;

    for (p = strchr(msg, ':'); p != NULL; p = strchr(p + 1, ':')) {
        size_t plen = (size_t)(p - msg);
        const char *q = p + 1;
        int n = 0;
        int matches;

        if (*q < '0' || *q > '9')
            continue;
        while (*q >= '0' && *q <= '9')
            n = n * 10 + (*q++ - '0');
        if (q[0] != ':' || q[1] != ' ')
            continue;
        matches = strncmp(msg, file, plen) == 0 && file[plen] == '\0';
        if (!matches && plen > 3 && strncmp(msg, "...", 3) == 0) {
            size_t tail = plen - 3, flen = strlen(file);
            matches = flen >= tail && strncmp(msg + 3, file + flen - tail, tail) == 0;
        }
        if (matches) {
            *line = n;
            return q + 2;
        }
    }
    return msg;
}

/* Fill 'err' with "file:line: message", the form every rule error takes. */
static int set_located(rasoat_error *err, int code, const char *kind, const char *file,
                       int line, const char *msg)
{
    char text[sizeof err->message];

    if (file != NULL && file[0] != '\0')
        snprintf(text, sizeof text, "%s:%d: %s", file, line, msg);
    else
        snprintf(text, sizeof text, "%s", msg);
    return err_set_text(err, code, kind, NULL, file, line, text);
}

/* }==================================================================== */

int sandbox_load(sandbox *sb, const char *text, size_t len, const char *path, rasoat_error *err)
{
    lua_State *L = sb->L;
    char chunkname[600];
    int status;

    snprintf(chunkname, sizeof chunkname, "@%s", path);
    status = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (status == LUA_OK)
        return RASOAT_OK;
    {
        const char *msg = lua_tostring(L, -1);
        int line = 0;
        const char *rest = strip_position(msg ? msg : "not enough memory", path, &line);

        set_located(err, RASOAT_E_LOAD, status == LUA_ERRSYNTAX ? "syntax" : "load", path,
                    line, rest);
    }
    lua_pop(L, 1);
    return RASOAT_E_LOAD;
}

/* {====================================================================
** Budgeted calls
** ===================================================================== */

/*
** Count hook. Spends the budget; once it is spent, or once the allocator has refused
** memory, it re-arms itself for every instruction and raises the stop sentinel each time.
** A rule that catches the error with 'pcall' therefore meets it again on its very next
** instruction, until the error reaches the host's own lua_pcall.
*/
static void count_hook(lua_State *L, lua_Debug *ar)
{
    sandbox *sb = sandbox_of(L);

    (void)ar;
    if (sb->stop == 0) {
        if (sb->mem.refused)
            sb->stop = RASOAT_E_MEMORY;
        else if (sb->remaining > HOOK_QUANTUM)
            sb->remaining -= HOOK_QUANTUM;
        else
            sb->stop = RASOAT_E_BUDGET;
        if (sb->stop == 0)
            return;
        {
            const char *source;
            int line;

            if (sandbox_rule_frame(L, 0, &source, &line)) {
                err_copy(sb->where_file, sizeof sb->where_file, source);
                sb->where_line = line;
            }
        }
        lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    }
    lua_pushlightuserdata(L, (void *)&STOP_SENTINEL);
    lua_error(L);
}

/*
** Message handler under every budgeted call. Structured errors (tables) and the stop
** sentinel pass through untouched; for any other error it records the nearest rule
** frame, so the report names the rule file and line even when the error was raised in
** stdlib or C on the rule's behalf.
*/
static int message_handler(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    const char *source;
    int line;

    if (lua_type(L, 1) == LUA_TTABLE || lua_touserdata(L, 1) == (void *)&STOP_SENTINEL)
        return 1;
    if (sandbox_rule_frame(L, 0, &source, &line)) {
        err_copy(sb->where_file, sizeof sb->where_file, source);
        sb->where_line = line;
    }
    if (lua_type(L, 1) != LUA_TSTRING) {
        luaL_tolstring(L, 1, NULL);
        lua_replace(L, 1);
    }
    return 1;
}

int sandbox_string_args(lua_State *L, int idx, const char *args[4])
{
    int n;

    if (!lua_istable(L, idx))
        return 0;
    idx = lua_absindex(L, idx);
    for (n = 0; n < 4; n++) {
        if (lua_rawgeti(L, idx, n + 1) != LUA_TSTRING) {
            lua_pop(L, 1);
            break;
        }
        args[n] = lua_tostring(L, -1);
        lua_pop(L, 1); /* still referenced by the table */
    }
    return n;
}

/* Read string field 'k' of the table at the top, or NULL. Leaves the stack as it was;
** the string stays alive as long as the table does. */
static const char *string_field(lua_State *L, const char *k)
{
    const char *s;

    lua_getfield(L, -1, k);
    s = lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    return s;
}

int sandbox_worded(lua_State *L, int code, rasoat_lang lang, rasoat_error *err)
{
    const char *args[4] = {NULL, NULL, NULL, NULL};
    const char *kind = string_field(L, "kind");
    const char *key = string_field(L, "key");
    const char *field = string_field(L, "field");
    int nargs;

    if (kind == NULL)
        kind = "rule";
    lua_getfield(L, -1, "message");
    if (lua_istable(L, -1)) {
        const char *text = string_field(L, lang == RASOAT_LANG_EN ? "en" : "vi");

        err_set_text(err, code, kind, field, NULL, 0, text ? text : kind);
        lua_pop(L, 1);
        return code;
    }
    lua_pop(L, 1);
    lua_getfield(L, -1, "args");
    nargs = sandbox_string_args(L, -1, args);
    err_set(err, code, kind, field, NULL, 0, lang, key ? key : kind, args, nargs);
    lua_pop(L, 1);
    return code;
}

/*
** Turn a structured error at the top into 'err'. Definition errors (kind "definition") are
** load errors located in a rule file ({key, args, file, line}); "undetermined" says a rule
** set's gap leaves the class open; anything else is the household's input error.
*/
static int structured_error(lua_State *L, rasoat_lang lang, int fail_code, rasoat_error *err)
{
    const char *kind = string_field(L, "kind");

    if (kind != NULL && strcmp(kind, "definition") == 0) {
        const char *args[4] = {NULL, NULL, NULL, NULL};
        const char *key = string_field(L, "key");
        char text[sizeof err->message];
        int nargs, line, code = fail_code == RASOAT_E_LOAD ? RASOAT_E_LOAD : RASOAT_E_RULE;

        lua_getfield(L, -1, "line");
        line = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_getfield(L, -1, "args");
        nargs = sandbox_string_args(L, -1, args);
        msg_format(text, sizeof text, lang, key ? key : kind, args, nargs);
        lua_pop(L, 1);
        return set_located(err, code, "definition", string_field(L, "file"), line, text);
    }
    return sandbox_worded(L, kind != NULL && strcmp(kind, "undetermined") == 0
                             ? RASOAT_E_UNDETERMINED : RASOAT_E_INPUT, lang, err);
}

int sandbox_call(sandbox *sb, int nargs, int nresults, uint64_t budget, int fail_code,
                 rasoat_lang lang, rasoat_error *err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs; /* index of the function */
    int status, code = RASOAT_OK;
    char number[32];
    const char *arg = number;

    sb->remaining = budget;
    sb->stop = 0;
    sb->mem.refused = 0;
    sb->where_file[0] = '\0';
    sb->where_line = 0;

    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_QUANTUM);
    status = lua_pcall(L, nargs, nresults, base);
    lua_sethook(L, NULL, 0, 0);
    lua_remove(L, base);                               /* message handler */

    if (sb->stop == RASOAT_E_BUDGET || sb->stop == RASOAT_E_MEMORY || sb->mem.refused
        || status == LUA_ERRMEM) {
        int budget_stop = sb->stop == RASOAT_E_BUDGET;
        char text[sizeof err->message];

        if (budget_stop)
            snprintf(number, sizeof number, "%llu", (unsigned long long)budget);
        else
            snprintf(number, sizeof number, "%zu", sb->mem.limit);
        msg_format(text, sizeof text, lang,
                   !budget_stop ? "memory" : fail_code == RASOAT_E_LOAD ? "budget_load" : "budget",
                   &arg, 1);
        code = set_located(err, budget_stop ? RASOAT_E_BUDGET : RASOAT_E_MEMORY,
                           budget_stop ? "budget" : "memory", sb->where_file, sb->where_line,
                           text);
    } else if (status != LUA_OK && lua_type(L, -1) == LUA_TTABLE) {
        code = structured_error(L, lang, fail_code, err);
    } else if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        int line = sb->where_line;
        const char *rest = msg ? msg : "error object is not a string";

        if (sb->where_file[0] != '\0')
            rest = strip_position(rest, sb->where_file, &line);
        code = set_located(err, fail_code, fail_code == RASOAT_E_LOAD ? "load" : "rule",
                           sb->where_file, line, rest);
    }

    if (code != RASOAT_OK) {
        lua_settop(L, base - 1);
        if (sb->stop == RASOAT_E_MEMORY || code == RASOAT_E_MEMORY)
            lua_gc(L, LUA_GCCOLLECT);  /* hand the bomb's memory back before the next call */
        sb->stop = 0;
        sb->mem.refused = 0;
    }
    return code;
}

/* }==================================================================== */
