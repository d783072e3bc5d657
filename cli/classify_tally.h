/*
** classify_tally.h: the counts behind classify's summary line (the classes, the error
** records, the undetermined local standards), taken from the result records as printed,
** so that the threads of 'classify --jobs' can count their own batches and the reading
** thread only adds the sums.
*/
#ifndef RASOAT_CLI_CLASSIFY_TALLY_H
#define RASOAT_CLI_CLASSIFY_TALLY_H

#include <stddef.h>

typedef struct tally {
    long classes[4];         /* poor, near_poor, middle_income, not_poor (tally_classes) */
    long errors;             /* error records */
    long local_undetermined; /* results with a local standard's "undetermined" entry */
} tally;

/* The names of tally.classes, in that order. */
extern const char *const tally_classes[4];

/*
** Count record 'record' ('len' bytes, as rasoat_classify printed it: fixed member order, so
** the first "class" member is the national class, and a local entry's error follows
** "local"). Reads no byte past 'len'.
*/
void tally_record(tally *t, const char *record, size_t len);

/* Add the counts of 'from' to 'to'. */
void tally_add(tally *to, const tally *from);

#endif
