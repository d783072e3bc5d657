/*
** test_report_memory.c: the parts of the report engine that keep its memory flat in the
** number of households (cli/report_tally.c, cli/report_spool.c): counters of 32 bits that
** widen, exactly, when a merged cell would leave that range, in blocks of units; and the
** lists' external sort, whose memory stays at its limit however many lines it is given,
** merging more runs than it reads at once in several passes, long lines included.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "report.h"
#include "report_spool.h"

/* One form with two kinds and a formula (not stored) between two counts. */
static const char layout_json[] =
    "{\"id\":\"t/1\",\"version\":\"1\",\"sha256\":\"ab\",\"indicators\":[],\"transitions\":[],"
    "\"report_forms\":["
    "{\"id\":\"7.1\",\"title\":{\"vi\":\"T\",\"en\":\"T\"},\"citation\":\"c\",\"status\":\"SECONDARY\","
    " \"kinds\":[{\"key\":\"households\",\"label\":{\"vi\":\"Hộ\",\"en\":\"H\"},\"measure\":\"households\"},"
    "          {\"key\":\"persons\",\"label\":{\"vi\":\"NK\",\"en\":\"P\"},\"measure\":\"persons\"}],"
    " \"columns\":["
    "  {\"key\":\"poor\",\"label\":{\"vi\":\"a\",\"en\":\"a\"},\"count\":{\"class\":\"poor\"}},"
    "  {\"key\":\"both\",\"label\":{\"vi\":\"b\",\"en\":\"b\"},\"formula\":\"poor + near\"},"
    "  {\"key\":\"near\",\"label\":{\"vi\":\"c\",\"en\":\"c\"},\"count\":{\"class\":\"near_poor\"}}]}"
    "],\"report_lists\":[]}";

static report_layout layout;

static void read_layout(void)
{
    cJSON *rules = cJSON_Parse(layout_json);
    char why[512];

    ck_assert_ptr_nonnull(rules);
    ck_assert_msg(report_layout_read(rules, NULL, RASOAT_LANG_EN, &layout, why, sizeof why), "%s", why);
    cJSON_Delete(rules);
}

/* Count one result of class 'cls' with 'size' members in village 'village'. */
static void count(report_tally *t, const char *village, const char *cls, int size)
{
    char json[256];
    const cJSON *fields[8];
    cJSON *r;
    size_t i;

    snprintf(json, sizeof json, "{\"commune\":\"X\",\"village\":\"%s\",\"area\":\"rural\",\"size\":%d,"
             "\"class\":\"%s\"}", village, size, cls);
    ck_assert_ptr_nonnull(r = cJSON_Parse(json));
    for (i = 0; i < t->layout->nfields; i++)
        fields[i] = cJSON_GetObjectItemCaseSensitive(r, t->layout->fields[i]);
    ck_assert(report_count(t, r, fields));
    cJSON_Delete(r);
}

/* Cells of kind 'kind' for unit 'u' (or, with 'u' < 0, the total). */
static void cells_of(const report_tally *t, long u, size_t kind, report_cell cells[3])
{
    report_row row;

    memset(&row, 0, sizeof row);
    row.area = 2;
    row.kind = kind;
    if (u >= 0) {
        row.unit = &t->units[u];
        row.area = row.unit->area;
    }
    report_cells(t, 0, &row, cells);
}

