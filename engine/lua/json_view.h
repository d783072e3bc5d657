/*
** json_view.h: rule code reads a household record through a read-only Lua view of the
** parsed JSON, field by field, instead of a Lua table built for every record. A view is
** valid only during the evaluation it was made for; using one kept from an earlier
** household raises an error instead of reading freed memory.
*/
#ifndef RASOAT_JSON_VIEW_H
#define RASOAT_JSON_VIEW_H

#include <stdint.h>

#include <cjson/cJSON.h>

struct lua_State;

/* Create the view metatable. Call once per state, in a protected call. */
void view_register(struct lua_State *L);

/*
** Push a view of 'node' (an object or array) valid for evaluation 'epoch'. For a record's
** root, 'deprivations' is its "deprivations" object (or NULL), cached for host.answer.
*/
void view_push(struct lua_State *L, const cJSON *node, const cJSON *deprivations, uint64_t epoch);

/* Push the value of a JSON node as Lua sees it: nil, boolean, integer when the number is
** whole and exact (|x| <= 2^53), float otherwise, string, or a view. */
void view_push_value(struct lua_State *L, const cJSON *node, uint64_t epoch);

/* host.answer, host.answer_count, host.answers and host.unknown_answers; see json_view.c. */
int view_l_answer(struct lua_State *L);
int view_l_answer_count(struct lua_State *L);
int view_l_answers(struct lua_State *L);
int view_l_unknown_answers(struct lua_State *L);

#endif
