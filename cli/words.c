/*
** words.c: class names as the review's documents write them (hộ nghèo, hộ cận nghèo, hộ
** có mức sống trung bình); JSON and CSV for tools keep the codes.
*/
#include <string.h>

#include "words.h"

static const struct {
    const char *code, *vi, *en;
} classes[] = {
    {"poor", "hộ nghèo", "poor"},
    {"near_poor", "hộ cận nghèo", "near-poor"},
    {"middle_income", "hộ có mức sống trung bình", "middle income"},
    {"not_poor", "hộ không nghèo", "not poor"},
    {"undetermined", "chưa xác định", "undetermined"},
    {"error", "lỗi", "error"},
};

const char *cli_class_label(const char *code, rasoat_lang lang)
{
    size_t i;

    for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strcmp(classes[i].code, code) == 0)
            return lang == RASOAT_LANG_EN ? classes[i].en : classes[i].vi;
    return code;
}
