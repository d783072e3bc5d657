/*
** replay.h: what the two halves of 'rasoat replay' share: replay.c re-runs the logged
** decisions, replay_report.c writes what it found (text or JSON Lines).
*/
#ifndef RASOAT_CLI_REPLAY_H
#define RASOAT_CLI_REPLAY_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* Exit statuses of replay (docs/audit.md). */
enum {
    REPLAY_IDENTICAL = 0,   /* every replayed decision gave the logged result */
    REPLAY_DIFFERENT = 1,   /* some differ (or a line could not be read as a record) */
    REPLAY_USAGE = EXIT_USAGE,
    REPLAY_IO = EXIT_IO,
    REPLAY_UNAVAILABLE = 5  /* none differ, but some rule set could not be found */
};

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

typedef struct replay {
    const char *rules_dir;
    const char *archive_dir;
    const char *against;
    rasoat_lang lang;       /* of the report */
    int json;
    slot *slots;
    int warned_rules;       /* the --rules directory failed to load: said once */
    long long identical, different, unavailable, not_evaluated, unreadable, altered;
} replay;

/* Write one record's report ({"line", "status", "parts": [...]} as replay.c builds it). */
void replay_report(const replay *r, const cJSON *rep);

/* Write the closing summary of the counts in 'r'. */
void replay_summary(const replay *r);

#endif
