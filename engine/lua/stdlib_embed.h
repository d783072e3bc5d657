/*
** stdlib_embed.h: the Lua sources of stdlib/, compiled into the library (see stdlib/embed.c).
*/
#ifndef RASOAT_STDLIB_EMBED_H
#define RASOAT_STDLIB_EMBED_H

#include <stddef.h>

typedef struct stdlib_file {
    const char *name;   /* e.g. "dsl.lua" */
    const char *text;
    size_t length;
} stdlib_file;

/* The embedded files, sorted by name; stores their number in '*count'. Static data. */
const stdlib_file *stdlib_files(size_t *count);

#endif
