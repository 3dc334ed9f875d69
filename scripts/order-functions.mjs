// SPDX-License-Identifier: MIT
// Orders the page's module's functions so that alike ones sit together,
// for gzip: its window is 32 KB, so code that repeats a function a few
// hundred functions away compresses as if new. Behaviour is the same:
// only the functions' order and indices change.
//
// This step does not move anything itself. It gives every function a
// name (a name section, replacing any there is) whose sort order is the
// order wanted; `wasm-opt --reorder-functions-by-name --strip-debug`
// then sorts them, renumbers every call, table entry and export, and
// drops the names again (scripts/build.mjs).
//
// The order: a greedy chain. Each function's body is summarised by a
// MinHash signature of its 4-byte shingles (HASHES values); of the
// CANDIDATES unplaced functions most like the last WINDOW placed, the
// next is the one that deflate shrinks most when it follows the code
// placed last. On a tie, the one that came next in LLVM's order, so
// that a module with no alike functions keeps its order. Deterministic:
// the same module gives the same order. On the page's module (2,871
// functions), gzip -9 358,330 -> 349,188 bytes; by likeness alone (the
// likest function next) 350,968, with 16 candidates 349,993, with 32
// 349,824; 48 hashes instead of 256 cost 3 KB more, a window of 1
// function 5 KB; functions sorted by their Rust names: 358,900. About
// a minute and a half on a busy machine.
//
//   node scripts/order-functions.mjs IN.wasm OUT.wasm

import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** MinHash values per function: more, a closer measure and a slower one. */
const HASHES = 256;
/** Bytes per shingle. */
const SHINGLE = 4;
/** How many of the last functions placed the next one is compared with. */
const WINDOW = 8;
/** How many of the likest functions deflate chooses among. */
const CANDIDATES = 64;
/** Bytes of the functions placed last that deflate may refer back to. */
const DEFLATE_WINDOW = 32768;

/** An unsigned LEB128 number at `at`: [value, the offset after it]. */
function readLeb(bytes, at) {
  let value = 0;
  let scale = 1;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    scale *= 128;
  } while (byte & 0x80);
  return [value, at];
}

/** `value` as unsigned LEB128 bytes. */
function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** A length-prefixed name, as the binary format writes one. */
const name = (text) => [...leb(Buffer.byteLength(text)), ...Buffer.from(text)];

/**
 * The module's header and sections but its name section, how many functions it
 * imports (they come first in the index space) and its functions'
 * bodies.
 */
function parse(bytes) {
  const kept = [bytes.subarray(0, 8)];
  const bodies = [];
  let imported = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readLeb(bytes, at + 1);
    const end = start + size;
    let keep = true;
    if (id === 0) {
      const [length, text] = readLeb(bytes, start);
      keep = bytes.subarray(text, text + length).toString() !== 'name';
    } else if (id === 2) {
      imported = importedFunctions(bytes, start);
    } else if (id === 10) {
      let [count, p] = readLeb(bytes, start);
      for (; count > 0; count--) {
        const [length, body] = readLeb(bytes, p);
        bodies.push(bytes.subarray(body, body + length));
        p = body + length;
      }
    }
    if (keep) kept.push(bytes.subarray(at, end));
    at = end;
  }
  return { kept, bodies, imported };
}

/** How many functions the import section at `at` imports. */
function importedFunctions(bytes, at) {
  let [count, p] = readLeb(bytes, at);
  let functions = 0;
  const skipLeb = () => { [, p] = readLeb(bytes, p); };
  const skipLimits = () => {
    const flags = bytes[p++];
    skipLeb();
    if (flags & 1) skipLeb();
  };
  for (; count > 0; count--) {
    for (let part = 0; part < 2; part++) {
      const [length, text] = readLeb(bytes, p);
      p = text + length;
    }
    const kind = bytes[p++];
    if (kind === 0) {
      functions++;
      skipLeb();
    } else if (kind === 1) {
      p++;
      skipLimits();
    } else if (kind === 2) {
      skipLimits();
    } else if (kind === 3) {
      p += 2;
    } else {
      throw new Error(`order-functions: an import of unknown kind ${kind}`);
    }
  }
  return functions;
}

