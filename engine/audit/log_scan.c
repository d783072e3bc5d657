/*
** log_scan.c: reading what a decision log decided (see log_scan.h).
*/
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "log_scan.h"

const char *log_household_id(const cJSON *line)
{
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(line, "result");
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(result, "id"));

    if (id == NULL)
        id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                 cJSON_GetObjectItemCaseSensitive(line, "input"), "id"));
    return id;
}

char *log_input_text(const cJSON *line, size_t *len)
{
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(line, "input");
    const char *b64 = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(line, "input_base64"));
    char *text = NULL;

    if (b64 != NULL) {
        size_t n = strlen(b64), cap = n / 4 * 3 + 3;

        text = (char *)malloc(cap + 1);
        if (text != NULL && sodium_base642bin((unsigned char *)text, cap, b64, n, NULL, len, NULL,
                                              sodium_base64_VARIANT_ORIGINAL) != 0) {
            free(text);
            text = NULL;
        }
    } else if (cJSON_IsString(input)) {
        *len = strlen(input->valuestring);
        text = (char *)malloc(*len + 1);
        if (text != NULL)
            memcpy(text, input->valuestring, *len + 1);
    } else if (cJSON_IsObject(input)) {
        char *printed = cJSON_PrintUnformatted(input);

        if (printed != NULL) {
            *len = strlen(printed);
            text = (char *)malloc(*len + 1);
            if (text != NULL)
                memcpy(text, printed, *len + 1);
            cJSON_free(printed);
        }
    }
    return text;
}

int log_scan(FILE *f, int (*each)(const audit_line *l, long lineno, void *ud), void *ud)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int go_on = 1;

    while (go_on && (n = getline(&buf, &cap, f)) > 0) {
        size_t len = buf[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;
        audit_line l;

        lineno++;
        if (audit_line_read(buf, len, &l) != AUDIT_LINE_MALFORMED
            && cJSON_GetObjectItemCaseSensitive(l.json, "result") != NULL)
            go_on = each(&l, lineno, ud);
        audit_line_free(&l);
    }
    free(buf);
    return !ferror(f);
}

/* log_scan callback: remember the line's seq as its household's latest. */
static int note_latest(const audit_line *l, long lineno, void *ud)
{
    const char *id = log_household_id(l->json);

    (void)lineno;
    return id == NULL || id_set_put((id_set *)ud, id, strlen(id), l->seq) >= 0;
}

int log_latest_seqs(FILE *f, id_set *latest)
{
    return log_scan(f, note_latest, latest);
}
