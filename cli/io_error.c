/*
** io_error.c: Vietnamese words for the errno values a file command meets, beside the C
** library's own English text (strerror).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "io_error.h"

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

const char *cli_strerror(int errnum, rasoat_lang lang, char *buf, size_t size)
{
    const char *en = strerror(errnum);
    size_t i;

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

const char *cli_errno_text(rasoat_lang lang)
{
    static char buf[256];

    return cli_strerror(errno, lang, buf, sizeof buf);
}
