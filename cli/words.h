/*
** words.h: the names people read for the codes of the records (classes), in both languages.
*/
#ifndef RASOAT_CLI_WORDS_H
#define RASOAT_CLI_WORDS_H

#include "rasoat.h"

/* The name of class (or pseudo-class) 'code' for people: "poor" → "hộ nghèo" / "poor";
** "undetermined" and "error" too. Unknown codes are returned as they are. Static text. */
const char *cli_class_label(const char *code, rasoat_lang lang);

/* The same without "hộ" ("nghèo", "cận nghèo", "mức sống trung bình"), for table headings. */
const char *cli_class_short(const char *code, rasoat_lang lang);

#endif
