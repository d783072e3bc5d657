/*
** diff_report.c: what 'rasoat diff' says (diff.h): the reason a household moved, read out
** of its rasoat.explain/1 JSON (the deciding provision and its threshold tests), and the
** report in its three formats: text for people (localized), CSV (two RFC 4180 blocks: the
** matrices, then the movers) and one JSON object written with cJSON. docs/rule-changes.md
** describes each.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "diff_spool.h"
#include "words.h"

/* A growing string. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append printf-formatted text to 'b' (always NUL-terminated). */
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->p = (char *)diff_xrealloc(b->p, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* 'v' with thousands grouped the way 'lang' writes them: 1.600.000 (vi), 1,600,000 (en). */
static void format_number(double v, rasoat_lang lang, char *out, size_t size)
{
    char digits[32], grouped[48];
    long long n = (long long)v;
    size_t len, i, j = 0;
    int neg = n < 0;

    if ((double)n != v) {
        snprintf(out, size, "%g", v);
        return;
    }
    snprintf(digits, sizeof digits, "%lld", neg ? -n : n);
    len = strlen(digits);
    if (neg)
        grouped[j++] = '-';
    for (i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[j++] = lang == RASOAT_LANG_EN ? ',' : '.';
        grouped[j++] = digits[i];
    }
    grouped[j] = '\0';
    snprintf(out, size, "%s", grouped);
}

/* The comparison sign of a threshold test's op, or NULL for a test without threshold. */
static const char *op_sign(const char *op)
{
    if (strcmp(op, "at_most") == 0) return "≤";
    if (strcmp(op, "at_least") == 0) return "≥";
    if (strcmp(op, "above") == 0) return ">";
    if (strcmp(op, "below") == 0) return "<";
    return NULL;
}

/* Is 't' (a TEST of docs/explain.md) a comparison of a fact with a threshold? */
static int is_threshold_test(const cJSON *t)
{
    const cJSON *op = cJSON_GetObjectItemCaseSensitive(t, "op");

    return cJSON_IsString(op) && op_sign(op->valuestring) != NULL
        && cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(t, "threshold"))
        && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(t, "param"))
        && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(t, "fact"));
}

/* Append "income 1.600.000 ≤ income_line 1.500.000: sai" for threshold test 't'. */
static void render_test(sbuf *b, const cJSON *t, rasoat_lang lang)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(t, "value");
    char v[48], th[48];

    format_number(cJSON_GetObjectItemCaseSensitive(t, "threshold")->valuedouble, lang, th, sizeof th);
    if (cJSON_IsNumber(value))
        format_number(value->valuedouble, lang, v, sizeof v);
    else
        snprintf(v, sizeof v, "%s", CLI_TEXT(lang, "(không có)", "(absent)"));
    sb_printf(b, "%s %s %s %s %s: %s", cJSON_GetObjectItemCaseSensitive(t, "fact")->valuestring, v,
              op_sign(cJSON_GetObjectItemCaseSensitive(t, "op")->valuestring),
              cJSON_GetObjectItemCaseSensitive(t, "param")->valuestring, th,
              cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "holds"))
                  ? CLI_TEXT(lang, "đúng", "true") : CLI_TEXT(lang, "sai", "false"));
}

/* Is a test equal to 't' (same op, fact, value, param and threshold) already in 'tests'? */
static int has_test(const cJSON *tests, const cJSON *t)
{
    static const char *const keys[] = {"op", "fact", "value", "param", "threshold"};
    const cJSON *u;
    size_t k;

    cJSON_ArrayForEach(u, tests) {
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (!cJSON_Compare(cJSON_GetObjectItemCaseSensitive(u, keys[k]),
                               cJSON_GetObjectItemCaseSensitive(t, keys[k]), 1))
                break;
        if (k == sizeof keys / sizeof keys[0])
            return 1;
    }
    return 0;
}

