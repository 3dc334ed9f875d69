#!/bin/sh
# SPDX-License-Identifier: MIT
# Fills fuzz/corpus/<target>/ with seeds from our own fixtures
# (tests/fixtures, tests/seed): whole files for the decoding targets
# (and, for mime, their first bytes as its writer's steering), and each
# paragraph of them, cut to 4 KB, for the grammar targets.
# The corpus is not committed; run this before `cargo fuzz run`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
files=$(find "$root/tests/fixtures" "$root/tests/seed" -type f \
  \( -name '*.eml' -o -name '*.txt' \) | sort)

whole() {
  mkdir -p "$here/corpus/$1"
  for f in $files; do
    cp "$f" "$here/corpus/$1/$(echo "$f" | cksum | cut -d' ' -f1)"
  done
}

paragraphs() {
  mkdir -p "$here/corpus/$1"
  for f in $files; do
    awk -v dir="$here/corpus/$1" -v tag="$(echo "$f" | cksum | cut -d' ' -f1)" '
      BEGIN { RS = ""; n = 0 }
      { n++; out = dir "/" tag "-" n; printf "%s\n", substr($0, 1, 4096) > out; close(out) }
    ' "$f"
  done
}

# The mime target reads an input led by a NUL byte as steering for its
# writer of messages: the first 512 bytes of each file so led too.
steered() {
  mkdir -p "$here/corpus/$1"
  for f in $files; do
    out="$here/corpus/$1/steer-$(echo "$f" | cksum | cut -d' ' -f1)"
    { printf '\000'; head -c 512 "$f"; } > "$out"
  done
}

for t in decode_bytes decode_text families links mime; do whole "$t"; done
steered mime
for t in reply status dsn address host postfix mailq maillog exim; do
  paragraphs "$t"
done
echo "seeded: $(ls "$here/corpus" | wc -l) targets"
