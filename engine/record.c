/*
** record.c: result and error records, written field by field straight into a reused
** buffer (json_writer.c), with no JSON tree in between. Field order is fixed, so the same
** household and rule set always give the same bytes. Only the input fields --keep copies
** (of any type, and rare) are printed by cJSON.
*/
#include <string.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "json_member.h"
#include "json_writer.h"
#include "outcome.h"
#include "record.h"

/* A member's key given as a string literal (letters, digits, '_'): its quoted text and
** length, the two arguments of jw_key_quoted. */
#define KEY(name) "\"" name "\":", sizeof("\"" name "\":") - 1

/* Which list of a result is still open (written last, so more may be added to it). */
enum { OPEN_NONE, OPEN_WARNINGS, OPEN_LOCAL };

void record_buffer_free(record_buffer *b)
{
    jw_free(b);
}

/* Print 'json' into 'b' from its start, growing it until it fits. Frees 'json'. */
static int print_into(record_buffer *b, cJSON *json)
{
    int code = RASOAT_E_SYSTEM;

    if (json == NULL)
        return code;
    jw_reset(b);
    jw_cjson(b, json);
    if (jw_finish(b) == 0)
        code = RASOAT_OK;
    cJSON_Delete(json);
    return code;
}

/* Member 'name' with string 'value'; none at all when 'value' is NULL (as cJSON leaves
** out a string member it cannot copy). */
static void put_string(record_buffer *b, const char *key, size_t n, const char *value)
{
    if (value == NULL)
        return;
    jw_key_quoted(b, key, n);
    jw_string(b, value);
}

/* Member 'name' written exactly as an integer (never through a double). */
static void put_integer(record_buffer *b, const char *key, size_t n, long long value)
{
    jw_key_quoted(b, key, n);
    jw_integer(b, value);
}

/* Member 'name': the string 'value', or null when it is NULL or empty. */
static void put_optional_string(record_buffer *b, const char *key, size_t n,
                                const char *value)
{
    jw_key_quoted(b, key, n);
    if (value != NULL && value[0] != '\0')
        jw_string(b, value);
    else
        jw_null(b);
}

/* The input's string fields a result copies: "district", "commune", "village" and
** "change". */
typedef struct carried {
    const char *district, *commune, *village, *change;
} carried;

/* Find the carried fields of 'root' in one pass over its members (the first of a name, as
** cJSON_GetObjectItemCaseSensitive would; one that is not a string is left NULL). */
static void find_carried(const cJSON *root, carried *c)
{
    const cJSON *found[4] = {NULL, NULL, NULL, NULL}, *item;
    int i;

    for (item = root != NULL ? root->child : NULL; item != NULL && item->string != NULL;
         item = item->next) {
        const char *k = item->string;

        i = -1;
        if (k[0] == 'd' && strcmp(k, "district") == 0)
            i = 0;
        else if (k[0] == 'c' && k[1] == 'o' && strcmp(k, "commune") == 0)
            i = 1;
        else if (k[0] == 'v' && strcmp(k, "village") == 0)
            i = 2;
        else if (k[0] == 'c' && k[1] == 'h' && strcmp(k, "change") == 0)
            i = 3;
        if (i >= 0 && found[i] == NULL)
            found[i] = item;
    }
    c->district = cJSON_IsString(found[0]) ? found[0]->valuestring : NULL;
    c->commune = cJSON_IsString(found[1]) ? found[1]->valuestring : NULL;
    c->village = cJSON_IsString(found[2]) ? found[2]->valuestring : NULL;
    c->change = cJSON_IsString(found[3]) ? found[3]->valuestring : NULL;
}

/* The places results carry along: the province as read on the survey date (derived from
** commune_code when the record lacks it), the record's district, commune and village, and
** its commune_code and, after the reform, the former province that chose its local
** standards. */
static void carry_places(record_buffer *b, const household *h, const carried *c)
{
    put_string(b, KEY("province"), h->province);
    put_string(b, KEY("district"), c->district);
    put_string(b, KEY("commune"), c->commune);
    put_string(b, KEY("village"), c->village);
    put_string(b, KEY("commune_code"), h->commune_code);
    if (h->after_reform)
        put_string(b, KEY("former_province"), h->territory);
}

