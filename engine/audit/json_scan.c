/*
** json_scan.c: JSON text read in place (json_scan.h): one recursive-descent pass that
** validates, optionally checking that cJSON would print each token as written, and
** skipping over values of text already validated to find members and elements.
*/
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json_scan.h"

typedef struct scan {
    const char *p, *end;
    int canon;      /* also require the text cJSON_PrintUnformatted gives */
    int depth, max_depth;
    size_t blanks;  /* blanks skipped outside strings */
    const char *const *names;  /* members to find (json_valid_members), or NULL */
    const int *parents;        /* of each: the index of the member it is in, or -1 (top) */
    json_span *values;
    size_t n_names;
    int inside, inside_depth;  /* the wanted member whose object is being scanned, its depth */
} scan;

/* Bytes a string's scan stops at: '"', '\\' and those below 0x20. */
static const unsigned char string_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

/* Past the blanks at s->p, counting them. */
static inline void skip_blanks(scan *s)
{
    const char *from = s->p;

    if (s->p < s->end && !json_is_blank(*s->p))
        return;
    while (s->p < s->end && json_is_blank(*s->p))
        s->p++;
    s->blanks += (size_t)(s->p - from);
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
** A string at s->p (its opening quote). cJSON prints a string's bytes as they are but for
** '"', '\\', \b \f \n \r \t (two characters) and the other bytes below 0x20 (\u00xx, lower
** case), so in canonical mode any other escape (\/, \u00e9, \u000a, ...) is refused.
*/
static int string(scan *s)
{
    s->p++;
    while (s->p < s->end) {
        unsigned char c;

#ifdef __SSE2__
        while (s->end - s->p >= 16) {      /* plain bytes, sixteen at a time */
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s->p);
            __m128i stop = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1f)), _mm_set1_epi8(0x1f)));
            int mask = _mm_movemask_epi8(stop);

            if (mask != 0) {
                s->p += __builtin_ctz((unsigned)mask);
                break;
            }
            s->p += 16;
        }
#endif
        while (s->p < s->end && !string_stop[(unsigned char)*s->p]) /* plain bytes */
            s->p++;
        if (s->p >= s->end)
            break;
        c = (unsigned char)*s->p++;

        if (c == '"')
            return 1;
        if (c < 0x20)
            return 0;
        if (c != '\\')
            continue;
        if (s->p >= s->end)
            return 0;
        c = (unsigned char)*s->p++;
        if (c == 'u') {
            int i;

            if (s->end - s->p < 4)
                return 0;
            for (i = 0; i < 4; i++)
                if (!is_hex(s->p[i]))
                    return 0;
            if (s->canon) {
                /* only \u0001..\u001f other than b f n r t, in lower case */
                const char *h = s->p;
                int v = (h[2] - '0') * 16 + (h[3] >= 'a' ? h[3] - 'a' + 10 : h[3] - '0');

                if (h[0] != '0' || h[1] != '0' || (h[2] != '0' && h[2] != '1')
                    || !((h[3] >= '0' && h[3] <= '9') || (h[3] >= 'a' && h[3] <= 'f'))
                    || v == 0 || v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t')
                    return 0;
            }
            s->p += 4;
        } else if (c == '/') {
            if (s->canon)
                return 0;
        } else if (!(c == '"' || c == '\\' || c == 'b' || c == 'f' || c == 'n' || c == 'r'
                     || c == 't')) {
            return 0;
        }
    }
    return 0;
}

/* A number. Canonical: an integer of at most 9 digits, not "-0" (cJSON prints those with
** "%d"; anything else goes through "%1.15g" and is left to cJSON to judge). */
static int number(scan *s)
{
    const char *start = s->p, *digits;

    if (*s->p == '-')
        s->p++;
    digits = s->p;
    if (s->p >= s->end)
        return 0;
    if (*s->p == '0') {
        s->p++;
    } else if (*s->p >= '1' && *s->p <= '9') {
        while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
            s->p++;
    } else {
        return 0;
    }
    if (s->canon && (s->p - digits > 9 || (*start == '-' && *digits == '0')))
        return 0;
    if (s->p < s->end && *s->p == '.') {
        if (s->canon)
            return 0;
        s->p++;
        if (s->p >= s->end || *s->p < '0' || *s->p > '9')
            return 0;
        while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
            s->p++;
    }
    if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
        if (s->canon)
            return 0;
        s->p++;
        if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
            s->p++;
        if (s->p >= s->end || *s->p < '0' || *s->p > '9')
            return 0;
        while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
            s->p++;
    }
    return 1;
}

