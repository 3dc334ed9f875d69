// SPDX-License-Identifier: MIT
// `npm test`: sets up, then runs every check and test, native, wasm
// under Node, the npm package, and the page in headless Chromium.
// Stops at the first failing step; ends with "N passed, N failed".

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build } from './build.mjs';
import { ROOT, ensureChromium, say, setup } from './setup.mjs';

const WASM_RUNNER = {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner',
};

/** Test files of one folder, for `node --test`. */
function nodeTests(folder) {
  const dir = join(ROOT, 'tests', folder);
  return readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort()
    .map((f) => join('tests', folder, f));
}

const STEPS = [
  ['format', 'cargo', ['fmt', '--all', '--', '--check']],
  ['lint', 'cargo', ['clippy', '--all-targets', '--locked', '--',
    '-D', 'warnings']],
  ['lint (wasm)', 'cargo', ['clippy', '--lib', '--tests', '--locked',
    '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings']],
  ['native tests', 'cargo', ['test', '--locked']],
  ['build', null, build],
  ['wasm tests (Node)', 'cargo', ['test', '--locked', '--target',
    'wasm32-unknown-unknown', '--test', 'wasm'], WASM_RUNNER],
  ['npm package tests', 'node', () => ['--test', ...nodeTests('npm')]],
  ['browser tests', 'node', () => ['--test', '--test-concurrency=1',
    ...nodeTests('browser')]],
  // The benchmark harness on tiny inputs, so that it cannot rot; its
  // figures are not checked (npm run bench measures).
  ['bench smoke', 'node', ['scripts/bench.mjs', '--smoke'], {},
    hasCorpus],
];

/**
 * True when the shared Sisimai corpus the benchmark reads is at hand
 * (PANTUL_CORPUS, or a `shared/` folder beside the repository or above
 * it, as CI lays it); a clone without it skips the bench smoke step.
 */
function hasCorpus() {
  if (process.env.PANTUL_CORPUS) return true;
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const labels = join(dir, 'shared', 'corpus', 'sisimai', 'labels.tsv');
    if (existsSync(labels)) return true;
    if (dirname(dir) === dir) return false;
  }
}

/**
 * Counts from the closing lines of cargo test and node --test; ignored
 * and skipped tests (the corpus tests without the corpus) count as
 * skipped.
 */
export function tally(text, counts) {
  const pattern =
    /test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g;
  for (const m of text.matchAll(pattern)) {
    counts.passed += Number(m[1]);
    counts.failed += Number(m[2]);
    counts.skipped += Number(m[3]);
  }
  const names = { pass: 'passed', fail: 'failed', skipped: 'skipped' };
  for (const m of text.matchAll(/^(?:#|ℹ) (pass|fail|skipped) (\d+)$/gm)) {
    counts[names[m[1]]] += Number(m[2]);
  }
}

function runStep(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { text += d; process.stderr.write(d); });
    child.on('error', (e) => resolve({ code: 1, text: String(e) }));
    child.on('close', (code) => resolve({ code, text }));
  });
}

async function main() {
  const started = Date.now();
  setup();
  ensureChromium();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const times = [];
  for (const [name, command, args, env, when] of STEPS) {
    if (when && !when()) {
      say(`— ${name}: skipped (no shared corpus beside the repository) —`);
      continue;
    }
    say(`— ${name} —`);
    const t0 = Date.now();
    let ok = true;
    if (command === null) {
      args();
    } else {
      const list = typeof args === 'function' ? args() : args;
      const { code, text } = await runStep(command, list, env);
      tally(text, counts);
      ok = code === 0;
    }
    times.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!ok) {
      say(`step "${name}" failed`);
      counts.failed = Math.max(counts.failed, 1);
      break;
    }
  }
  say(`times: ${times.join(', ')}; total ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ` +
    `${counts.skipped} skipped`);
  process.exitCode = counts.failed === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
