/*
** cmd_check.c: 'rasoat check [ID|DIR]': static checks of rule sets for rule authors and policy
** staff, without any household. It loads the rule sets as 'classify' would and reports a
** load error (syntax, missing metadata, a figure without citation or status, overlapping
** national dates, an override of a name the parent lacks, ...) at its file and line; when
** everything loads it lints each chosen set, from the data rasoat_rules_json gives and
** what the rule language finds of parameter use (rasoat_rules_unused, stdlib/lint.lua):
**
**   warning  a parameter this set declares that nothing reads: no provision or warning
**            condition of this set or of a set extending it compares it, and no rule file
**            of those sets (nor, for an override, of its parents) names it;
**   warning  a local set that overrides income_line but compares B1 scores with the
**            parent's b1_line, which stands for the old income line;
**   note     a provision written as a Lua function (explain cannot show its tests);
**   note     a parameter whose status is SECONDARY (to verify against the source text);
**   note     an indicator whose threshold is UNCONFIRMED;
**   note     an open question: a gap declared with open_question = true.
**
** Every finding is one line "FILE:LINE: error|warning|note: message" on stdout (the
** severity word is the same in every language so tools can read it; the message follows
** --lang), then a summary line. Exit status: 0 clean or notes only, 1 warnings, 2 load
** error or usage error, 3 output failure.
*/
#define _XOPEN_SOURCE 700 /* realpath */

#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "commands.h"
#include "options.h"
#include "report.h"

enum { CHECK_CLEAN = 0, CHECK_WARNINGS = 1 };

static const char help_vi[] =
    "Cách dùng: rasoat check [ID|THƯ_MỤC] [TÙY CHỌN...]\n"
    "\n"
    "Kiểm tra tĩnh các bộ quy tắc, không cần hộ gia đình nào. Nạp mọi bộ quy tắc như lệnh\n"
    "classify; lỗi nạp (cú pháp, thiếu siêu dữ liệu, tham số thiếu căn cứ hoặc trạng thái, chỉ\n"
    "số thiếu nhãn vi/en, hiệu lực quốc gia chồng nhau, override tên mà bộ cha không có, ...)\n"
    "được báo tại tệp và dòng của nó. Khi nạp được, kiểm tra từng bộ quy tắc:\n"
    "  warning  tham số khai báo mà không đâu dùng tới (không điều kiện nào so sánh, không tệp\n"
    "           quy tắc nào của bộ đó hay bộ kế thừa nó nhắc tên)\n"
    "  warning  bộ quy tắc địa phương ghi đè income_line mà vẫn so điểm B1 với b1_line của bộ\n"
    "           cha (ngưỡng B1 ứng với chuẩn thu nhập cũ)\n"
    "  note     quy định viết bằng hàm Lua (explain không chỉ ra được phép so sánh của nó)\n"
    "  note     tham số có trạng thái SECONDARY (cần đối chiếu văn bản gốc)\n"
    "  note     chỉ số có ngưỡng UNCONFIRMED\n"
    "  note     câu hỏi còn mở: khoảng trống khai báo open_question = true\n"
    "\n"
    "ID         chỉ kiểm tra bộ quy tắc ID (lỗi nạp của cả thư mục vẫn được báo)\n"
    "THƯ_MỤC    kiểm tra các bộ quy tắc trong THƯ_MỤC (mặc định: mọi bộ quy tắc)\n"
    "\n"
    "Mỗi phát hiện một dòng  TỆP:DÒNG: error|warning|note: thông báo  rồi một dòng tổng kết.\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s; với THƯ_MỤC nằm ngoài\n"
    "                    thư mục này thì là chính THƯ_MỤC)\n"
    "  --lang vi|en      ngôn ngữ\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 không có gì hoặc chỉ có ghi chú (note); 1 có cảnh báo (warning); 2 lỗi nạp\n"
    "bộ quy tắc (error), lỗi dùng lệnh hoặc ID không có; 3 lỗi ghi kết quả.\n";

