/*
** csv_cells.c: readers for each kind of CSV cell. Numbers are read digit by digit into
** int64 and written back as integer text, so 1.500.000 becomes exactly 1500000.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "csv_cells.h"
#include "utf8.h"

/* Largest whole number the engine takes exactly (2^53). */
#define EXACT_LIMIT INT64_C(9007199254740992)

typedef struct spelling {
    const char *text;
    const char *value;
} spelling;

/* Spellings are compared exactly, and then with ASCII letters folded. */
static const char *lookup(const spelling *s, const char *text)
{
    for (; s->text != NULL; s++)
        if (strcmp(s->text, text) == 0 || strcasecmp(s->text, text) == 0)
            return s->value;
    return NULL;
}

static const spelling areas[] = {
    {"Nông thôn", "rural"}, {"nông thôn", "rural"}, {"NÔNG THÔN", "rural"}, {"rural", "rural"},
    {"Thành thị", "urban"}, {"thành thị", "urban"}, {"THÀNH THỊ", "urban"}, {"urban", "urban"},
    {NULL, NULL}};

static const spelling flags[] = {
    {"Có", "1"}, {"có", "1"}, {"CÓ", "1"}, {"x", "1"}, {"1", "1"}, {"true", "1"},
    {"Không", "0"}, {"không", "0"}, {"KHÔNG", "0"}, {"0", "0"}, {"false", "0"},
    {NULL, NULL}};

static const spelling livelihoods[] = {
    {"Nông nghiệp", "agriculture"}, {"agriculture", "agriculture"},
    {"Lâm nghiệp", "forestry"}, {"forestry", "forestry"},
    {"Ngư nghiệp", "fishery"}, {"Thủy sản", "fishery"}, {"fishery", "fishery"},
    {"Diêm nghiệp", "salt"}, {"Làm muối", "salt"}, {"salt", "salt"},
    {"Khác", "other"}, {"other", "other"},
    {NULL, NULL}};

static const spelling statuses[] = {
    {"Nghèo", "poor"}, {"Hộ nghèo", "poor"}, {"poor", "poor"},
    {"Cận nghèo", "near_poor"}, {"Hộ cận nghèo", "near_poor"}, {"near_poor", "near_poor"},
    {"Có mức sống trung bình", "middle_income"}, {"Mức sống trung bình", "middle_income"},
    {"Hộ có mức sống trung bình", "middle_income"}, {"middle_income", "middle_income"},
    {"Không nghèo", "not_poor"}, {"not_poor", "not_poor"},
    {NULL, NULL}};

/* Causes of poverty: the codes, form 7.10's column numbers and its shorter wording. */
static const spelling causes[] = {
    {"no_land", "no_land"}, {"1", "no_land"}, {"Thiếu đất sản xuất", "no_land"},
    {"no_capital", "no_capital"}, {"2", "no_capital"}, {"Thiếu vốn", "no_capital"},
    {"no_labour", "no_labour"}, {"3", "no_labour"}, {"Thiếu lao động", "no_labour"},
    {"no_tools", "no_tools"}, {"4", "no_tools"}, {"Thiếu phương tiện sản xuất", "no_tools"},
    {"no_knowledge", "no_knowledge"}, {"5", "no_knowledge"}, {"Thiếu kiến thức sản xuất", "no_knowledge"},
    {"no_skills", "no_skills"}, {"6", "no_skills"}, {"Thiếu kỹ năng lao động", "no_skills"},
    {"illness", "illness"}, {"7", "illness"}, {"Ốm đau, tai nạn", "illness"},
    {"other", "other"}, {"8", "other"}, {"Khác", "other"},
    {NULL, NULL}};

int csv_utf8_valid(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n;

    while (i < len) {
        if (s[i] == 0 || (n = utf8_char_length(s + i, len - i)) == 0)
            return 0;
        i += n;
    }
    return 1;
}

static cJSON *integer_item(int64_t n)
{
    char digits[24];

    snprintf(digits, sizeof digits, "%lld", (long long)n);
    return cJSON_CreateRaw(digits);
}

/* Plain digits only, at most 2^53. */
static int digits_value(const char *s, int64_t *out)
{
    int64_t n = 0;

    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        n = n * 10 + (*s - '0');
        if (n > EXACT_LIMIT)
            return 0;
    }
    *out = n;
    return 1;
}

