/*
** alloc.c: the capped allocator (model: Lua's ltests.c 'debug_realloc' and mpv's
** 'mp_lua_alloc'). Rule code is untrusted: a table or string bomb must end in a clean
** LUA_ERRMEM for that household, not in the host being killed by the kernel; and a loop
** that allocates a lot per instruction must pay for it (see 'grown').
**
** Small blocks, which are nearly all of a household's (its tables, strings and closures,
** made and collected for every household), come from free lists by size class carved out
** of 64 KiB chunks the state keeps until it closes: Lua always says a block's size when it
** frees or resizes one, so no header is needed. Larger blocks go to malloc. Under
** AddressSanitizer free blocks are poisoned, so a use after free is still caught.
*/
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ASAN 1
#endif
#endif
#ifdef POOL_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define CHUNK_SIZE (64u * 1024u)

/* A chunk: the link to the one before, then blocks (aligned as malloc aligns). */
typedef union chunk {
    union chunk *next;
    max_align_t align;
} chunk;

/* The size class of a block of 'n' bytes (1 .. POOL_MAX). */
static size_t class_of(size_t n)
{
    return (n - 1) / POOL_GRAIN;
}

/* A block of class 'c', or NULL when no chunk can be had. */
static void *pool_take(eng_pool *p, size_t c)
{
    size_t size = (c + 1) * POOL_GRAIN;
    void *block = p->free[c];

    if (block != NULL) {
        UNPOISON(block, size);
        p->free[c] = *(void **)block;
        return block;
    }
    if ((size_t)(p->end - p->next) < size) {
        chunk *k = (chunk *)malloc(CHUNK_SIZE);

        if (k == NULL)
            return NULL;
        k->next = p->chunks;
        p->chunks = k;
        p->next = (char *)(k + 1);
        p->end = (char *)k + CHUNK_SIZE;
        POISON(p->next, (size_t)(p->end - p->next));
    }
    block = p->next;
    p->next += size;
    UNPOISON(block, size);
    return block;
}

/* Put back 'block' of class 'c'. */
static void pool_give(eng_pool *p, void *block, size_t c)
{
    *(void **)block = p->free[c];
    p->free[c] = block;
    POISON(block, (c + 1) * POOL_GRAIN);
}

/* Free 'block' of 'size' bytes (NULL: nothing). */
static void release(eng_pool *p, void *block, size_t size)
{
    if (block == NULL)
        return;
    if (size <= POOL_MAX)
        pool_give(p, block, class_of(size));
    else
        free(block);
}

/*
** 'ptr' (of 'osize' bytes; NULL: none) as a block of 'nsize' > 0 bytes, its contents kept up
** to the smaller size. NULL when there is no memory, 'ptr' then untouched. A shrink that
** finds no memory keeps its block: one taken from malloc then joins a free list for good
** (it is only lost at close), which is still correct.
*/
static void *resize(eng_pool *p, void *ptr, size_t osize, size_t nsize)
{
    void *block;

    if (ptr != NULL && osize > POOL_MAX && nsize > POOL_MAX)
        return realloc(ptr, nsize);
    if (ptr != NULL && osize <= POOL_MAX && nsize <= POOL_MAX && class_of(osize) == class_of(nsize))
        return ptr;
    block = nsize <= POOL_MAX ? pool_take(p, class_of(nsize)) : malloc(nsize);
    if (block == NULL)
        return nsize <= osize ? ptr : NULL;
    if (ptr != NULL) {
        memcpy(block, ptr, osize < nsize ? osize : nsize);
        release(p, ptr, osize);
    }
    return block;
}

void *eng_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    eng_mem *mem = (eng_mem *)ud;
    void *block;

    /* With ptr == NULL, Lua passes the object's type tag in 'osize', not a size. */
    if (ptr == NULL)
        osize = 0;

    if (nsize == 0) {
        release(&mem->pool, ptr, osize);
        mem->used -= osize;
        return NULL;
    }

    /* Refuse only growth: shrinking must always succeed, as Lua requires. */
    if (mem->enforce && nsize > osize && mem->used - osize + nsize > mem->limit) {
        mem->refused = 1;
        return NULL;
    }

    block = resize(&mem->pool, ptr, osize, nsize);
    if (block == NULL)
        return NULL;
    mem->used = mem->used - osize + nsize;
    if (mem->used > mem->peak)
        mem->peak = mem->used;
    if (nsize > osize) {
        size_t before = mem->grown;

        mem->grown += nsize - osize;
        if (mem->notify_at != 0 && before < mem->notify_at && mem->grown >= mem->notify_at
            && mem->on_growth != NULL)
            mem->on_growth(mem->context);
    }
    return block;
}

void eng_mem_release(eng_mem *mem)
{
    chunk *k = mem->pool.chunks;

    while (k != NULL) {
        chunk *next = k->next;

        UNPOISON(k, CHUNK_SIZE);
        free(k);
        k = next;
    }
    memset(&mem->pool, 0, sizeof mem->pool);
}
