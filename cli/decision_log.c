/*
** decision_log.c: the decision log for 'rasoat classify --log' (decision_log.h): the
** library writes it; this file says what happened, in the words policy staff read.
*/
#include <stdio.h>

#include "cli.h"
#include "decision_log.h"

rasoat_key *cli_key_load(const char *path, rasoat_lang lang)
{
    rasoat_key *key = NULL;
    rasoat_error err;
    int st = rasoat_key_load(path, lang, &key, &err);

    if (st != RASOAT_OK)
        fprintf(stderr, "rasoat classify: %s\n", err.message);
    return key;
}

rasoat_log *cli_log_open(const char *path, rasoat_engine *engine, const rasoat_options *opts,
                         const rasoat_key *key, rasoat_lang lang)
{
    rasoat_log *log = NULL;
    rasoat_error err;

    if (rasoat_log_open(path, engine, opts, key, lang, &log, &err) != RASOAT_OK)
        fprintf(stderr, "rasoat classify: %s\n", err.message);
    return log;
}

int cli_log_record(rasoat_log *log, long line, const char *input, size_t input_len,
                   const char *record, size_t record_len)
{
    rasoat_error err;
    int st = rasoat_log_record(log, line, input, input_len, record, record_len, &err);

    if (st != RASOAT_OK)
        fprintf(stderr, "rasoat classify: %s\n", err.message);
    return st >= 0;
}

int cli_log_close(rasoat_log *log, const char *path, rasoat_lang lang)
{
    rasoat_log_summary s;
    rasoat_error err;
    int st;

    if (log == NULL)
        return 1;
    err.message[0] = '\0';
    st = rasoat_log_close(log, &s, &err);
    if (s.repeated > 0)
        fprintf(stderr, CLI_TEXT(lang,
                "rasoat classify: cảnh báo: %lld hộ trong lượt này đã có quyết định trong nhật ký %s (ví dụ %s); "
                "quyết định mới nhất của mỗi hộ là quyết định có hiệu lực: rasoat log latest %s\n",
                "rasoat classify: warning: %lld households of this run already had decisions in log %s (e.g. %s); "
                "each household's latest decision is the one that counts: rasoat log latest %s\n"),
                s.repeated, path, s.first_repeated, path);
    if (s.written)
        fprintf(stderr, CLI_TEXT(lang,
                "rasoat classify: nhật ký %s: %lld dòng; mã băm đầu chuỗi %s%s\n",
                "rasoat classify: log %s: %lld lines; chain head %s%s\n"),
                path, s.lines, s.head, s.signed_run ? CLI_TEXT(lang, " (đã ký)", " (signed)") : "");
    if (st < 0 && err.message[0] != '\0')
        fprintf(stderr, "rasoat classify: %s\n", err.message);
    return st >= 0;
}
