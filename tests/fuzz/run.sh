#!/usr/bin/env bash
# tests/fuzz/run.sh: build the libFuzzer targets under ASan + UBSan (build-fuzz/) and run
# each for a bounded time; exit 1 on any finding (crash, sanitizer report, timeout, broken
# promise), after running every target. docs/fuzzing.md says how to read what it prints.
#
# Usage: tests/fuzz/run.sh [SECONDS_PER_TARGET [TARGET...]]   (default: 60, every target)
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_TIMEOUT (seconds one input may take,
# default 10), FUZZ_JOBS (ninja -j, default 2).
#
# Before fuzzing, each file of tests/fuzz/regress/TARGET/ (the reproducers of known defects)
# runs once through its target: a defect that comes back fails the run even when the
# random search does not find it again.
set -uo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_TARGET=${1:-60}
shift || true
BUILD=${FUZZ_BUILD:-build-fuzz}
TIMEOUT=${FUZZ_TIMEOUT:-10}
SRC=tests/fuzz

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

if [ ! -f "$BUILD/build.ninja" ]; then
    CC=clang meson setup "$BUILD" -Dfuzz=enabled -Dtests=disabled -Dbuildtype=debugoptimized \
        -Db_sanitize=address,undefined -Db_lundef=false || exit 1
fi
ninja -C "$BUILD" -j"${FUZZ_JOBS:-2}" || exit 1
# Every target tests/fuzz/meson.build built, unless some are named.
TARGETS=${*:-$(cd "$BUILD/tests/fuzz" && ls -d fuzz_* | grep -v '\.p$' | sed 's/^fuzz_//')}

WORK=$BUILD/fuzz-work
RASOAT=$BUILD/cli/rasoat

# Seeds made from the tree as it is now (so they follow the rule sets and the log format).
make_seeds() {
    local t=$1 dir=$WORK/$1/seeds
    rm -rf "$dir" && mkdir -p "$dir"
    case $t in
    json_arena) # records as the fixtures hold them, one a file
        local n=0 line
        cat rules/*/*/fixtures/*.jsonl | head -n 60 | while IFS= read -r line; do
            n=$((n + 1)); printf '%s' "$line" > "$dir/fixture-$n.json"
        done ;;
    rules) # one seed per rule set with the sets it extends, and the whole bundled tree
        local set parent chain f all=$dir/all-bundled.lua
        : > "$all"
        for set in $(cd rules && find . -name ruleset.lua | sed 's|^\./||; s|/ruleset.lua$||' | sort); do
            chain=$set
            parent=$(sed -n 's/^ *extends *= *"\([^"]*\)".*/\1/p' "rules/$set/ruleset.lua")
            [ -n "$parent" ] && chain="$parent $set"
            for s in $chain; do
                for f in "rules/$s/ruleset.lua" $(ls "rules/$s"/*.lua | grep -v '/ruleset.lua$'); do
                    printf -- '--@ %s\n' "${f#rules/}"; cat "$f"
                done
            done > "$dir/$(echo "$set" | tr / -).lua"
            for f in "rules/$set/ruleset.lua" $(ls "rules/$set"/*.lua | grep -v '/ruleset.lua$'); do
                printf -- '--@ %s\n' "${f#rules/}"; cat "$f"
            done >> "$all"
        done ;;
    verify) # real logs: intact, with an error record, torn, and cut short
        local log=$WORK/seed.log
        rm -rf "$log" "$log.rules"
        head -n 3 rules/vn/2022-2025/fixtures/sample-commune.jsonl \
            | "$RASOAT" classify --quiet --log "$log" > /dev/null
        cp "$log" "$dir/intact-3.log"
        { echo 'not a household'; head -n 1 rules/vn/2027-2030/fixtures/across-periods.jsonl; } \
            | "$RASOAT" classify --quiet --log "$log" > /dev/null
        cp "$log" "$dir/intact-5-with-error.log"
        head -c -40 "$log" > "$dir/torn.log"
        head -n 1 "$log" > "$dir/intact-1.log"
        tail -n 2 "$log" > "$dir/head-removed.log"
        # signed: two runs, each closed by a checkpoint; fuzz_verify also verifies with --key
        rm -rf "$log" "$log.rules" "$WORK/verify/key.key" "$WORK/verify/key.pub"
        "$RASOAT" keygen --out "$WORK/verify/key" > /dev/null
        for k in 1 2; do
            sed -n "${k}p" rules/vn/2022-2025/fixtures/sample-commune.jsonl \
                | "$RASOAT" classify --quiet --log "$log" --sign "$WORK/verify/key.key" > /dev/null
        done
        cp "$log" "$dir/signed-2-runs.log"
        export RASOAT_FUZZ_VERIFY_KEY=$WORK/verify/key.pub
        rm -rf "$log" "$log.rules" ;;
    esac
}

status=0
summary=""
for t in $TARGETS; do
    exe=$BUILD/tests/fuzz/fuzz_$t
    out=$WORK/$t
    mkdir -p "$out/corpus" "$out/artifacts"
    make_seeds "$t"
    dict="" committed=""
    [ -f "$SRC/$t.dict" ] && dict="-dict=$SRC/$t.dict"
    [ -d "$SRC/corpus/$t" ] && committed="$SRC/corpus/$t"
    found=""

    # Known defects first, one process per file (libFuzzer stops at the first finding).
    for f in "$SRC"/regress/"$t"/*; do
        [ -f "$f" ] || continue
        if ! "$exe" -timeout="$TIMEOUT" -artifact_prefix="$out/artifacts/" "$f" > "$out/regress.log" 2>&1; then
            echo "fuzz $t: REGRESSION $f:"
            grep -a -m 3 -E 'ERROR: |fuzz finding|SUMMARY' "$out/regress.log" | cut -c1-300 | cat -v | sed 's/^/    /'
            found="$found regress:$(basename "$f")"
        fi
    done

    echo "fuzz $t: ${SECONDS_PER_TARGET}s"
    "$exe" -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/" $dict "$out/corpus" \
        "$out/seeds" $committed > "$out/fuzz.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz.log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/fuzz.log")
    if [ $rc -ne 0 ]; then
        echo "fuzz $t: FINDING (exit $rc), see $out/fuzz.log and $out/artifacts/:"
        grep -a -m 3 -E 'ERROR: |fuzz finding|SUMMARY' "$out/fuzz.log" | cut -c1-300 | cat -v | sed 's/^/    /'
        grep -a -m 1 'Test unit written to' "$out/fuzz.log" | sed 's/^/    /'
        found="$found fuzz"
    fi
    summary="$summary$(printf '%-10s %10s executions %6s/s  %s' "$t" "${execs:-?}" "${rate:-?}" "${found:-ok}")\n"
    [ -n "$found" ] && status=1
done

printf '\nfuzz summary (%ss per target, -timeout=%ss):\n%b' "$SECONDS_PER_TARGET" "$TIMEOUT" "$summary"
exit $status
