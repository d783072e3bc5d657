/*
** seam_evaluate.c: classifying and explaining one household through the stdlib. The
** household's record goes in as a read-only view (json_view.c); stdlib/classify.lua's
** answer comes back read into an eng_outcome, so nothing outside engine/lua/ reads the
** Lua stack.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>

#include "error.h"
#include "json_view.h"
#include "lua_json.h"
#include "seam_state.h"

/* The values classify.evaluate returns, in order. */
enum {
    R_CLASS, R_PROVISION, R_BASIS, R_B1, R_B2, R_DEPRIVED, R_WARNINGS, R_TRANSITION,
    R_DETERMINATIONS, R_COUNT
};

/* Grow '*array' (of 'size'-byte items, '*capacity' of them) to hold 'n'. Returns 0 when
** out of memory. */
static int reserve(void **array, size_t *capacity, size_t n, size_t size)
{
    void *grown;
    size_t want = *capacity ? *capacity : 8;

    if (n <= *capacity)
        return 1;
    while (want < n)
        want *= 2;
    grown = realloc(*array, want * size);
    if (grown == NULL)
        return 0;
    *array = grown;
    *capacity = want;
    return 1;
}

/* Push the arguments every evaluation takes after the rule set: the household's view,
** area, size, B1 score and income (nil when it has none) and date. */
static void push_household(seam *s, const household *h, const char *area)
{
    lua_State *L = s->sb.L;

    view_push(L, h->root, h->deprivations, s->sb.epoch);
    lua_pushstring(L, area);
    lua_pushinteger(L, (lua_Integer)h->size);
    if (h->has_b1)
        lua_pushinteger(L, (lua_Integer)h->b1);
    else
        lua_pushnil(L);
    if (h->has_income)
        lua_pushinteger(L, (lua_Integer)h->income);
    else
        lua_pushnil(L);
    lua_pushstring(L, h->survey_date);
}

/* The deprived codes: the sequence at 'idx' into the seam's string storage. */
static int read_deprived(seam *s, int idx, eng_outcome *out)
{
    lua_State *L = s->sb.L;
    size_t i, n = (size_t)lua_rawlen(L, idx);

    if (!reserve((void **)&s->strings, &s->strings_capacity, n, sizeof *s->strings))
        return 0;
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);   /* the list holds it: the text stays */
        s->strings[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    out->has_deprived = 1;
    out->deprived = s->strings;
    out->deprived_count = n;
    return 1;
}

/* Is 'code' the code of one of rule set 'rs's indicators? */
static int is_indicator(const ruleset *rs, const char *code)
{
    size_t i;

    for (i = 0; i < rs->indicator_count; i++)
        if (rs->indicators[i][0] == code[0] && strcmp(rs->indicators[i], code) == 0)
            return 1;
    return 0;
}

/*
** Fill 'w' with the warning that the record answers indicator 'code', which rule set 'rs'
** does not have, so the answer is ignored. It depends only on the two, and national
** records carry the same few such answers over and over: the seam keeps the first
** SEAM_IGNORED_WORDS of them worded. Out of memory only skips the keeping.
*/
static void word_ignored(seam *s, const ruleset *rs, const char *code, rasoat_error *w)
{
    const char *args[2] = {code, rs->id};
    char field[sizeof w->field + 1];    /* one byte more, so err_copy cuts as it would */
    seam_ignored_word *kept;
    size_t i;

    for (i = 0; i < s->ignored_count; i++) {
        kept = &s->ignored[i];
        if (kept->rs == rs && kept->code[0] == code[0] && strcmp(kept->code, code) == 0) {
            *w = kept->worded;
            return;
        }
    }
    snprintf(field, sizeof field, "deprivations.%s", code);
    err_set(w, 0, "ignored_answer", field, NULL, 0, s->lang, "ignored_answer", args, 2);
    if (s->ignored_count == SEAM_IGNORED_WORDS)
        return;
    if (s->ignored == NULL
        && (s->ignored = (seam_ignored_word *)calloc(SEAM_IGNORED_WORDS, sizeof *s->ignored)) == NULL)
        return;
    kept = &s->ignored[s->ignored_count];
    if ((kept->code = strdup(code)) == NULL)
        return;
    kept->rs = rs;
    kept->worded = *w;
    s->ignored_count++;
}

