/*
** cmd_verify.c: 'rasoat verify LOG': check a decision log's hash chain (docs/audit.md) and name
** the first line that was altered, removed or inserted, or a torn last line left by a
** crash (which --repair cuts off).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "archive.h"
#include "audit_log.h"
#include "cli.h"
#include "commands.h"
#include "io_error.h"
#include "options.h"
#include "signing.h"

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

typedef char hash_hex[AUDIT_HASH_HEX + 1];

/* The outcome of a check. */
typedef struct verdict {
    int status;                    /* VERIFY_* */
    const char *problem;           /* "altered", "removed", "inserted", "moved", "chain",
                                      "malformed", "torn" */
    long line;                     /* the first bad line */
    long long records;             /* intact records before it */
    char last_hash[AUDIT_HASH_HEX + 1];
    long long seq, expected;       /* for removed / inserted */
    char stored[AUDIT_HASH_HEX + 1], computed[AUDIT_HASH_HEX + 1];
    off_t good_bytes;              /* length of the intact part */
    long found_at;                 /* "moved": the line where the expected record stands */
    char message[512];
    hash_hex *named;               /* rule-set hashes the intact records name, once each */
    size_t n_named, cap_named;
    const unsigned char *key;      /* --key: the public key checkpoints must be signed with */
    long long checkpoints;         /* checkpoint lines among the intact ones */
    long long covered;             /* seq through which a valid checkpoint covers the log */
    long long last_record;         /* seq of the last record line */
    long long first_uncovered;     /* seq of the first record after the last valid checkpoint */
} verdict;

/*
** A checkpoint line 'l' (its "checkpoint" member 'cp'): with a key, its signature must be
** that key's over the line before it (seq and hash) and the line's time. Returns 1 when it
** holds (and moves 'covered' on), 0 when it does not.
*/
static int check_checkpoint(verdict *v, const audit_line *l, const cJSON *cp)
{
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(cp, "seq");
    const char *head = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cp, "head"));
    const char *time = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(l->json, "time"));
    const char *sig = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cp, "signature"));
    char message[256];

    v->checkpoints++;
    if (v->key == NULL)
        return 1;
    if (!cJSON_IsNumber(seq) || (long long)seq->valuedouble != l->seq - 1 || head == NULL
        || strcmp(head, l->prev) != 0 || time == NULL)
        return 0;
    signing_message(message, sizeof message, l->seq - 1, head, time);
    if (!signing_check(v->key, message, sig))
        return 0;
    v->covered = l->seq - 1;
    v->first_uncovered = 0;
    return 1;
}

/* Remember hash 'sha' (a string member of a logged result's "ruleset"), once. */
static void name_hash(verdict *v, const cJSON *ruleset)
{
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ruleset, "sha256"));
    size_t i;

    if (sha == NULL || strlen(sha) != AUDIT_HASH_HEX)
        return;
    for (i = 0; i < v->n_named; i++)
        if (strcmp(v->named[i], sha) == 0)
            return;
    if (v->n_named == v->cap_named) {
        size_t cap = v->cap_named ? v->cap_named * 2 : 8;
        hash_hex *grown = (hash_hex *)realloc(v->named, cap * sizeof *grown);

        if (grown == NULL)
            return;
        v->named = grown;
        v->cap_named = cap;
    }
    memcpy(v->named[v->n_named++], sha, AUDIT_HASH_HEX + 1);
}

/* Remember the rule sets a logged line's result names: the national one and each local. */
static void name_hashes(verdict *v, const cJSON *line)
{
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(line, "result");
    const cJSON *entry;

    name_hash(v, cJSON_GetObjectItemCaseSensitive(result, "ruleset"));
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(result, "local"))
        name_hash(v, cJSON_GetObjectItemCaseSensitive(entry, "ruleset"));
}

/* What the archive check found. */
typedef struct archive_verdict {
    size_t checked, missing;
    long altered;              /* index in 'named' of the first altered copy, or -1 */
    char file[512], why[1024];
} archive_verdict;

/* Check the archived copy of every rule set the log names (LOG.rules/<sha256>/). */
static void check_archive(const char *log_path, const verdict *v, rasoat_lang lang,
                          archive_verdict *a)
{
    char *dir = archive_dir_for(log_path);
    size_t i;

    memset(a, 0, sizeof *a);
    a->altered = -1;
    for (i = 0; dir != NULL && i < v->n_named; i++) {
        char file[512], why[1024];
        archive_status st = archive_check(dir, v->named[i], lang, file, sizeof file, why, sizeof why);

        a->checked++;
        if (st == ARCHIVE_UNKNOWN) {
            a->missing++;
        } else if (st != ARCHIVE_STORED && a->altered < 0) {
            a->altered = (long)i;
            snprintf(a->file, sizeof a->file, "%s", file);
            snprintf(a->why, sizeof a->why, "%s", why);
        }
    }
    free(dir);
}