/*
** Add copies of the threshold tests of 'step' to 'tests', once each; with 'failed_only',
** only the tests that did not hold on a fact the household has (why an earlier provision
** did not decide).
*/
static void collect_tests(cJSON *tests, const cJSON *step, int failed_only)
{
    const cJSON *t;

    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(step, "tests")) {
        if (!is_threshold_test(t) || has_test(tests, t))
            continue;
        if (failed_only && (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "holds"))
                            || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(t, "value"))))
            continue;
        cJSON_AddItemToArray(tests, cJSON_Duplicate(t, 1));
    }
}

/*
** (diff.h) Fill 'side' from the national part of the rasoat.explain/1 JSON 'explained': the
** deciding provision, and the threshold tests that decided: those of the deciding
** provision, or, when it has none (a catch-all such as not_poor), the failed threshold
** tests of the provisions tried before it. Builds the reason text.
*/
void diff_side_explain(diff_side *side, const cJSON *explained, rasoat_lang lang)
{
    const cJSON *national = cJSON_GetObjectItemCaseSensitive(explained, "national");
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(national, "decision");
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(national, "steps");
    const cJSON *provision = cJSON_GetObjectItemCaseSensitive(decision, "provision");
    const cJSON *gap = cJSON_GetObjectItemCaseSensitive(decision, "undetermined");
    const cJSON *t;
    int nsteps = cJSON_GetArraySize(steps), i;
    sbuf b = {NULL, 0, 0};

    if (cJSON_IsString(provision))
        side->provision = diff_xstrdup(provision->valuestring);
    side->tests = cJSON_CreateArray();
    if (nsteps > 0)
        collect_tests(side->tests, cJSON_GetArrayItem(steps, nsteps - 1), 0);
    if (cJSON_GetArraySize(side->tests) == 0)
        for (i = 0; i < nsteps - 1; i++)
            collect_tests(side->tests, cJSON_GetArrayItem(steps, i), 1);
    sb_printf(&b, "%s", side->provision ? side->provision : "?");
    if (cJSON_IsString(gap))
        sb_printf(&b, " (%s %s)", CLI_TEXT(lang, "nội dung chưa xác minh", "gap"), gap->valuestring);
    i = 0;
    cJSON_ArrayForEach(t, side->tests) {
        sb_printf(&b, i++ ? "; " : " (");
        render_test(&b, t, lang);
    }
    if (i > 0)
        sb_printf(&b, ")");
    side->reason = b.p;
}

