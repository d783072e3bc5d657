/*
** ruleset.h: finding the rule sets under a directory, hashing their exact content, loading
** them through the rule language into the sandbox, and choosing the one in force.
*/
#ifndef RASOAT_RULESET_H
#define RASOAT_RULESET_H

#include <stddef.h>
#include <stdint.h>

#include "rasoat.h"

/* The longest chain of rule sets extending one another ('extends'), the set itself
** included. A longer one is a load error at its ruleset.lua (stdlib/dsl.lua's link). */
#define RULESET_MAX_CHAIN RASOAT_MAX_RULESET_CHAIN

typedef struct ruleset {
    char *id;
    char *version;
    char *jurisdiction;   /* "VN" for a national standard, else the two-digit code of the
                             province whose territory it covers, as of its adoption */
    char *former_town_area; /* "rural" or "urban" for communes that took in a former town
                             after the reform; NULL: the area as recorded */
    char *parent;         /* id of the rule set it extends, or NULL */
    char *dir;            /* directory as found under the rules root */
    char *from, *to;      /* in force, "YYYY-MM-DD", inclusive */
    int32_t from_day, to_day;
    char sha256[65];      /* hex digest of the content the rule set's decisions depend on */
    char **indicators;    /* the codes of its indicators (its parent's included), in order */
    size_t indicator_count;
    int ref;              /* registry reference to the Lua rule set object */
} ruleset;

/* One rule file as read from disk. */
typedef struct rule_file {
    char *name;     /* file name within its rule set directory ("reports/NAME.lua" for a layout) */
    char *path;     /* rules_dir-relative path used in messages */
    char *text;
    size_t length;
} rule_file;

typedef struct ruleset_table {
    ruleset *sets;        /* sorted by directory */
    size_t count;
} ruleset_table;

struct seam;

/*
** Load every directory under 'rules_dir' that holds a ruleset.lua into the Lua state of
** 'sb' (engine/lua/seam.h). Returns RASOAT_OK with 'out' filled, or
** RASOAT_E_LOAD / RASOAT_E_SYSTEM with 'err' naming the file and line at fault (syntax,
** definitions, a duplicate id, an unknown parent, an override of a name the parent lacks,
** two national sets in force on the same day).
** The caller owns 'out' and frees it with rulesets_free.
*/
int rulesets_load(struct seam *sb, const char *rules_dir, rasoat_lang lang, ruleset_table *out,
                  rasoat_error *err);

/*
** Read the *.lua files of rule set directory 'dir' and of its 'reports' subdirectory, under
** the real path 'root' of the rules directory (rules_read_text), ruleset.lua first, the
** rest in byte order of their names. Returns RASOAT_OK with '*out' (the caller frees it
** with rule_files_free) and '*count', or a code with 'err' naming the file.
*/
int rule_files_read(const char *dir, const char *root, rule_file **out, size_t *count,
                    rasoat_lang lang, rasoat_error *err);
void rule_files_free(rule_file *files, size_t count);

/* The largest rule file read, in bytes: far beyond any real one, and a bound on what a
** file that is not what it seems (a device, a runaway generator) can cost. */
#define RULE_FILE_MAX (16u * 1024u * 1024u)

/*
** Read the whole file 'path' found under the real path 'root' of a rules directory, as
** rule files are read: only a regular file inside 'root' of at most RULE_FILE_MAX bytes,
** CR LF made LF.
** Returns the text (caller frees; '*length' bytes) or NULL with '*why' the catalogue key
** of the reason: "read_failed" (errno set), "not_regular_file", "file_too_large" or
** "outside_rules".
*/
char *rules_read_text(const char *path, const char *root, size_t *length, const char **why);

/* Free the table's C side (the Lua objects go with the state). */
void rulesets_free(ruleset_table *t);

/* The rule set with this id, or NULL. */
const ruleset *rulesets_find(const ruleset_table *t, const char *id);

/* The national rule set in force on 'day', or NULL. */
const ruleset *rulesets_national_on(const ruleset_table *t, int32_t day);

/* Is 'rs' a local standard of 'province' in force on 'day'? */
int ruleset_local_applies(const ruleset *rs, const char *province, int32_t day);

#endif
