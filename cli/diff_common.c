/*
** diff_common.c: what both halves of 'rasoat diff' use (diff.h): the names of the classes
** and memory that ends the command when it runs out. Its own file so that the comparing
** (cmd_diff.c) and the reporting (diff_report.c) each depend on it and not on each other.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

static const char *const class_names[DIFF_NCLASSES] = {
    "poor", "near_poor", "middle_income", "not_poor", "undetermined", "error"};

const char *diff_class_name(int cls)
{
    return cls >= 0 && cls < DIFF_NCLASSES ? class_names[cls] : "error";
}

void *diff_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size);

    if (q == NULL) {
        fputs("rasoat diff: out of memory\n", stderr);
        exit(EXIT_IO);
    }
    return q;
}

char *diff_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return (char *)memcpy(diff_xrealloc(NULL, n), s, n);
}
