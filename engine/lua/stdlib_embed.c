/*
** stdlib_embed.c: access to the embedded stdlib sources (the generated stdlib_sources.h).
*/
#include <stddef.h>

#include "stdlib_embed.h"
#include "stdlib_sources.h"

const stdlib_file *stdlib_files(size_t *count)
{
    *count = sizeof stdlib_sources / sizeof stdlib_sources[0];
    return stdlib_sources;
}