/** A mixing of 32 bits (murmur3's finaliser). */
function mix(value) {
  let h = Math.imul(value, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEEDS = Array.from({ length: HASHES },
  (_, k) => Math.imul(k + 1, 0x9e3779b1) >>> 0);

/** The MinHash signature of a body's shingles. */
function signature(body) {
  const least = new Uint32Array(HASHES).fill(0xffffffff);
  for (let p = 0; p + SHINGLE <= body.length; p++) {
    let shingle = 0;
    for (let q = 0; q < SHINGLE; q++) {
      shingle = (Math.imul(shingle, 31) + body[p + q]) >>> 0;
    }
    for (let k = 0; k < HASHES; k++) {
      const h = mix(shingle ^ SEEDS[k]);
      if (h < least[k]) least[k] = h;
    }
  }
  return least;
}

/**
 * The CANDIDATES unplaced functions with the highest scores; on a tie,
 * the one after `last` in LLVM's order first, then the earlier.
 */
function likest(score, placed, last) {
  const ranked = [];
  for (let c = 0; c < score.length; c++) {
    if (placed[c]) continue;
    const s = score[c] * 2 + (c === last + 1 ? 1 : 0);
    if (ranked.length === CANDIDATES && s <= ranked[ranked.length - 1][0]) {
      continue;
    }
    let at = ranked.length;
    while (at > 0 && ranked[at - 1][0] < s) at--;
    ranked.splice(at, 0, [s, c]);
    if (ranked.length > CANDIDATES) ranked.pop();
  }
  return ranked.map(([, c]) => c);
}

/**
 * Of `candidates`, the one that deflate shrinks most (in bytes) when it
 * follows the last DEFLATE_WINDOW bytes of the functions placed, against
 * its size deflated alone (`alone`, by function, filled in here); the
 * first on a tie.
 */
function deflateChoice(candidates, bodies, order, alone) {
  const recent = [];
  let size = 0;
  for (let r = order.length - 1; r >= 0 && size < DEFLATE_WINDOW; r--) {
    recent.push(bodies[order[r]]);
    size += bodies[order[r]].length;
  }
  const joined = Buffer.concat(recent.reverse());
  const dictionary = joined.subarray(Math.max(0, joined.length -
    DEFLATE_WINDOW));
  let best = candidates[0];
  let bestGain = Infinity;
  for (const c of candidates) {
    alone[c] ??= deflateRawSync(bodies[c], { level: 9 }).length;
    const gain = deflateRawSync(bodies[c], { level: 9, dictionary }).length -
      alone[c];
    if (gain < bestGain) {
      bestGain = gain;
      best = c;
    }
  }
  return best;
}

/** The order of the bodies, as indices into `bodies`. */
export function chain(bodies) {
  const signatures = bodies.map(signature);
  const alike = (a, b) => {
    const x = signatures[a];
    const y = signatures[b];
    let same = 0;
    for (let k = 0; k < HASHES; k++) if (x[k] === y[k]) same++;
    return same;
  };
  const count = bodies.length;
  const placed = new Uint8Array(count);
  // For each unplaced function, its likeness to the last WINDOW placed.
  const score = new Float64Array(count);
  const order = [];
  const place = (f) => {
    order.push(f);
    placed[f] = 1;
    const gone = order.length > WINDOW ? order[order.length - 1 - WINDOW] : -1;
    for (let c = 0; c < count; c++) {
      if (placed[c]) continue;
      score[c] += alike(f, c) - (gone >= 0 ? alike(gone, c) : 0);
    }
  };
  // Each body's size deflated alone, once asked for.
  const alone = [];
  if (count > 0) place(0);
  while (order.length < count) {
    place(deflateChoice(likest(score, placed, order[order.length - 1]),
      bodies, order, alone));
  }
  return order;
}

/**
 * Writes `input` to `output` with a name section that names each
 * function by its place in `chain`'s order.
 */
export function nameInOrder(input, output) {
  const { kept, bodies, imported } = parse(readFileSync(input));
  const order = chain(bodies);
  const width = String(order.length).length;
  const named = new Array(order.length);
  order.forEach((f, place) => {
    named[f] = `f${String(place).padStart(width, '0')}`;
  });
  const names = [...leb(named.length)];
  named.forEach((text, f) => names.push(...leb(imported + f), ...name(text)));
  const payload = [...name('name'), 1, ...leb(names.length), ...names];
  writeFileSync(output, Buffer.concat([...kept,
    Buffer.from([0, ...leb(payload.length), ...payload])]));
  return order.length;
}

if (process.argv[1] &&
    import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output] = process.argv.slice(2);
  const count = nameInOrder(input, output);
  console.log(`pantul: ${count} functions of ${input} named in order`);
}
