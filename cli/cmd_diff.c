/*
** cmd_diff.c: 'rasoat diff': read the command line, open the two engines (each forced to one
** rule set), have diff_scan.c classify every household of the file under both (on --jobs
** threads), count the transitions of class and spool why each moved household moved, then
** check the --expect assertions. The report is written by diff_report.c;
** docs/rule-changes.md shows the workflow it serves.
*/
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "diff.h"
#include "diff_scan.h"
#include "diff_spool.h"
#include "input.h"
#include "io_error.h"
#include "options.h"
#include "outfile.h"
#include "same_file.h"

static const char help_vi[] =
    "Cách dùng: rasoat diff --from A --to B [TÙY CHỌN...] [TỆP]\n"
    "\n"
    "Phân loại mọi hộ trong TỆP (JSON Lines, mảng JSON hoặc CSV; '-' hoặc không có: đầu vào chuẩn)\n"
    "theo bộ quy tắc A và theo bộ quy tắc B, rồi báo cáo: ma trận chuyển hạng (hạng theo A →\n"
    "hạng theo B, thêm 'undetermined' và 'error' cho hộ không phân loại được), ma trận của\n"
    "từng xã, và với mỗi hộ đổi hạng: quy định quyết định theo A và theo B cùng các phép so\n"
    "sánh với ngưỡng. Ngày rà soát giữ nguyên như trong bản ghi.\n"
    "\n"
    "Tùy chọn:\n"
    "  --from ID         bộ quy tắc A (cũ), ví dụ vn/2022-2025\n"
    "  --to ID           bộ quy tắc B (mới), ví dụ vn/2027-2030\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --format text|csv|json  văn bản (mặc định), CSV (UTF-8 có BOM, mở được bằng Excel) hoặc JSON\n"
    "  --output TỆP      ghi báo cáo vào TỆP (thay trọn tệp khi đã ghi xong) thay vì đầu ra chuẩn\n"
    "  --jobs N          số luồng phân loại (mặc định: số lõi của máy); báo cáo giống hệt\n"
    "                    với mọi N\n"
    "  --expect \"KỲ_VỌNG\"  điều phải đúng, lặp lại được (viết bằng tiếng Anh):\n"
    "                    no household moves from HẠNG to HẠNG\n"
    "                    at most N households change\n"
    "                    at most N households move from HẠNG to HẠNG\n"
    "                    at least N households move from HẠNG to HẠNG\n"
    "                    HẠNG: poor, near_poor, middle_income, not_poor, undetermined, error\n"
    "  --lang vi|en      ngôn ngữ\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 xong và mọi kỳ vọng đều đúng; 1 có kỳ vọng sai; 2 lỗi dùng lệnh, kỳ vọng\n"
    "không hiểu được, hoặc lỗi bộ quy tắc; 3 lỗi đọc/ghi.\n"
    "\n"
    "Ví dụ:\n"
    "  rasoat diff --from vn/2022-2025 --to vn/2027-2030 \\\n"
    "      --expect \"no household moves from poor to not_poor\" hogiadinh.jsonl\n";

static const char help_en[] =
    "Usage: rasoat diff --from A --to B [OPTIONS...] [FILE]\n"
    "\n"
    "Classify every household of FILE (JSON Lines, a JSON array or CSV; '-' or none: standard\n"
    "input) under rule set A and under rule set B, and report: the transition matrix (class\n"
    "under A → class under B, with 'undetermined' and 'error' for households that got no\n"
    "class), the same matrix per commune, and for each household that moved: the provision\n"
    "that decided under A and under B with their threshold tests. Survey dates are kept as\n"
    "the records give them.\n"
    "\n"
    "Options:\n"
    "  --from ID         rule set A (the old one), e.g. vn/2022-2025\n"
    "  --to ID           rule set B (the new one), e.g. vn/2027-2030\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --format text|csv|json  text (default), CSV (UTF-8 with a BOM, for Excel) or JSON\n"
    "  --output FILE     write the report to FILE (replaced whole once written) instead of standard output\n"
    "  --jobs N          threads classifying (default: the cores present); the report is the\n"
    "                    same bytes for every N\n"
    "  --expect \"ASSERTION\"  what must hold, repeatable:\n"
    "                    no household moves from CLASS to CLASS\n"
    "                    at most N households change\n"
    "                    at most N households move from CLASS to CLASS\n"
    "                    at least N households move from CLASS to CLASS\n"
    "                    CLASS: poor, near_poor, middle_income, not_poor, undetermined, error\n"
    "  --lang vi|en      language\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 done and every expectation holds; 1 an expectation failed; 2 usage\n"
    "error, an assertion that cannot be read, or a rule-set error; 3 input/output failure.\n"
    "\n"
    "Example:\n"
    "  rasoat diff --from vn/2022-2025 --to vn/2027-2030 \\\n"
    "      --expect \"no household moves from poor to not_poor\" households.jsonl\n";

