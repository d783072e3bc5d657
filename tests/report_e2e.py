#!/usr/bin/python3
"""report_e2e.py: 'rasoat report' end to end on the bundled review commune.

Classifies rules/vn/2022-2025/fixtures/review-commune.jsonl as the README does, writes the
report as .xlsx, CSV and JSON, and checks the cells of review-commune.report.expected.jsonl
(each derived in its "why" from the column's meaning) in all three: the workbook opened
with openpyxl (Debian's python3-openpyxl), the CSV files parsed back with the csv module.
Also: a province roll-up of commune reports equals the province report of all results;
a decision log gives the same cells and names its head hash; error records are skipped,
named and make the exit status 1; a file being read is never overwritten.

Usage: report_e2e.py RASOAT RULES_DIR WORK_DIR
"""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys

import openpyxl

RASOAT, RULES, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURES = os.path.join(RULES, "vn", "2022-2025", "fixtures")
SAMPLE = os.path.join(FIXTURES, "review-commune.jsonl")
POPULATION = os.path.join(FIXTURES, "review-commune.population.csv")
KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head"
failures = []
checked = [0]


def run(*args, expect=0):
    p = subprocess.run([RASOAT, *args], cwd=WORK, capture_output=True, text=True,
                       env={**os.environ, "RASOAT_RULES": RULES, "RASOAT_LANG": "vi"})
    if p.returncode != expect:
        raise SystemExit("rasoat %s: exit %d, expected %d\n%s" % (" ".join(args), p.returncode, expect, p.stderr))
    return p


def check(cond, what):
    checked[0] += 1
    if not cond:
        failures.append(what)


