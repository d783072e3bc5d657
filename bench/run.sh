#!/bin/sh
# run.sh: rasoat's throughput benchmark (design.md, "Quality bars"). Generates N synthetic
# households once, then times, one after the other on the same file and each on one
# thread, 'rasoat classify' and the floor (cJSON parse + re-serialise of every line), and
# reports households/s, their ratio (classify / floor; the bar is >= 0.5) and peak memory.
# The same households are also converted to a Vietnamese Excel's CSV (jsonl_to_csv) and
# classified from it, to give CSV input's rate beside JSON's in the same rounds (the first
# 1000 must give byte-identical results from both).
# Both are run in ROUNDS alternating rounds and the fastest wall time of each is kept, since
# a shared machine's speed drifts by tens of percent from one run to the next.
#
# Usage: bench/run.sh [N] [BUILD_DIR]
#        bench/run.sh [--n N] [--repeat ROUNDS] [--build DIR] [--rules DIR] [--rasoat EXE]
#                     [--gen EXE] [--floor EXE] [--measure EXE] [--to-csv EXE]
# N defaults to $BENCH_N, else 1000000; ROUNDS to $BENCH_REPEAT, else 3; BUILD_DIR to
# <repo>/build; the rules to <repo>/rules.
# 'ninja -C build bench' runs it with the paths of the build. The household file (about
# 1.1 KB a household) goes to a temporary directory under $TMPDIR (default /tmp), removed
# at the end. Exit status: 0 when both programs ran clean (whatever the ratio), else 1.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_N:-1000000}
repeat=${BENCH_REPEAT:-3}
build="" rules="" rasoat="" gen="" floor="" measure="" tocsv=""
positional=0

die() { echo "bench: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case $1 in
    --n) n=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --rules) rules=$2; shift 2 ;;
    --rasoat) rasoat=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --floor) floor=$2; shift 2 ;;
    --measure) measure=$2; shift 2 ;;
    --to-csv) tocsv=$2; shift 2 ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *)
        positional=$((positional + 1))
        case $positional in
        1) n=$1 ;;
        2) build=$1 ;;
        *) die "too many arguments (see --help)" ;;
        esac
        shift ;;
    esac
done

case $n in
''|*[!0-9]*) die "N must be a whole number, not '$n'" ;;
esac
[ "$n" -gt 0 ] || die "N must be at least 1"
case $repeat in
''|*[!0-9]*|0) die "the number of rounds must be a whole number >= 1, not '$repeat'" ;;
esac
build=${build:-$repo/build}
rules=${rules:-$repo/rules}
rasoat=${rasoat:-$build/cli/rasoat}
gen=${gen:-$build/bench/gen_households}
floor=${floor:-$build/bench/floor_cjson}
measure=${measure:-$build/bench/measure}
tocsv=${tocsv:-$build/bench/jsonl_to_csv}
for exe in "$rasoat" "$gen" "$floor" "$measure" "$tocsv"; do
    [ -x "$exe" ] || die "$exe is missing: build first (ninja -C $build)"
done
[ -d "$rules" ] || die "no rules directory $rules"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rasoat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
data=$tmp/households.jsonl

