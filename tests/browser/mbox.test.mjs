// SPDX-License-Identifier: MIT
// An mbox of several messages shows every message's result; a text that
// is not a bounce gets a useful reply; a complaint is not "temporary";
// a paste of several MB shows its progress and leaves the page usable.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decode, decodeAll } from 'pantul';

import { ROOT } from '../../scripts/setup.mjs';
import { SEED } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');
const MBOX = [fixture('postfix/01.eml'), fixture('exim/01.eml'),
  fixture('arf/01.eml')].map((m, i) =>
  `From MAILER-DAEMON Mon Mar  3 10:1${i}:02 2025\n${m.replace(/\n*$/, '\n')}\n`)
  .join('');

const text = (page, selector) => page.textContent(selector);

test('every message of a dropped mbox can be shown', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  const reports = decodeAll(MBOX, { lang: 'en' });
  await page.setInputFiles('#file', { name: 'bounces.mbox',
    mimeType: 'application/mbox', buffer: Buffer.from(MBOX) });
  await page.waitForSelector('#result:not([hidden]) .messages');
  assert.equal(await text(page, '#messages-note'),
    '3 messages found in this text (an mbox file). Showing message 1. ' +
    'Choose another one below.');
  // One line a message: its number, kind and first recipient.
  const options = await page.locator('#message-pick option').allTextContents();
  assert.equal(options.length, reports.length);
  options.forEach((line, i) => {
    const r = reports[i];
    assert.ok(line.startsWith(`${r.message} · `), line);
    assert.ok(line.includes(`\u2068${r.recipients[0].address}\u2069`),
      line);
  });
  assert.equal(await text(page, '.summary'), reports[0].summary);
  assert.equal(await page.isDisabled('#message-previous'), true);

  await page.click('#message-next');
  assert.equal(await text(page, '.summary'), reports[1].summary);
  assert.match(await text(page, '#messages-note'), /Showing message 2\./);
  assert.equal(await page.inputValue('#reply-text'), reports[1].ticket_reply);
  assert.equal(await page.evaluate(() => document.activeElement.id),
    'message-next');

  await page.selectOption('#message-pick', '2');
  assert.equal(await text(page, '.summary'), reports[2].summary);
  assert.equal(await page.isDisabled('#message-next'), true);
  // The complaint is named for what it is, not "temporary".
  const when = await page.locator('.recipients td[data-label="Reason"] small')
    .allTextContents();
  assert.deepEqual(when, ['complaint (feedback report)',
    'complaint (feedback report)']);
  assert.doesNotMatch(await text(page, '.severity'), /Temporary/);
  assert.match(await text(page, '#status'), /^Result ready: 3 messages\./);

  // A new language keeps the message shown.
  await page.selectOption('#lang', 'id');
  await page.waitForFunction(() =>
    document.getElementById('messages-note')?.textContent.startsWith(
      'Ditemukan 3 pesan'));
  assert.equal(await text(page, '.summary'),
    decodeAll(MBOX, { lang: 'id' })[2].summary);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasted text of one message shows no message navigation', async () => {
  const { page } = await openPage(env, { lang: 'en' });
  await paste(page, SEED);
  assert.equal(await page.locator('.messages').count(), 0);
  assert.equal(await text(page, '.summary'),
    decode(SEED, { lang: 'en' }).summary);
  await page.close();
});

test('a text that is not a bounce gets a reply that says what to send',
  async () => {
    const { page } = await openPage(env, { lang: 'id' });
    const note = 'Halo, email saya ke klien tidak sampai. Tolong dicek ya.';
    await paste(page, note);
    const report = decode(note, 'id');
    assert.equal(report.kind, 'not-a-bounce');
    const reply = await page.inputValue('#reply-text');
    assert.equal(reply, report.ticket_reply);
    assert.match(reply, /^Teks yang Anda kirimkan bukan pesan bounce/);
    assert.match(reply, /MAILER-DAEMON/);
    assert.match(reply, /\n1\. Cari pesan bounce di inbox atau folder spam/);
    assert.equal(await page.locator('[data-advice="not-a-bounce"]').count(),
      1);
    await page.close();
  });

test('a paste of several MB shows its progress; the page stays usable',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    const line = '<neko@example.org>: host mx.example.org[192.0.2.1] said: ' +
      '550 5.1.1 User unknown (in reply to RCPT TO command)\n';
    const big = line.repeat(Math.floor(6 * 1024 * 1024 / line.length));
    await page.evaluate(() => {
      // Records what the progress line said while it was shown.
      globalThis.seen = [];
      const note = document.getElementById('progress');
      new MutationObserver(() => {
        if (!note.hidden) {
          globalThis.seen.push(document.getElementById('progress-text')
            .textContent);
        }
      }).observe(note, { attributes: true, subtree: true,
        childList: true });
    });
    await page.evaluate((t) => {
      document.getElementById('bounce').value = t;
    }, big);
    await page.click('#submit');
    await page.waitForSelector('#result:not([hidden])');
    const seen = await page.evaluate(() => globalThis.seen);
    assert.ok(seen.length >= 1, 'the progress line was shown');
    assert.match(seen[0], /^Reading 6\.0 MiB… A long text takes a few seconds/);
    assert.equal(await page.isHidden('#progress'), true);
    assert.equal(await page.isDisabled('#submit'), false);
    assert.equal(await text(page, '.summary'),
      decode(big, { lang: 'en' }).summary);
    assert.deepEqual(errors, []);
    await page.close();
  });
