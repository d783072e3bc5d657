/*
** ruleset.c: rule sets on disk.
**
** A rule set is a directory holding ruleset.lua (its metadata) and any other *.lua files
** (parameters, indicators, provisions). ruleset.lua runs first, the rest in byte order of
** their names, all in one environment made by stdlib/dsl.lua. Subdirectories that hold
** their own ruleset.lua are rule sets of their own; 'fixtures' and hidden directories are
** skipped. The *.lua files of its 'reports' subdirectory (the layouts of the review's
** forms and lists) belong to the rule set too, named "reports/NAME.lua"; they decide no
** class, so the content hash leaves them out (a report names its layout by its own hash).
**
** Loading runs in two phases: every directory's files first, then stdlib/dsl.lua links
** each rule set to the one it extends (so a local set may sit anywhere under the root).
**
** Content hash: SHA-256 (libsodium) over the embedded stdlib files ("stdlib/" name NUL
** length LF content, by name), then each rule set of the chain from the root ancestor down
** to the set itself ("set/" id NUL "0" LF, then its files as  name NUL length LF content,
** by name, leaving out the report layouts of reports/), with CR LF turned into LF. It depends on nothing else: not on paths, directory
** order or line endings.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "lua/seam.h"
#include "lua/stdlib_embed.h"
#include "ruleset.h"

#define NATIONAL "VN"

typedef struct string_list {
    char **items;
    size_t count, capacity;
} string_list;

static char *join_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *path = (char *)malloc(a + b + 2);

    if (path != NULL) {
        memcpy(path, dir, a);
        path[a] = '/';
        memcpy(path + a + 1, name, b + 1);
    }
    return path;
}

static int list_push(string_list *l, char *s)
{
    if (s == NULL)
        return 0;
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 16;
        char **items = (char **)realloc(l->items, cap * sizeof *items);

        if (items == NULL) {
            free(s);
            return 0;
        }
        l->items = items;
        l->capacity = cap;
    }
    l->items[l->count++] = s;
    return 1;
}

static void list_free(string_list *l)
{
    size_t i;

    for (i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* {====================================================================
** Discovery and reading
** ===================================================================== */

/*
** Whether 'path' resolves (symbolic links followed) to 'root' or a place under it; 'root'
** is itself resolved. A rule set may not reach outside the directory it was loaded from.
*/
static int inside_root(const char *root, const char *path)
{
    char real[PATH_MAX];
    size_t n = strlen(root);

    if (realpath(path, real) == NULL)
        return 0;
    return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/' || n == 1);
}

/* Directories already walked, by device and inode: a link back up the tree is walked once. */
typedef struct seen_dirs {
    dev_t dev[64];
    ino_t ino[64];
    size_t count;
} seen_dirs;

/* Record directory 'path'; 0 when it was seen before (or the list is full). */
static int first_visit(seen_dirs *seen, const char *path)
{
    struct stat st;
    size_t i;

    if (stat(path, &st) != 0 || seen->count == sizeof seen->dev / sizeof seen->dev[0])
        return 0;
    for (i = 0; i < seen->count; i++)
        if (seen->dev[i] == st.st_dev && seen->ino[i] == st.st_ino)
            return 0;
    seen->dev[seen->count] = st.st_dev;
    seen->ino[seen->count++] = st.st_ino;
    return 1;
}

