/*
** rasoat.h: public API of librasoat, the rules engine for Vietnam's review of poor and
** near-poor households. Load the rule sets of a directory once, then classify household
** records (JSON text) one at a time into result records (JSON text).
**
** No Lua type appears here: the engine's Lua states are private to it.
**
** Besides classifying, the library keeps the audit trail (below, "The audit trail"): the
** decision log, its rule-set archive, verifying and replaying a log, and a reader that
** frames JSON Lines or a JSON array in constant memory.
**
** Ownership, in one sentence per family:
**   - an engine returned by rasoat_open is owned by the caller and freed with rasoat_close;
**   - text returned through 'const char **' out-parameters belongs to the engine and stays
**     valid until the next call on the same engine (copy it to keep it);
**   - a rasoat_error is caller-owned storage that the engine fills; its text is copied into
**     its own arrays, so it outlives the engine;
**   - a log (rasoat_log_open), key (rasoat_key_load), scan (rasoat_log_scan_open), replay
**     (rasoat_replay_open) or reader (rasoat_reader_open) is owned by the caller and freed by
**     its own close (rasoat_key_free for a key); what it borrows (a log's engine, options and
**     key; a replay's option strings; a reader's FILE) must outlive it, and the text it
**     returns stays its own until its next call;
**   - a rasoat_log_verdict or rasoat_log_summary is caller-owned storage, filled by copying.
**
** No cJSON type appears either: logged lines and replay reports cross as JSON text.
**
** Threads: separate engines may be used from separate threads at the same time (they share
** no mutable state); one engine must be used from one thread at a time (docs/embedding.md).
** The same holds for logs, scans, replays and readers: one thread at a time each.
*/
#ifndef RASOAT_H
#define RASOAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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
    RASOAT_E_TIME = -10,       /* rule code ran past the wall-clock limit (the last resort) */
    RASOAT_WARNING = 1         /* done, and the rasoat_error holds a warning for people */
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
    uint64_t instruction_budget;  /* Lua VM instructions of rule code per household
                                     (the stdlib's own are not counted); 0 = default */
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

/* The cause of 'errnum' (an errno value) for people, in 'lang', written into 'buf' ('size'
** bytes) and returned: strerror's words in English; in Vietnamese the cause in Vietnamese
** with those words in parentheses. */
RASOAT_API const char *rasoat_strerror(int errnum, rasoat_lang lang, char *buf, size_t size);

/* {====================================================================
** The audit trail (docs/audit.md, docs/embedding.md)
**
** Every function here returns RASOAT_OK (or a count, where said), RASOAT_WARNING when it
** did its work but has something to tell people (in 'err'), or a negative status with 'err'
** filled: RASOAT_E_SYSTEM for a file that cannot be read or written (errno is left as the
** failing call set it), RASOAT_E_USAGE for a bad argument or a key file that is not one,
** RASOAT_E_INPUT for data that is not what it should be. 'err' may be NULL. Messages are in
** the 'lang' given, from the engine's message catalogue, and name no command.
** ===================================================================== */

/* Hex digits of a chain hash, and the size of a buffer holding one. */
#define RASOAT_HASH_HEX 64

/*
** Signing keys (Ed25519). rasoat_keygen writes 'name'.key (the secret key, mode 0600) and
** 'name'.pub; neither may exist already. rasoat_key_load reads a secret key file into a new
** key owned by the caller, freed (and wiped) with rasoat_key_free; RASOAT_WARNING when others
** may read the file.
*/
typedef struct rasoat_key rasoat_key;
RASOAT_API int rasoat_keygen(const char *name, rasoat_lang lang, rasoat_error *err);
RASOAT_API int rasoat_key_load(const char *path, rasoat_lang lang, rasoat_key **out,
                               rasoat_error *err);
RASOAT_API void rasoat_key_free(rasoat_key *key);

