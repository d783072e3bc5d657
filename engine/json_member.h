/*
** json_member.h: an object's member by name, the one cJSON_GetObjectItemCaseSensitive
** finds (the first of that name), found faster: names whose first byte differs are passed
** over without a call to strcmp. Records are read this way a dozen times each.
*/
#ifndef RASOAT_JSON_MEMBER_H
#define RASOAT_JSON_MEMBER_H

#include <string.h>

#include <cjson/cJSON.h>

/* The member 'name' of 'object' (NULL when either is NULL, 'object' has none of that name,
** or is not an object). Borrowed from the tree. */
static inline cJSON *json_member(const cJSON *object, const char *name)
{
    cJSON *m;

    if (object == NULL || name == NULL)
        return NULL;
    for (m = object->child; m != NULL && m->string != NULL; m = m->next)
        if (m->string[0] == name[0] && strcmp(m->string, name) == 0)
            return m;
    return NULL;
}

#endif
