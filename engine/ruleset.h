/*
** ruleset.h: finding the rule sets under a directory, hashing their exact content, loading
** them through the rule language into the sandbox, and choosing the one in force.
*/
#ifndef RASOAT_RULESET_H
#define RASOAT_RULESET_H

#include <stddef.h>
#include <stdint.h>

#include "rasoat.h"
#include "sandbox.h"

/* The longest chain of rule sets extending one another ('extends'), the set itself
** included. A longer one is a load error at its ruleset.lua (stdlib/dsl.lua's link). */
#define RULESET_MAX_CHAIN RASOAT_MAX_RULESET_CHAIN

typedef struct ruleset {
    char *id;
    char *version;
    char *jurisdiction;   /* "VN" for a national standard, else a two-digit province code */
    char *parent;         /* id of the rule set it extends, or NULL */
    char *dir;            /* directory as found under the rules root */
    char *from, *to;      /* in force, "YYYY-MM-DD", inclusive */
    int32_t from_day, to_day;
    char sha256[65];      /* hex digest of the content the rule set's decisions depend on */
    int ref;              /* registry reference to the Lua rule set object */
} ruleset;

typedef struct ruleset_table {
    ruleset *sets;        /* sorted by directory */
    size_t count;
} ruleset_table;

/*
** Load every directory under 'rules_dir' that holds a ruleset.lua. 'dsl_ref' is the
** registry reference of stdlib/dsl.lua's module. Returns RASOAT_OK with 'out' filled, or
** RASOAT_E_LOAD / RASOAT_E_SYSTEM with 'err' naming the file and line at fault (syntax,
** definitions, a duplicate id, an unknown parent, an override of a name the parent lacks,
** two national sets in force on the same day).
** The caller owns 'out' and frees it with rulesets_free.
*/
int rulesets_load(sandbox *sb, int dsl_ref, const char *rules_dir, rasoat_lang lang,
                  ruleset_table *out, rasoat_error *err);

/* Free the table's C side (the Lua objects go with the state). */
void rulesets_free(ruleset_table *t);

/* The rule set with this id, or NULL. */
const ruleset *rulesets_find(const ruleset_table *t, const char *id);

/* The national rule set in force on 'day', or NULL. */
const ruleset *rulesets_national_on(const ruleset_table *t, int32_t day);

/* Is 'rs' a local standard of 'province' in force on 'day'? */
int ruleset_local_applies(const ruleset *rs, const char *province, int32_t day);

#endif
