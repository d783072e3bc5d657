/*
** replay.c: replaying a decision log (rasoat_replay_*, rasoat.h; docs/audit.md): every
** decision re-run with the rule set whose hash it names, found in the rules directory or in
** the log's archive, and compared with the logged result: identical, which fields differ
** (old and new values), or the rule set is not available; with 'against', a what-if under
** one rule set. Each decision's report is one JSON object, for the caller to word.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include "archive.h"
#include "audit_text.h"
#include "error.h"
#include "log_line.h"
#include "log_scan.h"
#include "sha.h"

/* The options of the logged run that shape a result. */
typedef struct run_opts {
    const char *forced;   /* --ruleset of the logged run, or NULL */
    const char *as_of;
    rasoat_lang lang;
    uint64_t budget;
    size_t memory;
    const char *keep;     /* --keep of the logged run, or NULL */
} run_opts;

/* An engine opened once per rules directory, forced rule set and options. */
typedef struct slot {
    char *dir, *id, *as_of, *keep;
    rasoat_lang lang;
    uint64_t budget;
    size_t memory;
    rasoat_engine *engine; /* NULL: it did not open ('why' says why) */
    char why[1024];
    struct slot *next;
} slot;

struct rasoat_replay {
    const char *rules_dir;
    char *archive_dir;      /* owned */
    const char *against;
    char *log_path;         /* owned */
    rasoat_lang lang;       /* of reasons and warnings */
    slot *slots;
    int warned_rules;       /* the rules directory failed to load: said once */
    rasoat_error warning;   /* a warning that arose making the current report (code 0: none) */
    rasoat_replay_counts counts;
    FILE *f;
    char *buf;              /* the current log line */
    size_t cap;
    long lineno;
    char *report;           /* the current report, printed (cJSON-owned) */
    audit_sha sha;          /* hashes every line */
};

/* {====================================================================
** Engines
** ===================================================================== */

static char *dup_or_null(const char *s)
{
    char *d;

    if (s == NULL)
        return NULL;
    d = (char *)malloc(strlen(s) + 1);
    if (d != NULL)
        strcpy(d, s);
    return d;
}

static int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/*
** The engine on 'dir' forcing rule set 'id' (NULL: none) with options 'o', opened on first
** use and kept. NULL when it cannot be opened; '*why' then points at the reason.
*/
static rasoat_engine *engine_for(rasoat_replay *r, const char *dir, const char *id, const run_opts *o,
                                 const char **why)
{
    slot *s;
    rasoat_options opts;
    rasoat_error err;

    for (s = r->slots; s != NULL; s = s->next) {
        if (same(s->dir, dir) && same(s->id, id) && same(s->as_of, o->as_of) && same(s->keep, o->keep) && s->lang == o->lang
            && s->budget == o->budget && s->memory == o->memory) {
            *why = s->why;
            return s->engine;
        }
    }
    s = (slot *)calloc(1, sizeof *s);
    if (s == NULL) {
        *why = "out of memory";
        return NULL;
    }
    s->dir = dup_or_null(dir);
    s->id = dup_or_null(id);
    s->as_of = dup_or_null(o->as_of);
    s->keep = dup_or_null(o->keep);
    s->lang = o->lang;
    s->budget = o->budget;
    s->memory = o->memory;
    memset(&opts, 0, sizeof opts);
    opts.rules_dir = dir;
    opts.force_ruleset = id;
    opts.as_of = o->as_of;
    opts.keep = o->keep;
    opts.lang = o->lang;
    opts.instruction_budget = o->budget;
    opts.memory_limit = o->memory;
    if (rasoat_open(&opts, &s->engine, &err) != RASOAT_OK)
        snprintf(s->why, sizeof s->why, "%s", err.message);
    s->next = r->slots;
    r->slots = s;
    *why = s->why;
    return s->engine;
}

static void free_slots(rasoat_replay *r)
{
    while (r->slots != NULL) {
        slot *s = r->slots;

        r->slots = s->next;
        rasoat_close(s->engine);
        free(s->dir);
        free(s->id);
        free(s->as_of);
        free(s->keep);
        free(s);
    }
}

/* Index of the rule set of 'e' with hash (by_id 0) or id (by_id 1) 'key', or -1. */
static long find_set(const rasoat_engine *e, const char *key, int by_id)
{
    size_t i, n = rasoat_ruleset_count(e);

    for (i = 0; e != NULL && i < n; i++) {
        const char *v = by_id ? rasoat_ruleset_id(e, i) : rasoat_ruleset_sha256(e, i);

        if (v != NULL && strcmp(v, key) == 0)
            return (long)i;
    }
    return -1;
}

