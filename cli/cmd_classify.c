/*
** cmd_classify.c: 'rasoat classify': households in (JSON Lines or a JSON array, file or
** stdin), one result or error record out per household, in input order; with --log, every
** decision also goes to a chained, tamper-evident decision log (rasoat_log_*, decision_log.h).
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "classify_jobs.h"
#include "classify_stream.h"
#include "classify_tally.h"
#include "cli.h"
#include "commands.h"
#include "decision_log.h"
#include "input.h"
#include "io_error.h"
#include "options.h"
#include "outfile.h"
#include "same_file.h"
#include "words.h"

static const char help_vi[] =
    "Cách dùng: rasoat classify [TÙY CHỌN...] [TỆP]\n"
    "\n"
    "Phân loại từng hộ trong TỆP (hoặc đầu vào chuẩn khi không có TỆP hoặc TỆP là '-') theo\n"
    "bộ quy tắc có hiệu lực vào ngày rà soát của hộ. Đầu vào: JSON Lines (mỗi dòng một hộ),\n"
    "một mảng JSON, hoặc CSV từ bảng tính (mỗi dòng một hộ, tiêu đề cột là tên trường hoặc\n"
    "tên tiếng Việt: docs/formats.md). Đầu ra: JSON Lines, mỗi hộ một bản ghi kết quả hoặc\n"
    "bản ghi lỗi, đúng thứ tự đầu vào. Khi kết quả ghi vào tệp hoặc ống dẫn, một dòng tóm tắt\n"
    "được in ra đầu ra lỗi chuẩn. Tệp kết quả chỉ được thay khi đã ghi xong trọn vẹn.\n"
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
    "  --sign KHÓA.key   cuối lượt chạy, ký một điểm kiểm tra đầu chuỗi của nhật ký bằng khóa\n"
    "                    bí mật KHÓA.key (tạo bằng 'rasoat keygen')\n"
    "  --budget SỐ       số lệnh Lua tối đa của quy tắc cho một hộ (mặc định: %u)\n"
    "  --memory MIB      giới hạn bộ nhớ của trạng thái Lua, MiB (mặc định: %u)\n"
    "  --quiet           không in dòng tiến độ và dòng tóm tắt\n"
    "  --jobs N          số luồng phân loại (mặc định: số lõi của máy); kết quả giống hệt\n"
    "                    nhau từng byte với mọi N\n"
    "  --lang vi|en      ngôn ngữ thông báo\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 tất cả được phân loại; 1 có ít nhất một bản ghi lỗi, hoặc một chuẩn địa phương\n"
    "gặp lỗi (các hộ khác vẫn được phân loại; 'undetermined' không tính là lỗi); 2 lỗi dùng\n"
    "lệnh hoặc lỗi bộ quy tắc (không phân loại hộ nào); 3 lỗi đọc/ghi\n"
    "(kể cả không mở được tệp đầu vào, tệp kết quả hoặc nhật ký, hoặc không lưu được bộ quy tắc);\n"
    "tệp kết quả hoặc nhật ký trùng với tệp đầu vào hay nhật ký là lỗi dùng lệnh (2).\n"
    "\n"
    "Ví dụ:\n"
    "  rasoat classify rules/vn/2022-2025/fixtures/sample-commune.jsonl\n"
    "  rasoat classify --as-of 2024-10-01 --output ketqua.jsonl hogiadinh.json\n";

static const char help_en[] =
    "Usage: rasoat classify [OPTIONS...] [FILE]\n"
    "\n"
    "Classify each household in FILE (standard input when FILE is absent or '-') under the\n"
    "rule set in force on its survey date. Input: JSON Lines (one household per line), one\n"
    "JSON array, or CSV from a spreadsheet (one household per row, the column headers being\n"
    "field names or their Vietnamese names: docs/formats.md). Output: JSON Lines, one result\n"
    "record or error record per household, in input order. When the results go to a file or\n"
    "a pipe, a one-line summary goes to standard error. The output file is replaced only\n"
    "once it is completely written.\n"
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
    "  --sign KEY.key    at the end of the run, sign a checkpoint of the log's chain head with\n"
    "                    secret key KEY.key (made by 'rasoat keygen')\n"
    "  --budget N        most Lua instructions of rule code for one household (default: %u)\n"
    "  --memory MIB      memory cap of the Lua state, in MiB (default: %u)\n"
    "  --quiet           no progress line and no summary line\n"
    "  --jobs N          threads classifying (default: the cores present); the output is the\n"
    "                    same bytes for every N\n"
    "  --lang vi|en      language of messages\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 all classified; 1 at least one error record, or a local standard that\n"
    "failed (the other households are still classified; 'undetermined' is not a failure);\n"
    "2 usage or rule-set error (nothing classified); 3 input/output failure\n"
    "(including an input, output or log file that cannot be opened, or a rule set that could\n"
    "not be archived); an output or log that is the input or the log is a usage error (2).\n"
    "\n"
    "Examples:\n"
    "  rasoat classify rules/vn/2022-2025/fixtures/sample-commune.jsonl\n"
    "  rasoat classify --as-of 2024-10-01 --output results.jsonl households.json\n";

/* A progress line is worth printing only for inputs this large (or of unknown size). */
#define PROGRESS_MIN_BYTES (4L * 1024 * 1024)