/* Describe a bad line in 'v->message'. */
static void describe(verdict *v, rasoat_lang lang)
{
    const char *p = v->problem;

    if (strcmp(p, "torn") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "dòng cuối bị cắt cụt (không có ký tự xuống dòng): máy dừng khi đang ghi, hoặc tệp bị cắt bớt",
                 "the last line is cut off (no line feed): a crash while writing, or a truncation"));
    } else if (strcmp(p, "checkpoint") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "điểm kiểm tra không mang chữ ký hợp lệ của khóa này cho đầu chuỗi trước nó: điểm kiểm tra hoặc chuỗi trước nó đã bị sửa, hoặc được ký bằng khóa khác",
                 "the checkpoint does not carry this key's valid signature of the chain head before it: the checkpoint or the chain before it was altered, or it was signed with another key"));
    } else if (strcmp(p, "uncovered") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "các bản ghi số %lld đến %lld không được điểm kiểm tra nào ký bằng khóa này bảo đảm: chuỗi đã bị tính lại sau khi sửa, phần cuối bị cắt cùng điểm kiểm tra, hoặc lượt chạy không ký",
                 "records %lld to %lld are covered by no checkpoint signed with this key: the chain was recomputed after an edit, its end cut off with its checkpoint, or the run was not signed"),
                 v->first_uncovered, v->last_record);
    } else if (strcmp(p, "moved") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "dòng này mang bản ghi số %lld trong khi phải là %lld, và bản ghi số %lld nằm ở dòng %ld: các bản ghi bị đảo thứ tự",
                 "this line holds record %lld where %lld belongs, and record %lld stands at line %ld: records were reordered"),
                 v->seq, v->expected, v->expected, v->found_at);
    } else if (strcmp(p, "malformed") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "dòng không phải một bản ghi nhật ký (không phải JSON hoặc sai cấu trúc): đã bị sửa hoặc bị chèn",
                 "the line is not a log record (not JSON, or not its shape): altered or inserted"));
    } else if (strcmp(p, "altered") == 0 && v->stored[0] != '\0') {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "bản ghi đã bị sửa: dòng ghi mã băm %s nhưng nội dung của nó cho mã băm %s",
                 "the record was altered: the line says hash %s but its content hashes to %s"),
                 v->stored, v->computed);
    } else if (strcmp(p, "altered") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "bản ghi đã bị sửa: mã quyết định không khớp nội dung dòng",
                 "the record was altered: its decision id does not match the line's content"));
    } else if (strcmp(p, "removed") == 0 && v->seq - 1 == v->expected) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "thiếu bản ghi số %lld: đã bị xóa ngay trước dòng này (dòng này là bản ghi số %lld)",
                 "record %lld is missing: removed just before this line (this line is record %lld)"),
                 v->expected, v->seq);
    } else if (strcmp(p, "removed") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "thiếu các bản ghi số %lld đến %lld: đã bị xóa ngay trước dòng này (dòng này là bản ghi số %lld)",
                 "records %lld to %lld are missing: removed just before this line (this line is record %lld)"),
                 v->expected, v->seq - 1, v->seq);
    } else if (strcmp(p, "inserted") == 0) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "dòng này mang số %lld trong khi phải là %lld: bản ghi bị chèn thêm hoặc đảo thứ tự",
                 "this line holds record %lld where %lld belongs: a record was inserted or moved"),
                 v->seq, v->expected);
    } else if (v->line == 1) {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "dòng đầu không mở đầu chuỗi ('prev' không phải 64 số 0): các bản ghi trước nó đã bị xóa",
                 "the first line does not start the chain ('prev' is not 64 zeros): the records before it were removed"));
    } else {
        snprintf(v->message, sizeof v->message, CLI_TEXT(lang,
                 "'prev' không khớp mã băm của dòng %ld: dòng %ld đã bị thay, hoặc bản ghi bị xóa/chèn rồi đánh số lại",
                 "'prev' does not match the hash of line %ld: line %ld was replaced, or records were removed or inserted and renumbered"),
                 v->line - 1, v->line - 1);
    }
}

/* After a line whose 'seq' is not the one expected: the line further on that holds record
** 'expected' (then the records were reordered, not removed or inserted), or 0. Reads 'f'
** from where it is to the end. */
static long find_record(FILE *f, long lineno, long long expected)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long found = 0;

    while (found == 0 && (n = getline(&buf, &cap, f)) > 0) {
        audit_line l;

        lineno++;
        if (buf[n - 1] != '\n') /* a torn last line holds no record */
            break;
        if (audit_line_read(buf, (size_t)n - 1, &l) != AUDIT_LINE_MALFORMED && l.seq == expected)
            found = lineno;
        audit_line_free(&l);
    }
    free(buf);
    return found;
}

