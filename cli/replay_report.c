/*
** replay_report.c: the words of 'rasoat replay': each record's outcome (identical,
** different with old and new values, rule set unavailable) in Vietnamese or English, or
** as JSON Lines, and the closing summary.
*/
#include <stdio.h>
#include <string.h>

#include "replay.h"

/* {====================================================================
** Reporting
** ===================================================================== */

static const char *status_text(const char *st, rasoat_lang lang)
{
    if (strcmp(st, "identical") == 0)
        return CLI_TEXT(lang, "giống hệt", "identical");
    if (strcmp(st, "different") == 0)
        return CLI_TEXT(lang, "KHÁC", "DIFFERENT");
    if (strcmp(st, "ruleset_unavailable") == 0)
        return CLI_TEXT(lang, "KHÔNG CÓ BỘ QUY TẮC", "RULE SET UNAVAILABLE");
    if (strcmp(st, "not_evaluated") == 0)
        return CLI_TEXT(lang, "không chạy lại (đầu vào chưa thành bản ghi hộ, không qua quy tắc)",
                        "not replayed (the input never became a household record; no rules ran)");
    return CLI_TEXT(lang, "DÒNG KHÔNG ĐỌC ĐƯỢC (chạy rasoat verify)", "UNREADABLE LINE (run rasoat verify)");
}

static const char *source_text(const char *source, rasoat_lang lang)
{
    if (source == NULL)
        return "";
    if (strcmp(source, "archive") == 0)
        return CLI_TEXT(lang, "kho lưu", "archive");
    if (strcmp(source, "against") == 0)
        return "--against";
    return "--rules";
}

/* "id @sha12 (source)" of a part, into 'buf'. */
static void part_label(const cJSON *part, rasoat_lang lang, char *buf, size_t size)
{
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(part, "ruleset");
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rs, "id"));
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rs, "sha256"));
    const char *source = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(part, "source"));

    snprintf(buf, size, "%s%s%.12s%s%s%s", id != NULL ? id : CLI_TEXT(lang, "(bản ghi lỗi)", "(error record)"),
             sha != NULL ? " @" : "", sha != NULL ? sha : "",
             source != NULL ? " (" : "", source_text(source, lang), source != NULL ? ")" : "");
}

/* A JSON value for people: printed unformatted, or "(absent)". */
static void print_value(const cJSON *v, rasoat_lang lang)
{
    char *text = v != NULL ? cJSON_PrintUnformatted(v) : NULL;

    fputs(text != NULL ? text : CLI_TEXT(lang, "(không có)", "(absent)"), stdout);
    cJSON_free(text);
}

/* " [changed in --rules: now @sha12]" when the part notes a current hash. */
static void print_current(const cJSON *part, rasoat_lang lang)
{
    const char *now = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(part, "current_sha256"));

    if (now != NULL)
        printf(CLI_TEXT(lang, " [đã sửa trong --rules: nay @%.12s]", " [changed in --rules: now @%.12s]"), now);
}

static void report_text(const cJSON *report, rasoat_lang lang)
{
    const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(report, "status"));
    const char *hid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(report, "id"));
    const char *decision = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(report, "decision"));
    const char *engine = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(report, "engine_logged"));
    const cJSON *parts = cJSON_GetObjectItemCaseSensitive(report, "parts"), *part, *d;
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(report, "seq");
    long log_line = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "log_line"));
    char label[512];

    if (decision == NULL) {
        printf(CLI_TEXT(lang, "dòng %ld: %s\n", "line %ld: %s\n"), log_line, status_text(st, lang));
        return;
    }
    printf(CLI_TEXT(lang, "dòng %ld (#%lld, hộ %s, quyết định %s): %s", "line %ld (#%lld, household %s, decision %s): %s"),
           log_line, (long long)cJSON_GetNumberValue(seq), hid != NULL ? hid : "?", decision,
           status_text(st, lang));
    if (strcmp(st, "identical") == 0) {
        const char *sep = " — ";

        cJSON_ArrayForEach(part, parts) {
            part_label(part, lang, label, sizeof label);
            printf("%s%s", sep, label);
            print_current(part, lang);
            sep = ", ";
        }
        putchar('\n');
    } else {
        putchar('\n');
        cJSON_ArrayForEach(part, parts) {
            const char *pst = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(part, "status"));
            const char *reason = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(part, "reason"));

            part_label(part, lang, label, sizeof label);
            printf("  %s", label);
            print_current(part, lang);
            printf(": %s%s%s\n", status_text(pst, lang), reason != NULL ? " — " : "",
                   reason != NULL ? reason : "");
            cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(part, "diffs")) {
                printf("    %s: ", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "field")));
                print_value(cJSON_GetObjectItemCaseSensitive(d, "old"), lang);
                fputs(" → ", stdout);
                print_value(cJSON_GetObjectItemCaseSensitive(d, "new"), lang);
                putchar('\n');
            }
        }
    }
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "altered")))
        printf(CLI_TEXT(lang, "  (dòng này không khớp mã băm của nó: chạy rasoat verify)\n",
                        "  (this line does not match its hash: run rasoat verify)\n"));
    if (engine != NULL)
        printf(CLI_TEXT(lang, "  (ghi bởi rasoat %s, chạy lại bằng rasoat %s)\n",
                        "  (logged by rasoat %s, replayed by rasoat %s)\n"), engine, rasoat_version());
}

void replay_report(const replay *r, const cJSON *rep)
{
    if (r->json) {
        char *text = cJSON_PrintUnformatted(rep);

        if (text != NULL)
            puts(text);
        cJSON_free(text);
    } else {
        report_text(rep, r->lang);
    }
}

void replay_summary(const replay *r)
{
    long long total = r->identical + r->different + r->unavailable + r->not_evaluated + r->unreadable;

    if (r->json) {
        printf("{\"summary\":{\"records\":%lld,\"identical\":%lld,\"different\":%lld,"
               "\"ruleset_unavailable\":%lld,\"not_evaluated\":%lld,\"unreadable\":%lld,"
               "\"altered\":%lld", total, r->identical, r->different, r->unavailable,
               r->not_evaluated, r->unreadable, r->altered);
        if (r->against != NULL) {
            cJSON *item = cJSON_CreateString(r->against);
            char *id = cJSON_PrintUnformatted(item);

            printf(",\"against\":%s", id != NULL ? id : "null");
            cJSON_free(id);
            cJSON_Delete(item);
        }
        puts("}}");
        return;
    }
    printf(CLI_TEXT(r->lang,
           "Tổng: %lld bản ghi — %lld giống hệt, %lld khác, %lld không có bộ quy tắc, "
           "%lld không chạy lại, %lld dòng không đọc được",
           "Total: %lld records — %lld identical, %lld different, %lld rule set unavailable, "
           "%lld not replayed, %lld unreadable lines"),
           total, r->identical, r->different, r->unavailable, r->not_evaluated, r->unreadable);
    if (r->altered > 0)
        printf(CLI_TEXT(r->lang, "; %lld dòng không khớp mã băm", "; %lld lines do not match their hash"),
               r->altered);
    if (r->against != NULL)
        printf(CLI_TEXT(r->lang, " (so với bộ quy tắc %s)", " (against rule set %s)"), r->against);
    puts(".");
}

/* }==================================================================== */

