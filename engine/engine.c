/*
** engine.c: the public API (rasoat.h). An engine owns one seam (engine/lua/seam.h: a
** sandboxed Lua state holding the stdlib and every rule set of a directory) and classifies
** households one at a time: parse (cJSON) -> check the contract (household.c) -> choose
** the rule set in force -> evaluate (seam_evaluate: stdlib/classify.lua, budgeted) -> write
** the record (record.c). No Lua here: the seam hands outcomes back as C values.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "admin_units.h"
#include "date.h"
#include "error.h"
#include "household.h"
#include "engine_internal.h"
#include "lua/seam.h"
#include "record.h"
#include "record_parse.h"
#include "ruleset.h"

#ifndef RASOAT_VERSION
#define RASOAT_VERSION "unknown"
#endif

struct rasoat_engine {
    seam *lua;                 /* the sandboxed Lua state: stdlib and rule sets */
    ruleset_table rulesets;
    const admin_units *places; /* the rules directory's places/admin-units.tsv (shared;
                                  without units when there is none) */
    const ruleset *forced;     /* --ruleset, or NULL */
    char *as_of;               /* --as-of, or NULL */
    char *rules_dir;           /* where the rule sets were loaded from */
    int32_t as_of_day;
    rasoat_lang lang;
    uint64_t budget;
    record_buffer out;
    json_arena input;          /* the tree of the record being classified */
    int keep_inputs;           /* engine_keep_inputs was called */
    int members_kept;          /* and --keep names no member the log reads: the places of a
                                  result's "id", "ruleset" and "local" are kept */
    char *last_input;          /* then: the text of the last record, when canonical */
    size_t last_length, last_capacity, last_blanks;
    int last_canonical;        /* last_input holds it */
    int out_is_result;         /* 'out' holds the result record rasoat_classify wrote last, */
    record_span out_members[3];    /* its "id", "ruleset" and "local" values here */
    char *keep_text;           /* --keep, split in place */
    const char **keep;         /* NULL-terminated field names, or NULL */
};

/*
** Load the administrative-units table beside the rule sets (none is fine: see
** admin_units_load) and, when there is one, check that every local standard declares its
** territory by a province code in force on the day the standard comes into force.
*/
static int open_places(rasoat_engine *e, rasoat_error *err)
{
    size_t i;
    int code = admin_units_acquire(&e->places, e->rules_dir, e->lang, err);

    for (i = 0; code == RASOAT_OK && admin_units_loaded(e->places) && i < e->rulesets.count; i++) {
        const ruleset *rs = &e->rulesets.sets[i];
        const char *args[3] = {rs->id, rs->jurisdiction, rs->from};
        char file[4200];

        if (strcmp(rs->jurisdiction, "VN") == 0
            || admin_province_on(e->places, rs->jurisdiction, rs->from_day) != NULL)
            continue;
        snprintf(file, sizeof file, "%s/ruleset.lua", rs->dir);
        code = err_set(err, RASOAT_E_LOAD, "territory_code", "jurisdiction", file, 0, e->lang,
                       "territory_code", args, 3);
    }
    return code;
}

