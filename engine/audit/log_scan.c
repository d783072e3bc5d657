/*
** log_scan.c: reading what a decision log decided (see log_scan.h).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "audit_text.h"
#include "error.h"
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

/* {====================================================================
** Public API (rasoat.h): rasoat_log_scan_*
** ===================================================================== */

struct rasoat_log_scan {
    FILE *f;
    char *path;
    int use_latest;
    rasoat_lang lang;
    id_set latest;
    char *buf;          /* the current line */
    size_t cap;
    long lineno;
    char *id;           /* the current line's household id (a copy) */
    char *input;        /* its input bytes (log_input_text) */
};

int rasoat_log_scan_open(const char *path, int latest, rasoat_lang lang, rasoat_log_scan **out,
                         rasoat_error *err)
{
    rasoat_log_scan *s = (rasoat_log_scan *)calloc(1, sizeof *s);
    char cause[256];

    *out = NULL;
    if (s == NULL || (s->path = strdup(path)) == NULL) {
        free(s);
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", RASOAT_LANG_VI, "log_no_memory", NULL,
                          NULL, NULL, NULL);
    }
    s->lang = lang;
    if ((s->f = fopen(path, "rbe")) == NULL) {
        int saved = errno;

        audit_fail(err, RASOAT_E_SYSTEM, "open", lang, "scan_open", path,
                   audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
        rasoat_log_scan_close(s);
        errno = saved;
        return RASOAT_E_SYSTEM;
    }
    s->use_latest = latest;
    if (latest && (!log_latest_seqs(s->f, &s->latest) || fseek(s->f, 0, SEEK_SET) != 0)) {
        rasoat_log_scan_close(s);
        return audit_fail(err, RASOAT_E_SYSTEM, "read", lang, "scan_read", path, NULL, NULL, NULL);
    }
    *out = s;
    return RASOAT_OK;
}

int rasoat_log_scan_next(rasoat_log_scan *s, rasoat_logged *d, rasoat_error *err)
{
    ssize_t n;

    memset(d, 0, sizeof *d);
    while ((n = getline(&s->buf, &s->cap, s->f)) > 0) {
        size_t len = s->buf[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;
        audit_line l;
        const char *id;

        s->lineno++;
        s->buf[len] = '\0';
        if (audit_line_read(s->buf, len, &l) == AUDIT_LINE_MALFORMED
            || cJSON_GetObjectItemCaseSensitive(l.json, "result") == NULL) {
            audit_line_free(&l);
            continue;
        }
        free(s->id);
        free(s->input);
        s->id = s->input = NULL;
        id = log_household_id(l.json);
        if (id != NULL && (s->id = strdup(id)) == NULL) {
            audit_line_free(&l);
            return audit_fail(err, RASOAT_E_SYSTEM, "memory", s->lang, "log_no_memory", NULL, NULL,
                              NULL, NULL);
        }
        d->seq = l.seq;
        d->line = s->lineno;
        d->id = s->id;
        d->latest = s->use_latest && id != NULL
                 && id_set_get(&s->latest, id, strlen(id)) == l.seq;
        d->text = s->buf;
        d->len = len;
        s->input = log_input_text(l.json, &d->input_len);
        d->input = s->input;
        if (d->input == NULL)
            d->input_len = 0;
        audit_line_free(&l);
        return 1;
    }
    if (ferror(s->f))
        return audit_fail(err, RASOAT_E_SYSTEM, "read", s->lang, "scan_read", s->path, NULL, NULL,
                          NULL);
    return 0;
}

void rasoat_log_scan_close(rasoat_log_scan *s)
{
    if (s == NULL)
        return;
    if (s->f != NULL)
        fclose(s->f);
    id_set_free(&s->latest);
    free(s->buf);
    free(s->id);
    free(s->input);
    free(s->path);
    free(s);
}

/* }==================================================================== */
