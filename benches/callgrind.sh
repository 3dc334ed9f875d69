#!/bin/sh
# SPDX-License-Identifier: MIT
# Instructions a pantul binary runs (callgrind's Ir), the measure of speed
# work on a shared machine, where time varies and counts do not:
#   benches/callgrind.sh BINARY WORKDIR
# prints the corpus's count, the start-up's (one folder with a single
# 144-byte Postfix fragment) and a short notice's: the count for 1,000
# copies of the fragment less that for one, over 999. WORKDIR gets the
# two folders and callgrind's files (callgrind_annotate reads them).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2"
work=$(cd "$2" && pwd)
# From the worktree, with the corpus's path as the notes write it: each
# report names its file, so a longer path is more output to write.
cd "$(dirname "$0")/.."
corpus=../shared/corpus/sisimai/eml
fragment='<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1'
fragment="$fragment <neko@example.org>: Recipient unknown over here"
fragment="$fragment (in reply to RCPT TO command)"
mkdir -p "$work/one" "$work/thousand"
printf '%s\n' "$fragment" >"$work/one/n0000.txt"
i=0
while [ $i -lt 1000 ]; do
    cp "$work/one/n0000.txt" "$work/thousand/n$i.txt"
    i=$((i + 1))
done
count() {
    valgrind --tool=callgrind --dump-instr=no \
        --callgrind-out-file="$work/$1.callgrind" \
        "$bin" --jsonl "$2" >/dev/null 2>"$work/$1.err"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/$1.err"
}
corpus_ir=$(count corpus "$corpus")
one_ir=$(count one "$work/one")
thousand_ir=$(count thousand "$work/thousand")
echo "corpus $corpus_ir"
echo "start-up $one_ir"
echo "short notice $(((thousand_ir - one_ir) / 999))"
