/*
** rule_mistakes.h: rewording a rule file's syntax error in the words of the person who
** edited it (engine/rule_mistakes.c).
*/
#ifndef RASOAT_RULE_MISTAKES_H
#define RASOAT_RULE_MISTAKES_H

#include <stddef.h>

#include "rasoat.h"

/*
** When 'err' is a syntax error ("syntax") of the rule file whose text is 'text' ('len'
** bytes), rewrite its message (and line) in 'lang': a number grouped with dots or commas,
** a missing comma (on the line where it is missing), an unclosed '{' or quotation mark;
** any other syntax error is kept with a plain prefix. Other errors are left unchanged.
*/
void rule_mistake_reword(rasoat_error *err, const char *text, size_t len, rasoat_lang lang);

#endif
