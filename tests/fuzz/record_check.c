/*
** record_check.c: the shape every classify record must have (record_check.h).
*/
#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "rasoat.h"
#include "record_check.h"

int fuzz_check_record(const char *rec, size_t len, int status)
{
    cJSON *j;
    int is_error;

    FUZZ_CHECK(rec != NULL && len > 0 && len == strlen(rec), "record of %zu bytes, %zu before a NUL",
               len, rec != NULL ? strlen(rec) : 0);
    j = cJSON_ParseWithLength(rec, len);
    FUZZ_CHECK(cJSON_IsObject(j), "the record is not a JSON object: %.300s", rec);
    is_error = cJSON_HasObjectItem(j, "error");
    FUZZ_CHECK(is_error || cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "class")),
               "neither a result nor an error record: %.300s", rec);
    FUZZ_CHECK(!(is_error && status == RASOAT_OK), "error record with status OK: %.300s", rec);
    FUZZ_CHECK(is_error || status == RASOAT_OK || cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "local")),
               "status %d on a result with no local entry: %.300s", status, rec);
    cJSON_Delete(j);
    return is_error;
}
