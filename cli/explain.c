/*
** explain.c: 'rasoat explain': why one household was classified so, provision by
** provision, with margins and the smallest change that would change its class.
*/
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "input.h"
#include "io_error.h"
#include "options.h"

static const char help_vi[] =
    "Cách dùng: rasoat explain [TÙY CHỌN...] [TỆP]\n"
    "\n"
    "Giải thích việc phân loại một hộ: bộ quy tắc được chọn và lý do (ngày rà soát, tỉnh);\n"
    "từng quy định được xét theo thứ tự, với giá trị đã đọc, căn cứ pháp lý, trạng thái xác\n"
    "minh và kết quả; khoảng cách tới từng ngưỡng; thay đổi nhỏ nhất làm đổi hạng; và như vậy\n"
    "cho từng chuẩn riêng của địa phương.\n"
    "Hộ được đọc từ đầu vào chuẩn (một bản ghi), hoặc lấy theo --id trong TỆP (JSON Lines,\n"
    "mảng JSON hoặc CSV).\n"
    "\n"
    "Tùy chọn:\n"
    "  --id ID           mã hộ cần giải thích trong TỆP\n"
    "  --format text|json  văn bản (mặc định) hoặc JSON theo lược đồ rasoat.explain/1\n"
    "  --rules THƯ_MỤC   thư mục bộ quy tắc (mặc định: %s)\n"
    "  --ruleset ID      dùng bộ quy tắc ID thay vì chọn theo ngày\n"
    "  --as-of NGÀY      dùng NGÀY (YYYY-MM-DD) thay cho survey_date\n"
    "  --lang vi|en      ngôn ngữ (mặc định: vi)\n"
    "  --help            hướng dẫn này\n"
    "\n"
    "Mã thoát: 0 đã giải thích; 1 hộ không phân loại được (thông báo lỗi được in ra);\n"
    "2 lỗi dùng lệnh, không tìm thấy hộ, hoặc lỗi bộ quy tắc; 3 lỗi đọc tệp.\n";

static const char help_en[] =
    "Usage: rasoat explain [OPTIONS...] [FILE]\n"
    "\n"
    "Explain how one household is classified: the rule set chosen and why (survey date,\n"
    "province); each provision tried in order, with the values it read, its legal citation,\n"
    "verification status and outcome; the margins to each threshold; the smallest change that\n"
    "would change the class; and the same for each local standard of its province.\n"
    "The household is read from standard input (one record), or found by --id in FILE (JSON\n"
    "Lines, a JSON array or CSV).\n"
    "\n"
    "Options:\n"
    "  --id ID           the household to explain, in FILE\n"
    "  --format text|json  text (default) or JSON, schema rasoat.explain/1\n"
    "  --rules DIR       directory of rule sets (default: %s)\n"
    "  --ruleset ID      use rule set ID instead of choosing by date\n"
    "  --as-of DATE      use DATE (YYYY-MM-DD) instead of survey_date\n"
    "  --lang vi|en      language (default: vi)\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 explained; 1 the household cannot be classified (the error is printed);\n"
    "2 usage error, household not found, or rule-set error; 3 the file cannot be read.\n";

/* Does the record text carry id 'id'? */
static int has_id(const char *text, size_t len, const char *id)
{
    cJSON *r = cJSON_ParseWithLength(text, len);
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(r, "id");
    int same = cJSON_IsString(item) && strcmp(item->valuestring, id) == 0;

    cJSON_Delete(r);
    return same;
}

