#!/usr/bin/python3
"""report_memory.py: the peak memory of 'rasoat report' does not grow with the households.

The review commune's results (classify --keep of the bundled fixture) are repeated into two
files of the same villages, SMALL and LARGE households (each with its own id and a long
head's name, so that the lists' rows are some 8 KB each and the lists of SMALL alone, some
12 MB, are past the 8 MiB the lists' sort keeps in memory). Each is reported on 1 and on 2
threads, and the peak resident memory of each run (its ru_maxrss, through peak_rss.c) is
compared: the report of LARGE holds 3 times the list rows of SMALL, yet its peak may exceed
SMALL's by at most GROWTH_MIB (a report that kept its list rows, or anything per household,
in memory would take some 24 MiB more), and stays under LIMIT_MIB. Not a timing: memory only. Skipped
(exit 77) under a sanitizer, whose shadow memory and quarantine are not the program's.

Usage: report_memory.py RASOAT RULES_DIR WORK_DIR SANITIZE PEAK_RSS
"""
import json
import os
import shutil
import subprocess
import sys

RASOAT, RULES, WORK, SANITIZE, PEAK_RSS = sys.argv[1:6]
SAMPLE = os.path.join(RULES, "vn", "2022-2025", "fixtures", "review-commune.jsonl")
KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head"
SMALL_ABOUT = 2000          # households; LARGE is 3 times SMALL, both whole rounds of the sample
NAME_BYTES = 8000
GROWTH_MIB = 8
LIMIT_MIB = 64


def write_results(base, n, path):
    """n results cycling over 'base', each with an id and a head's name of its own."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            r = dict(base[i % len(base)])
            r["id"] = "%s-%06d" % (r["id"], i)
            r["head_name"] = ("Nguyễn Thị %06d " % i) * (NAME_BYTES // 19)
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


def peak_kib(args):
    """Run rasoat with 'args' (through PEAK_RSS, see peak_rss.c); its peak memory in KiB."""
    p = subprocess.run([PEAK_RSS, RASOAT, *args], cwd=WORK, capture_output=True, text=True,
                       env={**os.environ, "RASOAT_LANG": "en", "TMPDIR": WORK})
    if p.returncode != 0 or len(p.stdout.split()) != 2 or p.stdout.split()[1] not in ("0", "1"):
        raise SystemExit("rasoat %s: %s\n%s" % (" ".join(args), p.stdout, p.stderr))
    return int(p.stdout.split()[0])


def list_rows(path):
    """The list rows of a JSON report (one a line, as rasoat writes them)."""
    with open(path, "rb") as f:
        return sum(1 for line in f if line.startswith(b'{"id":') or line.startswith(b',{"id":'))


def main():
    if SANITIZE not in ("", "none"):
        print("report_memory: skipped under -Db_sanitize=%s (its shadow memory is not rasoat's)" % SANITIZE)
        return 77
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    p = subprocess.run([RASOAT, "classify", "--quiet", "--rules", RULES, "--keep", KEEP, SAMPLE],
                       capture_output=True, text=True, check=True)
    base = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    base = [r for r in base if "error" not in r]
    global SMALL, LARGE
    SMALL = len(base) * (SMALL_ABOUT // len(base))
    LARGE = 3 * SMALL
    files = {}
    for n in (SMALL, LARGE):
        files[n] = os.path.join(WORK, "results-%d.jsonl" % n)
        write_results(base, n, files[n])
    failures = []
    rows = {}
    for jobs in (1, 2):
        peak = {}
        for n in (SMALL, LARGE):
            out = os.path.join(WORK, "report-%d-%d.json" % (n, jobs))
            peak[n] = peak_kib(["report", "--jobs", str(jobs), "--rules", RULES, "--ruleset", "vn/2022-2025",
                                "--format", "json", "--output", out, files[n]])
            rows[n] = list_rows(out)
            os.remove(out)
            print("report --jobs %d, %6d households, %6d list rows: peak %.1f MiB"
                  % (jobs, n, rows[n], peak[n] / 1024))
        if rows[LARGE] != rows[SMALL] * LARGE // SMALL:
            failures.append("--jobs %d: %d list rows for %d households, %d for %d"
                            % (jobs, rows[LARGE], LARGE, rows[SMALL], SMALL))
        if peak[LARGE] - peak[SMALL] > GROWTH_MIB * 1024:
            failures.append("--jobs %d: %d households peak at %.1f MiB, %d at %.1f MiB: memory grows with the households"
                            % (jobs, LARGE, peak[LARGE] / 1024, SMALL, peak[SMALL] / 1024))
        if peak[LARGE] > LIMIT_MIB * 1024:
            failures.append("--jobs %d: peak %.1f MiB, over %d MiB" % (jobs, peak[LARGE] / 1024, LIMIT_MIB))
    shutil.rmtree(WORK, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
