/*
** json_writer.c: compact JSON appended straight into a reused buffer (json_writer.h). The
** escaping follows cJSON 1.7.15's printer exactly, so text written here and text cJSON
** prints are the same bytes: '"' and '\\' and the control characters below 0x20 are
** escaped (\b \f \n \r \t by name, the others as \u00xx in lower-case hex); every other
** byte, 0x7f and all of UTF-8 included, is copied as it is.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

/* The largest buffer grown to (as record.c always allowed). */
#define JW_MAX ((size_t)1 << 30)

void jw_reset(json_writer *w)
{
    w->length = 0;
    w->failed = 0;
    w->depth = 0;
    w->has_member[0] = 0;
    w->after_key = 0;
}

void jw_free(json_writer *w)
{
    free(w->data);
    memset(w, 0, sizeof *w);
}

/* Grow the buffer to hold 'n' more bytes and a NUL. Returns 1, or 0 (and sets 'failed'). */
static int grow(json_writer *w, size_t n)
{
    size_t cap;
    char *grown;

    if (w->failed)
        return 0;
    cap = w->capacity ? w->capacity : 4096;
    while (cap <= JW_MAX && cap <= w->length + n)
        cap *= 2;
    grown = cap <= JW_MAX && n < JW_MAX ? (char *)realloc(w->data, cap) : NULL;
    if (grown == NULL) {
        w->failed = 1;
        return 0;
    }
    w->data = grown;
    w->capacity = cap;
    return 1;
}

/* Make room for 'n' more bytes and a NUL. Returns 1, or 0 (and sets 'failed'). */
static inline int reserve(json_writer *w, size_t n)
{
    if (!w->failed && n < JW_MAX && w->length + n < w->capacity)
        return 1;
    return grow(w, n);
}

/* Append the 'n' bytes at 's' (room already reserved). */
static void put(json_writer *w, const char *s, size_t n)
{
    memcpy(w->data + w->length, s, n);
    w->length += n;
}

/* What goes before any value: nothing after a key, else a comma after a previous element
** of the open array. */
static void before_value(json_writer *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->has_member[w->depth] && reserve(w, 1))
        w->data[w->length++] = ',';
    w->has_member[w->depth] = 1;
}

int jw_finish(json_writer *w)
{
    if (!w->failed && w->depth == 0 && reserve(w, 0)) {
        w->data[w->length] = '\0';
        return 0;
    }
    w->length = 0;
    if (w->data != NULL)
        w->data[0] = '\0';
    return -1;
}

/* Open a container written as 'open'. */
static void begin(json_writer *w, char open)
{
    before_value(w);
    if (w->depth + 1 >= JSON_WRITER_DEPTH) {
        w->failed = 1;
        return;
    }
    if (!reserve(w, 1))
        return;
    w->data[w->length++] = open;
    w->has_member[++w->depth] = 0;
}

static void end(json_writer *w, char close)
{
    if (w->depth == 0 || w->after_key) {
        w->failed = 1;
        return;
    }
    w->depth--;
    if (reserve(w, 1))
        w->data[w->length++] = close;
}

void jw_object_begin(json_writer *w) { begin(w, '{'); }
void jw_object_end(json_writer *w) { end(w, '}'); }
void jw_array_begin(json_writer *w) { begin(w, '['); }
void jw_array_end(json_writer *w) { end(w, ']'); }

/* Does byte 'c' go out as it is? */
#define PLAIN(c) ((c) > 31 && (c) != '"' && (c) != '\\')

/* How many of the 'n' bytes at 'p' go out as they are before the first that is escaped.
** Eight bytes at a time: a byte's high bit in 'hit' is set where it is below 0x20, '"' or
** '\\' (the borrow can set it above a true hit too, never below one, so the word with the
** first hit is found exactly and then read byte by byte). */
static size_t plain_run(const unsigned char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        uint64_t x, q, b, hit;

        memcpy(&x, p + i, 8);
        q = x ^ (ones * '"');
        b = x ^ (ones * '\\');
        hit = (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
        if (hit != 0)
            break;
    }
    while (i < n && PLAIN(p[i]))
        i++;
    return i;
}

/* Append 's' quoted and escaped. At most six bytes come out of one byte in ("\u001f"). */
static void put_quoted(json_writer *w, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    char *out;

    if (n > JW_MAX / 6 || !reserve(w, 6 * n + 2))
        return;
    out = w->data + w->length;
    *out++ = '"';
    for (;;) {
        size_t run = plain_run(p, n);
        unsigned char c;

        memcpy(out, p, run);
        out += run;
        p += run;
        n -= run;
        if (n == 0)
            break;
        c = *p++;
        n--;
        *out++ = '\\';
        switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\b': *out++ = 'b'; break;
        case '\f': *out++ = 'f'; break;
        case '\n': *out++ = 'n'; break;
        case '\r': *out++ = 'r'; break;
        case '\t': *out++ = 't'; break;
        default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 15];
            break;
        }
    }
    *out++ = '"';
    w->length = (size_t)(out - w->data);
}

/* Start a member: the comma after a previous one. Returns 0 (and sets 'failed') where no
** key may come: outside an object or right after another key. */
static int before_key(json_writer *w)
{
    if (w->after_key || w->depth == 0) {
        w->failed = 1;
        return 0;
    }
    if (w->has_member[w->depth] && reserve(w, 1))
        w->data[w->length++] = ',';
    w->has_member[w->depth] = 1;
    w->after_key = 1;
    return 1;
}

void jw_key(json_writer *w, const char *name)
{
    if (!before_key(w))
        return;
    put_quoted(w, name);
    if (reserve(w, 1))
        w->data[w->length++] = ':';
}

void jw_key_quoted(json_writer *w, const char *quoted, size_t n)
{
    if (before_key(w) && reserve(w, n))
        put(w, quoted, n);
}

void jw_string(json_writer *w, const char *s)
{
    before_value(w);
    put_quoted(w, s);
}

void jw_integer(json_writer *w, long long value)
{
    char digits[24];
    char *d = digits + sizeof digits;
    /* The magnitude as unsigned, so that LLONG_MIN has one too. */
    unsigned long long m = value < 0 ? 0ull - (unsigned long long)value
                                     : (unsigned long long)value;

    do {
        *--d = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0);
    if (value < 0)
        *--d = '-';
    before_value(w);
    if (reserve(w, (size_t)(digits + sizeof digits - d)))
        put(w, d, (size_t)(digits + sizeof digits - d));
}

void jw_bool(json_writer *w, int value)
{
    before_value(w);
    if (reserve(w, 5))
        put(w, value ? "true" : "false", value ? 4 : 5);
}

void jw_null(json_writer *w)
{
    before_value(w);
    if (reserve(w, 4))
        put(w, "null", 4);
}

void jw_cjson(json_writer *w, const cJSON *item)
{
    before_value(w);
    for (;;) {
        size_t room;

        if (!reserve(w, 64))
            return;
        room = w->capacity - w->length;
        if (room > (size_t)0x7fffffff)
            room = 0x7fffffff;
        /* cJSON_PrintPreallocated fails when the text does not fit: grow and print again. */
        if (cJSON_PrintPreallocated((cJSON *)item, w->data + w->length, (int)room, 0)) {
            w->length += strlen(w->data + w->length);
            return;
        }
        if (item == NULL || !reserve(w, w->capacity))
            return;
    }
}