/* {"id", "version", "sha256"} of rule set 'id' of 'e' (NULL when unknown). */
static cJSON *ruleset_json(const rasoat_engine *e, const char *id)
{
    long i = find_set(e, id, 1);
    cJSON *j;

    if (i < 0)
        return NULL;
    j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "id", rasoat_ruleset_id(e, (size_t)i));
    cJSON_AddStringToObject(j, "version", rasoat_ruleset_version(e, (size_t)i));
    cJSON_AddStringToObject(j, "sha256", rasoat_ruleset_sha256(e, (size_t)i));
    return j;
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
** Find the rule set with hash 'sha': first in --rules, then in ARCHIVE/<sha>. Stores the
** directory to load (malloc'd) in '*dir', the set's id in 'id' and "rules" or "archive" in
** '*source'. Returns 0 when neither holds it.
*/
static int locate(rasoat_replay *r, const char *sha, char **dir, char *id, size_t id_size,
                  const char **source)
{
    static const run_opts plain = {NULL, NULL, RASOAT_LANG_VI, 0, 0, NULL};
    const char *why;
    rasoat_engine *e = engine_for(r, r->rules_dir, NULL, &plain, &why);
    char *arch;
    long i;

    if (e == NULL && !r->warned_rules) {
        audit_fail(&r->warning, RASOAT_WARNING, "rules", r->lang, "replay_rules", r->rules_dir, why,
                   NULL, NULL);
        r->warned_rules = 1;
    }
    if ((i = find_set(e, sha, 0)) >= 0) {
        snprintf(id, id_size, "%s", rasoat_ruleset_id(e, (size_t)i));
        *dir = dup_or_null(r->rules_dir);
        *source = "rules";
        return *dir != NULL;
    }
    arch = archive_set_dir(r->archive_dir, sha);
    if (arch != NULL && is_dir(arch)) {
        e = engine_for(r, arch, NULL, &plain, &why);
        if ((i = find_set(e, sha, 0)) >= 0) {
            snprintf(id, id_size, "%s", rasoat_ruleset_id(e, (size_t)i));
            *dir = arch;
            *source = "archive";
            return 1;
        }
    }
    free(arch);
    return 0;
}

/* }==================================================================== */

/* {====================================================================
** Comparing
** ===================================================================== */

static void add_diff(cJSON *diffs, const char *path, const cJSON *was, const cJSON *now)
{
    cJSON *d = cJSON_CreateObject();

    cJSON_AddStringToObject(d, "field", path[0] != '\0' ? path : "(record)");
    if (was != NULL)
        cJSON_AddItemToObject(d, "old", cJSON_Duplicate(was, 1));
    if (now != NULL)
        cJSON_AddItemToObject(d, "new", cJSON_Duplicate(now, 1));
    cJSON_AddItemToArray(diffs, d);
}

/* Is 'name' in the NULL-terminated list 'skip' (NULL: empty)? */
static int skipped(const char *const *skip, const char *name)
{
    for (; skip != NULL && *skip != NULL; skip++)
        if (strcmp(*skip, name) == 0)
            return 1;
    return 0;
}

/*
** Add to 'diffs' one {"field", "old", "new"} per leaf that differs between 'was' and 'now'
** (objects are compared member by member, into dotted paths; anything else as a whole; a
** missing side has no "old" / "new"). 'skip' lists the members left out at this level
** (NULL-terminated; NULL for none).
*/
static void diff(const cJSON *was, const cJSON *now, const char *path,
                 const char *const *skip, cJSON *diffs)
{
    const cJSON *item;
    char sub[512];

    if (!cJSON_IsObject(was) || !cJSON_IsObject(now)) {
        if (!cJSON_Compare(was, now, 1))
            add_diff(diffs, path, was, now);
        return;
    }
    cJSON_ArrayForEach(item, was) {
        const cJSON *other = cJSON_GetObjectItemCaseSensitive(now, item->string);

        if (skipped(skip, item->string))
            continue;
        snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", item->string);
        if (other == NULL)
            add_diff(diffs, sub, item, NULL);
        else
            diff(item, other, sub, NULL, diffs);
    }
    cJSON_ArrayForEach(item, now) {
        if (skipped(skip, item->string) || cJSON_GetObjectItemCaseSensitive(was, item->string) != NULL)
            continue;
        snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", item->string);
        add_diff(diffs, sub, NULL, item);
    }
}

/*
** A replayed record under a forced local rule set, in the shape of a "local" entry of a
** result: its rule set, then the outcome (or the error) members.
*/
static cJSON *as_local_entry(const cJSON *record, cJSON *ruleset)
{
    /* In the order record.c writes a local entry. */
    static const char *const keys[] = {"class", "provision", "basis", "b1", "b2", "deprived",
                                       "transition", "warnings", "error"};
    cJSON *entry = cJSON_CreateObject();
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(record, "ruleset");
    size_t k;

    if (rs != NULL) {
        cJSON_AddItemToObject(entry, "ruleset", cJSON_Duplicate(rs, 1));
        cJSON_Delete(ruleset);
    } else if (ruleset != NULL) {
        cJSON_AddItemToObject(entry, "ruleset", ruleset);
    }
    for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(record, keys[k]);

        if (v != NULL)
            cJSON_AddItemToObject(entry, keys[k], cJSON_Duplicate(v, 1));
    }
    return entry;
}

