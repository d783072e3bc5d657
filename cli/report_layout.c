/*
** report_layout.c: the layouts of the review's forms and lists, read from a rule set's
** rasoat.ruleset/1 JSON ("report_forms", "report_lists", "indicators", "transitions")
** into the structures of report.h. Every mistake in a layout names the form, the column
** and the field, so policy staff who edit the rule data can find it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"

typedef struct reader {
    report_layout *l;
    rasoat_lang lang;
    char *why;
    size_t why_size;
    const char *where;          /* "form 7.2" */
} reader;

static char *dup(const char *s)
{
    char *d = (char *)malloc(strlen(s) + 1);

    if (d != NULL)
        strcpy(d, s);
    return d;
}

static int bad(reader *r, const char *what, const char *field)
{
    snprintf(r->why, r->why_size, CLI_TEXT(r->lang, "bố cục báo cáo, %s: trường '%s' %s",
                                           "report layout, %s: field '%s' %s"),
             r->where, field, what);
    return 0;
}

static const char *text_of(const cJSON *obj, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* {vi=, en=} into 'out'; 'required' or absent (out stays NULL). */
static int labels(reader *r, const cJSON *obj, const char *name, int required, char *out[2])
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    const char *vi = text_of(v, "vi"), *en = text_of(v, "en");

    if (v == NULL && !required)
        return 1;
    if (vi == NULL || en == NULL)
        return bad(r, CLI_TEXT(r->lang, "cần { vi = \"...\", en = \"...\" }",
                               "needs { vi = \"...\", en = \"...\" }"), name);
    out[0] = dup(vi);
    out[1] = dup(en);
    return out[0] != NULL && out[1] != NULL;
}

static int text(reader *r, const cJSON *obj, const char *name, int required, char **out)
{
    const char *s = text_of(obj, name);

    if (s == NULL)
        return required ? bad(r, CLI_TEXT(r->lang, "cần một chuỗi", "needs a string"), name) : 1;
    *out = dup(s);
    return *out != NULL;
}

/* The index of result field 'name' in l->fields, added when new; (size_t)-1 on OOM. */
static size_t field_index(report_layout *l, const char *name)
{
    size_t i;
    char **grown;

    for (i = 0; i < l->nfields; i++)
        if (strcmp(l->fields[i], name) == 0)
            return i;
    grown = (char **)realloc(l->fields, (l->nfields + 1) * sizeof *grown);
    if (grown == NULL)
        return (size_t)-1;
    l->fields = grown;
    if ((grown[l->nfields] = dup(name)) == NULL)
        return (size_t)-1;
    return l->nfields++;
}

/* A list of strings, or one string, into 'c'. */
static int values(reader *r, const cJSON *v, report_cond *c, const char *field)
{
    const cJSON *item;
    size_t n = cJSON_IsString(v) ? 1 : (size_t)cJSON_GetArraySize(v);

    c->values = (char **)calloc(n ? n : 1, sizeof *c->values);
    if (c->values == NULL)
        return 0;
    if (cJSON_IsString(v)) {
        c->values[0] = dup(v->valuestring);
        c->nvalues = 1;
        return c->values[0] != NULL;
    }
    cJSON_ArrayForEach(item, v) {
        if (!cJSON_IsString(item))
            return bad(r, CLI_TEXT(r->lang, "chỉ nhận chuỗi", "takes strings only"), field);
        if ((c->values[c->nvalues++] = dup(item->valuestring)) == NULL)
            return 0;
    }
    return 1;
}

