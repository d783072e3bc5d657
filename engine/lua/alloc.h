/*
** alloc.h: the capped allocator every engine Lua state runs on. It counts the bytes a
** state holds and refuses growth past a limit, which Lua then reports as a memory error.
** It also counts the bytes allocated, so the sandbox can charge work that allocates
** (building strings, growing tables) to the instruction budget.
*/
#ifndef RASOAT_ALLOC_H
#define RASOAT_ALLOC_H

#include <stddef.h>

/* Blocks up to POOL_MAX bytes come from free lists, one per POOL_GRAIN bytes of size. */
#define POOL_GRAIN 16u
#define POOL_MAX 256u

/* The small blocks of one state (alloc.c). Zero-initialised: empty. */
typedef struct eng_pool {
    void *free[POOL_MAX / POOL_GRAIN];  /* by size class, each linked through its first word */
    char *next, *end;                   /* the newest chunk's part not yet handed out */
    union chunk *chunks;                /* every chunk, for eng_mem_release */
} eng_pool;

/* Accounting for one Lua state; passed to Lua as the allocator's 'ud'. */
typedef struct eng_mem {
    size_t used;     /* bytes currently held */
    size_t peak;     /* most bytes ever held */
    size_t limit;    /* growth past this is refused */
    int refused;     /* set when an allocation was refused; cleared by the owner */
    int enforce;     /* the limit holds only while set (during a budgeted call) */
    size_t grown;    /* bytes allocated (growth only) since the owner last took them */
    size_t notify_at;                 /* call 'on_growth' once 'grown' reaches this (0: never) */
    void (*on_growth)(void *context); /* called with 'context' when it does */
    void *context;
    eng_pool pool;
} eng_mem;

/*
** lua_Alloc over a pool of small blocks and realloc/free, with a cap. Frees always
** succeed; while 'enforce' is set, an allocation or a growth that would take 'used' past
** 'limit' returns NULL (Lua raises LUA_ERRMEM) and sets 'refused'. Counters count the bytes
** Lua asked for (not the pool's chunks) and change only after the allocation succeeded.
** Every growth adds to 'grown'; crossing 'notify_at' calls 'on_growth', which must not
** allocate.
*/
void *eng_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* Free the chunks of 'mem''s pool, once its Lua state is closed. */
void eng_mem_release(eng_mem *mem);

#endif
