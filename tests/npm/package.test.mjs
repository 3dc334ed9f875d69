// SPDX-License-Identifier: MIT
// The npm package as a user imports it ('pantul', Node ESM): the seed
// case, the options, the typed errors.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  PantulError, catalog, checkIp, decode, decodeAll, maxSize,
} from 'pantul';

import { SEED, SEED_ADDRESSES, checkSeed } from '../seed/seed.mjs';

test('the seed block decodes in both languages', () => {
  for (const lang of ['id', 'en']) checkSeed(decode(SEED, { lang }), lang);
});

test('bytes give the same report as text', () => {
  const bytes = new TextEncoder().encode(SEED);
  assert.deepEqual(decode(bytes, { lang: 'en' }),
    decode(SEED, { lang: 'en' }));
  assert.deepEqual(decode(bytes.buffer, { lang: 'en' }),
    decode(SEED, { lang: 'en' }));
});

test('the default language is Bahasa Indonesia', () => {
  assert.equal(decode(SEED).lang, 'id');
});

test('real addresses come through', () => {
  const report = decode(SEED_ADDRESSES, { lang: 'en' });
  checkSeed(report, 'en', { masked: false });
  assert.deepEqual(report.recipients.map((r) => r.address),
    ['rina@example.co.id', 'budi@example.net']);
});

test('a sending IP fills the links, percent-encoded', () => {
  const report = decode(SEED, { lang: 'en', sendingIp: '203.0.113.9' });
  for (const r of report.recipients) {
    assert.equal(r.blocklist.listed, '203.0.113.9');
    const url = new URL(r.blocklist.lookup_url);
    assert.equal(url.searchParams.get('ip_address'), '203.0.113.9');
  }
  const v6 = decode(SEED, { lang: 'en', sendingIp: '2001:DB8::9' });
  assert.equal(v6.recipients[0].blocklist.listed, '2001:db8::9');
  assert.match(v6.recipients[0].blocklist.lookup_url,
    /\?ip_address=2001:db8::9$/);
});

test('an invalid sending IP is refused with a typed error', () => {
  for (const bad of ['xx.xx.xx.xx', '1.2.3.4/24', '<b>', '999.1.1.1']) {
    assert.throws(() => decode(SEED, { lang: 'en', sendingIp: bad }),
      (e) => e instanceof PantulError && e.code === 'invalid-ip');
  }
  assert.throws(() => decode(SEED, { lang: 'en', sendingIp: '10.0.0.7' }),
    (e) => e instanceof PantulError && e.code === 'invalid-ip' &&
      e.message.startsWith('10.0.0.7 is not a public address (private)'));
});

test('empty, binary and over-size input throw PantulError', () => {
  const cases = [
    ['', 'empty', /Tidak ada teks/],
    [' \n\t ', 'empty', /Tidak ada teks/],
    [new Uint8Array(4096).map((_, i) => i % 5), 'binary', /biner/],
    ['a'.repeat(maxSize + 1), 'too-large', /terlalu besar/],
    // One byte over: both sizes in bytes, so the size is seen to be larger.
    [new Uint8Array(maxSize + 1), 'too-large', /10\.485\.761 byte/],
    ['\uFEFF', 'empty', /Tidak ada teks/],
    [new Uint8Array([0xff, 0xfe]), 'empty', /Tidak ada teks/],
    [new Uint8Array([0xef, 0xbb, 0xbf, 0x20]), 'empty', /Tidak ada teks/],
  ];
  for (const [input, code, message] of cases) {
    assert.throws(() => decode(input, { lang: 'id' }), (e) => {
      assert.ok(e instanceof PantulError);
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'PantulError');
      assert.equal(e.code, code);
      assert.match(e.message, message);
      return true;
    });
  }
  assert.throws(() => decode('', { lang: 'en' }), /There is no text/);
});

test('errors name no surface: no pasting, typing, files to choose', () => {
  const big = 'a'.repeat(maxSize + 1);
  const binary = new Uint8Array(4096).map((_, i) => i % 5);
  const cases = [
    [() => decode(' ', 'en'), 'empty',
      'There is no text to read: the input is empty.'],
    [() => decode(' ', 'id'), 'empty',
      'Tidak ada teks untuk dibaca: masukan ini kosong.'],
    [() => decode(big, 'en'), 'too-large',
      'The input is too large (10,485,761 bytes); the limit is ' +
      '10,485,760 bytes.'],
    [() => decode(big, 'id'), 'too-large',
      'Masukan terlalu besar (10.485.761 byte); batasnya 10.485.760 byte.'],
    [() => decode(binary, 'en'), 'binary',
      'This input is binary data, not text; a bounce message is text.'],
    [() => decode(binary, 'id'), 'binary',
      'Masukan ini berupa data biner, bukan teks; pesan bounce berupa ' +
      'teks.'],
    [() => decode(SEED, { lang: 'en', sendingIp: 'x' }), 'invalid-ip',
      'That is not a valid IP address. The sending IP must be your ' +
      'sending server\'s IPv4 (for example 192.0.2.10) or IPv6 address.'],
    [() => decode(SEED, { lang: 'id', sendingIp: '127.0.0.1' }),
      'invalid-ip',
      '127.0.0.1 bukan alamat publik (loopback), sehingga server lain ' +
      'tidak pernah melihatnya. IP pengirim harus berupa alamat IP ' +
      'publik tempat server Anda mengirim email.'],
  ];
  const page = /paste|type |choose|click|button|tempel|ketik|pilih|klik|tombol/i;
  for (const [call, code, message] of cases) {
    assert.throws(call, (e) => {
      assert.equal(e.code, code);
      assert.equal(e.message, message);
      assert.doesNotMatch(e.message, page);
      return true;
    });
  }
});

