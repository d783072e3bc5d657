#!/usr/bin/python3
"""report_merge.py: reports are partial sums that merge (docs/scale.md).

The bundled review commune split by commune, and synthetic households (bench's
gen_households) split by province and each province by commune: every part is reported on
its own, the partial reports are merged with 'rasoat report --merge' (a province's report
from its communes', the country's from its provinces'), and the merge is compared with the
report of all the parts' files read at once:
  - JSON byte for byte, once the merged report's "merged" member (the partial report files,
    which the report of the whole cannot name) is cut out;
  - CSV byte for byte, every file;
  - xlsx by the value of every cell of every sheet (openpyxl), the provenance sheet's
    "partial report merged" rows aside.
Also: partitions classified with their own decision log (each verified on its own) give
partial reports whose merge names every partition's log head; partitions disagreeing on a
unit's population, a results file under --merge, a partial report given twice or made with
another layout, and a cut-off partial report are refused; a pretty-printed one (read whole,
not as a stream) merges the same.

Usage: report_merge.py RASOAT RULES_DIR WORK_DIR GEN_HOUSEHOLDS
"""
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import openpyxl

RASOAT, RULES, WORK, GEN = sys.argv[1:5]
FIXTURES = os.path.join(RULES, "vn", "2022-2025", "fixtures")
SAMPLE = os.path.join(FIXTURES, "review-commune.jsonl")
POPULATION = os.path.join(FIXTURES, "review-commune.population.csv")
KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head"
MERGED_SHEET_ROW = "Báo cáo bộ phận đã gộp"
failures = []
checked = [0]


def run(*args, expect=(0,)):
    p = subprocess.run([RASOAT, *args], cwd=WORK, capture_output=True, text=True,
                       env={**os.environ, "RASOAT_RULES": RULES, "RASOAT_LANG": "vi",
                            "SOURCE_DATE_EPOCH": "1735635600"})
    if p.returncode not in expect:
        raise SystemExit("rasoat %s: exit %d, expected %s\n%s" % (" ".join(args), p.returncode, expect, p.stderr))
    return p


def check(cond, what):
    checked[0] += 1
    if not cond:
        failures.append(what)


def read(path, mode="rb"):
    with open(os.path.join(WORK, path), mode) as f:
        return f.read()


def without_merged(text):
    """The JSON report's bytes without the provenance's "merged" member."""
    return re.sub(rb',"merged":\[[^\]]*\]', b"", text)


def split(results, key, prefix):
    """Write the results into one file per value of key(result), in sorted order of the
    values, each keeping the input order; returns the file names."""
    groups = {}
    for line in results:
        groups.setdefault(key(json.loads(line)), []).append(line)
    names = []
    for i, value in enumerate(sorted(groups)):
        name = "%s%02d.jsonl" % (prefix, i)
        with open(os.path.join(WORK, name), "w", encoding="utf-8") as f:
            f.writelines(groups[value])
        names.append(name)
    return names


def sheet_values(path):
    book = openpyxl.load_workbook(os.path.join(WORK, path), read_only=True)
    out = {}
    for ws in book.worksheets:
        out[ws.title] = [row for row in ws.iter_rows(values_only=True) if row[:1] != (MERGED_SHEET_ROW,)]
    book.close()
    return out


def compare_merge(parts, tag, level_args, extra=()):
    """Report each part, merge the partial reports, compare with the report of all parts in
    JSON, CSV and xlsx. Returns the merged JSON's name."""
    for fmt in ("json", "csv", "xlsx"):
        ext = {"json": ".json", "csv": "", "xlsx": ".xlsx"}[fmt]
        run("report", *level_args, *extra, "--format", fmt, "--output", "%s-whole%s" % (tag, ext), *parts,
            expect=(0, 1))
        partials = []
        for i, part in enumerate(parts):
            name = "%s-part%02d.json" % (tag, i)
            if fmt == "json" or not os.path.exists(os.path.join(WORK, name)):
                run("report", *level_args, *extra, "--format", "json", "--output", name, part, expect=(0, 1))
            partials.append(name)
        merged = "%s-merged%s" % (tag, ext)
        run("report", "--merge", "--format", fmt, "--output", merged, *partials, expect=(0, 1))
        if fmt == "json":
            whole, got = read("%s-whole.json" % tag), read(merged)
            check(whole == without_merged(got), "%s: merged JSON differs from the whole's" % tag)
            check(got != whole, "%s: the merged JSON names its partial reports" % tag)
            names = json.loads(got)[0]["provenance"]["merged"]
            check([m["file"] for m in names] == partials
                  and all(m["sha256"] == hashlib.sha256(read(m["file"])).hexdigest() for m in names),
                  "%s: merged names each partial report with its SHA-256" % tag)
        elif fmt == "csv":
            files = sorted(os.listdir(os.path.join(WORK, "%s-whole" % tag)))
            check(files == sorted(os.listdir(os.path.join(WORK, merged))) and len(files) > 10,
                  "%s: the same CSV files" % tag)
            for name in files:
                check(read(os.path.join("%s-whole" % tag, name)) == read(os.path.join(merged, name)),
                      "%s: CSV %s differs" % (tag, name))
        else:
            whole, got = sheet_values("%s-whole.xlsx" % tag), sheet_values(merged)
            check(list(whole) == list(got) and len(whole) == 21, "%s: the same sheets" % tag)
            for title in whole:
                check(whole[title] == got.get(title), "%s: sheet %s differs" % (tag, title))
    return "%s-merged.json" % tag