/*
** Whole đồng: plain digits, or groups of three after the first separated by one kind of
** separator ('.', ',' or a space, as Vietnamese and English spreadsheets write them), with
** an optional "đ", "đồng", "VND" or "VNĐ" after it. "1,5" and "1.500,50" are refused: a
** decimal part is not whole đồng.
*/
static int money_value(const char *text, int64_t *out)
{
    static const char *const units[] = {" đồng", "đồng", " đ", "đ", " VNĐ", "VNĐ", " VND", "VND", NULL};
    char buf[64];
    size_t n = strlen(text), i, group = 0, ndigits = 0;
    const char *const *u;
    char sep = 0;
    int64_t v = 0;

    if (n >= sizeof buf)
        return 0;
    memcpy(buf, text, n + 1);
    for (u = units; *u; u++) {
        size_t ul = strlen(*u);

        if (n > ul && strcmp(buf + n - ul, *u) == 0) {
            buf[n -= ul] = '\0';
            break;
        }
    }
    for (i = 0; i < n; i++) {
        char c = buf[i];

        if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            if (v > EXACT_LIMIT)
                return 0;
            group++;
            ndigits++;
        } else if (c == '.' || c == ',' || c == ' ') {
            if (ndigits == 0 || (sep != 0 && c != sep) || (sep != 0 && group != 3) || (sep == 0 && group > 3))
                return 0;
            sep = c;
            group = 0;
        } else {
            return 0;
        }
    }
    if (ndigits == 0 || (sep != 0 && group != 3))
        return 0;
    *out = v;
    return 1;
}

/* A measure: digits, then at most one '.' or ',' and more digits; written back with '.'. */
static cJSON *decimal_value(const char *text)
{
    char out[40];
    size_t i, n = strlen(text), o = 0;
    int point = 0, before = 0, after = 0;

    if (n >= sizeof out)
        return NULL;
    for (i = 0; i < n; i++) {
        char c = text[i];

        if (c >= '0' && c <= '9') {
            point ? after++ : before++;
            out[o++] = c;
        } else if ((c == '.' || c == ',') && !point) {
            point = 1;
            out[o++] = '.';
        } else {
            return NULL;
        }
    }
    if (before == 0 || (point && after == 0) || before > 15)
        return NULL;
    out[o] = '\0';
    return cJSON_CreateRaw(out);
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* dd/mm/yyyy (one-digit day and month allowed) or yyyy-mm-dd, a real calendar day. */
static cJSON *date_value(const char *text)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d, m, y, n = 0;
    char iso[40];

    if (strspn(text, "0123456789-/") != strlen(text))
        return NULL;
    if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && (size_t)n == strlen(text)
        && text[4] == '-' && text[7] == '-') {
        /* as is */
    } else if (sscanf(text, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && (size_t)n == strlen(text)
               && strlen(strrchr(text, '/') + 1) == 4) {
        /* day first, as Vietnamese spreadsheets write it */
    } else {
        return NULL;
    }
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap(y)))
        return NULL;
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    return cJSON_CreateString(iso);
}

/* A code of 'width' digits; fewer digits (Excel drops leading zeros) are padded back. */
static cJSON *code_value(const char *text, int width)
{
    size_t n = strlen(text), i;
    char code[8];

    if (n == 0 || n > (size_t)width)
        return NULL;
    for (i = 0; i < n; i++)
        if (text[i] < '0' || text[i] > '9')
            return NULL;
    snprintf(code, sizeof code, "%0*d", width, 0);
    memcpy(code + width - n, text, n);
    return cJSON_CreateString(code);
}

static cJSON *choice(const spelling *s, const char *text)
{
    const char *v = lookup(s, text);

    return v ? cJSON_CreateString(v) : NULL;
}

/* Trim ASCII blanks around [*s, *e). */
static void trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
        (*e)--;
}

