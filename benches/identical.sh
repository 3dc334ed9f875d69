#!/bin/sh
# SPDX-License-Identifier: MIT
# Speed work must not change behaviour. Writes what a pantul binary
# prints for the corpus and every fixture, in each mode, into a folder:
#   benches/identical.sh BINARY OUTDIR
# then compare two folders with `diff -r OLD NEW`.
set -eu
bin=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/../shared/corpus/sisimai/eml
mkdir -p "$out"
inputs=$(find "$root/tests/fixtures" "$root/tests/charsets" \
    "$root/tests/regressions" "$root/tests/seed" -type f \
    \( -name '*.eml' -o -name '*.txt' \) | sort)
for mode in "--lang id" "--lang en" "--as-fragment --lang id" \
    "--as-text --lang id" "--as-fragment --lang en"; do
    name=$(echo "$mode" | tr -d ' -')
    # shellcheck disable=SC2086
    "$bin" --jsonl $mode "$corpus" >"$out/corpus-$name.jsonl" 2>&1 || true
    # shellcheck disable=SC2086
    "$bin" --jsonl $mode $inputs >"$out/fixtures-$name.jsonl" 2>&1 || true
    # shellcheck disable=SC2086
    "$bin" $mode $inputs >"$out/fixtures-$name.txt" 2>&1 || true
done
"$bin" --lang id "$corpus" >"$out/corpus-summary.txt" 2>&1 || true
"$bin" --json --lang en "$corpus" >"$out/corpus-en.json" 2>&1 || true
"$bin" --totals --json "$corpus" >"$out/corpus-totals.json" 2>&1 || true
