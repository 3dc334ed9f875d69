// SPDX-License-Identifier: MIT
// The build's staleness check: the bindings are made again whenever the
// raw module's content changes, whatever the files' times say.

import assert from 'node:assert/strict';
import {
  mkdtempSync, rmSync, utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { recipe, upToDate } from '../../scripts/build.mjs';

let dir;
let raw;
let stamp;
let outputs;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pantul-build-'));
  raw = join(dir, 'raw.wasm');
  stamp = join(dir, '.built-from');
  outputs = [join(dir, 'out_bg.wasm'), join(dir, 'out.js')];
  writeFileSync(raw, 'module one');
  for (const f of outputs) writeFileSync(f, 'generated');
  writeFileSync(stamp, recipe(raw));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('outputs made from the same module are up to date', () => {
  assert.equal(upToDate(recipe(raw), stamp, outputs), true);
});

test('a changed module is stale even when it looks older', () => {
  writeFileSync(raw, 'module two');
  // As after a checkout or a copy: the new module's time is older than
  // the outputs', which a time comparison took for up to date.
  const past = new Date(Date.now() - 3600_000);
  utimesSync(raw, past, past);
  assert.equal(upToDate(recipe(raw), stamp, outputs), false);
  writeFileSync(stamp, recipe(raw));
  assert.equal(upToDate(recipe(raw), stamp, outputs), true);
});

test('a missing output or stamp makes the build run again', () => {
  const wanted = recipe(raw);
  rmSync(outputs[1]);
  assert.equal(upToDate(wanted, stamp, outputs), false);
  writeFileSync(outputs[1], 'generated');
  rmSync(stamp);
  assert.equal(upToDate(wanted, stamp, outputs), false);
});

test('the recipe names the module by content and the tools by version',
  () => {
    const parsed = JSON.parse(recipe(raw));
    assert.match(parsed.raw, /^[0-9a-f]{64}$/);
    assert.match(parsed.wasmBindgen, /^\d+\.\d+\.\d+$/);
    assert.ok(parsed.bindgenArgs.includes('--target'));
    assert.ok(parsed.optArgs.includes('-O1'));
  });