typedef struct progress {
    int enabled;
    struct timespec start, last;
    off_t size;        /* the input file's size, 0 when unknown (a pipe) */
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
    int known = fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode);

    memset(p, 0, sizeof *p);
    p->size = known ? st.st_size : 0;
    p->enabled = !quiet && isatty(STDERR_FILENO) && (!known || st.st_size >= PROGRESS_MIN_BYTES);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

/*
** At most one update a second (the callers ask every 4096 records, or every batch): the
** count, the rate and, for a file, how far through it the reading is and about how long is
** left.
*/
static void progress_update(progress *p, FILE *in, long records, long errors, rasoat_lang lang)
{
    double elapsed, rate;

    if (!p->enabled || seconds_since(&p->last) < 1.0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    elapsed = seconds_since(&p->start);
    rate = elapsed > 0 ? (double)records / elapsed : 0;
    fprintf(stderr, CLI_TEXT(lang, "\r\033[K%ld hộ, %.0f hộ/giây, %ld lỗi", "\r\033[K%ld households, %.0f/s, %ld errors"),
            records, rate, errors);
    if (p->size > 0) {
        off_t at = ftello(in);
        double done = at > 0 ? (double)at / (double)p->size : 0;

        if (done > 0 && done <= 1) {
            long left = (long)(elapsed / done - elapsed + 0.5);

            fprintf(stderr, CLI_TEXT(lang, ", %.0f%%, còn khoảng %ld:%02ld", ", %.0f%%, about %ld:%02ld left"),
                    done * 100, left / 60, left % 60);
        }
    }
    p->printed = 1;
}

static void progress_end(progress *p)
{
    if (p->printed)
        fputs("\r\033[K", stderr);
}

/* The one-line summary on stderr, when the results go to a file or a pipe. */
static void print_summary(const tally *t, long records, double seconds, rasoat_lang lang)
{
    int i;

    if (lang == RASOAT_LANG_EN)
        fprintf(stderr, "rasoat classify: %ld household%s in %.2f s:", records, records == 1 ? "" : "s", seconds);
    else {
        char secs[32], *dot;

        snprintf(secs, sizeof secs, "%.2f", seconds);
        if ((dot = strchr(secs, '.')) != NULL)
            *dot = ',';                   /* Vietnamese writes a decimal comma */
        fprintf(stderr, "rasoat classify: %ld hộ trong %s giây:", records, secs);
    }
    for (i = 0; i < 4; i++)
        fprintf(stderr, "%s %ld %s", i ? "," : "", t->classes[i], cli_class_label(tally_classes[i], lang));
    fprintf(stderr, CLI_TEXT(lang, ", %ld lỗi", ", %ld error%s"), t->errors, t->errors == 1 ? "" : "s");
    if (t->local_undetermined > 0)
        fprintf(stderr, CLI_TEXT(lang, "; %ld hộ có chuẩn địa phương chưa xác định", "; %ld with a local standard undetermined"),
                t->local_undetermined);
    fputc('\n', stderr);
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
    const char *sign;          /* --sign KEY: sign a checkpoint at the end of the log */
    int quiet;
    int jobs;                  /* --jobs N: threads classifying (default: the cores present) */
} classify_args;

/* Parse the command line; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, rasoat_lang *lang, classify_args *a)
{
    enum { OPT_BUDGET = 256, OPT_MEMORY, OPT_QUIET, OPT_HELP, OPT_LOG, OPT_SIGN, OPT_KEEP };
    static const struct option longopts[] = {
        CLI_LONGOPT_RULES,
        CLI_LONGOPT_RULESET,
        CLI_LONGOPT_AS_OF,
        CLI_LONGOPT_OUTPUT,
        {"log", required_argument, NULL, OPT_LOG},
        {"sign", required_argument, NULL, OPT_SIGN},
        {"keep", required_argument, NULL, OPT_KEEP},
        CLI_LONGOPT_JOBS,
        {"budget", required_argument, NULL, OPT_BUDGET},
        {"memory", required_argument, NULL, OPT_MEMORY},
        {"quiet", no_argument, NULL, OPT_QUIET},
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    cli_common common;
    int c;

    memset(a, 0, sizeof *a);
    cli_common_init(&common, *lang);
    common.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        char *end = NULL;
        unsigned long long n;
        int taken = cli_common_option(c, optarg, &common);

        if (taken < 0)
            return cli_common_refused("rasoat classify", c, optarg, *lang);
        *lang = common.lang;
        if (taken > 0)
            continue;
        switch (c) {
        case OPT_LOG: a->log = optarg; break;
        case OPT_SIGN: a->sign = optarg; break;
        case OPT_KEEP: a->opts.keep = optarg; break;
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_BUDGET:
        case OPT_MEMORY:
            n = strtoull(optarg, &end, 10);
            if (end == optarg || *end != '\0' || n == 0 || (c == OPT_MEMORY && n > 65536) || optarg[0] == '-')
                return c == OPT_BUDGET
                    ? cli_bad_value("rasoat classify", "budget", optarg, "số nguyên từ 1 trở lên", "a whole number, 1 or more", *lang)
                    : cli_bad_value("rasoat classify", "memory", optarg, "số MiB từ 1 đến 65536", "MiB from 1 to 65536", *lang);
            if (c == OPT_BUDGET)
                a->opts.instruction_budget = n;
            else
                a->opts.memory_limit = (size_t)n * 1024 * 1024;
            break;
        case OPT_HELP:
            printf(CLI_TEXT(*lang, help_vi, help_en), cli_default_rules(),
                   RASOAT_DEFAULT_INSTRUCTION_BUDGET, RASOAT_DEFAULT_MEMORY_LIMIT >> 20);
            return EXIT_ALL_CLASSIFIED;
        default:
            return cli_bad_option("rasoat classify", argv, optind, *lang);
        }
    }
    a->opts.rules_dir = common.rules_dir;
    a->opts.force_ruleset = common.ruleset;
    a->opts.as_of = common.as_of;
    a->output = common.output;
    a->jobs = common.jobs;
    if (argc - optind > 1) {
        fprintf(stderr, CLI_TEXT(*lang, "rasoat classify: chỉ nhận một tệp đầu vào\n",
                                 "rasoat classify: takes one input file\n"));
        return EXIT_USAGE;
    }
    if (a->sign != NULL && a->log == NULL) {
        fprintf(stderr, CLI_TEXT(*lang, "rasoat classify: --sign cần --log (nó ký nhật ký)\n",
                                 "rasoat classify: --sign needs --log (it signs the log)\n"));
        return EXIT_USAGE;
    }
    a->input = optind < argc ? argv[optind] : "-";
    a->opts.lang = *lang;
    return -1;
}

/* Refuse an output or log that is the input, the log or inside the log's archive (M5). */
static int distinct_files(const classify_args *a, rasoat_lang lang)
{
    guarded_file files[4];
    char *archive = NULL;
    int n = 0, ok;

    memset(files, 0, sizeof files);
    files[n].path = strcmp(a->input, "-") == 0 ? NULL : a->input;
    files[n].fd = STDIN_FILENO;
    files[n].vi = files[n].path ? "tệp đầu vào" : "";
    files[n].en = files[n].path ? "the input" : "";
    n++;
    files[n].path = a->output;
    files[n].fd = STDOUT_FILENO;
    files[n].vi = "kết quả";
    files[n].en = "the results";
    files[n].writes = 1;
    n++;
    if (a->log != NULL) {
        size_t len = strlen(a->log) + sizeof ".rules";

        files[n].path = a->log;
        files[n].vi = "nhật ký";
        files[n].en = "the log";
        files[n].writes = 1;
        n++;
        if ((archive = (char *)malloc(len)) != NULL) {
            snprintf(archive, len, "%s.rules", a->log);
            files[n].path = archive;
            files[n].vi = "kho lưu bộ quy tắc của nhật ký";
            files[n].en = "the log's rule-set archive";
            files[n].tree = 1;
            n++;
        }
    }
    ok = same_file_check("rasoat classify", lang, files, n);
    free(archive);
    return ok;
}

/* Open the input ("-": standard input), refusing a directory; NULL with the cause printed. */
static FILE *open_input(const char *path, rasoat_lang lang)
{
    char cause[256];
    struct stat st;
    FILE *in;

    if (strcmp(path, "-") == 0)
        return stdin;
    if ((in = fopen(path, "rb")) == NULL || (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode))) {
        int errnum = in == NULL ? errno : EISDIR;

        if (in != NULL)
            fclose(in);
        fprintf(stderr, CLI_TEXT(lang, "rasoat classify: không đọc được %s: %s\n", "rasoat classify: cannot read %s: %s\n"),
                path, cli_strerror(errnum, lang, cause, sizeof cause));
        return NULL;
    }
    return in;
}