if os.path.isdir(WORK):
    shutil.rmtree(WORK)
os.makedirs(WORK)

# 1. The bundled review commune (two communes of Kon Tum), split by commune, with the
#    statistics office's population for the rates, at commune and province level.
run("classify", "--quiet", "--keep", KEEP, "--output", "results.jsonl", SAMPLE)
results = read("results.jsonl", "r").splitlines(keepends=True)
communes = split(results, lambda r: r["commune"], "commune")
check(len(communes) == 2, "the sample has two communes")
for level in ("commune", "province"):
    compare_merge(communes, "sample-" + level, ("--level", level), ("--population", POPULATION))
check(sheet_values("sample-province-merged.xlsx")["7.1"][0][0] == "UBND Tỉnh Kon Tum",
      "the merged province report is headed by its province, as the whole is")
merged = json.loads(read("sample-province-merged.json"))
whole_of_one = "sample-one.json"
run("report", "--level", "province", "--population", POPULATION, "--format", "json", "--output", whole_of_one,
    "results.jsonl")
check([o["rows"] for o in merged] == [o["rows"] for o in json.loads(read(whole_of_one))],
      "the merge has the rows of the report of the unsplit results")
check(merged[0]["provenance"]["results"] == 44, "44 results in the merge")

# 2. Each partition classified with its own decision log, verified on its own; the merged
#    report names every partition's log head, as the report of all the logs does.
logs = []
for i, part in enumerate(communes):
    households = "households%02d.jsonl" % i
    with open(os.path.join(WORK, households), "w", encoding="utf-8") as f:
        wanted = {json.loads(line)["id"] for line in read(part, "r").splitlines()}
        for line in open(SAMPLE, encoding="utf-8"):
            if json.loads(line)["id"] in wanted:
                f.write(line)
    run("classify", "--quiet", "--keep", KEEP, "--log", "decisions%02d.log" % i, "--output", "/dev/null", households)
    run("verify", "decisions%02d.log" % i)
    logs.append("decisions%02d.log" % i)
merged = compare_merge(logs, "logs", ("--level", "province"))
heads = [json.loads(read(log, "r").splitlines()[-1])["hash"] for log in logs]
inputs = json.loads(read(merged))[0]["provenance"]["inputs"]
check([i["file"] for i in inputs] == logs and [i.get("log_head") for i in inputs] == heads,
      "the merged report names each partition's log head")