/* Split --keep's comma-separated names into e->keep; refuse a name results write
** themselves. */
static int parse_keep(rasoat_engine *e, const char *text, rasoat_error *err)
{
    size_t n = 2, i = 0;
    const char *p;
    char *name, *save = NULL;

    for (p = text; *p; p++)
        n += *p == ',';
    e->keep_text = strdup(text);
    e->keep = (const char **)calloc(n, sizeof *e->keep);
    if (e->keep_text == NULL || e->keep == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    for (name = strtok_r(e->keep_text, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
        size_t k;

        if (record_reserved(name))
            return err_set(err, RASOAT_E_USAGE, "usage", "--keep", NULL, 0, e->lang,
                           "keep_reserved", (const char *const *)&name, 1);
        for (k = 0; k < i && strcmp(e->keep[k], name) != 0; k++)
            ;
        if (k == i)             /* a name given twice is kept once */
            e->keep[i++] = name;
    }
    return RASOAT_OK;
}

int rasoat_open(const rasoat_options *opts, rasoat_engine **out, rasoat_error *err)
{
    rasoat_engine *e;
    seam_config cfg;
    int code;

    *out = NULL;
    if (opts == NULL || opts->rules_dir == NULL)
        return err_set_text(err, RASOAT_E_USAGE, "usage", NULL, NULL, 0, "rules_dir is required");
    e = (rasoat_engine *)calloc(1, sizeof *e);
    if (e == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    e->lang = opts->lang;
    e->budget = opts->instruction_budget ? opts->instruction_budget
                                         : RASOAT_DEFAULT_INSTRUCTION_BUDGET;

    if (opts->as_of != NULL) {
        if (!date_parse(opts->as_of, &e->as_of_day)) {
            char expected[96];
            const char *args[3] = {"--as-of", expected, opts->as_of};

            msg_format(expected, sizeof expected, e->lang, "exp_date", NULL, 0);
            code = err_set(err, RASOAT_E_USAGE, "usage", "--as-of", NULL, 0, e->lang,
                           "invalid_field", args, 3);
            goto fail;
        }
        e->as_of = strdup(opts->as_of);
    }

    if (opts->keep != NULL && (code = parse_keep(e, opts->keep, err)) != RASOAT_OK)
        goto fail;
    e->rules_dir = strdup(opts->rules_dir);
    if (e->rules_dir == NULL) {
        code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
        goto fail;
    }
    cfg.memory_limit = opts->memory_limit ? opts->memory_limit : RASOAT_DEFAULT_MEMORY_LIMIT;
    cfg.time_limit_ms = opts->time_limit_ms;
    cfg.budget = e->budget;
    cfg.lang = e->lang;
    code = seam_open(&cfg, &e->lua, err);
    if (code != RASOAT_OK)
        goto fail;
    code = rulesets_load(e->lua, opts->rules_dir, e->lang, &e->rulesets, err);
    if (code != RASOAT_OK)
        goto fail;
    code = open_places(e, err);
    if (code != RASOAT_OK)
        goto fail;
    if (opts->force_ruleset != NULL) {
        e->forced = rulesets_find(&e->rulesets, opts->force_ruleset);
        if (e->forced == NULL) {
            const char *args[2] = {opts->force_ruleset, opts->rules_dir};

            code = err_set(err, RASOAT_E_USAGE, "unknown_ruleset", NULL, NULL, 0, e->lang,
                           "unknown_ruleset", args, 2);
            goto fail;
        }
    }
    *out = e;
    return RASOAT_OK;

fail:
    rasoat_close(e);
    return code;
}

void rasoat_close(rasoat_engine *e)
{
    if (e == NULL)
        return;
    rulesets_free(&e->rulesets);
    admin_units_release(e->places);
    seam_close(e->lua);
    record_buffer_free(&e->out);
    json_arena_free(&e->input);
    free(e->last_input);
    free(e->as_of);
    free(e->rules_dir);
    free(e->keep_text);
    free((void *)e->keep);
    free(e);
}

/* Write the error record for 'fail' into the engine buffer and return its code. */
static int error_out(rasoat_engine *e, const char *id, long line, const rasoat_error *fail,
                     const char **record, size_t *record_len, rasoat_error *err)
{
    e->out_is_result = 0;
    if (record_error(&e->out, id, line, fail) != RASOAT_OK) {
        e->out.length = 0;
        if (e->out.data != NULL)
            e->out.data[0] = '\0';
    }
    *record = e->out.data;
    *record_len = e->out.length;
    if (err != NULL && err != fail)
        *err = *fail;
    return fail->code;
}

/* The rule set for 'h': the forced one (with a warning-free pass: the caller asked for
** it), else the national set in force on the household's date. */
static const ruleset *choose_ruleset(rasoat_engine *e, const household *h, rasoat_error *fail)
{
    const ruleset *rs = e->forced ? e->forced : rulesets_national_on(&e->rulesets, h->day);

    if (rs == NULL)
        err_set(fail, RASOAT_E_NO_RULESET, "no_ruleset", e->as_of ? "--as-of" : "survey_date",
                NULL, 0, e->lang, "no_ruleset", &h->survey_date, 1);
    return rs;
}

/* Did the household's commune take in a former town (thị trấn) on the reform, and is it
** not a ward (phường, urban in any case)? */
static int in_former_town(const household *h)
{
    return h->after_reform && h->commune != NULL && (h->commune->flags & ADMIN_TOOK_TOWN)
        && strncmp(h->commune->name, "Phường", strlen("Phường")) != 0;
}

/* The area 'rs' classifies the household under: its own former_town_area for a commune
** that took in a former town, else the record's. */
static const char *area_for(const ruleset *rs, const household *h)
{
    return rs->former_town_area != NULL && in_former_town(h) ? rs->former_town_area : h->area;
}

/* The warning a household of a former-town commune gets under 'rs' (gap former_town_area). */
static void warn_former_town(rasoat_engine *e, const household *h, const ruleset *rs,
                             record_open *result)
{
    rasoat_error w;
    const char *args[4] = {h->commune->name, e->places->reform_date, area_for(rs, h), rs->id};

    err_set(&w, 0, "former_town_area", "area", NULL, 0, e->lang,
            rs->former_town_area ? "former_town_set" : "former_town", args, 4);
    record_add_warning(result, &w);
}

/*
** After the reform, a household whose former province is not known: does local standard
** 'rs' cover a former province that went into the household's province? Then whether it
** applies cannot be told ('territory_unknown'). Fills 'fail' with what to add and
** returns 1; else 0.
*/
/* The four arguments of catalogue message "territory_unknown" for 'rs' and 'h' ('a' and
** 'b' are the caller's buffers of 160 and 64 bytes), or 0 when the territory is known or
** 'rs' could not concern the household. */
static int territory_unknown_args(rasoat_engine *e, const household *h, const ruleset *rs,
                                  char *a, char *b, const char **args)
{
    const admin_unit *old, *now;

    if (h->territory != NULL || !h->after_reform || h->province == NULL
        || strcmp(rs->jurisdiction, "VN") == 0 || h->day < rs->from_day || h->day > rs->to_day)
        return 0;
    old = admin_province_on(e->places, rs->jurisdiction, e->places->reform_day - 1);
    if (old == NULL || old->successor == NULL || strcmp(old->successor, h->province) != 0)
        return 0;
    now = admin_province_on(e->places, h->province, h->place_day);
    snprintf(a, 160, "\"%s\" (%s)", h->province, now ? now->name : "?");
    admin_predecessors(e->places, h->province, b, 64);
    args[0] = a;
    args[1] = b;
    args[2] = rs->id;
    args[3] = rs->jurisdiction;
    return 1;
}

static int territory_unknown(rasoat_engine *e, const household *h, const ruleset *rs,
                             rasoat_error *fail)
{
    char a[160], b[64];
    const char *args[4];

    if (!territory_unknown_args(e, h, rs, a, b, args))
        return 0;
    err_set(fail, RASOAT_E_UNDETERMINED, "territory_unknown", "former_province", NULL, 0,
            e->lang, "territory_unknown", args, 4);
    return 1;
}

/*
** Evaluate every local standard of the household's territory (its province, or after the
** reform its former province) in force on its date and add each outcome to 'result'. A
** local standard that leaves the class to a named gap is an outcome, not a failure; so is
** one whose territory cannot be told for a household after the reform, if it would
** otherwise concern it ('territory_unknown'); any other failure is returned (the first
** one) in 'fail'.
*/
static int add_locals(rasoat_engine *e, const household *h, record_open *result,
                      rasoat_error *fail)
{
    size_t i;
    int code = RASOAT_OK;

    for (i = 0; i < e->rulesets.count; i++) {
        const ruleset *rs = &e->rulesets.sets[i];
        rasoat_error local_fail;
        eng_outcome o;
        int status;

        if (territory_unknown(e, h, rs, &local_fail)) {
            rasoat_error ignored;

            /* Only where the standard would concern the household (its 'applies'). */
            status = seam_evaluate(e->lua, rs, h, area_for(rs, h), &o, &ignored);
            if (status != RASOAT_OK || o.applies)
                record_add_local_error(result, rs, &local_fail);
            continue;
        }
        if (!ruleset_local_applies(rs, h->territory, h->day))
            continue;
        status = seam_evaluate(e->lua, rs, h, area_for(rs, h), &o, &local_fail);
        if (status == RASOAT_OK) {
            if (o.applies)
                record_add_local(result, rs, &o);
            continue;
        }
        record_add_local_error(result, rs, &local_fail);
        if (status != RASOAT_E_UNDETERMINED && code == RASOAT_OK) {
            code = status;
            *fail = local_fail;
        }
    }
    return code;
}

/* A forced rule set (--ruleset) applied on a date it is not in force: said, not refused. */
static void warn_outside_force(rasoat_engine *e, const household *h, const ruleset *rs,
                               record_open *result)
{
    rasoat_error w;
    const char *args[4] = {h->survey_date, rs->id, rs->from, rs->to};

    err_set(&w, 0, "outside_force", e->as_of ? "--as-of" : "survey_date", NULL, 0, e->lang,
            "outside_force", args, 4);
    record_add_warning(result, &w);
}

/* Whether --keep copies an input field named as a member the decision log reads from the
** result, which would then hold that name twice. */
static int keeps_logged_member(const rasoat_engine *e)
{
    const char *const *k;

    for (k = e->keep; k != NULL && *k != NULL; k++)
        if (strcmp(*k, "id") == 0 || strcmp(*k, "ruleset") == 0 || strcmp(*k, "local") == 0)
            return 1;
    return 0;
}

/* Copy the record text 'json' into e->last_input: 1, or 0 when memory is short. */
static int keep_input(rasoat_engine *e, const char *json, size_t len)
{
    if (len > e->last_capacity) {
        char *grown = (char *)realloc(e->last_input, len);

        if (grown == NULL)
            return 0;
        e->last_input = grown;
        e->last_capacity = len;
    }
    memcpy(e->last_input, json, len);
    e->last_length = len;
    return 1;
}

int rasoat_classify(rasoat_engine *e, const char *json, size_t len, long line,
                    const char **record, size_t *record_len, rasoat_error *err)
{
    cJSON *root;
    household h;
    rasoat_error fail;
    const ruleset *rs;
    record_open result;
    int started;                /* a result record is being written */
    eng_outcome o;
    int code;

    e->last_canonical = 0;
    e->out_is_result = 0;
    if (record_parse(&e->input, json, len, e->lang, &root, &fail) != RASOAT_OK)
        return error_out(e, NULL, line, &fail, record, record_len, err);
    if (e->keep_inputs && json_arena_holds(&e->input, root)
        && json_arena_canonical(&e->input, &e->last_blanks))
        e->last_canonical = keep_input(e, json, len);

    code = household_read(&h, root, e->as_of, e->lang, &fail);
    if (code == RASOAT_OK)
        code = household_place(&h, e->places, e->lang, &fail);
    rs = code == RASOAT_OK ? choose_ruleset(e, &h, &fail) : NULL;
    if (rs == NULL) {
        code = error_out(e, h.id, line, &fail, record, record_len, err);
        record_release(&e->input, root);
        return code;
    }

    code = seam_evaluate(e->lua, rs, &h, area_for(rs, &h), &o, &fail);
    if (code == RASOAT_OK && !o.applies) /* a forced local set that does not apply */
        code = err_set(&fail, RASOAT_E_NO_RULESET, "not_applicable", NULL, NULL, 0, e->lang,
                       "not_applicable", (const char *const *)&rs->id, 1);
    started = code == RASOAT_OK;
    if (started && record_result(&result, &e->out, &h, rs, &o, e->keep) != RASOAT_OK) {
        started = 0;
        code = err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    }
    if (code == RASOAT_OK && e->forced != NULL && (h.day < rs->from_day || h.day > rs->to_day))
        warn_outside_force(e, &h, rs, &result);
    if (code == RASOAT_OK && in_former_town(&h))
        warn_former_town(e, &h, rs, &result);
    if (code == RASOAT_OK && e->forced == NULL)
        code = add_locals(e, &h, &result, &fail);
    seam_end_household(e->lua);  /* views of this record are dead from here on */

    if (!started) {
        code = error_out(e, h.id, line, &fail, record, record_len, err);
    } else {
        if (record_finish(&result) != RASOAT_OK) {
            code = err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
            error_out(e, h.id, line, &fail, record, record_len, err);
        } else {
            if (code != RASOAT_OK && err != NULL)
                *err = fail;
            e->out_is_result = e->members_kept;
            e->out_members[0] = result.id;
            e->out_members[1] = result.ruleset;
            e->out_members[2] = result.local;
        }
        *record = e->out.data;
        *record_len = e->out.length;
    }
    record_release(&e->input, root);
    return code;
}

/* Copy the text 's' into the engine's output buffer. */
static int copy_out(rasoat_engine *e, const char *s, rasoat_error *err)
{
    size_t n = s ? strlen(s) : 0;

    e->out_is_result = 0;
    if (s == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "no text");
    if (n + 1 > e->out.capacity) {
        char *grown = (char *)realloc(e->out.data, n + 1);

        if (grown == NULL)
            return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
        e->out.data = grown;
        e->out.capacity = n + 1;
    }
    memcpy(e->out.data, s, n + 1);
    e->out.length = n;
    return RASOAT_OK;
}

/* The local standards whose territory cannot be told for 'h' ('a' and 'b': the caller's
** buffers for their message arguments, one row per rule set), into 'out'; returns how many. */
static size_t unknown_territories(rasoat_engine *e, const household *h,
                                  seam_unknown_territory *out, char (*a)[160], char (*b)[64])
{
    size_t i, n = 0;

    for (i = 0; e->forced == NULL && i < e->rulesets.count; i++) {
        const ruleset *rs = &e->rulesets.sets[i];

        if (territory_unknown_args(e, h, rs, a[n], b[n], out[n].args))
            out[n++].rs = rs;
    }
    return n;
}

int rasoat_explain(rasoat_engine *e, const char *json, size_t len, rasoat_lang lang,
                   rasoat_explain_format format, const char **text, size_t *text_len,
                   rasoat_error *err)
{
    size_t count = e->rulesets.count ? e->rulesets.count : 1, i;
    const ruleset **locals = (const ruleset **)calloc(count, sizeof *locals);
    seam_unknown_territory *unknown = (seam_unknown_territory *)calloc(count, sizeof *unknown);
    char (*a)[160] = (char (*)[160])calloc(count, sizeof *a);
    char (*b)[64] = (char (*)[64])calloc(count, sizeof *b);
    seam_explain_request rq;
    const char *said = NULL;
    cJSON *root = NULL, *doc = NULL;
    household h;
    rasoat_error fail;
    int code;

    memset(&rq, 0, sizeof rq);
    e->out_is_result = 0;
    if (locals == NULL || unknown == NULL || a == NULL || b == NULL)
        code = err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    else
        code = record_parse(&e->input, json, len, lang, &root, &fail);
    if (code == RASOAT_OK)
        code = household_read(&h, root, e->as_of, lang, &fail);
    if (code == RASOAT_OK)
        code = household_place(&h, e->places, lang, &fail);
    if (code == RASOAT_OK && (rq.rs = choose_ruleset(e, &h, &fail)) == NULL)
        code = fail.code;
    if (code == RASOAT_OK) {
        for (i = 0; e->forced == NULL && i < e->rulesets.count; i++)
            if (ruleset_local_applies(&e->rulesets.sets[i], h.territory, h.day))
                locals[rq.local_count++] = &e->rulesets.sets[i];
        rq.locals = locals;
        rq.h = &h;
        rq.forced = e->forced != NULL;
        rq.as_of = e->as_of != NULL;
        rq.unknown = unknown;
        rq.unknown_count = unknown_territories(e, &h, unknown, a, b);
        rq.json = format == RASOAT_EXPLAIN_JSON;
        rq.lang = lang;
        code = seam_explain(e->lua, &rq, &said, &doc, &fail);
    }
    if (code == RASOAT_OK && doc != NULL && record_print(&e->out, doc) != RASOAT_OK)
        code = err_set_text(&fail, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    else if (code == RASOAT_OK && doc == NULL)
        code = copy_out(e, said, &fail);
    record_release(&e->input, root);
    free((void *)locals);
    free(unknown);
    free(a);
    free(b);
    if (code != RASOAT_OK) {
        if (err != NULL)
            *err = fail;
        return code;
    }
    *text = e->out.data;
    *text_len = e->out.length;
    return RASOAT_OK;
}

void rasoat_error_record(rasoat_engine *e, long line, const char *kind, const char *message,
                         const char **record, size_t *record_len)
{
    rasoat_error fail;

    err_set_text(&fail, RASOAT_E_INPUT, kind, NULL, NULL, 0, message);
    error_out(e, NULL, line, &fail, record, record_len, NULL);
}

void rasoat_input_error_record(rasoat_engine *e, const char *id, long line, const char *kind,
                               const char *field, const char *message, const char **record,
                               size_t *record_len)
{
    rasoat_error fail;

    err_set_text(&fail, RASOAT_E_INPUT, kind, field, NULL, 0, message);
    error_out(e, id, line, &fail, record, record_len, NULL);
}

/* Leave a seam-owned text in the engine's output buffer. */
static int text_out(rasoat_engine *e, int code, const char *const *said, const char **text,
                    size_t *len, rasoat_error *err)
{
    if (code == RASOAT_OK)
        code = copy_out(e, *said, err);
    if (code == RASOAT_OK) {
        *text = e->out.data;
        *len = e->out.length;
    }
    return code;
}

/* Print 'doc' (taken) into the engine's output buffer. */
static int document_out(rasoat_engine *e, int code, cJSON *doc, const char **text, size_t *len,
                        rasoat_error *err)
{
    e->out_is_result = 0;
    if (code != RASOAT_OK)
        return code;
    if (record_print(&e->out, doc) != RASOAT_OK)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    *text = e->out.data;
    *len = e->out.length;
    return RASOAT_OK;
}

/* The rule set 'id', or NULL with 'err' saying there is none. */
static const ruleset *find_ruleset(rasoat_engine *e, const char *id, rasoat_lang lang,
                                   rasoat_error *err)
{
    const ruleset *rs = rulesets_find(&e->rulesets, id);

    if (rs == NULL) {
        const char *args[2] = {id, e->rules_dir};

        err_set(err, RASOAT_E_USAGE, "unknown_ruleset", NULL, NULL, 0, lang, "unknown_ruleset",
                args, 2);
    }
    return rs;
}

int rasoat_rules_list(rasoat_engine *e, rasoat_lang lang, const char **text, size_t *len,
                      rasoat_error *err)
{
    const char *said = NULL;

    int code = seam_describe_list(e->lua, &e->rulesets, lang, &said, err);

    return text_out(e, code, &said, text, len, err);
}

int rasoat_rules_show(rasoat_engine *e, const char *id, rasoat_lang lang, const char **text,
                      size_t *len, rasoat_error *err)
{
    const ruleset *rs = find_ruleset(e, id, lang, err);
    const char *said = NULL;

    if (rs == NULL)
        return RASOAT_E_USAGE;
    return text_out(e, seam_describe_show(e->lua, rs, lang, &said, err), &said, text, len, err);
}

/* Data 'what' of rule set 'id', as JSON, in the output buffer. */
static int ruleset_data(rasoat_engine *e, seam_data what, const char *id, const char **text,
                        size_t *len, rasoat_error *err)
{
    const ruleset *rs = find_ruleset(e, id, e->lang, err);
    cJSON *doc = NULL;

    int code;

    if (rs == NULL)
        return RASOAT_E_USAGE;
    code = seam_ruleset_data(e->lua, what, rs, &doc, err);
    return document_out(e, code, doc, text, len, err);
}

int rasoat_rules_json(rasoat_engine *e, const char *id, const char **text, size_t *len,
                      rasoat_error *err)
{
    return ruleset_data(e, SEAM_RULESET_DOCUMENT, id, text, len, err);
}

int rasoat_boundary_cases(rasoat_engine *e, const char *id, const char **text, size_t *len,
                          rasoat_error *err)
{
    return ruleset_data(e, SEAM_BOUNDARY_CASES, id, text, len, err);
}

int rasoat_rules_unused(rasoat_engine *e, const char *id, const char **text, size_t *len,
                        rasoat_error *err)
{
    const ruleset *rs = find_ruleset(e, id, e->lang, err);
    seam_sources *sources;
    char root[PATH_MAX];
    cJSON *doc = NULL;
    size_t i;
    int code = RASOAT_OK;

    if (rs == NULL)
        return RASOAT_E_USAGE;
    sources = (seam_sources *)calloc(e->rulesets.count, sizeof *sources);
    if (sources == NULL)
        return err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, NULL, 0, "out of memory");
    if (realpath(e->rules_dir, root) == NULL)
        code = err_set_text(err, RASOAT_E_LOAD, "read", NULL, e->rules_dir, 0, strerror(errno));
    for (i = 0; code == RASOAT_OK && i < e->rulesets.count; i++) {
        rule_file *files = NULL;

        code = rule_files_read(e->rulesets.sets[i].dir, root, &files, &sources[i].count,
                               e->lang, err);
        sources[i].files = files;
    }
    if (code == RASOAT_OK)
        code = seam_unused_parameters(e->lua, &e->rulesets, sources, rs, &doc, err);
    for (i = 0; i < e->rulesets.count; i++)
        rule_files_free((rule_file *)sources[i].files, sources[i].count);
    free(sources);
    return document_out(e, code, doc, text, len, err);
}

int engine_evaluators_disagree(rasoat_engine *e, const char *json, size_t len,
                               const char **name, rasoat_error *err)
{
    cJSON *root;
    household h;
    const ruleset *rs;
    int code = record_parse(&e->input, json, len, e->lang, &root, err);

    *name = NULL;
    if (code != RASOAT_OK)
        return code;
    code = household_read(&h, root, e->as_of, e->lang, err);
    if (code == RASOAT_OK)
        code = household_place(&h, e->places, e->lang, err);
    if (code == RASOAT_OK && (rs = choose_ruleset(e, &h, err)) == NULL)
        code = err->code;
    if (code == RASOAT_OK)
        code = seam_evaluators_disagree(e->lua, rs, &h, area_for(rs, &h), name, err);
    seam_end_household(e->lua);
    record_release(&e->input, root);
    return code;
}

size_t rasoat_ruleset_count(const rasoat_engine *e)
{
    return e->rulesets.count;
}

const char *rasoat_ruleset_id(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].id : NULL;
}

const char *rasoat_ruleset_version(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].version : NULL;
}

const char *rasoat_ruleset_sha256(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].sha256 : NULL;
}

