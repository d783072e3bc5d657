/*
** sandbox.c: the Lua state untrusted rule code runs in.
**
** Threats and answers:
**   - reading or writing files, running programs, loading native code: io, os, package and
**     debug are never opened (adapted from Lua's linit.c, "copy this file and edit it");
**   - loading code at run time: load, loadfile, dofile, string.dump are removed, and chunks
**     are compiled in text mode only, so crafted bytecode cannot reach the VM;
**   - running forever: a count hook spends a budget; once spent it re-arms on every
**     instruction, so a rule's own 'pcall' cannot swallow the stop (Redis does the same with
**     LUA_MASKLINE in script_lua.c), and 'xpcall' runs no rule handler for it
**     (sandbox_libs.c). In classify and explain the hook is armed only while rule code
**     runs, by the gate sandbox_seal puts in front of each rule function stdlib holds: a
**     count hook sends every instruction through luaG_traceexec, a seventh of the work;
**   - work the hook cannot see: C library functions charge the budget for the elements they
**     touch (sandbox_libs.c) and every allocated byte is charged (alloc.c); pattern
**     matching can backtrack for unbounded time inside one instruction, so
**     find/match/gmatch/gsub are removed; what is still out of reach (comparing two long
**     strings is one instruction) meets a wall-clock limit, the last resort;
**   - exhausting memory: the capped allocator in alloc.c; a refused allocation also trips
**     the stop, for the same reason;
**   - crashing the host: an error object is only ever read inside a protected call, with
**     raw access, so no metamethod of a rule's table can raise where nothing catches it;
**   - deceiving the host: only stdlib can raise errors the host reports as its own
**     (host.raise); anything a rule raises is a rule error at its file:line;
**   - nondeterminism and state: math.random is removed; pairs, tostring and string.format
**     are deterministic (sandbox_libs.c); file-level locals are frozen and restored after
**     every call (sandbox_seal.c).
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

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

static void register_engine_error(lua_State *L);

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

/* Base functions a rule may call as they are, grouped by what they are for. Not listed,
** so not reachable from rules: setmetatable/getmetatable (would unlock read-only tables),
** rawset (would write around the strict environment), next (its order follows the
** process's hash seed), and everything removed above. pairs, tostring and xpcall are
** deterministic replacements (sandbox_push_rule_base). */
static const char *const rule_base[] = {
    "assert", "error", "pcall",                /* errors */
    "ipairs", "select",                        /* iteration */
    "tonumber", "type",                        /* conversion */
    "rawequal", "rawget", "rawlen",            /* raw access, read-only */
    "_VERSION",
    NULL
};

/* Libraries a rule may read, each behind a read-only proxy. */
static const char *const rule_libs[] = {
    LUA_MATHLIBNAME, LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_UTF8LIBNAME, NULL
};

static const char SAFE_GLOBALS_KEY[] = "rasoat.safe_globals";

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
    lua_pop(L, 1);

    lua_getglobal(L, LUA_MATHLIBNAME);               /* math */
    lua_pushnil(L);
    lua_setfield(L, -2, "random");
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);

    sandbox_install_libs(L);
    register_engine_error(L);

    sandbox_push_rule_base(L);                       /* safe */
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

/*
** Last resort: an error raised where no protected call catches it. Every entry into Lua is
** protected, so this means an engine bug; say so on stderr, with what is known, before
** Lua aborts, and flush what was already written so no finished result is lost.
*/
static int panic(lua_State *L)
{
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";

    fflush(stdout);
    fprintf(stderr, "rasoat: internal error in the rule engine, stopping: %s\n", msg);
    fflush(stderr);
    return 0; /* Lua then calls abort() */
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* The allocator's growth notice: run the hook on the very next instruction, so a loop
** that allocates a lot per instruction is charged before it can go far. Only sets the
** hook, which is safe at any point (lua.c does it from a signal handler). */
static void charge_growth_soon(void *context)
{
    sandbox *sb = (sandbox *)context;

    if (sb->in_call && (!sb->stdlib_call || sb->rule_depth > 0))
        lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, 1);
}

/* Bytes of growth after which the allocator asks for an early charge. */
#define GROWTH_NOTICE (64u * 1024u)

