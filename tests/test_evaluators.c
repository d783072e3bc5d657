/*
** test_evaluators.c: the two evaluators of conditions agree. classify runs a condition in
** its compiled form (stdlib/classify.lua's compile), explain through the interpreter that
** traces every test; both must answer alike for every provision, warning and
** determination of every bundled rule set, on the boundary cases the rule set itself
** generates (three households around every threshold, and the days around its dates).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "engine_internal.h"

/* Ask whether the evaluators disagree on 'household' under the forced engine; count it
** when the household was evaluated at all (a generated household may be refused, e.g. a
** date outside the set). */
static void compare(rasoat_engine *forced, const char *id, const cJSON *household,
                    long *compared)
{
    char *json = cJSON_PrintUnformatted(household);
    const char *name = NULL;
    rasoat_error err;
    int code;

    ck_assert_ptr_nonnull(json);
    code = engine_evaluators_disagree(forced, json, strlen(json), &name, &err);
    if (code == RASOAT_OK) {
        ck_assert_msg(name == NULL, "%s: the evaluators disagree on '%s' for %s", id,
                      name ? name : "", json);
        (*compared)++;
    }
    free(json);
}

START_TEST(evaluators_should_agree_on_every_boundary_case_of_every_rule_set)
{
    rasoat_engine *all = open_engine(source_rules(), 0, 0);
    size_t i, sets = rasoat_ruleset_count(all);
    long total = 0;

    ck_assert_uint_gt(sets, 5);
    for (i = 0; i < sets; i++) {
        const char *id = rasoat_ruleset_id(all, i), *text;
        rasoat_options opts;
        rasoat_engine *forced = NULL;
        rasoat_error err;
        cJSON *doc, *c, *h;
        size_t len;
        long compared = 0;

        memset(&opts, 0, sizeof opts);
        opts.rules_dir = source_rules();
        opts.force_ruleset = id;
        ck_assert_int_eq(rasoat_open(&opts, &forced, &err), RASOAT_OK);
        ck_assert_int_eq(rasoat_boundary_cases(forced, id, &text, &len, &err), RASOAT_OK);
        doc = cJSON_ParseWithLength(text, len);
        ck_assert_ptr_nonnull(doc);
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "thresholds"))
            cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(c, "households"))
                compare(forced, id, h, &compared);
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "dates"))
            compare(forced, id, cJSON_GetObjectItemCaseSensitive(c, "household"), &compared);
        /* Every rule set has thresholds, so some of its cases must have been compared. */
        ck_assert_msg(compared > 0, "%s: no boundary case was compared", id);
        total += compared;
        cJSON_Delete(doc);
        rasoat_close(forced);
    }
    printf("evaluators agree on %ld boundary cases of %zu rule sets\n", total, sets);
    rasoat_close(all);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("evaluators");
    TCase *tc = tcase_create("agreement");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, evaluators_should_agree_on_every_boundary_case_of_every_rule_set);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
