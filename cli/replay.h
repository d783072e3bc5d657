/*
** replay.h: what the two halves of 'rasoat replay' share: replay.c re-runs the logged
** decisions, replay_report.c writes what it found (text or JSON Lines).
*/
#ifndef RASOAT_CLI_REPLAY_H
#define RASOAT_CLI_REPLAY_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* Exit statuses of replay (docs/audit.md). */
enum {
    REPLAY_IDENTICAL = 0,   /* every replayed decision gave the logged result */
    REPLAY_DIFFERENT = 1,   /* some differ (or a line could not be read as a record) */
    REPLAY_USAGE = EXIT_USAGE,
    REPLAY_IO = EXIT_IO,
    REPLAY_UNAVAILABLE = 5  /* none differ, but some rule set could not be found */
};

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
    "  --lang vi|en        language of the report\n"
    "  --help              this help\n"
    "\n"
    "Exit status: 0 all identical; 1 some differ (or a line cannot be read); 2 usage error;\n"
    "3 input/output failure; 5 none differ but some rule set is unavailable.\n";

/* The options of the logged run that shape a result. */
typedef struct run_opts {
    const char *forced;   /* --ruleset of the logged run, or NULL */
    const char *as_of;
    rasoat_lang lang;
    uint64_t budget;
    size_t memory;
} run_opts;

/* An engine opened once per rules directory, forced rule set and options. */
typedef struct slot {
    char *dir, *id, *as_of;
    rasoat_lang lang;
    uint64_t budget;
    size_t memory;
    rasoat_engine *engine; /* NULL: it did not open ('why' says why) */
    char why[1024];
    struct slot *next;
} slot;

typedef struct replay {
    const char *rules_dir;
    const char *archive_dir;
    const char *against;
    rasoat_lang lang;       /* of the report */
    int json;
    slot *slots;
    int warned_rules;       /* the --rules directory failed to load: said once */
    long long identical, different, unavailable, not_evaluated, unreadable, altered;
} replay;

/* Write one record's report ({"line", "status", "parts": [...]} as replay.c builds it). */
void replay_report(const replay *r, const cJSON *rep);

/* Write the closing summary of the counts in 'r'. */
void replay_summary(const replay *r);

#endif
