/*
** cmd_verify.c: 'rasoat verify LOG': check a decision log's hash chain (docs/audit.md) and name
** the first line that was altered, removed or inserted, or a torn last line left by a
** crash (which --repair cuts off). The checking is the library's (rasoat_log_verify); this
** file words the verdict for people and does the repair.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "commands.h"
#include "io_error.h"
#include "options.h"

/* Exit statuses of verify (docs/audit.md). */
enum {
    VERIFY_INTACT = 0,
    VERIFY_TAMPERED = 1,
    VERIFY_USAGE = EXIT_USAGE,
    VERIFY_IO = EXIT_IO,
    VERIFY_TORN = 4
};

static const char help_vi[] =
    "Cách dùng: rasoat verify [TÙY CHỌN...] NHẬT_KÝ\n"
    "\n"
    "Kiểm tra chuỗi băm của nhật ký quyết định NHẬT_KÝ (do 'rasoat classify --log' ghi): tính\n"
    "lại mã băm từng dòng, so 'prev' với mã băm dòng trước và 'seq' tăng từng một. Báo dòng\n"
    "đầu tiên bị sửa, bị xóa hoặc bị chèn, hoặc dòng cuối bị ghi dở (máy dừng khi đang ghi).\n"
    "\n"
    "Tùy chọn:\n"
    "  --format text|json  dạng báo cáo (mặc định: text)\n"
    "  --repair            nếu chỉ có dòng cuối bị cắt cụt: cắt bỏ dòng đó để ghi tiếp được\n"
    "  --key TÊN.pub       kiểm chữ ký của mọi điểm kiểm tra bằng khóa công khai này; mọi bản\n"
    "                      ghi phải được một điểm kiểm tra hợp lệ bảo đảm\n"
    "  --lang vi|en        ngôn ngữ\n"
    "  --help              hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 nguyên vẹn (hoặc đã cắt dòng ghi dở với --repair); 1 bị thay đổi (sửa, xóa,\n"
    "chèn); 2 lỗi dùng lệnh; 3 lỗi đọc/ghi; 4 nguyên vẹn trừ dòng cuối bị ghi dở.\n";

static const char help_en[] =
    "Usage: rasoat verify [OPTIONS...] LOG\n"
    "\n"
    "Check the hash chain of decision log LOG (written by 'rasoat classify --log'): recompute\n"
    "each line's hash, check that 'prev' is the previous line's hash and that 'seq' goes up\n"
    "by one. Names the first line altered, removed or inserted, or a torn last line (the\n"
    "machine stopped while writing it).\n"
    "\n"
    "Options:\n"
    "  --format text|json  report format (default: text)\n"
    "  --repair            when only the last line is cut off: cut it so the log can go on\n"
    "  --key NAME.pub      check every checkpoint's signature with this public key; every\n"
    "                      record must be covered by a valid checkpoint\n"
    "  --lang vi|en        language\n"
    "  --help              this help\n"
    "\n"
    "Exit status: 0 intact (or torn line cut off with --repair); 1 tampered (altered,\n"
    "removed, inserted); 2 usage error; 3 input/output failure; 4 intact but for a torn\n"
    "last line.\n";

static void report_archive_text(const char *path, const rasoat_log_verdict *v, rasoat_lang lang)
{
    if (v->archive_altered[0] != '\0')
        printf(CLI_TEXT(lang, "KHO LƯU BỘ QUY TẮC BỊ THAY ĐỔI: %s.rules/%s/%s đã bị sửa; bản chép không còn cho mã băm mang tên nó.\n",
                        "RULE-SET ARCHIVE ALTERED: %s.rules/%s/%s was edited; the copy no longer hashes to its name.\n"),
               path, v->archive_altered, v->archive_file);
    else if (v->archive_checked > v->archive_missing)
        printf(CLI_TEXT(lang, "Kho lưu bộ quy tắc: %zu bản chép, mỗi bản cho đúng mã băm mang tên nó.\n",
                        "Rule-set archive: %zu copies, each hashing to its name.\n"),
               v->archive_checked - v->archive_missing);
    if (v->archive_missing > 0)
        printf(CLI_TEXT(lang, "Kho lưu thiếu %zu bộ quy tắc mà nhật ký nêu (replay sẽ cần --rules).\n",
                        "The archive lacks %zu rule sets the log names (replay will need --rules).\n"),
               v->archive_missing);
}

