/*
** serve_rules.c: the rule tree of 'rasoat serve' and its engines, lent one thread at a
** time (serve_rules.h).
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve_rules.h"

/* An engine nobody holds, kept for the next request with the same options. */
typedef struct idle_engine {
    rasoat_engine *engine;
    char *key;
    struct idle_engine *next;
} idle_engine;

/* One good load of the tree. */
struct serve_tree {
    long generation;
    char *fingerprint;     /* "ID SHA256\n" for each rule set, in the engine's order */
    idle_engine *idle;
    size_t nidle;
    int leases;            /* engines lent out */
    int retired;           /* a newer tree is in use: free once the last lease is back */
};

struct serve_rules {
    pthread_mutex_t lock;      /* guards everything below but 'dir' and 'idle_max' */
    pthread_mutex_t load_lock; /* one load at a time */
    char *dir;
    size_t idle_max;
    serve_tree *current;
    long generation;
    int last_ok;               /* the last load: 1 clean, 0 broken, -1 none yet */
    char last_error[1200];
    char loaded_at[32];        /* UTC time of the load in use, "" when none */
};

/* Every rule set of 'e' with its content hash, one per line (malloc'd; NULL on no memory). */
static char *fingerprint(const rasoat_engine *e)
{
    size_t i, n = rasoat_ruleset_count(e), size = 1, at = 0;
    char *text;

    for (i = 0; i < n; i++)
        size += strlen(rasoat_ruleset_id(e, i)) + strlen(rasoat_ruleset_sha256(e, i)) + 2;
    if ((text = (char *)malloc(size)) == NULL)
        return NULL;
    text[0] = '\0';
    for (i = 0; i < n; i++)
        at += (size_t)snprintf(text + at, size - at, "%s %s\n", rasoat_ruleset_id(e, i), rasoat_ruleset_sha256(e, i));
    return text;
}

/* The options of 'k' as one string (malloc'd), equal for equal options. */
static char *key_text(const serve_key *k)
{
    const char *parts[3] = {k->as_of, k->ruleset, k->keep};
    size_t size = 8, i, at;
    char *text;

    for (i = 0; i < 3; i++)
        size += (parts[i] ? strlen(parts[i]) : 0) + 2;
    if ((text = (char *)malloc(size)) == NULL)
        return NULL;
    at = (size_t)snprintf(text, size, "%d", (int)k->lang);
    for (i = 0; i < 3; i++)
        at += (size_t)snprintf(text + at, size - at, "\x1f%c%s", parts[i] ? '=' : '-', parts[i] ? parts[i] : "");
    return text;
}

/* Open an engine on 'dir' with the options of 'k'. */
static int open_engine(const char *dir, const serve_key *k, rasoat_engine **e, rasoat_error *err)
{
    rasoat_options opts;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = dir;
    opts.as_of = k->as_of;
    opts.force_ruleset = k->ruleset;
    opts.keep = k->keep;
    opts.lang = k->lang;
    return rasoat_open(&opts, e, err);
}

/* Close the idle engines of 'idle' (a detached list). */
static void close_idle(idle_engine *idle)
{
    while (idle != NULL) {
        idle_engine *next = idle->next;

        rasoat_close(idle->engine);
        free(idle->key);
        free(idle);
        idle = next;
    }
}

/* Free tree 't' and close its idle engines (none may be lent out). NULL is allowed. */
static void tree_free(serve_tree *t)
{
    if (t == NULL)
        return;
    close_idle(t->idle);
    free(t->fingerprint);
    free(t);
}

serve_rules *serve_rules_new(const char *rules_dir, size_t idle_max)
{
    serve_rules *s = (serve_rules *)calloc(1, sizeof *s);

    if (s == NULL || (s->dir = strdup(rules_dir)) == NULL) {
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->load_lock, NULL);
    s->idle_max = idle_max;
    s->last_ok = -1;
    return s;
}

const char *serve_rules_dir(const serve_rules *s)
{
    return s->dir;
}

