/*
** utf8.h: UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates, nothing past
** U+10FFFF), so that no text rasoat writes is anything but UTF-8.
*/
#ifndef RASOAT_UTF8_H
#define RASOAT_UTF8_H

#include <stddef.h>

/* The length (1-4) of the well-formed character at 's', which has 'left' bytes, or 0. */
size_t utf8_char_length(const unsigned char *s, size_t left);

/* Whether the NUL-terminated 's' is well-formed UTF-8. */
int utf8_valid(const char *s);

/* Replace, in place, each byte of NUL-terminated 's' that starts no well-formed character
** with '?'. */
void utf8_scrub(char *s);

#endif