const char *rasoat_ruleset_dir(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].dir : NULL;
}

const char *rasoat_ruleset_parent(const rasoat_engine *e, size_t i)
{
    return i < e->rulesets.count ? e->rulesets.sets[i].parent : NULL;
}

size_t rasoat_memory_peak(const rasoat_engine *e)
{
    return seam_memory_peak(e->lua);
}

const char *rasoat_version(void)
{
    return RASOAT_VERSION;
}

const char *rasoat_status_name(int status)
{
    switch (status) {
    case RASOAT_OK: return "ok";
    case RASOAT_WARNING: return "warning";
    case RASOAT_E_INPUT: return "input";
    case RASOAT_E_NO_RULESET: return "no_ruleset";
    case RASOAT_E_RULE: return "rule";
    case RASOAT_E_BUDGET: return "budget";
    case RASOAT_E_MEMORY: return "memory";
    case RASOAT_E_LOAD: return "load";
    case RASOAT_E_USAGE: return "usage";
    case RASOAT_E_SYSTEM: return "system";
    case RASOAT_E_UNDETERMINED: return "undetermined";
    case RASOAT_E_TIME: return "time_limit";
    default: return "unknown";
    }
}

/* {====================================================================
** Places: names and levels by code and date, for reports (rasoat.h)
** ===================================================================== */