/* A 'count' or 'where' table: field = "v" | { "v", ... } | { except = { ... } } | true. */
static int predicate(reader *r, const cJSON *obj, report_pred *p, const char *name)
{
    const cJSON *item;
    size_t n = (size_t)cJSON_GetArraySize(obj);

    if (obj == NULL)
        return 1;
    if (!cJSON_IsObject(obj))
        return bad(r, CLI_TEXT(r->lang, "cần một bảng { trường = giá trị, ... }",
                               "needs a table { field = value, ... }"), name);
    p->conds = (report_cond *)calloc(n ? n : 1, sizeof *p->conds);
    if (p->conds == NULL)
        return 0;
    cJSON_ArrayForEach(item, obj) {
        report_cond *c = &p->conds[p->n++];
        const cJSON *except = cJSON_GetObjectItemCaseSensitive(item, "except");

        if ((c->field = field_index(r->l, item->string)) == (size_t)-1)
            return 0;
        if (cJSON_IsBool(item)) {
            c->mode = COND_BOOL;
            c->boolean = cJSON_IsTrue(item);
        } else if (cJSON_IsString(item) || cJSON_IsArray(item)) {
            c->mode = COND_ANY;
            if (!values(r, item, c, item->string))
                return 0;
        } else if (cJSON_IsObject(item) && except != NULL) {
            c->mode = COND_EXCEPT;
            if (!values(r, except, c, item->string))
                return 0;
        } else {
            return bad(r, CLI_TEXT(r->lang, "cần \"giá trị\", { \"giá trị\", ... }, { except = { ... } } hoặc true/false",
                                   "needs \"value\", { \"value\", ... }, { except = { ... } } or true/false"),
                       item->string);
        }
    }
    return 1;
}

static int measure(reader *r, const char *s, report_measure *out, const char *field)
{
    if (s == NULL)
        *out = MEASURE_ROW;
    else if (strcmp(s, "households") == 0)
        *out = MEASURE_HOUSEHOLDS;
    else if (strcmp(s, "persons") == 0)
        *out = MEASURE_PERSONS;
    else if (strcmp(s, "children") == 0)
        *out = MEASURE_CHILDREN;
    else
        return bad(r, CLI_TEXT(r->lang, "cần households, persons hoặc children",
                               "needs households, persons or children"), field);
    return 1;
}

/* The column of 'f' named 'key' (already read), or fail. */
static int column_ref(reader *r, const report_form *f, const char *key, size_t *out,
                      const char *field)
{
    long i = key != NULL ? report_column_index(f, key) : -1;

    if (i < 0) {
        char what[160];

        snprintf(what, sizeof what, CLI_TEXT(r->lang, "nêu cột '%s' không có trong mẫu",
                                             "names column '%s', which the form lacks"),
                 key ? key : "?");
        return bad(r, what, field);
    }
    *out = (size_t)i;
    return 1;
}

/* "a - b + c" into terms. */
static int formula(reader *r, report_form *f, report_column *c, const char *s)
{
    char *copy = dup(s), *tok, *save = NULL;
    int sign = 1, ok = copy != NULL;

    c->terms = (report_term *)calloc(strlen(s) / 2 + 2, sizeof *c->terms);
    ok = ok && c->terms != NULL;
    for (tok = ok ? strtok_r(copy, " ", &save) : NULL; ok && tok != NULL; tok = strtok_r(NULL, " ", &save)) {
        if (strcmp(tok, "+") == 0) {
            sign = 1;
        } else if (strcmp(tok, "-") == 0) {
            sign = -1;
        } else {
            c->terms[c->nterms].sign = sign;
            ok = column_ref(r, f, tok, &c->terms[c->nterms].col, "formula");
            c->nterms++;
            sign = 1;
        }
    }
    free(copy);
    return ok;
}

/* First pass over a column: what every column has. Its references are read later, once
** every key of the form is known. */
static int column_head(reader *r, const cJSON *j, report_column *c)
{
    const char *pop = text_of(j, "population");

    if (!text(r, j, "key", 1, &c->key) || !text(r, j, "number", 0, &c->number)
        || !text(r, j, "text", 0, &c->text) || !labels(r, j, "label", 1, c->label)
        || !labels(r, j, "group", 0, c->group))
        return 0;
    c->hidden = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "hidden"));
    if (cJSON_GetObjectItemCaseSensitive(j, "count") != NULL)
        c->type = COL_COUNT;
    else if (pop != NULL)
        c->type = COL_POPULATION;
    else if (text_of(j, "formula") != NULL)
        c->type = COL_FORMULA;
    else if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "rate")))
        c->type = COL_RATE;
    else
        return bad(r, CLI_TEXT(r->lang, "cần một trong count, population, formula, rate",
                               "needs one of count, population, formula, rate"), c->key);
    if (c->type == COL_POPULATION) {
        if (strcmp(pop, "row") != 0 && (!measure(r, pop, &c->population, "population")
                                        || c->population == MEASURE_CHILDREN))
            return bad(r, CLI_TEXT(r->lang, "cần households, persons hoặc row",
                                   "needs households, persons or row"), "population");
    }
    return 1;
}

