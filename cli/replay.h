/*
** replay.h: what the two halves of 'rasoat replay' share: cmd_replay.c runs the library's
** replay (rasoat_replay_*), replay_report.c writes what it found (text or JSON Lines).
*/
#ifndef RASOAT_CLI_REPLAY_H
#define RASOAT_CLI_REPLAY_H

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

/* What the report of a replay needs: the command line's choices and, for the summary, the
** counts the library added up (rasoat_replay_counts_get). */
typedef struct replay {
    const char *against;
    rasoat_lang lang;       /* of the report */
    int json;
    long long identical, different, unavailable, not_evaluated, unreadable, altered;
} replay;

/* Write one record's report ({"line", "status", "parts": [...]} as replay.c builds it). */
void replay_report(const replay *r, const cJSON *rep);

/* Write the closing summary of the counts in 'r'. */
void replay_summary(const replay *r);

#endif