static void report_text(const char *path, const rasoat_log_verdict *v, rasoat_lang lang, int repair)
{
    if (v->state == RASOAT_LOG_EMPTY) {
        printf(CLI_TEXT(lang, "%s: CẢNH BÁO — nhật ký không có bản ghi nào; một nhật ký rỗng không chứng minh được điều gì.\n",
                        "%s: WARNING — the log holds no records; an empty log proves nothing.\n"), path);
    } else if (v->state == RASOAT_LOG_INTACT) {
        printf(CLI_TEXT(lang, "%s: nguyên vẹn — %lld bản ghi, chuỗi băm liền mạch.\n",
                        "%s: intact — %lld records, the hash chain is unbroken.\n"), path,
               v->records - v->checkpoints);
    } else if (v->state == RASOAT_LOG_TORN) {
        printf(CLI_TEXT(lang, "%s: dòng %ld: %s. Số bản ghi nguyên vẹn trước đó: %lld.\n",
                        "%s: line %ld: %s. Intact records before it: %lld.\n"),
               path, v->line, v->message, v->records);
        if (!repair)
            printf(CLI_TEXT(lang, "Bỏ dòng ghi dở để ghi tiếp: rasoat verify --repair %s\n",
                            "To cut off the torn line and go on logging: rasoat verify --repair %s\n"), path);
    } else {
        printf(CLI_TEXT(lang, "%s: BỊ THAY ĐỔI tại dòng %ld: %s.\n",
                        "%s: TAMPERED at line %ld: %s.\n"), path, v->line, v->message);
        printf(CLI_TEXT(lang, "Số bản ghi nguyên vẹn trước dòng %ld: %lld.\n",
                        "Intact records before line %ld: %lld.\n"), v->line, v->records);
    }
    printf(CLI_TEXT(lang, "Mã băm cuối của phần nguyên vẹn: %s\n",
                    "Last hash of the intact part: %s\n"), v->last_hash);
    if (v->key_checked && v->state == RASOAT_LOG_INTACT && v->checkpoints > 0)
        printf(CLI_TEXT(lang, "Điểm kiểm tra có chữ ký: %lld, đều hợp lệ với khóa đã cho; mọi bản ghi đều được bảo đảm.\n",
                        "Signed checkpoints: %lld, all valid for the key given; every record is covered.\n"),
               v->checkpoints);
    else if (!v->key_checked && v->checkpoints > 0)
        printf(CLI_TEXT(lang, "Điểm kiểm tra có chữ ký: %lld (chưa kiểm chữ ký: thêm --key TÊN.pub).\n",
                        "Signed checkpoints: %lld (signatures not checked: add --key NAME.pub).\n"),
               v->checkpoints);
}

static void report_json(const char *path, const rasoat_log_verdict *v)
{
    cJSON *j = cJSON_CreateObject();
    cJSON *arch;
    char *text;

    cJSON_AddStringToObject(j, "log", path);
    cJSON_AddStringToObject(j, "status", v->state == RASOAT_LOG_EMPTY ? "empty"
                            : v->state == RASOAT_LOG_INTACT ? "intact"
                            : v->state == RASOAT_LOG_TORN ? "torn" : "tampered");
    cJSON_AddNumberToObject(j, "records", (double)v->records);
    cJSON_AddStringToObject(j, "last_hash", v->last_hash);
    cJSON_AddNumberToObject(j, "checkpoints", (double)v->checkpoints);
    if (v->key_checked)
        cJSON_AddNumberToObject(j, "signed_through_seq", (double)v->signed_through);
    if (v->problem[0] != '\0') {
        cJSON_AddNumberToObject(j, "line", (double)v->line);
        cJSON_AddStringToObject(j, "problem", v->problem);
        cJSON_AddStringToObject(j, "message", v->message);
        if (strcmp(v->problem, "removed") == 0 || strcmp(v->problem, "inserted") == 0
            || strcmp(v->problem, "moved") == 0) {
            cJSON_AddNumberToObject(j, "seq", (double)v->seq);
            cJSON_AddNumberToObject(j, "expected_seq", (double)v->expected);
        }
        if (v->found_at != 0)
            cJSON_AddNumberToObject(j, "expected_at_line", (double)v->found_at);
        if (v->hash_stored[0] != '\0') {
            cJSON_AddStringToObject(j, "hash_stored", v->hash_stored);
            cJSON_AddStringToObject(j, "hash_computed", v->hash_computed);
        }
    }
    arch = cJSON_AddObjectToObject(j, "archive");
    cJSON_AddNumberToObject(arch, "checked", (double)v->archive_checked);
    cJSON_AddNumberToObject(arch, "missing", (double)v->archive_missing);
    if (v->archive_altered[0] != '\0') {
        cJSON_AddStringToObject(arch, "altered", v->archive_altered);
        cJSON_AddStringToObject(arch, "file", v->archive_file);
        cJSON_AddStringToObject(arch, "message", v->archive_message);
    }
    text = cJSON_PrintUnformatted(j);
    if (text != NULL)
        puts(text);
    cJSON_free(text);
    cJSON_Delete(j);
}