/*
** The outcome's warnings, in order: first one per answer of the record's deprivations
** that is not an indicator of 'rs' (engine-made, in record order), then those of the
** list at 'idx' (nil when none), {kind=, key=, field=, args={...}} tables worded in
** 'lang' from the catalogue, or carrying their own message = {vi=, en=}. Explain's path
** has stdlib/classify.lua's warnings_for make the first kind itself.
*/
static int read_warnings(seam *s, const ruleset *rs, const household *h, int idx,
                         rasoat_lang lang, eng_outcome *out)
{
    lua_State *L = s->sb.L;
    size_t i, n = 0, listed = lua_istable(L, idx) ? (size_t)lua_rawlen(L, idx) : 0;
    const cJSON *answer;

    if (h->deprivations != NULL) {
        cJSON_ArrayForEach(answer, h->deprivations) {
            if (is_indicator(rs, answer->string))
                continue;
            if (!reserve((void **)&s->warnings, &s->warnings_capacity, n + 1, sizeof *s->warnings))
                return 0;
            word_ignored(s, rs, answer->string, &s->warnings[n++]);
        }
    }
    if (n + listed == 0)
        return 1;
    if (!reserve((void **)&s->warnings, &s->warnings_capacity, n + listed, sizeof *s->warnings))
        return 0;
    for (i = 0; i < listed; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        sandbox_worded(L, 0, lang, &s->warnings[n++]);
        lua_pop(L, 1);
    }
    out->has_warnings = 1;
    out->warnings = s->warnings;
    out->warning_count = n;
    return 1;
}

/* The text of field 'name' of the table at the top, or NULL; the table holds it. */
static const char *text_field(lua_State *L, const char *name)
{
    const char *text;

    lua_getfield(L, -1, name);
    text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    return text;
}

/* The determinations: a list of {name, value, citation, status, gap}. */
static int read_determinations(seam *s, int idx, eng_outcome *out)
{
    lua_State *L = s->sb.L;
    size_t i, n = (size_t)lua_rawlen(L, idx);

    if (!reserve((void **)&s->determinations, &s->determinations_capacity, n,
                 sizeof *s->determinations))
        return 0;
    for (i = 0; i < n; i++) {
        eng_determination *d = &s->determinations[i];

        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        d->name = text_field(L, "name");
        d->citation = text_field(L, "citation");
        d->status = text_field(L, "status");
        d->gap = text_field(L, "gap");
        lua_getfield(L, -1, "value");
        d->value = lua_isboolean(L, -1) ? lua_toboolean(L, -1) : -1;
        lua_pop(L, 2);
    }
    out->has_determinations = 1;
    out->determinations = s->determinations;
    out->determination_count = n;
    return 1;
}

/* Read classify.evaluate's R_COUNT results for household 'h' under 'rs', from stack index
** 'base', into 'out'. Returns 0 when out of memory. */
static int read_outcome(seam *s, const ruleset *rs, const household *h, int base,
                        rasoat_lang lang, eng_outcome *out)
{
    lua_State *L = s->sb.L;
    int ok = 1;

    memset(out, 0, sizeof *out);
    if (lua_isnil(L, base + R_CLASS))
        return 1;                                  /* a local standard that does not apply */
    out->applies = 1;
    out->class_name = lua_tostring(L, base + R_CLASS);
    out->provision = lua_tostring(L, base + R_PROVISION);
    if (lua_type(L, base + R_BASIS) == LUA_TSTRING)
        out->basis = lua_tostring(L, base + R_BASIS);
    if ((out->has_b1 = lua_isinteger(L, base + R_B1)))
        out->b1 = (long long)lua_tointeger(L, base + R_B1);
    if ((out->has_b2 = lua_isinteger(L, base + R_B2)))
        out->b2 = (long long)lua_tointeger(L, base + R_B2);
    if (lua_istable(L, base + R_DEPRIVED))
        ok = read_deprived(s, base + R_DEPRIVED, out);
    if (lua_type(L, base + R_TRANSITION) == LUA_TSTRING)
        out->transition = lua_tostring(L, base + R_TRANSITION);
    if (ok)
        ok = read_warnings(s, rs, h, base + R_WARNINGS, lang, out);
    if (ok && lua_istable(L, base + R_DETERMINATIONS))
        ok = read_determinations(s, base + R_DETERMINATIONS, out);
    return ok;
}

int seam_evaluate(seam *s, const ruleset *rs, const household *h, const char *area,
                  eng_outcome *out, rasoat_error *fail)
{
    lua_State *L = s->sb.L;
    int code;

    seam_clear(s);
    seam_push_entry(s, ENTRY_EVALUATE);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);
    push_household(s, h, area);
    code = sandbox_call_stdlib(&s->sb, 7, R_COUNT, s->budget, RASOAT_E_RULE, s->lang, fail);
    if (code == RASOAT_OK && !read_outcome(s, rs, h, 1, s->lang, out))
        code = err_set_text(fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    return code;
}

