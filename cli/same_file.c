/*
** same_file.c: st_dev/st_ino comparison of the files one command touches.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "same_file.h"

/* Stat 'f' (following symlinks); 0 when it does not exist or cannot be seen. */
static int stat_of(const guarded_file *f, struct stat *st)
{
    return f->path != NULL ? stat(f->path, st) == 0 : fstat(f->fd, st) == 0;
}

/*
** For a file not created yet: the device and inode of its directory and its base name,
** so two names of one future file ("log" and "./log") are still caught.
*/
static int future_id(const char *path, struct stat *dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    char *d;
    int ok;

    *base = slash ? slash + 1 : path;
    if (slash == NULL)
        return stat(".", dir) == 0;
    if ((d = strdup(path)) == NULL)
        return 0;
    d[slash == path ? 1 : slash - path] = '\0';
    ok = stat(d, dir) == 0;
    free(d);
    return ok;
}

/* Are 'a' and 'b', neither existing yet, one future file? */
static int same_future(const guarded_file *a, const guarded_file *b)
{
    struct stat da, db;
    const char *ba, *bb;

    return a->path != NULL && b->path != NULL && future_id(a->path, &da, &ba)
        && future_id(b->path, &db, &bb) && da.st_dev == db.st_dev && da.st_ino == db.st_ino
        && strcmp(ba, bb) == 0;
}

static const char *name_of(const guarded_file *f, rasoat_lang lang)
{
    if (f->path != NULL)
        return f->path;
    return f->fd == 0 ? CLI_TEXT(lang, "đầu vào chuẩn", "standard input")
                      : CLI_TEXT(lang, "đầu ra chuẩn", "standard output");
}

/* Is the file 'path' names (existing or about to be created) inside directory 'dir'? */
static int inside(const char *path, const struct stat *dir)
{
    char *real, *slash;
    struct stat st;
    int found = 0;

    /* The parent directory of the file exists if the file is to be written at all. */
    {
        char *copy = strdup(path);

        if (copy == NULL)
            return 0;
        slash = strrchr(copy, '/');
        if (slash == NULL)
            real = realpath(".", NULL);
        else {
            *(slash == copy ? slash + 1 : slash) = '\0';
            real = realpath(copy, NULL);
        }
        free(copy);
    }
    while (real != NULL && !found) {
        if (stat(real, &st) == 0 && st.st_dev == dir->st_dev && st.st_ino == dir->st_ino)
            found = 1;
        slash = strrchr(real, '/');
        if (slash == NULL || slash == real) {
            if (!found && stat("/", &st) == 0 && st.st_dev == dir->st_dev && st.st_ino == dir->st_ino)
                found = 1;
            break;
        }
        *slash = '\0';
    }
    free(real);
    return found;
}

static void refuse(const char *cmd, rasoat_lang lang, const guarded_file *w, const guarded_file *other)
{
    if (lang == RASOAT_LANG_EN)
        fprintf(stderr, "%s: refusing to write %s to %s: it is %s %s%s%s%s; writing would destroy "
                        "it. Choose another file name.\n",
                cmd, w->en, name_of(w, lang), other->tree ? "inside" : "the same file as", other->en,
                other->en[0] ? " " : "", name_of(other, lang), other->tree ? "" : " (one file on disk)");
    else
        fprintf(stderr, "%s: không ghi %s vào %s: tệp này %s %s%s%s%s; ghi vào sẽ làm mất dữ liệu. "
                        "Hãy chọn tên tệp khác.\n",
                cmd, w->vi, name_of(w, lang), other->tree ? "nằm trong" : "chính là", other->vi,
                other->vi[0] ? " " : "", name_of(other, lang), other->tree ? "" : " (cùng một tệp trên đĩa)");
}

int same_file_check(const char *cmd, rasoat_lang lang, const guarded_file *files, int n)
{
    int i, j;

    for (i = 0; i < n; i++) {
        struct stat wst;
        int w_exists;

        if (!files[i].writes)
            continue;
        w_exists = stat_of(&files[i], &wst) && S_ISREG(wst.st_mode);
        for (j = 0; j < n; j++) {
            struct stat ost;

            if (j == i)
                continue;
            if (!stat_of(&files[j], &ost)) {
                if (!w_exists && !files[j].tree && files[i].path != NULL && !stat_of(&files[i], &wst)
                    && same_future(&files[i], &files[j])) {
                    refuse(cmd, lang, &files[i], &files[j]);
                    return 0;
                }
                continue;
            }
            if (files[j].tree) {
                if (S_ISDIR(ost.st_mode) && files[i].path != NULL && inside(files[i].path, &ost)) {
                    refuse(cmd, lang, &files[i], &files[j]);
                    return 0;
                }
                continue;
            }
            if (w_exists && S_ISREG(ost.st_mode) && wst.st_dev == ost.st_dev && wst.st_ino == ost.st_ino) {
                refuse(cmd, lang, &files[i], &files[j]);
                return 0;
            }
        }
    }
    return 1;
}
