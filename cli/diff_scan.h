/*
** diff_scan.h: the reading half of 'rasoat diff' (diff_scan.c): classify every record of
** an input under rule sets A and B, on one thread or several, into a diff_run (diff.h).
*/
#ifndef RASOAT_CLI_DIFF_SCAN_H
#define RASOAT_CLI_DIFF_SCAN_H

#include "diff.h"
#include "input.h"

/*
** Read every record of 'in' and count it into 'run' (whose from, to, path, lang, format
** and expects are set): its class under 'ea' (rule set A) and 'eb' (B), and for a mover
** its part of the report in 'run->spool' and its id in the expectations it concerns.
** With 'jobs' > 1, 'jobs' threads each open an engine with opts[0] (A) and one with
** opts[1] (B) and the outcome is the same as with one. Returns EXIT_ALL_CLASSIFIED, or
** the exit status of a failure it has reported on stderr: EXIT_IO (reading the input or
** writing the temporary file), EXIT_USAGE (an engine of a thread did not open).
*/
int diff_scan(diff_run *run, rasoat_engine *ea, rasoat_engine *eb, const rasoat_options opts[2],
              int jobs, input *in);

#endif
