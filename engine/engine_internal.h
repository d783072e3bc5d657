/*
** engine_internal.h: what white-box tests call beyond rasoat.h.
*/
#ifndef RASOAT_ENGINE_INTERNAL_H
#define RASOAT_ENGINE_INTERNAL_H

#include <stddef.h>

#include "rasoat.h"

/*
** Read the household record 'json' as rasoat_classify would and ask whether the two
** evaluators of conditions (the interpreter explain uses, the compiled form classify uses)
** answer alike for every provision, warning and determination of the rule set it falls
** under. '*name' is the first declaration they disagree on (engine-owned until the next
** call), or NULL. Returns RASOAT_OK, or the record's or the rule's failure.
*/
int engine_evaluators_disagree(rasoat_engine *e, const char *json, size_t len,
                               const char **name, rasoat_error *err);

/*
** From now on keep a copy of each record text rasoat_classify parses in the form cJSON
** prints (json_arena_canonical), so that the decision log can take it as it stands without
** reading it again (rasoat_log_open asks for it).
*/
void engine_keep_inputs(rasoat_engine *e);

/* Whether 'input' ('len' bytes) is the very text of the record rasoat_classify parsed last
** and found in the form cJSON prints, with '*blanks' blank bytes outside its strings. */
int engine_input_canonical(const rasoat_engine *e, const char *input, size_t len,
                           size_t *blanks);

/*
** Whether 'record' ('len' bytes) is the result record rasoat_classify returned last, still
** in the engine's buffer: then it is JSON by construction (json_writer.c), and the values
** of its top-level "id", "ruleset" and "local" are the 'length[i]' bytes at offset 'at[i]'
** (length 0: the member is absent), in that order. Kept only once engine_keep_inputs was
** called, and not when --keep copies an input field of one of those names.
*/
int engine_result_members(const rasoat_engine *e, const char *record, size_t len,
                          size_t at[3], size_t length[3]);

#endif