/*
** The decision log. rasoat_log_open opens (or creates) log 'path' for the decisions of
** 'engine', opened with 'opts' (both recorded on every line, so that a replay uses the same;
** opts->rules_dir is what the rule-set archive 'path'.rules/ copies from): an existing log
** continues its chain, and must end with a complete, intact line. The log holds a write lock
** on the file until closed. With 'key' (NULL: none), closing appends a checkpoint signing the
** chain head. The log is owned by the caller and freed by rasoat_log_close; 'engine', 'opts'
** (and its strings) and 'key' are borrowed and must outlive it.
**
** rasoat_log_record appends the decision of the household read at input line 'line': 'input'
** ('input_len' bytes) is the record's text as read (NULL for a fragment that never became a
** record), 'record' the result or error record rasoat_classify gave (one printed over
** several lines goes in as one). Lines are written in batches of whole lines by a thread of
** the log's, which also hashes them; a batch that cannot be written is reported by the
** next call or by the close. RASOAT_WARNING when a rule set the record names cannot be
** archived (the log goes on; the close then fails); a negative status when the log cannot
** be written (stop).
**
** rasoat_log_close signs (with a key), syncs and closes the log, fills 'summary' (when not
** NULL) and frees the log (NULL is allowed: RASOAT_OK). Negative when a line, an archive or
** the sync failed; 'summary' is filled all the same.
*/
typedef struct rasoat_log rasoat_log;

typedef struct rasoat_log_summary {
    long long lines;                 /* lines the log holds, checkpoints included */
    char head[RASOAT_HASH_HEX + 1];  /* the chain head: the hash of its last line */
    int signed_run;                  /* a checkpoint was written */
    int written;                     /* every line of the run was written */
    long long repeated;              /* households of this run that already had a decision in
                                        the log before it */
    char first_repeated[256];        /* the id of the first of them */
} rasoat_log_summary;

RASOAT_API int rasoat_log_open(const char *path, rasoat_engine *engine,
                               const rasoat_options *opts, const rasoat_key *key,
                               rasoat_lang lang, rasoat_log **out, rasoat_error *err);
RASOAT_API int rasoat_log_record(rasoat_log *log, long line, const char *input,
                                 size_t input_len, const char *record, size_t record_len,
                                 rasoat_error *err);
RASOAT_API int rasoat_log_close(rasoat_log *log, rasoat_log_summary *summary,
                                rasoat_error *err);

/*
** Check one line of a log ('text', 'len' bytes, without its LF): RASOAT_OK when it has the
** shape of a log line and its hash and decision id recompute (its hash is then copied into
** 'hash', when not NULL), else RASOAT_E_INPUT.
*/
RASOAT_API int rasoat_log_line_check(const char *text, size_t len,
                                     char hash[RASOAT_HASH_HEX + 1]);

/* "LOG.rules/SHA256", the archived copy of rule set 'sha256' of log 'log_path' (NULL
** 'sha256': the archive "LOG.rules" itself), into 'buf'. RASOAT_E_USAGE when it does not fit. */
RASOAT_API int rasoat_log_archive_path(const char *log_path, const char *sha256, char *buf,
                                       size_t size);

/*
** Verifying a log: the hash chain line by line, every checkpoint with public key file
** 'public_key' (NULL: signatures not checked; with one, every record must be covered by a
** valid checkpoint), and the archived copy of every rule set the intact records name.
** Fills 'out' (caller-owned) and returns RASOAT_OK whatever the verdict; a negative status
** when the key or the log cannot be read (kind "key", "open" or "read"). 'state' is the
** chain's; a non-empty 'archive_altered' is tampering too, whatever the chain's state.
*/
typedef enum rasoat_log_state {
    RASOAT_LOG_INTACT = 0,   /* every line intact (and covered, with a key) */
    RASOAT_LOG_EMPTY = 1,    /* intact, but holds no record: proves nothing */
    RASOAT_LOG_TAMPERED = 2, /* a line altered, removed, inserted, moved; a bad checkpoint;
                                or records no checkpoint covers */
    RASOAT_LOG_TORN = 3      /* intact but for a cut-off last line */
} rasoat_log_state;

