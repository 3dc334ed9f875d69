// SPDX-License-Identifier: MIT
// The package README's first example as a helpdesk developer copies
// it: run as it is in a .mjs file, compiled as it is in a .ts file with
// tsc --strict, and loaded from CommonJS with require() where Node
// loads an ES module so (20.19 and later, 22.12 and later).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT } from '../../scripts/setup.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The first ```js block of npm/README.md. */
function example() {
  const readme = readFileSync(join(ROOT, 'npm', 'README.md'), 'utf8');
  const found = readme.match(/```js\n([\s\S]*?)```/);
  assert.ok(found, 'npm/README.md has a js example');
  return found[1];
}

/** Runs `check(dir)` in a fresh folder inside the repository. */
function inFolder(check) {
  const dir = mkdtempSync(join(ROOT, 'target', 'readme-'));
  try {
    return check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the README example runs as it is in a .mjs file', () => {
  const run = inFolder((dir) => {
    writeFileSync(join(dir, 'example.mjs'), example());
    return spawnSync(process.execPath, [join(dir, 'example.mjs')],
      { cwd: ROOT, encoding: 'utf8' });
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /^budi@example\.com 550 5\.1\.1 userunknown/m);
});

test('the README example compiles as it is in a .ts file', () => {
  const run = inFolder((dir) => {
    writeFileSync(join(dir, 'example.ts'), example());
    return spawnSync(process.execPath, [TSC, '--noEmit', '--strict',
      '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', join(dir, 'example.ts')],
    { cwd: ROOT, encoding: 'utf8' });
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('CommonJS loads the package with require() where Node can', () => {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const canRequire = major > 22 || (major === 22 && minor >= 12) ||
    (major === 20 && minor >= 19);
  if (!canRequire) return;
  const run = inFolder((dir) => {
    writeFileSync(join(dir, 'example.cjs'),
      "const { decode } = require('pantul');\n" +
      "const r = decode('<budi@example.com>: host mx.example.com' +\n" +
      "  '[192.0.2.5] said: 550 5.1.1 User unknown (in reply to RCPT ' +\n" +
      "  'TO command)', 'en');\n" +
      'console.log(r.recipients[0].reason);\n');
    return spawnSync(process.execPath, [join(dir, 'example.cjs')],
      { cwd: ROOT, encoding: 'utf8' });
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'userunknown\n');
});