# Run "$@" under 'measure'; sets m_wall, m_rss_kib, m_status.
measured() {
    "$measure" -o "$tmp/report" -- "$@" || true
    read -r line < "$tmp/report" || die "no report from measure"
    m_wall=$(echo "$line" | sed -n 's/.*elapsed=\([0-9.]*\).*/\1/p')
    m_rss_kib=$(echo "$line" | sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p')
    m_status=$(echo "$line" | sed -n 's/.*status=\([0-9]*\).*/\1/p')
}

echo "bench: generating $n households..." >&2
measured "$gen" "$n" "$data"
[ "$m_status" -eq 0 ] || die "generator failed (status $m_status)"
gen_wall=$m_wall
bytes=$(wc -c < "$data" | tr -d ' ')

# Sanity: the first records classify without a single error record.
head -n 1000 "$data" > "$tmp/sample.jsonl"
"$rasoat" classify --quiet --rules "$rules" "$tmp/sample.jsonl" --output "$tmp/sample.out" \
    || die "classify of the first 1000 households failed or gave error records"
# An error record starts {"id":...,"line":N,"error": (a result's local entries may carry
# an "error" too, for a local standard whose figures are a named gap: that is an outcome).
errors=$(grep -c '^{"id":[^,]*,"line":[0-9]*,"error":' "$tmp/sample.out" || true)
[ "$errors" -eq 0 ] || die "$errors error records among the first 1000 households"

# The same households as CSV; the first 1000 must classify to the same bytes.
csv=$tmp/households.csv
"$tocsv" "$data" "$csv" || die "jsonl_to_csv failed"
csv_bytes=$(wc -c < "$csv" | tr -d ' ')
"$tocsv" "$tmp/sample.jsonl" "$tmp/sample.csv" || die "jsonl_to_csv failed"
"$rasoat" classify --quiet --rules "$rules" "$tmp/sample.csv" --output "$tmp/sample-csv.out" \
    || die "classify of the first 1000 households as CSV failed or gave error records"
cmp -s "$tmp/sample.out" "$tmp/sample-csv.out" || die "the CSV and JSON inputs classify differently"

# Warm the page cache with the whole file so neither timed run pays for the disk.
cat "$data" "$csv" > /dev/null

classify_cmd="$rasoat classify --quiet --rules $rules $data --output /dev/null"
csv_cmd="$rasoat classify --quiet --rules $rules $csv --output /dev/null"
floor_cmd="$floor $data /dev/null"

# Every wall time is kept; the report uses the fastest of each (the run least disturbed by
# the machine), the largest peak RSS and the worst exit status.
c_walls="" f_walls="" v_walls="" c_rss=0 f_rss=0 v_rss=0 c_status=0 f_status=0 v_status=0
round=1
while [ "$round" -le "$repeat" ]; do
    echo "bench: round $round/$repeat: classify..." >&2
    measured "$rasoat" classify --quiet --rules "$rules" "$data" --output /dev/null
    c_walls="$c_walls${c_walls:+ }$m_wall"
    [ "$m_rss_kib" -le "$c_rss" ] || c_rss=$m_rss_kib
    [ "$m_status" -le "$c_status" ] || c_status=$m_status
    echo "bench: round $round/$repeat: classify (CSV)..." >&2
    measured "$rasoat" classify --quiet --rules "$rules" "$csv" --output /dev/null
    v_walls="$v_walls${v_walls:+ }$m_wall"
    [ "$m_rss_kib" -le "$v_rss" ] || v_rss=$m_rss_kib
    [ "$m_status" -le "$v_status" ] || v_status=$m_status
    echo "bench: round $round/$repeat: floor..." >&2
    measured "$floor" "$data" /dev/null
    f_walls="$f_walls${f_walls:+ }$m_wall"
    [ "$m_rss_kib" -le "$f_rss" ] || f_rss=$m_rss_kib
    [ "$m_status" -le "$f_status" ] || f_status=$m_status
    round=$((round + 1))
done

LC_ALL=C awk -v n="$n" -v bytes="$bytes" -v gw="$gen_wall" \
    -v cr="$c_rss" -v cs="$c_status" -v fr="$f_rss" -v fs="$f_status" \
    -v rounds="$repeat" -v cws="$c_walls" -v fws="$f_walls" \
    -v vws="$v_walls" -v vr="$v_rss" -v vs="$v_status" -v vbytes="$csv_bytes" -v vcmd="$csv_cmd" \
    -v ccmd="$classify_cmd" -v fcmd="$floor_cmd" '
function fastest(list,    parts, k, i, best) {
    k = split(list, parts, " ")
    best = parts[1] + 0
    for (i = 2; i <= k; i++)
        if (parts[i] + 0 < best)
            best = parts[i] + 0
    return best
}
BEGIN {
    cw = fastest(cws); fw = fastest(fws); vw = fastest(vws)
    if (vw <= 0) vw = 0.001
    if (cw <= 0) cw = 0.001
    if (fw <= 0) fw = 0.001
    crate = n / cw; frate = n / fw; ratio = crate / frate
    printf "\n== rasoat benchmark ==============================================\n"
    printf "households   %d  (%.1f MiB JSONL, %.0f B each; generated in %.2f s)\n",
           n, bytes / 1048576, bytes / n, gw
    printf "%-16s %10s %14s %15s %7s\n", "", "wall (s)", "households/s", "peak RSS (MiB)", "exit"
    printf "%-16s %10.2f %14.0f %15.1f %7d\n", "classify", cw, crate, cr / 1024, cs
    printf "%-16s %10.2f %14.0f %15.1f %7d\n", "classify (CSV)", vw, n / vw, vr / 1024, vs
    printf "%-16s %10.2f %14.0f %15.1f %7d\n", "floor (cJSON)", fw, frate, fr / 1024, fs
    printf "rounds       %d, fastest kept; classify walls: %s; CSV walls: %s; floor walls: %s\n", rounds, cws, vws, fws
    printf "CSV input    %.1f MiB; rate %.3f of JSON input'"'"'s\n", vbytes / 1048576, (n / vw) / crate
    printf "ratio        %.3f  (classify rate / floor rate; quality bar >= 0.5: %s)\n",
           ratio, (ratio >= 0.5 ? "met" : "NOT met")
    printf "commands (each single-threaded, same file, one after the other):\n"
    printf "  classify: %s\n", ccmd
    printf "  CSV:      %s\n", vcmd
    printf "  floor:    %s\n", fcmd
    printf "==================================================================\n"
}'

[ "$c_status" -eq 0 ] || die "classify exited with status $c_status (expected 0: no error records)"
[ "$f_status" -eq 0 ] || die "the floor exited with status $f_status"
[ "$v_status" -eq 0 ] || die "classify of the CSV exited with status $v_status"
