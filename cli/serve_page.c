/*
** serve_page.c: the page for commune staff at '/' of 'rasoat serve': HTML, CSS and a
** little JavaScript from cli/page/, compiled into the binary by stdlib/embed.c (no build
** step, no external asset: it works offline).
*/
#include <string.h>

#include "serve.h"
#include "lua/stdlib_embed.h"  /* the embed tool's record type */
#include "page_sources.h"   /* generated: static const stdlib_file stdlib_sources[] */

/* The page's files, by URL. */
static const struct {
    const char *url, *file, *type;
} page_files[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/index.html", "index.html", "text/html; charset=utf-8"},
    {"/page.css", "page.css", "text/css; charset=utf-8"},
    {"/page.js", "page.js", "text/javascript; charset=utf-8"},
};

int serve_page(struct MHD_Connection *conn, const char *url, enum MHD_Result *ret)
{
    size_t i, j;

    for (i = 0; i < sizeof page_files / sizeof page_files[0]; i++) {
        if (strcmp(url, page_files[i].url) != 0)
            continue;
        for (j = 0; j < sizeof stdlib_sources / sizeof stdlib_sources[0]; j++) {
            struct MHD_Response *resp;

            if (strcmp(stdlib_sources[j].name, page_files[i].file) != 0)
                continue;
            resp = MHD_create_response_from_buffer(stdlib_sources[j].length, (void *)stdlib_sources[j].text,
                                                   MHD_RESPMEM_PERSISTENT);
            if (resp == NULL) {
                *ret = MHD_NO;
                return 1;
            }
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, page_files[i].type);
            MHD_add_response_header(resp, "Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
            MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
            MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
            *ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
            MHD_destroy_response(resp);
            return 1;
        }
    }
    return 0;
}