typedef struct rasoat_log_verdict {
    rasoat_log_state state;
    char problem[16];        /* "" or "altered", "removed", "inserted", "moved", "chain",
                                "malformed", "torn", "checkpoint", "uncovered" */
    long line;               /* the first bad line (0: none) */
    long long records;       /* intact lines before it (checkpoints included) */
    long long checkpoints;   /* checkpoint lines among them */
    char last_hash[RASOAT_HASH_HEX + 1];  /* the hash of the last intact line */
    long long seq, expected; /* "removed", "inserted", "moved": the seq found, the one due */
    long found_at;           /* "moved": the line where the record due stands */
    char hash_stored[RASOAT_HASH_HEX + 1], hash_computed[RASOAT_HASH_HEX + 1]; /* "altered" */
    long long good_bytes;    /* the length of the intact part (what a repair keeps) */
    int key_checked;         /* a public key was given */
    long long signed_through;/* with a key: the seq through which valid checkpoints cover */
    char message[1024];      /* the problem for people, in the language asked ("" when none) */
    /* The archive LOG.rules/: copies checked, missing, and the first altered one. */
    size_t archive_checked, archive_missing;
    char archive_altered[RASOAT_HASH_HEX + 1];  /* "" when none */
    char archive_file[512];  /* the file of it that differs */
    char archive_message[1024];
} rasoat_log_verdict;

RASOAT_API int rasoat_log_verify(const char *path, const char *public_key, rasoat_lang lang,
                                 rasoat_log_verdict *out, rasoat_error *err);

/*
** Reading what a log decided, line by line, in constant memory but for the households'
** latest decisions (16 bytes a household, when asked for). rasoat_log_scan_open opens log
** 'path'; with 'latest' it first reads the whole log for each household's latest decision.
** rasoat_log_scan_next returns 1 with the next decision line in '*d' (checkpoints and
** unreadable lines are passed over), 0 at the end, or a negative status; the text in '*d'
** belongs to the scan and stays valid until the next call. The scan is owned by the
** caller and freed with rasoat_log_scan_close (NULL is allowed).
*/
typedef struct rasoat_log_scan rasoat_log_scan;

typedef struct rasoat_logged {
    long long seq;           /* the line's "seq" */
    long line;               /* its line number in the log */
    const char *id;          /* the household id (the result's, else the input's), or NULL */
    int latest;              /* with 'latest': this is its household's latest decision */
    const char *text;        /* the whole line, JSON, without its LF */
    size_t len;
    const char *input;       /* the household record's bytes as classify read them, or NULL
                                for a fragment that never became a record */
    size_t input_len;
} rasoat_logged;

RASOAT_API int rasoat_log_scan_open(const char *path, int latest, rasoat_lang lang,
                                    rasoat_log_scan **out, rasoat_error *err);
RASOAT_API int rasoat_log_scan_next(rasoat_log_scan *scan, rasoat_logged *d,
                                    rasoat_error *err);
RASOAT_API void rasoat_log_scan_close(rasoat_log_scan *scan);

/*
** Replaying a log: every decision re-run with the rule set whose hash it names, found in
** 'rules_dir' and then in the archive, and compared with the logged result. rasoat_replay_open
** opens log 'opts->log' (the strings of 'opts' are borrowed for the life of the replay).
** rasoat_replay_next returns 1 with the report of the next decision line in '*report' (one
** JSON object: "seq", "log_line", "decision", "id", "status" — "identical", "different",
** "ruleset_unavailable", "not_evaluated" or "unreadable" — and "parts", each with its
** "diffs"; docs/audit.md), 0 at the end, or a negative status; with a report, 'err' (when
** not NULL) has code RASOAT_OK, or RASOAT_WARNING and the warning's message when 'rules_dir'
** turned out not to load while making it (said once). The report
** text belongs to the replay until the next call. rasoat_replay_counts adds up the
** statuses so far. The replay is owned by the caller, freed by rasoat_replay_close (NULL
** is allowed), which closes the engines it opened.
*/
typedef struct rasoat_replay rasoat_replay;

