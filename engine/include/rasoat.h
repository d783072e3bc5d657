/*
** rasoat.h: public API of librasoat, the rules engine for Vietnam's review of poor and
** near-poor households. Load the rule sets of a directory once, then classify household
** records (JSON text) one at a time into result records (JSON text).
**
** No Lua type appears here: the engine's Lua states are private to it.
**
** Ownership, in one sentence per family:
**   - an engine returned by rasoat_open is owned by the caller and freed with rasoat_close;
**   - text returned through 'const char **' out-parameters belongs to the engine and stays
**     valid until the next call on the same engine (copy it to keep it);
**   - a rasoat_error is caller-owned storage that the engine fills; its text is copied into
**     its own arrays, so it outlives the engine.
**
** Threads: separate engines may be used from separate threads at the same time (they share
** no mutable state); one engine must be used from one thread at a time (docs/embedding.md).
*/
#ifndef RASOAT_H
#define RASOAT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define RASOAT_API __attribute__((visibility("default")))
#else
#define RASOAT_API
#endif

/* Status codes. 0 is success; every failure is negative. */
typedef enum rasoat_status {
    RASOAT_OK = 0,
    RASOAT_E_INPUT = -1,      /* a household record is malformed or misses a field */
    RASOAT_E_NO_RULESET = -2, /* no rule set is in force on the household's date */
    RASOAT_E_RULE = -3,       /* rule code raised an error while classifying */
    RASOAT_E_BUDGET = -4,     /* rule code ran past its instruction budget */
    RASOAT_E_MEMORY = -5,     /* rule code ran past the Lua state's memory cap */
    RASOAT_E_LOAD = -6,       /* a rule set could not be loaded (syntax, metadata, overlap) */
    RASOAT_E_USAGE = -7,      /* the caller passed an invalid option or argument */
    RASOAT_E_SYSTEM = -8,     /* the host failed: out of memory, unreadable file */
    RASOAT_E_UNDETERMINED = -9, /* the law's figures for this case are a gap the rule set names */
    RASOAT_E_TIME = -10        /* rule code ran past the wall-clock limit (the last resort) */
} rasoat_status;

/* The stable machine-readable name of a status ("input", "no_ruleset", ...). Static text. */
RASOAT_API const char *rasoat_status_name(int status);

/* Language of messages meant for people. */
typedef enum rasoat_lang {
    RASOAT_LANG_VI = 0, /* Vietnamese, the default */
    RASOAT_LANG_EN = 1
} rasoat_lang;

/*
** A structured error. 'code' is a rasoat_status; 'kind' is a finer stable name
** (e.g. "missing_field", "syntax", "budget"). For input errors 'field' is the JSON path
** of the offending field ("deprivations.water"); for rule errors 'file' and 'line' name
** the rule file and line. Absent parts are empty strings / 0. Text longer than an array is
** cut at a UTF-8 character boundary.
*/
typedef struct rasoat_error {
    int code;
    char kind[32];
    char message[1024];
    char field[256];
    char file[512];
    int line;
} rasoat_error;

/* Options for rasoat_open. Zero-initialise, then set what you need. */
typedef struct rasoat_options {
    const char *rules_dir;        /* directory holding rule sets (required) */
    const char *force_ruleset;    /* rule set id to use for every household, or NULL */
    const char *as_of;            /* "YYYY-MM-DD" overriding every survey_date, or NULL */
    rasoat_lang lang;             /* language of messages */
    uint64_t instruction_budget;  /* Lua VM instructions per household; 0 = default */
    size_t memory_limit;          /* bytes per Lua state; 0 = default */
    unsigned time_limit_ms;       /* wall-clock limit per household, the last resort behind
                                     the deterministic budget; 0 = default (5 s) */
    const char *keep;             /* comma-separated input fields each result carries as
                                     they are (head_name,ethnicity,...), or NULL */
} rasoat_options;

/* The longest chain of rule sets extending one another, the set itself included; a longer
** one is a load error at its ruleset.lua. */
#define RASOAT_MAX_RULESET_CHAIN 16

/* A household record nested deeper than this (its own object counting as 1) is refused
** with an error record "nested_too_deep". */
#define RASOAT_MAX_RECORD_DEPTH 64