/* DIFF_* for a class name, or -1. */
static int class_index(const char *name)
{
    int i;

    for (i = 0; i < DIFF_NCLASSES; i++)
        if (strcmp(name, diff_class_name(i)) == 0)
            return i;
    return -1;
}

/* Is the next word of '*p' (case-insensitive) one of the '|'-separated 'words'? Advances
** past it and the blanks after it when it is. */
static int word(const char **p, const char *words)
{
    const char *s = *p, *w = words;
    size_t n = 0;

    while (s[n] && !isspace((unsigned char)s[n]))
        n++;
    while (*w) {
        size_t wl = strcspn(w, "|");

        if (wl == n && strncasecmp(s, w, n) == 0) {
            s += n;
            while (isspace((unsigned char)*s))
                s++;
            *p = s;
            return 1;
        }
        w += wl + (w[wl] == '|');
    }
    return 0;
}

/* Read a count N (non-negative) from '*p'. */
static int count(const char **p, long *n)
{
    char *end;

    if (!isdigit((unsigned char)**p))
        return 0;
    errno = 0;
    *n = strtol(*p, &end, 10);
    if (errno != 0 || (*end && !isspace((unsigned char)*end)))
        return 0;
    *p = end;
    while (isspace((unsigned char)**p))
        (*p)++;
    return 1;
}

/* Read a class name from '*p' into '*cls'. */
static int class_word(const char **p, int *cls)
{
    char name[32];
    size_t n = 0;

    while ((*p)[n] && !isspace((unsigned char)(*p)[n]))
        n++;
    if (n == 0 || n >= sizeof name)
        return 0;
    memcpy(name, *p, n);
    name[n] = '\0';
    if ((*cls = class_index(name)) < 0)
        return 0;
    *p += n;
    while (isspace((unsigned char)**p))
        (*p)++;
    return 1;
}

/* Parse assertion 'text' (the grammar of the help) into 'e'. Returns 1, or 0 when it is
** not one of the forms. */
static int parse_expect(const char *text, diff_expect *e)
{
    const char *p = text;

    memset(e, 0, sizeof *e);
    e->text = text;
    while (isspace((unsigned char)*p))
        p++;
    if (word(&p, "no")) {
        e->kind = DIFF_EXPECT_NONE_MOVE;
        if (!word(&p, "household|households") || !word(&p, "moves|move") || !word(&p, "from")
            || !class_word(&p, &e->from) || !word(&p, "to") || !class_word(&p, &e->to))
            return 0;
    } else if (word(&p, "at")) {
        int most = word(&p, "most");

        if (!most && !word(&p, "least"))
            return 0;
        if (!count(&p, &e->n) || !word(&p, "household|households"))
            return 0;
        if (most && word(&p, "change|changes|changed")) {
            e->kind = DIFF_EXPECT_AT_MOST_CHANGE;
        } else {
            e->kind = most ? DIFF_EXPECT_AT_MOST_MOVE : DIFF_EXPECT_AT_LEAST_MOVE;
            if (!word(&p, "move|moves") || !word(&p, "from") || !class_word(&p, &e->from)
                || !word(&p, "to") || !class_word(&p, &e->to))
                return 0;
        }
    } else {
        return 0;
    }
    return *p == '\0';
}

