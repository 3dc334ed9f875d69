// SPDX-License-Identifier: MIT
// decodeAll(): every message of an mbox file, as the CLI reads it; the
// language shorthand of decode(); IPv4-mapped IPv6 in checkIp().

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  PantulError, catalog, checkIp, decode, decodeAll,
} from 'pantul';

import { ROOT, run } from '../../scripts/setup.mjs';

const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');

/** Three notices of three programs, as an mbox file holds them. */
const MESSAGES = [fixture('postfix/01.eml'), fixture('exim/01.eml'),
  fixture('arf/01.eml')];
const MBOX = MESSAGES.map((m, i) =>
  `From MAILER-DAEMON Mon Mar  3 10:1${i}:02 2025\n${m.replace(/\n*$/, '\n')}\n`)
  .join('');

const CLI = join(ROOT, 'target', 'debug', 'pantul');
let dir;

before(() => {
  run('cargo', ['build', '--locked', '--quiet', '--bin', 'pantul']);
  dir = mkdtempSync(join(tmpdir(), 'pantul-mbox-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('decodeAll gives one report a message of an mbox, numbered', () => {
  const reports = decodeAll(MBOX, { lang: 'en' });
  assert.equal(reports.length, 3);
  assert.deepEqual(reports.map((r) => r.message), [1, 2, 3]);
  assert.deepEqual(reports.map((r) => r.kind),
    ['bounce', 'bounce', 'feedback-report']);
  assert.deepEqual(reports.map((r) => r.recipients.map((p) => p.reason)), [
    ['userunknown', 'mailboxfull'],
    ['userunknown', 'expired'],
    ['feedback', 'feedback'],
  ]);
  assert.deepEqual(reports[0].recipients.map((r) => r.address),
    ['neko@example.org', 'tora@example.net']);
  // Each report is the one its message gives alone, numbered.
  MESSAGES.forEach((m, i) => {
    assert.deepEqual(reports[i], { ...decode(m, 'en'), message: i + 1 });
  });
});

test('decode reads the first message of an mbox and says so', () => {
  const report = decode(MBOX, 'en');
  assert.equal(report.message, 1);
  assert.deepEqual(report.recipients, decode(MESSAGES[0], 'en').recipients);
  const at = report.warning_ids.indexOf('warning.several-messages');
  assert.ok(at >= 0, report.warning_ids.join(', '));
  assert.equal(report.warnings[at], 'This text holds 3 messages (an mbox ' +
    'file); only one of them was read here. To read them all, use the ' +
    'Pantul page, the pantul command, or decodeAll() in the npm package.');
  assert.equal(decode(MESSAGES[0], 'en').warning_ids
    .includes('warning.several-messages'), false);
});

test('decodeAll takes bytes too, and one message gives one report', () => {
  const bytes = new TextEncoder().encode(MBOX);
  assert.deepEqual(decodeAll(bytes, 'en'), decodeAll(MBOX, 'en'));
  const one = decodeAll(MESSAGES[0], { lang: 'en' });
  assert.equal(one.length, 1);
  assert.equal(one[0].message, undefined);
  assert.deepEqual(one[0], decode(MESSAGES[0], { lang: 'en' }));
});

test('decodeAll leaves out an empty message and keeps the numbers', () => {
  const empty = 'From MAILER-DAEMON Mon Mar  3 10:20:02 2025\n\n';
  const reports = decodeAll(empty + MBOX, 'id');
  assert.deepEqual(reports.map((r) => r.message), [2, 3, 4]);
  assert.equal(reports[0].lang, 'id');
  // All empty: the file is read whole, as one message with nothing.
  const whole = decodeAll(empty + empty, 'en');
  assert.equal(whole.length, 1);
  assert.equal(whole[0].message, undefined);
  assert.deepEqual(whole[0].recipients, []);
});

test('decodeAll refuses what decode refuses, with the same errors', () => {
  for (const bad of ['', ' \n ']) {
    assert.throws(() => decodeAll(bad), (e) => e.code === 'empty');
  }
  assert.throws(() => decodeAll(MBOX, { sendingIp: 'nope' }),
    (e) => e instanceof PantulError && e.code === 'invalid-ip');
  assert.throws(() => decodeAll(42), TypeError);
});

test('the CLI and decodeAll agree on an mbox', () => {
  const path = join(dir, 'three.mbox');
  writeFileSync(path, MBOX);
  const result = spawnSync(CLI, ['--jsonl', '--lang', 'en', path],
    { encoding: 'utf8', env: { PATH: '' } });
  assert.equal(result.status, 0, result.stderr);
  const fromCli = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const fromPackage = decodeAll(MBOX, 'en');
  assert.equal(fromCli.length, 3);
  fromCli.forEach((r, i) => {
    assert.equal(r.message, fromPackage[i].message);
    assert.deepEqual(r.recipients, fromPackage[i].recipients);
    assert.equal(r.summary, fromPackage[i].summary);
  });
});

test('the CLI names a complaint a feedback report, not temporary', () => {
  const path = join(dir, 'arf.eml');
  writeFileSync(path, MESSAGES[2]);
  const result = spawnSync(CLI, [path], { encoding: 'utf8',
    env: { PATH: '' } });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout,
    /1\. neko@example\.com: [^\n]+ \[feedback\] \(feedback report\)/);
  assert.doesNotMatch(result.stdout, /temporary/);
});

test('a language code alone stands for the options', () => {
  const text = MESSAGES[0];
  assert.deepEqual(decode(text, 'en'), decode(text, { lang: 'en' }));
  assert.equal(decode(text, 'id').lang, 'id');
  assert.deepEqual(catalog('en'), catalog({ lang: 'en' }));
  assert.throws(() => decode(text, 'fr!'),
    { name: 'TypeError',
      message: "lang must be 'id', 'en' or a language tag such as 'id-ID' " +
        "or 'ms-MY', not fr!" });
  for (const bad of [42, true, () => 'en']) {
    assert.throws(() => decode(text, bad),
      (e) => e instanceof TypeError && /options must be an object/.test(
        e.message));
  }
});

test('checkIp gives the core validator\'s canonical form', () => {
  assert.equal(checkIp('2001:DB8::1'), '2001:db8::1');
  assert.equal(checkIp('[2001:db8::a]'), '2001:db8::a');
  assert.equal(checkIp(' 192.0.2.1 '), '192.0.2.1');
  assert.equal(checkIp('192.0.2.256'), null);
  assert.equal(checkIp('xx.xx.xx.xx'), null);
  for (const wrong of [42, null, undefined, {}]) {
    assert.throws(() => checkIp(wrong), TypeError);
  }
});

// One validator for the CLI, the sending IP and the catalog (in the
// WebAssembly) reads an IPv4-mapped IPv6 address as the IPv4 it holds.
test('checkIp reads an IPv4-mapped IPv6 address as IPv4', () => {
  assert.equal(checkIp('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(checkIp('[::FFFF:198.51.100.7]'), '198.51.100.7');
});
