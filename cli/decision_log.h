/*
** decision_log.h: the library's decision log (rasoat_log_*, rasoat.h) as classify uses it:
** each failure and warning worded on standard error as "rasoat classify: ...", and the
** closing lines (households decided again, the chain head) said as the run ends.
*/
#ifndef RASOAT_CLI_DECISION_LOG_H
#define RASOAT_CLI_DECISION_LOG_H

#include "rasoat.h"

/* The secret key file 'path' for --sign, or NULL with the reason printed (a warning, such as
** a key others can read, is printed and the key returned). Free with rasoat_key_free. */
rasoat_key *cli_key_load(const char *path, rasoat_lang lang);

/* rasoat_log_open, with the reason printed on failure (then NULL). */
rasoat_log *cli_log_open(const char *path, rasoat_engine *engine, const rasoat_options *opts,
                         const rasoat_key *key, rasoat_lang lang);

/* rasoat_log_record: 1, or 0 when the log cannot be written (said; the caller stops). A
** rule set that cannot be archived is said and the run goes on. */
int cli_log_record(rasoat_log *log, long line, const char *input, size_t input_len,
                   const char *record, size_t record_len);

/* rasoat_log_close of log 'path', then say the households this run decided again and the
** chain head.
** Returns 1 when every line and archive was written, 0 otherwise. NULL 'log' is allowed. */
int cli_log_close(rasoat_log *log, const char *path, rasoat_lang lang);

#endif
