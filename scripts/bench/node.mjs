// SPDX-License-Identifier: MIT
// Decoding speed of the npm package under Node, in one process: every
// file given (or every .eml file of a folder) is read into memory, then
// decoded with `decode(bytes, { lang: 'en' })`, round after round.
// Prints one JSON line: messages, bytes and each round's wall and CPU
// seconds (benches/rounds.rs does the same natively).
//
//   node scripts/bench/node.mjs [--rounds N] [--warm-up N] [--limit N]
//     [--package DIR] FILE_OR_DIR...
//
// --warm-up N decodes everything N times before the rounds (1 unless
// told). V8 runs a function first as its quick compiler made it and
// optimises it once it has run a while, on threads of its own whose CPU
// time the process's clock counts: on the corpus the rounds after a
// single warm-up round keep getting cheaper for some rounds (stop 22,
// a loaded machine: the first about 5 times the last), and the median
// of 17 rounds holds a little of that work: with 5 warm-up rounds it
// was 1.5 to 6 % less CPU time in three runs of each in turn.
//
// --package measures another build of the package (a folder laid out as
// npm/, with its node.js), to compare builds in turn.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

function files(paths) {
  const out = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path).filter((n) => n.endsWith('.eml'));
      out.push(...names.sort().map((n) => join(path, n)));
    } else {
      out.push(path);
    }
  }
  return out;
}

async function main(argv) {
  let rounds = 5;
  let warmUp = 1;
  let limit = Infinity;
  let pkg = new URL('../../npm/', import.meta.url);
  const paths = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rounds') rounds = Number(argv[++i]);
    else if (argv[i] === '--warm-up') warmUp = Number(argv[++i]);
    else if (argv[i] === '--limit') limit = Number(argv[++i]);
    else if (argv[i] === '--package') {
      pkg = pathToFileURL(`${resolve(argv[++i])}/`);
    } else paths.push(argv[i]);
  }
  const { decode } = await import(new URL('node.js', pkg).href);
  const inputs = files(paths).slice(0, limit)
    .map((f) => new Uint8Array(readFileSync(f)));
  const bytes = inputs.reduce((n, b) => n + b.byteLength, 0);
  let recipients = 0;
  let failed = 0;
  const once = () => {
    recipients = 0;
    for (const input of inputs) {
      try {
        recipients += decode(input, { lang: 'en' }).recipients.length;
      } catch {
        failed += 1;
      }
    }
  };
  // Warm-up: loads the knowledge, compiles and optimises the hot code.
  for (let r = 0; r < warmUp; r++) once();
  const seconds = [];
  const cpuSeconds = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    once();
    const c = process.cpuUsage(c0);
    seconds.push((performance.now() - t0) / 1000);
    cpuSeconds.push((c.user + c.system) / 1e6);
  }
  const out = {
    messages: inputs.length, bytes, recipients, failed, seconds, cpuSeconds,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  console.log(JSON.stringify(out));
}

await main(process.argv.slice(2));
