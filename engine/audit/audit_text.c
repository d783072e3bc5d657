/*
** audit_text.c: the audit trail's messages (audit_text.h), and rasoat_strerror: Vietnamese
** words for the errno values a file operation meets, beside the C library's own English
** text (strerror), so that the exact system message is never lost.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "audit_text.h"
#include "error.h"

typedef struct cause {
    int errnum;
    const char *vi;
} cause;

static const cause causes[] = {
    {ENOSPC, "ổ đĩa đã hết chỗ trống"},
    {EDQUOT, "đã hết hạn mức dung lượng đĩa của người dùng"},
    {EFBIG, "tệp vượt quá kích thước cho phép"},
    {EACCES, "không có quyền truy cập"},
    {EPERM, "thao tác không được phép"},
    {ENOENT, "không có tệp hoặc thư mục này"},
    {ENOTDIR, "một phần của đường dẫn không phải thư mục"},
    {EISDIR, "đây là một thư mục, không phải tệp"},
    {EROFS, "hệ thống tệp chỉ cho phép đọc"},
    {EIO, "lỗi vào/ra của thiết bị"},
    {ENOMEM, "không đủ bộ nhớ"},
    {EMFILE, "quá nhiều tệp đang mở"},
    {ENAMETOOLONG, "tên tệp quá dài"},
    {EPIPE, "đầu đọc của ống dẫn đã đóng"},
    {EBADF, "tệp không mở được để đọc/ghi theo cách này"},
    {ELOOP, "quá nhiều liên kết tượng trưng lồng nhau"},
    {EXDEV, "không đổi tên được sang hệ thống tệp khác"},
    {EBUSY, "thiết bị hoặc tệp đang bận"},
    {ETXTBSY, "tệp đang được sử dụng"},
};

const char *rasoat_strerror(int errnum, rasoat_lang lang, char *buf, size_t size)
{
    char en[256];
    size_t i;

    /* strerror_r (XSI or GNU) would differ by libc; strerror's text is copied at once. */
    snprintf(en, sizeof en, "%s", strerror(errnum));
    if (lang == RASOAT_LANG_EN) {
        snprintf(buf, size, "%s", en);
        return buf;
    }
    for (i = 0; i < sizeof causes / sizeof causes[0]; i++) {
        if (causes[i].errnum == errnum) {
            snprintf(buf, size, "%s (%s)", causes[i].vi, en);
            return buf;
        }
    }
    snprintf(buf, size, "lỗi hệ thống (%s)", en);
    return buf;
}

char *audit_text(char *buf, size_t size, rasoat_lang lang, const char *key, const char *a1,
                 const char *a2, const char *a3, const char *a4)
{
    const char *args[4];

    args[0] = a1;
    args[1] = a2;
    args[2] = a3;
    args[3] = a4;
    msg_format(buf, size, lang, key, args, 4);
    return buf;
}

int audit_fail(rasoat_error *err, int code, const char *kind, rasoat_lang lang, const char *key,
               const char *a1, const char *a2, const char *a3, const char *a4)
{
    const char *args[4];

    args[0] = a1;
    args[1] = a2;
    args[2] = a3;
    args[3] = a4;
    return err_set(err, code, kind, NULL, NULL, 0, lang, key, args, 4);
}

char *audit_errno_text(rasoat_lang lang, char *buf, size_t size)
{
    int saved = errno;

    rasoat_strerror(saved, lang, buf, size);
    errno = saved;
    return buf;
}
