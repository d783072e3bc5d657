/*
** replay_jobs.h: 'rasoat replay --jobs N' with N > 1: the log's lines replayed on N
** threads, each with a replay of its own, the reports worded in log order.
*/
#ifndef RASOAT_CLI_REPLAY_JOBS_H
#define RASOAT_CLI_REPLAY_JOBS_H

#include "rasoat.h"
#include "replay.h"

/*
** Replay log 'o->log' with 'jobs' threads: one reading thread frames the lines into
** batches, each worker replays them with a rasoat_replay of its own opened with 'o'
** (rasoat_replay_line), and the reading thread words the reports in log order through
** replay_report, so the output is the bytes of one thread. A log that fits in one batch is
** replayed on the calling thread with 'here' (a replay opened with 'o', not used yet; the
** caller keeps it), so that no thread starts. Adds the counts into 'r'. Returns 1, or 0
** after an input/output failure (said on stderr).
*/
int replay_parallel(const rasoat_replay_options *o, int jobs, rasoat_replay *here, replay *r);

#endif
