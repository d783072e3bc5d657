#!/bin/sh
# report.sh: time 'rasoat report' on N classified results (design.md, "Quality bars":
# memory flat in the number of households). Generates N synthetic households
# (gen_households: start-of-year statuses, history and household events, so every
# transition code and every form column is exercised), classifies them once with the
# fields the lists and forms 7.8-7.11 read (--keep), then reports at commune and province
# level in JSON and xlsx, each under /usr/bin/time -v, and prints results/s and peak RSS.
# The synthetic households spread over some 80,000 villages of one province (about one
# village per 1.2 households at 100,000), so the commune level, whose units are villages,
# is timed on the first 10,000 results only: its memory is the per-unit counters
# (about 2.5 KB a unit for the eleven forms), which grow with units, not with results.
#
# Usage: bench/report.sh [N] [BUILD_DIR]     (N defaults to $BENCH_N, else 1000000)
# The files (about 2 KB a household in all) go to a temporary directory under $TMPDIR,
# removed at the end.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-${BENCH_N:-1000000}}
build=${2:-$repo/build}
rasoat=$build/cli/rasoat
gen=$build/bench/gen_households
keep=head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rasoat-report-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$gen" "$n" "$tmp/households.jsonl"
"$rasoat" classify --quiet --rules "$repo/rules" --keep "$keep" --output "$tmp/results.jsonl" \
    "$tmp/households.jsonl" || [ $? -eq 1 ]

# One timed run: label, then the report's arguments.
timed() {
    label=$1
    shift
    /usr/bin/time -v "$rasoat" report --rules "$repo/rules" "$@" "$tmp/results.jsonl" \
        2> "$tmp/time.txt" || [ $? -eq 1 ]
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
    secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    awk -v n="$n" -v s="$secs" -v r="$rss" -v l="$label" \
        'BEGIN { printf "%-36s %9d results  %7.2f s  %10.0f results/s  peak RSS %6.1f MiB\n", l, n, s, n / s, r / 1024 }'
}

timed "report province level, json" --level province --format json --output "$tmp/province.json"
timed "report province level, xlsx" --level province --format xlsx --output "$tmp/province.xlsx"
timed "report province level, form 7.2 only" --level province --form 7.2 --format json --output "$tmp/72.json"
head -n 10000 "$tmp/results.jsonl" > "$tmp/first.jsonl"
mv "$tmp/first.jsonl" "$tmp/results.jsonl"
n=10000
timed "report commune level, json (10,000)" --format json --output "$tmp/commune.json"
