/*
** household.c: the input contract of a household record, checked field by field in a
** fixed order so the same bad record always gives the same error.
*/
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "household.h"
#include "json_member.h"

/* 2^53: every whole number below it passes through a double exactly; 2^53 itself does not
** (9007199254740993 reads as 2^53), so integers must stay under it. */
#define EXACT_LIMIT 9007199254740992.0

/* Describe a JSON value for an error message: strings quoted and cut, numbers as written. */
static void describe(const cJSON *item, char *buf, size_t size)
{
    if (cJSON_IsString(item)) {
        char cut[48];

        err_copy(cut, sizeof cut, item->valuestring);
        snprintf(buf, size, "\"%s%s\"", cut, strlen(item->valuestring) >= sizeof cut ? "…" : "");
    } else if (cJSON_IsNumber(item)) {
        snprintf(buf, size, "%.17g", item->valuedouble);
    } else if (cJSON_IsBool(item)) {
        snprintf(buf, size, "%s", cJSON_IsTrue(item) ? "true" : "false");
    } else if (cJSON_IsNull(item)) {
        snprintf(buf, size, "null");
    } else if (cJSON_IsArray(item)) {
        snprintf(buf, size, "[…]");
    } else {
        snprintf(buf, size, "{…}");
    }
}

static int missing(rasoat_error *err, rasoat_lang lang, const char *field)
{
    return err_set(err, RASOAT_E_INPUT, "missing_field", field, NULL, 0, lang, "missing_field",
                   &field, 1);
}

/* "field 'f': expected <expected>, found <item>" with an 'expected' already worded. */
static int invalid_text(rasoat_error *err, rasoat_lang lang, const char *field,
                        const char *expected, const cJSON *item)
{
    char found[96];
    const char *args[3];

    describe(item, found, sizeof found);
    args[0] = field;
    args[1] = expected;
    args[2] = found;
    return err_set(err, RASOAT_E_INPUT, "invalid_field", field, NULL, 0, lang, "invalid_field",
                   args, 3);
}

/* "field 'f': expected <expected>, found <item>"; 'expected_key' is a catalogue key. */
static int invalid(rasoat_error *err, rasoat_lang lang, const char *field,
                   const char *expected_key, const cJSON *item)
{
    char expected[160];

    msg_format(expected, sizeof expected, lang, expected_key, NULL, 0);
    return invalid_text(err, lang, field, expected, item);
}

static const cJSON *member(const cJSON *root, const char *name)
{
    const cJSON *item = json_member(root, name);

    return cJSON_IsNull(item) ? NULL : item;
}

/* A whole number no smaller than 'min', exactly representable. */
static int whole(const cJSON *item, int64_t min, int64_t *out)
{
    double d;

    if (!cJSON_IsNumber(item))
        return 0;
    d = item->valuedouble;
    if (!(d > -EXACT_LIMIT && d < EXACT_LIMIT) || d != (double)(int64_t)d || (int64_t)d < min)
        return 0;
    *out = (int64_t)d;
    return 1;
}

static int nonempty_string(const cJSON *item)
{
    return cJSON_IsString(item) && item->valuestring[0] != '\0';
}

static int one_of(const char *s, const char *const *choices)
{
    for (; *choices; choices++)
        if (strcmp(s, *choices) == 0)
            return 1;
    return 0;
}

static int province_code(const char *s)
{
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == '\0';
}


static const char *const statuses[] = {"poor", "near_poor", "middle_income", "not_poor", NULL};