int sandbox_open(sandbox *sb, size_t memory_limit)
{
    lua_State *L;

    memset(sb, 0, sizeof *sb);
    sb->mem.limit = memory_limit;
    sb->mem.on_growth = charge_growth_soon;
    sb->mem.context = sb;
    sb->time_limit_ms = SANDBOX_DEFAULT_TIME_LIMIT_MS;
    L = lua_newstate(eng_alloc, &sb->mem);
    if (L == NULL)
        return RASOAT_E_SYSTEM;
    lua_atpanic(L, panic);
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
    eng_mem_release(&sb->mem);
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
    int n = file != NULL && file[0] != '\0'
          ? snprintf(text, sizeof text, "%s:%d: %s", file, line, msg)
          : snprintf(text, sizeof text, "%s", msg);

    if (n >= (int)sizeof text)      /* cut like every message: err_set_text keeps whole characters */
        text[sizeof text - 1] = '\0';
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

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Raise the stop sentinel. A light userdata needs no allocation. */
static int raise_stop(lua_State *L)
{
    lua_pushlightuserdata(L, (void *)&STOP_SENTINEL);
    return lua_error(L);
}

/*
** Trip stop 'code': remember the rule frame running now, re-arm the hook on every
** instruction and raise the stop sentinel. A rule that catches it with 'pcall' meets it
** again on its very next instruction, until it reaches the host's own lua_pcall.
*/
static void trip(lua_State *L, sandbox *sb, int code)
{
    const char *source;
    int line;

    sb->stop = code;
    if (sandbox_rule_frame(L, 0, &source, &line)) {
        err_copy(sb->where_file, sizeof sb->where_file, source);
        sb->where_line = line;
    }
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    raise_stop(L);
}

/* Take 'units' from the budget, or trip the budget stop when they are not left. */
static void spend(lua_State *L, sandbox *sb, uint64_t units)
{
    if (sb->remaining > units) {
        sb->remaining -= units;
        return;
    }
    sb->remaining = 0;
    trip(L, sb, RASOAT_E_BUDGET);
}

void sandbox_spend(lua_State *L, uint64_t units)
{
    sandbox *sb = sandbox_of(L);

    if (!sb->in_call)
        return;
    if (sb->stop != 0)
        raise_stop(L);
    spend(L, sb, units);
}

int sandbox_stopped(lua_State *L)
{
    return sandbox_of(L)->stop != 0 || lua_touserdata(L, 1) == (void *)&STOP_SENTINEL;
}

/*
** Count hook, every HOOK_QUANTUM instructions (or on the next one when the allocator asks
** for an early charge): charges the quantum and the bytes allocated since, and checks the
** wall clock. Once a stop has tripped it raises it again on every instruction. Charging a
** whole quantum on an early call keeps the count deterministic: allocations happen at the
** same points on every run.
*/
static void count_hook(lua_State *L, lua_Debug *ar)
{
    sandbox *sb = sandbox_of(L);
    uint64_t units;

    (void)ar;
    if (sb->stop != 0)
        raise_stop(L);
    if (sb->mem.refused)
        trip(L, sb, RASOAT_E_MEMORY);
    units = HOOK_QUANTUM + sb->mem.grown / SANDBOX_BYTES_PER_UNIT;
    sb->mem.grown %= SANDBOX_BYTES_PER_UNIT;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_QUANTUM);
    spend(L, sb, units);
    if (sb->deadline_ns != 0 && now_ns() > sb->deadline_ns)
        trip(L, sb, RASOAT_E_TIME);
}

/* {--------------------------------------------------------------------
** Error objects
** --------------------------------------------------------------------- */

/* Metatable (in the registry) of the opaque objects host.raise makes. */
static const char ENGINE_ERROR_MT[] = "rasoat.engine_error";

/* Stands for an error value a rule raised that is not text (a table, a function, ...):
** the message handler replaces it with this, so nothing after it reads the value. */
static const char ODD_SENTINEL = 0;

static int is_engine_error(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, ENGINE_ERROR_MT) != NULL; /* raw metatable comparison */
}

int sandbox_l_raise(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_newuserdatauv(L, 1, 1);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, ENGINE_ERROR_MT);
    return lua_error(L);
}

int sandbox_l_error_fields(lua_State *L)
{
    if (!is_engine_error(L, 1))
        return 0;
    lua_getiuservalue(L, 1, 1);
    return 1;
}