/*
** Check every expectation of 'run', printing each failure (with up to ten households it
** concerns) to stderr. Returns the number that failed.
*/
static int check_expectations(diff_run *run)
{
    size_t i;
    int failed = 0, k;
    rasoat_lang lang = run->lang;

    for (i = 0; i < run->nexpects; i++) {
        diff_expect *e = &run->expects[i];

        if (e->kind == DIFF_EXPECT_AT_MOST_CHANGE) {
            e->actual = run->changed;
            e->holds = e->actual <= e->n;
        } else {
            e->actual = run->total.n[e->from][e->to];
            e->holds = e->kind == DIFF_EXPECT_NONE_MOVE ? e->actual == 0
                     : e->kind == DIFF_EXPECT_AT_MOST_MOVE ? e->actual <= e->n : e->actual >= e->n;
        }
        if (e->holds)
            continue;
        failed++;
        if (e->kind == DIFF_EXPECT_AT_MOST_CHANGE)
            fprintf(stderr, CLI_TEXT(lang, "rasoat diff: kỳ vọng không đạt: \"%s\": %ld hộ đổi hạng",
                                     "rasoat diff: expectation failed: \"%s\": %ld households changed"),
                    e->text, e->actual);
        else
            fprintf(stderr, CLI_TEXT(lang, "rasoat diff: kỳ vọng không đạt: \"%s\": %ld hộ chuyển từ %s sang %s",
                                     "rasoat diff: expectation failed: \"%s\": %ld households moved from %s to %s"),
                    e->text, e->actual, diff_class_name(e->from), diff_class_name(e->to));
        for (k = 0; k < e->nshown; k++)      /* the first movers it concerns, as diff_scan kept them */
            fprintf(stderr, "%s%s", k ? ", " : " (", e->shown[k]);
        if (e->nshown)
            fprintf(stderr, "%s)", (long)e->nshown < e->actual ? ", …" : "");
        fputc('\n', stderr);
    }
    return failed;
}

static void free_run(diff_run *run)
{
    size_t i;
    int k;

    for (i = 0; i < run->ncommunes; i++)
        free(run->communes[i].name);
    for (i = 0; i < run->nexpects; i++)
        for (k = 0; k < run->expects[i].nshown; k++)
            free(run->expects[i].shown[k]);
    free(run->communes);
    free(run->commune_slots);
    diff_spool_close(run->spool);
    free(run->expects);
}

