#!/bin/sh
# merge.sh: time 'rasoat report --jobs N' and 'rasoat report --merge' (docs/scale.md) on N
# synthetic households (gen_households, classified once with the fields the forms read).
# Reports the whole at province level in JSON with --jobs 1 and --jobs 2 (the bytes must be
# equal), then splits the results by province, reports each partition (JSON), merges the
# partial reports, and checks the merge equals the report of all partitions read at once (but
# for its "merged" member). Each timed run is under /usr/bin/time -v: wall time,
# results/s, peak RSS.
#
# Usage: bench/merge.sh [N] [BUILD_DIR]     (N defaults to $BENCH_N, else 200000)
# The files go to a temporary directory under $TMPDIR, removed at the end.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-${BENCH_N:-200000}}
build=${2:-$repo/build}
rasoat=$build/cli/rasoat
gen=$build/bench/gen_households
keep=head_name,ethnicity,livelihood,members,poverty_causes,meritorious,no_labour_capacity,female_head
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rasoat-merge-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$gen" "$n" "$tmp/households.jsonl"
"$rasoat" classify --quiet --rules "$repo/rules" --keep "$keep" --output "$tmp/results.jsonl" \
    "$tmp/households.jsonl" || [ $? -eq 1 ]

# One timed run: label, the number of results it reads, then rasoat's arguments.
timed() {
    label=$1
    nres=$2
    shift 2
    /usr/bin/time -v "$rasoat" "$@" 2> "$tmp/time.txt" || [ $? -eq 1 ]
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
    secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    awk -v n="$nres" -v s="$secs" -v r="$rss" -v l="$label" \
        'BEGIN { printf "%-44s %9d results  %7.2f s  %10.0f results/s  peak RSS %6.1f MiB\n", l, n, s, n / s, r / 1024 }'
}

timed "report province level, json, --jobs 1" "$n" report --rules "$repo/rules" --jobs 1 --level province \
    --format json --output "$tmp/whole1.json" "$tmp/results.jsonl"
timed "report province level, json, --jobs 2" "$n" report --rules "$repo/rules" --jobs 2 --level province \
    --format json --output "$tmp/whole2.json" "$tmp/results.jsonl"
cmp "$tmp/whole1.json" "$tmp/whole2.json"
timed "report province level, xlsx, --jobs 1" "$n" report --rules "$repo/rules" --jobs 1 --level province \
    --output "$tmp/whole1.xlsx" "$tmp/results.jsonl"
timed "report province level, xlsx, --jobs 2" "$n" report --rules "$repo/rules" --jobs 2 --level province \
    --output "$tmp/whole2.xlsx" "$tmp/results.jsonl"
cmp "$tmp/whole1.xlsx" "$tmp/whole2.xlsx"

# Partitions by province, in the order of their first household.
mkdir "$tmp/parts"
python3 - "$tmp/results.jsonl" "$tmp/parts" <<'EOF'
import json, sys
parts = {}
for line in open(sys.argv[1], encoding="utf-8"):
    value = json.loads(line).get("province", "")
    if value not in parts:
        parts[value] = open("%s/%03d.jsonl" % (sys.argv[2], len(parts) + 1), "w", encoding="utf-8")
    parts[value].write(line)
EOF
count=$(ls "$tmp/parts" | wc -l)
start=$(date +%s.%N)
for p in "$tmp"/parts/*.jsonl; do
    "$rasoat" report --rules "$repo/rules" --jobs 2 --level province --format json --output "${p%.jsonl}.json" "$p" \
        || [ $? -eq 1 ]
done
end=$(date +%s.%N)
awk -v n="$n" -v c="$count" -v s="$(echo "$end - $start" | bc)" \
    'BEGIN { printf "%-44s %9d results  %7.2f s  (%d partitions, one after another)\n", "report each province (partial reports)", n, s, c }'
timed "merge the $count partial reports, json" "$n" report --rules "$repo/rules" --merge --format json \
    --output "$tmp/merged.json" "$tmp"/parts/*.json
timed "merge the $count partial reports, xlsx" "$n" report --rules "$repo/rules" --merge \
    --output "$tmp/merged.xlsx" "$tmp"/parts/*.json
"$rasoat" report --rules "$repo/rules" --jobs 2 --level province --format json --output "$tmp/parts-whole.json" \
    "$tmp"/parts/*.jsonl || [ $? -eq 1 ]
sed 's/,"merged":\[[^]]*\]//' "$tmp/merged.json" | cmp - "$tmp/parts-whole.json"
echo "merged report = report of all partitions at once: same bytes (but for \"merged\")"
