/*
** cmd_rules.c: 'rasoat rules list', 'rasoat rules show ID' and 'rasoat rules hash ID': what
** the loaded rule sets say, figure by figure, with citations and statuses, and the content
** hash a decision names, for policy staff and auditors.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "commands.h"
#include "options.h"
#include "rules_json.h"

static const char help_vi[] =
    "Cách dùng: rasoat rules list [TÙY CHỌN...]\n"
    "           rasoat rules show ID [TÙY CHỌN...]\n"
    "           rasoat rules hash ID [TÙY CHỌN...]\n"
    "\n"
    "list  liệt kê các bộ quy tắc: ID, phiên bản, phạm vi (VN hoặc mã tỉnh), hiệu lực từ/đến,\n"
    "      căn cứ pháp lý (các cột cách nhau bằng TAB)\n"
    "show  mọi tham số, chỉ số, quy định phân loại, cảnh báo và nội dung chưa xác minh của bộ\n"
    "      quy tắc ID, với giá trị, đơn vị, căn cứ, trạng thái (CONFIRMED / SECONDARY /\n"
    "      UNCONFIRMED), vị trí trong tệp quy tắc, và những gì bộ quy tắc địa phương kế thừa,\n"
    "      ghi đè hoặc bỏ\n"
    "hash  mã băm SHA-256 của nội dung mà mọi quyết định theo bộ quy tắc ID phụ thuộc vào (các\n"
    "      tệp của nó, của bộ quy tắc cha, và stdlib); giống nhau trên mọi máy, không phụ thuộc\n"
    "      đường dẫn, thứ tự tệp hay kiểu xuống dòng; chính là 'sha256' trong mỗi kết quả\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --format text|json  show: văn bản (mặc định) hoặc JSON theo lược đồ rasoat.ruleset/1;\n"
    "                    list: JSON theo lược đồ rasoat.rulesets/1; hash: chỉ văn bản\n"
    "  --lang vi|en      ngôn ngữ\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 thành công; 2 lỗi dùng lệnh, ID không có, hoặc lỗi bộ quy tắc.\n";

static const char help_en[] =
    "Usage: rasoat rules list [OPTIONS...]\n"
    "       rasoat rules show ID [OPTIONS...]\n"
    "       rasoat rules hash ID [OPTIONS...]\n"
    "\n"
    "list  list the rule sets: id, version, jurisdiction (VN or a province code), in force\n"
    "      from/to, legal basis (tab-separated columns)\n"
    "show  every parameter, indicator, classification provision, warning and gap of rule set\n"
    "      ID, with value, unit, citation, status (CONFIRMED / SECONDARY / UNCONFIRMED), place\n"
    "      in the rule files, and what a local set inherited, overrode or removed\n"
    "hash  the SHA-256 of the content every decision under rule set ID depends on (its files,\n"
    "      its parents' and the stdlib); the same on every machine, whatever the paths, file\n"
    "      order or line endings; it is the 'sha256' of every result record\n"
    "\n"
    "Options:\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --format text|json  show: text (default) or JSON, schema rasoat.ruleset/1;\n"
    "                    list: JSON, schema rasoat.rulesets/1; hash: text only\n"
    "  --lang vi|en      language\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 success; 2 usage error, unknown ID, or rule-set error.\n";

static int usage(rasoat_lang lang)
{
    fprintf(stderr, CLI_TEXT(lang, "Xem: rasoat rules --help\n", "See: rasoat rules --help\n"));
    return EXIT_USAGE;
}

/* The hash of rule set 'id' and a newline, in a static buffer. */
static int ruleset_hash(rasoat_engine *engine, const char *id, rasoat_lang lang,
                        const char **text, size_t *len, rasoat_error *err)
{
    static char line[80];
    size_t i;

    for (i = 0; i < rasoat_ruleset_count(engine); i++) {
        if (strcmp(rasoat_ruleset_id(engine, i), id) == 0) {
            *len = (size_t)snprintf(line, sizeof line, "%s\n", rasoat_ruleset_sha256(engine, i));
            *text = line;
            return RASOAT_OK;
        }
    }
    /* Same wording as 'show' for an unknown id. */
    return rasoat_rules_show(engine, id, lang, text, len, err);
}

