/*
** cmd_replay.c: 'rasoat replay LOG': re-run every decision of a decision log with the rule set
** whose hash it names, found in --rules or in the log's archive, and say for each whether
** the result is identical, which fields differ (old and new values), or that the rule set
** is not available; with --against ID, a what-if under rule set ID. docs/audit.md. The
** replaying is the library's (rasoat_replay_*); this file reads the command line and has
** replay_report.c word each report.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "commands.h"
#include "options.h"
#include "replay.h"
#include "replay_jobs.h"

static const char help_vi[] =
    "Cách dùng: rasoat replay [TÙY CHỌN...] NHẬT_KÝ\n"
    "\n"
    "Chạy lại từng quyết định trong NHẬT_KÝ (do 'rasoat classify --log' ghi) bằng đúng bộ quy\n"
    "tắc mang mã băm đã ghi, tìm trong --rules rồi trong kho lưu NHẬT_KÝ.rules/, và so kết quả\n"
    "mới với kết quả đã ghi: giống hệt, khác (trường nào, giá trị cũ và mới), hoặc không có bộ\n"
    "quy tắc. Mỗi kết quả địa phương (local) được chạy lại bằng bộ quy tắc của chính nó.\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC     nơi tìm bộ quy tắc trước tiên (mặc định: %s)\n"
    "  --archive THƯ_MỤC   kho lưu bộ quy tắc (mặc định: NHẬT_KÝ.rules)\n"
    "  --against ID        chạy lại mọi quyết định bằng bộ quy tắc ID trong --rules (giả định:\n"
    "                      điều gì sẽ thay đổi)\n"
    "  --format text|json  dạng báo cáo: văn bản (mặc định) hoặc JSON Lines\n"
    "  --jobs N            số luồng chạy lại (mặc định: số lõi của máy); báo cáo giống hệt\n"
    "                      nhau từng byte với mọi N\n"
    "  --lang vi|en        ngôn ngữ báo cáo\n"
    "  --help              hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 tất cả giống hệt; 1 có quyết định khác (hoặc dòng không đọc được); 2 lỗi dùng\n"
    "lệnh; 3 lỗi đọc/ghi; 5 không có quyết định nào khác nhưng thiếu bộ quy tắc cho một số.\n";

static const char help_en[] =
    "Usage: rasoat replay [OPTIONS...] LOG\n"
    "\n"
    "Re-run every decision of LOG (written by 'rasoat classify --log') with the very rule set\n"
    "whose hash it names, looked for in --rules and then in the archive LOG.rules/, and\n"
    "compare the new result with the logged one: identical, different (which fields, old and\n"
    "new values), or rule set unavailable. Each local result is replayed under its own set.\n"
    "\n"
    "Options:\n"
    "  --rules DIR         where to look for rule sets first (default: %s)\n"
    "  --archive DIR       the rule-set archive (default: LOG.rules)\n"
    "  --against ID        replay every decision under rule set ID of --rules instead (a\n"
    "                      what-if: what would change)\n"
    "  --format text|json  report as text (default) or JSON Lines\n"
    "  --jobs N            threads replaying (default: the cores present); the report is\n"
    "                      the same bytes for every N\n"
    "  --lang vi|en        language of the report\n"
    "  --help              this help\n"
    "\n"
    "Exit status: 0 all identical; 1 some differ (or a line cannot be read); 2 usage error;\n"
    "3 input/output failure; 5 none differ but some rule set is unavailable.\n";

static int usage(rasoat_lang lang)
{
    fprintf(stderr, CLI_TEXT(lang, "Xem: rasoat replay --help\n", "See: rasoat replay --help\n"));
    return REPLAY_USAGE;
}

/* Parse the command line into 'r'; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, replay *r, const char **rules_dir,
                      const char **log_path, const char **archive, int *jobs)
{
    enum { OPT_ARCHIVE = 256, OPT_AGAINST, OPT_FORMAT, OPT_HELP };
    static const struct option longopts[] = {
        CLI_LONGOPT_RULES,
        {"archive", required_argument, NULL, OPT_ARCHIVE},
        {"against", required_argument, NULL, OPT_AGAINST},
        {"format", required_argument, NULL, OPT_FORMAT},
        CLI_LONGOPT_JOBS,
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    cli_common common;
    int c;

    cli_common_init(&common, r->lang);
    common.rules_dir = *rules_dir;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (cli_common_option(c, optarg, &common) > 0) {   /* refused: cli_bad_usage below */
            *rules_dir = common.rules_dir;
            r->lang = common.lang;
            *jobs = common.jobs;
        } else if (c == OPT_ARCHIVE) {
            *archive = optarg;
        } else if (c == OPT_AGAINST) {
            r->against = optarg;
        } else if (c == OPT_FORMAT && (strcmp(optarg, "text") == 0 || strcmp(optarg, "json") == 0)) {
            r->json = strcmp(optarg, "json") == 0;
        } else if (c == OPT_HELP) {
            printf(CLI_TEXT(r->lang, help_vi, help_en), cli_default_rules());
            return REPLAY_IDENTICAL;
        } else {
            return cli_bad_usage("rasoat replay", c, longopts, argv, optind, r->lang);
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, CLI_TEXT(r->lang, "rasoat replay: cần đúng một tệp nhật ký\n",
                                 "rasoat replay: takes one log file\n"));
        return usage(r->lang);
    }
    *log_path = argv[optind];
    return -1;
}

