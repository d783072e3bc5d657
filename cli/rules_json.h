/*
** rules_json.h: the loaded rule sets as one JSON object, as 'rasoat rules list --format
** json' prints it, for 'rasoat serve' too.
*/
#ifndef RASOAT_CLI_RULES_JSON_H
#define RASOAT_CLI_RULES_JSON_H

#include <stddef.h>

#include "rasoat.h"

/*
** Every rule set of 'engine' as one "rasoat.rulesets/1" object (no newline). The text sits
** in a buffer of rules.c until the next call: not thread-safe, call under one lock and copy.
** Returns RASOAT_OK or the status of the rule set that failed (with 'err' filled).
*/
int rules_list_json(rasoat_engine *engine, const char **text, size_t *len, rasoat_error *err);

#endif
