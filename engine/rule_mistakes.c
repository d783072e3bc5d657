/*
** rule_mistakes.c: the common syntax mistakes of a policy officer editing a rule file, said
** in their words. Lua's parser reports "malformed number near '1.800.000'" or "'}' expected
** near 'unit'" on the line after a missing comma; this file recognises those messages and
** rewrites them into the catalogue's Vietnamese or English message naming the line to fix
** and the fix. It reads only the error and the file's text (no Lua state).
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "rule_mistakes.h"

/* Copy the token quoted after "near " in 'msg' ('...' or <eof>) into 'tok'. Returns 1 when
** there is one. */
static int near_token(const char *msg, char *tok, size_t size)
{
    const char *p = strstr(msg, " near ");
    size_t n;

    if (p == NULL)
        return 0;
    p += 6;
    if (*p == '\'') {
        const char *end = strrchr(p + 1, '\'');

        if (end == NULL)
            return 0;
        p++;
        n = (size_t)(end - p);
    } else {
        n = strlen(p);
    }
    if (n >= size)
        n = size - 1;
    memcpy(tok, p, n);
    tok[n] = '\0';
    return 1;
}

/* Is 'tok' a number grouped in thousands with '.' or ',' (1.800.000, 1,800,000)? Writes its
** digits alone into 'digits'. */
static int grouped_number(const char *tok, char *digits, size_t size)
{
    size_t i, n = 0, run = 0, groups = 0;
    char sep = 0;

    for (i = 0; tok[i] != '\0'; i++) {
        if (isdigit((unsigned char)tok[i])) {
            if (n + 1 < size)
                digits[n++] = tok[i];
            run++;
        } else if ((tok[i] == '.' || tok[i] == ',') && (sep == 0 || sep == tok[i]) && run > 0
                   && (groups == 0 ? run <= 3 : run == 3)) {
            sep = tok[i];
            run = 0;
            groups++;
        } else {
            return 0;
        }
    }
    digits[n] = '\0';
    return groups > 0 && run == 3;
}

/* The start of line 'line' (1-based) of 'text', or NULL past its end. */
static const char *line_start(const char *text, size_t len, int line)
{
    const char *p = text, *end = text + len;
    int n = 1;

    while (n < line && p < end) {
        const char *nl = (const char *)memchr(p, '\n', (size_t)(end - p));

        if (nl == NULL)
            return NULL;
        p = nl + 1;
        n++;
    }
    return n == line ? p : NULL;
}

/* Does line 'line' hold only blanks or a '--' comment? */
static int empty_line(const char *text, size_t len, int line)
{
    const char *p = line_start(text, len, line), *end = text + len;

    if (p == NULL)
        return 1;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p >= end || *p == '\n' || (p + 1 < end && p[0] == '-' && p[1] == '-');
}

/* Does line 'line' begin (after blanks) with 'tok'? */
static int line_begins_with(const char *text, size_t len, int line, const char *tok)
{
    const char *p = line_start(text, len, line), *end = text + len;
    size_t n = strlen(tok);

    if (p == NULL)
        return 0;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return (size_t)(end - p) >= n && strncmp(p, tok, n) == 0;
}

/*
** The line where a comma is missing, when Lua stopped at 'tok' on 'line': the same line
** when 'tok' comes after something on it, else the last line before it with code on it.
*/
static int comma_line(const char *text, size_t len, int line, const char *tok)
{
    int l = line;

    if (!line_begins_with(text, len, line, tok))
        return line;
    for (l = line - 1; l > 1 && empty_line(text, len, l); l--)
        ;
    return l > 0 ? l : line;
}

void rule_mistake_reword(rasoat_error *err, const char *text, size_t len, rasoat_lang lang)
{
    char msg[2048], tok[128], digits[64], num[16], opened[16], out[sizeof err->message];
    const char *lua, *args[3];
    const char *key = NULL;
    size_t prefix;
    int line = err->line, nargs = 0;

    if (strcmp(err->kind, "syntax") != 0)
        return;
    snprintf(msg, sizeof msg, "%s", err->message);
    prefix = strlen(err->file);
    lua = msg;
    if (prefix > 0 && strncmp(msg, err->file, prefix) == 0 && msg[prefix] == ':') {
        lua = strchr(msg + prefix + 1, ':');        /* past "file:line" */
        lua = lua != NULL ? lua + 1 + (lua[1] == ' ') : msg;
    }
    if (strncmp(lua, "malformed number", 16) == 0 && near_token(lua, tok, sizeof tok)
        && grouped_number(tok, digits, sizeof digits)) {
        key = "mistake_number_grouped";
        args[0] = tok;
        args[1] = digits;
        nargs = 2;
    } else if (strncmp(lua, "'}' expected", 12) == 0 && near_token(lua, tok, sizeof tok)) {
        const char *at = strstr(lua, "at line ");
        int from = at != NULL ? (int)strtol(at + 8, NULL, 10) : line;

        if (strcmp(tok, "<eof>") == 0) {
            snprintf(opened, sizeof opened, "%d", line);
            key = "mistake_unclosed_brace";
            args[0] = opened;
            nargs = 1;
            line = from;
        } else {
            int at_line = comma_line(text, len, line, tok);

            key = at_line == line ? "mistake_missing_comma_inline" : "mistake_missing_comma";
            line = at_line;
            args[0] = tok;
            nargs = 1;
        }
    } else if (strncmp(lua, "unfinished string", 17) == 0) {
        key = "mistake_unclosed_string";
        nargs = 0;
    } else if (strncmp(lua, "unfinished long", 15) == 0) {
        key = "mistake_unclosed_long";
        nargs = 0;
    } else {
        key = "mistake_syntax";
        args[0] = lua;
        nargs = 1;
    }
    snprintf(num, sizeof num, "%d", line);
    msg_format(out, sizeof out, lang, key, args, nargs);
    snprintf(msg, sizeof msg, "%s:%s: %s", err->file, num, out);
    err_set_text(err, err->code, err->kind, NULL, err->file, line, msg);
}
