/*
** json_arena.c: strict one-pass JSON parsing into cJSON-shaped nodes in an engine-owned
** arena (see json_arena.h). Each function mirrors the cJSON 1.7 function it stands in for
** (parse_object, parse_array, parse_string, parse_number), field for field, and declines
** (returns 0) at the first byte where the two could differ or where the text breaks a
** rule record_parse enforces; the caller then asks cJSON, whose answer is the reference.
*/
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_arena.h"
#include "record_parse.h"
#include "utf8.h"

struct arena_chunk {
    arena_chunk *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
};

/* The first chunk's size, and how much is kept from one record to the next: a record
** larger than that gets memory of its own, given back at the next record. */
#define CHUNK_MIN ((size_t)64 * 1024)
#define KEPT_MAX ((size_t)1024 * 1024)

/* Start again from the first chunk; chunks past KEPT_MAX in all are given back. */
static void arena_reset(json_arena *a)
{
    arena_chunk *c = a->first, *next;
    size_t kept = 0;

    a->root = NULL;
    a->current = a->first;
    for (; c != NULL; c = c->next) {
        c->used = 0;
        kept += c->size;
        if (c->next != NULL && kept + c->next->size > KEPT_MAX) {
            arena_chunk *drop = c->next;

            c->next = NULL;
            for (; drop != NULL; drop = next) {
                next = drop->next;
                free(drop);
            }
        }
    }
}

/* Grow the arena by a chunk (or move to the next one kept) and take 'n' bytes aligned to
** 'align' from it; NULL when memory is short. */
static void *arena_grow(json_arena *a, size_t n, size_t align)
{
    arena_chunk *c = a->current;

    for (;;) {
        size_t size;
        arena_chunk *fresh;

        if (c != NULL) {
            size_t at = (c->used + align - 1) & ~(align - 1);

            if (at <= c->size && n <= c->size - at) {
                c->used = at + n;
                return c->data + at;
            }
            if (c->next != NULL) {
                c = a->current = c->next;
                c->used = 0;
                continue;
            }
        }
        size = c != NULL ? c->size * 2 : CHUNK_MIN;
        if (size < n + align)
            size = n + align;
        if ((fresh = (arena_chunk *)malloc(sizeof *fresh + size)) == NULL)
            return NULL;
        fresh->next = NULL;
        fresh->size = size;
        fresh->used = 0;
        if (c != NULL)
            c->next = fresh;
        else
            a->first = fresh;
        c = a->current = fresh;
    }
}

/* 'n' bytes aligned to 'align' (a power of two) from the arena, or NULL when memory is
** short. Owned by the arena. */
static inline void *arena_take(json_arena *a, size_t n, size_t align)
{
    arena_chunk *c = a->current;

    if (c != NULL) {
        size_t at = (c->used + align - 1) & ~(align - 1);

        if (at <= c->size && n <= c->size - at) {
            c->used = at + n;
            return c->data + at;
        }
    }
    return arena_grow(a, n, align);
}