/* The literal 'word' ('n' bytes) at s->p: 1 and past it, else 0. */
static int literal(scan *s, const char *word, size_t n)
{
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return 0;
    s->p += n;
    return 1;
}

static int value(scan *s);

/* An object or array at s->p: its members or elements, comma-separated. */
static int container(scan *s, char close)
{
    if (++s->depth > s->max_depth)
        return 0;
    s->p++;
    skip_blanks(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        return 1;
    }
    for (;;) {
        json_span *wanted = NULL;

        if (close == '}') {
            const char *key = s->p + 1;

            if (s->p >= s->end || *s->p != '"' || !string(s))
                return 0;
            if (s->names != NULL && (s->depth == 1 || s->depth == s->inside_depth)) {
                size_t i, n = (size_t)(s->p - 1 - key);
                int parent = s->depth == 1 ? -1 : s->inside;

                for (i = 0; i < s->n_names; i++)
                    if (s->values[i].at == NULL
                        && (s->parents != NULL ? s->parents[i] : -1) == parent
                        && s->names[i][0] == key[0] && strncmp(s->names[i], key, n) == 0
                        && s->names[i][n] == '\0') {
                        wanted = &s->values[i];
                        break;
                    }
            }
            skip_blanks(s);
            if (s->p >= s->end || *s->p++ != ':')
                return 0;
            skip_blanks(s);
        }
        if (wanted != NULL) {
            int inside = s->inside, inside_depth = s->inside_depth;

            wanted->at = s->p;
            s->inside = (int)(wanted - s->values);
            s->inside_depth = s->depth + 1;
            if (!value(s))
                return 0;
            s->inside = inside;
            s->inside_depth = inside_depth;
            wanted->len = (size_t)(s->p - wanted->at);
        } else if (!value(s)) {
            return 0;
        }
        skip_blanks(s);
        if (s->p >= s->end)
            return 0;
        if (*s->p == close) {
            s->p++;
            s->depth--;
            return 1;
        }
        if (*s->p++ != ',')
            return 0;
        skip_blanks(s);
    }
}

/* One value at s->p: 1 with s->p past it, 0 when the text is not one (or, in canonical
** mode, not as cJSON prints it, or nested deeper than s->max_depth). */
static int value(scan *s)
{
    if (s->p >= s->end)
        return 0;
    switch (*s->p) {
    case '{': return container(s, '}');
    case '[': return container(s, ']');
    case '"': return string(s);
    case 't': return literal(s, "true", 4);
    case 'f': return literal(s, "false", 5);
    case 'n': return literal(s, "null", 4);
    default: return number(s);
    }
}

/* Scan all of 'text' as one value; returns 1 when it is one, with the blanks outside
** strings counted in '*blanks'. */
static int whole(const char *text, size_t len, int max_depth, int canon, size_t *blanks)
{
    scan s = {text, text + len, canon, 0, max_depth, 0, NULL, NULL, NULL, 0, -1, -1};

    skip_blanks(&s);
    if (!value(&s))
        return 0;
    skip_blanks(&s);
    *blanks = s.blanks;
    return s.p == s.end;
}

int json_valid(const char *text, size_t len, int max_depth)
{
    size_t blanks;

    return whole(text, len, max_depth, 0, &blanks);
}

int json_valid_members(const char *text, size_t len, int max_depth, const char *const *names,
                       const int *parents, json_span *values, size_t n)
{
    scan s = {text, text + len, 0, 0, max_depth, 0, names, parents, values, n, -1, -1};
    size_t i;

    for (i = 0; i < n; i++)
        values[i].at = NULL;
    skip_blanks(&s);
    if (s.p < s.end && *s.p == '{' && value(&s)) {
        skip_blanks(&s);
        if (s.p == s.end)
            return 1;
    }
    for (i = 0; i < n; i++)
        values[i].at = NULL;
    return 0;
}

int json_canonical(const char *text, size_t len, int max_depth, size_t *blanks)
{
    return whole(text, len, max_depth, 1, blanks);
}

void json_strip(const char *text, size_t len, void (*add)(void *, const char *, size_t),
                void *to)
{
    size_t i, from = 0;
    json_quote q = {0, 0};

    for (i = 0; i < len; i++) {
        if (!json_quote_step(&q, text[i]) && json_is_blank(text[i])) {
            if (i > from)
                add(to, text + from, i - from);
            from = i + 1;
        }
    }
    if (len > from)
        add(to, text + from, len - from);
}

