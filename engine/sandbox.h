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
    uint64_t remaining;   /* instructions left in the running call */
    int stop;             /* 0, or RASOAT_E_BUDGET / RASOAT_E_MEMORY once tripped */
    uint64_t epoch;       /* evaluation counter; household views are valid in one epoch */
    char where_file[512]; /* rule frame of the last runtime error (message handler) */
    int where_line;
} sandbox;

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

/* Push a table of the globals rule files may read (base functions, read-only libraries). */
void sandbox_push_safe_globals(struct lua_State *L);

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
