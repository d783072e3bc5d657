/*
** archive.c: copying the rule sets a decision log names into LOG.rules/<sha256>/ (see
** archive.h and docs/audit.md), checked by loading the copy and comparing its hash.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "archive.h"
#include "audit_text.h"

/* Deepest chain of rule sets followed (the engine refuses cycles; real chains are 2 deep). */

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = (char *)malloc(la + lb + 2);

    if (s != NULL) {
        memcpy(s, a, la);
        s[la] = '/';
        memcpy(s + la + 1, b, lb + 1);
    }
    return s;
}

char *archive_dir_for(const char *log_path)
{
    size_t n = strlen(log_path);
    char *s = (char *)malloc(n + sizeof ".rules");

    if (s != NULL) {
        memcpy(s, log_path, n);
        memcpy(s + n, ".rules", sizeof ".rules");
    }
    return s;
}

char *archive_set_dir(const char *archive_dir, const char *sha256)
{
    return join(archive_dir, sha256);
}

int rasoat_log_archive_path(const char *log_path, const char *sha256, char *buf, size_t size)
{
    int n = sha256 != NULL ? snprintf(buf, size, "%s.rules/%s", log_path, sha256)
                           : snprintf(buf, size, "%s.rules", log_path);

    return n >= 0 && (size_t)n < size ? RASOAT_OK : RASOAT_E_USAGE;
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Index of the loaded rule set whose hash / id is 'key', or -1. */
static long find_set(const rasoat_engine *e, const char *key, int by_id)
{
    size_t i, n = rasoat_ruleset_count(e);

    for (i = 0; i < n; i++) {
        const char *v = by_id ? rasoat_ruleset_id(e, i) : rasoat_ruleset_sha256(e, i);

        if (v != NULL && strcmp(v, key) == 0)
            return (long)i;
    }
    return -1;
}

/*
** Where rule set directory 'dir' goes inside the archive: its path relative to
** 'rules_dir' ("" for the root itself); when it is not under 'rules_dir', the set's id
** (ids are path-like: "vn/2022-2025"). NULL when neither is a safe relative path.
*/
static const char *place_of(const char *dir, const char *rules_dir, const char *id)
{
    size_t n = strlen(rules_dir);
    const char *rel = NULL;

    while (n > 1 && rules_dir[n - 1] == '/')
        n--;
    if (strncmp(dir, rules_dir, n) == 0 && (dir[n] == '/' || dir[n] == '\0')) {
        rel = dir + n;
        while (*rel == '/')
            rel++;
    } else {
        rel = id;
    }
    if (rel[0] == '/' || strstr(rel, "..") != NULL)
        return NULL;
    return rel;
}

/* mkdir -p 'path'. Returns 1 on success. */
static int make_dirs(const char *path)
{
    char *p, *copy = (char *)malloc(strlen(path) + 1);
    int ok = copy != NULL;

    if (!ok)
        return 0;
    strcpy(copy, path);
    for (p = copy + 1; ok && *p; p++) {
        if (*p == '/') {
            *p = '\0';
            ok = mkdir(copy, 0755) == 0 || errno == EEXIST;
            *p = '/';
        }
    }
    ok = ok && (mkdir(copy, 0755) == 0 || errno == EEXIST);
    free(copy);
    return ok;
}

/* Copy file 'src' to 'dst' byte for byte and fsync it. Returns 1 on success. */
static int copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb"), *out;
    char buf[1 << 15];
    size_t n;
    int ok = 1;

    if (in == NULL)
        return 0;
    out = fopen(dst, "wb");
    if (out == NULL) {
        fclose(in);
        return 0;
    }
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in) && fflush(out) == 0 && fsync(fileno(out)) == 0;
    fclose(in);
    return fclose(out) == 0 && ok;
}

