/*
** fuzz_verify.c: libFuzzer target for the decision-log verifier: the input is a log file
** given to 'rasoat verify' (cmd_verify, through its command line, on a file in a private
** temporary directory), and each of its lines to audit_line_read.
**
** Random edits almost never keep a line's SHA-256 right, so each input is also verified
** "resealed": every line shaped like a log line gets its 'prev', decision id and hash
** recomputed, the way the writer makes them (engine/audit/audit_log.h), and the verifier's checks
** past the hashes (shape, seq, chain) see the fuzzed content.
**
** When RASOAT_FUZZ_VERIFY_KEY names a public key (tests/fuzz/run.sh makes one and signs the
** seed logs with it), each input is also verified with --key, which checks the signed
** checkpoints besides the chain.
**
** Beyond crashes, a finding is: an exit status verify does not document for a readable
** file; --repair changing a log that is intact or tampered; a log that --repair says it
** repaired but that verify then does not call intact; or --key calling a log intact that
** verify alone calls tampered (the key adds checks, it cannot remove one).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "audit_log.h"
#include "cli.h"
#include "commands.h"
#include "fuzz.h"

#define DECISION_KEY ",\"decision\":\""
#define HASH_KEY ",\"hash\":\""
#define PREV_KEY "\"prev\":\""
#define HASH_TAIL (sizeof HASH_KEY - 1 + AUDIT_HASH_HEX + 2)
#define DECISION_TAIL (sizeof DECISION_KEY - 1 + AUDIT_DECISION_HEX + 1 + HASH_TAIL)

static char dir[1024], path[1100];
static const char *key; /* a public key for --key, or NULL */

static void cleanup(void)
{
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");

    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "%s/rasoat-fuzz-verify.XXXXXX", tmp != NULL ? tmp : "/tmp");
    if (sodium_init() < 0 || mkdtemp(dir) == NULL)
        FUZZ_FAIL("no temporary directory: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/log", dir);
    key = getenv("RASOAT_FUZZ_VERIFY_KEY");
    atexit(cleanup);
    if (freopen("/dev/null", "w", stdout) == NULL) /* verify's report is not looked at */
        FUZZ_FAIL("cannot send standard output to /dev/null");
    return 0;
}

static void write_log(const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");

    FUZZ_CHECK(f != NULL && fwrite(data, 1, size, f) == size && fclose(f) == 0,
               "cannot write %s", path);
}

static long long file_size(void)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* Run 'rasoat verify [--repair] [--key KEY] LOG' and return its exit status. */
static int verify(int repair, int with_key)
{
    char cmd[] = "verify", opt[] = "--repair", key_opt[] = "--key", key_path[1024];
    char *argv[6];
    int argc = 0;

    argv[argc++] = cmd;
    if (repair)
        argv[argc++] = opt;
    if (with_key) {
        snprintf(key_path, sizeof key_path, "%s", key);
        argv[argc++] = key_opt;
        argv[argc++] = key_path;
    }
    argv[argc++] = path;
    argv[argc] = NULL;
    return cmd_verify(argc, argv, RASOAT_LANG_EN);
}

/* Verify the log 'data' as a file, then --repair it, and check what the statuses promise. */
static void check_log(const char *data, size_t size)
{
    int status, repaired;
    long long before;

    write_log(data, size);
    status = verify(0, 0);
    FUZZ_CHECK(status == 0 || status == 1 || status == 4, "verify exited %d", status);
    if (key != NULL) {
        int keyed = verify(0, 1);

        FUZZ_CHECK(keyed == 0 || keyed == 1 || keyed == 4, "verify --key exited %d", keyed);
        FUZZ_CHECK(!(status == 1 && keyed != 1), "verify gave 1, verify --key %d", keyed);
    }
    before = file_size();
    repaired = verify(1, 0);
    if (status == 4) {
        FUZZ_CHECK(repaired == 0, "--repair of a torn log exited %d", repaired);
        FUZZ_CHECK(file_size() < before, "--repair of a torn log cut nothing");
        status = verify(0, 0);
        FUZZ_CHECK(status == 0, "verify after --repair exited %d", status);
    } else {
        FUZZ_CHECK(repaired == status, "--repair exited %d where verify gave %d", repaired,
                   status);
        FUZZ_CHECK(file_size() == before, "--repair changed a log verify gave %d", status);
    }
}

static void hex_sha256(const char *data, size_t len, char out[AUDIT_HASH_HEX + 1])
{
    unsigned char digest[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(digest, (const unsigned char *)data, (unsigned long long)len);
    sodium_bin2hex(out, AUDIT_HASH_HEX + 1, digest, sizeof digest);
}

/* Reseal every line of 'log' (modified in place) that has the fixed tail of a log line. */
static void reseal(char *log, size_t size)
{
    char prev[AUDIT_HASH_HEX + 1];
    size_t at = 0;

    memset(prev, '0', AUDIT_HASH_HEX);
    prev[AUDIT_HASH_HEX] = '\0';
    while (at < size) {
        char *line = log + at, *nl = (char *)memchr(line, '\n', size - at), *p;
        size_t len = nl != NULL ? (size_t)(nl - line) : size - at;
        char full[AUDIT_HASH_HEX + 1];

        at += len + 1;
        if (len < DECISION_TAIL + 2
            || memcmp(line + len - HASH_TAIL, HASH_KEY, sizeof HASH_KEY - 1) != 0
            || memcmp(line + len - DECISION_TAIL, DECISION_KEY, sizeof DECISION_KEY - 1) != 0)
            continue;
        line[len - DECISION_TAIL] = '\0'; /* look for "prev" in the hashed part only */
        p = strstr(line, PREV_KEY);
        line[len - DECISION_TAIL] = ',';
        if (p != NULL && (size_t)(p - line) + sizeof PREV_KEY - 1 + AUDIT_HASH_HEX
                         <= len - DECISION_TAIL)
            memcpy(p + sizeof PREV_KEY - 1, prev, AUDIT_HASH_HEX);
        hex_sha256(line, len - DECISION_TAIL, full);
        memcpy(line + len - DECISION_TAIL + sizeof DECISION_KEY - 1, full, AUDIT_DECISION_HEX);
        hex_sha256(line, len - HASH_TAIL, prev);
        memcpy(line + len - HASH_TAIL + sizeof HASH_KEY - 1, prev, AUDIT_HASH_HEX);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = (char *)malloc(size + 1);
    size_t at = 0;

    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    while (at < size) { /* every line on its own, as replay and appending read them */
        const char *nl = (const char *)memchr(copy + at, '\n', size - at);
        size_t len = nl != NULL ? (size_t)(nl - (copy + at)) : size - at;
        audit_line l;
        audit_line_status st = audit_line_read(copy + at, len, &l);

        FUZZ_CHECK(st == AUDIT_LINE_MALFORMED ? l.json == NULL : l.json != NULL,
                   "audit_line_read gave %d with json %p", (int)st, (void *)l.json);
        audit_line_free(&l);
        at += len + 1;
    }
    check_log(copy, size);
    reseal(copy, size);
    check_log(copy, size);
    free(copy);
    return 0;
}
