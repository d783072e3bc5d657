/*
** report_rows.c: what every report writer shares: the rows of a form in the order of the
** circular's layout (I urban area, its units; II rural area, its units; III total), the
** words of the area rows, and the provenance object.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char *report_area_label(int area, rasoat_lang lang)
{
    static const char *const words[2][3] = {
        {"Khu vực thành thị", "Khu vực nông thôn", "Tổng cộng I + II"},
        {"Urban area", "Rural area", "Total I + II"},
    };

    return words[lang == RASOAT_LANG_EN][area < 0 || area > 2 ? 2 : area];
}

const char *report_area_number(int area)
{
    return area == AREA_URBAN ? "I" : area == AREA_RURAL ? "II" : "III";
}

const char *report_area_key(int area)
{
    return area == AREA_URBAN ? "urban" : area == AREA_RURAL ? "rural" : "total";
}

int report_each_row(const report_doc *d, size_t f,
                    int (*fn)(void *ctx, const report_row *row, const report_cell *cells),
                    void *ctx)
{
    const report_form *form = &d->layout->forms[f];
    report_cell cells[REPORT_MAX_COLUMNS];
    report_row row;
    int area;
    size_t i, k;

    for (area = 0; area <= 2; area++) {
        size_t number = 0;

        for (k = 0; k < form->nkinds; k++) {
            memset(&row, 0, sizeof row);
            row.area = area;
            row.kind = k;
            report_cells(d->tally, f, &row, cells);
            if (!fn(ctx, &row, cells))
                return 0;
        }
        if (area == 2)
            break;
        for (i = 0; i < d->tally->nunits; i++) {
            const report_unit *u = &d->tally->units[d->order[i]];

            if (u->area != area)
                continue;
            number++;
            for (k = 0; k < form->nkinds; k++) {
                row.unit = u;
                row.area = area;
                row.kind = k;
                row.number = number;
                report_cells(d->tally, f, &row, cells);
                if (!fn(ctx, &row, cells))
                    return 0;
            }
        }
    }
    return 1;
}

cJSON *report_provenance_json(const report_doc *d)
{
    const report_provenance *p = d->prov;
    cJSON *j = cJSON_CreateObject(), *layout;
    size_t i;

    cJSON_AddItemToObject(j, "rulesets", cJSON_Duplicate(p->rulesets, 1));
    layout = cJSON_AddObjectToObject(j, "layout");
    cJSON_AddStringToObject(layout, "id", d->layout->ruleset_id);
    cJSON_AddStringToObject(layout, "version", d->layout->ruleset_version);
    cJSON_AddStringToObject(layout, "sha256", d->layout->ruleset_sha256);
    cJSON_AddStringToObject(layout, "layout_sha256", d->layout_sha256 ? d->layout_sha256 : "");
    cJSON_AddStringToObject(j, "engine", rasoat_version());
    {
        /* One file read (directly or through one partial report): its hash and log head. */
        const cJSON *only = cJSON_GetArraySize(p->leaves) == 1 ? cJSON_GetArrayItem(p->leaves, 0) : NULL;
        const char *kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(only, "kind"));
        const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(only, "sha256"));
        const char *head = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(only, "log_head"));
        static const char *const names[4] = {"province", "province_date", "commune_code", "commune_date"};
        cJSON *unit;

        if (sha != NULL && kind != NULL && strcmp(kind, "report") != 0)
            cJSON_AddStringToObject(j, "input_sha256", sha);
        else
            cJSON_AddNullToObject(j, "input_sha256");
        if (head != NULL)
            cJSON_AddStringToObject(j, "log_head", head);
        else
            cJSON_AddNullToObject(j, "log_head");
        cJSON_AddItemToObject(j, "inputs", p->leaves != NULL ? cJSON_Duplicate(p->leaves, 1) : cJSON_CreateArray());
        if (cJSON_GetArraySize(p->merged) > 0)
            cJSON_AddItemToObject(j, "merged", cJSON_Duplicate(p->merged, 1));
        unit = cJSON_AddObjectToObject(j, "reporting_unit");
        for (i = 0; i < 4; i++)
            cJSON_AddStringToObject(unit, names[i], p->reporting[i] != NULL ? p->reporting[i] : "");
    }
    cJSON_AddNumberToObject(j, "results", (double)p->results);
    cJSON_AddNumberToObject(j, "errors_skipped", (double)p->errors_skipped);
    cJSON_AddItemToObject(j, "skipped", cJSON_Duplicate(p->skipped, 1));
    if (p->log_broken > 0)
        cJSON_AddNumberToObject(j, "log_lines_broken", (double)p->log_broken);
    cJSON_AddItemToObject(j, "fields_missing", cJSON_Duplicate(p->missing, 1));
    if (p->population != NULL) {
        cJSON_AddStringToObject(j, "population", p->population);
        cJSON_AddNumberToObject(j, "population_unmatched", (double)p->population_unmatched);
    } else {
        cJSON_AddNullToObject(j, "population");
    }
    return j;
}
