/*
** cmd_log.c: 'rasoat log latest LOG': the latest decision of each household in a decision
** log, as result records (JSON Lines, in log order), the list that counts when households
** were classified more than once (a correction, a second visit). Its output is what
** 'rasoat report' and 'rasoat diff' read.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "commands.h"
#include "io_error.h"
#include "options.h"
#include "outfile.h"

static const char help_vi[] =
    "Cách dùng: rasoat log latest [--output TỆP] NHẬT_KÝ\n"
    "\n"
    "In quyết định mới nhất của mỗi hộ trong nhật ký quyết định NHẬT_KÝ (kết quả, mỗi dòng\n"
    "một bản ghi JSON, theo thứ tự trong nhật ký): danh sách có hiệu lực khi một hộ được phân\n"
    "loại nhiều lần (sửa thông tin, rà soát lại). Dòng không đọc được và điểm kiểm tra được\n"
    "bỏ qua; kiểm tra nhật ký bằng rasoat verify.\n"
    "\n"
    "Mã thoát: 0 xong; 2 lỗi dùng lệnh; 3 lỗi đọc/ghi.\n";

static const char help_en[] =
    "Usage: rasoat log latest [--output FILE] LOG\n"
    "\n"
    "Print the latest decision of each household in decision log LOG (its result, one JSON\n"
    "record a line, in log order): the list that counts when a household was classified more\n"
    "than once (a correction, a second visit). Unreadable lines and checkpoints are passed\n"
    "over; check the log with rasoat verify.\n"
    "\n"
    "Exit status: 0 done; 2 usage error; 3 input/output failure.\n";

/* Write the result of logged decision 'd' (one JSON line) to 'out'. Returns 0 when memory
** runs out. */
static int write_result(const rasoat_logged *d, FILE *out)
{
    cJSON *line = cJSON_ParseWithLength(d->text, d->len);
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(line, "result"));

    cJSON_Delete(line);
    if (text == NULL)
        return 0;
    fputs(text, out);
    putc('\n', out);
    cJSON_free(text);
    return 1;
}

int cmd_log(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_HELP = 256 };
    static const struct option longopts[] = {
        CLI_LONGOPT_OUTPUT,
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    const char *output, *path;
    cli_common common;
    rasoat_log_scan *scan = NULL;
    rasoat_logged d;
    rasoat_error err;
    long long without_id = 0;
    outfile out;
    int c, ok, got = 0;
    char cause[256];

    cli_common_init(&common, lang);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int taken = cli_common_option(c, optarg, &common);

        if (taken < 0)
            return cli_common_refused("rasoat log", c, optarg, lang);
        lang = common.lang;
        if (taken > 0) {
            continue;
        } else if (c == OPT_HELP) {
            fputs(CLI_TEXT(lang, help_vi, help_en), stdout);
            return 0;
        } else {
            return cli_bad_option("rasoat log", argv, optind, lang);
        }
    }
    output = common.output;
    if (argc - optind != 2 || strcmp(argv[optind], "latest") != 0) {
        fputs(CLI_TEXT(lang, help_vi, help_en), stderr);
        return EXIT_USAGE;
    }
    path = argv[optind + 1];
    ok = rasoat_log_scan_open(path, 1, lang, &scan, &err);
    if (ok != RASOAT_OK && strcmp(err.kind, "open") == 0) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat log: không mở được %s: %s\n", "rasoat log: cannot open %s: %s\n"),
                path, cli_strerror(errno, lang, cause, sizeof cause));
        return EXIT_IO;
    }
    ok = ok == RASOAT_OK;
    if (ok && outfile_open(&out, output, "rasoat log", lang)) {
        while (ok && (got = rasoat_log_scan_next(scan, &d, &err)) == 1) {
            if (d.id == NULL)
                without_id++;
            else if (d.latest)
                ok = write_result(&d, out.f);
        }
        ok = ok && got == 0;
        if (ok)
            ok = outfile_commit(&out, "rasoat log", lang);
        else
            outfile_discard(&out);
    } else if (ok) {
        ok = 0;
    }
    rasoat_log_scan_close(scan);
    if (!ok) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat log: không đọc được %s\n", "rasoat log: cannot read %s\n"), path);
        return EXIT_IO;
    }
    if (without_id > 0)
        fprintf(stderr, CLI_TEXT(lang, "rasoat log: %lld quyết định không có mã hộ (bản ghi không đọc được) không thuộc hộ nào\n",
                                 "rasoat log: %lld decisions with no household id (unreadable records) belong to no household\n"),
                without_id);
    return 0;
}