static int column_body(reader *r, report_form *f, const cJSON *j, report_column *c)
{
    const cJSON *rate = cJSON_GetObjectItemCaseSensitive(j, "rate");

    switch (c->type) {
    case COL_COUNT:
        if (!measure(r, text_of(j, "measure"), &c->measure, "measure"))
            return 0;
        if (c->measure == MEASURE_CHILDREN && f->child_age_below <= 0)
            return bad(r, CLI_TEXT(r->lang, "đếm trẻ em nhưng mẫu không có child_age_below",
                                   "counts children but the form has no child_age_below"), "measure");
        return predicate(r, cJSON_GetObjectItemCaseSensitive(j, "count"), &c->pred, "count");
    case COL_FORMULA:
        return formula(r, f, c, text_of(j, "formula"));
    case COL_RATE:
        return column_ref(r, f, cJSON_GetStringValue(cJSON_GetArrayItem(rate, 0)), &c->num, "rate")
            && column_ref(r, f, cJSON_GetStringValue(cJSON_GetArrayItem(rate, 1)), &c->den, "rate");
    default:
        return 1;
    }
}

static int kinds(reader *r, const cJSON *j, report_form *f)
{
    const cJSON *item;
    size_t n = (size_t)cJSON_GetArraySize(j);

    f->kinds = (report_kind *)calloc(n ? n : 1, sizeof *f->kinds);
    if (f->kinds == NULL)
        return 0;
    if (n == 0) {               /* one row per unit, of households */
        f->nkinds = 1;
        f->kinds[0].key = dup("households");
        f->kinds[0].label[0] = dup("Hộ");
        f->kinds[0].label[1] = dup("Households");
        f->kinds[0].measure = MEASURE_HOUSEHOLDS;
        return f->kinds[0].key != NULL;
    }
    cJSON_ArrayForEach(item, j) {
        report_kind *k = &f->kinds[f->nkinds++];

        if (!text(r, item, "key", 1, &k->key) || !labels(r, item, "label", 1, k->label)
            || !measure(r, text_of(item, "measure"), &k->measure, "kinds.measure")
            || !predicate(r, cJSON_GetObjectItemCaseSensitive(item, "where"), &k->where, "kinds.where"))
            return 0;
        if (k->measure == MEASURE_ROW)
            k->measure = MEASURE_HOUSEHOLDS;
        if (k->measure == MEASURE_CHILDREN && f->child_age_below <= 0)
            return bad(r, CLI_TEXT(r->lang, "đếm trẻ em nhưng mẫu không có child_age_below",
                                   "counts children but the form has no child_age_below"), "kinds.measure");
    }
    return 1;
}

static int checks(reader *r, const cJSON *j, report_form *f)
{
    const cJSON *item;
    size_t n = (size_t)cJSON_GetArraySize(j);

    f->checks = (report_check *)calloc(n ? n : 1, sizeof *f->checks);
    if (f->checks == NULL)
        return 0;
    cJSON_ArrayForEach(item, j) {
        report_check *c = &f->checks[f->nchecks++];
        const char *op = text_of(item, "op");
        const cJSON *times = cJSON_GetObjectItemCaseSensitive(item, "times");

        if (op == NULL || (strcmp(op, "=") != 0 && strcmp(op, ">=") != 0))
            return bad(r, CLI_TEXT(r->lang, "cần \"=\" hoặc \">=\"", "needs \"=\" or \">=\""), "checks.op");
        c->op = op[0];
        c->times = cJSON_IsNumber(times) ? (int64_t)times->valuedouble : 1;
        if (!column_ref(r, f, text_of(item, "left"), &c->left, "checks.left")
            || !column_ref(r, f, text_of(item, "right"), &c->right, "checks.right")
            || !labels(r, item, "label", 1, c->label))
            return 0;
    }
    return 1;
}

