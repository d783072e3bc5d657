/*
** record.c: result and error records, built with cJSON and printed into a reused buffer.
** Field order is fixed, so the same household and rule set always give the same bytes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <lua.h>

#include "error.h"
#include "sandbox.h"
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

/* Copy the optional string members of the input that results carry along. */
static void carry_places(cJSON *out, const cJSON *root)
{
    static const char *const carried[] = {"province", "district", "commune", "village", NULL};
    const char *const *name;

    for (name = carried; *name; name++) {
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, *name);

        if (cJSON_IsString(item))
            cJSON_AddStringToObject(out, *name, item->valuestring);
    }
}

/* Add the list of strings at stack index 'idx' (a Lua sequence) as array 'name'. */
static void add_string_list(cJSON *out, const char *name, lua_State *L, int idx)
{
    cJSON *array = cJSON_AddArrayToObject(out, name);
    lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx);

    for (i = 1; array != NULL && i <= n; i++) {
        lua_rawgeti(L, idx, i);
        cJSON_AddItemToArray(array, cJSON_CreateString(lua_tostring(L, -1)));
        lua_pop(L, 1);
    }
}

static void add_optional_string(cJSON *obj, const char *name, const char *value)
{
    if (value != NULL && value[0] != '\0')
        cJSON_AddStringToObject(obj, name, value);
    else
        cJSON_AddNullToObject(obj, name);
}

/* Warnings are {kind=, key=, field=, args={...}} tables, worded in 'lang' from the
** catalogue, or carry their own message = {vi=, en=}. */
static void add_warnings(cJSON *out, lua_State *L, int idx, rasoat_lang lang)
{
    cJSON *array = cJSON_AddArrayToObject(out, "warnings");
    lua_Integer i, n = (lua_Integer)lua_rawlen(L, idx);

    for (i = 1; array != NULL && i <= n; i++) {
        rasoat_error w;
        cJSON *item;

        lua_rawgeti(L, idx, i);                               /* w */
        sandbox_worded(L, 0, lang, &w);
        lua_pop(L, 1);
        item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "code", w.kind);
        add_optional_string(item, "field", w.field);
        cJSON_AddStringToObject(item, "message", w.message);
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
static void add_outcome(cJSON *out, lua_State *L, int base)
{
    cJSON_AddStringToObject(out, "class", lua_tostring(L, base));
    cJSON_AddStringToObject(out, "provision", lua_tostring(L, base + 1));
    if (lua_isstring(L, base + 2))
        cJSON_AddStringToObject(out, "basis", lua_tostring(L, base + 2));
    if (lua_isinteger(L, base + 3))
        add_integer(out, "b1", lua_tointeger(L, base + 3));
    if (lua_isinteger(L, base + 4))
        add_integer(out, "b2", lua_tointeger(L, base + 4));
    if (lua_istable(L, base + 5))
        add_string_list(out, "deprived", L, base + 5);
    if (lua_isstring(L, base + 7))
        cJSON_AddStringToObject(out, "transition", lua_tostring(L, base + 7));
}

/* Fields a result writes itself; the input's are never copied over them. */
static const char *const reserved[] = {
    "id", "survey_date", "province", "district", "commune", "village", "area", "size",
    "income_per_capita_month", "class", "provision", "basis", "b1", "b2", "deprived",
    "transition", "change", "ruleset", "warnings", "local", NULL
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

cJSON *record_result(const household *h, const ruleset *rs, lua_State *L, int base,
                     rasoat_lang lang, const char *const *keep)
{
    const cJSON *change;

    cJSON *out = cJSON_CreateObject();

    if (out == NULL)
        return NULL;
    cJSON_AddStringToObject(out, "id", h->id);
    cJSON_AddStringToObject(out, "survey_date", h->survey_date);
    carry_places(out, h->root);
    cJSON_AddStringToObject(out, "area", h->area);
    add_integer(out, "size", h->size);
    if (h->has_income)
        add_integer(out, "income_per_capita_month", h->income);
    add_outcome(out, L, base);
    change = cJSON_GetObjectItemCaseSensitive(h->root, "change");
    if (cJSON_IsString(change))
        cJSON_AddStringToObject(out, "change", change->valuestring);
    add_kept(out, h->root, keep);
    add_ruleset(out, rs);
    if (lua_istable(L, base + 6))
        add_warnings(out, L, base + 6, lang);
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

void record_add_local(cJSON *result, const ruleset *rs, lua_State *L, int base,
                      rasoat_lang lang)
{
    cJSON *entry = local_entry(result, rs);

    if (entry == NULL)
        return;
    add_outcome(entry, L, base);
    if (lua_istable(L, base + 6))
        add_warnings(entry, L, base + 6, lang);
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