/* Where each result goes, in input order: the counts, the log, the output, the progress
** line. */
typedef struct sink {
    tally *counts;
    rasoat_log *log;
    FILE *out;
    progress *prog;
    FILE *in;
    rasoat_lang lang;
    long records, errors;
    int write_errno;
} sink;

/* Take the record of the household read at 'line' ('text', NULL for a fragment that never
** became a record). Returns 0 when the log or the output cannot be written. */
static int take_result(sink *k, long line, const char *text, size_t text_len,
                       const char *record, size_t len, int failed)
{
    k->records++;
    k->errors += failed;
    tally_record(k->counts, record, len);
    if (k->log != NULL && !cli_log_record(k->log, line, text, text_len, record, len))
        return 0;
    errno = 0;
    if (!emit(k->out, record, len)) {
        k->write_errno = errno ? errno : EIO;
        return 0;
    }
    if ((k->records & 4095) == 0)
        progress_update(k->prog, k->in, k->records, k->errors, k->lang);
    return 1;
}

/* The reader's own error record for a fragment that is not a household, in 'engine''s
** buffer. */
static void broken_record(rasoat_engine *engine, const input *reader, long line, rasoat_lang lang,
                          const char **record, size_t *len)
{
    rasoat_input_error_record(engine, reader->id, line, reader->kind ? reader->kind : "invalid_json",
                              reader->field, CLI_TEXT(lang, reader->problem->vi, reader->problem->en),
                              record, len);
}