/* One {"status": S, "year": Y} entry at 'path' ("previous", "history[2]"). Stores the year. */
static int status_entry(const cJSON *entry, const char *path, rasoat_lang lang, int64_t *year,
                        rasoat_error *err)
{
    char field[64];
    const cJSON *item;

    if (!cJSON_IsObject(entry))
        return invalid(err, lang, path, "exp_object", entry);
    snprintf(field, sizeof field, "%s.status", path);
    item = member(entry, "status");
    if (item == NULL)
        return missing(err, lang, field);
    if (!cJSON_IsString(item) || !one_of(item->valuestring, statuses))
        return invalid(err, lang, field, "exp_status", item);
    snprintf(field, sizeof field, "%s.year", path);
    item = member(entry, "year");
    if (item == NULL)
        return missing(err, lang, field);
    if (!whole(item, 1, year))
        return invalid(err, lang, field, "exp_year", item);
    return RASOAT_OK;
}

/*
** 'previous' (start-of-year status on the approved list) and 'history' (earlier years,
** each before previous.year), as docs/formats.md gives them; and 'change', the event
** that moved a household on or off the lists other than by its class (docs/reports.md).
*/
static int read_lists(const cJSON *root, rasoat_lang lang, rasoat_error *err)
{
    static const char *const changes[] = {"died", "moved_out", "merged_out", "moved_in",
                                          "split", "merged_in", NULL};
    const cJSON *item, *entry;
    int64_t previous_year = 0, year;
    int code, i = 0;

    item = member(root, "previous");
    if (item != NULL && (code = status_entry(item, "previous", lang, &previous_year, err)) != RASOAT_OK)
        return code;
    item = member(root, "history");
    if (item != NULL) {
        if (!cJSON_IsArray(item))
            return invalid(err, lang, "history", "exp_array", item);
        cJSON_ArrayForEach(entry, item) {
            char path[32];

            snprintf(path, sizeof path, "history[%d]", i++);
            if ((code = status_entry(entry, path, lang, &year, err)) != RASOAT_OK)
                return code;
            if (previous_year > 0 && year >= previous_year) {
                char expected[96], y[24], field[48];
                const char *args[1] = {y};

                snprintf(y, sizeof y, "%lld", (long long)previous_year);
                snprintf(field, sizeof field, "%s.year", path);
                msg_format(expected, sizeof expected, lang, "exp_year_before", args, 1);
                return invalid_text(err, lang, field, expected, member(entry, "year"));
            }
        }
    }
    item = member(root, "change");
    if (item != NULL && (!cJSON_IsString(item) || !one_of(item->valuestring, changes)))
        return invalid(err, lang, "change", "exp_change", item);
    return RASOAT_OK;
}