int cmd_diff(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_FROM = 256, OPT_TO, OPT_FORMAT, OPT_EXPECT, OPT_HELP };
    static const struct option longopts[] = {
        {"from", required_argument, NULL, OPT_FROM},
        {"to", required_argument, NULL, OPT_TO},
        CLI_LONGOPT_RULES,
        {"format", required_argument, NULL, OPT_FORMAT},
        {"expect", required_argument, NULL, OPT_EXPECT},
        CLI_LONGOPT_OUTPUT,
        CLI_LONGOPT_JOBS,
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    diff_run run;
    cli_common common;
    const char *rules, *format = "text", *output;
    outfile out;
    rasoat_engine *ea = NULL, *eb = NULL;
    FILE *f = stdin;
    input in;
    rasoat_options opts[2];
    int c, status = EXIT_ALL_CLASSIFIED, written, jobs;

    memset(&run, 0, sizeof run);
    cli_common_init(&common, lang);
    common.rules_dir = cli_default_rules();
    run.path = "-";
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int taken = cli_common_option(c, optarg, &common);

        if (taken < 0) {
            free(run.expects);
            return cli_common_refused("rasoat diff", c, optarg, lang);
        }
        lang = common.lang;
        if (taken > 0)
            continue;
        switch (c) {
        case OPT_FROM: run.from = optarg; break;
        case OPT_TO: run.to = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0) {
                free(run.expects);
                return cli_bad_value("rasoat diff", "format", optarg, "text, csv hoặc json", "text, csv or json", lang);
            }
            format = optarg;
            break;
        case OPT_EXPECT:
            run.expects = (diff_expect *)diff_xrealloc(run.expects, (run.nexpects + 1) * sizeof *run.expects);
            if (!parse_expect(optarg, &run.expects[run.nexpects])) {
                fprintf(stderr, CLI_TEXT(lang, "rasoat diff: không hiểu kỳ vọng \"%s\"; xem rasoat diff --help\n",
                                         "rasoat diff: cannot read the assertion \"%s\"; see rasoat diff --help\n"), optarg);
                free(run.expects);
                return EXIT_USAGE;
            }
            run.nexpects++;
            break;
        case OPT_HELP:
            printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
            free(run.expects);
            return EXIT_ALL_CLASSIFIED;
        default:
            free(run.expects);
            return cli_bad_option("rasoat diff", argv, optind, lang);
        }
    }
    rules = common.rules_dir;
    output = common.output;
    jobs = common.jobs;
    if (run.from == NULL || run.to == NULL || argc - optind > 1)
        goto bad;
    if (optind < argc)
        run.path = argv[optind];
    run.lang = lang;
    run.format = strcmp(format, "json") == 0 ? DIFF_FORMAT_JSON
               : strcmp(format, "csv") == 0 ? DIFF_FORMAT_CSV : DIFF_FORMAT_TEXT;
    {
        guarded_file files[2];

        memset(files, 0, sizeof files);
        files[0].path = strcmp(run.path, "-") == 0 ? NULL : run.path;
        files[0].vi = files[0].path ? "tệp đầu vào" : "";
        files[0].en = files[0].path ? "the input" : "";
        files[1].path = output;
        files[1].fd = 1;
        files[1].vi = "báo cáo";
        files[1].en = "the report";
        files[1].writes = 1;
        if (!same_file_check("rasoat diff", lang, files, 2)) {
            free(run.expects);
            return EXIT_USAGE;
        }
    }

    if ((ea = cli_open(rules, run.from, lang)) == NULL || (eb = cli_open(rules, run.to, lang)) == NULL) {
        rasoat_close(ea);
        free(run.expects);
        return EXIT_USAGE;
    }
    if (strcmp(run.path, "-") != 0 && (f = fopen(run.path, "rb")) == NULL) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(lang, "rasoat diff: không mở được %s: %s\n", "rasoat diff: cannot open %s: %s\n"), run.path,
                cli_strerror(errno, lang, cause, sizeof cause));
        status = EXIT_IO;
        goto done;
    }
    memset(opts, 0, sizeof opts);
    opts[0].rules_dir = opts[1].rules_dir = rules;     /* the options cli_open used */
    opts[0].lang = opts[1].lang = lang;
    opts[0].force_ruleset = run.from;
    opts[1].force_ruleset = run.to;
    input_init(&in, f);
    input_options(&in, lang, run.path);
    status = diff_scan(&run, ea, eb, opts, jobs, &in);
    input_free(&in);
    if (f != stdin)
        fclose(f);
    if (status != EXIT_ALL_CLASSIFIED)
        goto done;
    /* Expectations are checked first so that the JSON report can carry their outcome. */
    if (check_expectations(&run) > 0)
        status = 1;
    if (!outfile_open(&out, output, "rasoat diff", lang)) {
        status = EXIT_IO;
        goto done;
    }
    written = run.format == DIFF_FORMAT_JSON ? diff_report_json(out.f, &run)
            : run.format == DIFF_FORMAT_CSV ? diff_report_csv(out.f, &run) : diff_report_text(out.f, &run);
    if (written != 0) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(lang, "rasoat diff: không ghi được báo cáo: %s\n", "rasoat diff: cannot write the report: %s\n"),
                cli_strerror(errno ? errno : EIO, lang, cause, sizeof cause));
        outfile_discard(&out);
        status = EXIT_IO;
    } else if (!outfile_commit(&out, "rasoat diff", lang)) {
        status = EXIT_IO;
    }

done:
    rasoat_close(ea);
    rasoat_close(eb);
    free_run(&run);
    return status;

bad:
    fprintf(stderr, CLI_TEXT(lang, "rasoat diff: tùy chọn không hợp lệ (cần --from và --to); xem rasoat diff --help\n",
                             "rasoat diff: invalid usage (--from and --to are required); see rasoat diff --help\n"));
    free(run.expects);
    return EXIT_USAGE;
}