int seam_evaluators_disagree(seam *s, const ruleset *rs, const household *h, const char *area,
                             const char **name, rasoat_error *fail)
{
    lua_State *L = s->sb.L;
    int code;

    seam_clear(s);
    seam_push_entry(s, ENTRY_DISAGREE);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rs->ref);
    push_household(s, h, area);
    code = sandbox_call_stdlib(&s->sb, 7, 1, s->budget * 10, RASOAT_E_RULE, s->lang, fail);
    *name = code == RASOAT_OK && lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
    return code;
}

/* Push the list of the rule sets 'sets[0..n)'. */
static void push_sets(lua_State *L, const ruleset *const *sets, size_t n)
{
    size_t i;

    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, sets[i]->ref);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* Push the 'record' and 'selection' tables explain.run takes: the household's identity
** and facts, and how the national rule set was chosen (with the local standards whose
** territory cannot be told). */
static void push_explain_context(lua_State *L, const seam_explain_request *rq)
{
    const household *h = rq->h;
    size_t i;

    lua_createtable(L, 0, 5);                                   /* record */
    lua_pushstring(L, h->id);
    lua_setfield(L, -2, "id");
    lua_pushstring(L, h->survey_date);
    lua_setfield(L, -2, "survey_date");
    if (h->province != NULL) {
        lua_pushstring(L, h->province);
        lua_setfield(L, -2, "province");
    }
    if (h->after_reform && h->territory != NULL) {
        lua_pushstring(L, h->territory);
        lua_setfield(L, -2, "former_province");
    }
    lua_pushstring(L, h->area);
    lua_setfield(L, -2, "area");
    lua_pushinteger(L, (lua_Integer)h->size);
    lua_setfield(L, -2, "size");
    lua_createtable(L, 0, 3);                                   /* record selection */
    lua_pushboolean(L, rq->forced);
    lua_setfield(L, -2, "forced");
    lua_pushboolean(L, rq->as_of);
    lua_setfield(L, -2, "as_of");
    lua_createtable(L, (int)rq->unknown_count, 0);
    for (i = 0; i < rq->unknown_count; i++) {
        int k;

        lua_createtable(L, 0, 2);
        lua_rawgeti(L, LUA_REGISTRYINDEX, rq->unknown[i].rs->ref);
        lua_setfield(L, -2, "ruleset");
        lua_createtable(L, 4, 0);
        for (k = 0; k < 4; k++) {
            lua_pushstring(L, rq->unknown[i].args[k]);
            lua_rawseti(L, -2, k + 1);
        }
        lua_setfield(L, -2, "args");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "territory_unknown");
}

int seam_explain(seam *s, const seam_explain_request *rq, const char **text, cJSON **doc,
                 rasoat_error *fail)
{
    lua_State *L = s->sb.L;
    const household *h = rq->h;
    int code;

    seam_clear(s);
    seam_push_entry(s, ENTRY_EXPLAIN);                          /* run */
    lua_rawgeti(L, LUA_REGISTRYINDEX, rq->rs->ref);             /* run rs */
    push_sets(L, rq->locals, rq->local_count);                  /* run rs locals */
    push_explain_context(L, rq);                                /* run rs locals record selection */
    view_push(L, h->root, h->deprivations, s->sb.epoch);
    if (h->has_b1)
        lua_pushinteger(L, (lua_Integer)h->b1);
    else
        lua_pushnil(L);
    if (h->has_income)
        lua_pushinteger(L, (lua_Integer)h->income);
    else
        lua_pushnil(L);
    lua_pushstring(L, rq->json ? "json" : "text");
    lua_pushstring(L, rq->lang == RASOAT_LANG_EN ? "en" : "vi");
    /* Explaining tries a what-if per threshold: give it room beyond one classification. */
    code = sandbox_call_stdlib(&s->sb, 9, 1, s->budget * 50, RASOAT_E_RULE, rq->lang, fail);
    seam_end_household(s);
    if (code != RASOAT_OK)
        return code;
    if (rq->json) {
        *doc = lua_json_to_cjson(L, 1);
        if (*doc == NULL)
            return err_set_text(fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    } else if ((*text = lua_tostring(L, 1)) == NULL) {
        return err_set_text(fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "no text");
    }
    return RASOAT_OK;
}
