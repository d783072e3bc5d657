/*
** alloc.c: the capped allocator (model: Lua's ltests.c 'debug_realloc' and mpv's
** 'mp_lua_alloc'). Rule code is untrusted: a table or string bomb must end in a clean
** LUA_ERRMEM for that household, not in the host being killed by the kernel; and a loop
** that allocates a lot per instruction must pay for it (see 'grown').
*/
#include <stdlib.h>

#include "alloc.h"

void *eng_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    eng_mem *mem = (eng_mem *)ud;
    void *block;

    /* With ptr == NULL, Lua passes the object's type tag in 'osize', not a size. */
    if (ptr == NULL)
        osize = 0;

    if (nsize == 0) {
        free(ptr);
        mem->used -= osize;
        return NULL;
    }

    /* Refuse only growth: shrinking must always succeed, as Lua requires. */
    if (mem->enforce && nsize > osize && mem->used - osize + nsize > mem->limit) {
        mem->refused = 1;
        return NULL;
    }

    block = realloc(ptr, nsize);
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
