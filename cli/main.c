/*
** main.c: the 'rasoat' command: global options, then one subcommand, found in the table of
** commands below (each implemented in cli/cmd_<name>.c, declared in commands.h).
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "options.h"

/* One subcommand: its name on the command line, its function, how the help lists it (the
** name and what follows it, e.g. "log latest"), and its line of help in both languages. */
typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv, rasoat_lang lang);
    const char *listed;
    const char *help_vi;
    const char *help_en;
} command;

static const command commands[] = {
    {"classify", cmd_classify, "classify", "phân loại hộ gia đình theo bộ quy tắc có hiệu lực",
     "classify households under the rule sets in force"},
    {"explain", cmd_explain, "explain", "giải thích việc phân loại một hộ, theo từng quy định",
     "explain how one household is classified, provision by provision"},
    {"rules", cmd_rules, "rules", "xem các bộ quy tắc: list (danh sách), show ID (chi tiết), hash ID (mã băm)",
     "see the rule sets: list, show ID (every figure), hash ID (content hash)"},
    {"verify", cmd_verify, "verify", "kiểm tra chuỗi băm của nhật ký quyết định (classify --log)",
     "check the hash chain of a decision log (classify --log)"},
    {"replay", cmd_replay, "replay", "chạy lại các quyết định đã ghi và so với kết quả đã ghi",
     "re-run logged decisions and compare with the logged results"},
    {"keygen", cmd_keygen, "keygen", "tạo cặp khóa để ký nhật ký quyết định (classify --sign, verify --key)",
     "make a key pair to sign decision logs (classify --sign, verify --key)"},
    {"log", cmd_log, "log latest", "quyết định mới nhất của mỗi hộ trong một nhật ký quyết định",
     "the latest decision of each household in a decision log"},
    {"check", cmd_check, "check", "kiểm tra tĩnh các bộ quy tắc: lỗi nạp, tham số không dùng, điểm cần xác minh",
     "static checks of the rule sets: load errors, unused parameters, what to verify"},
    {"test", cmd_test, "test", "chạy các ca kiểm thử, các ca biên tại mọi ngưỡng, và độ phủ theo căn cứ pháp lý",
     "run the fixtures, boundary cases at every threshold, coverage by legal citation"},
    {"diff", cmd_diff, "diff", "so sánh phân loại các hộ theo hai bộ quy tắc (ma trận chuyển hạng, lý do)",
     "compare the classes of households under two rule sets (matrix, reasons)"},
    {"report", cmd_report, "report", "lập danh sách và biểu mẫu 7.1–7.11 (xlsx, CSV, JSON) từ kết quả phân loại",
     "the review's lists and forms 7.1-7.11 (xlsx, CSV, JSON) from classified results"},
    {"serve", cmd_serve, "serve", "chạy dịch vụ trên máy: trang cho cán bộ xã và API HTTP (docs/serve.md)",
     "run as a local service: a page for commune staff and an HTTP API (docs/serve.md)"},
};

static const char usage_head_vi[] =
    "rasoat %s: công cụ quy tắc rà soát hộ nghèo, hộ cận nghèo\n"
    "\n"
    "Cách dùng: rasoat [--lang vi|en] LỆNH [TÙY CHỌN...]\n"
    "\n"
    "Lệnh:\n";

static const char usage_tail_vi[] =
    "\n"
    "Tùy chọn chung:\n"
    "  --lang vi|en   ngôn ngữ thông báo (mặc định: vi, hoặc biến RASOAT_LANG)\n"
    "  --help         hướng dẫn này; 'rasoat LỆNH --help' cho từng lệnh\n"
    "  --version      phiên bản\n"
    "\n"
    "Mã thoát (classify): 0 tất cả được phân loại; 1 có bản ghi lỗi; 2 lỗi dùng lệnh hoặc lỗi bộ\n"
    "quy tắc; 3 lỗi đọc/ghi tệp. Mỗi lệnh nói mã thoát của nó trong 'rasoat LỆNH --help'.\n"
    "Tài liệu (trong %s): cli.md, formats.md, rule-authoring.md, local-standards.md,\n"
    "explain.md, audit.md, rule-changes.md, embedding.md, reports.md, serve.md, http.md; trang man: man rasoat, man rasoat-classify, ...\n";

static const char usage_head_en[] =
    "rasoat %s: rules engine for the review of poor and near-poor households\n"
    "\n"
    "Usage: rasoat [--lang vi|en] COMMAND [OPTIONS...]\n"
    "\n"
    "Commands:\n";

static const char usage_tail_en[] =
    "\n"
    "Global options:\n"
    "  --lang vi|en   language of messages (default: vi, or the RASOAT_LANG variable)\n"
    "  --help         this help; 'rasoat COMMAND --help' for one command\n"
    "  --version      the version\n"
    "\n"
    "Exit status (classify): 0 all classified; 1 some records are errors; 2 usage or rule-set\n"
    "error; 3 input/output failure. Each command gives its own in 'rasoat COMMAND --help'.\n"
    "Documentation (in %s): cli.md, formats.md, rule-authoring.md, local-standards.md,\n"
    "explain.md, audit.md, rule-changes.md, embedding.md, reports.md, serve.md, http.md; manual pages: man rasoat, man rasoat-classify, ...\n";

/* The command's help, listing the table's commands, on 'out'. */
static void usage(FILE *out, rasoat_lang lang)
{
    size_t i;

    fprintf(out, CLI_TEXT(lang, usage_head_vi, usage_head_en), rasoat_version());
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].listed,
                CLI_TEXT(lang, commands[i].help_vi, commands[i].help_en));
    fprintf(out, CLI_TEXT(lang, usage_tail_vi, usage_tail_en), cli_docs_dir());
}

int main(int argc, char **argv)
{
    rasoat_lang lang = cli_default_lang();
    int i = 1;
    size_t k;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc && cli_parse_lang(argv[i + 1], &lang)) {
            i++;
        } else if (strncmp(argv[i], "--lang=", 7) == 0 && cli_parse_lang(argv[i] + 7, &lang)) {
            continue;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout, lang);
            return EXIT_ALL_CLASSIFIED;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("rasoat %s\n", rasoat_version());
            return EXIT_ALL_CLASSIFIED;
        } else if (strcmp(argv[i], "--lang") == 0 || strncmp(argv[i], "--lang=", 7) == 0) {
            const char *value = argv[i][6] == '=' ? argv[i] + 7 : i + 1 < argc ? argv[i + 1] : "";

            return cli_bad_value("rasoat", "lang", value, "vi hoặc en", "vi or en", lang);
        } else {
            fprintf(stderr, CLI_TEXT(lang, "rasoat: tùy chọn không hợp lệ '%s'\n",
                                     "rasoat: invalid option '%s'\n"), argv[i]);
            usage(stderr, lang);
            return EXIT_USAGE;
        }
    }
    if (i == argc) {
        usage(stderr, lang);
        return EXIT_USAGE;
    }
    for (k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[i], commands[k].name) == 0)
            return commands[k].run(argc - i, argv + i, lang);
    fprintf(stderr, CLI_TEXT(lang, "rasoat: không có lệnh '%s'\n", "rasoat: no command '%s'\n"),
            argv[i]);
    return EXIT_USAGE;
}