/* Walk the log; returns VERIFY_IO when it cannot be read, else fills 'v'. */
static int check_log(FILE *f, verdict *v, const unsigned char *key, rasoat_lang lang)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    off_t offset = 0;

    memset(v, 0, sizeof *v);
    v->key = key;
    memset(v->last_hash, '0', AUDIT_HASH_HEX);
    v->status = VERIFY_INTACT;
    v->expected = 1;
    while ((n = getline(&buf, &cap, f)) > 0) {
        size_t len = buf[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;
        audit_line l;
        audit_line_status st;

        lineno++;
        v->line = lineno;
        if (len == (size_t)n) {
            v->problem = "torn";
            break;
        }
        /* Every line goes out with its LF in one write, so only a line without one can
        ** come from a crash; a complete line that is not a record was put there. */
        st = audit_line_read(buf, len, &l);
        if (st == AUDIT_LINE_MALFORMED) {
            v->problem = "malformed";
        } else if (st == AUDIT_LINE_HASH) {
            v->problem = "altered";
            memcpy(v->stored, l.hash, sizeof v->stored);
            memcpy(v->computed, l.computed, sizeof v->computed);
        } else if (st == AUDIT_LINE_DECISION) {
            v->problem = "altered";
        } else if (l.seq != v->expected) {
            /* A record further on than expected: deleted, unless the expected one still
            ** stands later in the log (a swap, a move). One behind: inserted. */
            v->problem = l.seq > v->expected ? "removed" : "inserted";
            if (l.seq > v->expected && (v->found_at = find_record(f, lineno, v->expected)) != 0)
                v->problem = "moved";
        } else if (strcmp(l.prev, v->last_hash) != 0) {
            v->problem = "chain";
        }
        v->seq = l.seq;
        if (v->problem == NULL) {
            const cJSON *cp = cJSON_GetObjectItemCaseSensitive(l.json, "checkpoint");

            if (cp == NULL) {
                name_hashes(v, l.json);
                v->last_record = l.seq;
                if (v->first_uncovered == 0)
                    v->first_uncovered = l.seq;
            } else if (!check_checkpoint(v, &l, cp)) {
                v->problem = "checkpoint";
            }
        }
        if (v->problem == NULL) {
            memcpy(v->last_hash, l.hash, sizeof v->last_hash);
            v->records++;
            v->expected++;
            offset += (off_t)n;
        }
        audit_line_free(&l);
        if (v->problem != NULL)
            break;
    }
    free(buf);
    if (ferror(f))
        return VERIFY_IO;
    v->good_bytes = offset;
    if (v->problem == NULL && v->key != NULL && v->last_record > v->covered) {
        v->problem = "uncovered";
        v->line = lineno;
    }
    if (v->problem != NULL) {
        v->status = strcmp(v->problem, "torn") == 0 ? VERIFY_TORN : VERIFY_TAMPERED;
        describe(v, lang);
    } else {
        v->line = 0;
    }
    return v->status;
}

static void report_archive_text(const char *path, const verdict *v, const archive_verdict *a,
                                rasoat_lang lang)
{
    if (a->altered >= 0)
        printf(CLI_TEXT(lang, "KHO LƯU BỘ QUY TẮC BỊ THAY ĐỔI: %s.rules/%s/%s đã bị sửa; bản chép không còn cho mã băm mang tên nó.\n",
                        "RULE-SET ARCHIVE ALTERED: %s.rules/%s/%s was edited; the copy no longer hashes to its name.\n"),
               path, v->named[a->altered], a->file);
    else if (a->checked > a->missing)
        printf(CLI_TEXT(lang, "Kho lưu bộ quy tắc: %zu bản chép, mỗi bản cho đúng mã băm mang tên nó.\n",
                        "Rule-set archive: %zu copies, each hashing to its name.\n"),
               a->checked - a->missing);
    if (a->missing > 0)
        printf(CLI_TEXT(lang, "Kho lưu thiếu %zu bộ quy tắc mà nhật ký nêu (replay sẽ cần --rules).\n",
                        "The archive lacks %zu rule sets the log names (replay will need --rules).\n"),
               a->missing);
}

