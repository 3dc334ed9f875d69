// SPDX-License-Identifier: MIT
// What `npm pack` would publish: every file the entry points need, and
// nothing else.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT } from '../../scripts/setup.mjs';

test('the package ships its entry points, types and module', () => {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json',
    '--ignore-scripts'], { cwd: join(ROOT, 'npm'), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const [pack] = JSON.parse(result.stdout);
  const files = pack.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['LICENSE', 'README.md', 'api.js', 'browser.js',
    'index.d.ts', 'node.js', 'package.json', 'wasm/pantul.js',
    'wasm/pantul_bg.wasm']);
});

test('README, the workspace and the package ask for the same Node', () => {
  const read = (path) => readFileSync(join(ROOT, path), 'utf8');
  const engines = (path) => JSON.parse(read(path)).engines.node;
  assert.equal(engines('package.json'), '>=20');
  assert.equal(engines('npm/package.json'), '>=20');
  assert.match(read('README.md'), /Node 20\+/);
  assert.match(read('npm/README.md'), /Node \(20\+\)/);
  assert.doesNotMatch(read('README.md') + read('npm/README.md'),
    /Node (\()?1[0-9]\+/);
  const major = Number(process.versions.node.split('.')[0]);
  assert.ok(major >= 20, `running on Node ${process.versions.node}`);
});

test('the package carries the repository\'s licence', () => {
  assert.equal(readFileSync(join(ROOT, 'npm', 'LICENSE'), 'utf8'),
    readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  assert.match(readFileSync(join(ROOT, 'npm', 'LICENSE'), 'utf8'),
    /MIT License/);
});
