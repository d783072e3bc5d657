/*
** signing.c: key files and checkpoint signatures (see signing.h). Key files are two text
** lines: a header naming what the file is, then the key in Base64.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "signing.h"

static const char SECRET_HEADER[] = "rasoat-ed25519-secret-key";
static const char PUBLIC_HEADER[] = "rasoat-ed25519-public-key";

/* Create 'path' (which must not exist) with 'mode' and write "header\nB64(bytes)\n". */
static int write_key_file(const char *path, mode_t mode, const char *header,
                          const unsigned char *bytes, size_t n)
{
    char b64[sodium_base64_ENCODED_LEN(crypto_sign_SECRETKEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
    char text[sizeof b64 + 64];
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    int len, ok;

    if (fd < 0)
        return 0;
    sodium_bin2base64(b64, sizeof b64, bytes, n, sodium_base64_VARIANT_ORIGINAL);
    len = snprintf(text, sizeof text, "%s\n%s\n", header, b64);
    ok = write(fd, text, (size_t)len) == (ssize_t)len && fsync(fd) == 0;
    sodium_memzero(text, sizeof text);
    sodium_memzero(b64, sizeof b64);
    return (close(fd) == 0) & ok;
}

int signing_keygen(const char *name, rasoat_lang lang)
{
    signing_key key;
    char secret_path[4096], public_path[4096];

    snprintf(secret_path, sizeof secret_path, "%s.key", name);
    snprintf(public_path, sizeof public_path, "%s.pub", name);
    if (access(secret_path, F_OK) == 0 || access(public_path, F_OK) == 0) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat keygen: %s hoặc %s đã có; không ghi đè một khóa\n",
                                 "rasoat keygen: %s or %s exists already; a key is never overwritten\n"),
                secret_path, public_path);
        return 0;
    }
    crypto_sign_keypair(key.public_key, key.secret);
    if (!write_key_file(secret_path, 0600, SECRET_HEADER, key.secret, sizeof key.secret)
        || !write_key_file(public_path, 0644, PUBLIC_HEADER, key.public_key, sizeof key.public_key)) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat keygen: không ghi được khóa %s: %s\n",
                                 "rasoat keygen: cannot write key %s: %s\n"), name, strerror(errno));
        sodium_memzero(&key, sizeof key);
        return 0;
    }
    sodium_memzero(&key, sizeof key);
    return 1;
}

/* Read key file 'path' with 'header' holding exactly 'n' bytes into 'out'. */
static int read_key_file(const char *path, const char *header, unsigned char *out, size_t n)
{
    char text[512], *b64;
    FILE *f = fopen(path, "rb");
    size_t len, got = 0;
    int ok;

    if (f == NULL)
        return 0;
    len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    b64 = strchr(text, '\n');
    ok = b64 != NULL && (size_t)(b64 - text) == strlen(header)
      && strncmp(text, header, strlen(header)) == 0;
    if (ok) {
        b64++;
        b64[strcspn(b64, "\r\n")] = '\0';
        ok = sodium_base642bin(out, n, b64, strlen(b64), NULL, &got, NULL,
                               sodium_base64_VARIANT_ORIGINAL) == 0 && got == n;
    }
    sodium_memzero(text, sizeof text);
    if (!ok)
        errno = EINVAL;
    return ok;
}

int signing_read_secret(const char *path, signing_key *key, const char *who, rasoat_lang lang)
{
    struct stat st;

    if (!read_key_file(path, SECRET_HEADER, key->secret, sizeof key->secret)) {
        fprintf(stderr, CLI_TEXT(lang, "%s: %s không phải khóa bí mật của rasoat (tạo bằng rasoat keygen): %s\n",
                                 "%s: %s is not a rasoat secret key (made by rasoat keygen): %s\n"),
                who, path, strerror(errno));
        return 0;
    }
    if (stat(path, &st) == 0 && (st.st_mode & 077) != 0)
        fprintf(stderr, CLI_TEXT(lang, "%s: cảnh báo: người khác đọc được khóa bí mật %s (chmod 600 %s)\n",
                                 "%s: warning: others can read secret key %s (chmod 600 %s)\n"),
                who, path, path);
    crypto_sign_ed25519_sk_to_pk(key->public_key, key->secret);
    return 1;
}

int signing_read_public(const char *path, unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
                        const char *who, rasoat_lang lang)
{
    if (read_key_file(path, PUBLIC_HEADER, public_key, crypto_sign_PUBLICKEYBYTES))
        return 1;
    fprintf(stderr, CLI_TEXT(lang, "%s: %s không phải khóa công khai của rasoat (tệp .pub của rasoat keygen): %s\n",
                             "%s: %s is not a rasoat public key (the .pub of rasoat keygen): %s\n"),
            who, path, strerror(errno));
    return 0;
}

void signing_message(char *buf, size_t size, long long seq, const char *head, const char *time)
{
    snprintf(buf, size, "rasoat-checkpoint/1\nseq %lld\nhead %s\ntime %s\n", seq, head, time);
}

void signing_sign(const signing_key *key, const char *message, char *signature_b64, size_t size)
{
    unsigned char sig[crypto_sign_BYTES];

    crypto_sign_detached(sig, NULL, (const unsigned char *)message, strlen(message), key->secret);
    sodium_bin2base64(signature_b64, size, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
}

int signing_check(const unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
                  const char *message, const char *signature_b64)
{
    unsigned char sig[crypto_sign_BYTES];
    size_t got = 0;

    if (signature_b64 == NULL
        || sodium_base642bin(sig, sizeof sig, signature_b64, strlen(signature_b64), NULL, &got,
                             NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || got != sizeof sig)
        return 0;
    return crypto_sign_verify_detached(sig, (const unsigned char *)message, strlen(message),
                                       public_key) == 0;
}

void signing_public_b64(const unsigned char public_key[crypto_sign_PUBLICKEYBYTES], char *out,
                        size_t size)
{
    sodium_bin2base64(out, size, public_key, crypto_sign_PUBLICKEYBYTES,
                      sodium_base64_VARIANT_ORIGINAL);
}
