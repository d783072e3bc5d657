/*
** boundaries.h: running the generated boundary cases of a rule set ('rasoat test
** --boundaries ID').
*/
#ifndef RASOAT_CLI_BOUNDARIES_H
#define RASOAT_CLI_BOUNDARIES_H

#include "rasoat.h"

/*
** Generate the boundary cases of rule set 'id' (rasoat_boundary_cases), classify them with
** engines opened on 'rules_dir', print one line per case (failures in full, passes and
** thresholds where the outcome does not change only with 'verbose') and a summary ending
** in "N passed, M failed". Returns an exit status: 0 all hold, 1 some fail, 2 usage or
** rule-set error.
*/
int boundaries_run(const char *rules_dir, const char *id, rasoat_lang lang, int verbose);

#endif
