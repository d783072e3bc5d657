#!/usr/bin/python3
"""jobs_one_batch.py: an input that fits in one batch starts no thread pool (issue 13).

classify, report, diff and replay with --jobs 7 on the review commune (44 households, one
batch) give the same bytes and exit status as with --jobs 1, and take no more memory: a
pool would open an engine per thread (diff two), some 3 MiB each, so the peak resident
memory of --jobs 7 (its ru_maxrss, through peak_rss.c) may exceed that of --jobs 1 by at
most SPARE_MIB. That the measure sees a pool is checked too: on the same households 27
times over (past two batches), report --jobs 7 takes at least POOL_MIB more than --jobs 1.
Memory only, no timing. Under a sanitizer, whose shadow memory is not the program's, only
the bytes and exit statuses are compared.

Usage: jobs_one_batch.py RASOAT RULES_DIR WORK_DIR SANITIZE PEAK_RSS
"""
import os
import shutil
import subprocess
import sys

RASOAT, RULES, WORK, SANITIZE, PEAK_RSS = sys.argv[1:6]
SAMPLE = os.path.join(RULES, "vn", "2022-2025", "fixtures", "review-commune.jsonl")
KEEP = "head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head"
SPARE_MIB = 4
POOL_MIB = 8
ENV = {**os.environ, "RASOAT_LANG": "en", "TMPDIR": WORK}


def rasoat(*args, expect=(0, 1)):
    """Run rasoat in WORK; its exit status and standard output (bytes)."""
    p = subprocess.run([RASOAT, *args], cwd=WORK, capture_output=True, env=ENV)
    if p.returncode not in expect:
        raise SystemExit("rasoat %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p.returncode, p.stdout


def peak_kib(*args):
    """The peak memory in KiB of rasoat with 'args' (through PEAK_RSS, see peak_rss.c)."""
    p = subprocess.run([PEAK_RSS, RASOAT, *args], cwd=WORK, capture_output=True, text=True, env=ENV)
    if p.returncode != 0 or len(p.stdout.split()) != 2:
        raise SystemExit("peak_rss rasoat %s: %s\n%s" % (" ".join(args), p.stdout, p.stderr))
    return int(p.stdout.split()[0])


def read(name):
    with open(os.path.join(WORK, name), "rb") as f:
        return f.read()


def main():
    # Under a sanitizer the bytes are still compared; memory is not (its shadow memory and
    # quarantine are not rasoat's).
    measure = SANITIZE in ("", "none")
    if not measure:
        print("jobs_one_batch: -Db_sanitize=%s: bytes compared, memory not measured" % SANITIZE)
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    shutil.copy(SAMPLE, os.path.join(WORK, "in.jsonl"))
    rasoat("classify", "--quiet", "--jobs", "1", "--rules", RULES, "--keep", KEEP,
           "--log", "d.log", "--output", "res.jsonl", "in.jsonl")
    with open(os.path.join(WORK, "big.jsonl"), "wb") as f:
        f.write(read("res.jsonl") * 27)
    # Each command: its arguments for --jobs N, and the file it writes ("-": its stdout).
    commands = {
        "classify": (lambda n: ["classify", "--quiet", "--jobs", n, "--rules", RULES,
                                "--output", "c%s.jsonl" % n, "in.jsonl"], "c%s.jsonl"),
        "report": (lambda n: ["report", "--jobs", n, "--rules", RULES, "--format", "json",
                              "--output", "r%s.json" % n, "res.jsonl"], "r%s.json"),
        "diff": (lambda n: ["diff", "--jobs", n, "--rules", RULES, "--from", "vn/2022-2025",
                            "--to", "vn/2027-2030", "--format", "json", "--output", "d%s.json" % n,
                            "in.jsonl"], "d%s.json"),
        "replay": (lambda n: ["replay", "--jobs", n, "--rules", RULES, "d.log"], "-"),
    }
    failures = []
    for name, (args, out) in commands.items():
        got = {}
        peak = {}
        for n in ("1", "7"):
            status, stdout = rasoat(*args(n))
            got[n] = (status, stdout if out == "-" else read(out % n))
            peak[n] = peak_kib(*args(n)) if measure else 0
        print("%-8s --jobs 1: peak %.1f MiB, --jobs 7: %.1f MiB, %d bytes out"
              % (name, peak["1"] / 1024, peak["7"] / 1024, len(got["1"][1])))
        if got["1"] != got["7"]:
            failures.append("%s: --jobs 7 gives other bytes or another exit status than --jobs 1" % name)
        if not got["1"][1]:
            failures.append("%s: no output" % name)
        if peak["7"] - peak["1"] > SPARE_MIB * 1024:
            failures.append("%s: one batch, yet --jobs 7 takes %.1f MiB more than --jobs 1 (a pool started?)"
                            % (name, (peak["7"] - peak["1"]) / 1024))
    if measure:
        pool = [peak_kib("report", "--jobs", n, "--rules", RULES, "--format", "json", "--output", "big.json",
                         "big.jsonl") for n in ("1", "7")]
        print("report of %d results: --jobs 1 peak %.1f MiB, --jobs 7 %.1f MiB"
              % (27 * len(read("res.jsonl").splitlines()), pool[0] / 1024, pool[1] / 1024))
        if pool[1] - pool[0] < POOL_MIB * 1024:
            failures.append("past two batches, report --jobs 7 takes only %.1f MiB more than --jobs 1: "
                            "the measure does not see a pool" % ((pool[1] - pool[0]) / 1024))
    shutil.rmtree(WORK, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