START_TEST(report_counters_should_stay_exact_past_32_bits)
{
    report_tally t;
    report_cell c[3];
    const char *place[PLACE_COUNT] = {NULL, NULL, "X", NULL};
    char name[32];
    long u;
    int i;

    read_layout();
    report_tally_init(&t, &layout, LEVEL_COMMUNE);
    /* 200 villages: several blocks of counters. */
    for (i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "Thôn %d", i);
        count(&t, name, i % 2 ? "poor" : "near_poor", 1 + i % 5);
    }
    ck_assert_uint_eq(t.nunits, 200);
    /* A merged cell past 2^31 - 1 in unit 70 (kind persons, column "poor"), then past 2^32,
    ** then back down; a cell of another kind and a unit of the same block keep theirs. */
    place[PLACE_VILLAGE] = "Thôn 70";
    u = report_unit_of(&t, place, AREA_RURAL);
    ck_assert_int_eq(u, 70);
    ck_assert(report_add(&t, 0, (size_t)u, 1, 0, INT64_C(2147483647)));
    cells_of(&t, u, 1, c);
    ck_assert_int_eq(c[0].value, INT64_C(2147483647));      /* 0 before: near_poor */
    ck_assert(report_add(&t, 0, (size_t)u, 1, 0, INT64_C(3000000000)));
    ck_assert(report_add(&t, 0, (size_t)u, 1, 2, INT64_C(-5000000000)));
    cells_of(&t, u, 1, c);
    ck_assert_int_eq(c[0].value, INT64_C(5147483647));
    ck_assert_int_eq(c[2].value, INT64_C(-5000000000) + 1);  /* its own household of 1 */
    ck_assert_int_eq(c[1].value, INT64_C(147483648));       /* the formula: poor + near */
    cells_of(&t, u, 0, c);
    ck_assert_int_eq(c[0].value, 0);
    ck_assert_int_eq(c[2].value, 1);
    cells_of(&t, 71, 1, c);
    ck_assert_int_eq(c[0].value, 2);                         /* Thôn 71: poor, 2 members */
    /* Adding to a formula column is nothing (it has no counter). */
    ck_assert(report_add(&t, 0, 71, 1, 1, 1000));
    cells_of(&t, 71, 1, c);
    ck_assert_int_eq(c[1].value, 2);
    /* The total adds every block, the widened one and the others. */
    count(&t, "Thôn 199", "poor", 4);
    cells_of(&t, -1, 0, c);
    ck_assert_int_eq(c[0].value, 101);
    ck_assert_int_eq(c[2].value, 100);
    cells_of(&t, -1, 1, c);
    {
        int64_t persons = 0;

        for (i = 1; i < 200; i += 2)
            persons += 1 + i % 5;
        ck_assert_int_eq(c[0].value, persons + 4 + INT64_C(5147483647));
    }
    report_tally_free(&t);
    report_layout_free(&layout);
}
END_TEST

/* What the drain gave: how many lines, whether in order, and a sum of their bytes. */
typedef struct seen {
    char *last;
    size_t last_len;
    long n;
    int sorted;
    uint64_t sum;
    size_t longest;
} seen;

static int take(void *ctx, char *line, size_t len)
{
    seen *s = (seen *)ctx;
    size_t i;

    ck_assert_uint_eq(strlen(line), len);
    if (s->n > 0 && strcmp(s->last, line) > 0)
        s->sorted = 0;
    free(s->last);
    s->last = strdup(line);
    s->last_len = len;
    for (i = 0; i < len; i++)
        s->sum += (unsigned char)line[i] * (uint64_t)(i + 1);
    if (len > s->longest)
        s->longest = len;
    s->n++;
    return 1;
}

/* Line 'i' of the spool test into 'buf': a key in a scattered order, a body of a length
** that varies, and every 997th line longer than a read buffer. Returns its length. */
static size_t line_of(long i, char *buf, size_t size)
{
    long key = (i * 7919) % 100003;
    size_t len = (size_t)snprintf(buf, size, "%06ld\x01", key), body;

    body = i % 997 == 0 ? REPORT_SPOOL_READ + 1000 + (size_t)i % 100 : (size_t)(i % 61);
    ck_assert_uint_lt(len + body, size);
    memset(buf + len, 'a' + (int)(i % 26), body);
    buf[len + body] = '\0';
    return len + body;
}

