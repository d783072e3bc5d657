/*
** rules.c: 'rasoat rules list' and 'rasoat rules show ID': what the loaded rule sets say,
** figure by figure, with citations and statuses, for policy staff and auditors.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help_vi[] =
    "Cách dùng: rasoat rules list [TÙY CHỌN...]\n"
    "           rasoat rules show ID [TÙY CHỌN...]\n"
    "\n"
    "list  liệt kê các bộ quy tắc: ID, phiên bản, phạm vi (VN hoặc mã tỉnh), hiệu lực từ/đến,\n"
    "      căn cứ pháp lý (các cột cách nhau bằng TAB)\n"
    "show  mọi tham số, chỉ số, quy định phân loại, cảnh báo và khoảng trống của bộ quy tắc ID,\n"
    "      với giá trị, đơn vị, căn cứ, trạng thái (CONFIRMED / SECONDARY / UNCONFIRMED), vị trí\n"
    "      trong tệp quy tắc, và những gì bộ quy tắc địa phương kế thừa, ghi đè hoặc bỏ\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --lang vi|en      ngôn ngữ\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 thành công; 2 lỗi dùng lệnh, ID không có, hoặc lỗi bộ quy tắc.\n";

static const char help_en[] =
    "Usage: rasoat rules list [OPTIONS...]\n"
    "       rasoat rules show ID [OPTIONS...]\n"
    "\n"
    "list  list the rule sets: id, version, jurisdiction (VN or a province code), in force\n"
    "      from/to, legal basis (tab-separated columns)\n"
    "show  every parameter, indicator, classification provision, warning and gap of rule set\n"
    "      ID, with value, unit, citation, status (CONFIRMED / SECONDARY / UNCONFIRMED), place\n"
    "      in the rule files, and what a local set inherited, overrode or removed\n"
    "\n"
    "Options:\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --lang vi|en      language\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 success; 2 usage error, unknown ID, or rule-set error.\n";

static int usage(rasoat_lang lang)
{
    fprintf(stderr, CLI_TEXT(lang, "Xem: rasoat rules --help\n", "See: rasoat rules --help\n"));
    return EXIT_USAGE;
}

int cmd_rules(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_RULES = 256, OPT_LANG, OPT_HELP };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, OPT_RULES},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    rasoat_options opts;
    rasoat_engine *engine;
    rasoat_error err;
    const char *text, *action;
    size_t len;
    int c, status;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_RULES) {
            opts.rules_dir = optarg;
        } else if (c == OPT_LANG && cli_parse_lang(optarg, &lang)) {
            continue;
        } else if (c == OPT_HELP) {
            printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        } else {
            fprintf(stderr, CLI_TEXT(lang, "rasoat rules: tùy chọn không hợp lệ '%s'\n",
                                     "rasoat rules: invalid option '%s'\n"), argv[optind - 1]);
            return usage(lang);
        }
    }
    action = optind < argc ? argv[optind] : "";
    if (!((strcmp(action, "list") == 0 && argc - optind == 1)
          || (strcmp(action, "show") == 0 && argc - optind == 2)))
        return usage(lang);

    opts.lang = lang;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    status = strcmp(action, "list") == 0
        ? rasoat_rules_list(engine, lang, &text, &len, &err)
        : rasoat_rules_show(engine, argv[optind + 1], lang, &text, &len, &err);
    if (status == RASOAT_OK) {
        fwrite(text, 1, len, stdout);
    } else {
        fprintf(stderr, "rasoat rules: %s\n", err.message);
    }
    rasoat_close(engine);
    if (status != RASOAT_OK)
        return EXIT_USAGE;
    return fflush(stdout) == 0 ? EXIT_ALL_CLASSIFIED : EXIT_IO;
}