#define RASOAT_DEFAULT_INSTRUCTION_BUDGET 2000000u
#define RASOAT_DEFAULT_MEMORY_LIMIT (64u * 1024u * 1024u)

typedef struct rasoat_engine rasoat_engine;

/*
** Load every rule set under 'opts->rules_dir'. On success stores a new engine in '*out'
** and returns RASOAT_OK. On failure returns a negative status, stores NULL in '*out' and,
** when 'err' is not NULL, fills it.
*/
RASOAT_API int rasoat_open(const rasoat_options *opts, rasoat_engine **out, rasoat_error *err);

/* Free an engine and everything it owns. NULL is allowed. */
RASOAT_API void rasoat_close(rasoat_engine *engine);

/*
** Classify one household record given as JSON text ('json', 'len' bytes, not necessarily
** NUL-terminated). 'line' is the record's line number in its input, carried into error
** records (0 when unknown).
**
** Always stores one JSON record (no trailing newline) in '*record' and its length in
** '*record_len': the result record when the national standard gave a class, the error
** record otherwise. Local standards of the household's province add their outcomes to the
** result's "local" array; a local standard whose figures are a named gap contributes an
** entry with error code "undetermined", which is not a failure.
**
** Returns RASOAT_OK, or the negative status of the error: of the error record, or of a
** local standard that failed (its error then sits in its "local" entry of the result
** record). When 'err' is not NULL it is filled on failure. The record text belongs to the
** engine (see top).
*/
RASOAT_API int rasoat_classify(rasoat_engine *engine, const char *json, size_t len, long line,
                               const char **record, size_t *record_len, rasoat_error *err);

/*
** Build the error record for input that never reached the engine as a household (e.g. a
** fragment that is not JSON). 'kind' and 'message' are copied. Same ownership as above.
*/
RASOAT_API void rasoat_error_record(rasoat_engine *engine, long line, const char *kind,
                                    const char *message, const char **record,
                                    size_t *record_len);

/*
** The same for input whose household id and offending field are known although the record
** never reached the engine as JSON (a CSV row with a cell that cannot be read): 'id' and
** 'field' may be NULL. Same ownership as above.
*/
RASOAT_API void rasoat_input_error_record(rasoat_engine *engine, const char *id, long line,
                                          const char *kind, const char *field,
                                          const char *message, const char **record,
                                          size_t *record_len);

/* What rasoat_explain writes. */
typedef enum rasoat_explain_format {
    RASOAT_EXPLAIN_TEXT = 0, /* prose for people, in the language asked */
    RASOAT_EXPLAIN_JSON = 1  /* one JSON object, schema "rasoat.explain/1" (docs/explain.md) */
} rasoat_explain_format;

/*
** Explain how one household record (JSON text, as for rasoat_classify) is classified: the
** rule set chosen and why, every provision tried in order with the values it read, its
** citation and status, the margins to each threshold, the smallest change of each fact
** that would change the outcome, and the same for each local standard in force for it.
** Stores the text (or JSON) in '*text' (engine-owned, see top). Returns RASOAT_OK, or the
** status of the error that keeps the household from a class (with 'err' filled).
*/
RASOAT_API int rasoat_explain(rasoat_engine *engine, const char *json, size_t len,
                              rasoat_lang lang, rasoat_explain_format format,
                              const char **text, size_t *text_len, rasoat_error *err);

/*
** The loaded rule sets as text for people, in 'lang': rasoat_rules_list gives one
** tab-separated line per set (id, version, jurisdiction, in force from, to, legal basis)
** after a header line; rasoat_rules_show gives every parameter, indicator, provision,
** warning and gap of rule set 'id' with its value, unit, citation, status, file:line and
** what a local set inherited, overrode or removed. The text belongs to the engine (see
** top). Returns RASOAT_OK, or RASOAT_E_USAGE for an unknown id (with 'err' filled).
*/
RASOAT_API int rasoat_rules_list(rasoat_engine *engine, rasoat_lang lang, const char **text,
                                 size_t *len, rasoat_error *err);
RASOAT_API int rasoat_rules_show(rasoat_engine *engine, const char *id, rasoat_lang lang,
                                 const char **text, size_t *len, rasoat_error *err);

