#!/bin/sh
# bench/audit.sh: the audited path's cost (issue 13 §3), outside the pass/fail suite.
# Prints, for plain classify, classify --log, verify and replay (one thread): the wall time
# (best of 3) on FILE, the ratio --log / plain, and with CALLGRIND=1 the instructions
# callgrind counts on the first SUB households (deterministic where wall times on a loaded
# machine are not).
#
#   bench/audit.sh EXE RULES FILE [SUB]       e.g. bench/audit.sh build/cli/rasoat rules h.jsonl 20000
set -eu
exe=$1 rules=$2 file=$3 sub=${4:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best of 3 wall seconds of the command "$@"
best() {
    b=""
    for _ in 1 2 3; do
        rm -rf "$tmp/l.jsonl" "$tmp/l.jsonl.rules"
        [ -n "${prep:-}" ] && eval "$prep"
        s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}

run_all() { # $1 input, $2 "wall" or "callgrind"
    in=$1
    cl() { "$@" classify --rules "$rules" --jobs 1 --quiet --output "$tmp/out.jsonl" "$in"; }
    lg() { "$@" classify --rules "$rules" --jobs 1 --quiet --output "$tmp/out.jsonl" --log "$tmp/l.jsonl" "$in"; }
    ve() { "$@" verify "$tmp/keep.jsonl"; }
    re() { "$@" replay --rules "$rules" --jobs 1 "$tmp/keep.jsonl"; }
    rm -rf "$tmp/keep.jsonl" "$tmp/keep.jsonl.rules"
    "$exe" classify --rules "$rules" --jobs 1 --quiet --output "$tmp/out.jsonl" --log "$tmp/keep.jsonl" "$in" 2>/dev/null || true
    if "$exe" replay --help 2>&1 | grep -q -- --jobs; then :; else re() { "$@" replay --rules "$rules" "$tmp/keep.jsonl"; }; fi
    for c in cl lg ve re; do
        if [ "$2" = wall ]; then
            printf '%-10s %s s\n' "$c" "$(best $c "$exe")"
        else
            rm -rf "$tmp/l.jsonl" "$tmp/l.jsonl.rules" "$tmp"/cg.*
            $c valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$exe" >/dev/null 2>"$tmp/cg.err" || true
            printf '%-10s %s instructions\n' "$c" "$(grep -o 'Collected : [0-9]*' "$tmp/cg.err" | grep -o '[0-9]*$')"
        fi
    done
}

echo "== $exe on $file: wall, best of 3 (cl = classify, lg = classify --log, ve = verify, re = replay)"
run_all "$file" wall
if [ "${CALLGRIND:-0}" = 1 ]; then
    head -n "$sub" "$file" > "$tmp/sub.jsonl"
    echo "== callgrind on the first $sub households"
    run_all "$tmp/sub.jsonl" callgrind
fi
