/*
** json_scan.h: JSON text read in place, without building a tree: a validator (the RFC 8259
** grammar), member and element lookup in text already validated, and the test of whether
** cJSON_PrintUnformatted would print a value exactly as its text without blanks (so the
** decision log can hold a record as JSON without parsing and printing it again).
*/
#ifndef RASOAT_AUDIT_JSON_SCAN_H
#define RASOAT_AUDIT_JSON_SCAN_H

#include <stddef.h>

/* Whether 'c' is one of RFC 8259's four blanks (space, tab, LF, CR). */
static inline int json_is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where a JSON text read byte by byte stands as to strings; zeroed: outside any. */
typedef struct json_quote {
    int in_string, escaped;
} json_quote;

/* Take the next byte 'c': returns 1 when it belongs to a string (its quotes included),
** 0 when it stands outside every string. */
static inline int json_quote_step(json_quote *q, int c)
{
    if (q->in_string) {
        if (q->escaped)
            q->escaped = 0;
        else if (c == '\\')
            q->escaped = 1;
        else if (c == '"')
            q->in_string = 0;
        return 1;
    }
    return q->in_string = c == '"';
}

/* A piece of a text: 'len' bytes at 'at' (NULL: none). Borrowed from the text. */
typedef struct json_span {
    const char *at;
    size_t len;
} json_span;

/*
** Is 'text' ('len' bytes) exactly one JSON value, blanks (space, tab, LF, CR) around it
** allowed, nested at most 'max_depth' arrays and objects deep? The RFC 8259 grammar, with
** one leniency kept from cJSON: bytes of 0x80 and above inside strings are not checked as
** UTF-8 (the log holds an input's bytes as they came). Returns 1 or 0.
*/
int json_valid(const char *text, size_t len, int max_depth);

/* json_valid for an object, that also finds members named 'names[0..n)': values[i] is
** the first member names[i] of the object itself when parents is NULL or parents[i] is -1,
** else of the object that is the value of member parents[i] (an index below i). values[i]
** has at NULL when there is none, or the text is not a valid object. A key with escapes
** matches no name. Returns 1 or 0 as json_valid. */
int json_valid_members(const char *text, size_t len, int max_depth, const char *const *names,
                       const int *parents, json_span *values, size_t n);

/* Is 'text' valid (as json_valid, depth at most 'max_depth') and would cJSON parse and
** print it unformatted as exactly its bytes without the blanks outside strings? 1 when
** certain, with the count of those blanks in '*blanks' (0: the text is the print as it
** stands); 0 when not, or not sure (numbers other than integers of at most 9 digits). */
int json_canonical(const char *text, size_t len, int max_depth, size_t *blanks);

/* 'text' without the blanks outside strings, appended through 'add' ('text' valid). */
void json_strip(const char *text, size_t len, void (*add)(void *, const char *, size_t),
                void *to);

/* The value of the first member of object 'obj' (valid JSON text) whose key is 'name'
** as written (a key with escapes matches nothing). Returns 1 with '*value' set, else 0. */
int json_member(json_span obj, const char *name, json_span *value);

/* json_member for 'n' names at once, in one pass over 'obj': values[i] is the first
** member named names[i] (at NULL when there is none). Returns how many were found. */
size_t json_members(json_span obj, const char *const *names, json_span *values, size_t n);

/* The elements of array 'arr' (valid JSON) in turn: '*pos' starts at 0; returns 1 with
** '*elem' set, 0 after the last (or when 'arr' is not an array). */
int json_element(json_span arr, size_t *pos, json_span *elem);

/* A string value's contents without the quotes, when it holds no escape: 1, else 0. */
int json_plain_string(json_span v, json_span *contents);

#endif
