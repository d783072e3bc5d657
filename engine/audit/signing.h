/*
** signing.h: the key pair of a commune office (Ed25519, libsodium) and the signed
** checkpoints it puts into its decision logs (docs/audit.md, "Signed checkpoints").
**
** A checkpoint signs the chain head: the hash of the last line before it, with that line's
** 'seq' and the time. Whoever can edit the log can recompute its chain, but not sign: a
** re-chained log no longer matches its checkpoints, and records after the last checkpoint
** are covered by none.
*/
#ifndef RASOAT_AUDIT_SIGNING_H
#define RASOAT_AUDIT_SIGNING_H

#include <stddef.h>

#include <sodium.h>

#include "rasoat.h"

typedef struct signing_key {
    unsigned char secret[crypto_sign_SECRETKEYBYTES];
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
} signing_key;

/*
** Write a new key pair: 'name'.key (the secret key, mode 0600) and 'name'.pub. Neither may
** exist already: a key is never overwritten. Returns RASOAT_OK, or a negative status with
** 'err' filled (in 'lang').
*/
int signing_keygen(const char *name, rasoat_lang lang, rasoat_error *err);

/* Read a secret key file into 'key' (both halves) / a public key file into 'public_key'.
** Return RASOAT_OK; RASOAT_WARNING (the key read, 'err' saying so) when others may read the
** secret key's file; or RASOAT_E_USAGE with 'err' filled when the file is not such a key. */
int signing_read_secret(const char *path, signing_key *key, rasoat_lang lang, rasoat_error *err);
int signing_read_public(const char *path, unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
                        rasoat_lang lang, rasoat_error *err);

/* The key pair inside a public rasoat_key (NULL for NULL). */
const signing_key *signing_key_of(const rasoat_key *key);

/* The text a checkpoint signs, into 'buf': "rasoat-checkpoint/1\nseq S\nhead H\ntime T\n". */
void signing_message(char *buf, size_t size, long long seq, const char *head, const char *time);

/* Sign 'message' with 'key' into 'signature_b64' (Base64 of the 64-byte signature). */
void signing_sign(const signing_key *key, const char *message, char *signature_b64, size_t size);

/* Whether 'signature_b64' is a signature of 'message' by 'public_key'. */
int signing_check(const unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
                  const char *message, const char *signature_b64);

/* Base64 of a public key, into 'out' (at least 64 bytes). */
void signing_public_b64(const unsigned char public_key[crypto_sign_PUBLICKEYBYTES], char *out,
                        size_t size);

#endif
