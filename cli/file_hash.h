/*
** file_hash.h: the SHA-256 of a file computed on a thread of its own, reading the file
** through its own descriptor, while the caller reads and parses it: 'report --jobs N' takes
** the hashing (a third of its reading thread's work) off the thread that applies the results.
** The caller checks that the file did not change while both read it (same_file_unchanged).
*/
#ifndef RASOAT_CLI_FILE_HASH_H
#define RASOAT_CLI_FILE_HASH_H

#include <sys/stat.h>

typedef struct file_hash file_hash;

/* Start hashing the regular file 'path'. NULL when it cannot start (hash as you read). */
file_hash *file_hash_start(const char *path);

/* Wait for the hash, write it in hex (65 bytes with the NUL) to 'hex' and free 'h'.
** Returns 1, or 0 when the file could not be read whole. */
int file_hash_finish(file_hash *h, char hex[65]);

/* Do 'a' and 'b' (fstat of the same file before and after reading) say it did not change? */
int file_unchanged(const struct stat *a, const struct stat *b);

#endif
