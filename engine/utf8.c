/*
** utf8.c: UTF-8 well-formedness (see utf8.h).
*/
#include <string.h>

#include "utf8.h"

size_t utf8_char_length(const unsigned char *s, size_t left)
{
    unsigned c = s[0], cp;
    size_t n, i;

    if (left == 0)
        return 0;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 3, cp = c & 0x07;
    else
        return 0;
    if (n >= left)
        return 0;
    for (i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

int utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    for (;;) {
        size_t n;

        while (*p != 0 && *p < 0x80)   /* the common case: ASCII, one test a byte */
            p++;
        if (*p == 0)
            return 1;
        n = utf8_char_length(p, strlen((const char *)p));
        if (n == 0)
            return 0;
        p += n;
    }
}

void utf8_scrub(char *s)
{
    unsigned char *p = (unsigned char *)s;
    size_t left = strlen(s);

    while (left > 0) {
        size_t n;

        if (*p < 0x80) {                  /* ASCII, most of any message */
            p++;
            left--;
            continue;
        }
        n = utf8_char_length(p, left);

        if (n == 0) {
            *p = '?';
            n = 1;
        }
        p += n;
        left -= n;
    }
}
