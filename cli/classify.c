/*
** classify.c: 'rasoat classify': households in (JSON Lines or a JSON array, file or
** stdin), one result or error record out per household, in input order; with --log, every
** decision also goes to a chained, tamper-evident decision log (audit_log.h).
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit_log.h"
#include "cli.h"
#include "input.h"

static const char help_vi[] =
    "Cách dùng: rasoat classify [TÙY CHỌN...] [TỆP]\n"
    "\n"
    "Phân loại từng hộ trong TỆP (hoặc đầu vào chuẩn khi không có TỆP hoặc TỆP là '-') theo\n"
    "bộ quy tắc có hiệu lực vào ngày rà soát của hộ. Đầu vào: JSON Lines (mỗi dòng một hộ)\n"
    "hoặc một mảng JSON. Đầu ra: JSON Lines, mỗi hộ một bản ghi kết quả hoặc bản ghi lỗi,\n"
    "đúng thứ tự đầu vào.\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --ruleset ID      dùng bộ quy tắc ID cho mọi hộ, bất kể ngày\n"
    "  --as-of NGÀY      dùng NGÀY (YYYY-MM-DD) thay cho survey_date của mọi hộ\n"
    "  --output TỆP      ghi kết quả vào TỆP thay vì đầu ra chuẩn\n"
    "  --keep T1,T2,...  mỗi kết quả mang theo các trường này của hộ, nguyên như đầu vào\n"
    "                    (ví dụ head_name,ethnicity,poverty_causes cho danh sách và báo cáo)\n"
    "  --log NHẬT_KÝ     ghi thêm mỗi quyết định vào nhật ký kiểm toán NHẬT_KÝ (nối chuỗi băm)\n"
    "                    và lưu các bộ quy tắc đã dùng vào NHẬT_KÝ.rules/ (docs/audit.md)\n"
    "  --budget SỐ       số lệnh Lua tối đa cho một hộ (mặc định: %u)\n"
    "  --memory MIB      giới hạn bộ nhớ của trạng thái Lua, MiB (mặc định: %u)\n"
    "  --quiet           không in dòng tiến độ\n"
    "  --lang vi|en      ngôn ngữ thông báo\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 tất cả được phân loại; 1 có ít nhất một bản ghi lỗi, hoặc một chuẩn địa phương\n"
    "gặp lỗi (các hộ khác vẫn được phân loại; 'undetermined' không tính là lỗi); 2 lỗi dùng\n"
    "lệnh hoặc lỗi bộ quy tắc (không phân loại hộ nào); 3 lỗi đọc/ghi\n"
    "(kể cả không mở được tệp đầu vào, tệp kết quả hoặc nhật ký, hoặc không lưu được bộ quy tắc).\n"
    "\n"
    "Ví dụ:\n"
    "  rasoat classify rules/vn/2022-2025/fixtures/sample-commune.jsonl\n"
    "  rasoat classify --as-of 2024-10-01 --output ketqua.jsonl hogiadinh.json\n";

static const char help_en[] =
    "Usage: rasoat classify [OPTIONS...] [FILE]\n"
    "\n"
    "Classify each household in FILE (standard input when FILE is absent or '-') under the\n"
    "rule set in force on its survey date. Input: JSON Lines (one household per line) or one\n"
    "JSON array. Output: JSON Lines, one result record or error record per household, in\n"
    "input order.\n"
    "\n"
    "Options:\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --ruleset ID      use rule set ID for every household, whatever its date\n"
    "  --as-of DATE      use DATE (YYYY-MM-DD) instead of every household's survey_date\n"
    "  --output FILE     write results to FILE instead of standard output\n"
    "  --keep F1,F2,...  each result carries these input fields as they are (e.g.\n"
    "                    head_name,ethnicity,poverty_causes for the lists and reports)\n"
    "  --log LOG         append every decision to the audit log LOG (hash-chained) and keep\n"
    "                    the rule sets used in LOG.rules/ (docs/audit.md)\n"
    "  --budget N        most Lua instructions for one household (default: %u)\n"
    "  --memory MIB      memory cap of the Lua state, in MiB (default: %u)\n"
    "  --quiet           no progress line\n"
    "  --lang vi|en      language of messages\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 all classified; 1 at least one error record, or a local standard that\n"
    "failed (the other households are still classified; 'undetermined' is not a failure);\n"
    "2 usage or rule-set error (nothing classified); 3 input/output failure\n"
    "(including an input, output or log file that cannot be opened, or a rule set that could\n"
    "not be archived).\n"
    "\n"
    "Examples:\n"
    "  rasoat classify rules/vn/2022-2025/fixtures/sample-commune.jsonl\n"
    "  rasoat classify --as-of 2024-10-01 --output results.jsonl households.json\n";

/* A progress line is worth printing only for inputs this large (or of unknown size). */
#define PROGRESS_MIN_BYTES (4L * 1024 * 1024)