/*
** Append to 'dirs' every directory at or under 'dir' holding a ruleset.lua. A directory
** reached through a link outside 'root' is a load error (filled in 'err'); one seen before
** is skipped. Returns RASOAT_OK or the error's code.
*/
static int find_rulesets(const char *dir, const char *root, string_list *dirs, seen_dirs *seen,
                         int depth, rasoat_lang lang, rasoat_error *err)
{
    DIR *d;
    struct dirent *e;
    char *marker;
    int code = RASOAT_OK;

    if (!inside_root(root, dir)) {
        const char *args[2] = {dir, root};

        return err_set(err, RASOAT_E_LOAD, "read", NULL, dir, 0, lang, "outside_rules", args, 2);
    }
    if (!first_visit(seen, dir))
        return RASOAT_OK;
    marker = join_path(dir, "ruleset.lua");
    if (marker == NULL || (is_file(marker) && !list_push(dirs, strdup(dir))))
        code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, dir, 0, "out of memory");
    free(marker);
    if (code != RASOAT_OK || depth > 8 || (d = opendir(dir)) == NULL)
        return code;
    while (code == RASOAT_OK && (e = readdir(d)) != NULL) {
        char *sub;

        if (e->d_name[0] == '.' || strcmp(e->d_name, "fixtures") == 0)
            continue;
        sub = join_path(dir, e->d_name);
        if (sub == NULL)
            code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, dir, 0, "out of memory");
        else if (is_dir(sub))
            code = find_rulesets(sub, root, dirs, seen, depth + 1, lang, err);
        free(sub);
    }
    closedir(d);
    return code;
}

/*
** (ruleset.h) Read a whole rule file; CR LF pairs become LF so the hash and line numbers agree
** everywhere. Only a regular file inside 'root' of at most RULE_FILE_MAX bytes is read:
** a FIFO would block, a device would never end. Returns the text (caller frees) or NULL
** with '*why' the catalogue key of the reason ("read_failed" with errno set, or
** "not_regular_file", "file_too_large", "outside_rules").
*/
char *rules_read_text(const char *path, const char *root, size_t *length, const char **why)
{
    struct stat st;
    int fd;
    FILE *f;
    char *buf;
    size_t n = 0, i, j;

    *why = "read_failed";
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)RULE_FILE_MAX) {
        int saved = errno;

        if (fstat(fd, &st) == 0)
            *why = !S_ISREG(st.st_mode) ? "not_regular_file" : "file_too_large";
        close(fd);
        errno = saved;
        return NULL;
    }
    if (!inside_root(root, path)) {
        *why = "outside_rules";
        close(fd);
        return NULL;
    }
    f = fdopen(fd, "rb");
    buf = f != NULL ? (char *)malloc((size_t)st.st_size + 2) : NULL;
    if (buf == NULL) {
        if (f != NULL)
            fclose(f);
        else
            close(fd);
        return NULL;
    }
    /* Read one byte past the size fstat gave, to see a file that grew meanwhile. */
    n = fread(buf, 1, (size_t)st.st_size + 1, f);
    if (ferror(f) || n > (size_t)st.st_size) {
        *why = ferror(f) ? "read_failed" : "file_too_large";
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    for (i = j = 0; i < n; i++)
        if (!(buf[i] == '\r' && i + 1 < n && buf[i + 1] == '\n'))
            buf[j++] = buf[i];
    buf[j] = '\0';
    *length = j;
    return buf;
}

/* ruleset.lua first, then the other *.lua files by name. */
static int compare_rule_files(const void *a, const void *b)
{
    const rule_file *x = (const rule_file *)a, *y = (const rule_file *)b;
    int xr = strcmp(x->name, "ruleset.lua") == 0, yr = strcmp(y->name, "ruleset.lua") == 0;

    if (xr != yr)
        return yr - xr;
    return strcmp(x->name, y->name);
}

void rule_files_free(rule_file *files, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        free(files[i].name);
        free(files[i].path);
        free(files[i].text);
    }
    free(files);
}

/* Append to 'names' the *.lua file names of directory 'd', each after 'prefix'. */
static int list_rule_files(DIR *d, const char *prefix, string_list *names)
{
    struct dirent *e;

    while ((e = readdir(d)) != NULL) {
        char *name;

        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".lua"))
            continue;
        name = (char *)malloc(strlen(prefix) + strlen(e->d_name) + 1);
        if (name != NULL) {
            strcpy(name, prefix);
            strcat(name, e->d_name);
        }
        if (!list_push(names, name))
            return RASOAT_E_SYSTEM;
    }
    return RASOAT_OK;
}