/* Items of a ';'-separated list, each read by 'item'; NULL when one cannot be read or
** none is there. */
static cJSON *list_value(const char *text, cJSON *(*item)(const char *))
{
    cJSON *list = cJSON_CreateArray();
    const char *p = text;

    while (list != NULL) {
        const char *end = strchr(p, ';'), *s = p, *e;
        char one[128];
        cJSON *v;

        e = end ? end : p + strlen(p);
        trim(&s, &e);
        if (e > s) {
            if ((size_t)(e - s) >= sizeof one || (memcpy(one, s, (size_t)(e - s)), one[e - s] = '\0',
                                                  (v = item(one)) == NULL)) {
                cJSON_Delete(list);
                return NULL;
            }
            cJSON_AddItemToArray(list, v);
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    if (list != NULL && cJSON_GetArraySize(list) == 0) {
        cJSON_Delete(list);
        return NULL;
    }
    return list;
}

static cJSON *cause_item(const char *text)
{
    return choice(causes, text);
}

/* "2022: Nghèo" → {"year": 2022, "status": "poor"} */
static cJSON *history_item(const char *text)
{
    const char *colon = strchr(text, ':'), *s, *e;
    char year[8], status[64];
    int64_t y;
    const char *v;
    cJSON *o;

    if (colon == NULL)
        return NULL;
    s = text;
    e = colon;
    trim(&s, &e);
    if (e - s != 4)
        return NULL;
    memcpy(year, s, 4);
    year[4] = '\0';
    s = colon + 1;
    e = text + strlen(text);
    trim(&s, &e);
    if (e <= s || (size_t)(e - s) >= sizeof status || !digits_value(year, &y))
        return NULL;
    memcpy(status, s, (size_t)(e - s));
    status[e - s] = '\0';
    if ((v = lookup(statuses, status)) == NULL || (o = cJSON_CreateObject()) == NULL)
        return NULL;
    cJSON_AddItemToObject(o, "year", integer_item(y));
    cJSON_AddStringToObject(o, "status", v);
    return o;
}

cJSON *csv_cell_value(csv_kind kind, const char *text, rasoat_lang lang, const char **expected)
{
    int64_t n;
    const char *v;

    switch (kind) {
    case CSV_TEXT:
        return cJSON_CreateString(text);
    case CSV_PROVINCE:
        *expected = CLI_TEXT(lang, "mã tỉnh hai chữ số, ví dụ 62", "a two-digit province code such as 62");
        return code_value(text, 2);
    case CSV_COMMUNE_CODE:
        *expected = CLI_TEXT(lang, "mã xã năm chữ số", "a five-digit commune code");
        return code_value(text, 5);
    case CSV_DATE:
        *expected = CLI_TEXT(lang, "một ngày có thật, viết 15/10/2024 hoặc 2024-10-15",
                             "a real day, written 15/10/2024 or 2024-10-15");
        return date_value(text);
    case CSV_AREA:
        *expected = CLI_TEXT(lang, "Nông thôn hoặc Thành thị", "Nông thôn or Thành thị (rural or urban)");
        return choice(areas, text);
    case CSV_SIZE:
    case CSV_SCORE:
    case CSV_YEAR:
        *expected = kind == CSV_SIZE ? CLI_TEXT(lang, "số nguyên từ 1 trở lên", "a whole number, 1 or more")
                  : kind == CSV_SCORE ? CLI_TEXT(lang, "số nguyên từ 0 trở lên", "a whole number, 0 or more")
                  : CLI_TEXT(lang, "một năm, ví dụ 2023", "a year such as 2023");
        if (!digits_value(text, &n) || (kind == CSV_SIZE && n < 1) || (kind == CSV_YEAR && strlen(text) != 4))
            return NULL;
        return integer_item(n);
    case CSV_DECIMAL:
        *expected = CLI_TEXT(lang, "một số không âm, ví dụ 48 hoặc 48,5", "a number, 0 or more, such as 48 or 48.5");
        return decimal_value(text);
    case CSV_MONEY:
        *expected = CLI_TEXT(lang, "số tiền nguyên (đồng), ví dụ 1500000, 1.500.000 hoặc 1,500,000",
                             "whole đồng, such as 1500000, 1.500.000 or 1,500,000");
        return money_value(text, &n) ? integer_item(n) : NULL;
    case CSV_FLAG:
    case CSV_DEPRIVATION:
        *expected = CLI_TEXT(lang, "Có hoặc Không (hoặc x, 1, 0)", "Có or Không (or x, 1, 0)");
        v = lookup(flags, text);
        return v ? cJSON_CreateBool(v[0] == '1') : NULL;
    case CSV_LIVELIHOOD:
        *expected = CLI_TEXT(lang, "Nông nghiệp, Lâm nghiệp, Ngư nghiệp, Diêm nghiệp hoặc Khác",
                             "Nông nghiệp, Lâm nghiệp, Ngư nghiệp, Diêm nghiệp or Khác");
        return choice(livelihoods, text);
    case CSV_STATUS:
        *expected = CLI_TEXT(lang, "Nghèo, Cận nghèo, Có mức sống trung bình hoặc Không nghèo",
                             "Nghèo, Cận nghèo, Có mức sống trung bình or Không nghèo");
        return choice(statuses, text);
    case CSV_HISTORY:
        *expected = CLI_TEXT(lang, "các năm viết dạng 2022: Nghèo; 2023: Cận nghèo",
                             "years written as 2022: Nghèo; 2023: Cận nghèo");
        return list_value(text, history_item);
    case CSV_CAUSES:
        *expected = CLI_TEXT(lang, "các nguyên nhân (mã, số 1-8 của mẫu 7.10 hoặc tên) cách nhau bằng dấu ;",
                             "causes (codes, form 7.10's numbers 1-8 or names) separated by ;");
        return list_value(text, cause_item);
    case CSV_UNSUPPORTED:
        *expected = CLI_TEXT(lang, "không dùng được trong CSV; hãy ghi Số nhân khẩu",
                             "cannot be given in CSV; give Số nhân khẩu instead");
        return NULL;
    }
    return NULL;
}
