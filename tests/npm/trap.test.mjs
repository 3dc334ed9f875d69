// SPDX-License-Identifier: MIT
// A trap in the WebAssembly module (what a Rust panic becomes there)
// reaches the caller as PantulError 'internal', and the module is
// started afresh so that the next call works.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { PantulError, bind } from '../../npm/api.js';
import * as wasm from '../../npm/wasm/pantul.js';
import { SEED, checkSeed } from '../seed/seed.mjs';

/** A stand-in for the bindings whose next `traps` calls trap. */
function trapping(traps) {
  const calls = { resets: 0 };
  const fake = {
    maxSize: () => 1000,
    tooLargeError: () => new Error('too large'),
    decodeHeadBytes: () => {
      throw Object.assign(new Error('too large'),
        { name: 'PantulError', code: 'too-large' });
    },
    checkIp: () => undefined,
    catalogJson: () => '{}',
    decodeString: () => {
      if (traps-- > 0) throw new WebAssembly.RuntimeError('unreachable');
      return '{"kind":"bounce"}';
    },
    decodeBytes: () => '{"kind":"bounce"}',
    __wbg_reset_state: () => { calls.resets += 1; },
  };
  return { api: bind(fake), calls };
}

test('a trap is PantulError internal, and the module starts afresh', () => {
  const { api, calls } = trapping(1);
  assert.throws(() => api.decode('550 5.1.1 x', { lang: 'en' }), (e) =>
    e instanceof PantulError && e.code === 'internal' &&
    e.message.includes('internal error') && e.message.includes('unreachable'));
  assert.equal(calls.resets, 1);
  assert.deepEqual(api.decode('550 5.1.1 x'), { kind: 'bounce' });
  assert.equal(calls.resets, 1);
});

test('other failures leave the module as it is', () => {
  const { api, calls } = trapping(0);
  assert.throws(() => api.decode(42), TypeError);
  assert.throws(() => api.decode('x'.repeat(1001)),
    (e) => e instanceof PantulError && e.code === 'too-large');
  assert.equal(calls.resets, 0);
});

test('the built module can be started afresh and still decodes', () => {
  wasm.initSync({
    module: readFileSync(new URL('../../npm/wasm/pantul_bg.wasm',
      import.meta.url)),
  });
  assert.equal(typeof wasm.__wbg_reset_state, 'function',
    'wasm-bindgen ran without --experimental-reset-state-function');
  const api = bind(wasm);
  checkSeed(api.decode(SEED, { lang: 'en' }), 'en');
  wasm.__wbg_reset_state();
  checkSeed(api.decode(SEED, { lang: 'en' }), 'en');
});
