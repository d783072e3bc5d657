#!/usr/bin/env python3
"""tools/admin_units.py: build rules/places/admin-units.tsv, rasoat's table of Vietnam's
administrative units over time, from the dvhcvn/20250701 snapshot kept in
shared/data/admin-units-2025/ (splits.json: old -> new; merges.json: new -> old;
915_CTK-CSCL.csv: the 34 province codes; 1027_CTK-CSCL.md: the 3,321 commune codes).

Usage: tools/admin_units.py SOURCE_DIR [OUTPUT]   (OUTPUT defaults to standard output)

The output is deterministic (same input, same bytes). Every figure the engine relies on is
checked here and the build stops on any disagreement between the four source files, so a
table that loads is one whose two directions (old -> new, new -> old) agree.

Format (rasoat.places/1), one record per line, fields separated by a tab; '#' lines are
comments; an empty date means "open" (no start known / still in force):
  R  DATE                                  the reform: the new codes apply from DATE and
                                           the district level ends the day before
  P  CODE FROM TO NAME SUCCESSOR           a province code in force FROM..TO; SUCCESSOR is
                                           the province its territory went into (itself
                                           when the code lives on), empty while in force
  C  CODE FROM TO NAME PROVINCE FORMER FLAGS LINKS
                                           a commune code in force FROM..TO, in PROVINCE;
                                           for a new commune FORMER lists the former
                                           provinces it draws on and LINKS the former
                                           communes it took in; for a former commune
                                           FORMER is empty and LINKS lists the new
                                           communes it went into (comma-separated);
                                           FLAGS: 't' was a town (thị trấn), 'T' a new
                                           commune that took in a former town
"""
import csv
import hashlib
import json
import os
import re
import sys

REFORM = "2025-07-01"
LAST_OLD_DAY = "2025-06-30"
EXPECTED = {"old_provinces": 63, "new_provinces": 34, "old_communes": 10047, "new_communes": 3321}


def fail(msg):
    sys.exit("admin_units.py: " + msg)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def clean(name):
    """One line of text: the markdown table breaks some names with <br>."""
    name = re.sub(r"\s*<br>\s*", " ", name)
    return re.sub(r"\s+", " ", name).strip()


def is_town(name):
    return name.lower().startswith("thị trấn")