/* Copy the *.lua files of directory 'src' into 'dst', and those of its 'reports'
** subdirectory (report layouts belong to the rule set, see engine/ruleset.c) when
** 'with_reports'. */
static int copy_rule_files_of(const char *src, const char *dst, int with_reports)
{
    DIR *d = opendir(src);
    struct dirent *e;
    int ok = d != NULL && make_dirs(dst);

    while (ok && (e = readdir(d)) != NULL) {
        char *from, *to;

        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".lua"))
            continue;
        from = join(src, e->d_name);
        to = join(dst, e->d_name);
        ok = from != NULL && to != NULL && copy_file(from, to);
        free(from);
        free(to);
    }
    if (d != NULL)
        closedir(d);
    if (ok && with_reports) {
        char *from = join(src, "reports"), *to = join(dst, "reports");

        ok = from != NULL && to != NULL && (!is_dir(from) || copy_rule_files_of(from, to, 0));
        free(from);
        free(to);
    }
    return ok;
}

static int copy_rule_files(const char *src, const char *dst)
{
    return copy_rule_files_of(src, dst, 1);
}

/* rm -r 'path' (files and directories only, as this file makes them). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;

    if (d == NULL) {
        unlink(path);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        char *sub;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        sub = join(path, e->d_name);
        if (sub == NULL)
            break;
        if (is_dir(sub))
            remove_tree(sub);
        else
            unlink(sub);
        free(sub);
    }
    closedir(d);
    rmdir(path);
}

/* Copy rule set 'i' of 'e' and its ancestors into 'dst'. Fills 'why' on failure. */
static archive_status copy_chain(const rasoat_engine *e, long i, const char *rules_dir,
                                 const char *dst, rasoat_lang lang, char *why, size_t why_size)
{
    int depth;

    for (depth = 0; i >= 0 && depth < RASOAT_MAX_RULESET_CHAIN; depth++) {
        char cause[256];
        const char *dir = rasoat_ruleset_dir(e, (size_t)i);
        const char *parent = rasoat_ruleset_parent(e, (size_t)i);
        const char *place = place_of(dir, rules_dir, rasoat_ruleset_id(e, (size_t)i));
        char *to;
        int ok;

        if (place == NULL) {
            audit_text(why, why_size, lang, "archive_place", dir, NULL, NULL, NULL);
            return ARCHIVE_IO;
        }
        to = place[0] != '\0' ? join(dst, place) : join(dst, ".");
        ok = to != NULL && copy_rule_files(dir, to);
        free(to);
        if (!ok) {
            audit_text(why, why_size, lang, "archive_copy_rules", dir,
                       audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
            return ARCHIVE_IO;
        }
        if (parent == NULL)
            return ARCHIVE_STORED;
        i = find_set(e, parent, 1);
    }
    return ARCHIVE_STORED;
}

/*
** Copy the administrative-units table of 'rules_dir', when it has one, into 'dst': the
** archived tree must choose local standards and read places as the logged run did.
*/
static archive_status copy_places(const char *rules_dir, const char *dst, rasoat_lang lang,
                                  char *why, size_t why_size)
{
    char *from = join(rules_dir, RASOAT_PLACES_FILE), *to = join(dst, RASOAT_PLACES_FILE);
    char *dir = to != NULL ? strdup(to) : NULL, cause[256];
    struct stat st;
    int ok = 1;

    if (from == NULL || to == NULL || dir == NULL) {
        ok = 0;
    } else if (stat(from, &st) == 0) {
        *strrchr(dir, '/') = '\0';
        ok = make_dirs(dir) && copy_file(from, to);
    }
    if (!ok)
        audit_text(why, why_size, lang, "archive_copy", from ? from : RASOAT_PLACES_FILE,
                   audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
    free(from);
    free(to);
    free(dir);
    return ok ? ARCHIVE_STORED : ARCHIVE_IO;
}

/* {====================================================================
** The file list (SHA256SUMS): which file of a copy changed
** ===================================================================== */

/* The manifest each archived copy holds, in the format of 'sha256sum' ("HEX  PATH" a line),
** so an inspector can also check it with 'sha256sum -c'. The copy's content hash is the
** proof; the manifest only says which file differs when the proof fails. */
#define SUMS_NAME "SHA256SUMS"

/* Hex SHA-256 of file 'path' into 'hex' (65 bytes). Returns 0 when it cannot be read. */
static int hash_file(const char *path, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES], buf[8192];
    FILE *f = fopen(path, "rb");
    size_t n;

    if (f == NULL)
        return 0;
    crypto_hash_sha256_init(&st);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_hash_sha256_update(&st, buf, n);
    if (ferror(f)) {
        fclose(f);
        return 0;
    }
    fclose(f);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
    return 1;
}

/* Write "HEX  REL/NAME" to 'out' for every *.lua file under 'root'/'rel', and the table of
** administrative units (RASOAT_PLACES_FILE, which the content hash does not cover),
** recursively, directories and files in byte order of their names. */
static int list_sums(FILE *out, const char *root, const char *rel)
{
    char *dir = rel[0] ? join(root, rel) : strdup(root);
    struct dirent **names = NULL;
    int n = dir != NULL ? scandir(dir, &names, NULL, alphasort) : -1, i, ok = n >= 0;

    for (i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *sub = ok && name[0] != '.' ? join(dir, name) : NULL;
        char *sub_rel = sub != NULL ? (rel[0] ? join(rel, name) : strdup(name)) : NULL;
        char hex[65];

        if (sub != NULL && sub_rel == NULL)
            ok = 0;
        else if (sub != NULL && is_dir(sub))
            ok = list_sums(out, root, sub_rel);
        else if (sub != NULL && (ends_with(name, ".lua") || strcmp(sub_rel, RASOAT_PLACES_FILE) == 0))
            ok = hash_file(sub, hex) && fprintf(out, "%s  %s\n", hex, sub_rel) > 0;
        free(sub);
        free(sub_rel);
        free(names[i]);
    }
    free(names);
    free(dir);
    return ok;
}

/* Write 'dir'/SHA256SUMS. */
static int write_sums(const char *dir)
{
    char *path = join(dir, SUMS_NAME);
    FILE *out = path != NULL ? fopen(path, "wb") : NULL;
    int ok = out != NULL && list_sums(out, dir, "");

    if (out != NULL && fclose(out) != 0)
        ok = 0;
    free(path);
    return ok;
}

/* The first file of 'dir' whose content no longer matches its line in SHA256SUMS, or that
** the list names but is gone, into 'file'; "" when every listed file matches. Returns 0
** when there is no readable list. */
static int changed_file(const char *dir, char *file, size_t size)
{
    char *path = join(dir, SUMS_NAME);
    FILE *in = path != NULL ? fopen(path, "rb") : NULL;
    char line[4200];

    file[0] = '\0';
    free(path);
    if (in == NULL)
        return 0;
    while (file[0] == '\0' && fgets(line, sizeof line, in) != NULL) {
        char hex[65], *name = line + 66, *full;

        line[strcspn(line, "\n")] = '\0';
        if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ')
            continue;
        full = join(dir, name);
        if (full == NULL || !hash_file(full, hex) || memcmp(hex, line, 64) != 0)
            snprintf(file, size, "%s", name);
        free(full);
    }
    fclose(in);
    return 1;
}

/* }==================================================================== */

/* Load 'dir' and check that a rule set in it has hash 'sha256'. Fills 'why' otherwise. */
static archive_status check_copy(const char *dir, const char *sha256, rasoat_lang lang,
                                 char *why, size_t why_size)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;
    archive_status st = ARCHIVE_STORED;

    memset(&o, 0, sizeof o);
    o.rules_dir = dir;
    o.lang = lang;
    if (rasoat_open(&o, &e, &err) != RASOAT_OK) {
        audit_text(why, why_size, lang, "archive_no_load", err.message, NULL, NULL, NULL);
        return ARCHIVE_MISMATCH;
    }
    if (find_set(e, sha256, 0) < 0) {
        audit_text(why, why_size, lang, "archive_other_hash", sha256, NULL, NULL, NULL);
        st = ARCHIVE_MISMATCH;
    }
    rasoat_close(e);
    return st;
}