/* The 'n' strings of 'list' as array 'name' (NULL entries left out). */
static void put_string_list(record_buffer *b, const char *key, size_t key_n,
                            const char *const *list, size_t n)
{
    size_t i;

    jw_key_quoted(b, key, key_n);
    jw_array_begin(b);
    for (i = 0; i < n; i++)
        if (list[i] != NULL)
            jw_string(b, list[i]);
    jw_array_end(b);
}

/* One warning, already worded, as an element of the open array: {code, field, message}. */
static void put_warning(record_buffer *b, const rasoat_error *w)
{
    jw_object_begin(b);
    JW_KEY(b, "code");
    jw_string(b, w->kind);
    put_optional_string(b, KEY("field"), w->field);
    JW_KEY(b, "message");
    jw_string(b, w->message);
    jw_object_end(b);
}

/* Open the "warnings" array with the 'n' warnings of an outcome (the caller closes it). */
static void open_warnings(record_buffer *b, const rasoat_error *warnings, size_t n)
{
    size_t i;

    JW_KEY(b, "warnings");
    jw_array_begin(b);
    for (i = 0; i < n; i++)
        put_warning(b, &warnings[i]);
}

/* The "error" member: {code, field, message[, file, line]}. */
static void put_error(record_buffer *b, const rasoat_error *e)
{
    JW_KEY(b, "error");
    jw_object_begin(b);
    JW_KEY(b, "code");
    jw_string(b, e->kind);
    put_optional_string(b, KEY("field"), e->field);
    JW_KEY(b, "message");
    jw_string(b, e->message);
    if (e->file[0] != '\0') {
        JW_KEY(b, "file");
        jw_string(b, e->file);
        put_integer(b, KEY("line"), e->line);
    }
    jw_object_end(b);
}

/* Member "ruleset" for 'rs'; its value's place goes to 'span' when not NULL. */
static void put_ruleset(record_buffer *b, const ruleset *rs, record_span *span)
{
    size_t at;

    JW_KEY(b, "ruleset");
    at = b->length;
    jw_object_begin(b);
    put_string(b, KEY("id"), rs->id);
    put_string(b, KEY("version"), rs->version);
    put_string(b, KEY("sha256"), rs->sha256);
    jw_object_end(b);
    if (span != NULL) {
        span->at = at;
        span->len = b->length - at;
    }
}

/* The outcome fields shared by the national result and each local entry. */
static void put_outcome(record_buffer *b, const eng_outcome *o)
{
    put_string(b, KEY("class"), o->class_name);
    put_string(b, KEY("provision"), o->provision);
    put_string(b, KEY("basis"), o->basis);
    if (o->has_b1)
        put_integer(b, KEY("b1"), o->b1);
    if (o->has_b2)
        put_integer(b, KEY("b2"), o->b2);
    if (o->has_deprived)
        put_string_list(b, KEY("deprived"), o->deprived, o->deprived_count);
    put_string(b, KEY("transition"), o->transition);
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

/* Copy the input fields named in 'keep' that the record has, as they are (printed by
** cJSON, since they may be of any type). */
static void put_kept(record_buffer *b, const cJSON *root, const char *const *keep)
{
    for (; keep != NULL && *keep != NULL; keep++) {
        const cJSON *item = json_member(root, *keep);

        if (item != NULL) {
            jw_key(b, *keep);
            jw_cjson(b, item);
        }
    }
}

/* The determinations beside the class: one member each, {"value": true|false|null,
** "citation", "status"[, "gap"]}. A determination without a name is left out. */
static void put_determinations(record_buffer *b, const eng_determination *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (list[i].name == NULL)
            continue;
        jw_key(b, list[i].name);
        jw_object_begin(b);
        JW_KEY(b, "value");
        if (list[i].value >= 0)
            jw_bool(b, list[i].value);
        else
            jw_null(b);
        put_string(b, KEY("citation"), list[i].citation);
        put_string(b, KEY("status"), list[i].status);
        put_string(b, KEY("gap"), list[i].gap);
        jw_object_end(b);
    }
}