static const char help_en[] =
    "Usage: rasoat check [ID|DIR] [OPTIONS...]\n"
    "\n"
    "Static checks of rule sets, without any household. Loads every rule set as classify\n"
    "does; a load error (syntax, missing metadata, a parameter without citation or status,\n"
    "an indicator without both vi/en labels, overlapping national dates, an override of a\n"
    "name the parent lacks, ...) is reported at its file and line. When all load, each rule\n"
    "set is linted:\n"
    "  warning  a declared parameter nothing uses (no condition compares it, no rule file of\n"
    "           the set or of a set extending it names it)\n"
    "  warning  a local set that overrides income_line but compares B1 scores with its\n"
    "           parent's b1_line (the B1 line of the old income line)\n"
    "  note     a provision written as a Lua function (explain cannot show its tests)\n"
    "  note     a parameter whose status is SECONDARY (to verify against the source text)\n"
    "  note     an indicator whose threshold is UNCONFIRMED\n"
    "  note     an open question: a gap declared with open_question = true\n"
    "\n"
    "ID         check rule set ID only (load errors of the whole directory still count)\n"
    "DIR        check the rule sets under DIR (default: every rule set)\n"
    "\n"
    "One line per finding,  FILE:LINE: error|warning|note: message,  then a summary line.\n"
    "\n"
    "Options:\n"
    "  --rules DIR       directory of rule sets (default: %s; for a DIR outside it,\n"
    "                    DIR itself)\n"
    "  --lang vi|en      language\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 nothing found, or notes only; 1 warnings; 2 a rule set failed to load\n"
    "(error), usage error or unknown ID; 3 output failure.\n";

/* One loaded rule set: engine-owned names, its parsed rasoat.ruleset/1 JSON and the real
** path of its directory. */
typedef struct set_info {
    const char *id, *dir, *parent;
    char *real;
    cJSON *json;
    int selected;
} set_info;

typedef struct counts {
    int errors, warnings, notes;
} counts;

static int usage(rasoat_lang lang)
{
    fprintf(stderr, CLI_TEXT(lang, "Xem: rasoat check --help\n", "See: rasoat check --help\n"));
    return EXIT_USAGE;
}

/* Print one finding "FILE:LINE: SEVERITY: MESSAGE" ("FILE: ..." when the line is unknown)
** and count it. */
static void report(counts *n, const char *file, int line, const char *severity,
                   const char *message)
{
    if (line > 0)
        printf("%s:%d: %s: %s\n", file, line, severity, message);
    else
        printf("%s: %s: %s\n", file, severity, message);
    if (severity[0] == 'e')
        n->errors++;
    else if (severity[0] == 'w')
        n->warnings++;
    else
        n->notes++;
}

/* Report a failure of rasoat_open as an error at its file and line. The engine words the
** message in the language asked and prefixes "file:line: " when it knows the place; that
** prefix is dropped here so the place is printed once. */
static void report_load_error(counts *n, const rasoat_error *err, const char *rules_dir)
{
    const char *msg = err->message;
    size_t flen = strlen(err->file);

    if (flen > 0 && strncmp(msg, err->file, flen) == 0 && msg[flen] == ':') {
        const char *p = msg + flen + 1;

        while (*p >= '0' && *p <= '9')
            p++;
        if (p[0] == ':' && p[1] == ' ')
            msg = p + 2;
    }
    report(n, flen > 0 ? err->file : rules_dir, flen > 0 ? err->line : 0, "error", msg);
}

/* Is 'path' the directory 'dir' or inside it? Both are real paths. */
static int path_within(const char *path, const char *dir)
{
    size_t len = strlen(dir);

    if (len == 1 && dir[0] == '/')
        return 1;
    return strncmp(path, dir, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

static const char *str_of(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

    return cJSON_IsString(item) ? item->valuestring : "";
}

static int line_of(const cJSON *obj)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "line");

    return cJSON_IsNumber(item) ? item->valueint : 0;
}

/* Was 'obj' (a provision, which carries no 'from') written in the files of set 's'? */
static int written_in(const cJSON *obj, const set_info *s)
{
    const char *file = str_of(obj, "file");
    size_t len = strlen(s->dir);

    return strncmp(file, s->dir, len) == 0 && file[len] == '/' && strchr(file + len + 1, '/') == NULL;
}