/* Print a notice of the reader (a CSV header's ignored columns), once. */
static void reader_notice(input *reader, progress *prog)
{
    if (reader->notice != NULL) {
        progress_end(prog);
        fprintf(stderr, "rasoat classify: %s\n", reader->notice);
    }
}

/* One thread: read, classify and write each household in turn. */
static input_status classify_serial(rasoat_engine *engine, input *reader, sink *k)
{
    input_status st;
    long line;

    while ((st = input_next(reader, &line)) != INPUT_END && st != INPUT_IO) {
        const char *record;
        size_t len;
        int broken = st == INPUT_BROKEN, failed = broken;

        reader_notice(reader, k->prog);
        if (broken)
            broken_record(engine, reader, line, k->lang, &record, &len);
        else
            failed = rasoat_classify(engine, reader->buf, reader->length, line, &record, &len, NULL)
                     != RASOAT_OK;
        if (!take_result(k, line, broken ? NULL : reader->buf, broken ? 0 : reader->length,
                         record, len, failed))
            return INPUT_IO;
    }
    return st;
}

/* classify_stream.h: the CLI's serial path for one stream, without a log or a summary. */
int classify_stream(rasoat_engine *engine, FILE *in, const char *name, FILE *out, rasoat_lang lang,
                    long *records, long *errors)
{
    input reader;
    progress prog;
    tally counts;
    input_status st;
    sink k;

    input_init(&reader, in);
    input_options(&reader, lang, name);
    progress_start(&prog, in, 1);
    memset(&counts, 0, sizeof counts);
    memset(&k, 0, sizeof k);
    k.counts = &counts;
    k.out = out;
    k.prog = &prog;
    k.in = in;
    k.lang = lang;
    st = classify_serial(engine, &reader, &k);
    input_free(&reader);
    if (records != NULL)
        *records = k.records;
    if (errors != NULL)
        *errors = k.errors;
    return st == INPUT_IO ? EXIT_IO : k.errors > 0 ? EXIT_RECORD_ERRORS : EXIT_ALL_CLASSIFIED;
}

/*
** Take a batch classified by the threads of --jobs (classify_jobs.h), in input order: its
** decision log lines, one write of its records, the counts and the progress line. Returns
** 0 when the log or the output cannot be written.
*/
static int take_batch(void *ctx, const classify_batch *b)
{
    sink *k = (sink *)ctx;
    long before = k->records;
    size_t i;

    for (i = 0; k->log != NULL && i < b->n; i++) {
        const batch_record *r = &b->recs[i];

        if (!cli_log_record(k->log, r->line, r->made ? NULL : b->text + r->text, r->made ? 0 : r->text_len,
                            b->out + r->out, r->out_len))
            return 0;
    }
    k->records += (long)b->n;
    k->errors += b->errors;
    tally_add(k->counts, &b->counts);
    errno = 0;
    if (fwrite(b->out, 1, b->out_len, k->out) != b->out_len) {
        k->write_errno = errno ? errno : EIO;
        return 0;
    }
    if ((before >> 12) != (k->records >> 12))
        progress_update(k->prog, k->in, k->records, k->errors, k->lang);
    return 1;
}