/*
** Rule set 'id' as one JSON object for tools (schema "rasoat.ruleset/1"): metadata, and
** every parameter, indicator, removed indicator, provision (with the parameters its
** condition compares), warning and gap, each with citation, status, file and line, and
** where it was declared ('from') or what it replaced. Same ownership and errors as
** rasoat_rules_show.
*/
RASOAT_API int rasoat_rules_json(rasoat_engine *engine, const char *id, const char **text,
                                 size_t *len, rasoat_error *err);

/*
** The generated boundary cases of rule set 'id' as one JSON object: "thresholds" (for each
** comparison of each provision, per area: three households at x - 1, x, x + 1 around the
** threshold x, and "flip_after", the index after which the rule lets the outcome change)
** and "dates" (a household on the day before and the first day it is in force, and on the
** last day and the day after, with "in_force"). See docs/rule-changes.md. Same ownership
** and errors as rasoat_rules_show.
*/
RASOAT_API int rasoat_boundary_cases(rasoat_engine *engine, const char *id, const char **text,
                                     size_t *len, rasoat_error *err);

/*
** The parameter-usage lint of 'rasoat check', worked out by the rule language
** (stdlib/lint.lua): the parameters rule set 'id' declares that nothing reads, as one JSON
** array of {"name", "file", "line"}. A parameter counts as read when the stdlib reads it, a
** condition of the set (or of a set extending it) compares it, or a rule file of those
** sets names it (for an override, also a rule file of its parents, whose inherited
** functions read the new value). Reads the rule files again. Same ownership and errors as
** rasoat_rules_show.
*/
RASOAT_API int rasoat_rules_unused(rasoat_engine *engine, const char *id, const char **text,
                                   size_t *len, rasoat_error *err);

/*
** The loaded rule sets, i from 0 to count - 1, sorted by directory: id, version, SHA-256
** content hash (hex, the 'sha256' of result records), the directory it was loaded from,
** and the id of the rule set it extends (NULL when none). All engine-owned text that
** lives as long as the engine; NULL when 'i' is out of range.
*/
RASOAT_API size_t rasoat_ruleset_count(const rasoat_engine *engine);
RASOAT_API const char *rasoat_ruleset_id(const rasoat_engine *engine, size_t i);
RASOAT_API const char *rasoat_ruleset_version(const rasoat_engine *engine, size_t i);
RASOAT_API const char *rasoat_ruleset_sha256(const rasoat_engine *engine, size_t i);
RASOAT_API const char *rasoat_ruleset_dir(const rasoat_engine *engine, size_t i);
RASOAT_API const char *rasoat_ruleset_parent(const rasoat_engine *engine, size_t i);

/* Peak bytes held by the engine's Lua state since it was opened. */
RASOAT_API size_t rasoat_memory_peak(const rasoat_engine *engine);

/*
** Places over time, from the administrative-units table the engine loaded beside its rule
** sets (<rules_dir>/places/admin-units.tsv; docs/formats.md, "Places over time"), for
** reports and lists: names come from the table, never from free text.
**
** rasoat_place_name: the Vietnamese name of the province (two-digit 'code') or commune
** (five-digit 'code') that carries the code on 'date' ("YYYY-MM-DD"), e.g. "51" on
** "2026-03-01" -> "Tỉnh Quảng Ngãi", "62" on "2024-10-01" -> "Tỉnh Kon Tum". NULL when no
** unit carries it that day, the date is invalid or the engine has no table.
** rasoat_place_province: the province code of the commune 'commune_code' on 'date', or NULL.
** rasoat_districts_on: 1 when the district level exists on 'date' (before 2025-07-01), 0
** when it does not (reports then roll up village -> commune -> province), -1 without a
** table or with an invalid date. Strings belong to the engine.
*/
/* Where an engine finds the table, relative to its rules directory. */
#define RASOAT_PLACES_FILE "places/admin-units.tsv"

RASOAT_API const char *rasoat_place_name(const rasoat_engine *engine, const char *code,
                                         const char *date);
RASOAT_API const char *rasoat_place_province(const rasoat_engine *engine,
                                             const char *commune_code, const char *date);
RASOAT_API int rasoat_districts_on(const rasoat_engine *engine, const char *date);

/* The library version, e.g. "0.1.0". Static text. */
RASOAT_API const char *rasoat_version(void);

#ifdef __cplusplus
}
#endif

#endif /* RASOAT_H */