def main(argv):
    if len(argv) not in (2, 3):
        fail("usage: admin_units.py SOURCE_DIR [OUTPUT]")
    src = argv[1]
    paths = {n: os.path.join(src, n) for n in
             ("splits.json", "merges.json", "915_CTK-CSCL.csv", "1027_CTK-CSCL.md", "LICENSE")}
    with open(paths["splits.json"], encoding="utf-8") as f:
        splits = json.load(f)["data"]
    with open(paths["merges.json"], encoding="utf-8") as f:
        merges = json.load(f)["data"]

    # Former provinces and communes (before REFORM).
    old_prov = {}        # code -> (name, successor)
    old_comm = {}        # code -> (name, province, [new codes])
    district_of = {}     # island district code -> former province (the 5 đặc khu)
    for p in splits:
        if len(p["splits"]) != 1:
            fail("former province %s goes into %d provinces" % (p["level1_id"], len(p["splits"])))
        old_prov[p["level1_id"]] = (p["name"], p["splits"][0]["new_id"])
        for d in p.get("level2s", []):
            district_of[d["level2_id"]] = p["level1_id"]
        for c in p["level3s"]:
            if c["level3_id"] in old_comm:
                fail("former commune %s listed twice" % c["level3_id"])
            news = [s["new_id"] for s in c["splits"]]
            if not news:
                fail("former commune %s goes nowhere" % c["level3_id"])
            old_comm[c["level3_id"]] = (clean(c["name"]), p["level1_id"], news)

    # New provinces and communes (from REFORM).
    new_prov = {}        # code -> name
    new_comm = {}        # code -> (name, province, [former provinces], [former communes], town?)
    for p in merges:
        new_prov[p["level1_id"]] = p["name"]
        for m in p["merges"]:
            if m["type"] != "full" or old_prov.get(m["old_id"], (None, None))[1] != p["level1_id"]:
                fail("province %s: merge of %s disagrees with splits.json" % (p["level1_id"], m["old_id"]))
        for c in p["level2s"]:
            olds, formers, town = [], set(), False
            for m in c["merges"]:
                o = m["old_id"]
                if o in old_comm:
                    olds.append(o)
                    formers.add(old_comm[o][1])
                    town = town or is_town(old_comm[o][0])
                elif o in district_of:       # an island district became a đặc khu whole
                    formers.add(district_of[o])
                else:
                    fail("commune %s takes in unknown unit %s" % (c["level2_id"], o))
            new_comm[c["level2_id"]] = (clean(c["name"]), p["level1_id"], sorted(formers),
                                        sorted(olds), town)

    # The two directions must agree, pair by pair.
    old_to_new = {(o, n) for o, (_, _, news) in old_comm.items() for n in news}
    new_to_old = {(o, n) for n, v in new_comm.items() for o in v[3]}
    if old_to_new != new_to_old:
        fail("splits.json and merges.json disagree on %d pairs" % len(old_to_new ^ new_to_old))

    # The official lists: 34 province codes (915) and 3,321 commune codes (1027).
    with open(paths["915_CTK-CSCL.csv"], encoding="utf-8-sig", newline="") as f:
        official_prov = {row["Mã số"] for row in csv.DictReader(f)}
    if official_prov != set(new_prov):
        fail("915_CTK-CSCL.csv and merges.json disagree on province codes")
    official_comm = {}
    with open(paths["1027_CTK-CSCL.md"], encoding="utf-8") as f:
        for line in f:
            cells = [x.strip() for x in line.strip().strip("|").split("|")]
            if len(cells) >= 4 and re.fullmatch(r"\d{5}", cells[1]):
                official_comm[cells[1]] = clean(cells[2])
    if set(official_comm) != set(new_comm):
        fail("1027_CTK-CSCL.md and merges.json disagree on commune codes")
    norm = lambda s: s.replace(" - ", "-").replace("- ", "-").replace(" -", "-")
    for code, name in official_comm.items():
        if norm(name) != norm(new_comm[code][0]):
            fail("commune %s: '%s' in 1027 but '%s' in merges.json" % (code, name, new_comm[code][0]))

    counts = {"old_provinces": len(old_prov), "new_provinces": len(new_prov),
              "old_communes": len(old_comm), "new_communes": len(new_comm)}
    if counts != EXPECTED:
        fail("counts %r differ from %r" % (counts, EXPECTED))

    out = open(argv[2], "w", encoding="utf-8", newline="\n") if len(argv) == 3 else sys.stdout
    w = out.write
    w("# rasoat.places/1: Vietnam's administrative units before and after %s.\n" % REFORM)
    w("# Generated by tools/admin_units.py; do not edit by hand (rules/places/README.md).\n")
    w("# Source: github.com/dvhcvn/20250701 @ dd94887ce32324380bc5bb0a76fe39867dafc73b (MIT),\n")
    w("# as copied in shared/data/admin-units-2025/. Status: SECONDARY (machine-generated from the\n")
    w("# 34 UBTVQH resolutions 1654-1687/NQ-UBTVQH15 and checked by hand by its authors; codes as\n")
    w("# in Công văn 915/CTK-CSCL and 1027/CTK-CSCL, which Decision 19/2025/QĐ-TTg adopted).\n")
    for name in sorted(paths):
        w("# sha256 %s  %s\n" % (sha256(paths[name]), name))
    w("# counts: %d former provinces, %d former communes, %d provinces, %d communes\n"
      % (counts["old_provinces"], counts["old_communes"], counts["new_provinces"], counts["new_communes"]))
    w("R\t%s\n" % REFORM)
    for code in sorted(old_prov):
        name, succ = old_prov[code]
        w("P\t%s\t\t%s\t%s\t%s\n" % (code, LAST_OLD_DAY, name, succ))
    for code in sorted(new_prov):
        w("P\t%s\t%s\t\t%s\t\n" % (code, REFORM, new_prov[code]))
    for code in sorted(old_comm):
        name, prov, news = old_comm[code]
        w("C\t%s\t\t%s\t%s\t%s\t\t%s\t%s\n" % (code, LAST_OLD_DAY, name, prov,
                                             "t" if is_town(name) else "", ",".join(news)))
    for code in sorted(new_comm):
        name, prov, formers, olds, town = new_comm[code]
        w("C\t%s\t%s\t\t%s\t%s\t%s\t%s\t%s\n" % (code, REFORM, name, prov, ",".join(formers),
                                             "T" if town else "", ",".join(olds)))
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