int record_result(record_open *r, record_buffer *b, const household *h, const ruleset *rs,
                  const eng_outcome *o, const char *const *keep)
{
    carried c;

    find_carried(h->root, &c);
    memset(r, 0, sizeof *r);
    r->b = b;
    r->open = OPEN_NONE;
    jw_reset(b);
    jw_object_begin(b);
    if (h->id != NULL) {
        JW_KEY(b, "id");
        r->id.at = b->length;
        jw_string(b, h->id);
        r->id.len = b->length - r->id.at;
    }
    put_string(b, KEY("survey_date"), h->survey_date);
    carry_places(b, h, &c);
    put_string(b, KEY("area"), h->area);
    put_integer(b, KEY("size"), h->size);
    if (h->has_income)
        put_integer(b, KEY("income_per_capita_month"), h->income);
    put_outcome(b, o);
    if (o->has_determinations)
        put_determinations(b, o->determinations, o->determination_count);
    put_string(b, KEY("change"), c.change);
    put_kept(b, h->root, keep);
    put_ruleset(b, rs, &r->ruleset);
    if (o->has_warnings) {
        open_warnings(b, o->warnings, o->warning_count);
        r->open = OPEN_WARNINGS;
    }
    return b->failed ? RASOAT_E_SYSTEM : RASOAT_OK;
}

/* Open the next entry of the result's "local" array (opening the array first, and closing
** "warnings": no warning comes after a local entry), with its rule set. */
static void local_entry(record_open *r, const ruleset *rs)
{
    if (r->open == OPEN_WARNINGS)
        jw_array_end(r->b);
    if (r->open != OPEN_LOCAL) {
        JW_KEY(r->b, "local");
        r->local.at = r->b->length;
        jw_array_begin(r->b);
        r->open = OPEN_LOCAL;
    }
    jw_object_begin(r->b);
    put_ruleset(r->b, rs, NULL);
}

void record_add_local(record_open *r, const ruleset *rs, const eng_outcome *o)
{
    local_entry(r, rs);
    put_outcome(r->b, o);
    if (o->has_warnings) {
        open_warnings(r->b, o->warnings, o->warning_count);
        jw_array_end(r->b);
    }
    jw_object_end(r->b);
}

void record_add_local_error(record_open *r, const ruleset *rs, const rasoat_error *e)
{
    local_entry(r, rs);
    put_error(r->b, e);
    jw_object_end(r->b);
}

void record_add_warning(record_open *r, const rasoat_error *w)
{
    if (r->open == OPEN_LOCAL) {  /* out of order: the record would not be the same */
        r->b->failed = 1;
        return;
    }
    if (r->open == OPEN_NONE) {
        open_warnings(r->b, NULL, 0);
        r->open = OPEN_WARNINGS;
    }
    put_warning(r->b, w);
}

int record_finish(record_open *r)
{
    if (r->open != OPEN_NONE)
        jw_array_end(r->b);
    if (r->open == OPEN_LOCAL)
        r->local.len = r->b->length - r->local.at;
    r->open = OPEN_NONE;
    jw_object_end(r->b);
    return jw_finish(r->b) == 0 ? RASOAT_OK : RASOAT_E_SYSTEM;
}

int record_print(record_buffer *b, cJSON *record)
{
    return print_into(b, record);
}

int record_error(record_buffer *b, const char *id, long line, const rasoat_error *e)
{
    jw_reset(b);
    jw_object_begin(b);
    put_optional_string(b, KEY("id"), id);
    if (line > 0)
        put_integer(b, KEY("line"), line);
    put_error(b, e);
    jw_object_end(b);
    return jw_finish(b) == 0 ? RASOAT_OK : RASOAT_E_SYSTEM;
}