/* }==================================================================== */

/* {====================================================================
** Replaying one record
** ===================================================================== */

/* A logged integer option: a number below 2^53, or a string of digits beyond (see
** audit_log.c); 0 (the default) when absent or unreadable. */
static uint64_t exact_option(const cJSON *v)
{
    if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble < 9007199254740992.0)
        return (uint64_t)v->valuedouble;
    if (cJSON_IsString(v) && v->valuestring[0] >= '0' && v->valuestring[0] <= '9')
        return (uint64_t)strtoull(v->valuestring, NULL, 10);
    return 0;
}

/* The logged run's options, from the line's "options" member. */
static void read_options(const cJSON *o, run_opts *ro)
{
    const cJSON *v;

    memset(ro, 0, sizeof *ro);
    ro->forced = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "ruleset"));
    ro->as_of = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "as_of"));
    ro->keep = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "keep"));
    v = cJSON_GetObjectItemCaseSensitive(o, "lang");
    ro->lang = cJSON_IsString(v) && strcmp(v->valuestring, "en") == 0 ? RASOAT_LANG_EN : RASOAT_LANG_VI;
    ro->budget = exact_option(cJSON_GetObjectItemCaseSensitive(o, "budget"));
    ro->memory = (size_t)exact_option(cJSON_GetObjectItemCaseSensitive(o, "memory"));
}

/* What the replay feeds the engine. */
typedef struct replay_input {
    const char *text;
    size_t len;
    long line;
    const run_opts *opts;
    json_span logged;     /* the logged result's text, when the line was read in place */
} replay_input;

/*
** Replay one part of a decision: classify 'in' on 'dir' forcing 'id' (NULL: as the logged
** run chose), compare with 'logged' (leaving out member 'skip'; as a local entry when
** 'local'), and return the part's report object. 'source' is where the set was found.
*/
static cJSON *replay_part(rasoat_replay *r, const char *kind, const cJSON *logged, const char *const *skip,
                          int local, const char *dir, const char *id, const char *source,
                          const replay_input *in)
{
    cJSON *part = cJSON_CreateObject(), *diffs, *now, *parsed;
    const char *why, *text;
    size_t len;
    rasoat_engine *e = engine_for(r, dir, id, in->opts, &why);

    cJSON_AddStringToObject(part, "part", kind);
    if (e == NULL) {
        cJSON_AddStringToObject(part, "status", "ruleset_unavailable");
        cJSON_AddStringToObject(part, "reason", why);
        return part;
    }
    if (id != NULL)
        cJSON_AddItemToObject(part, "ruleset", ruleset_json(e, id));
    cJSON_AddStringToObject(part, "source", source);
    rasoat_classify(e, in->text, in->len, in->line, &text, &len, NULL);
    if (!local && in->logged.at != NULL && in->logged.len == len
        && memcmp(in->logged.at, text, len) == 0) {
        /* the very bytes logged: the same tree, nothing differs (no parse, no walk) */
        cJSON_AddStringToObject(part, "status", "identical");
        cJSON_AddItemToObject(part, "diffs", cJSON_CreateArray());
        return part;
    }
    parsed = cJSON_ParseWithLength(text, len);
    if (local && parsed != NULL) {
        now = as_local_entry(parsed, id != NULL ? ruleset_json(e, id) : NULL);
        cJSON_Delete(parsed);
    } else {
        now = parsed;
    }
    diffs = cJSON_CreateArray();
    diff(logged, now, "", skip, diffs);
    cJSON_AddStringToObject(part, "status", cJSON_GetArraySize(diffs) == 0 ? "identical" : "different");
    cJSON_AddItemToObject(part, "diffs", diffs);
    cJSON_Delete(now);
    return part;
}