int rule_files_read(const char *dir, const char *root, rule_file **out, size_t *count,
                    rasoat_lang lang, rasoat_error *err)
{
    string_list names = {0};
    rule_file *files = NULL;
    DIR *d = opendir(dir);
    char *reports = join_path(dir, "reports");
    size_t i;
    const char *why;
    int code = RASOAT_OK;

    if (d == NULL) {
        const char *args[2] = {dir, strerror(errno)};

        free(reports);
        return err_set(err, RASOAT_E_LOAD, "read", NULL, dir, 0, lang, "read_failed", args, 2);
    }
    code = list_rule_files(d, "", &names);
    closedir(d);
    if (code == RASOAT_OK && (reports == NULL || (is_dir(reports) && (d = opendir(reports)) == NULL)))
        code = RASOAT_E_SYSTEM;
    else if (code == RASOAT_OK && is_dir(reports)) {
        code = list_rule_files(d, "reports/", &names);
        closedir(d);
    }
    free(reports);
    if (code == RASOAT_OK && names.count > 0) {
        files = (rule_file *)calloc(names.count, sizeof *files);
        if (files == NULL)
            code = RASOAT_E_SYSTEM;
    }
    for (i = 0; code == RASOAT_OK && i < names.count; i++) {
        rule_file *f = &files[i];

        f->name = names.items[i];
        names.items[i] = NULL;
        f->path = join_path(dir, f->name);
        if (f->path == NULL) {
            code = RASOAT_E_SYSTEM;
        } else if ((f->text = rules_read_text(f->path, root, &f->length, &why)) == NULL) {
            char limit[32];
            const char *args[2] = {f->path, strerror(errno)};

            if (strcmp(why, "file_too_large") == 0) {
                snprintf(limit, sizeof limit, "%u", RULE_FILE_MAX);
                args[1] = limit;
            } else if (strcmp(why, "outside_rules") == 0) {
                args[1] = root;
            }
            code = err_set(err, RASOAT_E_LOAD, "read", NULL, f->path, 0, lang, why, args, 2);
        }
    }
    if (code == RASOAT_E_SYSTEM)
        err_set_text(err, code, "system", NULL, dir, 0, "out of memory");
    if (code != RASOAT_OK) {
        rule_files_free(files, names.count);
        list_free(&names);
        return code;
    }
    *count = names.count;
    list_free(&names);
    if (files != NULL)
        qsort(files, *count, sizeof *files, compare_rule_files);
    *out = files;
    return RASOAT_OK;
}


/* }==================================================================== */

/* {====================================================================
** Content hash
** ===================================================================== */

static void hash_entry(crypto_hash_sha256_state *st, const char *prefix, const char *name,
                       const char *text, size_t length)
{
    char header[64];
    int n = snprintf(header, sizeof header, "%zu\n", length);

    crypto_hash_sha256_update(st, (const unsigned char *)prefix, strlen(prefix));
    crypto_hash_sha256_update(st, (const unsigned char *)name, strlen(name) + 1); /* with NUL */
    crypto_hash_sha256_update(st, (const unsigned char *)header, (unsigned long long)n);
    crypto_hash_sha256_update(st, (const unsigned char *)text, length);
}

static int compare_by_name(const void *a, const void *b)
{
    return strcmp(((const rule_file *)a)->name, ((const rule_file *)b)->name);
}

/* Add one rule set's files, by name (then restored to load order), under its id. */
static void hash_set(crypto_hash_sha256_state *st, const ruleset *rs, rule_file *files,
                     size_t count)
{
    size_t i;

    hash_entry(st, "set/", rs->id, "", 0);
    qsort(files, count, sizeof *files, compare_by_name);
    for (i = 0; i < count; i++)
        if (strncmp(files[i].name, "reports/", 8) != 0)   /* layouts decide no class */
            hash_entry(st, "", files[i].name, files[i].text, files[i].length);
    qsort(files, count, sizeof *files, compare_rule_files);
}


/* }==================================================================== */

/* {====================================================================
** Loading through the rule language
** ===================================================================== */