/* A notice of the reader during --jobs: said once, as classify_serial says it. */
static void batch_notice(void *ctx, const char *notice)
{
    sink *k = (sink *)ctx;

    progress_end(k->prog);
    fprintf(stderr, "rasoat classify: %s\n", notice);
}

int cmd_classify(int argc, char **argv, rasoat_lang lang)
{
    classify_args a;
    rasoat_engine *engine = NULL;
    rasoat_log *log = NULL;
    rasoat_error err;
    FILE *in = stdin;
    outfile out;
    input reader;
    progress prog;
    tally counts;
    long records = 0, errors = 0;
    input_status st;
    rasoat_key *key = NULL;
    int status = parse_args(argc, argv, &lang, &a), write_errno = 0;
    char cause[256];

    if (status >= 0)
        return status;
    if (!distinct_files(&a, lang))
        return EXIT_USAGE;
    if (rasoat_open(&a.opts, &engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    if (a.sign != NULL && (key = cli_key_load(a.sign, lang)) == NULL) {
        rasoat_close(engine);
        return EXIT_USAGE;
    }
    if ((in = open_input(a.input, lang)) == NULL) {
        rasoat_key_free(key);
        rasoat_close(engine);
        return EXIT_IO;
    }
    if (a.log != NULL && (log = cli_log_open(a.log, engine, &a.opts, key, lang)) == NULL) {
        rasoat_key_free(key);
        if (in != stdin)
            fclose(in);
        rasoat_close(engine);
        return EXIT_IO;
    }
    if (!outfile_open(&out, a.output, "rasoat classify", lang)) {
        if (in != stdin)
            fclose(in);
        cli_log_close(log, a.log, lang);
        rasoat_key_free(key);
        rasoat_close(engine);
        return EXIT_IO;
    }
    {
        static char block[1 << 16];     /* glibc ignores the size unless given the buffer */

        setvbuf(out.f, block, _IOFBF, sizeof block);
    }

    input_init(&reader, in);
    input_options(&reader, lang, a.input);
    progress_start(&prog, in, a.quiet);
    memset(&counts, 0, sizeof counts);
    status = EXIT_ALL_CLASSIFIED;
    {
        sink k = {&counts, log, out.f, &prog, in, lang, 0, 0, 0};

        st = a.jobs > 1 ? classify_jobs_run(&a.opts, a.jobs, engine, &reader, lang, take_batch,
                                            batch_notice, &k)
                        : classify_serial(engine, &reader, &k);
        records = k.records;
        errors = k.errors;
        write_errno = k.write_errno;
    }
    progress_end(&prog);
    if (st == INPUT_IO) {
        if (write_errno != 0)
            fprintf(stderr, CLI_TEXT(lang, "rasoat classify: không ghi được %s sau %ld hộ: %s\n",
                                     "rasoat classify: cannot write %s after %ld households: %s\n"),
                    a.output ? a.output : CLI_TEXT(lang, "đầu ra chuẩn", "standard output"), records,
                    cli_strerror(write_errno, lang, cause, sizeof cause));
        else if (reader.err != 0)
            fprintf(stderr, CLI_TEXT(lang, "rasoat classify: không đọc được %s sau %ld hộ: %s\n",
                                     "rasoat classify: cannot read %s after %ld households: %s\n"),
                    strcmp(a.input, "-") == 0 ? CLI_TEXT(lang, "đầu vào chuẩn", "standard input") : a.input,
                    records, cli_strerror(reader.err, lang, cause, sizeof cause));
        status = EXIT_IO;
    } else if (errors > 0) {
        status = EXIT_RECORD_ERRORS;
    }
    input_free(&reader);
    if (in != stdin)
        fclose(in);
    if (status == EXIT_IO)
        outfile_discard(&out);     /* the previous file, if any, stays as it was */
    else if (!outfile_commit(&out, "rasoat classify", lang))
        status = EXIT_IO;
    if (!cli_log_close(log, a.log, lang))
        status = EXIT_IO;
    rasoat_key_free(key);
    if (status != EXIT_IO && !a.quiet && (a.output != NULL || !isatty(STDOUT_FILENO)))
        print_summary(&counts, records, seconds_since(&prog.start), lang);
    rasoat_close(engine);
    return status;
}
