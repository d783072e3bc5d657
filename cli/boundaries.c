/*
** boundaries.c: checks that a rule set's outcome changes exactly at its thresholds and
** in-force dates. For each threshold case the three households (x - 1, x, x + 1) are
** classified under the rule set alone; the pair the rule separates may differ, the other
** pair must not. For each date case the household is classified as dated, and the rule set
** must be chosen (nationally, or as a local entry) exactly on the days it is in force.
*/
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "boundaries.h"
#include "cli.h"

typedef struct tally {
    long passed, failed, unchanged;
} tally;

/* Classify 'household' (a cJSON object) and return the parsed record (caller frees). */
static cJSON *classify_json(rasoat_engine *e, const cJSON *household)
{
    char *text = cJSON_PrintUnformatted(household);
    const char *record = NULL;
    size_t len = 0;
    cJSON *parsed;

    if (text == NULL)
        return NULL;
    rasoat_classify(e, text, strlen(text), 0, &record, &len, NULL);
    parsed = record ? cJSON_ParseWithLength(record, len) : NULL;
    cJSON_free(text);
    return parsed;
}

/* The outcome of a record as a word: its class, or "error:<code>". */
static void outcome(const cJSON *record, char *buf, size_t size)
{
    const cJSON *cls = cJSON_GetObjectItemCaseSensitive(record, "class");
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(record, "error"), "code");

    if (cJSON_IsString(cls))
        snprintf(buf, size, "%s", cls->valuestring);
    else
        snprintf(buf, size, "error:%s", cJSON_IsString(code) ? code->valuestring : "?");
}

static const char *str(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

    return cJSON_IsString(item) ? item->valuestring : "";
}

static long num(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

    return cJSON_IsNumber(item) ? (long)item->valuedouble : 0;
}

/* One threshold case: three households, one allowed change. */
static void run_threshold(rasoat_engine *forced, const cJSON *c, rasoat_lang lang, int verbose,
                          tally *t)
{
    const cJSON *households = cJSON_GetObjectItemCaseSensitive(c, "households");
    const cJSON *values = cJSON_GetObjectItemCaseSensitive(c, "values");
    char out[3][48];
    long flip = num(c, "flip_after");
    int i, changed_at_flip, changed_elsewhere;

    for (i = 0; i < 3; i++) {
        cJSON *r = classify_json(forced, cJSON_GetArrayItem(households, i));

        outcome(r, out[i], sizeof out[i]);
        cJSON_Delete(r);
    }
    changed_at_flip = strcmp(out[flip - 1], out[flip]) != 0;
    changed_elsewhere = flip == 2 ? strcmp(out[0], out[1]) != 0 : strcmp(out[1], out[2]) != 0;
    if (changed_elsewhere) {
        t->failed++;
        printf(CLI_TEXT(lang, "✗ %s (%s:%ld): kết quả đổi ở chỗ quy định không cho đổi\n",
                        "✗ %s (%s:%ld): the outcome changes where the rule says it does not\n"),
               str(c, "name"), str(c, "file"), num(c, "line"));
    } else {
        t->passed++;
        t->unchanged += !changed_at_flip;
        if (!verbose)
            return;
        printf(changed_at_flip ? "✓ %s\n"
               : CLI_TEXT(lang, "· %s: không đổi ở ngưỡng với hộ này (một quy định khác quyết định)\n",
                          "· %s: no change at the threshold for this household (another provision decides)\n"),
               str(c, "name"));
    }
    printf("    %s:", str(c, "varied"));
    for (i = 0; i < 3; i++) {
        const cJSON *v = cJSON_GetArrayItem(values, i);

        if (cJSON_IsString(v))
            printf(" %s → %s%s", v->valuestring, out[i], i < 2 ? "," : "\n");
        else
            printf(" %ld → %s%s", (long)v->valuedouble, out[i], i < 2 ? "," : "\n");
    }
}

/* Was rule set 'id' chosen for 'record': as the national set, or in a local entry? */
static int chosen(const cJSON *record, const char *id)
{
    const cJSON *entry;

    if (strcmp(str(cJSON_GetObjectItemCaseSensitive(record, "ruleset"), "id"), id) == 0)
        return 1;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(record, "local"))
        if (strcmp(str(cJSON_GetObjectItemCaseSensitive(entry, "ruleset"), "id"), id) == 0)
            return 1;
    return 0;
}

static void run_date(rasoat_engine *dated, const cJSON *c, const char *id, rasoat_lang lang,
                     int verbose, tally *t)
{
    cJSON *r = classify_json(dated, cJSON_GetObjectItemCaseSensitive(c, "household"));
    int want = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "in_force"));
    int got = r != NULL && chosen(r, id);

    if (got == want) {
        t->passed++;
        if (verbose)
            printf("✓ %s\n", str(c, "name"));
    } else {
        t->failed++;
        printf(CLI_TEXT(lang, "✗ %s: bộ quy tắc %s được chọn\n", "✗ %s: rule set %s chosen\n"),
               str(c, "name"), got ? CLI_TEXT(lang, "lại", "was") : CLI_TEXT(lang, "không", "was not"));
    }
    cJSON_Delete(r);
}

int boundaries_run(const char *rules_dir, const char *id, rasoat_lang lang, int verbose)
{
    rasoat_engine *dated = cli_open(rules_dir, NULL, lang);
    rasoat_engine *forced = dated ? cli_open(rules_dir, id, lang) : NULL;
    rasoat_error err;
    const char *text;
    size_t len;
    cJSON *doc = NULL, *c;
    tally t = {0, 0, 0};
    int status = EXIT_USAGE;

    if (forced == NULL)
        goto done;
    if (rasoat_boundary_cases(forced, id, &text, &len, &err) != RASOAT_OK) {
        fprintf(stderr, "rasoat test: %s\n", err.message);
        goto done;
    }
    doc = cJSON_ParseWithLength(text, len);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "thresholds"))
        run_threshold(forced, c, lang, verbose, &t);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "dates"))
        run_date(dated, c, id, lang, verbose, &t);
    printf(CLI_TEXT(lang, "%s: %ld trường hợp biên đúng, %ld sai; %ld ngưỡng không đổi kết quả với hộ được tạo\n",
                    "%s: %ld boundary cases hold, %ld fail; %ld thresholds leave the generated household's outcome unchanged\n"),
           id, t.passed, t.failed, t.unchanged);
    printf("%ld passed, %ld failed\n", t.passed, t.failed);
    status = t.failed > 0 ? EXIT_RECORD_ERRORS : EXIT_ALL_CLASSIFIED;
done:
    cJSON_Delete(doc);
    rasoat_close(forced);
    rasoat_close(dated);
    return status;
}
