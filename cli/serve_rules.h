/*
** serve_rules.h: the rule tree 'rasoat serve' answers with, and its engines. The tree is
** loaded once and reloaded (SIGHUP, POST /v1/reload) only when the new one loads cleanly;
** until then the last good one stays in use. Engines are lent to one thread at a time
** (an engine is never shared) and kept for the next request with the same options.
*/
#ifndef RASOAT_CLI_SERVE_RULES_H
#define RASOAT_CLI_SERVE_RULES_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "rasoat.h"

typedef struct serve_rules serve_rules;
typedef struct serve_tree serve_tree;

/* The options that make one engine differ from another (those of rasoat_options). */
typedef struct serve_key {
    const char *as_of, *ruleset, *keep;   /* NULL: not given */
    rasoat_lang lang;
} serve_key;

/* An engine lent out: use 'engine' on this thread only, then serve_rules_give it back. */
typedef struct serve_lease {
    rasoat_engine *engine;
    serve_tree *tree;
    char *key;                     /* the options, as one string (owned) */
} serve_lease;

/* What serve_rules_take says. */
typedef enum serve_take {
    SERVE_TAKE_OK = 0,
    SERVE_TAKE_NO_RULES,           /* no good tree loaded yet */
    SERVE_TAKE_BAD_OPTIONS,        /* the options do not open an engine ('err' says why) */
    SERVE_TAKE_CHANGED             /* the tree on disk is no longer the one loaded */
} serve_take;

/* A new holder for the tree under 'rules_dir' (copied), nothing loaded; keeps at most
** 'idle_max' idle engines. NULL when out of memory. */
serve_rules *serve_rules_new(const char *rules_dir, size_t idle_max);

/*
** Load the tree again: when it opens cleanly it becomes the one in use (engines of the
** previous one are closed once given back) and 1 is returned; otherwise the last good one
** stays, 0 is returned and the reason is kept (serve_rules_health) and put in 'why'.
** Serialised: one load at a time.
*/
int serve_rules_load(serve_rules *s, char *why, size_t why_size);

/*
** Lend an engine with options 'k' of the tree in use: an idle one, or one opened now (and
** checked to hold the same rule sets, by content hash, as the tree loaded). On
** SERVE_TAKE_BAD_OPTIONS, 'err' says why.
*/
serve_take serve_rules_take(serve_rules *s, const serve_key *k, serve_lease *l, rasoat_error *err);

/* Give back what serve_rules_take lent (a zeroed lease is allowed). */
void serve_rules_give(serve_rules *s, serve_lease *l);

/* The rules directory (as given). */
const char *serve_rules_dir(const serve_rules *s);

/* Add to 'obj' the state for GET /v1/health: "rules" ("loaded" / "none"), "generation",
** "rulesets" (id and sha256 of each), "loaded_at", "last_reload" ("ok" / "failed") and
** "last_error" (or null). */
void serve_rules_health(serve_rules *s, cJSON *obj);

/* Close every engine and free 's' (no lease may be out). NULL is allowed. */
void serve_rules_free(serve_rules *s);

#endif
