/*
** cli.c: the message language of the 'rasoat' command (cli.h): from RASOAT_LANG or from
** a --lang value. Its own file so that code outside main.c (the fuzz targets) can link
** the subcommands without the command's main().
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

rasoat_lang cli_default_lang(void)
{
    const char *env = getenv("RASOAT_LANG");
    rasoat_lang lang = RASOAT_LANG_VI;

    if (env != NULL)
        cli_parse_lang(env, &lang);
    return lang;
}

int cli_parse_lang(const char *text, rasoat_lang *lang)
{
    if (strcmp(text, "vi") == 0)
        *lang = RASOAT_LANG_VI;
    else if (strcmp(text, "en") == 0)
        *lang = RASOAT_LANG_EN;
    else
        return 0;
    return 1;
}
