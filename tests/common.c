/*
** common.c: test helpers (see common.h).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

const char *tmp_dir(void)
{
    static char path[256];
    const char *base = getenv("TMPDIR");

    snprintf(path, sizeof path, "%s/rasoat-test-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(path));
    return path;
}

static void make_parents(char *path)
{
    char *p;

    for (p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(path, 0755) != 0 && errno != EEXIST)
                ck_abort_msg("mkdir %s: %s", path, strerror(errno));
            *p = '/';
        }
    }
}

void write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    make_parents(path);
    f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

void write_ruleset(const char *dir, const char *sub, const char *id, const char *in_force,
                   const char *provisions)
{
    char name[512], text[2048];

    snprintf(name, sizeof name, "%s/ruleset.lua", sub);
    snprintf(text, sizeof text,
             "ruleset {\n"
             "  id = \"%s\", version = \"1\", jurisdiction = \"VN\",\n"
             "  title = { vi = \"Thử\", en = \"Test\" },\n"
             "  legal_basis = { \"Test basis\" },\n"
             "  in_force = %s,\n"
             "}\n",
             id, in_force ? in_force : "{ from = \"2022-01-01\", to = \"2026-12-31\" }");
    write_file(dir, name, text);

    snprintf(name, sizeof name, "%s/definitions.lua", sub);
    write_file(dir, name,
               "parameter \"line\" { value = 100, unit = \"points\", citation = \"Test art. 1\", status = CONFIRMED }\n"
               "indicator \"a\" { dimension = \"d\", label = { vi = \"A\", en = \"A\" }, citation = \"Test art. 2\", status = CONFIRMED }\n"
               "indicator \"b\" { dimension = \"d\", label = { vi = \"B\", en = \"B\" }, citation = \"Test art. 2\", status = CONFIRMED }\n");

    snprintf(name, sizeof name, "%s/provisions.lua", sub);
    write_file(dir, name, provisions ? provisions :
               "provision \"poor\" { class = \"poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
               "  when = function(h, P) return h.b1 <= P.line end }\n"
               "provision \"rest\" { class = \"not_poor\", citation = \"Test art. 3\", status = CONFIRMED,\n"
               "  when = function() return true end }\n");
}

int try_open(const char *rules_dir, rasoat_error *err)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    int status;

    memset(&o, 0, sizeof o);
    o.rules_dir = rules_dir;
    o.lang = RASOAT_LANG_EN;
    status = rasoat_open(&o, &e, err);
    rasoat_close(e);
    return status;
}

rasoat_engine *open_engine(const char *rules_dir, uint64_t budget, size_t memory)
{
    rasoat_options o;
    rasoat_engine *e = NULL;
    rasoat_error err;

    memset(&o, 0, sizeof o);
    o.rules_dir = rules_dir;
    o.lang = RASOAT_LANG_EN;
    o.instruction_budget = budget;
    o.memory_limit = memory;
    if (rasoat_open(&o, &e, &err) != RASOAT_OK)
        ck_abort_msg("rasoat_open(%s) failed: %s", rules_dir, err.message);
    return e;
}

cJSON *classify(rasoat_engine *e, const char *json, int *status)
{
    const char *record;
    size_t len;
    int st = rasoat_classify(e, json, strlen(json), 7, &record, &len, NULL);
    cJSON *parsed = cJSON_ParseWithLength(record, len);

    ck_assert_msg(parsed != NULL, "record is not JSON: %.*s", (int)len, record);
    if (status != NULL)
        *status = st;
    return parsed;
}

const char *minimal_household(int b1)
{
    static char text[256];

    snprintf(text, sizeof text,
             "{\"id\":\"M%d\",\"survey_date\":\"2024-10-01\",\"area\":\"rural\",\"size\":2,"
             "\"b1_score\":%d,\"deprivations\":{\"a\":true,\"b\":false}}", b1, b1);
    return text;
}

const char *str_field(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

    return cJSON_IsString(item) ? item->valuestring : "";
}

const char *error_field(const cJSON *record, const char *name)
{
    return str_field(cJSON_GetObjectItemCaseSensitive(record, "error"), name);
}

static const char *env_path(const char *name)
{
    const char *v = getenv(name);

    ck_assert_msg(v != NULL && *v, "%s is not set (run the tests through meson test)", name);
    return v;
}

const char *source_rules(void)
{
    return env_path("RASOAT_TEST_RULES");
}

const char *rasoat_exe(void)
{
    return env_path("RASOAT_TEST_EXE");
}

int run_rasoat(const char *dir, const char *args, const char *input)
{
    char cmd[4096], in_path[600];
    int status;

    snprintf(in_path, sizeof in_path, "%s/stdin.txt", dir);
    write_file(dir, "stdin.txt", input ? input : "");
    snprintf(cmd, sizeof cmd, "cd '%s' && RASOAT_RULES='%s' '%s' %s < '%s' > out.txt 2> err.txt",
             dir, source_rules(), rasoat_exe(), args, in_path);
    status = system(cmd);
    ck_assert_msg(status != -1 && WIFEXITED(status), "could not run: %s", cmd);
    return WEXITSTATUS(status);
}

const char *read_in(const char *dir, const char *name)
{
    static char buf[1 << 20];
    char path[600];
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "no %s", path);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

const char *rules_running(const char *body)
{
    static char text[4096], dir[512];

    snprintf(dir, sizeof dir, "%s", tmp_dir());
    snprintf(text, sizeof text,
             "provision \"probe\" { class = \"poor\", citation = \"T\", status = CONFIRMED, when = function(h, P)\n"
             "if h.b1 >= 100 then return false end %s\n"
             "end }\n"
             "provision \"rest\" { class = \"not_poor\", citation = \"T\", status = CONFIRMED,\n"
             "  when = function() return true end }\n", body);
    write_ruleset(dir, "t", "t/1", NULL, text);
    return dir;
}

double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

void expect_contained(const char *body, const char *code, const char *needle, double seconds)
{
    const char *dir = rules_running(body);
    rasoat_engine *e = open_engine(dir, 0, 0);
    char file[1024];
    struct timespec t0;
    int status;
    cJSON *r;

    snprintf(file, sizeof file, "%s/t/provisions.lua", dir);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = classify(e, minimal_household(50), &status);
    ck_assert_msg(seconds_since(&t0) < seconds, "took %.1f s", seconds_since(&t0));
    ck_assert_int_ne(status, RASOAT_OK);
    ck_assert_str_eq(error_field(r, "code"), code);
    ck_assert_msg(strstr(error_field(r, "message"), needle) != NULL,
                  "message '%s' lacks '%s'", error_field(r, "message"), needle);
    ck_assert_str_eq(error_field(r, "file"), file);
    ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "error"), "line")->valueint, 2);
    cJSON_Delete(r);

    r = classify(e, minimal_household(150), &status);
    ck_assert_int_eq(status, RASOAT_OK);
    ck_assert_str_eq(str_field(r, "class"), "not_poor");
    cJSON_Delete(r);
    rasoat_close(e);
}

void expect_file_holds(const char *dir, const char *name, const char *needle)
{
    const char *text = read_in(dir, name);

    ck_assert_msg(text != NULL && strstr(text, needle) != NULL, "%s lacks \"%s\"; it holds:\n%.2000s",
                  name, needle, text != NULL ? text : "(nothing)");
}