/* What one rule set directory holds while the table is being loaded. */
typedef struct pending {
    rule_file *files;
    size_t count;
} pending;

/* The state of the content hash after the stdlib files, where every set's hash starts. */
static void hash_stdlib(crypto_hash_sha256_state *st)
{
    const stdlib_file *lib;
    size_t nlib, k;

    crypto_hash_sha256_init(st);
    lib = stdlib_files(&nlib);
    for (k = 0; k < nlib; k++) /* embedded in name order (stdlib/meson.build) */
        hash_entry(st, "stdlib/", lib[k].name, lib[k].text, lib[k].length);
}

/* The content hash of rule set 'i': stdlib (its state 'after_stdlib', hashed once for all
** sets), then every set of its chain, root first. */
static void hash_chain(const ruleset_table *t, pending *pend, size_t i,
                       const crypto_hash_sha256_state *after_stdlib)
{
    crypto_hash_sha256_state st = *after_stdlib;
    unsigned char digest[crypto_hash_sha256_BYTES];
    size_t chain[RULESET_MAX_CHAIN], depth = 0, k;

    /* Linking refused cycles and chains longer than RULESET_MAX_CHAIN, so the walk ends
    ** with the root ancestor inside the array. */
    for (k = i; depth < RULESET_MAX_CHAIN; depth++) {
        const ruleset *parent;

        chain[depth] = k;
        if (t->sets[k].parent == NULL || (parent = rulesets_find(t, t->sets[k].parent)) == NULL)
            break;
        k = (size_t)(parent - t->sets);
    }
    for (k = depth + 1; k-- > 0;)
        hash_set(&st, &t->sets[chain[k]], pend[chain[k]].files, pend[chain[k]].count);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(t->sets[i].sha256, sizeof t->sets[i].sha256, digest, sizeof digest);
}

static void free_one(ruleset *rs)
{
    free(rs->id);
    free(rs->version);
    free(rs->jurisdiction);
    free(rs->former_town_area);
    free(rs->parent);
    free(rs->dir);
    free(rs->from);
    free(rs->to);
    while (rs->indicator_count > 0)
        free(rs->indicators[--rs->indicator_count]);
    free(rs->indicators);
}

/* "dir/ruleset.lua" for messages about a whole rule set. */
static void ruleset_file(const ruleset *rs, char *buf, size_t size)
{
    snprintf(buf, size, "%s/ruleset.lua", rs->dir);
}

/* Two national sets in force on the same day are a load error. (Duplicate ids, parents
** and overrides are checked while linking, in stdlib/dsl.lua.) */
static int check_overlaps(const ruleset_table *t, rasoat_lang lang, rasoat_error *err)
{
    size_t i, j;

    for (i = 0; i < t->count; i++) {
        for (j = i + 1; j < t->count; j++) {
            const ruleset *a = &t->sets[i], *b = &t->sets[j];
            char fa[600], fb[600], pa[32], pb[32];
            const char *args[4] = {fa, pa, fb, pb};

            if (strcmp(a->jurisdiction, NATIONAL) != 0 || strcmp(b->jurisdiction, NATIONAL) != 0
                || a->from_day > b->to_day || b->from_day > a->to_day)
                continue;
            ruleset_file(a, fa, sizeof fa);
            ruleset_file(b, fb, sizeof fb);
            snprintf(pa, sizeof pa, "%s..%s", a->from, a->to);
            snprintf(pb, sizeof pb, "%s..%s", b->from, b->to);
            return err_set(err, RASOAT_E_LOAD, "overlap", NULL, fb, 0, lang, "overlap", args, 4);
        }
    }
    return RASOAT_OK;
}

/* }==================================================================== */