def expected():
    with open(os.path.join(FIXTURES, "review-commune.report.expected.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def json_rows(path):
    with open(os.path.join(WORK, path), encoding="utf-8") as f:
        return json.load(f)


def find_row(form, unit, area, kind):
    for r in form["rows"]:
        if r["unit"] == unit and r["area"] == area and r["kind"] == kind:
            return r
    raise SystemExit("no row %s/%s/%s in form %s" % (unit, area, kind, form["form"]))


def without_provenance(doc):
    return [{k: v for k, v in o.items() if k != "provenance"} for o in doc]


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
run("classify", "--quiet", "--keep", KEEP, "--output", "results.jsonl", SAMPLE)

# --keep copies input fields as they are, once each, and refuses a field results write.
kept = json.loads(open(os.path.join(WORK, "results.jsonl"), encoding="utf-8").readline())
check(kept["head_name"] == "A Blông" and kept["members"][0] == {"age": 29, "sex": "male"}, "kept fields copied")
check(kept["size"] == 6 and kept["transition"] == "stayed_poor", "size and transition in results")
p = run("--lang", "en", "classify", "--keep", "head_name,class", SAMPLE, expect=2)
check("--keep: 'class' is a field of the result record" in p.stderr, "reserved field refused")
dup = run("classify", "--quiet", "--keep", "head_name,head_name", SAMPLE).stdout.splitlines()[0]
check(dup.count('"head_name"') == 1, "a field kept twice is written once")

# JSON: every expected cell, the identities, the provenance.
run("report", "--population", POPULATION, "--format", "json", "--output", "report.json", "results.jsonl")
report = json_rows("report.json")
forms = {o["form"]: o for o in report if "form" in o}
lists = {o["list"]: o for o in report if "list" in o}
check(sorted(forms, key=lambda f: int(f.split(".")[1])) == ["7.%d" % i for i in range(1, 12)], "all eleven forms")
for e in expected():
    row = find_row(forms[e["form"]], e["unit"], e["area"], e["kind"])
    for key, want in e["cells"].items():
        check(row["cells"][key] == want, "json %s %s %s: %r != %r" % (e["form"], e["unit"], key, row["cells"][key], want))
for f in forms.values():
    check(f["schema"] == "rasoat.report/1" and f["level"] == "commune", "schema and level of " + f["form"])
    for c in f["checks"]:
        check(c["ok"], "identity of %s holds: %s" % (f["form"], c["identity"]))
prov = forms["7.2"]["provenance"]
with open(os.path.join(WORK, "results.jsonl"), "rb") as f:
    check(prov["input_sha256"] == hashlib.sha256(f.read()).hexdigest(), "input SHA-256")
check(prov["results"] == 44 and prov["errors_skipped"] == 0, "results read and errors skipped")
check(prov["rulesets"][0]["id"] == "vn/2022-2025" and len(prov["rulesets"][0]["sha256"]) == 64, "rule set and hash")
check(prov["engine"] and prov["population"].endswith("review-commune.population.csv"), "engine and population")
# Lists: sorted by commune, village, code; every transition list present.
check(set(lists) == {"poor", "near_poor", "escaped_poverty", "escaped_near_poverty", "re_poor", "new_poor",
                     "re_near_poor", "new_near_poor", "middle_income"}, "the nine lists")
keys = [(r["place"].get("commune", ""), r["place"].get("village", ""), r["id"]) for r in lists["poor"]["rows"]]
check(keys == sorted(keys, key=lambda k: tuple(s.encode() for s in k)), "poor list sorted")
check([r["id"] for r in lists["re_poor"]["rows"]] == ["DRN-T4-009"], "re-poor list")
check(lists["re_poor"]["rows"][0]["cells"][-1] == "Tái nghèo", "transition in words")
check(len(lists["poor"]["rows"]) == 9 and lists["poor"]["rows"][0]["cells"][0] == 1, "poor list numbered")

# xlsx opened with a real reader.
run("report", "--population", POPULATION, "--output", "report.xlsx", "results.jsonl")
wb = openpyxl.load_workbook(os.path.join(WORK, "report.xlsx"))
check(wb.sheetnames[:11] == ["7.%d" % i for i in range(1, 12)], "one sheet per form, in order")
check("DS HỘ TÁI NGHÈO" in wb.sheetnames and wb.sheetnames[-1] == "Nguồn gốc", "list and provenance sheets")
check(all(len(n) <= 31 for n in wb.sheetnames) and len(set(wb.sheetnames)) == len(wb.sheetnames),
      "sheet names within Excel's 31 characters, each once")


def sheet_cells(ws, form):
    """{(unit label, kind label): {column key: value}} from a form sheet."""
    header = next(i for i, row in enumerate(ws.iter_rows(values_only=True), 1) if row[0] == "A")
    first = 3 if len(form.get("kinds", [])) > 1 or ws.cell(header, 3).value == "C" else 2
    visible = [c["key"] for c in form["columns"] if not c.get("hidden")]
    out = {}
    for row in ws.iter_rows(min_row=header + 1, values_only=True):
        if row[1] is None or row[0] is None:
            break
        kind = row[2] if first == 3 else None
        out[(row[1], kind)] = dict(zip(visible, row[first:]))
    return out


kind_words = {"households": "Hộ", "persons": "Nhân khẩu", "poor": "- Hộ nghèo", "children": None}
area_words = {"total": "Tổng cộng I + II", "rural": "Khu vực nông thôn", "urban": "Khu vực thành thị"}
for e in expected():
    form = forms[e["form"]]
    ws = wb[e["form"]]
    kinds = {r["kind"] for r in form["rows"]}
    cells = sheet_cells(ws, {"columns": form["columns"], "kinds": list(kinds)})
    label = e["unit"] if e["unit"] is not None else area_words[e["area"]]
    kind = kind_words[e["kind"]] if len(kinds) > 1 else None
    got = cells[(label, kind)]
    for key, want in e["cells"].items():
        check(got[key] == want, "xlsx %s %s %s: %r != %r" % (e["form"], label, key, got[key], want))
ws = wb["7.1"]
row1 = [c.value for c in ws[1]]
check(row1[0].startswith("UBND") and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in row1, "issuing body and national motto")
check("Độc lập - Tự do - Hạnh phúc" in [c.value for c in ws[2]], "motto, second line")
check(ws["A5"].value.startswith("TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO"), "title of 7.1")
check(ws.freeze_panes is not None, "frozen header")
rate_cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, float))
check(rate_cell.number_format == "0.00", "rates shown with two decimals")
poor_sheet = list(wb["DS HỘ NGHÈO"].iter_rows(values_only=True))
# Column widths fit the widest cell of each list column (between 8 and 60 characters, + 2).
ws_poor = wb["DS HỘ NGHÈO"]
data_rows = [r[0].row for r in ws_poor.iter_rows() if isinstance(r[0].value, int)]  # STT 1, 2, ...
for col_index, col_cells in enumerate(ws_poor.iter_cols(min_col=2, max_col=ws_poor.max_column), 2):
    letter = openpyxl.utils.get_column_letter(col_index)
    widest = max((len(str(c.value)) for c in col_cells if c.row in data_rows and c.value is not None),
                 default=0)
    if widest:
        check(ws_poor.column_dimensions[letter].width >= min(max(widest, 8), 60) + 2 - 0.01,
              "list column %s fits its widest cell (%d characters)" % (letter, widest))
