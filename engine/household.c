/*
** household.c: the input contract of a household record, checked field by field in a
** fixed order so the same bad record always gives the same error.
*/
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "household.h"

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

/* "field 'f': expected <expected>, found <item>"; 'expected_key' is a catalogue key. */
static int invalid(rasoat_error *err, rasoat_lang lang, const char *field,
                   const char *expected_key, const cJSON *item)
{
    char expected[160], found[96];
    const char *args[3];

    msg_format(expected, sizeof expected, lang, expected_key, NULL, 0);
    describe(item, found, sizeof found);
    args[0] = field;
    args[1] = expected;
    args[2] = found;
    return err_set(err, RASOAT_E_INPUT, "invalid_field", field, NULL, 0, lang, "invalid_field",
                   args, 3);
}

static const cJSON *member(const cJSON *root, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, name);

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