/* The report of a part whose rule set is found nowhere. */
static cJSON *unavailable_part(rasoat_replay *r, const char *kind, const cJSON *ruleset)
{
    cJSON *part = cJSON_CreateObject();
    char reason[1024];

    cJSON_AddStringToObject(part, "part", kind);
    if (ruleset != NULL)
        cJSON_AddItemToObject(part, "ruleset", cJSON_Duplicate(ruleset, 1));
    cJSON_AddStringToObject(part, "status", "ruleset_unavailable");
    audit_text(reason, sizeof reason, r->lang, "replay_unavailable", r->rules_dir, r->archive_dir,
               NULL, NULL);
    cJSON_AddStringToObject(part, "reason", reason);
    return part;
}

/*
** When --rules holds a rule set of the logged id under another hash (the set was edited
** since), say so in the part: "current_sha256".
*/
static void note_current(rasoat_replay *r, cJSON *part, const cJSON *ruleset)
{
    static const run_opts plain = {NULL, NULL, RASOAT_LANG_VI, 0, 0, NULL};
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ruleset, "id"));
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ruleset, "sha256"));
    const char *why;
    rasoat_engine *e = engine_for(r, r->rules_dir, NULL, &plain, &why);
    long i = id != NULL ? find_set(e, id, 1) : -1;

    if (i >= 0 && sha != NULL && strcmp(rasoat_ruleset_sha256(e, (size_t)i), sha) != 0)
        cJSON_AddStringToObject(part, "current_sha256", rasoat_ruleset_sha256(e, (size_t)i));
}

/* Replay the part of a result decided by rule set 'ruleset' (national or local). */
static cJSON *replay_by_hash(rasoat_replay *r, const char *kind, const cJSON *logged, const char *const *skip,
                             const cJSON *ruleset, const replay_input *in)
{
    const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ruleset, "sha256"));
    const char *source;
    char id[256], *dir = NULL;
    cJSON *part;

    if (sha == NULL || !locate(r, sha, &dir, id, sizeof id, &source)) {
        part = unavailable_part(r, kind, ruleset);
    } else {
        part = replay_part(r, kind, logged, skip, strcmp(kind, "local") == 0, dir, id, source, in);
        free(dir);
    }
    note_current(r, part, ruleset);
    return part;
}

/* Count and return the status of a record from those of its parts. */
static const char *record_status(rasoat_replay *r, const cJSON *parts)
{
    const cJSON *part;
    int different = 0, unavailable = 0;

    cJSON_ArrayForEach(part, parts) {
        const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(part, "status"));

        different |= st != NULL && strcmp(st, "different") == 0;
        unavailable |= st != NULL && strcmp(st, "ruleset_unavailable") == 0;
    }
    if (different) {
        r->counts.different++;
        return "different";
    }
    if (unavailable) {
        r->counts.unavailable++;
        return "ruleset_unavailable";
    }
    r->counts.identical++;
    return "identical";
}

