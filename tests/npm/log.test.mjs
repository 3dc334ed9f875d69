// SPDX-License-Identifier: MIT
// decodeLog(): a mail log or queue listing, one report per queued
// message, as the CLI reads it; totals() as the CLI's --totals counts.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  PantulError, decode, decodeAll, decodeLog, maxSize, totals,
} from 'pantul';

import { ROOT, run } from '../../scripts/setup.mjs';
import { REASONS, t } from '../../www/strings.js';

const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');

/**
 * A Postfix log of three queued messages: one delivered, one bounced
 * (both leave the queue), one deferred and still queued at the end.
 */
const LOG = fixture('maillog/43.txt');

const CLI = join(ROOT, 'target', 'debug', 'pantul');
let dir;

before(() => {
  run('cargo', ['build', '--locked', '--quiet', '--bin', 'pantul']);
  dir = mkdtempSync(join(tmpdir(), 'pantul-log-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('decodeLog gives one report a queued message, with its queue id',
  () => {
    const reports = decodeLog(LOG, 'en');
    // Those that left the queue in the order they left it, then the one
    // still queued.
    assert.deepEqual(reports.map((r) => r.queue_id),
      ['5A1B2C3D4E', '6B2C3D4E5F', '7C3D4E5F6A']);
    assert.deepEqual(reports.map((r) => r.kind),
      ['delivered', 'bounce', 'delay']);
    assert.deepEqual(reports.map((r) => r.recipients.map((p) =>
      [p.address, p.action, p.reason, p.sender])), [
      [['andi@example.org', 'delivered', 'delivered', 'toko@example.net']],
      [['joko@example.org', 'failed', 'userunknown', 'toko@example.net']],
      [['dewi@example.com', 'delayed', 'networkerror',
        'toko@example.net']],
    ]);
    // Each report is what its queued message's lines give alone.
    const lines = LOG.split('\n');
    const own = lines.filter((l) => l.includes('6B2C3D4E5F')).join('\n');
    assert.deepEqual(reports[1].recipients, decode(own, 'en').recipients);
    assert.equal(reports[1].summary, decode(own, 'en').summary);
    // Bytes read the same, in both languages.
    const bytes = new TextEncoder().encode(LOG);
    assert.deepEqual(decodeLog(bytes, 'en'), reports);
    assert.deepEqual(decodeLog(LOG, 'id').map((r) => r.lang),
      ['id', 'id', 'id']);
  });

test('decodeLog splits a queue listing by entry', () => {
  const reports = decodeLog(fixture('mailq/01.txt'), 'en');
  assert.deepEqual(reports.map((r) => r.queue_id),
    ['A1B2C3D4E5', '4F2D11A0B3', '9C8B7A6F5E', '7E6D5C4B3A']);
  assert.deepEqual(reports.map((r) => r.recipients.length), [1, 1, 2, 1]);
  // The listing as one notice has the same recipients, in one report.
  const whole = decode(fixture('mailq/01.txt'), 'en');
  assert.deepEqual(reports.flatMap((r) => r.recipients.map((p) => p.address)),
    whole.recipients.map((p) => p.address));
});

test('decodeLog reads the first 1,000 queued messages and says so', () => {
  const line = (n) => `Jun 12 08:00:03 mail postfix/smtp[901]: ${
    (0x10000 + n).toString(16).toUpperCase()}: to=<u${n}@example.org>, ` +
    'relay=none, delay=1, dsn=5.4.4, status=bounced (Host or domain name ' +
    'not found)\n';
  const log = Array.from({ length: 1003 }, (_, n) => line(n)).join('');
  const reports = decodeLog(log, 'id');
  assert.equal(reports.length, 1000);
  assert.equal(reports[999].queue_id, '103E7');
  assert.deepEqual(reports[0].warning_ids, ['warning.too-many-queued']);
  assert.equal(reports[0].warnings[0], 'Log atau daftar antrean ini ' +
    'berisi 1.003 email dalam antrean, terlalu banyak untuk dibaca ' +
    'semuanya di sini: 1.000 email dibaca, dengan email yang masih dalam ' +
    'antrean dan yang gagal didahulukan, dan 3 email lainnya dilewati. ' +
    'Perintah pantul dapat membaca log sebesar apa pun.');
  assert.deepEqual(reports[1].warning_ids, []);
});

test('decodeLog reads any other input as decodeAll does', () => {
  for (const text of [fixture('postfix/01.eml'), fixture('exim/40.txt'),
    `From MAILER-DAEMON Mon Mar  3 10:10:02 2025\n${fixture('postfix/01.eml')}` +
    `\nFrom MAILER-DAEMON Mon Mar  3 10:11:02 2025\n${fixture('arf/01.eml')}`,
    // A ticket that quotes a log line after a sentence is no log.
    `Hello, this bounced:\n\n${LOG.split('\n')[5]}\n`]) {
    assert.deepEqual(decodeLog(text, 'en'), decodeAll(text, 'en'));
  }
});

test('decodeLog refuses what decode refuses, with the same errors', () => {
  for (const bad of ['', ' \n ']) {
    assert.throws(() => decodeLog(bad), (e) => e instanceof PantulError &&
      e.code === 'empty');
  }
  assert.throws(() => decodeLog('x'.repeat(maxSize + 1)),
    (e) => e instanceof PantulError && e.code === 'too-large');
  assert.throws(() => decodeLog(LOG, { sendingIp: 'nope' }),
    (e) => e instanceof PantulError && e.code === 'invalid-ip');
  assert.throws(() => decodeLog(42), TypeError);
  assert.throws(() => totals('not reports'), TypeError);
});

test('totals count as the CLI does', () => {
  const sum = totals(decodeLog(LOG, 'en'));
  assert.deepEqual(sum, {
    reports: 3,
    kinds: { delivered: 1, bounce: 1, delay: 1 },
    recipients: 3,
    actions: { delivered: 1, failed: 1, delayed: 1 },
    reasons: { delivered: 1, userunknown: 1, networkerror: 1 },
    hard_bounces: 1,
    warnings: {},
  });
  assert.deepEqual(totals([]), { reports: 0, kinds: {}, recipients: 0,
    actions: {}, reasons: {}, hard_bounces: 0, warnings: {} });
});

test('the CLI and decodeLog agree on a log, totals included', () => {
  const path = join(dir, 'maillog');
  writeFileSync(path, LOG);
  const cli = (args) => spawnSync(CLI, [...args, '--lang', 'en', path],
    { encoding: 'utf8', env: { PATH: '' } });
  const lines = cli(['--jsonl']);
  assert.equal(lines.status, 0, lines.stderr);
  const fromCli = lines.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const fromPackage = decodeLog(LOG, 'en');
  assert.equal(fromCli.length, fromPackage.length);
  fromCli.forEach((r, i) => {
    assert.equal(r.queue_id, fromPackage[i].queue_id);
    assert.deepEqual(r.recipients, fromPackage[i].recipients);
    assert.equal(r.summary, fromPackage[i].summary);
  });
  const counted = cli(['--totals', '--json']);
  assert.equal(counted.status, 0, counted.stderr);
  const { failures, ...fromCliTotals } = JSON.parse(counted.stdout).totals;
  assert.equal(failures, 0);
  assert.deepEqual(totals(fromPackage), fromCliTotals);
});

/**
 * A Postfix log of two queued messages: one greylisted and still
 * retried (reason `expired`, not permanent), one bounced.
 */
const GREYLISTED = fixture('maillog/135.txt');

test('a greylisted recipient still retried is counted as delayed', () => {
  const reports = decodeLog(GREYLISTED, 'en');
  const retried = reports.flatMap((r) => r.recipients)
    .filter((r) => r.action === 'delayed');
  assert.deepEqual(retried.map((r) => [r.reason, r.permanent]),
    [['expired', false]]);
  assert.deepEqual(totals(reports).reasons, { delayed: 1, userunknown: 1 });
});

test('the CLI\'s readable totals name what the page names', () => {
  const path = join(dir, 'greylisted');
  writeFileSync(path, GREYLISTED);
  for (const lang of ['id', 'en']) {
    const out = spawnSync(CLI, ['--totals', '--lang', lang, path],
      { encoding: 'utf8', env: { PATH: '' } });
    assert.equal(out.status, 0, out.stderr);
    const [, kinds, actions, reasons] = out.stdout.trim().split('\n');
    const low = (s) => s[0].toLowerCase() + s.slice(1);
    assert.ok(kinds.endsWith(`: ${low(t('kind.bounce', lang))} 1, ` +
      `${low(t('kind.delay', lang))} 1`), kinds);
    assert.ok(actions.endsWith(`: ${t('action.delayed', lang)} 1, ` +
      `${t('action.failed', lang)} 1`), actions);
    assert.ok(reasons.endsWith(`: ${t('reason.delayed', lang)} 1, ` +
      `${REASONS.userunknown[lang]} 1`), reasons);
    // Ids are for the JSON only.
    assert.doesNotMatch(out.stdout, /userunknown|expired|bounce 1/);
  }
});

