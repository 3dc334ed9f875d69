// SPDX-License-Identifier: MIT
// The benchmark harness: measures Pantul on the Sisimai corpus side by
// side with Perl Sisimai, under Node and in headless Chromium, its
// scaling and its download, and writes docs/performance.md.
//
//   node scripts/bench.mjs           (npm run bench) every figure; writes
//                                    docs/performance.md (takes minutes)
//   node scripts/bench.mjs --smoke   every step once on tiny inputs, to
//                                    target/bench/performance-smoke.md
//   node scripts/bench.mjs --render  the report again from the figures
//                                    of the last run
//                                    (target/bench/results.json)
//
// Whole processes are timed with /usr/bin/time (wall and CPU seconds,
// peak memory); Pantul and Perl Sisimai run in turn, pair by pair, so a
// ratio holds while the machine's speed drifts. Figures are medians.

import { spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

import { build, PAGE_WASM, SITE } from './build.mjs';
import {
  corpusFiles, repeatedCorpus, scalingInputs,
} from './bench/inputs.mjs';
import { ROOT, ensureChromium, run, say } from './setup.mjs';

const SMOKE = process.argv.includes('--smoke');
/** The shared folder beside the project: the first `shared/` holding the
 * corpus, walking up from the repository. */
function findShared() {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const shared = join(dir, 'shared');
    if (existsSync(join(shared, 'corpus', 'sisimai', 'labels.tsv'))) {
      return shared;
    }
    if (dirname(dir) === dir) return join(ROOT, '..', 'shared');
  }
}

const SHARED = findShared();
const CORPUS = join(process.env.PANTUL_CORPUS ??
  join(SHARED, 'corpus', 'sisimai'), 'eml');
const SISIMAI = join(SHARED, 'tools', 'sisimai-p5-run');
const WORK = join(ROOT, 'target', 'bench');
const OUT = SMOKE ? join(WORK, 'performance-smoke.md')
  : join(ROOT, 'docs', 'performance.md');
/** Every figure of the last run, from which the report is written. */
const RESULTS = join(WORK, SMOKE ? 'results-smoke.json' : 'results.json');
const SEED = readFileSync(join(ROOT, 'tests', 'seed', 'ers-qil-masked.txt'),
  'utf8');