int rulesets_load(seam *sb, const char *rules_dir, rasoat_lang lang, ruleset_table *out,
                  rasoat_error *err)
{
    string_list dirs = {0};
    seen_dirs seen = {{0}, {0}, 0};
    char root[PATH_MAX];
    pending *pend = NULL;
    crypto_hash_sha256_state after_stdlib;
    size_t i;
    int code = RASOAT_OK;

    memset(out, 0, sizeof *out);
    if (!is_dir(rules_dir)) {
        struct stat st;
        const char *args[2] = {rules_dir, strerror(stat(rules_dir, &st) != 0 ? errno : ENOTDIR)};

        return err_set(err, RASOAT_E_LOAD, "read", NULL, rules_dir, 0, lang, "read_failed",
                       args, 2);
    }
    if (realpath(rules_dir, root) == NULL) {
        const char *args[2] = {rules_dir, strerror(errno)};

        return err_set(err, RASOAT_E_LOAD, "read", NULL, rules_dir, 0, lang, "read_failed",
                       args, 2);
    }
    code = find_rulesets(rules_dir, root, &dirs, &seen, 0, lang, err);
    if (code != RASOAT_OK) {
        list_free(&dirs);
        return code;
    }
    if (dirs.count == 0) {
        list_free(&dirs);
        return err_set(err, RASOAT_E_LOAD, "no_rulesets", NULL, rules_dir, 0, lang,
                       "no_rulesets", &rules_dir, 1);
    }
    qsort(dirs.items, dirs.count, sizeof *dirs.items, compare_strings);
    out->sets = (ruleset *)calloc(dirs.count, sizeof *out->sets);
    pend = (pending *)calloc(dirs.count, sizeof *pend);
    if (out->sets == NULL || pend == NULL)
        code = err_set_text(err, RASOAT_E_SYSTEM, "system", NULL, rules_dir, 0, "out of memory");

    /* Phase 1: run every directory's files. Phase 2: link each set to its parent. */
    seam_rules_begin(sb);
    for (i = 0; code == RASOAT_OK && i < dirs.count; i++) {
        code = rule_files_read(dirs.items[i], root, &pend[i].files, &pend[i].count, lang, err);
        if (code == RASOAT_OK)
            code = seam_rules_run(sb, dirs.items[i], pend[i].files, pend[i].count, lang, err);
    }
    if (code == RASOAT_OK) {
        code = seam_rules_link(sb, out->sets, (const char *const *)dirs.items, dirs.count,
                               lang, err);
        out->count = dirs.count;
    }
    seam_rules_end(sb);
    if (code == RASOAT_OK)
        hash_stdlib(&after_stdlib);
    for (i = 0; code == RASOAT_OK && i < out->count; i++) {
        hash_chain(out, pend, i, &after_stdlib);
        seam_rules_set_hash(sb, &out->sets[i]);
    }
    if (code == RASOAT_OK)
        code = check_overlaps(out, lang, err);

    for (i = 0; pend != NULL && i < dirs.count; i++)
        rule_files_free(pend[i].files, pend[i].count);
    free(pend);
    list_free(&dirs);
    if (code != RASOAT_OK)
        rulesets_free(out);
    return code;
}

void rulesets_free(ruleset_table *t)
{
    size_t i;

    for (i = 0; i < t->count; i++)
        free_one(&t->sets[i]);
    free(t->sets);
    memset(t, 0, sizeof *t);
}

const ruleset *rulesets_find(const ruleset_table *t, const char *id)
{
    size_t i;

    for (i = 0; i < t->count; i++)
        if (strcmp(t->sets[i].id, id) == 0)
            return &t->sets[i];
    return NULL;
}

const ruleset *rulesets_national_on(const ruleset_table *t, int32_t day)
{
    size_t i;

    for (i = 0; i < t->count; i++) {
        const ruleset *rs = &t->sets[i];

        if (day >= rs->from_day && day <= rs->to_day && strcmp(rs->jurisdiction, NATIONAL) == 0)
            return rs;
    }
    return NULL;
}

int ruleset_local_applies(const ruleset *rs, const char *province, int32_t day)
{
    return province != NULL && strcmp(rs->jurisdiction, province) == 0
        && day >= rs->from_day && day <= rs->to_day;
}
