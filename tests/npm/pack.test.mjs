// SPDX-License-Identifier: MIT
// What `npm pack` would publish: every file the entry points need, and
// nothing else.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT } from '../../scripts/setup.mjs';

test('the package ships its entry points, types and module', () => {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json',
    '--ignore-scripts'], { cwd: join(ROOT, 'npm'), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const [pack] = JSON.parse(result.stdout);
  const files = pack.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['README.md', 'api.js', 'browser.js',
    'index.d.ts', 'node.js', 'package.json', 'wasm/pantul.js',
    'wasm/pantul_bg.wasm']);
});
