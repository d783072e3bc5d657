/*
** embed_example.c: the example program of docs/embedding.md, built by the test 'installed'
** against the INSTALLED library (headers, pkg-config file, shared library and rule sets
** from 'meson install' into a scratch DESTDIR). It opens two engines on the rules directory
** given, classifies the same households with each from its own thread at the same time,
** and prints every record once, with the rule sets loaded and the error of a bad record.
**
** Usage: embed_example RULES_DIR
** Exit status: 0 when both threads produced the same records and the bad record was
** refused as expected; 1 otherwise.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rasoat.h>

static const char *const households[] = {
    "{\"id\":\"HGD-001\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":4,\"b1_score\":138,"
    "\"deprivations\":{\"employment\":true,\"dependents\":false,\"nutrition\":false,\"health_insurance\":true,"
    "\"adult_education\":false,\"child_schooling\":false,\"housing_quality\":true,\"housing_area\":false,"
    "\"water\":false,\"sanitation\":false,\"telecom\":false,\"information_means\":false}}",
    "{\"id\":\"HGD-002\",\"survey_date\":\"2024-10-15\",\"area\":\"urban\",\"size\":3,"
    "\"income_per_capita_month\":2600000}",
    "{\"id\":\"HGD-003\",\"survey_date\":\"2024-10-15\",\"area\":\"rural\",\"size\":\"4\",\"b1_score\":120}",
};
#define N_HOUSEHOLDS (sizeof households / sizeof households[0])

/* One thread's work: its own engine, and copies of the records it produced. */
typedef struct job {
    const char *rules_dir;
    char *records[N_HOUSEHOLDS];
    int status[N_HOUSEHOLDS];
    rasoat_error err;   /* the error of the last household that failed */
    int opened;
} job;

/* Thread body: open an engine (one per thread), classify every household, copy each
** record out of the engine (its text is valid only until the next call), close. */
static void *classify_all(void *arg)
{
    job *j = (job *)arg;
    rasoat_options opts;
    rasoat_engine *engine = NULL;
    size_t i;

    memset(&opts, 0, sizeof opts);
    opts.rules_dir = j->rules_dir;
    opts.lang = RASOAT_LANG_EN;
    if (rasoat_open(&opts, &engine, &j->err) != RASOAT_OK)
        return NULL;
    j->opened = 1;
    for (i = 0; i < N_HOUSEHOLDS; i++) {
        const char *record;
        size_t len;
        rasoat_error err;

        j->status[i] = rasoat_classify(engine, households[i], strlen(households[i]), (long)i + 1,
                                       &record, &len, &err);
        if (j->status[i] != RASOAT_OK)
            j->err = err;
        j->records[i] = (char *)malloc(len + 1);
        if (j->records[i] != NULL) {
            memcpy(j->records[i], record, len);
            j->records[i][len] = '\0';
        }
    }
    rasoat_close(engine);
    return NULL;
}

int main(int argc, char **argv)
{
    job jobs[2];
    pthread_t threads[2];
    size_t i;
    int t, ok = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: %s RULES_DIR\n", argv[0]);
        return 1;
    }
    printf("librasoat %s\n", rasoat_version());
    memset(jobs, 0, sizeof jobs);
    for (t = 0; t < 2; t++) {
        jobs[t].rules_dir = argv[1];
        if (pthread_create(&threads[t], NULL, classify_all, &jobs[t]) != 0)
            return 1;
    }
    for (t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    for (t = 0; t < 2; t++) {
        if (!jobs[t].opened) {
            fprintf(stderr, "rasoat_open: %s\n", jobs[t].err.message);
            return 1;
        }
    }
    for (i = 0; i < N_HOUSEHOLDS; i++) {
        if (jobs[0].records[i] == NULL || jobs[1].records[i] == NULL
            || strcmp(jobs[0].records[i], jobs[1].records[i]) != 0 || jobs[0].status[i] != jobs[1].status[i])
            ok = 0;
        printf("%s (%s)\n", jobs[0].records[i] ? jobs[0].records[i] : "(out of memory)",
               rasoat_status_name(jobs[0].status[i]));
    }
    printf("last error: %s, field %s: %s\n", jobs[0].err.kind, jobs[0].err.field, jobs[0].err.message);
    if (jobs[0].status[2] != RASOAT_E_INPUT || strcmp(jobs[0].err.field, "size") != 0)
        ok = 0;
    for (t = 0; t < 2; t++)
        for (i = 0; i < N_HOUSEHOLDS; i++)
            free(jobs[t].records[i]);
    printf(ok ? "both threads agree\n" : "the threads disagree\n");
    return ok ? 0 : 1;
}
