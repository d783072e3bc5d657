/*
** commands.h: the subcommands of 'rasoat', one function each in cli/cmd_<name>.c, which
** main.c dispatches to through its table. Only main.c (and each command's own file, for its
** prototype) includes this: the commands never call one another or main.c.
*/
#ifndef RASOAT_CLI_COMMANDS_H
#define RASOAT_CLI_COMMANDS_H

#include "rasoat.h"

/* Each takes the command line from the subcommand's name on ('argv[0]' is the name) and
** the language chosen by the global options; returns the command's exit status. */
int cmd_classify(int argc, char **argv, rasoat_lang lang);
int cmd_explain(int argc, char **argv, rasoat_lang lang);
int cmd_rules(int argc, char **argv, rasoat_lang lang);
int cmd_verify(int argc, char **argv, rasoat_lang lang);
int cmd_replay(int argc, char **argv, rasoat_lang lang);
int cmd_keygen(int argc, char **argv, rasoat_lang lang);
int cmd_log(int argc, char **argv, rasoat_lang lang);
int cmd_check(int argc, char **argv, rasoat_lang lang);
int cmd_test(int argc, char **argv, rasoat_lang lang);
int cmd_diff(int argc, char **argv, rasoat_lang lang);
int cmd_report(int argc, char **argv, rasoat_lang lang);
int cmd_serve(int argc, char **argv, rasoat_lang lang);

#endif
