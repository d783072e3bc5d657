/*
** common.h: helpers shared by the Check tests: temporary rule sets written from strings,
** an engine opened on them, and one household classified into a parsed record.
*/
#ifndef RASOAT_TEST_COMMON_H
#define RASOAT_TEST_COMMON_H

#include <time.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "rasoat.h"

/* Create a fresh empty directory under $TMPDIR and return its path (static storage,
** valid until the next call). */
const char *tmp_dir(void);

/* Write 'text' to dir/name, creating parent directories. */
void write_file(const char *dir, const char *name, const char *text);

/*
** Write a minimal valid rule set into 'dir'/'sub' (id 'id', national, in force
** 2022-01-01..2026-12-31 unless 'in_force' gives the Lua table text) with two indicators
** ("a", "b") and the classification provisions in 'provisions' (Lua text; NULL for a
** default "poor when b1 <= 100, else not_poor").
*/
void write_ruleset(const char *dir, const char *sub, const char *id, const char *in_force,
                   const char *provisions);

/* Open an engine on 'rules_dir' with the given budget/memory (0 = defaults); fails the
** test with the error message when it does not open. */
rasoat_engine *open_engine(const char *rules_dir, uint64_t budget, size_t memory);

/* Try to open; return the status and fill 'err'. */
int try_open(const char *rules_dir, rasoat_error *err);

/* Classify 'json' and return the parsed record (caller frees with cJSON_Delete);
** '*status' receives the return code when not NULL. */
cJSON *classify(rasoat_engine *e, const char *json, int *status);

/* A household for the minimal rule set: rural, size 2, b1 'b1', a/b answers given. */
const char *minimal_household(int b1);

/* String member 'name' of 'obj' (or of obj.error when 'in_error'), or "" when absent. */
const char *str_field(const cJSON *obj, const char *name);
const char *error_field(const cJSON *record, const char *name);

/* Absolute paths given by meson through the environment. */
const char *source_rules(void);
const char *rasoat_exe(void);

/*
** Run "rasoat ARGS" through the shell in directory 'dir', with 'input' on standard input
** (NULL: nothing) and the bundled rules as the default; standard output and error go to
** dir/out.txt and dir/err.txt. Returns the exit status; fails the test if it cannot run.
*/
int run_rasoat(const char *dir, const char *args, const char *input);

/* The contents of dir/name, in a static buffer valid until the next call. */
const char *read_in(const char *dir, const char *name);

/* Fail the test unless dir/name holds 'needle' (the message shows what it holds). */
void expect_file_holds(const char *dir, const char *name, const char *needle);

/*
** A fresh rules directory with one rule set, "t/1", whose first provision runs 'body' (Lua)
** as the body of its 'when' function, on line 2 of t/provisions.lua, for households with B1
** under 100; other households reach the second provision, not_poor. Static storage, valid
** until the next call (not overwritten by tmp_dir).
*/
const char *rules_running(const char *body);

/*
** Classify minimal_household(50) under rules_running(body): expect error 'code' whose
** message holds 'needle', located at t/provisions.lua:2, within 'seconds' of wall time;
** then the same engine must classify minimal_household(150) not_poor.
*/
void expect_contained(const char *body, const char *code, const char *needle, double seconds);

/* Seconds since 't0' (CLOCK_MONOTONIC). */
double seconds_since(const struct timespec *t0);

/* Run a suite with Check's runner; returns the process exit status. */
int run_suite(Suite *s);

#endif
