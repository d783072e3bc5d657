/*
** record.c: result and error records, built with cJSON and printed into a reused buffer.
** Field order is fixed, so the same household and rule set always give the same bytes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "outcome.h"
#include "record.h"

void record_buffer_free(record_buffer *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

/* Print 'json' into 'b', growing it until it fits. Frees 'json'. */
static int print_into(record_buffer *b, cJSON *json)
{
    int code = RASOAT_E_SYSTEM;

    if (json == NULL)
        return code;
    for (;;) {
        if (b->capacity > 0 && cJSON_PrintPreallocated(json, b->data, (int)b->capacity, 0)) {
            b->length = strlen(b->data);
            code = RASOAT_OK;
            break;
        }
        {
            size_t cap = b->capacity ? b->capacity * 2 : 4096;
            char *grown = cap <= (1u << 30) ? (char *)realloc(b->data, cap) : NULL;

            if (grown == NULL)
                break;
            b->data = grown;
            b->capacity = cap;
        }
    }
    cJSON_Delete(json);
    return code;
}

/* Add an integer member, written exactly as an integer: cJSON numbers are doubles printed
** with %g and read back to check, which is both slower and, past 2^53, inexact. */
static void add_integer(cJSON *out, const char *name, long long value)
{
    char digits[24];

    snprintf(digits, sizeof digits, "%lld", value);
    cJSON_AddRawToObject(out, name, digits);
}

/* The places results carry along: the province as read on the survey date (derived from
** commune_code when the record lacks it), the record's district, commune and village, and
** its commune_code and, after the reform, the former province that chose its local
** standards. */
static void carry_places(cJSON *out, const household *h)
{
    static const char *const carried[] = {"district", "commune", "village", NULL};
    const char *const *name;

    if (h->province != NULL)
        cJSON_AddStringToObject(out, "province", h->province);
    for (name = carried; *name; name++) {
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(h->root, *name);

        if (cJSON_IsString(item))
            cJSON_AddStringToObject(out, *name, item->valuestring);
    }
    if (h->commune_code != NULL)
        cJSON_AddStringToObject(out, "commune_code", h->commune_code);
    if (h->after_reform && h->territory != NULL)
        cJSON_AddStringToObject(out, "former_province", h->territory);
}

/* Add the 'n' strings of 'list' as array 'name'. */
static void add_string_list(cJSON *out, const char *name, const char *const *list, size_t n)
{
    cJSON *array = cJSON_AddArrayToObject(out, name);
    size_t i;

    for (i = 0; array != NULL && i < n; i++)
        cJSON_AddItemToArray(array, cJSON_CreateString(list[i]));
}

static void add_optional_string(cJSON *obj, const char *name, const char *value)
{
    if (value != NULL && value[0] != '\0')
        cJSON_AddStringToObject(obj, name, value);
    else
        cJSON_AddNullToObject(obj, name);
}

/* The warnings of an outcome, already worded. */
static void add_warnings(cJSON *out, const rasoat_error *warnings, size_t n)
{
    cJSON *array = cJSON_AddArrayToObject(out, "warnings");
    size_t i;

    for (i = 0; array != NULL && i < n; i++) {
        cJSON *item = cJSON_CreateObject();

        cJSON_AddStringToObject(item, "code", warnings[i].kind);
        add_optional_string(item, "field", warnings[i].field);
        cJSON_AddStringToObject(item, "message", warnings[i].message);
        cJSON_AddItemToArray(array, item);
    }
}

/* The "error" member: {code, field, message[, file, line]}. */
static void add_error(cJSON *out, const rasoat_error *e)
{
    cJSON *error = cJSON_AddObjectToObject(out, "error");

    if (error == NULL)
        return;
    cJSON_AddStringToObject(error, "code", e->kind);
    add_optional_string(error, "field", e->field);
    cJSON_AddStringToObject(error, "message", e->message);
    if (e->file[0] != '\0') {
        cJSON_AddStringToObject(error, "file", e->file);
        add_integer(error, "line", e->line);
    }
}

static void add_ruleset(cJSON *out, const ruleset *rs)
{
    cJSON *set = cJSON_AddObjectToObject(out, "ruleset");

    if (set != NULL) {
        cJSON_AddStringToObject(set, "id", rs->id);
        cJSON_AddStringToObject(set, "version", rs->version);
        cJSON_AddStringToObject(set, "sha256", rs->sha256);
    }
}

/* The outcome fields shared by the national result and each local entry. */
static void add_outcome(cJSON *out, const eng_outcome *o)
{
    cJSON_AddStringToObject(out, "class", o->class_name);
    cJSON_AddStringToObject(out, "provision", o->provision);
    if (o->basis != NULL)
        cJSON_AddStringToObject(out, "basis", o->basis);
    if (o->has_b1)
        add_integer(out, "b1", o->b1);
    if (o->has_b2)
        add_integer(out, "b2", o->b2);
    if (o->has_deprived)
        add_string_list(out, "deprived", o->deprived, o->deprived_count);
    if (o->transition != NULL)
        cJSON_AddStringToObject(out, "transition", o->transition);
}