static void report_text(const char *path, const verdict *v, rasoat_lang lang, int repair)
{
    if (v->status == VERIFY_INTACT && v->records == v->checkpoints) {
        printf(CLI_TEXT(lang, "%s: CẢNH BÁO — nhật ký không có bản ghi nào; một nhật ký rỗng không chứng minh được điều gì.\n",
                        "%s: WARNING — the log holds no records; an empty log proves nothing.\n"), path);
    } else if (v->status == VERIFY_INTACT) {
        printf(CLI_TEXT(lang, "%s: nguyên vẹn — %lld bản ghi, chuỗi băm liền mạch.\n",
                        "%s: intact — %lld records, the hash chain is unbroken.\n"), path,
               v->records - v->checkpoints);
    } else if (v->status == VERIFY_TORN) {
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
    if (v->key != NULL && v->status == VERIFY_INTACT && v->checkpoints > 0)
        printf(CLI_TEXT(lang, "Điểm kiểm tra có chữ ký: %lld, đều hợp lệ với khóa đã cho; mọi bản ghi đều được bảo đảm.\n",
                        "Signed checkpoints: %lld, all valid for the key given; every record is covered.\n"),
               v->checkpoints);
    else if (v->key == NULL && v->checkpoints > 0)
        printf(CLI_TEXT(lang, "Điểm kiểm tra có chữ ký: %lld (chưa kiểm chữ ký: thêm --key TÊN.pub).\n",
                        "Signed checkpoints: %lld (signatures not checked: add --key NAME.pub).\n"),
               v->checkpoints);
}

static void report_json(const char *path, const verdict *v, const archive_verdict *a)
{
    cJSON *j = cJSON_CreateObject();
    cJSON *arch;
    char *text;

    cJSON_AddStringToObject(j, "log", path);
    cJSON_AddStringToObject(j, "status", v->status == VERIFY_INTACT
                            ? (v->records == v->checkpoints ? "empty" : "intact")
                            : v->status == VERIFY_TORN ? "torn" : "tampered");
    cJSON_AddNumberToObject(j, "records", (double)v->records);
    cJSON_AddStringToObject(j, "last_hash", v->last_hash);
    cJSON_AddNumberToObject(j, "checkpoints", (double)v->checkpoints);
    if (v->key != NULL)
        cJSON_AddNumberToObject(j, "signed_through_seq", (double)v->covered);
    if (v->problem != NULL) {
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
        if (v->stored[0] != '\0') {
            cJSON_AddStringToObject(j, "hash_stored", v->stored);
            cJSON_AddStringToObject(j, "hash_computed", v->computed);
        }
    }
    arch = cJSON_AddObjectToObject(j, "archive");
    cJSON_AddNumberToObject(arch, "checked", (double)a->checked);
    cJSON_AddNumberToObject(arch, "missing", (double)a->missing);
    if (a->altered >= 0) {
        cJSON_AddStringToObject(arch, "altered", v->named[a->altered]);
        cJSON_AddStringToObject(arch, "file", a->file);
        cJSON_AddStringToObject(arch, "message", a->why);
    }
    text = cJSON_PrintUnformatted(j);
    if (text != NULL)
        puts(text);
    cJSON_free(text);
    cJSON_Delete(j);
}

int cmd_verify(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_FORMAT = 256, OPT_REPAIR, OPT_LANG, OPT_HELP, OPT_KEY };
    static const struct option longopts[] = {
        {"key", required_argument, NULL, OPT_KEY},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"repair", no_argument, NULL, OPT_REPAIR},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    int c, json = 0, repair = 0, status;
    const char *path;
    FILE *f;
    verdict v;
    archive_verdict arch;
    const char *key_path = NULL;
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_FORMAT && (strcmp(optarg, "text") == 0 || strcmp(optarg, "json") == 0)) {
            json = strcmp(optarg, "json") == 0;
        } else if (c == OPT_REPAIR) {
            repair = 1;
        } else if (c == OPT_KEY) {
            key_path = optarg;
        } else if (c == OPT_LANG && cli_parse_lang(optarg, &lang)) {
            continue;
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
    if (key_path != NULL && !signing_read_public(key_path, public_key, "rasoat verify", lang))
        return VERIFY_USAGE;
    if ((f = fopen(path, "rb")) == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat verify: không mở được %s: %s\n", "rasoat verify: cannot open %s: %s\n"), path,
                cli_errno_text(lang));
        return VERIFY_IO;
    }
    status = check_log(f, &v, key_path != NULL ? public_key : NULL, lang);
    fclose(f);
    if (status == VERIFY_IO) {
        free(v.named);
        fprintf(stderr, CLI_TEXT(lang, "rasoat verify: lỗi đọc %s\n", "rasoat verify: cannot read %s\n"), path);
        return VERIFY_IO;
    }
    check_archive(path, &v, lang, &arch);
    if (arch.altered >= 0 && status == VERIFY_INTACT)
        status = VERIFY_TAMPERED;
    if (json) {
        report_json(path, &v, &arch);
    } else {
        report_text(path, &v, lang, repair);
        report_archive_text(path, &v, &arch, lang);
    }
    free(v.named);
    if (repair && status == VERIFY_TORN) {
        if (truncate(path, v.good_bytes) != 0) {
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