/* Lint the parameters set 's' declares: those nothing reads (the rule language works them
** out: rasoat_rules_unused), and those whose status is SECONDARY. Returns 0, or -1 (with
** the reason printed) when the engine cannot say. */
static int lint_parameters(rasoat_engine *engine, const set_info *s, rasoat_lang lang, counts *n)
{
    const cJSON *p;
    char msg[2048];
    const char *text;
    size_t len;
    rasoat_error err;
    cJSON *unused;

    if (rasoat_rules_unused(engine, s->id, &text, &len, &err) != RASOAT_OK) {
        fprintf(stderr, "rasoat check: %s\n", err.message);
        return -1;
    }
    if ((unused = cJSON_ParseWithLength(text, len)) == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat check: hết bộ nhớ\n", "rasoat check: out of memory\n"));
        return -1;
    }
    cJSON_ArrayForEach(p, unused) {
        snprintf(msg, sizeof msg,
                 CLI_TEXT(lang, "tham số '%s' không được dùng: không điều kiện nào so sánh với nó và không tệp quy tắc nào của %s hay của bộ quy tắc kế thừa nó nhắc tới tên này",
                          "parameter '%s' is unused: no condition compares it and no rule file of %s or of a rule set extending it names it"),
                 str_of(p, "name"), s->id);
        report(n, str_of(p, "file"), line_of(p), "warning", msg);
    }
    cJSON_Delete(unused);
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s->json, "parameters")) {
        const char *name = str_of(p, "name");

        if (strcmp(str_of(p, "from"), s->id) != 0)
            continue;
        if (strcmp(str_of(p, "status"), "SECONDARY") == 0) {
            char *value = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(p, "value"));

            snprintf(msg, sizeof msg,
                     CLI_TEXT(lang, "tham số '%s' = %s (%s) có trạng thái SECONDARY, chỉ dựa trên nguồn thứ cấp: cần đối chiếu với văn bản gốc (%s)",
                              "parameter '%s' = %s (%s) has status SECONDARY, from a secondary source only: verify it against the original text (%s)"),
                     name, value ? value : "?", str_of(p, "unit"), str_of(p, "citation"));
            free(value);
            report(n, str_of(p, "file"), line_of(p), "note", msg);
        }
    }
    return 0;
}

/* The parameter of a local set that stands for the income line in B1 points: the B1 line
** ties its score to an income line (Circular 07/2021: 140 points for 1,500,000 đồng). */
static const cJSON *param_named(const set_info *s, const char *name)
{
    const cJSON *p;

    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s->json, "parameters")) {
        if (strcmp(str_of(p, "name"), name) == 0)
            return p;
    }
    return NULL;
}

/* Does some provision or warning of set 's' compare parameter 'name' in its condition? */
static int condition_compares(const set_info *s, const char *name)
{
    static const char *const kinds[] = {"provisions", "warnings"};
    size_t k;

    for (k = 0; k < 2; k++) {
        const cJSON *item, *param;

        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s->json, kinds[k]))
            cJSON_ArrayForEach(param, cJSON_GetObjectItemCaseSensitive(item, "params"))
                if (cJSON_IsString(param) && strcmp(param->valuestring, name) == 0)
                    return 1;
    }
    return 0;
}

/*
** Warn when local set 's' overrides income_line but keeps its parent's b1_line while some
** condition of 's' still compares the B1 score with it: households scored on Phiếu B1 are
** then judged against the B1 line of the old income line.
*/
static void lint_b1_line(const set_info *s, rasoat_lang lang, counts *n)
{
    const cJSON *income = param_named(s, "income_line"), *b1 = param_named(s, "b1_line");
    char msg[2048];

    if (s->parent == NULL || income == NULL || b1 == NULL || strcmp(str_of(income, "from"), s->id) != 0
        || strcmp(str_of(b1, "from"), s->id) == 0 || !condition_compares(s, "b1_line"))
        return;
    snprintf(msg, sizeof msg,
             CLI_TEXT(lang, "%s ghi đè income_line nhưng không ghi đè b1_line: ngưỡng điểm B1 vẫn là của %s, tương ứng với chuẩn thu nhập cũ; hộ chấm điểm Phiếu B1 sẽ được xét theo ngưỡng cũ. Hãy ghi đè cả b1_line, hoặc khai báo gap nếu chưa có ngưỡng B1 mới",
                      "%s overrides income_line but not b1_line: the B1 score line is still that of %s, which stands for the old income line, so households scored on Phiếu B1 are judged by the old line. Override b1_line too, or declare a gap while the new B1 line is unknown"),
             s->id, str_of(b1, "from"));
    report(n, str_of(income, "file"), line_of(income), "warning", msg);
}

