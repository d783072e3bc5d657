/*
** words.c: class names as the review's documents write them (hộ nghèo, hộ cận nghèo, hộ
** có mức sống trung bình); JSON and CSV for tools keep the codes.
*/
#include <string.h>

#include "words.h"

static const struct {
    const char *code, *vi, *vi_short, *en;
} classes[] = {
    {"poor", "hộ nghèo", "nghèo", "poor"},
    {"near_poor", "hộ cận nghèo", "cận nghèo", "near-poor"},
    {"middle_income", "hộ có mức sống trung bình", "mức sống trung bình", "middle income"},
    {"not_poor", "hộ không nghèo", "không nghèo", "not poor"},
    {"undetermined", "chưa xác định", "chưa xác định", "undetermined"},
    {"error", "lỗi", "lỗi", "error"},
};

static const char *label(const char *code, rasoat_lang lang, int brief)
{
    size_t i;

    for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strcmp(classes[i].code, code) == 0)
            return lang == RASOAT_LANG_EN ? classes[i].en : brief ? classes[i].vi_short : classes[i].vi;
    return code;
}

const char *cli_class_label(const char *code, rasoat_lang lang)
{
    return label(code, lang, 0);
}

const char *cli_class_short(const char *code, rasoat_lang lang)
{
    return label(code, lang, 1);
}
