/*
** sandbox.h: one Lua state in which untrusted rule code can run safely. It opens only safe
** libraries, loads chunks as text only, and runs calls under an instruction budget and a
** memory cap that the rule's own 'pcall' cannot defeat. Failures come back as a filled
** rasoat_error with the rule file and line.
*/
#ifndef RASOAT_SANDBOX_H
#define RASOAT_SANDBOX_H

#include <stdint.h>

#include "alloc.h"
#include "rasoat.h"

struct lua_State;

typedef struct sandbox {
    struct lua_State *L;
    eng_mem mem;
    uint64_t remaining;   /* budget units left in the running call */
    int stop;             /* 0, or RASOAT_E_BUDGET / RASOAT_E_MEMORY / RASOAT_E_TIME once tripped */
    int in_call;          /* a budgeted call is running */
    int stdlib_call;      /* it is a sandbox_call_stdlib: only rule code is counted */
    int rule_depth;       /* rule functions running now, entered through their gates */
    uint64_t epoch;       /* evaluation counter; household views are valid in one epoch */
    unsigned time_limit_ms;   /* wall-clock limit of one call, the last resort (0: none) */
    int64_t deadline_ns;      /* CLOCK_MONOTONIC time the running call must end by */
    char where_file[512]; /* rule frame of the last runtime error (message handler) */
    int where_line;
    const char *odd_type; /* type of a non-text error value a rule raised (static text) */
} sandbox;

/* Budget units: one per VM instruction; bulk work in C (copying, sorting, scanning) is
** charged one unit per element it touches, and every SANDBOX_BYTES_PER_UNIT bytes
** allocated cost one unit. See sandbox_libs.c. */
#define SANDBOX_BYTES_PER_UNIT 64

/* Default wall-clock limit of one budgeted call, in milliseconds. */
#define SANDBOX_DEFAULT_TIME_LIMIT_MS 5000u

/*
** Create the state with the capped allocator and the safe libraries. Returns RASOAT_OK, or
** RASOAT_E_SYSTEM when even that does not fit in memory. 'sb' is caller storage that must
** not move while the state lives (the state points back at it).
*/
int sandbox_open(sandbox *sb, size_t memory_limit);

/* Close the state. Safe on a sandbox whose open failed. */
void sandbox_close(sandbox *sb);

/*
** Compile 'len' bytes of Lua text named 'path' (used as "@path", so messages read
** "path:line:") and push the function. Precompiled bytecode is refused. On failure pushes
** nothing, fills 'err' (RASOAT_E_LOAD, kind "syntax", file, line) and returns its code.
*/
int sandbox_load(sandbox *sb, const char *text, size_t len, const char *path, rasoat_error *err);

/*
** lua_pcall with a budget of 'budget' VM instructions. On success leaves 'nresults'
** results and returns RASOAT_OK. On failure pops the function and arguments, fills 'err'
** and returns its code: RASOAT_E_BUDGET, RASOAT_E_MEMORY, RASOAT_E_INPUT for a structured
** input error raised by the stdlib, 'fail_code' for any other error (the caller says
** whether that is a rule error at evaluation or a load error). The state stays usable.
*/
int sandbox_call(sandbox *sb, int nargs, int nresults, uint64_t budget, int fail_code,
                 rasoat_lang lang, rasoat_error *err);

/*
** sandbox_call for a call into stdlib that rule code cannot have written (classify,
** explain): the count hook runs only while a rule function runs, entered through the gate
** sandbox_seal put in front of it, so stdlib's own instructions cost neither budget nor
** time. The memory cap and the wall-clock limit of rule code are as in sandbox_call.
** Rule code reaches stdlib only through those gates: it cannot set a metatable, open a
** coroutine, or store a function where stdlib will call it (file tables are frozen and
** file-level locals restored), and stdlib calls no value a rule function returns.
*/
int sandbox_call_stdlib(sandbox *sb, int nargs, int nresults, uint64_t budget, int fail_code,
                        rasoat_lang lang, rasoat_error *err);

/*
** Push the gate of the rule function at 'idx': a C function that calls it with the count
** hook armed (in a sandbox_call_stdlib; elsewhere the hook is always armed) and passes
** its results back.
*/
void sandbox_push_gate(struct lua_State *L, int idx);

/* Push a table of the globals rule files may read (base functions, read-only libraries). */
void sandbox_push_safe_globals(struct lua_State *L);

/*
** Charge 'units' to the running call's budget. When they are more than is left, the
** budget stop trips: raises the stop sentinel (a longjmp; does not return). Outside a
** budgeted call it does nothing. For C functions that do work the VM does not count.
*/
void sandbox_spend(struct lua_State *L, uint64_t units);

/* Whether a stop has tripped in the running call, or the value at 1 is its sentinel. */
int sandbox_stopped(struct lua_State *L);

/*
** host.raise(fields): raise 'fields' ({kind=, key=, field=, args=, message=, file=, line=})
** as an engine error. Only stdlib holds 'host', so only stdlib can raise errors the host
** reports as its own: anything else a rule raises is reported as a rule error at its
** file:line. The error object is opaque to rule code (it can catch it with pcall, not read
** or change it). host.error_fields(e) gives stdlib the fields back, or nil when 'e' is not
** an engine error.
*/
int sandbox_l_raise(struct lua_State *L);
int sandbox_l_error_fields(struct lua_State *L);

/* Install in the open state the library functions rule code reaches, each charged to the
** budget by the work it does, and deterministic (sandbox_libs.c). Protected (raises). */
void sandbox_install_libs(struct lua_State *L);

/* The deterministic replacements of base functions a rule may call: pairs (keys in a
** fixed order), tostring and xpcall (sandbox_libs.c). Pushes a table name -> function. */
void sandbox_push_rule_base(struct lua_State *L);

/*
** Make rule code stateless between calls (sandbox_seal.c): for every function written in
** a rule file reachable from the table at 'idx', freeze the tables its file-level locals
** (upvalues) hold and remember those locals' values; after every budgeted call
** sandbox_restore puts them back, so nothing a household did survives it. Where stdlib's
** own tables and functions hold a rule function, it puts the function's gate instead
** (sandbox_push_gate). Protected.
*/
void sandbox_seal(struct lua_State *L, int idx);
void sandbox_restore(struct lua_State *L);

/* If the table at 'idx' is a frozen file-level table, push the table holding its contents
** and return 1; else push nothing and return 0. */
int sandbox_frozen_contents(struct lua_State *L, int idx);

/*
** Fill 'err' with 'code' and the kind, field and message of the structured table at the
** top ({kind=, key=, field=, args=, message=}): its own message = {vi=, en=} in 'lang',
** else catalogue entry 'key' (or 'kind') with 'args'. Leaves the stack as it was; returns
** 'code'.
*/
int sandbox_worded(struct lua_State *L, int code, rasoat_lang lang, rasoat_error *err);

/* Point 'args[0..3]' at the strings of the sequence at 'idx' (stopping at the first
** non-string) and return how many. They live as long as the sequence. */
int sandbox_string_args(struct lua_State *L, int idx, const char *args[4]);

/* The nearest (or, with 'outermost', the farthest) frame running rule code (not stdlib,
** not C): its source without '@' and its current line. Returns 0 when there is none. */
int sandbox_rule_frame(struct lua_State *L, int outermost, const char **source, int *line);

#endif