void json_arena_free(json_arena *a)
{
    arena_chunk *c = a->first, *next;

    for (; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
    memset(a, 0, sizeof *a);
}

int json_arena_canonical(const json_arena *a, size_t *blanks)
{
    *blanks = a->blanks;
    return a->root != NULL && a->canonical;
}

int json_arena_holds(const json_arena *a, const cJSON *node)
{
    return node != NULL && node == a->root;
}

/* {====================================================================
** The parser
** ===================================================================== */

typedef struct parser {
    const unsigned char *p, *end;
    json_arena *a;
    int canonical;     /* as json_arena_canonical: so far, the text is as cJSON prints it */
    size_t blanks;     /* blank bytes skipped so far */
} parser;

static int parse_value(parser *ps, cJSON *item, int depth);

/* RFC 8259's four blanks only; cJSON also skips other control bytes, so a text that has
** them is declined where they stand. */
static void skip_blanks(parser *ps)
{
    const unsigned char *from = ps->p;

    while (ps->p < ps->end
           && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
        ps->p++;
    ps->blanks += (size_t)(ps->p - from);
}

/* A zeroed node in the arena, as cJSON_New_Item makes it; NULL when memory is short. */
static cJSON *new_node(parser *ps)
{
    cJSON *node = (cJSON *)arena_take(ps->a, sizeof *node, _Alignof(cJSON));

    if (node != NULL)
        memset(node, 0, sizeof *node);
    return node;
}

/* The four hex digits at 'p' (with 'end' after the text) into '*code'; 0 when there are
** fewer or one is not a hex digit (cJSON would read such a digit as 0). */
static int hex4(const unsigned char *p, const unsigned char *end, unsigned *code)
{
    int i;

    if (end - p < 4)
        return 0;
    for (*code = 0, i = 0; i < 4; i++) {
        unsigned char c = p[i];
        unsigned digit = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                       : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                       : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;

        if (digit == 16u)
            return 0;
        *code = *code << 4 | digit;
    }
    return 1;
}

/* Write 'code' (at most U+10FFFF, no surrogate) as UTF-8 at 'out'; returns its length. */
static size_t put_utf8(unsigned code, unsigned char *out)
{
    if (code < 0x80) {
        out[0] = (unsigned char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (unsigned char)(0xC0 | code >> 6);
        out[1] = (unsigned char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (unsigned char)(0xE0 | code >> 12);
        out[1] = (unsigned char)(0x80 | (code >> 6 & 0x3F));
        out[2] = (unsigned char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | code >> 18);
    out[1] = (unsigned char)(0x80 | (code >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (code >> 6 & 0x3F));
    out[3] = (unsigned char)(0x80 | (code & 0x3F));
    return 4;
}

/*
** Decode the string body from 'p' to 'end' (the closing quote; every backslash there is
** followed by a byte before it) into 'out', NUL-terminated. Returns 0 for an escape cJSON
** refuses, and for \u0000 and unreadable \u digits, which cJSON would turn into a NUL.
*/
static int decode_escapes(const unsigned char *p, const unsigned char *end, unsigned char *out)
{
    static const char plain[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";

    while (p < end) {
        const char *which;
        unsigned code, low;

        if (*p != '\\') {
            *out++ = *p++;
            continue;
        }
        p++;
        if (*p != 'u') {
            if (*p == '\0' || (which = strchr(plain, *p)) == NULL)
                return 0;
            *out++ = (unsigned char)meant[which - plain];
            p++;
            continue;
        }
        if (!hex4(p + 1, end, &code) || code == 0 || (code >= 0xDC00 && code <= 0xDFFF))
            return 0;
        p += 5;
        if (code >= 0xD800 && code <= 0xDBFF) {  /* a surrogate pair: \uD8xx\uDCxx */
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &low)
                || low < 0xDC00 || low > 0xDFFF)
                return 0;
            code = 0x10000 + ((code & 0x3FF) << 10 | (low & 0x3FF));
            p += 6;
        }
        out += put_utf8(code, out);
    }
    *out = '\0';
    return 1;
}

/* What parse_string must look at in a string's bytes. */
enum {
    PLAIN = 0,     /* copied as it is */
    ENDS_RUN = 1,  /* a control byte, '"' or '\\' */
    MULTIBYTE = 2  /* a byte of a UTF-8 character of more than one byte */
};
#define S ENDS_RUN
#define H MULTIBYTE
static const unsigned char byte_class[256] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    0, 0, S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, S, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef S
#undef H

/* Whether one of the 8 bytes at 'p' ends a plain run (see byte_class); when none does,
** records in '*high' whether one is MULTIBYTE. Eight bytes at a time, with the classic
** test for a byte below n: (w - n*0x01..01) & ~w & 0x80..80, exact as to whether one is. */
static int run_ends_in_8(const unsigned char *p, int *high)
{
    const uint64_t ones = 0x0101010101010101u, top = 0x8080808080808080u;
    uint64_t w, quote, slash;

    memcpy(&w, p, 8);
    quote = w ^ ('"' * ones);
    slash = w ^ ('\\' * ones);
    if ((((w - 0x20 * ones) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash)) & top)
        return 1;
    *high |= (w & top) != 0;
    return 0;
}

/* The string whose opening quote is at ps->p, decoded into the arena (NULL to decline:
** a control byte, a bad escape, text that is not UTF-8, or memory short). */
static char *parse_string(parser *ps)
{
    const unsigned char *start = ps->p + 1, *q = start;
    int escaped = 0, high = 0;
    unsigned char *s;

    for (;; q++) {
        unsigned char k;

        while (ps->end - q >= 8 && !run_ends_in_8(q, &high))
            q += 8;
        while (q < ps->end && (k = byte_class[*q]) != ENDS_RUN) {
            high |= k;
            q++;
        }
        if (q >= ps->end || *q < 0x20)
            return NULL;
        if (*q == '"')
            break;
        escaped = 1;                      /* a backslash: the byte after it is never the end */
        if (++q >= ps->end)
            return NULL;
    }
    if ((s = (unsigned char *)arena_take(ps->a, (size_t)(q - start) + 1, 1)) == NULL)
        return NULL;
    if (!escaped) {
        memcpy(s, start, (size_t)(q - start));
        s[q - start] = '\0';
    } else if (!decode_escapes(start, q, s)) {
        return NULL;
    } else {
        ps->canonical = 0;                /* cJSON prints some escapes otherwise */
    }
    /* Escapes only ever make whole characters, so only raw bytes can break UTF-8. */
    if (high && !utf8_valid((const char *)s))
        return NULL;
    ps->p = q + 1;
    return (char *)s;
}

static int is_digit(const parser *ps, const unsigned char *q)
{
    return q < ps->end && *q >= '0' && *q <= '9';
}

/*
** An RFC 8259 number, valued as cJSON values it: strtod of the same characters with the
** locale's decimal point, and valueint saturated. Whole numbers of up to 15 digits are
** exact in a double, so they skip strtod. Declines a number of 63 characters or more
** (cJSON reads at most 63).
*/
static int parse_number(parser *ps, cJSON *item)
{
    const unsigned char *start = ps->p, *q = start;
    int whole = 1, negative = *q == '-';
    uint64_t magnitude = 0;
    double number;

    q += negative;
    if (!is_digit(ps, q))
        return 0;
    if (*q == '0')
        q++;
    else
        for (; is_digit(ps, q); q++)
            magnitude = magnitude * 10 + (uint64_t)(*q - '0');  /* wraps past 19 digits, unused */
    if (q < ps->end && *q == '.') {
        whole = 0;
        if (!is_digit(ps, ++q))
            return 0;
        while (is_digit(ps, q))
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        whole = 0;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (!is_digit(ps, q))
            return 0;
        while (is_digit(ps, q))
            q++;
    }
    if (q - start >= 63)
        return 0;
    if (!whole || q - start - negative > 9 || (negative && magnitude == 0))
        ps->canonical = 0;                /* cJSON may print it otherwise (1.0 as 1, -0 as 0) */
    if (whole && q - start - negative <= 15) {
        number = negative ? -(double)magnitude : (double)magnitude;
    } else {
        char text[64], *after, point = *localeconv()->decimal_point;
        size_t n = (size_t)(q - start), i;

        memcpy(text, start, n);
        text[n] = '\0';
        for (i = 0; i < n; i++)
            if (text[i] == '.')
                text[i] = point;
        number = strtod(text, &after);
        if (after != text + n)
            return 0;
    }
    item->valuedouble = number;
    item->valueint = number >= INT_MAX ? INT_MAX : number <= (double)INT_MIN ? INT_MIN : (int)number;
    item->type = cJSON_Number;
    ps->p = q;
    return 1;
}

/* The object (with 'object') or array at ps->p, nested 'depth' deep, into 'item': its
** members or elements linked as cJSON links them, next and prev between siblings and the
** first one's prev at the last. */
static int parse_container(parser *ps, cJSON *item, int depth, int object)
{
    cJSON *head = NULL, *last = NULL;
    unsigned char close = object ? '}' : ']';

    if (depth > RECORD_MAX_DEPTH)
        return 0;
    item->type = object ? cJSON_Object : cJSON_Array;
    ps->p++;
    skip_blanks(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 1;
    }
    for (;;) {
        cJSON *node = new_node(ps);

        if (node == NULL)
            return 0;
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"' || (node->string = parse_string(ps)) == NULL)
                return 0;
            skip_blanks(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return 0;
            ps->p++;
            skip_blanks(ps);
        }
        if (!parse_value(ps, node, depth + 1))
            return 0;
        if (head == NULL) {
            head = node;
        } else {
            last->next = node;
            node->prev = last;
        }
        last = node;
        skip_blanks(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_blanks(ps);
            continue;
        }
        if (ps->p < ps->end && *ps->p == close)
            break;
        return 0;
    }
    ps->p++;
    head->prev = last;
    item->child = head;
    return 1;
}

/* The value at ps->p into 'item', nested 'depth' deep. */
static int parse_value(parser *ps, cJSON *item, int depth)
{
    size_t left = (size_t)(ps->end - ps->p);

    if (left == 0)
        return 0;
    switch (*ps->p) {
    case '{':
        return parse_container(ps, item, depth, 1);
    case '[':
        return parse_container(ps, item, depth, 0);
    case '"':
        item->type = cJSON_String;
        return (item->valuestring = parse_string(ps)) != NULL;
    case 't':
        if (left < 4 || memcmp(ps->p, "true", 4) != 0)
            return 0;
        item->type = cJSON_True;
        item->valueint = 1;
        ps->p += 4;
        return 1;
    case 'f':
        if (left < 5 || memcmp(ps->p, "false", 5) != 0)
            return 0;
        item->type = cJSON_False;
        ps->p += 5;
        return 1;
    case 'n':
        if (left < 4 || memcmp(ps->p, "null", 4) != 0)
            return 0;
        item->type = cJSON_NULL;
        ps->p += 4;
        return 1;
    default:
        return parse_number(ps, item);
    }
}

/* }==================================================================== */

cJSON *json_arena_parse(json_arena *a, const char *json, size_t len)
{
    parser ps;
    cJSON *root;

    arena_reset(a);
    ps.p = (const unsigned char *)json;
    ps.end = ps.p + len;
    ps.a = a;
    ps.canonical = 1;
    ps.blanks = 0;
    skip_blanks(&ps);
    if (ps.p >= ps.end || *ps.p != '{' || (root = new_node(&ps)) == NULL
        || !parse_container(&ps, root, 1, 1))
        return NULL;
    skip_blanks(&ps);
    if (ps.p != ps.end)
        return NULL;
    a->root = root;
    a->canonical = ps.canonical;
    a->blanks = ps.blanks;
    return root;
}