/* Columns of text a UTF-8 string takes (one per code point: Vietnamese is precomposed). */
static size_t text_width(const char *s)
{
    size_t w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Write 's' padded with spaces to 'width' columns, left- or right-aligned. */
static void pad(FILE *out, const char *s, size_t width, int right)
{
    size_t w = text_width(s);

    if (!right)
        fputs(s, out);
    for (; w < width; w++)
        fputc(' ', out);
    if (right)
        fputs(s, out);
}

/* How many households of 'm' changed class (the cells off the diagonal). */
static long changed_in(const diff_matrix *m)
{
    long n = 0;
    int i, j;

    for (i = 0; i < DIFF_NCLASSES; i++)
        for (j = 0; j < DIFF_NCLASSES; j++)
            if (i != j)
                n += m->n[i][j];
    return n;
}

/* Print matrix 'm' as a table: a row per class under A, a column per class under B, and
** the totals of each row and column. */
static void text_matrix(FILE *out, const diff_matrix *m, rasoat_lang lang)
{
    const char *corner = "A \\ B", *total = CLI_TEXT(lang, "tổng", "total");
    long col_total[DIFF_NCLASSES + 1] = {0};
    size_t label = text_width(corner), width[DIFF_NCLASSES + 1];
    char num[32];
    int i, j;

    for (i = 0; i < DIFF_NCLASSES; i++) {
        if (text_width(cli_class_short(diff_class_name(i), lang)) > label)
            label = text_width(cli_class_short(diff_class_name(i), lang));
        width[i] = text_width(cli_class_short(diff_class_name(i), lang));
    }
    width[DIFF_NCLASSES] = text_width(total) > 5 ? text_width(total) : 5;
    fputs("  ", out);
    pad(out, corner, label, 0);
    for (j = 0; j < DIFF_NCLASSES; j++) {
        fputs("  ", out);
        pad(out, cli_class_short(diff_class_name(j), lang), width[j], 1);
    }
    fputs("  ", out);
    pad(out, total, width[DIFF_NCLASSES], 1);
    fputc('\n', out);
    for (i = 0; i < DIFF_NCLASSES; i++) {
        long row = 0;

        fputs("  ", out);
        pad(out, cli_class_short(diff_class_name(i), lang), label, 0);
        for (j = 0; j < DIFF_NCLASSES; j++) {
            snprintf(num, sizeof num, "%ld", m->n[i][j]);
            fputs("  ", out);
            pad(out, num, width[j], 1);
            row += m->n[i][j];
            col_total[j] += m->n[i][j];
        }
        col_total[DIFF_NCLASSES] += row;
        snprintf(num, sizeof num, "%ld", row);
        fputs("  ", out);
        pad(out, num, width[DIFF_NCLASSES], 1);
        fputc('\n', out);
    }
    fputs("  ", out);
    pad(out, total, label, 0);
    for (j = 0; j <= DIFF_NCLASSES; j++) {
        snprintf(num, sizeof num, "%ld", col_total[j]);
        fputs("  ", out);
        pad(out, num, width[j], 1);
    }
    fputc('\n', out);
}

int diff_report_text(FILE *out, const diff_run *run)
{
    rasoat_lang lang = run->lang;
    size_t i;

    fprintf(out, CLI_TEXT(lang, "So sánh phân loại: %s → %s\n", "Classification compared: %s → %s\n"),
            run->from, run->to);
    fprintf(out, CLI_TEXT(lang, "Tệp %s: %ld hộ, %ld hộ đổi hạng\n", "File %s: %ld households, %ld changed class\n"),
            strcmp(run->path, "-") == 0 ? CLI_TEXT(lang, "(đầu vào chuẩn)", "(standard input)") : run->path,
            run->households, run->changed);
    fprintf(out, CLI_TEXT(lang, "\nMa trận chuyển hạng (hàng: hạng theo %s; cột: hạng theo %s)\n",
                          "\nTransition matrix (rows: class under %s; columns: class under %s)\n"),
            run->from, run->to);
    text_matrix(out, &run->total, lang);
    fprintf(out, "%s", CLI_TEXT(lang, "\nTheo xã\n", "\nBy commune\n"));
    for (i = 0; i < run->ncommunes; i++) {
        const diff_commune *c = &run->communes[i];

        fprintf(out, CLI_TEXT(lang, "\n%s: %ld hộ, %ld hộ đổi hạng\n", "\n%s: %ld households, %ld changed class\n"),
                c->name, c->households, changed_in(&c->m));
        text_matrix(out, &c->m, lang);
    }
    fprintf(out, CLI_TEXT(lang, "\nCác hộ đổi hạng (%lu)\n", "\nHouseholds that changed class (%lu)\n"),
            run->nmoved);
    if (diff_spool_copy(run->spool, out) != 0)
        return -1;
    return ferror(out) ? -1 : 0;
}

/* A mover's three lines of the text report. */
static void text_mover(FILE *out, const diff_run *run, const diff_mover *m)
{
    rasoat_lang lang = run->lang;

    fprintf(out, CLI_TEXT(lang, "\n%s (%s, dòng %ld): %s → %s\n", "\n%s (%s, line %ld): %s → %s\n"),
            m->id, m->commune, m->line, cli_class_short(diff_class_name(m->a.cls), lang),
            cli_class_short(diff_class_name(m->b.cls), lang));
    fprintf(out, "  A %s: %s\n", run->from, m->a.reason);
    fprintf(out, "  B %s: %s\n", run->to, m->b.reason);
}

/* Write 's' as one CSV field (RFC 4180: quoted when it holds a comma, quote, CR or LF;
** quotes doubled). */
static void csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The rows of one matrix in the first CSV block. */
static void csv_matrix(FILE *out, const char *scope, const char *commune, const diff_matrix *m)
{
    int i, j;

    for (i = 0; i < DIFF_NCLASSES; i++) {
        long row = 0;

        fprintf(out, "%s,", scope);
        csv_field(out, commune);
        fprintf(out, ",%s", diff_class_name(i));
        for (j = 0; j < DIFF_NCLASSES; j++) {
            fprintf(out, ",%ld", m->n[i][j]);
            row += m->n[i][j];
        }
        fprintf(out, ",%ld\r\n", row);
    }
}

int diff_report_csv(FILE *out, const diff_run *run)
{
    size_t i;
    int j;

    fputs("\xEF\xBB\xBF", out);        /* UTF-8 byte-order mark: Excel then reads the accents */
    fputs("scope,commune,class_a", out);
    for (j = 0; j < DIFF_NCLASSES; j++)
        fprintf(out, ",%s", diff_class_name(j));
    fputs(",total\r\n", out);
    csv_matrix(out, "all", "", &run->total);
    for (i = 0; i < run->ncommunes; i++)
        csv_matrix(out, "commune", run->communes[i].name, &run->communes[i].m);
    fputs("\r\nid,commune,class_a,class_b,provision_a,provision_b,reason\r\n", out);
    if (diff_spool_copy(run->spool, out) != 0)
        return -1;
    return ferror(out) ? -1 : 0;
}

/* A mover's row of the CSV report's second block; -1 when memory ran out. */
static int csv_mover(FILE *out, const diff_mover *m)
{
    size_t n = strlen(m->a.reason) + strlen(m->b.reason) + 32;
    char *reason = (char *)malloc(n);

    if (reason == NULL)
        return -1;
    snprintf(reason, n, "A: %s → B: %s", m->a.reason, m->b.reason);
    csv_field(out, m->id);
    fputc(',', out);
    csv_field(out, m->commune);
    fprintf(out, ",%s,%s,", diff_class_name(m->a.cls), diff_class_name(m->b.cls));
    csv_field(out, m->a.provision ? m->a.provision : "");
    fputc(',', out);
    csv_field(out, m->b.provision ? m->b.provision : "");
    fputc(',', out);
    csv_field(out, reason);
    fputs("\r\n", out);
    free(reason);
    return 0;
}

/* The root's empty "moved" member as cJSON_Print writes it. */
#define MOVED_MEMBER "\n\t\"moved\":\t[]"

/* Matrix 'm' as {"poor": {"poor": n, ...}, ...}, every class as row and column. */
static cJSON *json_matrix(const diff_matrix *m)
{
    cJSON *rows = cJSON_CreateObject();
    int i, j;

    for (i = 0; i < DIFF_NCLASSES; i++) {
        cJSON *row = cJSON_AddObjectToObject(rows, diff_class_name(i));

        for (j = 0; j < DIFF_NCLASSES; j++)
            cJSON_AddNumberToObject(row, diff_class_name(j), (double)m->n[i][j]);
    }
    return rows;
}

/* One side of a mover: {"class", "provision" (or null), "tests", "message"?, "reason"}. */
static cJSON *json_side(const diff_side *s)
{
    cJSON *j = cJSON_CreateObject();

    cJSON_AddStringToObject(j, "class", diff_class_name(s->cls));
    if (s->provision)
        cJSON_AddStringToObject(j, "provision", s->provision);
    else
        cJSON_AddNullToObject(j, "provision");
    cJSON_AddItemToObject(j, "tests", s->tests ? cJSON_Duplicate(s->tests, 1) : cJSON_CreateArray());
    if (s->message)
        cJSON_AddStringToObject(j, "message", s->message);
    cJSON_AddStringToObject(j, "reason", s->reason ? s->reason : "");
    return j;
}

int diff_report_json(FILE *out, const diff_run *run)
{
    cJSON *root = cJSON_CreateObject(), *communes, *expects;
    char *text, *at;
    size_t i;
    int failed;

    cJSON_AddStringToObject(root, "schema", "rasoat.diff/1");
    cJSON_AddStringToObject(root, "from", run->from);
    cJSON_AddStringToObject(root, "to", run->to);
    cJSON_AddNumberToObject(root, "households", (double)run->households);
    cJSON_AddNumberToObject(root, "changed", (double)run->changed);
    cJSON_AddItemToObject(root, "matrix", json_matrix(&run->total));
    communes = cJSON_AddObjectToObject(root, "communes");
    for (i = 0; i < run->ncommunes; i++) {
        cJSON *c = cJSON_AddObjectToObject(communes, run->communes[i].name);

        cJSON_AddNumberToObject(c, "households", (double)run->communes[i].households);
        cJSON_AddNumberToObject(c, "changed", (double)changed_in(&run->communes[i].m));
        cJSON_AddItemToObject(c, "matrix", json_matrix(&run->communes[i].m));
    }
    cJSON_AddArrayToObject(root, "moved");   /* empty here: the spool's objects go in it */
    expects = cJSON_AddArrayToObject(root, "expectations");
    for (i = 0; i < run->nexpects; i++) {
        cJSON *e = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "assertion", run->expects[i].text);
        cJSON_AddBoolToObject(e, "holds", run->expects[i].holds);
        cJSON_AddNumberToObject(e, "actual", (double)run->expects[i].actual);
        cJSON_AddItemToArray(expects, e);
    }
    text = cJSON_Print(root);
    cJSON_Delete(root);
    if (text == NULL)
        return -1;
    /* The one member "moved" of the root (one tab deep) is where the movers go. */
    if ((at = strstr(text, MOVED_MEMBER)) == NULL) {
        free(text);
        return -1;
    }
    at += strlen(MOVED_MEMBER) - 1;            /* at its ']' */
    failed = fwrite(text, 1, (size_t)(at - text), out) != (size_t)(at - text)
          || diff_spool_copy(run->spool, out) != 0 || fputs(at, out) < 0 || fputc('\n', out) == EOF;
    free(text);
    return failed ? -1 : 0;
}

