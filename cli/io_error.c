/*
** io_error.c: the cause of a failed system call for the command's messages (io_error.h),
** worded by the library (rasoat_strerror) so that the command and the audit trail say the
** same.
*/
#include <errno.h>

#include "io_error.h"

const char *cli_strerror(int errnum, rasoat_lang lang, char *buf, size_t size)
{
    return rasoat_strerror(errnum, lang, buf, size);
}

const char *cli_errno_text(rasoat_lang lang)
{
    static char buf[256];

    return cli_strerror(errno, lang, buf, sizeof buf);
}