/* Fields a result writes itself; the input's are never copied over them. */
static const char *const reserved[] = {
    "id", "survey_date", "province", "district", "commune", "village", "area", "size",
    "income_per_capita_month", "class", "provision", "basis", "b1", "b2", "deprived",
    "transition", "change", "ruleset", "warnings", "local",
    "commune_code", "former_province", "low_income_worker", NULL
};

int record_reserved(const char *name)
{
    const char *const *r;

    for (r = reserved; *r; r++)
        if (strcmp(*r, name) == 0)
            return 1;
    return 0;
}

/* Copy the input fields named in 'keep' that the record has, as they are. */
static void add_kept(cJSON *out, const cJSON *root, const char *const *keep)
{
    for (; keep != NULL && *keep != NULL; keep++) {
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, *keep);

        if (item != NULL)
            cJSON_AddItemToObject(out, *keep, cJSON_Duplicate(item, 1));
    }
}

/* The determinations beside the class: one member each, {"value": true|false|null,
** "citation", "status"[, "gap"]}. */
static void add_determinations(cJSON *out, const eng_determination *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        cJSON *d = cJSON_AddObjectToObject(out, list[i].name);

        if (d == NULL)
            continue;
        if (list[i].value >= 0)
            cJSON_AddBoolToObject(d, "value", list[i].value);
        else
            cJSON_AddNullToObject(d, "value");
        cJSON_AddStringToObject(d, "citation", list[i].citation);
        cJSON_AddStringToObject(d, "status", list[i].status);
        if (list[i].gap != NULL)
            cJSON_AddStringToObject(d, "gap", list[i].gap);
    }
}

cJSON *record_result(const household *h, const ruleset *rs, const eng_outcome *o,
                     const char *const *keep)
{
    const cJSON *change;

    cJSON *out = cJSON_CreateObject();

    if (out == NULL)
        return NULL;
    cJSON_AddStringToObject(out, "id", h->id);
    cJSON_AddStringToObject(out, "survey_date", h->survey_date);
    carry_places(out, h);
    cJSON_AddStringToObject(out, "area", h->area);
    add_integer(out, "size", h->size);
    if (h->has_income)
        add_integer(out, "income_per_capita_month", h->income);
    add_outcome(out, o);
    if (o->has_determinations)
        add_determinations(out, o->determinations, o->determination_count);
    change = cJSON_GetObjectItemCaseSensitive(h->root, "change");
    if (cJSON_IsString(change))
        cJSON_AddStringToObject(out, "change", change->valuestring);
    add_kept(out, h->root, keep);
    add_ruleset(out, rs);
    if (o->has_warnings)
        add_warnings(out, o->warnings, o->warning_count);
    return out;
}

static cJSON *local_entry(cJSON *result, const ruleset *rs)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(result, "local");
    cJSON *entry;

    if (list == NULL)
        list = cJSON_AddArrayToObject(result, "local");
    entry = cJSON_CreateObject();
    if (entry != NULL) {
        add_ruleset(entry, rs);
        cJSON_AddItemToArray(list, entry);
    }
    return entry;
}

void record_add_local(cJSON *result, const ruleset *rs, const eng_outcome *o)
{
    cJSON *entry = local_entry(result, rs);

    if (entry == NULL)
        return;
    add_outcome(entry, o);
    if (o->has_warnings)
        add_warnings(entry, o->warnings, o->warning_count);
}

void record_add_local_error(cJSON *result, const ruleset *rs, const rasoat_error *e)
{
    cJSON *entry = local_entry(result, rs);

    if (entry != NULL)
        add_error(entry, e);
}

void record_add_warning(cJSON *result, const rasoat_error *w)
{
    cJSON *list = cJSON_GetObjectItemCaseSensitive(result, "warnings");
    cJSON *item = cJSON_CreateObject();

    if (list == NULL)
        list = cJSON_AddArrayToObject(result, "warnings");
    if (item == NULL)
        return;
    cJSON_AddStringToObject(item, "code", w->kind);
    add_optional_string(item, "field", w->field);
    cJSON_AddStringToObject(item, "message", w->message);
    cJSON_AddItemToArray(list, item);
}

int record_print(record_buffer *b, cJSON *record)
{
    return print_into(b, record);
}

int record_error(record_buffer *b, const char *id, long line, const rasoat_error *e)
{
    cJSON *out = cJSON_CreateObject();

    if (out == NULL)
        return RASOAT_E_SYSTEM;
    add_optional_string(out, "id", id);
    if (line > 0)
        add_integer(out, "line", line);
    add_error(out, e);
    return print_into(b, out);
}
