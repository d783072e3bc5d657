/*
** serve_error.c: the JSON error answers of 'rasoat serve' (serve_error.h).
*/
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "serve_error.h"

typedef struct error_kind {
    unsigned status;
    const char *code;
    const char *vi, *en;
} error_kind;

static const error_kind kinds[] = {
    [SERVE_BAD_REQUEST] = {400, "bad_request", "yêu cầu không hợp lệ", "malformed request"},
    [SERVE_UNAUTHORIZED] = {401, "unauthorized", "thiếu hoặc sai mã truy cập (Authorization: Bearer ...)",
                            "missing or wrong access token (Authorization: Bearer ...)"},
    [SERVE_NOT_FOUND] = {404, "not_found", "không có tài nguyên này", "no such resource"},
    [SERVE_METHOD] = {405, "method_not_allowed", "phương thức không được phép", "method not allowed"},
    [SERVE_TOO_LARGE] = {413, "body_too_large", "nội dung yêu cầu vượt giới hạn (--max-body)",
                         "request body over the limit (--max-body)"},
    [SERVE_MEDIA_TYPE] = {415, "unsupported_media_type",
                          "Content-Type cần là text/csv, application/x-ndjson hoặc application/json",
                          "Content-Type must be text/csv, application/x-ndjson or application/json"},
    [SERVE_RULES_BROKEN] = {422, "rules_broken", "bộ quy tắc mới không nạp được; vẫn dùng bộ quy tắc cũ",
                            "the new rule tree does not load; the last good one stays in use"},
    [SERVE_UNCLASSIFIABLE] = {422, "unclassifiable", "hộ không phân loại được", "the household cannot be classified"},
    [SERVE_TOO_MANY] = {429, "too_many_requests", "máy chủ đang bận; hãy thử lại sau", "the server is busy; try again later"},
    [SERVE_INTERNAL] = {500, "internal", "lỗi nội bộ của máy chủ", "internal server error"},
    [SERVE_NO_RULES] = {503, "no_rules", "chưa nạp được bộ quy tắc nào", "no good rule tree is loaded"},
    [SERVE_RULES_CHANGED] = {503, "rules_changed",
                             "bộ quy tắc trên đĩa đã đổi từ lần nạp trước; hãy nạp lại (POST /v1/reload hoặc SIGHUP)",
                             "the rule tree on disk changed since it was loaded; reload it (POST /v1/reload or SIGHUP)"},
};

unsigned serve_error_status(serve_error e)
{
    return kinds[e].status;
}

enum MHD_Result serve_error_queue(struct MHD_Connection *conn, serve_error e, const char *message,
                                  const char *allow, rasoat_lang lang)
{
    cJSON *root = cJSON_CreateObject(), *err = root ? cJSON_AddObjectToObject(root, "error") : NULL;
    char *text = NULL, *body;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    size_t len;

    if (err != NULL) {
        cJSON_AddStringToObject(err, "code", kinds[e].code);
        cJSON_AddStringToObject(err, "message", message ? message : CLI_TEXT(lang, kinds[e].vi, kinds[e].en));
        text = cJSON_PrintUnformatted(root);
    }
    cJSON_Delete(root);
    if (text == NULL)
        return MHD_NO;
    len = strlen(text);
    if ((body = (char *)malloc(len + 2)) == NULL) {
        cJSON_free(text);
        return MHD_NO;
    }
    memcpy(body, text, len);
    body[len++] = '\n';
    cJSON_free(text);
    resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (resp == NULL) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
    if (allow != NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
    ret = MHD_queue_response(conn, kinds[e].status, resp);
    MHD_destroy_response(resp);
    return ret;
}
