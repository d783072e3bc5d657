/*
** jsonl_to_csv.c: turn the benchmark's JSON Lines households into the CSV a Vietnamese
** Excel would save (docs/formats.md §1.1): byte-order mark, ';', CR LF, Vietnamese headers,
** dd/mm/yyyy dates, Nông thôn/Thành thị, Có/Không, money as 1.500.000, livelihoods and
** statuses in Vietnamese. Members become Số nhân khẩu; fields CSV has no column for are
** left out. 'rasoat classify' must give the same results for both files (bench/run.sh
** checks it on the first households).
**
** Usage: jsonl_to_csv IN.jsonl OUT.csv
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <csv.h>

static const char *const indicators[][2] = {
    {"employment", "Việc làm"}, {"dependents", "Người phụ thuộc trong hộ gia đình"},
    {"nutrition", "Dinh dưỡng"}, {"health_insurance", "Bảo hiểm y tế"},
    {"adult_education", "Trình độ giáo dục của người lớn"},
    {"child_schooling", "Tình trạng đi học của trẻ em"}, {"housing_quality", "Chất lượng nhà ở"},
    {"housing_area", "Diện tích nhà ở bình quân đầu người"}, {"water", "Nguồn nước sinh hoạt"},
    {"sanitation", "Nhà tiêu hợp vệ sinh"}, {"telecom", "Sử dụng dịch vụ viễn thông"},
    {"information_means", "Phương tiện phục vụ tiếp cận thông tin"},
};
#define NIND (sizeof indicators / sizeof indicators[0])

static const char *const words[][2] = {
    {"agriculture", "Nông nghiệp"}, {"forestry", "Lâm nghiệp"}, {"fishery", "Ngư nghiệp"},
    {"salt", "Diêm nghiệp"}, {"other", "Khác"}, {"poor", "Nghèo"}, {"near_poor", "Cận nghèo"},
    {"middle_income", "Có mức sống trung bình"}, {"not_poor", "Không nghèo"},
};

static const char *vietnamese(const char *code)
{
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i][0], code) == 0)
            return words[i][1];
    return code;
}

/* "2022: Nghèo; 2023: Cận nghèo", the spreadsheet's way of writing 'history', into 'buf'. */
static const char *history_text(const cJSON *history, char *buf, size_t size)
{
    const cJSON *year;
    size_t n = 0;

    buf[0] = '\0';
    cJSON_ArrayForEach(year, history) {
        const cJSON *y = cJSON_GetObjectItemCaseSensitive(year, "year");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(year, "status");

        if (cJSON_IsNumber(y) && cJSON_IsString(s) && n < size)
            n += (size_t)snprintf(buf + n, size - n, "%s%d: %s", n ? "; " : "", y->valueint,
                                  vietnamese(s->valuestring));
    }
    return buf;
}

/* One cell and its separator: quoted by libcsv only when it must be. */
static void cell(FILE *out, const char *text, int last)
{
    if (strpbrk(text, ";\"\r\n") != NULL)
        csv_fwrite(out, text, strlen(text));
    else
        fputs(text, out);
    fputs(last ? "\r\n" : ";", out);
}

static const char *str(const cJSON *o, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, name);

    return cJSON_IsString(item) ? item->valuestring : "";
}

/* An integer member as text ("" when absent); money grouped with '.'. */
static const char *number(const cJSON *o, const char *name, int money, char *buf, size_t size)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, name);
    char digits[32];
    size_t n, i, k = 0;

    if (!cJSON_IsNumber(item))
        return "";
    snprintf(digits, sizeof digits, "%.0f", item->valuedouble);
    if (!money)
        return snprintf(buf, size, "%s", digits), buf;
    n = strlen(digits);
    for (i = 0; i < n && k + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[k++] = '.';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    static const char *const head[] = {"Mã hộ", "Ngày rà soát", "Mã tỉnh", "Huyện", "Xã", "Thôn",
        "Khu vực", "Dân tộc", "Số nhân khẩu", "Điểm B1", "Thu nhập bình quân đầu người/tháng",
        "Diện tích nhà ở (m²)", "Sinh kế chính", "Phân loại năm trước", "Năm phân loại trước",
        "Các năm trước", "Biến động nhân khẩu"};
    FILE *in, *out;
    char *line = NULL;
    size_t cap = 0, i;
    ssize_t len;

    if (argc != 3 || (in = fopen(argv[1], "rb")) == NULL || (out = fopen(argv[2], "wb")) == NULL) {
        fprintf(stderr, "usage: jsonl_to_csv IN.jsonl OUT.csv\n");
        return 2;
    }
    fputs("\xEF\xBB\xBF", out);
    for (i = 0; i < sizeof head / sizeof head[0]; i++)
        cell(out, head[i], 0);
    for (i = 0; i < NIND; i++)
        cell(out, indicators[i][1], i + 1 == NIND);
    while ((len = getline(&line, &cap, in)) > 0) {
        cJSON *h = cJSON_ParseWithLength(line, (size_t)len);
        const cJSON *members = cJSON_GetObjectItemCaseSensitive(h, "members");
        const cJSON *prev = cJSON_GetObjectItemCaseSensitive(h, "previous");
        const cJSON *dep = cJSON_GetObjectItemCaseSensitive(h, "deprivations");
        const char *date = str(h, "survey_date");
        char buf[64], dmy[16], hist[512];

        if (h == NULL) {
            fprintf(stderr, "jsonl_to_csv: a line is not JSON\n");
            return 1;
        }
        snprintf(dmy, sizeof dmy, "%.2s/%.2s/%.4s", strlen(date) == 10 ? date + 8 : "", strlen(date) == 10 ? date + 5 : "", date);
        cell(out, str(h, "id"), 0);
        cell(out, dmy, 0);
        cell(out, str(h, "province"), 0);
        cell(out, str(h, "district"), 0);
        cell(out, str(h, "commune"), 0);
        cell(out, str(h, "village"), 0);
        cell(out, strcmp(str(h, "area"), "rural") == 0 ? "Nông thôn" : "Thành thị", 0);
        cell(out, str(h, "ethnicity"), 0);
        if (cJSON_IsArray(members))
            snprintf(buf, sizeof buf, "%d", cJSON_GetArraySize(members));
        else
            number(h, "size", 0, buf, sizeof buf);
        cell(out, buf, 0);
        cell(out, number(h, "b1_score", 0, buf, sizeof buf), 0);
        cell(out, number(h, "income_per_capita_month", 1, buf, sizeof buf), 0);
        cell(out, number(h, "floor_area_m2", 0, buf, sizeof buf), 0);
        cell(out, vietnamese(str(h, "livelihood")), 0);
        cell(out, prev ? vietnamese(str(prev, "status")) : "", 0);
        cell(out, prev ? number(prev, "year", 0, buf, sizeof buf) : "", 0);
        cell(out, history_text(cJSON_GetObjectItemCaseSensitive(h, "history"), hist, sizeof hist), 0);
        cell(out, str(h, "change"), 0);
        for (i = 0; i < NIND; i++) {
            const cJSON *a = cJSON_GetObjectItemCaseSensitive(dep, indicators[i][0]);

            cell(out, cJSON_IsBool(a) ? (cJSON_IsTrue(a) ? "Có" : "Không") : "", i + 1 == NIND);
        }
        cJSON_Delete(h);
    }
    free(line);
    fclose(in);
    return fclose(out) == 0 ? 0 : 1;
}
