/*
** csv_columns.c: the header table. Vietnamese names follow the forms' own words (Phiếu B1,
** the B2 indicators' labels in the rule sets, form 7.10); docs/formats.md shows the same
** table and a test keeps the two equal.
*/
#include <string.h>
#include <strings.h>

#include "csv_columns.h"

static const csv_column columns[] = {
    {"id", "Mã hộ", NULL, CSV_TEXT},
    {"survey_date", "Ngày rà soát", NULL, CSV_DATE},
    {"province", "Mã tỉnh", NULL, CSV_PROVINCE},
    {"district", "Huyện", NULL, CSV_TEXT},
    {"commune", "Xã", NULL, CSV_TEXT},
    {"village", "Thôn", "Thôn, bản", CSV_TEXT},
    {"commune_code", "Mã xã", NULL, CSV_COMMUNE_CODE},
    {"former_province", "Mã tỉnh cũ", NULL, CSV_PROVINCE},
    {"area", "Khu vực", NULL, CSV_AREA},
    {"size", "Số nhân khẩu", NULL, CSV_SIZE},
    {"members", "Thành viên", NULL, CSV_UNSUPPORTED},
    {"b1_score", "Điểm B1", NULL, CSV_SCORE},
    {"income_per_capita_month", "Thu nhập bình quân đầu người/tháng", NULL, CSV_MONEY},
    {"floor_area_m2", "Diện tích nhà ở (m²)", "Diện tích nhà ở", CSV_DECIMAL},
    {"livelihood", "Sinh kế chính", NULL, CSV_LIVELIHOOD},
    {"previous.status", "Phân loại năm trước", NULL, CSV_STATUS},
    {"previous.year", "Năm phân loại trước", NULL, CSV_YEAR},
    {"history", "Các năm trước", NULL, CSV_HISTORY},
    {"change", "Biến động nhân khẩu", NULL, CSV_TEXT},
    {"head_name", "Họ tên chủ hộ", NULL, CSV_TEXT},
    {"ethnicity", "Dân tộc", NULL, CSV_TEXT},
    {"poverty_causes", "Nguyên nhân nghèo", NULL, CSV_CAUSES},
    {"meritorious", "Có người có công", NULL, CSV_FLAG},
    {"no_labour_capacity", "Không có khả năng lao động", NULL, CSV_FLAG},
    {"female_head", "Chủ hộ là nữ", NULL, CSV_FLAG},
    /* Phiếu B2: one column per indicator of every period (2016-2020, 2022-2025, 2027-2030,
    ** and the local sets'), labelled as the rule sets label them. */
    {"deprivations.employment", "Việc làm", NULL, CSV_DEPRIVATION},
    {"deprivations.dependents", "Người phụ thuộc trong hộ gia đình", NULL, CSV_DEPRIVATION},
    {"deprivations.nutrition", "Dinh dưỡng", NULL, CSV_DEPRIVATION},
    {"deprivations.health_insurance", "Bảo hiểm y tế", NULL, CSV_DEPRIVATION},
    {"deprivations.healthcare_access", "Tiếp cận các dịch vụ y tế", NULL, CSV_DEPRIVATION},
    {"deprivations.adult_education", "Trình độ giáo dục của người lớn", NULL, CSV_DEPRIVATION},
    {"deprivations.child_schooling", "Tình trạng đi học của trẻ em", NULL, CSV_DEPRIVATION},
    {"deprivations.housing_quality", "Chất lượng nhà ở", NULL, CSV_DEPRIVATION},
    {"deprivations.housing_area", "Diện tích nhà ở bình quân đầu người", NULL, CSV_DEPRIVATION},
    {"deprivations.water", "Nguồn nước sinh hoạt", NULL, CSV_DEPRIVATION},
    {"deprivations.sanitation", "Nhà tiêu hợp vệ sinh", "Hố xí/nhà tiêu hợp vệ sinh", CSV_DEPRIVATION},
    {"deprivations.waste", "Xử lý rác thải sinh hoạt", NULL, CSV_DEPRIVATION},
    {"deprivations.telecom", "Sử dụng dịch vụ viễn thông", NULL, CSV_DEPRIVATION},
    {"deprivations.information_means", "Phương tiện phục vụ tiếp cận thông tin",
     "Tài sản phục vụ tiếp cận thông tin", CSV_DEPRIVATION},
    {"deprivations.digital_services", "Sử dụng dịch vụ số, tiếp cận internet", NULL, CSV_DEPRIVATION},
    {"deprivations.social_insurance", "Bảo hiểm xã hội", NULL, CSV_DEPRIVATION},
};

#define NCOLUMNS (sizeof columns / sizeof columns[0])

const csv_column *csv_columns(size_t *n)
{
    *n = NCOLUMNS;
    return columns;
}

/* Does 'name' equal the 'len' bytes of 'text' (ASCII case folded)? */
static int same(const char *name, const char *text, size_t len)
{
    return name != NULL && strlen(name) == len && strncasecmp(name, text, len) == 0;
}

const csv_column *csv_column_find(const char *header, size_t len)
{
    size_t i;

    while (len > 0 && (*header == ' ' || *header == '\t')) {
        header++;
        len--;
    }
    while (len > 0 && (header[len - 1] == ' ' || header[len - 1] == '\t'))
        len--;
    for (i = 0; i < NCOLUMNS; i++) {
        const char *f = columns[i].field;

        if (same(f, header, len) || same(columns[i].vi, header, len) || same(columns[i].alias, header, len))
            return &columns[i];
        if (columns[i].kind == CSV_DEPRIVATION && same(f + sizeof "deprivations." - 1, header, len))
            return &columns[i];
    }
    return NULL;
}
