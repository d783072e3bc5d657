/*
** record_check.h: the promise every record of rasoat_classify keeps, checked by the fuzz
** targets that classify (fuzz_household, fuzz_rules).
*/
#ifndef RASOAT_FUZZ_RECORD_CHECK_H
#define RASOAT_FUZZ_RECORD_CHECK_H

#include <stddef.h>

/*
** Check record 'rec' ('len' bytes) that rasoat_classify returned with 'status': one JSON
** object with no NUL in it, either a result (a string "class") or an error record (an
** "error" member); an error record never with RASOAT_OK, and a failed status on a result
** only with a "local" array (a local standard failed). Aborts with the reason when it
** does not hold; returns whether it is an error record.
*/
int fuzz_check_record(const char *rec, size_t len, int status);

#endif
