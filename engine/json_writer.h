/*
** json_writer.h: a small append-only JSON writer into one growable, reused buffer. It writes
** compact JSON byte for byte as cJSON_PrintUnformatted does (strings escaped as cJSON 1.7.15
** escapes them), without building a tree, so result records cost no allocation per field.
** Integers are written exactly (as "%lld"), never through a double.
*/
#ifndef RASOAT_JSON_WRITER_H
#define RASOAT_JSON_WRITER_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Containers open at once, at most (result records nest four deep). */
#define JSON_WRITER_DEPTH 32

/*
** The writer and its buffer. 'data' holds 'length' bytes of text, NUL-terminated after
** jw_finish; 'capacity' is its allocated size. After an allocation failure 'failed' is set
** and every later call writes nothing (jw_finish then reports it). Zero-initialised is a
** valid empty writer; jw_reset starts a new text in the same buffer.
*/
typedef struct json_writer {
    char *data;
    size_t length, capacity;
    int failed;
    unsigned depth;                        /* containers open */
    unsigned char has_member[JSON_WRITER_DEPTH]; /* the container at each depth has one */
    int after_key;                         /* a key was written; its value comes next */
} json_writer;

/* Start a new text in 'w''s buffer (kept allocated). */
void jw_reset(json_writer *w);

/* Free 'w''s buffer and zero it. */
void jw_free(json_writer *w);

/* NUL-terminate the text. Returns 0, or -1 if an allocation failed or containers are open
** (then 'length' is 0 and 'data', if any, holds ""). */
int jw_finish(json_writer *w);

/* Open and close an object or an array (as a value: after a key, in an array, or at the
** top). Closing with nothing open, or opening past JSON_WRITER_DEPTH, sets 'failed'. */
void jw_object_begin(json_writer *w);
void jw_object_end(json_writer *w);
void jw_array_begin(json_writer *w);
void jw_array_end(json_writer *w);

/* Write the key 'name' (escaped, followed by ':') of the next member of the open object. */
void jw_key(json_writer *w, const char *name);

/* The same for a key already quoted: the 'n' bytes of '"name":'. JW_KEY(w, "name") writes a
** string literal's key so, for a literal that needs no escaping (letters, digits, '_'). */
void jw_key_quoted(json_writer *w, const char *quoted, size_t n);
#define JW_KEY(w, name) jw_key_quoted((w), "\"" name "\":", sizeof("\"" name "\":") - 1)

/* Values. jw_string writes NULL as "" (as cJSON prints a string without text);
** jw_bool writes true for any non-zero 'value'. */
void jw_string(json_writer *w, const char *s);
void jw_integer(json_writer *w, long long value);
void jw_bool(json_writer *w, int value);
void jw_null(json_writer *w);

/* Write 'item' (any type, unchanged) as cJSON_PrintUnformatted prints it. */
void jw_cjson(json_writer *w, const cJSON *item);

#endif
