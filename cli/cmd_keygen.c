/*
** cmd_keygen.c: 'rasoat keygen --out NAME': a commune office's signing key pair for its
** decision logs (docs/audit.md, "Signed checkpoints"), NAME.key (secret, mode 0600) and
** NAME.pub (given to whoever verifies).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "options.h"

static const char help_vi[] =
    "Cách dùng: rasoat keygen --out TÊN\n"
    "\n"
    "Tạo cặp khóa Ed25519 để ký nhật ký quyết định: TÊN.key (khóa bí mật, chỉ chủ tệp đọc\n"
    "được; giữ ở xã, không gửi đi) và TÊN.pub (khóa công khai, gửi cho người kiểm tra).\n"
    "Không bao giờ ghi đè một khóa đã có.\n"
    "\n"
    "Dùng: rasoat classify --log NHẬT_KÝ --sign TÊN.key ...; rasoat verify --key TÊN.pub NHẬT_KÝ\n"
    "\n"
    "Mã thoát: 0 đã tạo; 2 lỗi dùng lệnh; 3 không ghi được.\n";

static const char help_en[] =
    "Usage: rasoat keygen --out NAME\n"
    "\n"
    "Make an Ed25519 key pair to sign decision logs: NAME.key (the secret key, readable by\n"
    "its owner only; keep it at the commune, never send it) and NAME.pub (the public key,\n"
    "for whoever verifies). An existing key is never overwritten.\n"
    "\n"
    "Use: rasoat classify --log LOG --sign NAME.key ...; rasoat verify --key NAME.pub LOG\n"
    "\n"
    "Exit status: 0 made; 2 usage error; 3 cannot write.\n";

int cmd_keygen(int argc, char **argv, rasoat_lang lang)
{
    enum { OPT_OUT = 256, OPT_HELP };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, OPT_OUT},
        CLI_LONGOPT_LANG,
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    const char *name = NULL;
    rasoat_error err;
    cli_common common;
    int c;

    cli_common_init(&common, lang);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == OPT_OUT) {
            name = optarg;
        } else if (cli_common_option(c, optarg, &common) > 0) {  /* refused: the message below */
            lang = common.lang;
        } else if (c == OPT_HELP) {
            fputs(CLI_TEXT(lang, help_vi, help_en), stdout);
            return 0;
        } else {
            fprintf(stderr, CLI_TEXT(lang, "rasoat keygen: tùy chọn không hợp lệ '%s'\nXem: rasoat keygen --help\n",
                                     "rasoat keygen: invalid option '%s'\nSee: rasoat keygen --help\n"),
                    argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (name == NULL || name[0] == '\0' || optind != argc) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat keygen: cần --out TÊN\nXem: rasoat keygen --help\n",
                                 "rasoat keygen: needs --out NAME\nSee: rasoat keygen --help\n"));
        return EXIT_USAGE;
    }
    if (rasoat_keygen(name, lang, &err) != RASOAT_OK) {
        fprintf(stderr, "rasoat keygen: %s\n", err.message);
        return EXIT_IO;
    }
    printf(CLI_TEXT(lang, "Đã tạo %s.key (khóa bí mật: giữ kín) và %s.pub (khóa công khai).\n",
                    "Made %s.key (the secret key: keep it safe) and %s.pub (the public key).\n"),
           name, name);
    return 0;
}