/*
** Every loaded rule set as one JSON object (schema "rasoat.rulesets/1"): for each, in the
** order of 'list', the metadata of its rasoat.ruleset/1 object (id, version, jurisdiction,
** title, from, to, legal_basis, sha256, dir) and the set it extends. Printed into a static
** buffer owned here until the next call; returns RASOAT_OK or the error of the set that
** failed.
*/
int rules_list_json(rasoat_engine *engine, const char **text, size_t *len, rasoat_error *err)
{
    static const char *const keys[] = {"id", "version", "jurisdiction", "title", "from", "to",
                                       "legal_basis", "sha256", "dir", NULL};
    static char *printed;
    cJSON *root = cJSON_CreateObject(), *sets = NULL;
    size_t i;

    if (root != NULL) {
        cJSON_AddStringToObject(root, "schema", "rasoat.rulesets/1");
        sets = cJSON_AddArrayToObject(root, "rulesets");
    }
    for (i = 0; sets != NULL && i < rasoat_ruleset_count(engine); i++) {
        const char *one, *parent = rasoat_ruleset_parent(engine, i);
        const char *const *k;
        size_t one_len;
        cJSON *full, *entry;
        int status = rasoat_rules_json(engine, rasoat_ruleset_id(engine, i), &one, &one_len, err);

        if (status != RASOAT_OK) {
            cJSON_Delete(root);
            return status;
        }
        full = cJSON_ParseWithLength(one, one_len);
        entry = cJSON_CreateObject();
        for (k = keys; full != NULL && entry != NULL && *k; k++) {
            cJSON *item = cJSON_DetachItemFromObjectCaseSensitive(full, *k);

            if (item != NULL)
                cJSON_AddItemToObject(entry, *k, item);
        }
        if (parent != NULL)
            cJSON_AddStringToObject(entry, "extends", parent);
        else
            cJSON_AddNullToObject(entry, "extends");
        cJSON_AddItemToArray(sets, entry);
        cJSON_Delete(full);
    }
    free(printed);
    printed = root ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (printed == NULL)
        return RASOAT_E_SYSTEM;
    *text = printed;
    *len = strlen(printed);
    return RASOAT_OK;
}

int cmd_rules(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_FORMAT = 256, OPT_HELP };
    static const struct option longopts[] = {
        CLI_LONGOPT_RULES,
        {"format", required_argument, NULL, OPT_FORMAT},
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    rasoat_options opts;
    cli_common common;
    rasoat_engine *engine;
    rasoat_error err;
    const char *text, *action;
    size_t len;
    int c, status, json = 0;

    memset(&opts, 0, sizeof opts);
    cli_common_init(&common, lang);
    common.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int taken = cli_common_option(c, optarg, &common);

        if (taken < 0)
            return cli_common_refused("rasoat rules", c, optarg, lang);
        lang = common.lang;
        if (taken > 0)
            continue;
        if (c == OPT_FORMAT) {
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
                return cli_bad_value("rasoat rules", "format", optarg, "text hoặc json", "text or json", lang);
            json = strcmp(optarg, "json") == 0;
        } else if (c == OPT_HELP) {
            printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        } else {
            return cli_bad_option("rasoat rules", argv, optind, lang);
        }
    }
    opts.rules_dir = common.rules_dir;
    action = optind < argc ? argv[optind] : "";
    if (!((strcmp(action, "list") == 0 && argc - optind == 1)
          || ((strcmp(action, "show") == 0 || strcmp(action, "hash") == 0) && argc - optind == 2)))
        return usage(lang);
    if (json && strcmp(action, "hash") == 0) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat rules: 'hash' chỉ in mã băm dạng văn bản; bỏ --format json\n",
                                 "rasoat rules: 'hash' prints the hash as text only; drop --format json\n"));
        return EXIT_USAGE;
    }

    opts.lang = lang;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    if (strcmp(action, "hash") == 0)
        status = ruleset_hash(engine, argv[optind + 1], lang, &text, &len, &err);
    else if (strcmp(action, "list") == 0)
        status = json ? rules_list_json(engine, &text, &len, &err) : rasoat_rules_list(engine, lang, &text, &len, &err);
    else if (json)
        status = rasoat_rules_json(engine, argv[optind + 1], &text, &len, &err);
    else
        status = rasoat_rules_show(engine, argv[optind + 1], lang, &text, &len, &err);
    if (status == RASOAT_OK) {
        fwrite(text, 1, len, stdout);
        if (json)
            putchar('\n');
    } else {
        fprintf(stderr, "rasoat rules: %s\n", err.message);
    }
    rasoat_close(engine);
    if (status != RASOAT_OK)
        return EXIT_USAGE;
    return fflush(stdout) == 0 ? EXIT_ALL_CLASSIFIED : EXIT_IO;
}