int household_read(household *h, const cJSON *root, const char *as_of, rasoat_lang lang,
                   rasoat_error *err)
{
    static const char *const areas[] = {"rural", "urban", NULL};
    static const char *const livelihoods[] = {"agriculture", "forestry", "fishery", "salt",
                                              "other", NULL};
    static const char *const places[] = {"district", "commune", "village", NULL};
    const cJSON *item, *members;
    const char *const *place;

    memset(h, 0, sizeof *h);
    h->root = root;

    item = member(root, "id");
    if (item == NULL)
        return missing(err, lang, "id");
    if (!nonempty_string(item))
        return invalid(err, lang, "id", "exp_string", item);
    h->id = item->valuestring;

    if (as_of != NULL) {
        h->survey_date = as_of; /* checked once by the engine */
        date_parse(as_of, &h->day);
    } else {
        item = member(root, "survey_date");
        if (item == NULL)
            return missing(err, lang, "survey_date");
        if (!cJSON_IsString(item) || !date_parse(item->valuestring, &h->day))
            return invalid(err, lang, "survey_date", "exp_date", item);
        h->survey_date = item->valuestring;
    }

    item = member(root, "province");
    if (item != NULL) {
        if (!cJSON_IsString(item) || !province_code(item->valuestring))
            return invalid(err, lang, "province", "exp_province", item);
        h->province = item->valuestring;
    }
    for (place = places; *place; place++) {
        item = member(root, *place);
        if (item != NULL && !nonempty_string(item))
            return invalid(err, lang, *place, "exp_string", item);
    }

    item = member(root, "area");
    if (item == NULL)
        return missing(err, lang, "area");
    if (!cJSON_IsString(item) || !one_of(item->valuestring, areas))
        return invalid(err, lang, "area", "exp_area", item);
    h->area = item->valuestring;

    members = member(root, "members");
    item = member(root, "size");
    if (members != NULL) {
        char field[32];
        const cJSON *m;
        int i = 0;

        if (!cJSON_IsArray(members))
            return invalid(err, lang, "members", "exp_array", members);
        cJSON_ArrayForEach(m, members) {
            if (!cJSON_IsObject(m)) {
                snprintf(field, sizeof field, "members[%d]", i);
                return invalid(err, lang, field, "exp_member", m);
            }
            i++;
        }
        h->size = i;
        if (i == 0)
            return invalid(err, lang, "members", "exp_member", members);
    }
    if (item != NULL) {
        int64_t size;

        if (!whole(item, 1, &size))
            return invalid(err, lang, "size", "exp_int_ge1", item);
        if (members != NULL && size != h->size) {
            char a[24], b[24];
            const char *args[2] = {a, b};

            snprintf(a, sizeof a, "%lld", (long long)size);
            snprintf(b, sizeof b, "%lld", (long long)h->size);
            return err_set(err, RASOAT_E_INPUT, "size_members", "size", NULL, 0, lang,
                           "size_members", args, 2);
        }
        h->size = size;
    } else if (members == NULL) {
        return missing(err, lang, "size");
    }

    item = member(root, "b1_score");
    if (item != NULL) {
        if (!whole(item, 0, &h->b1))
            return invalid(err, lang, "b1_score", "exp_int_ge0", item);
        h->has_b1 = 1;
    }
    item = member(root, "income_per_capita_month");
    if (item != NULL) {
        if (!whole(item, 0, &h->income))
            return invalid(err, lang, "income_per_capita_month", "exp_int_ge0", item);
        h->has_income = 1;
    }

    if (!h->has_b1 && !h->has_income)
        return err_set(err, RASOAT_E_INPUT, "missing_field", "b1_score", NULL, 0, lang,
                       "missing_basis", NULL, 0);

    item = member(root, "deprivations");
    if (item != NULL) {
        const cJSON *answer;

        if (!cJSON_IsObject(item))
            return invalid(err, lang, "deprivations", "exp_object", item);
        cJSON_ArrayForEach(answer, item) {
            if (!cJSON_IsBool(answer) && !cJSON_IsNull(answer)) {
                char field[96];

                snprintf(field, sizeof field, "deprivations.%s", answer->string);
                return invalid(err, lang, field, "exp_bool", answer);
            }
        }
        h->deprivations = item;
    }

    item = member(root, "livelihood");
    if (item != NULL && (!cJSON_IsString(item) || !one_of(item->valuestring, livelihoods)))
        return invalid(err, lang, "livelihood", "exp_livelihood", item);

    return read_lists(root, lang, err);
}

/* {====================================================================
** Places over time (docs/formats.md, "Places over time")
** ===================================================================== */

/* '"51" (Tỉnh Quảng Ngãi)' for a unit, or '"51"' when the table does not know it. */
static void named(char *buf, size_t size, const char *code, const admin_unit *u)
{
    if (u != NULL)
        snprintf(buf, size, "\"%s\" (%s)", code, u->name);
    else
        snprintf(buf, size, "\"%s\"", code);
}

/* The code field 'item' ('width' digits, given as a string), or NULL when absent; 'bad'
** is set when the field is present but not such a code. */
static const char *code_field(const cJSON *item, size_t width, int *bad)
{
    size_t i;

    *bad = 0;
    if (item == NULL || cJSON_IsNull(item))
        return NULL;
    if (!cJSON_IsString(item) || strlen(item->valuestring) != width) {
        *bad = 1;
        return NULL;
    }
    for (i = 0; i < width; i++)
        if (item->valuestring[i] < '0' || item->valuestring[i] > '9')
            *bad = 1;
    return *bad ? NULL : item->valuestring;
}