/** How much of everything: the full run, or the smoke test's. */
const PLAN = SMOKE ? {
  files: 5, copies: 2, runs: 1, bigRuns: 1, nodeRounds: 1, pasteRuns: 2,
  loads: 1, pageFiles: 3, sizesMb: [0.01, 0.1], release: false,
} : {
  files: Infinity, copies: 17, runs: 7, bigRuns: 3, nodeRounds: 17,
  pasteRuns: 30, loads: 5, pageFiles: Infinity, sizesMb: [1, 10, 50],
  release: true,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fixed = (x, d = 2) => Number(x).toFixed(d);
const mb = (bytes) => bytes / 1e6;

function capture(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Runs a command once under /usr/bin/time, its output thrown away;
 * returns wall, user and system seconds and peak memory in KiB.
 */
function timed(command, args) {
  const r = spawnSync('/usr/bin/time',
    ['-f', '%e %U %S %M', command, ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30,
      stdio: ['ignore', 'ignore', 'pipe'] });
  const last = r.stderr.trim().split('\n').pop();
  const [wall, user, sys, kib] = last.split(' ').map(Number);
  if (r.status !== 0 || Number.isNaN(kib)) {
    throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return { wall, cpu: user + sys, kib };
}

/** The machine and the tools, for the report's first table. */
function machine() {
  const model = cpus()[0]?.model ?? 'unknown';
  return [
    ['processor', `${model}, ${cpus().length} logical cores`],
    ['memory', `${fixed(totalmem() / 2 ** 30, 1)} GiB`],
    ['load average at start', loadavg().map((l) => fixed(l)).join(' ')],
    ['system', capture('uname', ['-sr']) ?? '?'],
    ['rustc', capture('rustc', ['--version']) ?? '?'],
    ['node', process.version],
    ['chromium', capture('/usr/bin/chromium', ['--version']) ?? '?'],
    ['commit measured', capture('git', ['describe', '--always', '--dirty'])
      ?? '?'],
    ['Perl Sisimai', capture('dpkg-query',
      ['-W', '-f', '${Version}', 'libsisimai-perl']) ?? 'not installed'],
  ];
}

/** Installs Debian's Perl Sisimai when it is missing. */
function ensureSisimai() {
  if (capture('perl', ['-MSisimai', '-e', '1']) !== null) return true;
  if (SMOKE) {
    say('Perl Sisimai is not installed: the smoke run skips the ' +
      'comparison with it (npm run bench installs it)');
    return false;
  }
  say('installing Perl Sisimai from Debian (libsisimai-perl)');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'libsisimai-perl'],
    { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  return true;
}

/** The CLI: the release build, or the test build for the smoke run. */
function cli() {
  if (PLAN.release) {
    run('cargo', ['build', '--release', '--locked', '--bin', 'pantul']);
    return join(ROOT, 'target', 'release', 'pantul');
  }
  run('cargo', ['build', '--locked', '--bin', 'pantul']);
  return join(ROOT, 'target', 'debug', 'pantul');
}

/**
 * Pantul's CLI and Perl Sisimai on the same folder, in turn, `runs`
 * times after a warm-up of each.
 */
function sideBySide(pantul, dir, runs, withPerl) {
  const p = [];
  const s = [];
  const pantulRun = () => timed(pantul, ['--jsonl', dir]);
  const perlRun = () => timed(SISIMAI, [dir]);
  pantulRun();
  if (withPerl) perlRun();
  for (let r = 0; r < runs; r++) {
    p.push(pantulRun());
    if (withPerl) s.push(perlRun());
  }
  return { pantul: p, perl: s };
}

function summary(runs) {
  return {
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
    kib: Math.max(...runs.map((r) => r.kib)),
  };
}

/** Median of the pair-by-pair ratios a/b of `key`. */
function ratio(a, b, key) {
  return median(a.map((x, i) => b[i][key] / Math.max(x[key], 1e-3)));
}

/** The estimates criterion wrote for `id`, in seconds per iteration. */
function criterionEstimate(id) {
  const file = join(ROOT, 'target', 'criterion', id, 'new',
    'estimates.json');
  const e = JSON.parse(readFileSync(file, 'utf8'));
  return e.median.point_estimate / 1e9;
}

function criterionInputs() {
  const file = join(ROOT, 'target', 'criterion', 'pantul-inputs.tsv');
  const out = {};
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const [id, messages, bytes] = line.split('\t');
    out[id] = { messages: Number(messages), bytes: Number(bytes) };
  }
  return out;
}

function cargoBench() {
  if (SMOKE) {
    run('cargo', ['test', '--locked', '--bench', 'decode']);
    return null;
  }
  rmSync(join(ROOT, 'target', 'criterion', 'pantul-inputs.tsv'),
    { force: true });
  run('cargo', ['bench', '--locked', '--bench', 'decode']);
  const inputs = criterionInputs();
  const rows = {};
  for (const [id, { messages, bytes }] of Object.entries(inputs)) {
    rows[id] = { messages, bytes, seconds: criterionEstimate(id) };
  }
  return rows;
}

/** The same rounds as the Node benchmark, natively (benches/rounds.rs). */
function nativeRounds(paths, rounds) {
  const profile = PLAN.release ? [] : ['--profile', 'dev'];
  const out = spawnSync('cargo', ['bench', '--locked', ...profile,
    '--bench', 'rounds', '--', '--rounds', String(rounds), ...paths],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (out.status !== 0) throw new Error('the native rounds failed');
  return JSON.parse(out.stdout.trim().split('\n').pop());
}

function nodeBench(paths, rounds) {
  const out = capture('node', [join('scripts', 'bench', 'node.mjs'),
    '--rounds', String(rounds), ...paths]);
  if (out === null) throw new Error('the Node benchmark failed');
  return JSON.parse(out);
}

function sizes() {
  const wasm = readFileSync(PAGE_WASM);
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const br = (b) => brotliCompressSync(b, { params: {
    [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: wasm.length, gzip: gz(wasm), brotli: br(wasm) };
}

/** Gzip size of every file the page fetched, as a host would send it. */
function gzippedSite(paths) {
  let total = 0;
  for (const path of new Set(paths)) {
    const file = join(SITE, path.endsWith('/') ? `${path}index.html` : path);
    if (existsSync(file) && statSync(file).isFile()) {
      total += gzipSync(readFileSync(file), { level: 9 }).length;
    }
  }
  return total;
}

async function page(files) {
  ensureChromium();
  const bench = await import('./bench/page.mjs');
  const loads = await bench.firstLoads(SEED, PLAN.loads);
  const env = await bench.start();
  try {
    const paste = await bench.pasteTimes(env, SEED, PLAN.pasteRuns);
    const pageFiles = files.slice(0, PLAN.pageFiles);
    const all = await bench.pasteAll(env, pageFiles);
    return { loads, paste, all, count: pageFiles.length,
      bytes: pageFiles.reduce((n, f) => n + statSync(f).size, 0) };
  } finally {
    await env.close();
  }
}

function scaling(pantul, files) {
  const inputs = scalingInputs(files, PLAN.sizesMb, join(WORK, 'scaling'));
  const times = new Map(inputs.map((i) => [i.path, []]));
  for (let r = 0; r < PLAN.bigRuns; r++) {
    for (const input of inputs) {
      times.get(input.path).push(timed(pantul,
        ['--jsonl', '--max-size', String(64 << 20), input.path]));
    }
  }
  return inputs.map((i) => ({ ...i, bytes: statSync(i.path).size,
    ...summary(times.get(i.path)) }));
}

async function main() {
  const started = Date.now();
  if (!existsSync(CORPUS)) throw new Error(`no corpus at ${CORPUS}`);
  mkdirSync(WORK, { recursive: true });
  // The tools are named once installed: Perl Sisimai may be installed
  // here.
  const withPerl = ensureSisimai();
  const about = machine();
  say('building');
  build();
  const pantul = cli();

  const files = corpusFiles(CORPUS).slice(0, PLAN.files);
  const corpusDir = SMOKE ? repeatedCorpus(files, 1, join(WORK, 'smoke'))
    : CORPUS;
  const bigDir = repeatedCorpus(files, PLAN.copies,
    join(WORK, `corpus-x${PLAN.copies}`));
  const corpusBytes = files.reduce((n, f) => n + statSync(f).size, 0);

  say('cargo bench (in-process, one core)');
  const native = cargoBench();
  say('whole processes: Pantul and Perl Sisimai in turn');
  const small = sideBySide(pantul, corpusDir, PLAN.runs, withPerl);
  const big = sideBySide(pantul, bigDir, PLAN.bigRuns, withPerl);
  say('the npm package under Node, and the same rounds natively');
  const node = nodeBench([corpusDir], PLAN.nodeRounds);
  const rounds = nativeRounds([corpusDir], PLAN.nodeRounds);
  const nodeProcess = timed('node', [join('scripts', 'bench', 'node.mjs'),
    '--rounds', '1', corpusDir]);
  say('the page in headless Chromium');
  const browser = await page(files);
  say('scaling');
  const scale = scaling(pantul, files);
  const size = sizes();

  const measured = {
    about, files, corpusBytes, native, small, big, node, rounds, nodeProcess,
    browser, scale, size, withPerl,
    gzippedSite: gzippedSite(browser.loads[0].files),
    date: new Date().toISOString(),
    minutes: (Date.now() - started) / 60000,
  };
  writeFileSync(RESULTS, JSON.stringify(measured, null, 1));
  render(measured);
}

/** Writes the report of `measured` (also from a saved run: --render). */
function render(measured) {
  writeFileSync(OUT, write(measured));
  say(`wrote ${relative(ROOT, OUT)}`);
}

/** Each target of the issue, what was measured, and whether it holds. */
function targets(m) {
  const rows = [];
  const yes = (ok) => (ok ? 'yes' : '**no**');
  if (m.withPerl) {
    const wall = ratio(m.big.pantul, m.big.perl, 'wall');
    const cpu = ratio(m.big.pantul, m.big.perl, 'cpu');
    rows.push([`native throughput ≥ 50× Perl Sisimai's (corpus ×` +
      `${PLAN.copies}, whole processes in turn)`,
    `${fixed(wall, 1)}× wall, ${fixed(cpu, 1)}× CPU`, yes(wall >= 50)]);
  }
  const share = median(m.rounds.cpuSeconds) / median(m.node.cpuSeconds);
  rows.push(['WASM under Node ≥ ½ of native',
    `${fixed(100 * share, 0)}% (CPU)`, yes(share >= 0.5)]);
  rows.push(['gzipped `.wasm` ≤ 250 KB, both languages\' advice in it',
    `${fixed(m.size.gzip / 1000, 1)} kB`, yes(m.size.gzip <= 250_000)]);
  const paste = median(m.browser.paste);
  rows.push(['paste → result < 50 ms, seed case, headless Chromium',
    `${fixed(paste, 1)} ms`, yes(paste < 50)]);
  const grow = (shape) => {
    const at = (mb) => m.native?.[`scaling/${shape}/${mb}`]?.seconds;
    const [a, b] = [at(1), at(10)];
    return a && b ? b / a : null;
  };
  for (const shape of ['mbox', 'message', 'line']) {
    const g = grow(shape);
    if (g === null) continue;
    rows.push([`time for 10 MB ≤ 12× the time for 1 MB (${shape}, ` +
      'in process)', `${fixed(g, 1)}×`, yes(g <= 12)]);
  }
  return rows;
}

/** A markdown table. */
function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)]
    .join('\n');
}

function write(m) {
  const n = m.files.length;
  const big = n * PLAN.copies;
  const bigBytes = m.corpusBytes * PLAN.copies;
  const rate = (count, seconds) => fixed(count / seconds, 0);
  const ps = summary(m.small.pantul);
  const pb = summary(m.big.pantul);
  const lines = [];
  const add = (...xs) => xs.forEach((x) => lines.push(x, ''));

  add('# Performance',
    '<!-- Written by scripts/bench.mjs; do not edit by hand. -->',
    `Measured by \`node scripts/bench.mjs\` (\`npm run bench\`) in ` +
    `${fixed(m.minutes, 1)} minutes, on ${m.date}. ` +
    'The machine is shared and noisy: figures are medians, and ' +
    'comparisons are ratios of runs made in turn.');
  add('## Targets (issue 6)', table(['target', 'measured', 'met'],
    targets(m)));
  add('## The machine', table(['', ''], m.about));

  add('## Native, in process (`cargo bench --bench decode`)',
    'One core; each message decoded and its report serialised to JSON, ' +
    'as the CLI does. Median of criterion\'s samples.');
  if (m.native) {
    const c = m.native['corpus/messages'];
    add(table(['input', 'messages', 'MB', 'time', 'messages/s', 'MB/s'], [
      [`corpus (${c.messages} messages)`, c.messages, fixed(mb(c.bytes)),
        `${fixed(c.seconds * 1000, 1)} ms`, rate(c.messages, c.seconds),
        fixed(mb(c.bytes) / c.seconds, 1)],
    ]));
  }

  add('## Whole processes, side by side with Perl Sisimai',
    'Each run is one process over a folder: `pantul --jsonl DIR` and ' +
    '`sisimai-p5-run DIR` (the shared Perl runner of Debian\'s ' +
    '`libsisimai-perl`), in turn, after one warm-up run each; ' +
    `${PLAN.runs} runs on the corpus, ${PLAN.bigRuns} on the corpus ` +
    `repeated ${PLAN.copies} times. Time includes start-up and ` +
    'writing the JSON lines. "speed-up" is the median of the ' +
    'pair-by-pair ratios Sisimai/Pantul.');
  const rows = [];
  const row = (label, count, bytes, runs) => {
    const s = summary(runs);
    rows.push([label, count, fixed(mb(bytes)), fixed(s.wall, 3),
      fixed(s.cpu, 3), rate(count, s.wall), fixed(mb(bytes) / s.wall, 1),
      fixed(s.kib / 1024, 1)]);
  };
  row('Pantul, corpus', n, m.corpusBytes, m.small.pantul);
  if (m.withPerl) row('Perl Sisimai, corpus', n, m.corpusBytes, m.small.perl);
  row(`Pantul, corpus ×${PLAN.copies}`, big, bigBytes, m.big.pantul);
  if (m.withPerl) {
    row(`Perl Sisimai, corpus ×${PLAN.copies}`, big, bigBytes, m.big.perl);
  }
  add(table(['run', 'messages', 'MB', 'wall s', 'CPU s', 'messages/s',
    'MB/s', 'peak MiB'], rows));
  if (m.withPerl) {
    add(table(['input', 'speed-up (wall)', 'speed-up (CPU)'], [
      ['corpus', `${fixed(ratio(m.small.pantul, m.small.perl, 'wall'), 1)}×`,
        `${fixed(ratio(m.small.pantul, m.small.perl, 'cpu'), 1)}×`],
      [`corpus ×${PLAN.copies}`,
        `${fixed(ratio(m.big.pantul, m.big.perl, 'wall'), 1)}×`,
        `${fixed(ratio(m.big.pantul, m.big.perl, 'cpu'), 1)}×`],
    ]));
  }

  add('## The npm package under Node, and natively in the same way',
    '`decode(bytes, { lang: \'en\' })` of `npm/node.js` ' +
    '(`scripts/bench/node.mjs`) over the corpus held in memory, ' +
    `${m.node.seconds.length} rounds of ${m.node.messages} messages ` +
    'after a warm-up round (the report parsed from JSON, as the package ' +
    'returns it); natively the same rounds by `benches/rounds.rs` ' +
    '(`pantul::decode`, the report serialised to JSON). CPU seconds ' +
    'are the process\'s own (user and system), which the load of ' +
    'other processes on this shared machine does not inflate as it ' +
    'does wall time; rates are median rounds.');
  const per = (r, key) => median(r[key]);
  const inRows = [];
  const inRow = (label, r) => inRows.push([label,
    rate(r.messages, per(r, 'cpuSeconds')),
    fixed(mb(r.bytes) / per(r, 'cpuSeconds'), 1),
    rate(r.messages, per(r, 'seconds')),
    fixed(mb(r.bytes) / per(r, 'seconds'), 1)]);
  inRow('Node (wasm)', m.node);
  inRow('native', m.rounds);
  const share = per(m.rounds, 'cpuSeconds') / per(m.node, 'cpuSeconds');
  add(table(['', 'messages/s (CPU)', 'MB/s (CPU)', 'messages/s (wall)',
    'MB/s (wall)'], inRows),
    `WASM under Node runs at ${fixed(100 * share, 0)}% of native speed ` +
    `(CPU time); the Node process peaked at ` +
    `${fixed(m.node.maxRssKb / 1024, 1)} MiB.`);
  add(`A whole Node process decoding the corpus once (start-up, ` +
    `compiling the module, a warm-up round and one round): ` +
    `${fixed(m.nodeProcess.wall, 2)} s wall, ` +
    `${fixed(m.nodeProcess.kib / 1024, 1)} MiB peak.`);

  const b = m.browser;
  add('## The page in headless Chromium',
    'Debian\'s Chromium driven by playwright-core with the browser ' +
    'tests\' launch settings (`tests/browser/browser.mjs`), the built ' +
    'page served by `scripts/serve.mjs` on 127.0.0.1. A paste is timed ' +
    'in the page from setting the text area to the frame after the ' +
    'result is shown (the decoding runs in the page\'s worker).',
    table(['measure', 'median', 'runs'], [
      ['paste → rendered result, seed case (ERS-QIL, masked)',
        `${fixed(median(b.paste), 1)} ms`, b.paste.length],
      [`each corpus message pasted in turn (${b.count} messages)`,
        `${fixed(b.all / b.count, 1)} ms a message, ` +
        `${rate(b.count, b.all / 1000)} messages/s, ` +
        `${fixed(mb(b.bytes) / (b.all / 1000), 2)} MB/s`, 1],
      ['first load: bytes fetched (as served here, uncompressed)',
        `${fixed(median(b.loads.map((l) => l.bytes)) / 1024, 1)} KiB in ` +
        `${b.loads[0].requests} requests`, b.loads.length],
      ['first load: the same files gzipped (as a static host sends them)',
        `${fixed(m.gzippedSite / 1024, 1)} KiB`, 1],
      ['first load: load event (cold cache, loopback)',
        `${fixed(median(b.loads.map((l) => l.load)), 0)} ms`,
        b.loads.length],
      ['first load: the seed answered, pasted at DOMContentLoaded ' +
        '(time to interactive)',
        `${fixed(median(b.loads.map((l) => l.answered)), 0)} ms`,
        b.loads.length],
    ]));

  add('## Download',
    table(['file', 'raw', 'gzip -9', 'brotli 11'], [[
      '`pantul_bg.wasm` (both languages\' advice in it)',
      `${fixed(m.size.raw / 1024, 1)} KiB`,
      `${fixed(m.size.gzip / 1024, 1)} KiB`,
      `${fixed(m.size.brotli / 1024, 1)} KiB`]]));

  const unit = (x) => (x >= 1 ? `${x} MB` : `${x * 1000} kB`);
  add('## Scaling',
    'One input per run, `pantul --jsonl --max-size 67108864 FILE`, ' +
    `${PLAN.bigRuns} runs each (whole process; start-up included): an ` +
    'mbox of corpus messages, one Postfix bounce returning a huge ' +
    'base64 attachment, and a pasted fragment of one very long line.',
    table(['shape', 'size', 'wall s', 'CPU s', 'MB/s', 'peak MiB',
      'time ÷ time of the size before'],
    m.scale.map((s, i) => {
      const prev = m.scale[i - 1];
      // CPU seconds are counted in hundredths: too few to divide by.
      const grow = prev && prev.shape === s.shape && prev.cpu >= 0.05
        ? `${fixed(s.cpu / prev.cpu, 1)}× for ` +
          `${fixed(s.bytes / prev.bytes, 0)}× the size` : '';
      return [s.shape, unit(s.mb), fixed(s.wall, 3), fixed(s.cpu, 3),
        fixed(mb(s.bytes) / Math.max(s.wall, 1e-3), 1),
        fixed(s.kib / 1024, 1), grow];
    })));
  if (m.native) {
    const rows = Object.entries(m.native)
      .filter(([id]) => id.startsWith('scaling/'))
      .map(([id, r]) => [id.replace('scaling/', ''),
        `${fixed(r.seconds * 1000, 1)} ms`,
        fixed(mb(r.bytes) / r.seconds, 1)]);
    add('In process (`cargo bench`, the `scaling` group, 1 and 10 MB):',
      table(['shape/MB', 'time', 'MB/s'], rows));
  }

  add('## Reproduce',
    '```sh\nnode scripts/bench.mjs            # all of the above; ' +
    'rewrites this page\ncargo bench --bench decode        # the ' +
    'in-process figures alone\n/usr/bin/time -v target/release/pantul ' +
    '--jsonl ../shared/corpus/sisimai/eml > /dev/null\n' +
    '/usr/bin/time -v ../shared/tools/sisimai-p5-run ' +
    '../shared/corpus/sisimai/eml > /dev/null\n' +
    'node scripts/bench/node.mjs ../shared/corpus/sisimai/eml\n```',
    '`node scripts/bench.mjs --smoke` runs every step once on tiny ' +
    'inputs (part of `npm test`).');
  return lines.join('\n');
}

if (process.argv.includes('--render')) {
  render(JSON.parse(readFileSync(RESULTS, 'utf8')));
} else {
  await main();
}