/*
** A mover's object as cJSON_Print writes it inside the root's "moved" array: the array
** sits one level deep, so every line after the first is indented by two more tabs (no
** string holds a raw newline: cJSON escapes it).
*/
static int json_mover(FILE *out, const diff_mover *m)
{
    cJSON *j = cJSON_CreateObject();
    char *text, *p;
    int failed = 0;

    cJSON_AddStringToObject(j, "id", m->id);
    cJSON_AddStringToObject(j, "commune", m->commune);
    cJSON_AddNumberToObject(j, "line", (double)m->line);
    cJSON_AddItemToObject(j, "from", json_side(&m->a));
    cJSON_AddItemToObject(j, "to", json_side(&m->b));
    text = cJSON_Print(j);
    cJSON_Delete(j);
    if (text == NULL)
        return -1;
    for (p = text; *p && !failed; p++)
        failed = fputc(*p, out) == EOF || (*p == '\n' && fputs("\t\t", out) < 0);
    free(text);
    return failed ? -1 : 0;
}

int diff_mover_write(FILE *out, const diff_run *run, const diff_mover *m)
{
    switch (run->format) {
    case DIFF_FORMAT_CSV:
        if (csv_mover(out, m) != 0)
            return -1;
        break;
    case DIFF_FORMAT_JSON:
        if (json_mover(out, m) != 0)
            return -1;
        break;
    default:
        text_mover(out, run, m);
        break;
    }
    return ferror(out) ? -1 : 0;
}