int cmd_replay(int argc, char **argv, rasoat_lang lang)
{
    replay r;
    rasoat_replay_options o;
    rasoat_replay *rp = NULL;
    rasoat_replay_counts counts;
    rasoat_error err;
    const char *log_path = NULL, *archive = NULL, *text;
    size_t len;
    int status, got = 0, jobs = cli_cores();   /* parse_args changes it for --jobs */

    memset(&r, 0, sizeof r);
    r.lang = lang;
    memset(&o, 0, sizeof o);
    o.rules_dir = cli_default_rules();
    status = parse_args(argc, argv, &r, &o.rules_dir, &log_path, &archive, &jobs);
    if (status >= 0)
        return status;
    o.log = log_path;
    o.archive_dir = archive;
    o.against = r.against;
    o.lang = r.lang;
    if (rasoat_replay_open(&o, &rp, &err) != RASOAT_OK) {
        fprintf(stderr, "rasoat replay: %s\n", err.message);
        return strcmp(err.kind, "against") == 0 ? REPLAY_USAGE : REPLAY_IO;
    }
    if (jobs > 1 && !replay_parallel(&o, jobs, rp, &r))
        got = -1;
    while (jobs <= 1 && (got = rasoat_replay_next(rp, &text, &len, &err)) == 1) {
        cJSON *rep = cJSON_ParseWithLength(text, len);

        if (err.code == RASOAT_WARNING)
            fprintf(stderr, "rasoat replay: %s\n", err.message);
        replay_report(&r, rep);
        cJSON_Delete(rep);
    }
    if (jobs <= 1) {
        rasoat_replay_counts_get(rp, &counts);
        r.identical = counts.identical;
        r.different = counts.different;
        r.unavailable = counts.unavailable;
        r.not_evaluated = counts.not_evaluated;
        r.unreadable = counts.unreadable;
        r.altered = counts.altered;
    }
    if (got < 0) {
        if (jobs <= 1)
            fprintf(stderr, "rasoat replay: %s\n", err.message);
        status = REPLAY_IO;
    } else {
        replay_summary(&r);
        status = r.different > 0 || r.unreadable > 0 ? REPLAY_DIFFERENT
               : r.unavailable > 0 ? REPLAY_UNAVAILABLE : REPLAY_IDENTICAL;
    }
    rasoat_replay_close(rp);
    if (fflush(stdout) != 0)
        status = REPLAY_IO;
    return status;
}
