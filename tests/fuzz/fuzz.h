/*
** fuzz.h: what the libFuzzer targets of tests/fuzz share: the entry points libFuzzer calls,
** and how a target reports a broken promise (not only a crash) as a finding.
*/
#ifndef RASOAT_FUZZ_H
#define RASOAT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* libFuzzer's entry points (https://llvm.org/docs/LibFuzzer.html). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise of the code under test does not hold for this input: say which, and abort so
** that libFuzzer saves the input as a crash and the run fails. */
#define FUZZ_FAIL(...) \
    do { \
        fprintf(stderr, "fuzz finding (%s:%d): ", __FILE__, __LINE__); \
        fprintf(stderr, __VA_ARGS__); \
        fputc('\n', stderr); \
        abort(); \
    } while (0)

#define FUZZ_CHECK(cond, ...) \
    do { \
        if (!(cond)) \
            FUZZ_FAIL(__VA_ARGS__); \
    } while (0)

#endif