archive_status archive_store(const char *archive_dir, const rasoat_engine *engine,
                             const char *rules_dir, const char *sha256, rasoat_lang lang,
                             char *why, size_t why_size)
{
    char scratch[8], name[128], cause[256];
    char *final_dir, *tmp;
    long i = find_set(engine, sha256, 0);
    archive_status st;

    if (why == NULL) {
        why = scratch;
        why_size = sizeof scratch;
    }
    why[0] = '\0';
    if (i < 0) {
        audit_text(why, why_size, lang, "archive_unknown", sha256, NULL, NULL, NULL);
        return ARCHIVE_UNKNOWN;
    }
    final_dir = archive_set_dir(archive_dir, sha256);
    snprintf(name, sizeof name, ".tmp-%s-%ld", sha256, (long)getpid());
    tmp = join(archive_dir, name);
    if (final_dir == NULL || tmp == NULL) {
        free(final_dir);
        free(tmp);
        audit_text(why, why_size, lang, "log_no_memory", NULL, NULL, NULL, NULL);
        return ARCHIVE_IO;
    }
    if (is_dir(final_dir)) {
        st = ARCHIVE_EXISTS;
    } else {
        remove_tree(tmp);
        st = make_dirs(tmp) ? ARCHIVE_STORED : ARCHIVE_IO;
        if (st == ARCHIVE_IO)
            audit_text(why, why_size, lang, "archive_create", tmp,
                       audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
        if (st == ARCHIVE_STORED)
            st = copy_chain(engine, i, rules_dir, tmp, lang, why, why_size);
        if (st == ARCHIVE_STORED)
            st = copy_places(rules_dir, tmp, lang, why, why_size);
        if (st == ARCHIVE_STORED)
            st = check_copy(tmp, sha256, lang, why, why_size);
        if (st == ARCHIVE_STORED && !write_sums(tmp)) {
            audit_text(why, why_size, lang, "archive_sums", tmp, SUMS_NAME, strerror(errno), NULL);
            st = ARCHIVE_IO;
        }
        /* Another run may have archived the same set meanwhile: theirs stays. */
        if (st == ARCHIVE_STORED && rename(tmp, final_dir) != 0) {
            if (is_dir(final_dir)) {
                st = ARCHIVE_EXISTS;
            } else {
                audit_text(why, why_size, lang, "archive_rename", tmp,
                           audit_errno_text(lang, cause, sizeof cause), NULL, NULL);
                st = ARCHIVE_IO;
            }
        }
        if (st != ARCHIVE_STORED)
            remove_tree(tmp);
    }
    free(final_dir);
    free(tmp);
    return st;
}

archive_status archive_check(const char *archive_dir, const char *sha256, rasoat_lang lang,
                             char *file, size_t file_size, char *why, size_t why_size)
{
    char *dir = archive_set_dir(archive_dir, sha256);
    archive_status st;

    file[0] = why[0] = '\0';
    if (dir == NULL)
        return ARCHIVE_IO;
    if (!is_dir(dir)) {
        free(dir);
        return ARCHIVE_UNKNOWN;
    }
    st = check_copy(dir, sha256, lang, why, why_size);
    if (st == ARCHIVE_MISMATCH && changed_file(dir, file, file_size) && file[0] == '\0')
        snprintf(file, file_size, "%s", SUMS_NAME); /* a file added, or the list edited too */
    /* The places table is outside the content hash: only its line in the list proves it. */
    if (st == ARCHIVE_STORED && changed_file(dir, file, file_size)
        && strcmp(file, RASOAT_PLACES_FILE) == 0) {
        audit_text(why, why_size, lang, "archive_changed", RASOAT_PLACES_FILE, NULL, NULL, NULL);
        st = ARCHIVE_MISMATCH;
    } else if (st == ARCHIVE_STORED) {
        file[0] = '\0';
    }
    free(dir);
    return st;
}
