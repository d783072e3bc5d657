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

#include "audit_text.h"
#include "error.h"
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

int signing_keygen(const char *name, rasoat_lang lang, rasoat_error *err)
{
    signing_key key;
    char secret_path[4096], public_path[4096], cause[256];

    snprintf(secret_path, sizeof secret_path, "%s.key", name);
    snprintf(public_path, sizeof public_path, "%s.pub", name);
    if (access(secret_path, F_OK) == 0 || access(public_path, F_OK) == 0)
        return audit_fail(err, RASOAT_E_USAGE, "key_exists", lang, "key_exists", secret_path,
                          public_path, NULL, NULL);
    crypto_sign_keypair(key.public_key, key.secret);
    if (!write_key_file(secret_path, 0600, SECRET_HEADER, key.secret, sizeof key.secret)
        || !write_key_file(public_path, 0644, PUBLIC_HEADER, key.public_key, sizeof key.public_key)) {
        snprintf(cause, sizeof cause, "%s", strerror(errno));
        sodium_memzero(&key, sizeof key);
        return audit_fail(err, RASOAT_E_SYSTEM, "key_write", lang, "key_write", name, cause, NULL,
                          NULL);
    }
    sodium_memzero(&key, sizeof key);
    return RASOAT_OK;
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

int signing_read_secret(const char *path, signing_key *key, rasoat_lang lang, rasoat_error *err)
{
    struct stat st;
    char cause[256];

    if (!read_key_file(path, SECRET_HEADER, key->secret, sizeof key->secret)) {
        snprintf(cause, sizeof cause, "%s", strerror(errno));
        return audit_fail(err, RASOAT_E_USAGE, "key", lang, "key_not_secret", path, cause, NULL,
                          NULL);
    }
    crypto_sign_ed25519_sk_to_pk(key->public_key, key->secret);
    if (stat(path, &st) == 0 && (st.st_mode & 077) != 0)
        return audit_fail(err, RASOAT_WARNING, "key_readable", lang, "key_readable", path, NULL,
                          NULL, NULL);
    return RASOAT_OK;
}

int signing_read_public(const char *path, unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
                        rasoat_lang lang, rasoat_error *err)
{
    char cause[256];

    if (read_key_file(path, PUBLIC_HEADER, public_key, crypto_sign_PUBLICKEYBYTES))
        return RASOAT_OK;
    snprintf(cause, sizeof cause, "%s", strerror(errno));
    return audit_fail(err, RASOAT_E_USAGE, "key", lang, "key_not_public", path, cause, NULL, NULL);
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

/* {====================================================================
** Public API (rasoat.h)
** ===================================================================== */

struct rasoat_key {
    signing_key key;
};

int rasoat_keygen(const char *name, rasoat_lang lang, rasoat_error *err)
{
    if (name == NULL || name[0] == '\0')
        return err_set_text(err, RASOAT_E_USAGE, "usage", NULL, NULL, 0, "rasoat_keygen: no name");
    if (sodium_init() < 0)
        return err_set_text(err, RASOAT_E_SYSTEM, "sodium", NULL, NULL, 0, "libsodium cannot start");
    return signing_keygen(name, lang, err);
}

int rasoat_key_load(const char *path, rasoat_lang lang, rasoat_key **out, rasoat_error *err)
{
    rasoat_key *k;
    int st;

    *out = NULL;
    if (sodium_init() < 0)
        return err_set_text(err, RASOAT_E_SYSTEM, "sodium", NULL, NULL, 0, "libsodium cannot start");
    k = (rasoat_key *)sodium_malloc(sizeof *k);
    if (k == NULL)
        return audit_fail(err, RASOAT_E_SYSTEM, "memory", lang, "log_no_memory", NULL, NULL, NULL, NULL);
    st = signing_read_secret(path, &k->key, lang, err);
    if (st < 0) {
        sodium_free(k);
        return st;
    }
    *out = k;
    return st;
}

void rasoat_key_free(rasoat_key *key)
{
    if (key != NULL)
        sodium_free(key); /* sodium_free wipes the memory before it frees it */
}

const signing_key *signing_key_of(const rasoat_key *key)
{
    return key != NULL ? &key->key : NULL;
}

/* }==================================================================== */