/* Lint the provisions and indicators set 'i' declares. */
static void lint_provisions_indicators(const set_info *s, rasoat_lang lang, counts *n)
{
    const cJSON *p;
    char msg[2048];

    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s->json, "provisions")) {
        if (!cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p, "condition")) || !written_in(p, s))
            continue;
        snprintf(msg, sizeof msg,
                 CLI_TEXT(lang, "quy định '%s' viết bằng hàm Lua, không phải điều kiện: 'rasoat explain' không thể chỉ ra các phép so sánh và ngưỡng của nó",
                          "provision '%s' is a Lua function, not a condition: 'rasoat explain' cannot show its tests and thresholds"),
                 str_of(p, "name"));
        report(n, str_of(p, "file"), line_of(p), "note", msg);
    }
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s->json, "indicators")) {
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(p, "label");

        if (strcmp(str_of(p, "from"), s->id) != 0
            || strcmp(str_of(p, "threshold_status"), "UNCONFIRMED") != 0)
            continue;
        snprintf(msg, sizeof msg,
                 CLI_TEXT(lang, "chỉ số '%s' (%s): ngưỡng thiếu hụt có trạng thái UNCONFIRMED, chưa được xác minh từ văn bản",
                          "indicator '%s' (%s): its deprivation threshold is UNCONFIRMED, not verified against the text"),
                 str_of(p, "code"), str_of(label, lang == RASOAT_LANG_EN ? "en" : "vi"));
        report(n, str_of(p, "file"), line_of(p), "note", msg);
    }
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(s->json, "gaps")) {
        if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "open_question")) || !written_in(p, s))
            continue;
        snprintf(msg, sizeof msg,
                 CLI_TEXT(lang, "câu hỏi còn mở (khoảng trống '%s'): %s", "open question (gap '%s'): %s"),
                 str_of(p, "name"), str_of(p, lang == RASOAT_LANG_EN ? "en" : "vi"));
        report(n, str_of(p, "file"), line_of(p), "note", msg);
    }
}

/* Transitions that are working definitions (a note), and the report layouts this set
** declares, read as 'rasoat report' reads them (an error names the form, file and line). */
static void lint_transitions_layouts(const set_info *s, rasoat_lang lang, counts *n)
{
    const cJSON *t;
    int own_layouts = 0;
    char msg[2048];
    report_layout layout;

    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(s->json, "transitions")) {
        if (strcmp(str_of(t, "from"), s->id) != 0 || cJSON_GetObjectItemCaseSensitive(t, "working") == NULL)
            continue;
        snprintf(msg, sizeof msg,
                 CLI_TEXT(lang, "chuyển dịch '%s' là định nghĩa tạm thời (%s), chưa có văn bản pháp lý xác nhận",
                          "transition '%s' is a working definition (%s), not confirmed by a legal text"),
                 str_of(t, "code"), str_of(t, "status"));
        report(n, str_of(t, "file"), line_of(t), "note", msg);
    }
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(s->json, "report_forms"))
        own_layouts |= strcmp(str_of(t, "from"), s->id) == 0;
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(s->json, "report_lists"))
        own_layouts |= strcmp(str_of(t, "from"), s->id) == 0;
    if (!own_layouts)
        return;
    if (!report_layout_read(s->json, NULL, lang, &layout, msg, sizeof msg))
        report(n, str_of(s->json, "file"), 0, "error", msg);
    report_layout_free(&layout);
}

/* Print the summary line and turn the counts into the exit status. */
static int finish(const counts *n, int checked, rasoat_lang lang)
{
    if (checked < 0)
        printf(CLI_TEXT(lang, "rasoat check: không nạp được các bộ quy tắc: %d lỗi\n",
                        "rasoat check: the rule sets failed to load: %d error(s)\n"), n->errors);
    else
        printf(CLI_TEXT(lang, "rasoat check: đã kiểm tra %d bộ quy tắc: %d lỗi, %d cảnh báo, %d ghi chú\n",
                        "rasoat check: %d rule set(s) checked: %d error(s), %d warning(s), %d note(s)\n"),
               checked, n->errors, n->warnings, n->notes);
    if (fflush(stdout) != 0)
        return EXIT_IO;
    if (n->errors > 0)
        return EXIT_USAGE;
    return n->warnings > 0 ? CHECK_WARNINGS : CHECK_CLEAN;
}