/* Create the engine-error metatable. Protected (called from setup). */
static void register_engine_error(lua_State *L)
{
    luaL_newmetatable(L, ENGINE_ERROR_MT);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

/*
** Message handler under every budgeted call. It runs inside the protected call, before the
** stack unwinds, and leaves one of four things for the host: the stop sentinel, an engine
** error (host.raise), a string, or ODD_SENTINEL for any other value — read by type only,
** so no metamethod of the value runs. For anything but the stop it records the nearest
** rule frame, so the report names the rule file and line even when the error was raised
** in stdlib or C on the rule's behalf.
*/
static int message_handler(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    const char *source;
    int line;
    int type = lua_type(L, 1);

    if (lua_touserdata(L, 1) == (void *)&STOP_SENTINEL || is_engine_error(L, 1))
        return 1;
    if (sandbox_rule_frame(L, 0, &source, &line)) {
        err_copy(sb->where_file, sizeof sb->where_file, source);
        sb->where_line = line;
    }
    if (type == LUA_TNUMBER) {
        lua_tostring(L, 1);                  /* numbers as their text, in place */
    } else if (type != LUA_TSTRING) {
        sb->odd_type = lua_typename(L, type);
        lua_pushlightuserdata(L, (void *)&ODD_SENTINEL);
        lua_replace(L, 1);
    }
    lua_settop(L, 1);
    return 1;
}

int sandbox_string_args(lua_State *L, int idx, const char *args[4])
{
    int n;

    if (lua_type(L, idx) != LUA_TTABLE)
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

/* Read string field 'k' of the table at the top with raw access, or NULL. Leaves the
** stack as it was; the string stays alive as long as the table does. */
static const char *string_field(lua_State *L, const char *k)
{
    const char *s;

    lua_pushstring(L, k);
    s = lua_rawget(L, -2) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
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
    lua_pushliteral(L, "message");
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        const char *text = string_field(L, lang == RASOAT_LANG_EN ? "en" : "vi");

        err_set_text(err, code, kind, field, NULL, 0, text ? text : kind);
        lua_pop(L, 1);
        return code;
    }
    lua_pop(L, 1);
    lua_pushliteral(L, "args");
    lua_rawget(L, -2);
    nargs = sandbox_string_args(L, -1, args);
    err_set(err, code, kind, field, NULL, 0, lang, key ? key : kind, args, nargs);
    lua_pop(L, 1);
    return code;
}

/* What convert_engine_error works with (a light userdata argument). */
typedef struct conversion {
    rasoat_lang lang;
    int fail_code;
    int code;
    rasoat_error *err;
} conversion;

/*
** Protected: turn the engine error at 1 into conversion 2's 'err'. Definition errors (kind
** "definition") are load errors located in a rule file ({key, args, file, line});
** "undetermined" says a rule set's gap leaves the class open; anything else is the
** household's input error. Fields are read raw: stdlib made them.
*/
static int convert_engine_error(lua_State *L)
{
    conversion *c = (conversion *)lua_touserdata(L, 2);
    const char *kind;

    lua_settop(L, 1);
    lua_getiuservalue(L, 1, 1);                                 /* err fields */
    if (lua_type(L, -1) != LUA_TTABLE)
        return luaL_error(L, "engine error without fields");
    kind = string_field(L, "kind");
    if (kind != NULL && strcmp(kind, "definition") == 0) {
        const char *args[4] = {NULL, NULL, NULL, NULL};
        const char *key = string_field(L, "key");
        char text[sizeof c->err->message];
        int nargs, line;

        lua_pushliteral(L, "line");
        lua_rawget(L, -2);
        line = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_pushliteral(L, "args");
        lua_rawget(L, -2);
        nargs = sandbox_string_args(L, -1, args);
        msg_format(text, sizeof text, c->lang, key ? key : kind, args, nargs);
        lua_pop(L, 1);
        c->code = set_located(c->err, c->fail_code == RASOAT_E_LOAD ? RASOAT_E_LOAD : RASOAT_E_RULE,
                              "definition", string_field(L, "file"), line, text);
        return 0;
    }
    c->code = sandbox_worded(L, kind != NULL && strcmp(kind, "undetermined") == 0
                                ? RASOAT_E_UNDETERMINED : RASOAT_E_INPUT, c->lang, c->err);
    return 0;
}

/* }-------------------------------------------------------------------- */

/* Fill 'err' for a call that tripped a stop (budget, memory or time). */
static int stop_error(sandbox *sb, int stop, uint64_t budget, int fail_code, rasoat_lang lang,
                      rasoat_error *err)
{
    char number[32], text[sizeof err->message];
    const char *arg = number;
    const char *kind = stop == RASOAT_E_BUDGET ? "budget" : stop == RASOAT_E_TIME ? "time_limit"
                                                                            : "memory";
    const char *key = stop == RASOAT_E_BUDGET && fail_code == RASOAT_E_LOAD ? "budget_load" : kind;

    if (stop == RASOAT_E_BUDGET)
        snprintf(number, sizeof number, "%llu", (unsigned long long)budget);
    else if (stop == RASOAT_E_TIME)
        snprintf(number, sizeof number, "%u.%03u", sb->time_limit_ms / 1000,
                 sb->time_limit_ms % 1000);
    else
        snprintf(number, sizeof number, "%zu", sb->mem.limit);
    msg_format(text, sizeof text, lang, key, &arg, 1);
    return set_located(err, stop, kind, sb->where_file, sb->where_line, text);
}

/* Fill 'err' for a failed call whose error value is at the top (see message_handler). */
static int call_error(sandbox *sb, int status, uint64_t budget, int fail_code, rasoat_lang lang,
                      rasoat_error *err)
{
    lua_State *L = sb->L;
    const char *kind = fail_code == RASOAT_E_LOAD ? "load" : "rule";
    int stop = sb->stop != 0 ? sb->stop
             : sb->mem.refused || status == LUA_ERRMEM ? RASOAT_E_MEMORY : 0;

    if (stop != 0)
        return stop_error(sb, stop, budget, fail_code, lang, err);
    if (is_engine_error(L, -1)) {
        conversion c = {lang, fail_code, RASOAT_OK, err};

        lua_pushcfunction(L, convert_engine_error);
        lua_insert(L, -2);
        lua_pushlightuserdata(L, &c);
        if (lua_pcall(L, 2, 0, 0) == LUA_OK)
            return c.code;
        return set_located(err, fail_code, kind, NULL, 0, "the engine could not read an error");
    }
    if (lua_type(L, -1) == LUA_TSTRING) {
        int line = sb->where_line;
        const char *rest = lua_tostring(L, -1);

        if (sb->where_file[0] != '\0')
            rest = strip_position(rest, sb->where_file, &line);
        return set_located(err, fail_code, kind, sb->where_file, line, rest);
    }
    {
        /* ODD_SENTINEL, or a stop sentinel raised by hand: a rule error, never the engine's. */
        char text[sizeof err->message];
        const char *arg = lua_touserdata(L, -1) == (void *)&ODD_SENTINEL && sb->odd_type != NULL
                        ? sb->odd_type : "userdata";

        msg_format(text, sizeof text, lang, "error_value", &arg, 1);
        return set_located(err, fail_code, kind, sb->where_file, sb->where_line, text);
    }
}

/* The gate in front of rule function upvalue 1 (sandbox_push_gate): the first rule
** function entered arms the count hook and the last one left disarms it again. An error
** leaves the hook armed until the call ends, which only counts more. */
static int gate(lua_State *L)
{
    sandbox *sb = sandbox_of(L);
    int counting = sb->stdlib_call && sb->stop == 0;

    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    if (sb->rule_depth++ == 0 && counting)
        lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_QUANTUM);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    if (--sb->rule_depth == 0 && counting && sb->stop == 0)
        lua_sethook(L, NULL, 0, 0);
    return lua_gettop(L);
}

