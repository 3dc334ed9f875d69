// SPDX-License-Identifier: MIT
// A MIME message over the size limit, made large by the email it
// carries back, is read up to the limit with `warning.input-cut`, as the
// CLI reads it (fresh14 #35); any other input over the limit is still
// refused, with its whole size, and no more than the limit is copied.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  PantulError, decode, decodeAll, decodeLog, maxSize,
} from 'pantul';

import { bigNotice } from './big.mjs';

const BIG = bigNotice(maxSize);

/** The answer of the notice, whatever way it came in. */
function checkCut(report, lang) {
  assert.deepEqual(report.warning_ids, ['warning.input-cut']);
  const said = lang === 'en' ? 'Only its start was read'
    : 'Hanya bagian awalnya yang dibaca';
  assert.ok(report.warnings[0].includes(said), report.warnings[0]);
  assert.equal(report.recipients.length, 1);
  const r = report.recipients[0];
  assert.equal(r.address, 'andi@pelanggan-kain.example');
  assert.equal(r.reason, 'mailboxfull');
  assert.equal(r.status, '5.2.2');
  assert.equal(report.original.subject, 'Scan surat jalan');
}

test('the notice is over the limit and a MIME message', () => {
  assert.ok(BIG.length > maxSize + 1000, String(BIG.length));
  assert.match(BIG.subarray(0, 400).toString(),
    /Content-Type: multipart\/report/);
});

test('decode reads a Buffer, an ArrayBuffer and a string up to the limit',
  () => {
    for (const lang of ['en', 'id']) {
      checkCut(decode(BIG, { lang }), lang);
      const copy = BIG.buffer.slice(BIG.byteOffset,
        BIG.byteOffset + BIG.byteLength);
      checkCut(decode(copy, lang), lang);
      checkCut(decode(BIG.toString('latin1'), lang), lang);
    }
  });

test('decodeAll and decodeLog give that one report', () => {
  for (const lang of ['en', 'id']) {
    for (const run of [decodeAll, decodeLog]) {
      const reports = run(BIG, { lang });
      assert.equal(reports.length, 1);
      checkCut(reports[0], lang);
      assert.deepEqual(reports[0], decode(BIG, { lang }));
    }
  }
});

test('a string over the limit in bytes, not in characters, is cut too',
  () => {
    // Two bytes of UTF-8 each: half the limit in characters.
    const text = bigNotice(maxSize, 'é').toString('utf8');
    assert.ok(text.length < maxSize);
    checkCut(decode(text, 'en'), 'en');
    checkCut(decodeAll(text, 'en')[0], 'en');
  });

test('the cut report is the one of the notice within the limit', () => {
  // The same notice with its returned email cut short by hand reads the
  // same, but for the warning.
  const small = bigNotice(0);
  const whole = decode(small, 'en');
  const cut = decode(BIG, 'en');
  assert.deepEqual(whole.warning_ids, []);
  assert.deepEqual({ ...cut, warnings: [], warning_ids: [] },
    { ...whole, warnings: [], warning_ids: [] });
});

test('other input over the limit is refused with its whole size', () => {
  const tooLarge = (size) => (e) => e instanceof PantulError &&
    e.code === 'too-large' &&
    e.message.includes(`(${size.toLocaleString('en')} bytes)`);
  const text = Buffer.alloc(maxSize + 12345, 97);
  for (const run of [decode, decodeAll, decodeLog]) {
    assert.throws(() => run(text, 'en'), tooLarge(text.length));
    assert.throws(() => run(text.toString(), 'en'), tooLarge(text.length));
  }
  // An mbox file over the limit is refused, as the CLI refuses it,
  // though its first message is a MIME message.
  const mbox = Buffer.concat([
    Buffer.from('From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n'), BIG]);
  for (const run of [decode, decodeAll, decodeLog]) {
    assert.throws(() => run(mbox, 'en'), tooLarge(mbox.length));
  }
  // A wrong sending IP is said first, as for any input.
  assert.throws(() => decode(BIG, { sendingIp: '10.0.0.1' }),
    (e) => e instanceof PantulError && e.code === 'invalid-ip');
});

test('no more than the limit and a character is copied in', () => {
  // The bindings are given only the start of a large input.
  const seen = [];
  const fake = {
    maxSize: () => 100,
    decodeHeadBytes: (head, size) => {
      seen.push([head.length, size]);
      return '{"kind":"bounce"}';
    },
  };
  return import('../../npm/api.js').then(({ bind }) => {
    const api = bind(fake);
    api.decode(new Uint8Array(5000));
    api.decode('a'.repeat(5000));
    api.decode('€'.repeat(5000));
    assert.deepEqual(seen, [[101, 5000], [104, 5000], [102, 15000]]);
  });
});

test('the fixture it is made from is ours and unchanged', () => {
  const bytes = readFileSync(new URL('../fixtures/rfc3464/332.eml',
    import.meta.url));
  assert.equal(bytes.length, 7079);
});
