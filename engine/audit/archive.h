/*
** archive.h: the rule-set archive beside a decision log (docs/audit.md). For every rule
** set a logged result names, LOG.rules/<sha256>/ holds the *.lua files of that set and of
** every set it extends, each in its directory relative to the rules root it was loaded
** from; 'rasoat --rules LOG.rules/<sha256>' then loads a set with that very hash, so a
** replay years later finds the rules that decided, whatever happened to the rules tree.
*/
#ifndef RASOAT_AUDIT_ARCHIVE_H
#define RASOAT_AUDIT_ARCHIVE_H

#include "rasoat.h"

typedef enum archive_status {
    ARCHIVE_STORED = 0,   /* copied now, and the copy loads with the same hash */
    ARCHIVE_EXISTS = 1,   /* the directory was already there: left as it is */
    ARCHIVE_UNKNOWN = 2,  /* no loaded rule set has that hash */
    ARCHIVE_MISMATCH = 3, /* the copy does not load with the same hash (rule files changed
                          ** on disk since they were loaded?): nothing was kept */
    ARCHIVE_IO = 4        /* a file or directory could not be read or written */
} archive_status;

/* "LOG.rules", the archive of log 'log_path' (malloc'd; NULL when out of memory). */
char *archive_dir_for(const char *log_path);

/* "ARCHIVE/SHA256" (malloc'd; NULL when out of memory). */
char *archive_set_dir(const char *archive_dir, const char *sha256);

/*
** Make sure 'archive_dir'/'sha256'/ holds the rule set of 'engine' (loaded from
** 'rules_dir') whose content hash is 'sha256', with its ancestors and the rules directory's
** table of administrative units (RASOAT_PLACES_FILE), when it has one. The copy is made in a
** hidden temporary directory, loaded and its hash checked, then renamed into place, so
** the archive never holds a partial or wrong copy. On a failure other than
** ARCHIVE_EXISTS, 'why' (when not NULL, 'why_size' bytes) says what went wrong, in
** 'lang'.
*/
archive_status archive_store(const char *archive_dir, const rasoat_engine *engine,
                             const char *rules_dir, const char *sha256, rasoat_lang lang,
                             char *why, size_t why_size);

/*
** Check the archived copy 'archive_dir'/'sha256'/: it must load and hold a rule set whose
** content hash is 'sha256', its name. Returns ARCHIVE_STORED when it does,
** ARCHIVE_UNKNOWN when there is no such directory, ARCHIVE_MISMATCH when it was altered:
** then 'file' (of 'file_size' bytes) names the first file that differs from the copy's
** SHA256SUMS list (the list itself when every listed file matches: a file was added, or
** the list edited too) and 'why' says what the load found, in 'lang'. The table of
** administrative units, which the content hash does not cover, is checked against its line
** in the list: a changed table is ARCHIVE_MISMATCH naming RASOAT_PLACES_FILE.
*/
archive_status archive_check(const char *archive_dir, const char *sha256, rasoat_lang lang,
                             char *file, size_t file_size, char *why, size_t why_size);

#endif