static int form(reader *r, const cJSON *j, report_form *f)
{
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(j, "columns"), *item;
    const cJSON *age = cJSON_GetObjectItemCaseSensitive(j, "child_age_below");
    size_t n = (size_t)cJSON_GetArraySize(cols), i = 0;

    f->child_age_below = cJSON_IsNumber(age) ? (int64_t)age->valuedouble : 0;
    if (!text(r, j, "id", 1, &f->id) || !labels(r, j, "title", 1, f->title)
        || !text(r, j, "citation", 1, &f->citation) || !text(r, j, "status", 1, &f->status)
        || !labels(r, j, "note", 0, f->note)
        || !kinds(r, cJSON_GetObjectItemCaseSensitive(j, "kinds"), f))
        return 0;
    if (n == 0 || n > REPORT_MAX_COLUMNS)
        return bad(r, CLI_TEXT(r->lang, "cần từ 1 đến 256 cột", "needs 1 to 256 columns"), "columns");
    f->cols = (report_column *)calloc(n, sizeof *f->cols);
    if (f->cols == NULL)
        return 0;
    cJSON_ArrayForEach(item, cols) {
        if (!column_head(r, item, &f->cols[f->ncols]))
            return 0;
        if (report_column_index(f, f->cols[f->ncols].key) >= 0)
            return bad(r, CLI_TEXT(r->lang, "trùng khóa cột", "is a duplicate column key"), f->cols[f->ncols].key);
        f->ncols++;
    }
    cJSON_ArrayForEach(item, cols) {
        if (!column_body(r, f, item, &f->cols[i]))
            return 0;
        if (f->cols[i].type == COL_RATE && f->cols[f->cols[i].num].type == COL_RATE)
            return bad(r, CLI_TEXT(r->lang, "tỷ lệ của một tỷ lệ", "is a rate of a rate"), f->cols[i].key);
        i++;
    }
    return checks(r, cJSON_GetObjectItemCaseSensitive(j, "checks"), f);
}

static int list(reader *r, const cJSON *j, report_list *li)
{
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(j, "columns"), *item;
    size_t n = (size_t)cJSON_GetArraySize(cols);

    if (!text(r, j, "id", 1, &li->id) || !labels(r, j, "title", 1, li->title)
        || !text(r, j, "citation", 1, &li->citation) || !text(r, j, "status", 1, &li->status)
        || !labels(r, j, "note", 0, li->note)
        || !predicate(r, cJSON_GetObjectItemCaseSensitive(j, "where"), &li->where, "where"))
        return 0;
    li->cols = (report_list_col *)calloc(n ? n : 1, sizeof *li->cols);
    if (li->cols == NULL)
        return 0;
    cJSON_ArrayForEach(item, cols) {
        report_list_col *c = &li->cols[li->ncols++];

        if (!text(r, item, "field", 1, &c->field) || !labels(r, item, "label", 1, c->label)
            || field_index(r->l, c->field) == (size_t)-1)
            return 0;
    }
    return 1;
}

static int label_table(const cJSON *arr, const char *code_key, report_label **out, size_t *n)
{
    const cJSON *item;

    *out = (report_label *)calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof **out);
    if (*out == NULL)
        return 0;
    cJSON_ArrayForEach(item, arr) {
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(item, "label");
        report_label *l = &(*out)[(*n)++];

        l->code = dup(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, code_key)));
        l->label[0] = dup(text_of(label, "vi") ? text_of(label, "vi") : "");
        l->label[1] = dup(text_of(label, "en") ? text_of(label, "en") : "");
    }
    return 1;
}

static int same_cond(const report_cond *a, const report_cond *b)
{
    size_t i;

    if (a->field != b->field || a->mode != b->mode || a->boolean != b->boolean || a->nvalues != b->nvalues)
        return 0;
    for (i = 0; i < a->nvalues; i++)
        if (strcmp(a->values[i], b->values[i]) != 0)
            return 0;
    return 1;
}

