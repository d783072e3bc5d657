/*
** io_error.h: the cause of a failed system call, worded for people in both languages.
*/
#ifndef RASOAT_CLI_IO_ERROR_H
#define RASOAT_CLI_IO_ERROR_H

#include <stddef.h>

#include "rasoat.h"

/*
** The cause of 'errnum' (an errno value) in 'lang', written into 'buf' and returned:
** in English strerror's own words ("No space left on device"); in Vietnamese the cause
** in Vietnamese followed by those words in parentheses ("ổ đĩa đã hết chỗ trống (No space
** left on device)"), so the exact system message is never lost.
*/
const char *cli_strerror(int errnum, rasoat_lang lang, char *buf, size_t size);

/* The same for the current errno, in a static buffer (the command is single-threaded). */
const char *cli_errno_text(rasoat_lang lang);

#endif