int serve_rules_load(serve_rules *s, char *why, size_t why_size)
{
    serve_key k = {NULL, NULL, NULL, RASOAT_LANG_VI};
    rasoat_engine *e = NULL;
    rasoat_error err;
    serve_tree *t = NULL, *old = NULL;
    idle_engine *first = NULL, *stale = NULL;
    time_t now = time(NULL);
    struct tm tm;
    int ok;

    pthread_mutex_lock(&s->load_lock);
    memset(&err, 0, sizeof err);
    ok = open_engine(s->dir, &k, &e, &err) == RASOAT_OK;
    if (ok && ((t = (serve_tree *)calloc(1, sizeof *t)) == NULL || (t->fingerprint = fingerprint(e)) == NULL
               || (first = (idle_engine *)calloc(1, sizeof *first)) == NULL || (first->key = key_text(&k)) == NULL)) {
        snprintf(err.message, sizeof err.message, "out of memory");
        ok = 0;
    }
    pthread_mutex_lock(&s->lock);
    if (ok) {
        first->engine = e;
        t->idle = first;
        t->nidle = 1;
        t->generation = ++s->generation;
        old = s->current;
        s->current = t;
        if (old != NULL) {
            old->retired = 1;
            stale = old->idle;
            old->idle = NULL;
            old->nidle = 0;
            if (old->leases > 0)
                old = NULL;            /* the last serve_rules_give frees it */
        }
        gmtime_r(&now, &tm);
        strftime(s->loaded_at, sizeof s->loaded_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
        s->last_error[0] = '\0';
        s->last_ok = 1;
    } else {
        snprintf(s->last_error, sizeof s->last_error, "%s", err.message);
        s->last_ok = 0;
    }
    pthread_mutex_unlock(&s->lock);
    if (!ok) {
        if (first != NULL)
            free(first->key);
        free(first);
        if (t != NULL)
            free(t->fingerprint);
        free(t);
        rasoat_close(e);
        snprintf(why, why_size, "%s", err.message);
    } else {
        why[0] = '\0';
    }
    close_idle(stale);
    tree_free(old);
    pthread_mutex_unlock(&s->load_lock);
    return ok;
}

serve_take serve_rules_take(serve_rules *s, const serve_key *k, serve_lease *l, rasoat_error *err)
{
    idle_engine **p, *found = NULL;
    serve_tree *t;
    char *key = key_text(k), *print;
    rasoat_engine *e = NULL;
    int same;

    memset(l, 0, sizeof *l);
    memset(err, 0, sizeof *err);
    pthread_mutex_lock(&s->lock);
    if ((t = s->current) == NULL || key == NULL) {
        pthread_mutex_unlock(&s->lock);
        free(key);
        return SERVE_TAKE_NO_RULES;
    }
    t->leases++;
    for (p = &t->idle; *p != NULL; p = &(*p)->next)
        if (strcmp((*p)->key, key) == 0) {
            found = *p;
            *p = found->next;
            t->nidle--;
            break;
        }
    pthread_mutex_unlock(&s->lock);
    l->tree = t;
    l->key = key;
    if (found != NULL) {
        l->engine = found->engine;
        free(found->key);
        free(found);
        return SERVE_TAKE_OK;
    }
    if (open_engine(s->dir, k, &e, err) != RASOAT_OK) {
        serve_rules_give(s, l);
        return SERVE_TAKE_BAD_OPTIONS;
    }
    /* Opened from the disk now: it must hold the rule sets the tree in use was loaded with. */
    print = fingerprint(e);
    same = print != NULL && strcmp(print, t->fingerprint) == 0;
    free(print);
    if (!same) {
        rasoat_close(e);
        serve_rules_give(s, l);
        return SERVE_TAKE_CHANGED;
    }
    l->engine = e;
    return SERVE_TAKE_OK;
}

void serve_rules_give(serve_rules *s, serve_lease *l)
{
    serve_tree *t = l->tree, *dead = NULL;
    idle_engine *keep = NULL;

    if (t == NULL) {
        free(l->key);
        memset(l, 0, sizeof *l);
        return;
    }
    if (l->engine != NULL && l->key != NULL && (keep = (idle_engine *)malloc(sizeof *keep)) != NULL) {
        keep->engine = l->engine;
        keep->key = l->key;
    }
    pthread_mutex_lock(&s->lock);
    t->leases--;
    if (keep != NULL && !t->retired && t->nidle < s->idle_max) {
        keep->next = t->idle;
        t->idle = keep;
        t->nidle++;
        l->engine = NULL;
        l->key = NULL;
        keep = NULL;
    }
    if (t->retired && t->leases == 0)
        dead = t;
    pthread_mutex_unlock(&s->lock);
    free(keep);
    rasoat_close(l->engine);
    free(l->key);
    tree_free(dead);
    memset(l, 0, sizeof *l);
}

void serve_rules_health(serve_rules *s, cJSON *obj)
{
    cJSON *sets;
    const char *line;

    pthread_mutex_lock(&s->lock);
    cJSON_AddStringToObject(obj, "rules", s->current ? "loaded" : "none");
    cJSON_AddNumberToObject(obj, "generation", (double)(s->current ? s->current->generation : 0));
    sets = cJSON_AddArrayToObject(obj, "rulesets");
    for (line = s->current ? s->current->fingerprint : ""; sets != NULL && *line; ) {
        const char *sp = strchr(line, ' '), *nl = strchr(line, '\n');
        cJSON *one = cJSON_CreateObject();
        char id[256], sha[80];

        if (sp == NULL || nl == NULL || one == NULL) {
            cJSON_Delete(one);
            break;
        }
        snprintf(id, sizeof id, "%.*s", (int)(sp - line), line);
        snprintf(sha, sizeof sha, "%.*s", (int)(nl - sp - 1), sp + 1);
        cJSON_AddStringToObject(one, "id", id);
        cJSON_AddStringToObject(one, "sha256", sha);
        cJSON_AddItemToArray(sets, one);
        line = nl + 1;
    }
    if (s->loaded_at[0])
        cJSON_AddStringToObject(obj, "loaded_at", s->loaded_at);
    else
        cJSON_AddNullToObject(obj, "loaded_at");
    cJSON_AddStringToObject(obj, "last_reload", s->last_ok == 1 ? "ok" : s->last_ok == 0 ? "failed" : "none");
    if (s->last_error[0])
        cJSON_AddStringToObject(obj, "last_error", s->last_error);
    else
        cJSON_AddNullToObject(obj, "last_error");
    pthread_mutex_unlock(&s->lock);
}

void serve_rules_free(serve_rules *s)
{
    if (s == NULL)
        return;
    tree_free(s->current);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->load_lock);
    free(s->dir);
    free(s);
}
