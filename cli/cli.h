/*
** cli.h: what the subcommands of the 'rasoat' command share: exit codes, the message
** language, and where the bundled rules are.
*/
#ifndef RASOAT_CLI_H
#define RASOAT_CLI_H

#include "rasoat.h"

/* Exit statuses (docs/cli.md). */
enum {
    EXIT_ALL_CLASSIFIED = 0, /* every record classified */
    EXIT_RECORD_ERRORS = 1,  /* the run finished, some records are error records */
    EXIT_USAGE = 2,          /* bad command line, or the rule sets failed to load */
    EXIT_IO = 3              /* reading input or writing output failed */
};

/* Pick the text for 'lang' out of a Vietnamese/English pair. */
#define CLI_TEXT(lang, vi, en) ((lang) == RASOAT_LANG_EN ? (en) : (vi))

/* The language from RASOAT_LANG ("en" or "vi"); Vietnamese when unset. */
rasoat_lang cli_default_lang(void);

/* Parse "vi" / "en"; returns 0 for anything else. */
int cli_parse_lang(const char *text, rasoat_lang *lang);

/* The rules directory to use when --rules is not given: $RASOAT_RULES; else, for the
** binary in the build tree, the source tree's rules/; else the installed rules (falling
** back to the source tree's when nothing was installed). */
const char *cli_default_rules(void);

/* The directory of the Markdown documentation the help points to: the source tree's docs/
** for the binary in the build tree, else the installed one (PREFIX/share/doc/rasoat). */
const char *cli_docs_dir(void);

/* Print "rasoat: <message>" for a failure of rasoat_open. */
void cli_report_open_error(const rasoat_error *err);

/* Open an engine on 'rules_dir' in 'lang', forced to rule set 'forced' (NULL: chosen by
** date); NULL, with the reason printed, when it does not open. */
rasoat_engine *cli_open(const char *rules_dir, const char *forced, rasoat_lang lang);

int cmd_classify(int argc, char **argv, rasoat_lang lang);
int cmd_rules(int argc, char **argv, rasoat_lang lang);
int cmd_explain(int argc, char **argv, rasoat_lang lang);
int cmd_verify(int argc, char **argv, rasoat_lang lang);
int cmd_replay(int argc, char **argv, rasoat_lang lang);
int cmd_check(int argc, char **argv, rasoat_lang lang);
int cmd_test(int argc, char **argv, rasoat_lang lang);
int cmd_diff(int argc, char **argv, rasoat_lang lang);
int cmd_keygen(int argc, char **argv, rasoat_lang lang);
int cmd_log(int argc, char **argv, rasoat_lang lang);
int cmd_report(int argc, char **argv, rasoat_lang lang);
int cmd_serve(int argc, char **argv, rasoat_lang lang);

#endif