# 3. Synthetic households of many provinces: each province split by commune into two
#    halves; the halves' reports merge into the provinces', the provinces' into the
#    country's, equal to the report of all halves and to the merge of all halves at once.
subprocess.run([GEN, "3000", os.path.join(WORK, "generated.jsonl")], check=True)
run("classify", "--quiet", "--keep", KEEP, "--output", "generated-results.jsonl", "generated.jsonl", expect=(0, 1))
generated = read("generated-results.jsonl", "r").splitlines(keepends=True)
provinces = split(generated, lambda r: r.get("province", ""), "province")
check(len(provinces) > 10, "the synthetic households span many provinces")
halves, province_reports = [], []
for p, name in enumerate(provinces):
    lines = read(name, "r").splitlines(keepends=True)
    codes = sorted({json.loads(line)["commune"] for line in lines})
    cut = codes[len(codes) // 2]
    mine = split(lines, lambda r: r["commune"] >= cut, "p%02d-half" % p)
    for h, half in enumerate(mine):
        run("report", "--level", "province", "--format", "json", "--output", "p%02d-half%d.json" % (p, h), half,
            expect=(0, 1))
    run("report", "--merge", "--format", "json", "--output", "p%02d.json" % p,
        *["p%02d-half%d.json" % (p, h) for h in range(len(mine))], expect=(0, 1))
    run("report", "--level", "province", "--format", "json", "--output", "p%02d-whole.json" % p, *mine,
        expect=(0, 1))
    check(read("p%02d-whole.json" % p) == without_merged(read("p%02d.json" % p)),
          "province %s: merge of its communes' halves" % name)
    halves += mine
    province_reports.append("p%02d.json" % p)
run("report", "--merge", "--format", "json", "--output", "country.json", *province_reports, expect=(0, 1))
run("report", "--merge", "--format", "json", "--output", "country-flat.json",
    *["p%02d-half%d.json" % (p, h) for p in range(len(provinces)) for h in range(2)
      if os.path.exists(os.path.join(WORK, "p%02d-half%d.json" % (p, h)))], expect=(0, 1))
run("report", "--level", "province", "--format", "json", "--output", "country-whole.json", *halves, expect=(0, 1))
check(read("country-whole.json") == without_merged(read("country.json")),
      "the country's report is the merge of its provinces'")
check(without_merged(read("country-flat.json")) == without_merged(read("country.json")),
      "merging in two steps or one gives the same report")
country = json.loads(read("country.json"))
check(country[0]["provenance"]["results"] == 3000 and len(country[0]["provenance"]["inputs"]) == len(halves),
      "the country's provenance counts every result and names every partition's file")
run("report", "--level", "province", "--format", "json", "--output", "country-one.json", "generated-results.jsonl",
    expect=(0, 1))
check([o["rows"] for o in country] == [o["rows"] for o in json.loads(read("country-one.json"))],
      "the country's merge has the rows of the report of all results at once")

# 4. Refusals: partitions giving one unit two populations; a results file under --merge.
with open(POPULATION, encoding="utf-8") as f:
    rows = list(csv.reader(f))
rows[1][3] = str(int(rows[1][3]) + 1)
with open(os.path.join(WORK, "other-population.csv"), "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(rows)
run("report", "--population", "other-population.csv", "--format", "json", "--output", "other.json", communes[0])
p = run("report", "--merge", "--format", "json", "--output", "conflict.json", "sample-commune-part00.json",
        "other.json", expect=(2,))
check("Thôn 1" in p.stderr and not os.path.exists(os.path.join(WORK, "conflict.json")),
      "a unit with two populations is refused, naming it: " + p.stderr)
p = run("report", "--merge", "--format", "json", "--output", "mixed.json", "sample-commune-part00.json",
        "results.jsonl", expect=(2,))
check("--merge" in p.stderr and "results.jsonl" in p.stderr, "--merge refuses a results file: " + p.stderr)
shutil.copy(os.path.join(WORK, "sample-commune-part00.json"), os.path.join(WORK, "again.json"))
p = run("report", "--merge", "--format", "json", "--output", "twice.json", "sample-commune-part00.json", "again.json",
        expect=(2,))
check("again.json" in p.stderr and "sample-commune-part00.json" in p.stderr, "a partial report given twice is refused: " + p.stderr)
doc = read("sample-commune-part01.json").replace(b'"layout_sha256":"', b'"layout_sha256":"0', 1)
with open(os.path.join(WORK, "other-layout.json"), "wb") as f:
    f.write(doc)
p = run("report", "--merge", "--format", "json", "--output", "layouts.json", "sample-commune-part00.json",
        "other-layout.json", expect=(2,))
check("layout_sha256" in p.stderr, "a partial report of another layout is refused: " + p.stderr)

# Partial reports are read a line at a time as rasoat writes them; one laid out otherwise
# (pretty-printed) is parsed whole and merges the same; one cut off is refused.
with open(os.path.join(WORK, "pretty.json"), "w", encoding="utf-8") as f:
    json.dump(json.loads(read("sample-province-part00.json")), f, ensure_ascii=False, indent=1)
run("report", "--merge", "--format", "json", "--output", "pretty-merged.json", "pretty.json",
    "sample-province-part01.json")
check([o["rows"] for o in json.loads(read("pretty-merged.json"))]
      == [o["rows"] for o in json.loads(read("sample-province-merged.json"))], "a pretty-printed partial merges the same")
with open(os.path.join(WORK, "cut.json"), "wb") as f:
    f.write(read("sample-province-part00.json")[:-200])
p = run("report", "--merge", "--format", "json", "--output", "cut-merged.json", "cut.json",
        "sample-province-part01.json", expect=(2,))
check("cut.json" in p.stderr and not os.path.exists(os.path.join(WORK, "cut-merged.json")),
      "a cut-off partial report is refused: " + p.stderr)

if failures:
    print("FAILED %d of %d checks:" % (len(failures), checked[0]))
    for f in failures:
        print("  " + f)
    sys.exit(1)
print("report merge: %d checks passed" % checked[0])
