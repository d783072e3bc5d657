/*
** main.c: the 'rasoat' command: global options, then one subcommand.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

static const char usage_vi[] =
    "rasoat %s: công cụ quy tắc rà soát hộ nghèo, hộ cận nghèo\n"
    "\n"
    "Cách dùng: rasoat [--lang vi|en] LỆNH [TÙY CHỌN...]\n"
    "\n"
    "Lệnh:\n"
    "  classify   phân loại hộ gia đình theo bộ quy tắc có hiệu lực\n"
    "  explain    giải thích việc phân loại một hộ, theo từng quy định\n"
    "  rules      xem các bộ quy tắc: list (danh sách), show ID (chi tiết), hash ID (mã băm)\n"
    "  verify     kiểm tra chuỗi băm của nhật ký quyết định (classify --log)\n"
    "  replay     chạy lại các quyết định đã ghi và so với kết quả đã ghi\n"
    "  keygen     tạo cặp khóa để ký nhật ký quyết định (classify --sign, verify --key)\n"
    "  log latest quyết định mới nhất của mỗi hộ trong một nhật ký quyết định\n"
    "  check      kiểm tra tĩnh các bộ quy tắc: lỗi nạp, tham số không dùng, điểm cần xác minh\n"
    "  test       chạy các ca kiểm thử, các ca biên tại mọi ngưỡng, và độ phủ theo căn cứ pháp lý\n"
    "  diff       so sánh phân loại các hộ theo hai bộ quy tắc (ma trận chuyển hạng, lý do)\n"
    "  report     lập danh sách và biểu mẫu 7.1–7.11 (xlsx, CSV, JSON) từ kết quả phân loại\n"
    "  serve      chạy dịch vụ trên máy: trang cho cán bộ xã và API HTTP (docs/serve.md)\n"
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

static const char usage_en[] =
    "rasoat %s: rules engine for the review of poor and near-poor households\n"
    "\n"
    "Usage: rasoat [--lang vi|en] COMMAND [OPTIONS...]\n"
    "\n"
    "Commands:\n"
    "  classify   classify households under the rule sets in force\n"
    "  explain    explain how one household is classified, provision by provision\n"
    "  rules      see the rule sets: list, show ID (every figure), hash ID (content hash)\n"
    "  verify     check the hash chain of a decision log (classify --log)\n"
    "  replay     re-run logged decisions and compare with the logged results\n"
    "  keygen     make a key pair to sign decision logs (classify --sign, verify --key)\n"
    "  log latest the latest decision of each household in a decision log\n"
    "  check      static checks of the rule sets: load errors, unused parameters, what to verify\n"
    "  test       run the fixtures, boundary cases at every threshold, coverage by legal citation\n"
    "  diff       compare the classes of households under two rule sets (matrix, reasons)\n"
    "  report     the review's lists and forms 7.1-7.11 (xlsx, CSV, JSON) from classified results\n"
    "  serve      run as a local service: a page for commune staff and an HTTP API (docs/serve.md)\n"
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

/* Is this process the 'rasoat' built in the build tree (not an installed copy)? */
static int running_from_build_tree(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n <= 0)
        return 0;
    exe[n] = '\0';
    return strcmp(exe, RASOAT_BUILD_EXE) == 0;
}

const char *cli_default_rules(void)
{
    const char *env = getenv("RASOAT_RULES");
    struct stat st;

    if (env != NULL && env[0] != '\0')
        return env;
    if (!running_from_build_tree() && stat(RASOAT_INSTALLED_RULES, &st) == 0 && S_ISDIR(st.st_mode))
        return RASOAT_INSTALLED_RULES;
    return RASOAT_SOURCE_RULES;
}

const char *cli_docs_dir(void)
{
    return running_from_build_tree() ? RASOAT_SOURCE_DOCS : RASOAT_INSTALLED_DOCS;
}

void cli_report_open_error(const rasoat_error *err)
{
    fprintf(stderr, "rasoat: %s\n", err->message);
}

rasoat_engine *cli_open(const char *rules_dir, const char *forced, rasoat_lang lang)
{
    rasoat_options opts;
    rasoat_engine *engine = NULL;
    rasoat_error err;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = rules_dir;
    opts.force_ruleset = forced;
    opts.lang = lang;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK)
        cli_report_open_error(&err);
    return engine;
}

int main(int argc, char **argv)
{
    rasoat_lang lang = cli_default_lang();
    int i = 1;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc && cli_parse_lang(argv[i + 1], &lang)) {
            i++;
        } else if (strncmp(argv[i], "--lang=", 7) == 0 && cli_parse_lang(argv[i] + 7, &lang)) {
            continue;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf(CLI_TEXT(lang, usage_vi, usage_en), rasoat_version(), cli_docs_dir());
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
            fprintf(stderr, CLI_TEXT(lang, usage_vi, usage_en), rasoat_version(), cli_docs_dir());
            return EXIT_USAGE;
        }
    }
    if (i == argc) {
        fprintf(stderr, CLI_TEXT(lang, usage_vi, usage_en), rasoat_version(), cli_docs_dir());
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "classify") == 0)
        return cmd_classify(argc - i, argv + i, lang);
    if (strcmp(argv[i], "explain") == 0)
        return cmd_explain(argc - i, argv + i, lang);
    if (strcmp(argv[i], "rules") == 0)
        return cmd_rules(argc - i, argv + i, lang);
    if (strcmp(argv[i], "verify") == 0)
        return cmd_verify(argc - i, argv + i, lang);
    if (strcmp(argv[i], "replay") == 0)
        return cmd_replay(argc - i, argv + i, lang);
    if (strcmp(argv[i], "check") == 0)
        return cmd_check(argc - i, argv + i, lang);
    if (strcmp(argv[i], "test") == 0)
        return cmd_test(argc - i, argv + i, lang);
    if (strcmp(argv[i], "diff") == 0)
        return cmd_diff(argc - i, argv + i, lang);
    if (strcmp(argv[i], "keygen") == 0)
        return cmd_keygen(argc - i, argv + i, lang);
    if (strcmp(argv[i], "log") == 0)
        return cmd_log(argc - i, argv + i, lang);
    if (strcmp(argv[i], "report") == 0)
        return cmd_report(argc - i, argv + i, lang);
    if (strcmp(argv[i], "serve") == 0)
        return cmd_serve(argc - i, argv + i, lang);
    fprintf(stderr, CLI_TEXT(lang, "rasoat: không có lệnh '%s'\n", "rasoat: no command '%s'\n"),
            argv[i]);
    return EXIT_USAGE;
}