/* Skip one value of valid text at 'p' (blanks before it skipped); returns the byte after. */
static const char *skip_value(const char *p, const char *end)
{
    int depth = 0;

    while (p < end && json_is_blank(*p))
        p++;
    do {
        if (p >= end)
            return end;
        switch (*p) {
        case '"':
            for (p++; p < end && *p != '"'; p++)
                if (*p == '\\')
                    p++;
            p++;
            break;
        case '{': case '[':
            depth++;
            p++;
            break;
        case '}': case ']':
            depth--;
            p++;
            break;
        default:
            if (depth == 0) {      /* a scalar at the top: to its end */
                while (p < end && *p != ',' && *p != '}' && *p != ']' && !json_is_blank(*p))
                    p++;
                return p;
            }
            p++;
        }
    } while (depth > 0);
    return p;
}

/* The first byte from 'p' on that is not a blank ('end' when none). */
static const char *skip_blanks_at(const char *p, const char *end)
{
    while (p < end && json_is_blank(*p))
        p++;
    return p;
}

int json_member(json_span obj, const char *name, json_span *value)
{
    const char *p, *end = obj.at + obj.len;
    size_t n = strlen(name);

    if (obj.at == NULL)
        return 0;
    p = skip_blanks_at(obj.at, end);
    if (p >= end || *p != '{')
        return 0;
    p = skip_blanks_at(p + 1, end);
    while (p < end && *p == '"') {
        const char *key = p + 1, *key_end = skip_value(p, end) - 1, *v;

        p = skip_blanks_at(key_end + 1, end) + 1;  /* past ':' */
        v = skip_blanks_at(p, end);
        p = skip_value(v, end);
        if ((size_t)(key_end - key) == n && memcmp(key, name, n) == 0) {
            value->at = v;
            value->len = (size_t)(p - v);
            return 1;
        }
        p = skip_blanks_at(p, end);
        if (p >= end || *p != ',')
            return 0;
        p = skip_blanks_at(p + 1, end);
    }
    return 0;
}

int json_element(json_span arr, size_t *pos, json_span *elem)
{
    const char *p, *end = arr.at + arr.len, *v;

    if (arr.at == NULL)
        return 0;
    p = skip_blanks_at(arr.at + *pos, end);
    if (*pos == 0) {
        if (p >= end || *p != '[')
            return 0;
        p = skip_blanks_at(p + 1, end);
    } else if (p < end && *p == ',') {
        p = skip_blanks_at(p + 1, end);
    } else {
        return 0;
    }
    if (p >= end || *p == ']')
        return 0;
    v = p;
    p = skip_value(v, end);
    elem->at = v;
    elem->len = (size_t)(p - v);
    *pos = (size_t)(p - arr.at);
    return 1;
}

int json_plain_string(json_span v, json_span *contents)
{
    if (v.at == NULL || v.len < 2 || v.at[0] != '"' || v.at[v.len - 1] != '"'
        || memchr(v.at, '\\', v.len) != NULL)
        return 0;
    contents->at = v.at + 1;
    contents->len = v.len - 2;
    return 1;
}

size_t json_members(json_span obj, const char *const *names, json_span *values, size_t n)
{
    const char *p, *end = obj.at + obj.len;
    size_t found = 0, i;

    for (i = 0; i < n; i++)
        values[i].at = NULL;
    if (obj.at == NULL)
        return 0;
    p = skip_blanks_at(obj.at, end);
    if (p >= end || *p != '{')
        return 0;
    p = skip_blanks_at(p + 1, end);
    while (p < end && *p == '"' && found < n) {
        const char *key = p + 1, *key_end = skip_value(p, end) - 1, *v;

        p = skip_blanks_at(key_end + 1, end) + 1;  /* past ':' */
        v = skip_blanks_at(p, end);
        p = skip_value(v, end);
        for (i = 0; i < n; i++)
            if (values[i].at == NULL && (size_t)(key_end - key) == strlen(names[i])
                && memcmp(key, names[i], (size_t)(key_end - key)) == 0) {
                values[i].at = v;
                values[i].len = (size_t)(p - v);
                found++;
                break;
            }
        p = skip_blanks_at(p, end);
        if (p >= end || *p != ',')
            break;
        p = skip_blanks_at(p + 1, end);
    }
    return found;
}