/* Give each condition of 'p' the id of the first equal one seen ('seen', 'n' so far). */
static int number_pred(report_pred *p, const report_cond **seen, size_t *n)
{
    size_t i, k;

    for (i = 0; i < p->n; i++) {
        for (k = 0; k < *n && !same_cond(seen[k], &p->conds[i]); k++)
            ;
        if (k == *n)
            seen[(*n)++] = &p->conds[i];
        p->conds[i].id = k;
    }
    return 1;
}

/* Number the distinct conditions of every form, kind and list. */
static int number_tests(report_layout *l)
{
    size_t total = 0, n = 0, f, k;
    const report_cond **seen;

    for (f = 0; f < l->nforms; f++) {
        for (k = 0; k < l->forms[f].nkinds; k++)
            total += l->forms[f].kinds[k].where.n;
        for (k = 0; k < l->forms[f].ncols; k++)
            total += l->forms[f].cols[k].pred.n;
    }
    for (f = 0; f < l->nlists; f++)
        total += l->lists[f].where.n;
    if ((seen = (const report_cond **)calloc(total + 1, sizeof *seen)) == NULL)
        return 0;
    for (f = 0; f < l->nforms; f++) {
        for (k = 0; k < l->forms[f].nkinds; k++)
            number_pred(&l->forms[f].kinds[k].where, seen, &n);
        for (k = 0; k < l->forms[f].ncols; k++)
            number_pred(&l->forms[f].cols[k].pred, seen, &n);
    }
    for (f = 0; f < l->nlists; f++)
        number_pred(&l->lists[f].where, seen, &n);
    l->ntests = n;
    free(seen);
    return 1;
}

/* 7.2 before 7.10: compare the numbers after the first dot as numbers. */
static int form_order(const void *a, const void *b)
{
    const report_form *x = (const report_form *)a, *y = (const report_form *)b;
    const char *dx = strchr(x->id, '.'), *dy = strchr(y->id, '.');
    long nx = dx ? strtol(dx + 1, NULL, 10) : 0, ny = dy ? strtol(dy + 1, NULL, 10) : 0;
    int c = strncmp(x->id, y->id, dx && dy ? (size_t)(dx - x->id) : strlen(x->id));

    if (c != 0)
        return c;
    return nx < ny ? -1 : nx > ny ? 1 : strcmp(x->id, y->id);
}

int report_layout_read(const cJSON *rules, const char *only, rasoat_lang lang,
                       report_layout *out, char *why, size_t why_size)
{
    const cJSON *forms = cJSON_GetObjectItemCaseSensitive(rules, "report_forms");
    const cJSON *lists = cJSON_GetObjectItemCaseSensitive(rules, "report_lists"), *item;
    reader r;
    char where[4200];          /* "form ID (FILE:LINE)": FILE may be a long path */

    memset(out, 0, sizeof *out);
    r.l = out;
    r.lang = lang;
    r.why = why;
    r.why_size = why_size;
    r.where = where;
    why[0] = '\0';
    out->ruleset_id = dup(text_of(rules, "id") ? text_of(rules, "id") : "");
    out->ruleset_version = dup(text_of(rules, "version") ? text_of(rules, "version") : "");
    out->ruleset_sha256 = dup(text_of(rules, "sha256") ? text_of(rules, "sha256") : "");
    out->forms = (report_form *)calloc((size_t)cJSON_GetArraySize(forms) + 1, sizeof *out->forms);
    out->lists = (report_list *)calloc((size_t)cJSON_GetArraySize(lists) + 1, sizeof *out->lists);
    if (out->forms == NULL || out->lists == NULL || (out->members_field = field_index(out, "members")) == (size_t)-1
        || !label_table(cJSON_GetObjectItemCaseSensitive(rules, "indicators"), "code", &out->indicators, &out->nindicators)
        || !label_table(cJSON_GetObjectItemCaseSensitive(rules, "transitions"), "code", &out->transitions, &out->ntransitions))
        goto oom;
    cJSON_ArrayForEach(item, forms) {
        const char *id = text_of(item, "id");

        if (only != NULL && (id == NULL || strcmp(id, only) != 0))
            continue;
        snprintf(where, sizeof where, CLI_TEXT(lang, "mẫu %s (%s:%d)", "form %s (%s:%d)"),
                 id ? id : "?", text_of(item, "file") ? text_of(item, "file") : "?",
                 (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(item, "line")));
        out->nforms++;
        if (!form(&r, item, &out->forms[out->nforms - 1]))
            goto fail;
    }
    if (only == NULL) {
        cJSON_ArrayForEach(item, lists) {
            snprintf(where, sizeof where, CLI_TEXT(lang, "danh sách %s", "list %s"),
                     text_of(item, "id") ? text_of(item, "id") : "?");
            out->nlists++;
            if (!list(&r, item, &out->lists[out->nlists - 1]))
                goto fail;
        }
    }
    if (out->nforms == 0) {
        snprintf(why, why_size, only != NULL
                 ? CLI_TEXT(lang, "bộ quy tắc %s không có mẫu '%s'", "rule set %s has no form '%s'")
                 : CLI_TEXT(lang, "bộ quy tắc %s không khai báo mẫu báo cáo nào (report_form)%s",
                            "rule set %s declares no report form (report_form)%s"),
                 out->ruleset_id, only != NULL ? only : "");
        return 0;
    }
    qsort(out->forms, out->nforms, sizeof *out->forms, form_order);
    if (!number_tests(out))
        goto oom;
    return 1;
oom:
    snprintf(why, why_size, "out of memory");
fail:
    if (why[0] == '\0')
        snprintf(why, why_size, "out of memory");
    return 0;
}