test('UTF-16 with a byte order mark reads as its text', () => {
  const text = SEED;
  const units = [...text].flatMap((c) => {
    const code = c.codePointAt(0);
    if (code < 0x10000) return [code];
    const v = code - 0x10000;
    return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
  });
  const le = new Uint8Array(2 + units.length * 2);
  const be = new Uint8Array(2 + units.length * 2);
  le.set([0xff, 0xfe]);
  be.set([0xfe, 0xff]);
  units.forEach((u, i) => {
    le.set([u & 0xff, u >> 8], 2 + i * 2);
    be.set([u >> 8, u & 0xff], 2 + i * 2);
  });
  const plain = decode(text, { lang: 'en' });
  assert.deepEqual(decode(le, { lang: 'en' }), plain);
  assert.deepEqual(decode(be, { lang: 'en' }), plain);
  assert.deepEqual(decode('\uFEFF' + text, { lang: 'en' }), plain);
});

test('a language tag in any case asks for its language', () => {
  const en = decode(SEED, 'en');
  const id = decode(SEED, 'id');
  for (const tag of ['EN', 'en-US', 'en_GB']) {
    assert.deepEqual(decode(SEED, { lang: tag }), en, tag);
  }
  for (const tag of ['ID', 'id-ID', 'in', 'ms-MY', 'ms', 'jv-ID', 'fr-ID']) {
    assert.deepEqual(decode(SEED, tag), id, tag);
  }
  for (const tag of ['fr', 'de-DE', 'zh-Hant-TW', 'en-ID']) {
    assert.deepEqual(decode(SEED, { lang: tag }), en, tag);
  }
  assert.equal(catalog('en-AU').lang, 'en');
  assert.equal(catalog('ms-MY').lang, 'id');
});

test('arguments of the wrong type throw TypeError', () => {
  assert.throws(() => decode(42), TypeError);
  assert.throws(() => decode(SEED, { lang: 'not a tag' }), TypeError);
  assert.throws(() => decode(SEED, { lang: '' }), TypeError);
  assert.throws(() => decode(SEED, { lang: 7 }), TypeError);
  assert.throws(() => decode(SEED, { sendingIp: 7 }), TypeError);
  // What was given is named, so a missing argument is told apart.
  assert.throws(() => decode(undefined), {
    name: 'TypeError',
    message: 'input must be a string, a Uint8Array or an ArrayBuffer, ' +
      'not undefined',
  });
  assert.throws(() => decode(new DataView(new ArrayBuffer(2))),
    /not a DataView$/);
  // A misspelt option is refused, not read in the default language.
  assert.throws(() => decode(SEED, { language: 'en' }), {
    name: 'TypeError',
    message: 'unknown option "language": the options are lang and sendingIp',
  });
  assert.throws(() => decodeAll(SEED, { sending_ip: '192.0.2.1' }),
    TypeError);
  assert.throws(() => catalog({ lang: 'en', langs: 'id' }), TypeError);
});

test('a phishing lure names its reader as the one to act', () => {
  const lure = 'Your mailbox neko@example.org has 4 pending incoming ' +
    'messages. To release your pending messages, click the link below ' +
    'and verify your account:\nhttps://mail-release.example/login\n';
  const report = decode(lure, 'en');
  assert.equal(report.advice[0].id, 'phishing');
  assert.equal(report.advice[0].who, 'reader');
});

test('the catalog lists its entries with ready links', () => {
  const c = catalog({ lang: 'en' });
  assert.equal(c.lang, 'en');
  const ers = c.entries.find((e) => e.id === 'trendmicro-ers');
  assert.equal(ers.lookup_url,
    'https://www.ers.trendmicro.com/reputations/index');
  assert.equal(c.reasons.length, 36);
});

test('checkIp gives the canonical form or null', () => {
  assert.equal(checkIp(' 192.0.2.5 '), '192.0.2.5');
  assert.equal(checkIp('xx.xx.xx.xx'), null);
  assert.throws(() => checkIp(undefined), TypeError);
  assert.equal(checkIp('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(checkIp('2001:DB8:0::1'), '2001:db8::1');
  for (const inner of ['10.0.0.1', '127.0.0.1', '169.254.1.1', 'fd00::1',
    '0.0.0.0']) {
    assert.equal(checkIp(inner), null, inner);
  }
});

test('a ticket pasted as its HTML gives the server words without markup',
  () => {
    const ticket = '<div>Hello,<br><br>This bounced:<br><blockquote>' +
      '&lt;neko@example.org&gt;: host mx.example.org[192.0.2.1] said: ' +
      '550&nbsp;5.1.1 &lt;neko@example.org&gt;: User unknown (in reply ' +
      'to RCPT TO command)<br></blockquote><p>Thanks, <b>Sri</b></p></div>';
    const [recipient] = decode(ticket, { lang: 'en' }).recipients;
    assert.equal(recipient.address, 'neko@example.org');
    assert.equal(recipient.diagnostic,
      '550 5.1.1 <neko@example.org>: User unknown');
    assert.equal(recipient.command, 'RCPT');
    // Text that only mentions a tag is left as it is.
    const mention = 'The reply said <br> twice <br>: <neko@example.org>: ' +
      'host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown';
    assert.match(decode(mention, { lang: 'en' }).recipients[0].diagnostic,
      /^550 5\.1\.1 User unknown/);
  });