/* Fill 'sets' from the engine: names, real paths and parsed JSON. Returns 0, or -1 when
** out of memory or the engine's JSON does not parse. */
static int load_sets(rasoat_engine *engine, set_info *sets, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        const char *text;
        size_t len;
        rasoat_error err;

        sets[i].id = rasoat_ruleset_id(engine, i);
        sets[i].dir = rasoat_ruleset_dir(engine, i);
        sets[i].parent = rasoat_ruleset_parent(engine, i);
        sets[i].real = realpath(sets[i].dir, NULL);
        if (sets[i].real == NULL && (sets[i].real = strdup(sets[i].dir)) == NULL)
            return -1;
        if (rasoat_rules_json(engine, sets[i].id, &text, &len, &err) != RASOAT_OK
            || (sets[i].json = cJSON_ParseWithLength(text, len)) == NULL)
            return -1;
    }
    return 0;
}

static void free_sets(set_info *sets, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        free(sets[i].real);
        cJSON_Delete(sets[i].json);
    }
    free(sets);
}

/* Choose the rules directory: --rules when given; else for a DIR argument outside the
** default rules directory, DIR itself; else the default. */
static const char *choose_rules_dir(const char *rules_opt, const char *dir_arg)
{
    const char *def = cli_default_rules();
    char *real_def, *real_arg;
    int inside;

    if (rules_opt != NULL)
        return rules_opt;
    if (dir_arg == NULL)
        return def;
    real_def = realpath(def, NULL);
    real_arg = realpath(dir_arg, NULL);
    inside = real_def != NULL && real_arg != NULL && path_within(real_arg, real_def);
    free(real_def);
    free(real_arg);
    return inside ? def : dir_arg;
}

int cmd_check(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_RULES = 256, OPT_LANG, OPT_HELP };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, OPT_RULES},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    const char *rules_opt = NULL, *target = NULL, *dir_arg = NULL;
    char *real_target = NULL;
    rasoat_options opts;
    rasoat_engine *engine;
    rasoat_error err;
    set_info *sets;
    counts n = {0, 0, 0};
    size_t count, i;
    struct stat st;
    int c, checked = 0, help = 0;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_RULES) {
            rules_opt = optarg;
        } else if (c == OPT_LANG && cli_parse_lang(optarg, &lang)) {
            continue;
        } else if (c == OPT_HELP) {
            help = 1; /* after the loop, so a later --lang still applies */
        } else {
            return cli_bad_usage("rasoat check", c, longopts, argv, optind, lang);
        }
    }
    if (help) {
        printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
        return fflush(stdout) == 0 ? (int)CHECK_CLEAN : (int)EXIT_IO;
    }
    if (argc - optind > 1)
        return usage(lang);
    if (optind < argc) {
        target = argv[optind];
        if (stat(target, &st) == 0 && S_ISDIR(st.st_mode))
            dir_arg = target;
    }

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = choose_rules_dir(rules_opt, dir_arg);
    opts.lang = lang;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK) {
        report_load_error(&n, &err, opts.rules_dir);
        return finish(&n, -1, lang);
    }

    count = rasoat_ruleset_count(engine);
    sets = (set_info *)calloc(count ? count : 1, sizeof *sets);
    if (sets == NULL || load_sets(engine, sets, count) != 0
        || (dir_arg != NULL && (real_target = realpath(dir_arg, NULL)) == NULL)) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat check: hết bộ nhớ\n", "rasoat check: out of memory\n"));
        if (sets != NULL)
            free_sets(sets, count);
        rasoat_close(engine);
        return EXIT_USAGE;
    }
    for (i = 0; i < count; i++)
        sets[i].selected = target == NULL
                           || (dir_arg != NULL ? path_within(sets[i].real, real_target)
                                               : strcmp(sets[i].id, target) == 0);
    free(real_target);
    for (i = 0; i < count; i++) {
        if (!sets[i].selected)
            continue;
        if (lint_parameters(engine, &sets[i], lang, &n) != 0) {
            free_sets(sets, count);
            rasoat_close(engine);
            return EXIT_USAGE;
        }
        lint_provisions_indicators(&sets[i], lang, &n);
        lint_b1_line(&sets[i], lang, &n);
        lint_transitions_layouts(&sets[i], lang, &n);
        checked++;
    }
    free_sets(sets, count);
    rasoat_close(engine);
    if (checked == 0 && target != NULL) {
        fprintf(stderr, dir_arg != NULL
                ? CLI_TEXT(lang, "rasoat check: không có bộ quy tắc nào trong '%s'\n",
                           "rasoat check: no rule set under '%s'\n")
                : CLI_TEXT(lang, "rasoat check: không có bộ quy tắc '%s'\n",
                           "rasoat check: no rule set '%s'\n"), target);
        return EXIT_USAGE;
    }
    return finish(&n, checked, lang);
}