long report_column_index(const report_form *f, const char *key)
{
    size_t i;

    for (i = 0; i < f->ncols; i++)
        if (f->cols[i].key != NULL && strcmp(f->cols[i].key, key) == 0)
            return (long)i;
    return -1;
}

const char *report_label_of(const report_label *labels, size_t n, const char *code,
                            rasoat_lang lang)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (labels[i].code != NULL && strcmp(labels[i].code, code) == 0)
            return labels[i].label[lang == RASOAT_LANG_EN];
    return code;
}

static void free_pred(report_pred *p)
{
    size_t i, k;

    for (i = 0; i < p->n; i++) {
        for (k = 0; k < p->conds[i].nvalues; k++)
            free(p->conds[i].values[k]);
        free(p->conds[i].values);
    }
    free(p->conds);
}

static void free_pair(char *p[2])
{
    free(p[0]);
    free(p[1]);
}

void report_layout_free(report_layout *l)
{
    size_t i, k;

    for (i = 0; i < l->nforms; i++) {
        report_form *f = &l->forms[i];

        free(f->id);
        free(f->citation);
        free(f->status);
        free_pair(f->title);
        free_pair(f->note);
        for (k = 0; k < f->nkinds; k++) {
            free(f->kinds[k].key);
            free_pair(f->kinds[k].label);
            free_pred(&f->kinds[k].where);
        }
        free(f->kinds);
        for (k = 0; k < f->ncols; k++) {
            report_column *c = &f->cols[k];

            free(c->key);
            free(c->number);
            free(c->text);
            free_pair(c->label);
            free_pair(c->group);
            free_pred(&c->pred);
            free(c->terms);
        }
        free(f->cols);
        for (k = 0; k < f->nchecks; k++)
            free_pair(f->checks[k].label);
        free(f->checks);
    }
    free(l->forms);
    for (i = 0; i < l->nlists; i++) {
        report_list *li = &l->lists[i];

        free(li->id);
        free(li->citation);
        free(li->status);
        free_pair(li->title);
        free_pair(li->note);
        free_pred(&li->where);
        for (k = 0; k < li->ncols; k++) {
            free(li->cols[k].field);
            free_pair(li->cols[k].label);
        }
        free(li->cols);
    }
    free(l->lists);
    for (i = 0; i < l->nfields; i++)
        free(l->fields[i]);
    free(l->fields);
    for (i = 0; i < l->nindicators; i++) {
        free(l->indicators[i].code);
        free_pair(l->indicators[i].label);
    }
    free(l->indicators);
    for (i = 0; i < l->ntransitions; i++) {
        free(l->transitions[i].code);
        free_pair(l->transitions[i].label);
    }
    free(l->transitions);
    free(l->ruleset_id);
    free(l->ruleset_version);
    free(l->ruleset_sha256);
    memset(l, 0, sizeof *l);
}
