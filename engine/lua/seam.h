/*
** seam.h: everything the engine asks of Lua, with no Lua type in sight. One seam is one
** sandboxed Lua state holding the stdlib (engine/lua/host.c) and the rule sets loaded into
** it (seam_rules.c); the engine evaluates, explains and describes through it
** (seam_evaluate.c, seam_describe.c). Only files under engine/lua/ include lua.h.
**
** Texts and outcomes a seam function hands back belong to the seam and stay valid until
** the next seam call; cJSON documents it hands back belong to the caller.
*/
#ifndef RASOAT_SEAM_H
#define RASOAT_SEAM_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "household.h"
#include "outcome.h"
#include "rasoat.h"
#include "ruleset.h"

typedef struct seam seam;

typedef struct seam_config {
    size_t memory_limit;       /* bytes the Lua state may hold */
    unsigned time_limit_ms;    /* wall-clock limit of one call; 0: the sandbox's default */
    uint64_t budget;           /* budget units of one household's evaluation */
    rasoat_lang lang;          /* language of load errors */
} seam_config;

/*
** Open a sandboxed state and run the embedded stdlib in it. Returns RASOAT_OK with '*out'
** (the caller closes it with seam_close), or a code with 'err' filled and '*out' NULL.
*/
int seam_open(const seam_config *cfg, seam **out, rasoat_error *err);

/* Close the state and free the seam. NULL is fine. */
void seam_close(seam *s);

/* The most memory the Lua state has held, in bytes. */
size_t seam_memory_peak(const seam *s);

/* The household evaluated last is done: views of its record given to rule code die. */
void seam_end_household(seam *s);

/* {==== Loading rule sets (driven by ruleset.c) ==== */

/* Start loading: an empty list of pending rule sets. */
void seam_rules_begin(seam *s);

/*
** Run the 'count' files of rule set directory 'dir' (ruleset.lua first) in a fresh
** environment from stdlib/dsl.lua's begin, and add the set to the pending list. Returns
** RASOAT_OK, or RASOAT_E_LOAD with 'err' at the file and line (a syntax error reworded
** for rule authors: rule_mistakes.c).
*/
int seam_rules_run(seam *s, const char *dir, const rule_file *files, size_t count,
                   rasoat_lang lang, rasoat_error *err);

/*
** Link the pending sets to their parents (dsl.link), seal the rule code against state
** kept between households, and fill the C side of 'sets[0..count)' (the pending order):
** id, version, jurisdiction, dates, parent, former_town_area, dir (copied from 'dirs')
** and the Lua reference. Returns RASOAT_OK, or RASOAT_E_LOAD / RASOAT_E_SYSTEM.
*/
int seam_rules_link(seam *s, ruleset *sets, const char *const *dirs, size_t count,
                    rasoat_lang lang, rasoat_error *err);

/* Give the Lua rule set its content hash (describe shows it). */
void seam_rules_set_hash(seam *s, const ruleset *rs);

/* Done loading: drop the pending list. */
void seam_rules_end(seam *s);

/* }==== */

/*
** Evaluate 'h' under 'rs' in area 'area' (stdlib/classify.lua's evaluate, budgeted).
** Returns RASOAT_OK with '*out' filled (out->applies 0 when a local standard leaves the
** household out), or the failure's code with 'fail' filled: RASOAT_E_RULE,
** RASOAT_E_BUDGET, RASOAT_E_MEMORY, RASOAT_E_TIME, RASOAT_E_INPUT, RASOAT_E_UNDETERMINED.
*/
int seam_evaluate(seam *s, const ruleset *rs, const household *h, const char *area,
                  eng_outcome *out, rasoat_error *fail);

/*
** The name of the first provision, warning or determination of 'rs' whose condition the
** interpreter (explain's path) and the compiled form (classify's path) answer differently
** for 'h', in '*name' (NULL when they all agree). Returns RASOAT_OK or the failure's code.
** For tests: both evaluators must agree on every household.
*/
int seam_evaluators_disagree(seam *s, const ruleset *rs, const household *h, const char *area,
                             const char **name, rasoat_error *fail);

/* A local standard whose territory cannot be told for the household, with the four
** arguments of catalogue message "territory_unknown". */
typedef struct seam_unknown_territory {
    const ruleset *rs;
    const char *args[4];
} seam_unknown_territory;

/* What stdlib/explain.lua's run needs to explain one household. */
typedef struct seam_explain_request {
    const ruleset *rs;                         /* the national (or forced) rule set */
    const ruleset *const *locals;              /* local standards of its territory */
    size_t local_count;
    const household *h;
    int forced, as_of;                         /* how the rule set was chosen */
    const seam_unknown_territory *unknown;
    size_t unknown_count;
    int json;                                  /* 1: a document, 0: text */
    rasoat_lang lang;
} seam_explain_request;

/* Explain one household: '*text' (seam-owned) for text, '*doc' (caller-owned) for JSON.
** Returns RASOAT_OK or the failure's code with 'fail' filled. */
int seam_explain(seam *s, const seam_explain_request *rq, const char **text, cJSON **doc,
                 rasoat_error *fail);

/* stdlib/describe.lua: the list of every set in 't', or one set 'rs' shown in full, as
** text in 'lang' ('*text' seam-owned). */
int seam_describe_list(seam *s, const ruleset_table *t, rasoat_lang lang, const char **text,
                       rasoat_error *err);
int seam_describe_show(seam *s, const ruleset *rs, rasoat_lang lang, const char **text,
                       rasoat_error *err);

/* What a rule set gives as data: its rasoat.ruleset/1 document, or its boundary cases. */
typedef enum seam_data { SEAM_RULESET_DOCUMENT, SEAM_BOUNDARY_CASES } seam_data;

/* The document 'what' of 'rs' into '*doc' (caller-owned). */
int seam_ruleset_data(seam *s, seam_data what, const ruleset *rs, cJSON **doc,
                      rasoat_error *err);

/* The rule files of one rule set, for the parameter-usage lint. */
typedef struct seam_sources {
    const rule_file *files;
    size_t count;
} seam_sources;

/*
** The parameter-usage lint (stdlib/lint.lua): the parameters 'rs' declares that nothing
** reads, as a JSON array of {name, file, line} in '*doc' (caller-owned). 'sources[i]' are
** the rule files of t->sets[i].
*/
int seam_unused_parameters(seam *s, const ruleset_table *t, const seam_sources *sources,
                           const ruleset *rs, cJSON **doc, rasoat_error *err);

#endif