typedef struct progress {
    int enabled;
    struct timespec last;
    int printed;
} progress;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_start(progress *p, FILE *in, int quiet)
{
    struct stat st;

    memset(p, 0, sizeof *p);
    p->enabled = !quiet && isatty(STDERR_FILENO)
        && (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size >= PROGRESS_MIN_BYTES);
    clock_gettime(CLOCK_MONOTONIC, &p->last);
}

/* At most one update a second, checked every 4096 records. */
static void progress_update(progress *p, long records, long errors, rasoat_lang lang)
{
    if (!p->enabled || (records & 4095) != 0 || seconds_since(&p->last) < 1.0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    fprintf(stderr, CLI_TEXT(lang, "\r%ld hộ đã xử lý, %ld lỗi", "\r%ld households processed, %ld errors"),
            records, errors);
    p->printed = 1;
}

static void progress_end(progress *p)
{
    if (p->printed)
        fputs("\r\033[K", stderr);
}

/* Write one record and its newline. */
static int emit(FILE *out, const char *record, size_t len)
{
    return fwrite(record, 1, len, out) == len && putc('\n', out) != EOF;
}

typedef struct classify_args {
    rasoat_options opts;
    const char *input;
    const char *output;
    const char *log;
    int quiet;
} classify_args;

/* Parse the command line; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, rasoat_lang *lang, classify_args *a)
{
    enum { OPT_RULES = 256, OPT_RULESET, OPT_AS_OF, OPT_OUTPUT, OPT_BUDGET, OPT_MEMORY,
           OPT_QUIET, OPT_LANG, OPT_HELP, OPT_LOG, OPT_KEEP };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, OPT_RULES},
        {"ruleset", required_argument, NULL, OPT_RULESET},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"log", required_argument, NULL, OPT_LOG},
        {"keep", required_argument, NULL, OPT_KEEP},
        {"budget", required_argument, NULL, OPT_BUDGET},
        {"memory", required_argument, NULL, OPT_MEMORY},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    int c;

    memset(a, 0, sizeof *a);
    a->opts.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        char *end = NULL;
        unsigned long long n;

        switch (c) {
        case OPT_RULES: a->opts.rules_dir = optarg; break;
        case OPT_RULESET: a->opts.force_ruleset = optarg; break;
        case OPT_AS_OF: a->opts.as_of = optarg; break;
        case OPT_OUTPUT: a->output = optarg; break;
        case OPT_LOG: a->log = optarg; break;
        case OPT_KEEP: a->opts.keep = optarg; break;
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_BUDGET:
        case OPT_MEMORY:
            n = strtoull(optarg, &end, 10);
            if (end == optarg || *end != '\0' || n == 0 || (c == OPT_MEMORY && n > 65536)) {
                fprintf(stderr, CLI_TEXT(*lang, "rasoat classify: giá trị không hợp lệ cho --%s: '%s'\n",
                                         "rasoat classify: invalid value for --%s: '%s'\n"),
                        c == OPT_BUDGET ? "budget" : "memory", optarg);
                return EXIT_USAGE;
            }
            if (c == OPT_BUDGET)
                a->opts.instruction_budget = n;
            else
                a->opts.memory_limit = (size_t)n * 1024 * 1024;
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, lang)) {
                fprintf(stderr, "rasoat classify: --lang vi|en\n");
                return EXIT_USAGE;
            }
            break;
        case OPT_HELP:
            printf(CLI_TEXT(*lang, help_vi, help_en), cli_default_rules(),
                   RASOAT_DEFAULT_INSTRUCTION_BUDGET, RASOAT_DEFAULT_MEMORY_LIMIT >> 20);
            return EXIT_ALL_CLASSIFIED;
        default:
            fprintf(stderr, CLI_TEXT(*lang, "rasoat classify: tùy chọn không hợp lệ '%s'\n",
                                     "rasoat classify: invalid option '%s'\n"), argv[optind - 1]);
            fprintf(stderr, CLI_TEXT(*lang, "Xem: rasoat classify --help\n",
                                     "See: rasoat classify --help\n"));
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, CLI_TEXT(*lang, "rasoat classify: chỉ nhận một tệp đầu vào\n",
                                 "rasoat classify: takes one input file\n"));
        return EXIT_USAGE;
    }
    a->input = optind < argc ? argv[optind] : "-";
    a->opts.lang = *lang;
    return -1;
}

int cmd_classify(int argc, char **argv, rasoat_lang lang)
{
    classify_args a;
    rasoat_engine *engine = NULL;
    audit_log *log = NULL;
    rasoat_error err;
    FILE *in = stdin, *out = stdout;
    input reader;
    progress prog;
    long records = 0, errors = 0, line;
    input_status st;
    int status = parse_args(argc, argv, &lang, &a);

    if (status >= 0)
        return status;
    if (rasoat_open(&a.opts, &engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    if (a.log != NULL && (log = audit_log_open(a.log, engine, a.opts.rules_dir, &a.opts, lang)) == NULL) {
        rasoat_close(engine);
        return EXIT_IO;
    }
    if (strcmp(a.input, "-") != 0 && (in = fopen(a.input, "rb")) == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat classify: không mở được %s: ", "rasoat classify: cannot open %s: "), a.input);
        perror(NULL);
        audit_log_close(log);
        rasoat_close(engine);
        return EXIT_IO;
    }
    if (a.output != NULL && (out = fopen(a.output, "wb")) == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat classify: không ghi được %s: ", "rasoat classify: cannot write %s: "), a.output);
        perror(NULL);
        if (in != stdin)
            fclose(in);
        audit_log_close(log);
        rasoat_close(engine);
        return EXIT_IO;
    }
    setvbuf(out, NULL, _IOFBF, 1 << 16);

    input_init(&reader, in);
    progress_start(&prog, in, a.quiet);
    status = EXIT_ALL_CLASSIFIED;
    while ((st = input_next(&reader, &line)) != INPUT_END && st != INPUT_IO) {
        const char *record;
        size_t len;
        int broken = st == INPUT_BROKEN;

        if (broken) {
            rasoat_error_record(engine, line, "invalid_json",
                                CLI_TEXT(lang, reader.problem->vi, reader.problem->en), &record, &len);
            errors++;
        } else if (rasoat_classify(engine, reader.buf, reader.length, line, &record, &len, NULL)
                   != RASOAT_OK) {
            errors++;
        }
        records++;
        if (log != NULL && !audit_log_record(log, line, broken ? NULL : reader.buf,
                                             broken ? 0 : reader.length, record, len)) {
            st = INPUT_IO;
            break;
        }
        if (!emit(out, record, len)) {
            st = INPUT_IO;
            break;
        }
        progress_update(&prog, records, errors, lang);
    }
    progress_end(&prog);
    if (st == INPUT_IO) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat classify: lỗi đọc/ghi sau %ld hộ\n",
                                 "rasoat classify: input/output failed after %ld households\n"), records);
        status = EXIT_IO;
    } else if (errors > 0) {
        status = EXIT_RECORD_ERRORS;
    }
    input_free(&reader);
    if (in != stdin)
        fclose(in);
    if ((out != stdout ? fclose(out) : fflush(out)) != 0 && status != EXIT_IO) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat classify: lỗi ghi kết quả\n", "rasoat classify: writing results failed\n"));
        status = EXIT_IO;
    }
    if (!audit_log_close(log))
        status = EXIT_IO;
    rasoat_close(engine);
    return status;
}