void sandbox_push_gate(lua_State *L, int idx)
{
    lua_pushvalue(L, idx);
    lua_pushcclosure(L, gate, 1);
}

static int budgeted_call(sandbox *sb, int nargs, int nresults, uint64_t budget, int fail_code,
                         rasoat_lang lang, rasoat_error *err, int stdlib_call)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs; /* index of the function */
    int status, code = RASOAT_OK;

    sb->remaining = budget;
    sb->stop = 0;
    sb->mem.refused = 0;
    sb->mem.grown = 0;
    sb->mem.notify_at = GROWTH_NOTICE;
    sb->where_file[0] = '\0';
    sb->where_line = 0;
    sb->odd_type = NULL;
    sb->deadline_ns = sb->time_limit_ms ? now_ns() + (int64_t)sb->time_limit_ms * 1000000 : 0;

    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    sb->in_call = 1;
    sb->stdlib_call = stdlib_call;
    sb->rule_depth = 0;
    sb->mem.enforce = 1;
    if (!stdlib_call)
        lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_QUANTUM);
    status = lua_pcall(L, nargs, nresults, base);
    lua_sethook(L, NULL, 0, 0);
    sb->in_call = 0;
    sb->stdlib_call = 0;
    sb->mem.enforce = 0;
    sb->mem.notify_at = 0;
    lua_remove(L, base);                               /* message handler */
    sandbox_restore(L);

    if (status != LUA_OK || sb->stop != 0) {
        code = call_error(sb, status, budget, fail_code, lang, err);
        lua_settop(L, base - 1);
        if (code == RASOAT_E_MEMORY)
            lua_gc(L, LUA_GCCOLLECT);  /* hand the bomb's memory back before the next call */
        sb->stop = 0;
        sb->mem.refused = 0;
    }
    return code;
}

int sandbox_call(sandbox *sb, int nargs, int nresults, uint64_t budget, int fail_code,
                 rasoat_lang lang, rasoat_error *err)
{
    return budgeted_call(sb, nargs, nresults, budget, fail_code, lang, err, 0);
}

int sandbox_call_stdlib(sandbox *sb, int nargs, int nresults, uint64_t budget, int fail_code,
                        rasoat_lang lang, rasoat_error *err)
{
    return budgeted_call(sb, nargs, nresults, budget, fail_code, lang, err, 1);
}

/* }==================================================================== */
