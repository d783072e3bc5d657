/*
** outcome.h: what one rule set decided for one household, as plain C values. The Lua seam
** (engine/lua/seam_evaluate.c) reads stdlib/classify.lua's answer into it; record.c writes
** it out. Nothing here touches Lua.
*/
#ifndef RASOAT_OUTCOME_H
#define RASOAT_OUTCOME_H

#include <stddef.h>

#include "rasoat.h"

/* One determination beside the class (a rule set's 'determination', e.g. low_income_worker). */
typedef struct eng_determination {
    const char *name;
    int value;                 /* 1 true, 0 false, -1 unknown */
    const char *citation, *status;
    const char *gap;           /* NULL when none */
} eng_determination;

/*
** The outcome of one evaluation. 'applies' is 0 when a local standard's 'applies' leaves
** the household out (every other member is then unset). Optional members are NULL, or
** their 'has_' flag is 0, when the rule set gave none. The strings and arrays belong to
** the seam and stay valid until its next call.
*/
typedef struct eng_outcome {
    int applies;
    const char *class_name, *provision;
    const char *basis;                      /* "b1", "income" or NULL */
    int has_b1, has_b2;
    long long b1, b2;
    int has_deprived;                       /* the deprived list is known (it may be empty) */
    const char *const *deprived;
    size_t deprived_count;
    const char *transition;                 /* NULL when the rule set declares none */
    int has_warnings;                       /* a list of warnings came back (it may be empty) */
    const rasoat_error *warnings;           /* worded in the language asked */
    size_t warning_count;
    int has_determinations;
    const eng_determination *determinations;
    size_t determination_count;
} eng_outcome;

#endif