/*
** Read the record to explain from 'f' into 'in' (its buffer): the one with 'id', or, with
** 'id' NULL, the only one. Returns 0 when found, else an exit status (message printed).
*/
static int find_record(input *in, const char *id, rasoat_lang lang)
{
    long line;
    input_status st;
    int found = 0;

    while ((st = input_next(in, &line)) == INPUT_RECORD || st == INPUT_BROKEN) {
        if (st == INPUT_BROKEN)
            continue;
        if (id == NULL) {
            input_status more = input_next(in, &line);

            if (more == INPUT_RECORD || more == INPUT_BROKEN) {
                fprintf(stderr, CLI_TEXT(lang, "rasoat explain: đầu vào có nhiều hộ; hãy chỉ rõ --id\n",
                                         "rasoat explain: the input holds several households; give --id\n"));
                return EXIT_USAGE;
            }
            found = 1;
            break;
        }
        if (has_id(in->buf, in->length, id)) {
            found = 1;
            break;
        }
    }
    if (st == INPUT_IO) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không đọc được đầu vào: %s\n", "rasoat explain: cannot read the input: %s\n"),
                cli_strerror(in->err ? in->err : EIO, lang, cause, sizeof cause));
        return EXIT_IO;
    }
    if (!found) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không tìm thấy hộ %s\n", "rasoat explain: household %s not found\n"),
                id ? id : "");
        return EXIT_USAGE;
    }
    return 0;
}

int cmd_explain(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_ID = 256, OPT_FORMAT, OPT_RULES, OPT_RULESET, OPT_AS_OF, OPT_LANG, OPT_HELP };
    static const struct option longopts[] = {
        {"id", required_argument, NULL, OPT_ID},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"rules", required_argument, NULL, OPT_RULES},
        {"ruleset", required_argument, NULL, OPT_RULESET},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    rasoat_options opts;
    rasoat_engine *engine;
    rasoat_error err;
    rasoat_explain_format format = RASOAT_EXPLAIN_TEXT;
    const char *id = NULL, *path = "-", *text;
    FILE *f = stdin;
    input in;
    size_t len;
    int c, status;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = cli_default_rules();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_ID: id = optarg; break;
        case OPT_RULES: opts.rules_dir = optarg; break;
        case OPT_RULESET: opts.force_ruleset = optarg; break;
        case OPT_AS_OF: opts.as_of = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                format = RASOAT_EXPLAIN_JSON;
            else if (strcmp(optarg, "text") != 0)
                return cli_bad_value("rasoat explain", "format", optarg, "text hoặc json", "text or json", lang);
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &lang))
                return cli_bad_value("rasoat explain", "lang", optarg, "vi hoặc en", "vi or en", lang);
            break;
        case OPT_HELP:
            printf(CLI_TEXT(lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        default:
            return cli_bad_option("rasoat explain", argv, optind, lang);
        }
    }
    if (argc - optind > 1)
        goto bad;
    if (optind < argc)
        path = argv[optind];

    opts.lang = lang;
    if (rasoat_open(&opts, &engine, &err) != RASOAT_OK) {
        cli_report_open_error(&err);
        return EXIT_USAGE;
    }
    if (strcmp(path, "-") != 0 && (f = fopen(path, "rb")) == NULL) {
        char cause[256];

        fprintf(stderr, CLI_TEXT(lang, "rasoat explain: không mở được %s: %s\n", "rasoat explain: cannot open %s: %s\n"), path,
                cli_strerror(errno, lang, cause, sizeof cause));
        rasoat_close(engine);
        return EXIT_IO;
    }
    input_init(&in, f);
    input_options(&in, lang, path);
    status = find_record(&in, id, lang);
    if (status == 0) {
        if (rasoat_explain(engine, in.buf, in.length, lang, format, &text, &len, &err) == RASOAT_OK) {
            fwrite(text, 1, len, stdout);
            if (format == RASOAT_EXPLAIN_JSON)
                putchar('\n');
        } else {
            fprintf(stderr, "rasoat explain: %s%s%s\n", err.field[0] ? err.field : "",
                    err.field[0] ? ": " : "", err.message);
            status = EXIT_RECORD_ERRORS;
        }
    }
    input_free(&in);
    if (f != stdin)
        fclose(f);
    rasoat_close(engine);
    return status;

bad:
    fprintf(stderr, CLI_TEXT(lang, "rasoat explain: chỉ nhận một tệp đầu vào ('%s' là tệp thứ hai); xem rasoat explain --help\n",
                             "rasoat explain: takes one input file ('%s' is a second one); see rasoat explain --help\n"),
            argv[optind + 1]);
    return EXIT_USAGE;
}