const char *rasoat_place_name(const rasoat_engine *e, const char *code, const char *date)
{
    const admin_unit *u = NULL;
    int32_t day;

    if (code == NULL || date == NULL || !date_parse(date, &day))
        return NULL;
    if (strlen(code) == 2)
        u = admin_province_on(e->places, code, day);
    else if (strlen(code) == 5)
        u = admin_commune_on(e->places, code, day);
    return u != NULL ? u->name : NULL;
}

const char *rasoat_place_province(const rasoat_engine *e, const char *commune_code,
                                  const char *date)
{
    const admin_unit *u;
    int32_t day;

    if (commune_code == NULL || date == NULL || !date_parse(date, &day))
        return NULL;
    u = admin_commune_on(e->places, commune_code, day);
    return u != NULL ? u->province : NULL;
}

int rasoat_districts_on(const rasoat_engine *e, const char *date)
{
    int32_t day;

    if (!admin_units_loaded(e->places) || date == NULL || !date_parse(date, &day))
        return -1;
    return day < e->places->reform_day;
}

/* }==================================================================== */

void engine_keep_inputs(rasoat_engine *e)
{
    e->keep_inputs = 1;
    e->members_kept = !keeps_logged_member(e);
}

int engine_input_canonical(const rasoat_engine *e, const char *input, size_t len,
                           size_t *blanks)
{
    if (e == NULL || !e->last_canonical || e->last_length != len
        || memcmp(e->last_input, input, len) != 0)
        return 0;
    *blanks = e->last_blanks;
    return 1;
}

int engine_result_members(const rasoat_engine *e, const char *record, size_t len,
                          size_t at[3], size_t length[3])
{
    int i;

    if (e == NULL || !e->out_is_result || record != e->out.data || len != e->out.length)
        return 0;
    for (i = 0; i < 3; i++) {
        at[i] = e->out_members[i].at;
        length[i] = e->out_members[i].len;
    }
    return 1;
}