typedef struct rasoat_replay_options {
    const char *log;         /* the decision log (required) */
    const char *rules_dir;   /* where to look for rule sets first (required) */
    const char *archive_dir; /* the archive; NULL: LOG.rules */
    const char *against;     /* replay every decision under this rule set of rules_dir
                                instead (a what-if), or NULL */
    rasoat_lang lang;        /* of messages and reasons */
} rasoat_replay_options;

typedef struct rasoat_replay_counts {
    long long identical, different, unavailable, not_evaluated, unreadable, altered;
} rasoat_replay_counts;

RASOAT_API int rasoat_replay_open(const rasoat_replay_options *opts, rasoat_replay **out,
                                  rasoat_error *err);
RASOAT_API int rasoat_replay_next(rasoat_replay *replay, const char **report, size_t *len,
                                  rasoat_error *err);
/*
** rasoat_replay_line: the same as rasoat_replay_next for one line the caller read from the
** log ('text', 'len' bytes without its LF; 'lineno' its line number there), so that lines
** can be shared among several replays of the same log, one per thread (each opened with
** the same options; a replay is used by one thread at a time). Returns 1 with its report,
** 0 for a checkpoint line (no report), or a negative status; counts as rasoat_replay_next.
*/
RASOAT_API int rasoat_replay_line(rasoat_replay *replay, const char *text, size_t len,
                                  long lineno, const char **report, size_t *report_len,
                                  rasoat_error *err);
RASOAT_API void rasoat_replay_counts_get(const rasoat_replay *replay,
                                         rasoat_replay_counts *out);
RASOAT_API void rasoat_replay_close(rasoat_replay *replay);

/*
** Household records from JSON Lines (one record a non-blank line) or one JSON array (its
** elements), told apart by the first byte that is not blank ('[': an array); a UTF-8
** byte-order mark is skipped. Constant memory: one record is held at a time.
** rasoat_reader_open starts reading 'f' (borrowed: the caller opens and closes it, and
** reads nothing from it meanwhile) into a new reader owned by the caller, freed with
** rasoat_reader_close (NULL is allowed). rasoat_reader_next returns 1 with the next record's
** text in '*text'/'*len' (NUL-terminated; the reader's until the next call) and the line it
** starts on in '*line'; 0 at the end; RASOAT_E_INPUT for a fragment that cannot be a record
** (an empty array element, an array not closed: 'err' says which; reading goes on);
** RASOAT_E_SYSTEM when 'f' fails. After each record the stream stands just past it: a
** caller may take over 'f' after the first record of JSON Lines (as the CSV reader of the
** command does) with rasoat_reader_line giving the line it stands on.
*/
typedef struct rasoat_reader rasoat_reader;

RASOAT_API int rasoat_reader_open(FILE *f, rasoat_lang lang, rasoat_reader **out,
                                  rasoat_error *err);
RASOAT_API int rasoat_reader_next(rasoat_reader *reader, const char **text, size_t *len,
                                  long *line, rasoat_error *err);
RASOAT_API long rasoat_reader_line(const rasoat_reader *reader);
/* Whether the records come from a JSON array (known after the first call of next). */
RASOAT_API int rasoat_reader_is_array(const rasoat_reader *reader);
RASOAT_API void rasoat_reader_close(rasoat_reader *reader);

/* }==================================================================== */

/* The library version, e.g. "0.1.0". Static text. */
RASOAT_API const char *rasoat_version(void);

#ifdef __cplusplus
}
#endif

#endif /* RASOAT_H */