START_TEST(report_spool_should_merge_many_runs_in_passes_within_its_limit)
{
    static char line[REPORT_SPOOL_READ + 2048];
    const size_t limit = 512;       /* a dozen lines a run: hundreds of runs */
    report_spool s;
    seen got;
    uint64_t sum = 0;
    long i, n = 6000;
    size_t len, longest = 0, j;

    memset(&got, 0, sizeof got);
    got.sorted = 1;
    report_spool_init(&s, limit);
    s.fanin = 8;                    /* hundreds of runs: three passes, then the last merge */
    for (i = 0; i < n; i++) {
        len = line_of(i, line, sizeof line);
        for (j = 0; j < len; j++)
            sum += (unsigned char)line[j] * (uint64_t)(j + 1);
        if (len > longest)
            longest = len;
        ck_assert(report_spool_add(&s, line, len));
        /* In memory: never past the limit, but for one line longer than it. */
        ck_assert_uint_le(report_spool_peak(&s), longest + 1 + sizeof(char *) > limit ? longest + 1 + sizeof(char *) : limit);
    }
    ck_assert_uint_le(report_spool_peak(&s), longest + 1 + sizeof(char *));
    /* More runs than three passes of 8 leave for the last merge. */
    ck_assert_uint_gt(report_spool_runs(&s), 8 * 8 * 8);
    ck_assert_uint_le(report_spool_runs(&s), 8 * 8 * 8 * 8);
    ck_assert(report_spool_drain(&s, take, &got));
    ck_assert_int_eq(s.passes, 3);
    ck_assert_int_eq(got.n, n);
    ck_assert(got.sorted);
    ck_assert_uint_eq(got.sum, sum);
    ck_assert_uint_eq(got.longest, longest);
    free(got.last);
}
END_TEST

START_TEST(report_spool_should_keep_its_memory_whatever_the_lines)
{
    char line[64];
    report_spool s;
    seen got;
    long i;

    memset(&got, 0, sizeof got);
    got.sorted = 1;
    report_spool_init(&s, 1u << 14);
    for (i = 0; i < 100000; i++) {
        int len = snprintf(line, sizeof line, "%07ld\x01row %ld", (i * 104729) % 100000, i);

        ck_assert(report_spool_add(&s, line, (size_t)len));
        if (i == 2000)
            ck_assert_uint_ge(report_spool_peak(&s), (1u << 14) - 64);  /* full already */
    }
    /* 50 times the lines (some 2.7 MB), the same memory: the limit. */
    ck_assert_uint_le(report_spool_peak(&s), 1u << 14);
    ck_assert(report_spool_drain(&s, take, &got));
    ck_assert_int_eq(s.passes, 1);      /* some 165 runs: merged into 3, then given */
    ck_assert_int_eq(got.n, 100000);
    ck_assert(got.sorted);
    ck_assert_str_eq(got.last, "0099999\x01row 4631");
    free(got.last);
}
END_TEST

START_TEST(report_spool_should_sort_in_memory_when_everything_fits)
{
    report_spool s;
    seen got;

    memset(&got, 0, sizeof got);
    got.sorted = 1;
    report_spool_init(&s, 1u << 20);
    ck_assert(report_spool_add(&s, "b", 1));
    ck_assert(report_spool_add(&s, "a", 1));
    ck_assert(report_spool_add(&s, "", 0));
    ck_assert_uint_eq(report_spool_runs(&s), 0);
    ck_assert(report_spool_drain(&s, take, &got));
    ck_assert_int_eq(got.n, 3);
    ck_assert(got.sorted);
    ck_assert_str_eq(got.last, "b");
    free(got.last);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("report_memory");
    TCase *tc = tcase_create("memory");

    tcase_add_test(tc, report_counters_should_stay_exact_past_32_bits);
    tcase_add_test(tc, report_spool_should_merge_many_runs_in_passes_within_its_limit);
    tcase_add_test(tc, report_spool_should_keep_its_memory_whatever_the_lines);
    tcase_add_test(tc, report_spool_should_sort_in_memory_when_everything_fits);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