head = next(i for i, r in enumerate(poor_sheet) if r[0] == "STT")
check(poor_sheet[head][1] == "Mã hộ" and [r[1] for r in poor_sheet[head + 1:head + 10]] == [r["id"] for r in lists["poor"]["rows"]],
      "poor list sheet, row by row")

# Without --population the rates are empty, and both the JSON and the sheet say why.
run("report", "--output", "nopop.xlsx", "results.jsonl")
run("report", "--form", "7.1", "--format", "json", "--output", "nopop.json", "results.jsonl")
nopop = json_rows("nopop.json")[0]
check("--population" in nopop["rates_empty"] and find_row(nopop, None, "total", "households")["cells"]["poor_rate"] is None,
      "rates empty without population, and why")
sheet = openpyxl.load_workbook(os.path.join(WORK, "nopop.xlsx"))["7.1"]
check(any("--population" in str(c.value) for row in sheet.iter_rows(max_row=8) for c in row), "sheet says why rates are empty")

# CSV parsed back with a real CSV parser.
run("report", "--population", POPULATION, "--format", "csv", "--output", "csv", "results.jsonl")
with open(os.path.join(WORK, "csv", "mau-7.2.csv"), "rb") as f:
    check(f.read(3) == b"\xef\xbb\xbf", "CSV byte-order mark")