int cmd_verify(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_FORMAT = 256, OPT_REPAIR, OPT_HELP, OPT_KEY };
    static const struct option longopts[] = {
        {"key", required_argument, NULL, OPT_KEY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"repair", no_argument, NULL, OPT_REPAIR},
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    int c, json = 0, repair = 0, status;
    const char *path;
    rasoat_log_verdict v;
    rasoat_error err;
    const char *key_path = NULL;
    cli_common common;

    cli_common_init(&common, lang);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_FORMAT && (strcmp(optarg, "text") == 0 || strcmp(optarg, "json") == 0)) {
            json = strcmp(optarg, "json") == 0;
        } else if (c == OPT_REPAIR) {
            repair = 1;
        } else if (c == OPT_KEY) {
            key_path = optarg;
        } else if (cli_common_option(c, optarg, &common) > 0) { /* refused: cli_bad_usage below */
            lang = common.lang;
        } else if (c == OPT_HELP) {
            fputs(CLI_TEXT(lang, help_vi, help_en), stdout);
            return VERIFY_INTACT;
        } else {
            return cli_bad_usage("rasoat verify", c, longopts, argv, optind, lang);
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat verify: cần đúng một tệp nhật ký\nXem: rasoat verify --help\n",
                                 "rasoat verify: takes one log file\nSee: rasoat verify --help\n"));
        return VERIFY_USAGE;
    }
    path = argv[optind];
    if (rasoat_log_verify(path, key_path, lang, &v, &err) != RASOAT_OK) {
        fprintf(stderr, "rasoat verify: %s\n", err.message);
        return strcmp(err.kind, "key") == 0 ? VERIFY_USAGE : VERIFY_IO;
    }
    status = v.state == RASOAT_LOG_TORN ? VERIFY_TORN
           : v.state == RASOAT_LOG_TAMPERED || v.archive_altered[0] != '\0' ? VERIFY_TAMPERED
           : VERIFY_INTACT;
    if (json) {
        report_json(path, &v);
    } else {
        report_text(path, &v, lang, repair);
        report_archive_text(path, &v, lang);
    }
    if (repair && status == VERIFY_TORN) {
        if (truncate(path, (off_t)v.good_bytes) != 0) {
            fprintf(stderr, CLI_TEXT(lang, "rasoat verify: không cắt được %s: %s\n", "rasoat verify: cannot truncate %s: %s\n"),
                    path, cli_errno_text(lang));
            return VERIFY_IO;
        }
        fprintf(stderr, CLI_TEXT(lang, "rasoat verify: đã cắt bỏ dòng %ld bị ghi dở; nhật ký còn %lld bản ghi nguyên vẹn.\n",
                                 "rasoat verify: cut off the torn line %ld; the log holds %lld intact records.\n"),
                v.line, v.records);
        status = VERIFY_INTACT;
    } else if (repair && status == VERIFY_TAMPERED) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat verify: --repair chỉ cắt một dòng cuối ghi dở; nhật ký này đã bị thay đổi, không sửa.\n",
                                 "rasoat verify: --repair only cuts off a torn last line; this log was tampered with, nothing changed.\n"));
    }
    return fflush(stdout) == 0 ? status : VERIFY_IO;
}