/* The province 'code' read on the survey date: RASOAT_OK, or an error naming the
** successor of a code closed by then (or saying no province carries it). */
static int check_province(const household *h, const admin_units *t, const char *field,
                          const char *code, rasoat_lang lang, rasoat_error *err)
{
    const admin_unit *last;
    char a[160], b[160];
    const char *args[4];

    if (admin_province_on(t, code, h->place_day) != NULL)
        return RASOAT_OK;
    last = admin_province_last(t, code);
    if (last != NULL && last->to_day < h->place_day && last->successor != NULL) {
        args[0] = code;
        args[1] = last->successor;
        args[2] = admin_province_on(t, last->successor, h->place_day) != NULL
                ? admin_province_on(t, last->successor, h->place_day)->name : last->name;
        args[3] = t->reform_date;
        return err_set(err, RASOAT_E_INPUT, "province_closed", field, NULL, 0, lang,
                       "province_closed", args, 4);
    }
    named(a, sizeof a, code, last);
    snprintf(b, sizeof b, "%s", h->place_date);
    args[0] = a;
    args[1] = b;
    return err_set(err, RASOAT_E_INPUT, "province_unknown", field, NULL, 0, lang,
                   "province_unknown", args, 2);
}

/* The commune 'code' on the survey date, or an error (merged by then, or unknown). */
static const admin_unit *find_commune(const household *h, const admin_units *t, const char *code,
                                      rasoat_lang lang, rasoat_error *err)
{
    const admin_unit *u = admin_commune_on(t, code, h->place_day), *last;
    char a[160], b[400];
    const char *args[4];

    if (u != NULL)
        return u;
    last = admin_commune_last(t, code);
    if (last != NULL && last->to_day < h->place_day && last->links != NULL) {
        const char *p = last->links;
        size_t used = 0;

        named(a, sizeof a, code, last);
        b[0] = '\0';
        while (*p && used < sizeof b - 1) {
            char next[6] = {0};
            const admin_unit *n;
            int w;

            memcpy(next, p, 5);
            n = admin_commune_on(t, next, h->place_day);
            w = snprintf(b + used, sizeof b - used, "%s\"%s\" (%s)", used ? ", " : "", next,
                         n ? n->name : "?");
            used += w > 0 ? (size_t)w : 0;
            p += p[5] == ',' ? 6 : 5;
        }
        args[0] = a;
        args[1] = t->reform_date;
        args[2] = b;
        err_set(err, RASOAT_E_INPUT, "commune_closed", "commune_code", NULL, 0, lang,
                "commune_closed", args, 3);
        return NULL;
    }
    args[0] = code;
    args[1] = h->place_date;
    err_set(err, RASOAT_E_INPUT, "commune_unknown", "commune_code", NULL, 0, lang,
            "commune_unknown", args, 2);
    return NULL;
}

/* After the reform: 'former' must be a province of the day before it whose territory went
** into 'province' (when known). */
static int check_former(const household *h, const admin_units *t, const char *former,
                        const char *province, rasoat_lang lang, rasoat_error *err)
{
    const admin_unit *f = admin_province_on(t, former, t->reform_day - 1);
    char a[160], b[160];
    const char *args[2] = {a, b};

    named(a, sizeof a, former, f);
    if (f == NULL || f->successor == NULL)
        return err_set(err, RASOAT_E_INPUT, "former_unknown", "former_province", NULL, 0, lang,
                       "former_unknown", args, 1);
    if (province != NULL && strcmp(f->successor, province) != 0) {
        named(b, sizeof b, province, admin_province_on(t, province, h->place_day));
        return err_set(err, RASOAT_E_INPUT, "former_contradicts", "former_province", NULL, 0,
                       lang, "former_contradicts", args, 2);
    }
    return RASOAT_OK;
}