for e in expected():
    with open(os.path.join(WORK, "csv", "mau-%s.csv" % e["form"]), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    form = forms[e["form"]]
    kinds = {r["kind"] for r in form["rows"]}
    first = 3 if len(kinds) > 1 else 2
    visible = [c["key"] for c in form["columns"] if not c.get("hidden")]
    check(rows[1][:2] == ["A", "B"], "column-number row of " + e["form"])
    label = e["unit"] if e["unit"] is not None else area_words[e["area"]]
    kind = kind_words[e["kind"]] if len(kinds) > 1 else None
    row = next(r for r in rows[2:] if r[1] == label and (kind is None or r[2] == kind))
    got = dict(zip(visible, row[first:]))
    for key, want in e["cells"].items():
        text = ("%.2f" % want) if isinstance(want, float) else str(want)
        check(got[key] == text, "csv %s %s %s: %r != %r" % (e["form"], label, key, got[key], text))
with open(os.path.join(WORK, "csv", "danh-sach-new_poor.csv"), encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
check([r[1] for r in rows[1:]] == ["DRN-T3-009", "DRN-T4-001"], "new-poor list in CSV, by village")

# Roll-up: commune reports merged at province level equal the province report of all.
results = [json.loads(line) for line in open(os.path.join(WORK, "results.jsonl"), encoding="utf-8")]
parts = []
for i, commune in enumerate(sorted({r["commune"] for r in results})):
    name = "commune%d.jsonl" % i
    with open(os.path.join(WORK, name), "w", encoding="utf-8") as f:
        for r in results:
            if r["commune"] == commune:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    run("report", "--format", "json", "--output", "commune%d.json" % i, name)
    parts.append("commune%d.json" % i)
run("report", "--level", "province", "--format", "json", "--output", "all.json", "results.jsonl")
run("report", "--level", "province", "--format", "json", "--output", "rolled.json", *parts)
all_doc, rolled = json_rows("all.json"), json_rows("rolled.json")
check(without_provenance(all_doc) == without_provenance(rolled), "roll-up equals the report of all results")

# The workbook's "UBND …" names the reporting unit from the table of administrative units
# when every result names the same one (all of the sample is in province 62, Kon Tum, in
# 2024); at commune level the sample spans two communes, so the dots stay.
run("report", "--level", "province", "--output", "province.xlsx", "results.jsonl")
check(openpyxl.load_workbook(os.path.join(WORK, "province.xlsx"))["7.1"]["A1"].value == "UBND Tỉnh Kon Tum",
      "the province report is headed by its province's name")
check(wb["7.1"]["A1"].value.startswith("UBND ....."), "a commune report of two communes names none")
check(rolled[0]["provenance"]["results"] == 44 and len(rolled[0]["provenance"]["inputs"]) == 2, "roll-up provenance")
units = [r["unit"] for r in all_doc[0]["rows"] if r["unit"]]
check(units == ["Thị trấn Đắk Tô", "Đắk Rơ Nga"], "province units are communes: %r" % units)

# A decision log: the same cells, and its head hash.
run("classify", "--quiet", "--keep", KEEP, "--log", "decisions.log", "--output", "logged.jsonl", SAMPLE)
run("report", "--format", "json", "--output", "from-log.json", "decisions.log")
from_log = json_rows("from-log.json")
last = json.loads(open(os.path.join(WORK, "decisions.log"), encoding="utf-8").read().splitlines()[-1])
check(from_log[0]["provenance"]["log_head"] == last["hash"], "log head hash")
plain = [o["rows"] for o in without_provenance(json_rows("from-log.json")) if "form" in o]
run("report", "--format", "json", "--output", "plain.json", "results.jsonl")
check(plain == [o["rows"] for o in json_rows("plain.json") if "form" in o], "a log gives the cells of its results")

# Error records are skipped, named, and make the exit status 1.
with open(os.path.join(WORK, "with-error.jsonl"), "w", encoding="utf-8") as f:
    f.write(open(os.path.join(WORK, "results.jsonl"), encoding="utf-8").read())
    f.write('{"id":"BAD-1","line":45,"error":{"code":"invalid_field","field":"area","message":"x"}}\n')
p = run("report", "--format", "json", "--output", "with-error.json", "with-error.jsonl", expect=1)
prov = json_rows("with-error.json")[0]["provenance"]
check(prov["errors_skipped"] == 1 and prov["skipped"][0]["id"] == "BAD-1" and prov["skipped"][0]["line"] == 45,
      "skipped error named")
check("BAD-1" not in p.stdout and "1" in p.stderr, "skipped count said")

# A file being read is never overwritten.
before = open(os.path.join(WORK, "results.jsonl"), "rb").read()
run("report", "--format", "json", "--output", "results.jsonl", "results.jsonl", expect=2)
check(open(os.path.join(WORK, "results.jsonl"), "rb").read() == before, "input left intact")

# English headers; the district level ends with the 2025 reform.
run("--lang", "en", "report", "--form", "7.2", "--format", "json", "--output", "en.json", "results.jsonl")
check(json_rows("en.json")[0]["title"] == "MOVEMENTS OF POOR HOUSEHOLDS DURING THE YEAR", "English title")
with open(os.path.join(WORK, "late.jsonl"), "w", encoding="utf-8") as f:
    r = dict(results[0], survey_date="2025-08-01")
    f.write(json.dumps(r, ensure_ascii=False) + "\n")
p = run("report", "--level", "district", "--format", "json", "--output", "late.json", "late.jsonl", expect=2)
check("2025" in p.stderr, "district level refused after the reform")

# A local rule set inherits the national layouts and replaces one by its id (7.9 with its
# own ethnic columns): 5 of the 9 poor households are Xơ Đăng (DRN-T1-001, DRN-T2-001,
# DRN-T4-001, DRN-T2-002, DRN-T4-009).
local_rules = os.path.join(WORK, "rules")
shutil.copytree(RULES, local_rules)
os.makedirs(os.path.join(local_rules, "test", "2024", "reports"))
# Its territory is Lạng Sơn (20): a real province code on its first day (the engine refuses
# one that is not, rules/places), and none of the sample's Kon Tum households is there.
with open(os.path.join(local_rules, "test", "2024", "ruleset.lua"), "w", encoding="utf-8") as f:
    f.write('ruleset { id = "test/2024", version = "1", jurisdiction = "20", extends = "vn/2022-2025",\n'
            '  title = { vi = "Thử", en = "Test" }, legal_basis = { "none" },\n'
            '  in_force = { from = "2024-01-01", to = "2024-12-31" } }\n')
with open(os.path.join(local_rules, "test", "2024", "reports", "7.9.lua"), "w", encoding="utf-8") as f:
    f.write('report_form "7.9" { title = { vi = "DÂN TỘC", en = "ETHNIC" }, citation = "test", status = SECONDARY,\n'
            '  columns = { { key = "poor", label = { vi = "Hộ nghèo", en = "Poor" }, count = { class = "poor" } },\n'
            '              { key = "poor_xo_dang", label = { vi = "Xơ Đăng", en = "Xơ Đăng" },\n'
            '                count = { class = "poor", ethnicity = "Xơ Đăng", change = { except = { "died" } } } } } }\n')
run("report", "--rules", local_rules, "--ruleset", "test/2024", "--format", "json", "--output", "local.json", "results.jsonl")
local = {o.get("form"): o for o in json_rows("local.json") if "form" in o}
total = find_row(local["7.9"], None, "total", "households")
check(local["7.9"]["title"] == "DÂN TỘC" and total["cells"]["poor_xo_dang"] == 5, "local 7.9 replaces the national one")
check(local["7.2"]["rows"] == forms["7.2"]["rows"], "local set inherits the other forms")
check(local["7.2"]["provenance"]["layout"]["id"] == "test/2024", "provenance names the layout's rule set")

# A layout edit changes no class, so no content hash; the report names it by its own hash.
before_hash = run("rules", "hash", "vn/2022-2025", "--rules", local_rules).stdout
layout_before = json_rows("local.json")[0]["provenance"]["layout"]["layout_sha256"]
lists_file = os.path.join(local_rules, "vn", "2022-2025", "reports", "lists.lua")
with open(lists_file, encoding="utf-8") as f:
    text = f.read()
with open(lists_file, "w", encoding="utf-8") as f:
    f.write(text.replace('"Mã hộ"', '"Mã số hộ"'))
check(run("rules", "hash", "vn/2022-2025", "--rules", local_rules).stdout == before_hash, "layout edit keeps the hash")
run("report", "--rules", local_rules, "--ruleset", "test/2024", "--format", "json", "--output", "local2.json", "results.jsonl")
check(json_rows("local2.json")[0]["provenance"]["layout"]["layout_sha256"] != layout_before, "layout hash follows the edit")

# 'rasoat check' reads the layouts as the report does: a formula naming a column the form
# lacks is an error at its file and line.
with open(os.path.join(local_rules, "test", "2024", "reports", "7.9.lua"), "w", encoding="utf-8") as f:
    f.write('report_form "7.9" { title = { vi = "DÂN TỘC", en = "ETHNIC" }, citation = "test", status = SECONDARY,\n'
            '  columns = { { key = "poor", label = { vi = "a", en = "a" }, formula = "poor - kinh" } } }\n')
p = run("--lang", "en", "check", "--rules", local_rules, "test/2024", expect=2)
check("7.9.lua:1): field 'formula' names column 'kinh', which the form lacks" in p.stdout, "check names the layout error")

for f in failures:
    print("FAIL:", f)
print("%d passed, %d failed" % (checked[0] - len(failures), len(failures)))
sys.exit(1 if failures else 0)
