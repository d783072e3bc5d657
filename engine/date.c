/*
** date.c: strict ISO dates to day numbers (Howard Hinnant's days_from_civil algorithm).
*/
#include "date.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int digits(const char *s, int n)
{
    int v = 0, i;

    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

int date_parse(const char *text, int32_t *day)
{
    static const char shape[] = "dddd-dd-dd";
    int i, y, m, d, era, yoe, doy, doe;

    if (text == 0)
        return 0;
    for (i = 0; shape[i] != '\0'; i++) {
        if (shape[i] == 'd' ? !is_digit(text[i]) : text[i] != shape[i])
            return 0;
    }
    if (text[i] != '\0')
        return 0;
    y = digits(text, 4);
    m = digits(text + 5, 2);
    d = digits(text + 8, 2);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;

    /* days_from_civil: count from 0000-03-01 so the leap day ends each year. */
    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *day = (int32_t)(era * 146097 + doe - 719468);
    return 1;
}