/*
** Replay the decision on log line 'lineno' ('l' parsed; 'chain_ok' when its hashes
** recompute) and return its report: seq, line, decision, household id, status, parts.
*/
static cJSON *replay_record(rasoat_replay *r, const audit_line *l, long lineno, int chain_ok,
                            json_span input_text, json_span result_text)
{
    const cJSON *j = l->json;
    cJSON *input_tree = NULL;
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(j, "input");
    char *bytes;
    const cJSON *result = cJSON_GetObjectItemCaseSensitive(j, "result");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(j, "line");
    const char *engine = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "engine"));
    const char *hid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(result, "id"));
    cJSON *report = cJSON_CreateObject(), *parts = cJSON_CreateArray(), *entry;
    run_opts ro;
    replay_input in = {0};

    read_options(cJSON_GetObjectItemCaseSensitive(j, "options"), &ro);
    if (hid == NULL && input == NULL && input_text.at != NULL) /* read in place: parse it now */
        input = input_tree = cJSON_ParseWithLength(input_text.at, input_text.len);
    if (hid == NULL)
        hid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(input, "id"));
    cJSON_AddNumberToObject(report, "seq", (double)l->seq);
    cJSON_AddNumberToObject(report, "log_line", (double)lineno);
    cJSON_AddStringToObject(report, "decision", l->decision);
    if (hid != NULL)
        cJSON_AddStringToObject(report, "id", hid);
    else
        cJSON_AddNullToObject(report, "id");
    if (!chain_ok)
        cJSON_AddTrueToObject(report, "altered");
    if (engine != NULL && strcmp(engine, rasoat_version()) != 0)
        cJSON_AddStringToObject(report, "engine_logged", engine);

    in.line = cJSON_IsNumber(line) ? (long)line->valuedouble : 0;
    in.opts = &ro;
    in.logged = result_text;
    if (input_text.at != NULL) {   /* the logged bytes are what cJSON would print: as they are */
        bytes = NULL;
        in.text = input_text.at;
        in.len = input_text.len;
    } else {
        bytes = log_input_text(j, &in.len);
        in.text = bytes;
    }
    if (in.text == NULL) {
        cJSON_Delete(input_tree);
        free(bytes);
        r->counts.not_evaluated++;
        cJSON_AddStringToObject(report, "status", "not_evaluated");
        cJSON_AddItemToObject(report, "parts", parts);
        return report;
    }

    if (r->against != NULL) {
        /* what-if: the rule set differs by design; the outcome is what is compared */
        static const char *const skip_against[] = {"local", "ruleset", NULL};

        cJSON_AddItemToArray(parts, replay_part(r, "national", result, skip_against, 0, r->rules_dir,
                                                r->against, "against", &in));
    } else {
        static const char *const skip_local[] = {"local", NULL};
        const cJSON *ruleset = cJSON_GetObjectItemCaseSensitive(result, "ruleset");

        if (cJSON_IsObject(ruleset))
            cJSON_AddItemToArray(parts, replay_by_hash(r, "national", result, skip_local, ruleset, &in));
        else /* an error record: no rule set decided; replay as the logged run chose */
            cJSON_AddItemToArray(parts, replay_part(r, "national", result, NULL, 0, r->rules_dir,
                                                    ro.forced, "rules", &in));
        cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(result, "local")) {
            cJSON_AddItemToArray(parts, replay_by_hash(r, "local", entry, NULL,
                                 cJSON_GetObjectItemCaseSensitive(entry, "ruleset"), &in));
        }
    }
    cJSON_AddStringToObject(report, "status", record_status(r, parts));
    cJSON_AddItemToObject(report, "parts", parts);
    cJSON_Delete(input_tree);
    free(bytes);
    return report;
}

/*
** For a line audit_line_scan read in place ('l->json' NULL): the members a replay uses, as
** a cJSON object of its own in 'l->json' ("options", "line", "engine", "result" and, unless
** the input is an object cJSON would print as its very bytes, "input" or "input_base64"),
** with that input's text in '*input' (at NULL otherwise) and the result's in '*result'.
*/
static void read_members(audit_line *l, const char *text, size_t len, json_span *input,
                         json_span *result)
{
    static const char *const names[6] = {"options", "line", "engine", "result", "input",
                                         "input_base64"};
    json_span line = {text, len}, m[6];
    size_t i, blanks;

    json_members(line, names, m, 6);
    l->json = cJSON_CreateObject();
    input->at = NULL;
    *result = m[3];
    if (m[4].at != NULL && m[4].at[0] == '{'
        && json_canonical(m[4].at, m[4].len, RASOAT_MAX_RECORD_DEPTH, &blanks) && blanks == 0)
        *input = m[4];
    for (i = 0; i < 6 && l->json != NULL; i++) {
        cJSON *v;

        if (m[i].at == NULL || (i == 4 && input->at != NULL))
            continue;
        v = cJSON_ParseWithLength(m[i].at, m[i].len);
        if (v != NULL)
            cJSON_AddItemToObject(l->json, names[i], v);
    }
}

/* }==================================================================== */

/* {====================================================================
** Public API
** ===================================================================== */

