/*
** fuzz_household.c: libFuzzer target for the household record reader. Arbitrary bytes go
** to rasoat_classify (and rasoat_explain) as one record, under the bundled rule sets: chosen
** by date, or (picked by the input's length, so the same input always goes the same way)
** forced to one set at a fixed --as-of date, or forced to a local set.
**
** Beyond crashes and sanitizer reports, a finding is any input for which:
**   - the record is not what record_check.h says every record is;
**   - classifying the same bytes again gives different bytes (results must not depend on
**     the households classified before);
**   - explain succeeds on a record that classify answers with an error record (other than
**     "undetermined", which explain describes as the outcome it is).
*/
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rasoat.h"
#include "record_check.h"

/* The engines: [0] chooses by date; [1] and [2] are forced as 'rasoat classify --ruleset
** ID [--as-of DATE]' does. */
static rasoat_engine *engines[3];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const forced[3] = {NULL, "vn/2027-2030", "hcm/2021-2024"};
    static const char *const as_of[3] = {NULL, "2026-12-31", NULL};
    rasoat_options opts;
    rasoat_error err;
    int i;

    (void)argc;
    (void)argv;
    for (i = 0; i < 3; i++) {
        memset(&opts, 0, sizeof opts);
        opts.rules_dir = RASOAT_FUZZ_RULES;
        opts.force_ruleset = forced[i];
        opts.as_of = as_of[i];
        opts.lang = i == 1 ? RASOAT_LANG_EN : RASOAT_LANG_VI;
        if (rasoat_open(&opts, &engines[i], &err) != RASOAT_OK)
            FUZZ_FAIL("the bundled rules do not load: %s", err.message);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *json = (const char *)data, *rec, *text;
    size_t len, len2, text_len;
    char *first;
    rasoat_error err;
    int status, status2, is_error;
    rasoat_engine *engine = engines[size % 3];

    status = rasoat_classify(engine, json, size, 1, &rec, &len, &err);
    is_error = fuzz_check_record(rec, len, status);
    if ((first = (char *)malloc(len + 1)) == NULL)
        return 0;
    memcpy(first, rec, len + 1);

    status2 = rasoat_classify(engine, json, size, 1, &rec, &len2, &err);
    FUZZ_CHECK(status2 == status && len2 == len && memcmp(first, rec, len) == 0,
               "the same record classified twice gave\n  %.300s\nthen\n  %.300s", first, rec);
    free(first);

    status2 = rasoat_explain(engine, json, size, RASOAT_LANG_EN, RASOAT_EXPLAIN_JSON, &text,
                             &text_len, &err);
    FUZZ_CHECK(!is_error || status == RASOAT_E_UNDETERMINED || status2 != RASOAT_OK,
               "explain succeeded (%d) where classify gave an error record (%d)", status2, status);
    FUZZ_CHECK(status2 != RASOAT_OK || (text != NULL && text_len > 0), "explain gave no text");
    return 0;
}
