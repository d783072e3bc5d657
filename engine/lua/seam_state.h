/*
** seam_state.h: the inside of a seam (seam.h), shared by the files of engine/lua/ that
** implement it: the sandbox, the stdlib functions the host calls, and the storage an
** outcome's lists live in until the next call.
*/
#ifndef RASOAT_SEAM_STATE_H
#define RASOAT_SEAM_STATE_H

#include "seam.h"
#include "sandbox.h"

/* The stdlib functions the host calls, one registry reference each (host.c's table). */
typedef enum seam_entry {
    ENTRY_BEGIN,        /* dsl.begin(dir) -> rs, env */
    ENTRY_LINK,         /* dsl.link(list) -> linked list */
    ENTRY_EVALUATE,     /* classify.evaluate(rs, view, area, size, b1, income, date) */
    ENTRY_DISAGREE,     /* classify.disagreement(rs, view, area, size, b1, income, date) */
    ENTRY_EXPLAIN,      /* explain.run(...) */
    ENTRY_LIST,         /* describe.list(sets, lang) */
    ENTRY_SHOW,         /* describe.show(rs, lang) */
    ENTRY_DOCUMENT,     /* describe.data(rs) */
    ENTRY_CASES,        /* boundaries.cases(rs) */
    ENTRY_UNUSED,       /* lint.unused_parameters(sets, sources, rs) */
    ENTRY_COUNT
} seam_entry;

/* An ignored answer's warning, worded once (seam_evaluate.c). */
typedef struct seam_ignored_word {
    const ruleset *rs;
    char *code;
    rasoat_error worded;
} seam_ignored_word;

#define SEAM_IGNORED_WORDS 32

struct seam {
    sandbox sb;
    uint64_t budget;
    rasoat_lang lang;
    int entry[ENTRY_COUNT];
    /* An outcome's lists, reused from call to call. */
    const char **strings;
    size_t strings_capacity;
    rasoat_error *warnings;
    size_t warnings_capacity;
    eng_determination *determinations;
    size_t determinations_capacity;
    seam_ignored_word *ignored;     /* SEAM_IGNORED_WORDS of them, the first ignored_count kept */
    size_t ignored_count;
};

/* Push stdlib entry 'e' (a function). */
void seam_push_entry(seam *s, seam_entry e);

/* Drop what the previous call left on the stack (its results, which outcomes point into). */
void seam_clear(seam *s);

#endif