int rasoat_replay_open(const rasoat_replay_options *o, rasoat_replay **out, rasoat_error *err)
{
    static const run_opts plain = {NULL, NULL, RASOAT_LANG_VI, 0, 0, NULL};
    rasoat_replay *r = (rasoat_replay *)calloc(1, sizeof *r);
    const char *why;
    char cause[256];

    *out = NULL;
    if (r == NULL)
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", o->lang, "log_no_memory", NULL, NULL, NULL, NULL);
    r->rules_dir = o->rules_dir;
    r->against = o->against;
    r->lang = o->lang;
    r->log_path = dup_or_null(o->log);
    r->archive_dir = o->archive_dir != NULL ? dup_or_null(o->archive_dir) : archive_dir_for(o->log);
    if (r->log_path == NULL || r->archive_dir == NULL) {
        rasoat_replay_close(r);
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", o->lang, "log_no_memory", NULL, NULL, NULL, NULL);
    }
    if (r->against != NULL && engine_for(r, r->rules_dir, r->against, &plain, &why) == NULL) {
        err_set_text(err, RASOAT_E_USAGE, "against", NULL, NULL, 0, why);
        rasoat_replay_close(r);
        return RASOAT_E_USAGE;
    }
    if (!audit_sha_init(&r->sha)) {
        rasoat_replay_close(r);
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", o->lang, "log_no_memory", NULL, NULL, NULL, NULL);
    }
    if ((r->f = fopen(o->log, "rbe")) == NULL) {
        audit_fail(err, RASOAT_E_SYSTEM, "open", o->lang, "replay_open", o->log,
                   audit_errno_text(o->lang, cause, sizeof cause), NULL, NULL);
        rasoat_replay_close(r);
        return RASOAT_E_SYSTEM;
    }
    *out = r;
    return RASOAT_OK;
}

int rasoat_replay_line(rasoat_replay *r, const char *text, size_t line_len, long lineno,
                       const char **report, size_t *len, rasoat_error *err)
{
    audit_line l;
    audit_line_status st = audit_line_scan(text, line_len, &l, &r->sha);
    json_span input = {NULL, 0}, result = {NULL, 0};
    cJSON *rep;

    *report = NULL;
    *len = 0;
    cJSON_free(r->report);
    r->report = NULL;
    memset(&r->warning, 0, sizeof r->warning);
    if (err != NULL)
        memset(err, 0, sizeof *err);
    if (st != AUDIT_LINE_MALFORMED && l.json == NULL)
        read_members(&l, text, line_len, &input, &result);
    if (st != AUDIT_LINE_MALFORMED && cJSON_GetObjectItemCaseSensitive(l.json, "checkpoint")) {
        audit_line_free(&l);   /* a signed checkpoint decides nothing: verify checks it */
        return 0;
    }
    if (st == AUDIT_LINE_MALFORMED) {
        rep = cJSON_CreateObject();
        cJSON_AddNumberToObject(rep, "log_line", (double)lineno);
        cJSON_AddStringToObject(rep, "status", "unreadable");
        r->counts.unreadable++;
    } else {
        rep = replay_record(r, &l, lineno, st == AUDIT_LINE_OK, input, result);
        r->counts.altered += st != AUDIT_LINE_OK;
    }
    r->report = cJSON_PrintUnformatted(rep);
    cJSON_Delete(rep);
    audit_line_free(&l);
    if (r->report == NULL)
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", r->lang, "log_no_memory", NULL, NULL,
                          NULL, NULL);
    *report = r->report;
    *len = strlen(r->report);
    if (err != NULL)
        *err = r->warning;
    return 1;
}

int rasoat_replay_next(rasoat_replay *r, const char **report, size_t *len, rasoat_error *err)
{
    ssize_t n;

    *report = NULL;
    *len = 0;
    while ((n = getline(&r->buf, &r->cap, r->f)) > 0) {
        size_t line_len = r->buf[n - 1] == '\n' ? (size_t)n - 1 : (size_t)n;
        int got;

        r->lineno++;
        got = rasoat_replay_line(r, r->buf, line_len, r->lineno, report, len, err);
        if (got != 0)
            return got;
    }
    if (ferror(r->f))
        return audit_fail(err, RASOAT_E_SYSTEM, "read", r->lang, "replay_read", r->log_path, NULL,
                          NULL, NULL);
    return 0;
}

void rasoat_replay_counts_get(const rasoat_replay *r, rasoat_replay_counts *out)
{
    *out = r->counts;
}

void rasoat_replay_close(rasoat_replay *r)
{
    if (r == NULL)
        return;
    free_slots(r);
    audit_sha_free(&r->sha);
    if (r->f != NULL)
        fclose(r->f);
    free(r->buf);
    cJSON_free(r->report);
    free(r->archive_dir);
    free(r->log_path);
    free(r);
}

/* }==================================================================== */
