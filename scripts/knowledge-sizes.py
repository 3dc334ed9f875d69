#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What each column of the page's knowledge blob weighs.

    python3 scripts/knowledge-sizes.py [KNOWLEDGE.lzma] [--marginal]

Reads the packed blob that build.rs wrote for the page's module (by
default the newest under target/, the page's build first), unpacks it,
puts the coded words back (src/knowledge/lexicon.rs) and splits the
columns (src/knowledge/blob.rs, whose Column and Numbers enums name
them). For each column: its raw bytes, its strings, the bytes of the
strings that repeat one before them in the same column, and its size
packed alone. With --marginal, also what it adds to the whole: the whole
packed less the whole packed without it (words coded anew each time, as
build/lexicon.rs does; about a second a column). Python's LZMA with
build.rs's settings (preset 9, pb 0) packs within a few dozen bytes of
lzma-rust2, so the figures compare, but the shipped file's size is the
truth.
"""
import collections
import glob
import lzma
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def leb(b, i):
    v = s = 0
    while True:
        x = b[i]
        i += 1
        v |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return v, i


def expand(c):
    """src/knowledge/lexicon.rs's expand."""
    singles, leads, capital = c[0], c[1], c[2]
    paired = c[3] | c[4] << 8
    i = 5
    codes = c[i:i + singles + leads]
    i += singles + leads
    words = []
    for _ in range(singles + paired):
        e = c.index(0, i)
        words.append(c[i:e])
        i = e + 1
    role = {}
    if capital:
        role[capital] = ('C',)
    for k, code in enumerate(codes):
        role[code] = ('W', k) if k < singles else ('L', singles + (k - singles) * 256)
    out = bytearray()
    cap = False
    while i < len(c):
        b = c[i]
        i += 1
        at = len(out)
        r = role.get(b)
        if r is None:
            out.append(b)
        elif r[0] == 'C':
            cap = True
            continue
        elif r[0] == 'W':
            out += words[r[1]]
        else:
            out += words[r[1] + c[i]]
            i += 1
        if cap:
            out[at:at + 1] = out[at:at + 1].upper()
            cap = False
    return bytes(out)


def pieces(data):
    return re.findall(rb'[A-Za-z]+|[^A-Za-z]+', data)


def lowered(w):
    if len(w) > 1 and w[:1].isupper() and w[1:].islower() and w[1:].isalpha():
        return w.lower()
    return None


def lexicon_setting(name):
    text = open(os.path.join(ROOT, 'build', 'lexicon.rs')).read()
    return int(re.search(r'const %s: usize = (\d+);' % name, text).group(1))


def encode(data):
    """build/lexicon.rs's encode."""
    shortest, fewest = lexicon_setting('SHORTEST'), lexicon_setting('FEWEST')
    seen = set(data)
    free = [b for b in range(1, 256) if b not in seen]
    capital = free.pop() if free else 0
    leads = min(lexicon_setting('LEADS'), len(free))
    singles, lead_bytes = free[:len(free) - leads], free[len(free) - leads:]
    ps = pieces(data)
    counts = collections.Counter()
    for p in ps:
        if p[:1].isalpha() and len(p) >= shortest:
            counts[lowered(p) or p] += 1
    common = [(w, n) for w, n in counts.items() if n >= fewest]
    common.sort(key=lambda t: (-t[1], t[0]))
    common = [w for w, _ in common][:len(singles) + leads * 256]
    pa = min(len(singles), len(common))
    common = common[:pa] + sorted(common[pa:])
    code = {}
    for w, b in zip(common[:pa], singles):
        code[w] = bytes([b])
    for n, w in enumerate(common[pa:]):
        code[w] = bytes([lead_bytes[n // 256], n % 256])
    out = bytearray([pa, leads, capital]) + len(common[pa:]).to_bytes(2, 'little')
    out += bytes(singles[:pa]) + bytes(lead_bytes)
    for w in common:
        out += w + b'\0'
    for p in ps:
        if p in code:
            out += code[p]
        else:
            low = lowered(p)
            if low is not None and low in code:
                out.append(capital)
                out += code[low]
            else:
                out += p
    return bytes(out)


def pack(data):
    f = {'id': lzma.FILTER_LZMA1, 'preset': 9 | lzma.PRESET_EXTREME, 'pb': 0}
    return len(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=[f]))


def columns_of(blob):
    n, i = leb(blob, 0)
    lens = []
    for _ in range(n):
        length, i = leb(blob, i)
        lens.append(length)
    cols = []
    for length in lens:
        cols.append(blob[i:i + length])
        i += length
    assert i == len(blob)
    return cols


def join(cols):
    out = bytearray()

    def w(n):
        while n >= 0x80:
            out.append(n & 0x7F | 0x80)
            n >>= 7
        out.append(n)
    w(len(cols))
    for c in cols:
        w(len(c))
    for c in cols:
        out += c
    return bytes(out)


def names():
    """The columns' names, in src/knowledge/blob.rs's order."""
    src = open(os.path.join(ROOT, 'src', 'knowledge', 'blob.rs')).read()
    body = src[src.index('pub enum Column {'):]
    body = body[:body.index('\n}')]
    strings = re.findall(r'^    ([A-Z]\w*),', body, re.M)
    numbers = ['(lists)', '(variants)', '(flags)'] + ['#' + s for s in strings]
    return numbers + strings


def newest():
    found = glob.glob(os.path.join(ROOT, 'target', 'small-std', '*', 'wasm',
                                   'build', 'pantul-*', 'out', 'knowledge.lzma'))
    found = found or glob.glob(os.path.join(ROOT, 'target', '**',
                                            'knowledge.lzma'), recursive=True)
    if not found:
        sys.exit('no knowledge.lzma under target/: build the page first '
                 '(node scripts/build.mjs)')
    return max(found, key=os.path.getmtime)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    marginal = '--marginal' in sys.argv
    path = args[0] if args else newest()
    packed = open(path, 'rb').read()
    blob = expand(lzma.decompress(packed, format=lzma.FORMAT_ALONE))
    cols = columns_of(blob)
    nm = names()
    if len(nm) != len(cols):
        sys.exit('%d columns, but blob.rs names %d' % (len(cols), len(nm)))
    whole = pack(encode(blob))
    print('%s: %d bytes packed; the columns %d bytes raw; packed again '
          'here %d' % (os.path.relpath(path, ROOT), len(packed), len(blob), whole))
    print('%-24s %8s %7s %8s %7s%s' % ('column', 'raw', 'strings', 'repeats',
                                      'alone', ' marginal' if marginal else ''))
    rows = []
    for k, (name, c) in enumerate(zip(nm, cols)):
        if not c:
            continue
        text = not name.startswith(('(', '#'))
        strs = c.split(b'\0')[:-1] if text else []
        seen = collections.Counter(strs)
        repeats = sum((n - 1) * (len(s) + 1) for s, n in seen.items() if n > 1)
        extra = ''
        if marginal:
            rest = cols[:k] + [b''] + cols[k + 1:]
            extra = ' %8d' % (whole - pack(encode(join(rest))))
        rows.append((len(c), '%-24s %8d %7s %8s %7d%s' % (
            name, len(c), len(strs) if text else '', repeats if text else '',
            pack(c), extra)))
    for _, row in sorted(rows, reverse=True):
        print(row)


if __name__ == '__main__':
    main()