int household_place(household *h, const admin_units *t, rasoat_lang lang, rasoat_error *err)
{
    const char *former, *province = h->province;
    const cJSON *item, *commune_item = NULL, *former_item = NULL;
    int bad;

    /* One walk over the record for both fields: most records have neither. */
    for (item = h->root->child; item != NULL; item = item->next) {
        if (item->string[0] == 'c' && strcmp(item->string, "commune_code") == 0)
            commune_item = item;
        else if (item->string[0] == 'f' && strcmp(item->string, "former_province") == 0)
            former_item = item;
    }
    h->commune_code = code_field(commune_item, 5, &bad);
    if (bad)
        return invalid(err, lang, "commune_code", "exp_commune_code", commune_item);
    former = code_field(former_item, 2, &bad);
    if (bad)
        return invalid(err, lang, "former_province", "exp_province", former_item);
    /* Codes are read by the date the record was surveyed on, even when --as-of replaces
    ** that date to choose the rules: a 2024 record carries the codes of 2024. */
    h->place_day = h->day;
    h->place_date = h->survey_date;
    item = member(h->root, "survey_date");
    if (cJSON_IsString(item) && item->valuestring != h->survey_date
        && date_parse(item->valuestring, &h->place_day))
        h->place_date = item->valuestring;
    if (!admin_units_loaded(t)) {
        h->territory = former ? former : province;
        return RASOAT_OK;
    }
    h->after_reform = h->place_day >= t->reform_day;

    if (province != NULL && check_province(h, t, "province", province, lang, err) != RASOAT_OK)
        return err->code;
    if (h->commune_code != NULL) {
        const admin_unit *c = find_commune(h, t, h->commune_code, lang, err);
        char a[160], b[160];
        const char *args[4];

        if (c == NULL)
            return err->code;
        h->commune = c;
        args[1] = h->commune_code;
        args[2] = c->name;
        if (province != NULL && strcmp(province, c->province) != 0) {
            named(b, sizeof b, c->province, admin_province_on(t, c->province, h->place_day));
            args[0] = province;
            args[3] = b;
            return err_set(err, RASOAT_E_INPUT, "province_contradicts", "province", NULL, 0,
                           lang, "province_contradicts", args, 4);
        }
        h->province = province = c->province;
        if (!h->after_reform)
            h->territory = province;
        else if (former != NULL && !admin_list_has(c->former, former)) {
            named(a, sizeof a, former, admin_province_on(t, former, t->reform_day - 1));
            args[0] = a;
            args[2] = c->name;
            args[3] = c->former;
            return err_set(err, RASOAT_E_INPUT, "former_contradicts_commune", "former_province",
                           NULL, 0, lang, "former_contradicts_commune", args, 4);
        } else if (former != NULL || (c->former != NULL && strchr(c->former, ',') == NULL))
            h->territory = former != NULL ? former : c->former;
        return RASOAT_OK;
    }
    if (!h->after_reform) {
        if (former != NULL && province != NULL && strcmp(former, province) != 0) {
            const char *args[3] = {former, province, t->reform_date};

            return err_set(err, RASOAT_E_INPUT, "former_before_reform", "former_province", NULL,
                           0, lang, "former_before_reform", args, 3);
        }
        if (former != NULL && province == NULL
            && check_province(h, t, "former_province", former, lang, err) != RASOAT_OK)
            return err->code;
        h->province = h->territory = province != NULL ? province : former;
        return RASOAT_OK;
    }
    if (former != NULL) {
        if (check_former(h, t, former, province, lang, err) != RASOAT_OK)
            return err->code;
        if (province == NULL)
            h->province = admin_province_on(t, former, t->reform_day - 1)->successor;
        h->territory = former;
    } else if (province != NULL) {
        char list[16];

        /* A province the reform left whole: its one former province is the territory. */
        if (admin_predecessors(t, province, list, sizeof list) == 1)
            h->territory = admin_province_on(t, list, t->reform_day - 1)->code;
    }
    return RASOAT_OK;
}

/* }==================================================================== */
