/*
** serve_token.c: the access token of 'rasoat serve' (serve_token.h).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "cli.h"
#include "io_error.h"
#include "serve_token.h"

int serve_token_read(serve_token *t, const char *path, rasoat_lang lang)
{
    char line[SERVE_TOKEN_MAX + 4], cause[256];
    FILE *f = fopen(path, "r");
    size_t start = 0, end, i;

    memset(t, 0, sizeof *t);
    if (f == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat serve: không đọc được tệp mã truy cập %s: %s\n",
                                 "rasoat serve: cannot read the token file %s: %s\n"),
                path, cli_strerror(errno, lang, cause, sizeof cause));
        return 0;
    }
    if (fgets(line, sizeof line, f) == NULL)
        line[0] = '\0';
    fclose(f);
    end = strlen(line);
    while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t'))
        end--;
    while (start < end && (line[start] == ' ' || line[start] == '\t'))
        start++;
    for (i = start; i < end; i++)
        if (line[i] <= ' ' || line[i] > '~')
            break;
    if (end - start < 16 || end - start > SERVE_TOKEN_MAX || i < end) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat serve: mã truy cập trong %s cần từ 16 đến %d ký tự ASCII in được, không có khoảng trắng\n",
                                 "rasoat serve: the token in %s must be 16 to %d printable ASCII characters, no blanks\n"),
                path, SERVE_TOKEN_MAX);
        return 0;
    }
    t->len = end - start;
    memcpy(t->text, line + start, t->len);
    sodium_memzero(line, sizeof line);
    return 1;
}

int serve_token_ok(const serve_token *t, const char *header)
{
    char given[SERVE_TOKEN_MAX];
    size_t n;

    if (t->len == 0)
        return 1;
    if (header == NULL || strncasecmp(header, "Bearer ", 7) != 0)
        return 0;
    header += 7;
    n = strlen(header);
    memset(given, 0, sizeof given);
    memcpy(given, header, n < sizeof given ? n : sizeof given);
    /* The same number of bytes compared whatever the header holds. */
    return (sodium_memcmp(given, t->text, t->len) == 0) & (n == t->len);
}
