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
    cJSON *j = cJSON_CreateObject(), *inputs, *layout;
    size_t i;

    cJSON_AddItemToObject(j, "rulesets", cJSON_Duplicate(p->rulesets, 1));
    layout = cJSON_AddObjectToObject(j, "layout");
    cJSON_AddStringToObject(layout, "id", d->layout->ruleset_id);
    cJSON_AddStringToObject(layout, "version", d->layout->ruleset_version);
    cJSON_AddStringToObject(layout, "sha256", d->layout->ruleset_sha256);
    cJSON_AddStringToObject(layout, "layout_sha256", d->layout_sha256 ? d->layout_sha256 : "");
    cJSON_AddStringToObject(j, "engine", rasoat_version());
    if (p->ninputs == 1 && p->inputs[0].kind != 2)
        cJSON_AddStringToObject(j, "input_sha256", p->inputs[0].sha256);
    else
        cJSON_AddNullToObject(j, "input_sha256");
    if (p->ninputs == 1 && p->inputs[0].log_head[0] != '\0')
        cJSON_AddStringToObject(j, "log_head", p->inputs[0].log_head);
    else
        cJSON_AddNullToObject(j, "log_head");
    inputs = cJSON_AddArrayToObject(j, "inputs");
    for (i = 0; i < p->ninputs; i++) {
        static const char *const kinds[] = {"results", "decision_log", "report"};
        cJSON *in = cJSON_CreateObject();

        cJSON_AddStringToObject(in, "file", p->inputs[i].path);
        cJSON_AddStringToObject(in, "kind", kinds[p->inputs[i].kind]);
        cJSON_AddStringToObject(in, "sha256", p->inputs[i].sha256);
        if (p->inputs[i].log_head[0] != '\0')
            cJSON_AddStringToObject(in, "log_head", p->inputs[i].log_head);
        cJSON_AddItemToArray(inputs, in);
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
