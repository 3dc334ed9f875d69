// SPDX-License-Identifier: MIT
// A pasted mail log or queue listing of several queued messages shows
// totals at the top and one report per queued message, picked by its
// queue id; on a phone too, by keyboard, in both languages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decode, decodeLog } from 'pantul';

import { ROOT } from '../../scripts/setup.mjs';
import { SEED } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');

/** Three queued messages: delivered, bounced, still deferred. */
const LOG = fixture('maillog/43.txt');

const text = (page, selector) => page.textContent(selector);

test('a log shows its totals, then each queued message by queue id',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    const reports = decodeLog(LOG, 'en');
    await paste(page, LOG);
    await page.waitForSelector('#result:not([hidden]) .log-totals');
    assert.equal(await text(page, '#log-totals-heading'),
      '3 queued messages in this log or queue listing');
    assert.equal(await page.getAttribute('.log-totals', 'aria-labelledby'),
      'log-totals-heading');
    assert.deepEqual(await page.locator('.log-totals li').allTextContents(), [
      '3 recipients: delayed 1, delivered 1, failed 1',
      'Unusable addresses (hard bounce): 1',
      'Most common causes: network or DNS problem 1, recipient address ' +
        'does not exist 1',
    ]);
    assert.equal(await text(page, '#messages-note'),
      'Showing queued message 1 of 3 (queue ID 5A1B2C3D4E). Choose ' +
      'another one below.');
    assert.equal(await text(page, 'label[for="message-pick"]'),
      'Queued message');
    // One line a queued message: its queue id, kind, first recipient.
    const options = await page.locator('#message-pick option')
      .allTextContents();
    assert.equal(options.length, reports.length);
    options.forEach((line, i) => {
      const r = reports[i];
      assert.ok(line.startsWith(`${r.queue_id} · `), line);
      assert.ok(line.includes(`\u2068${r.recipients[0].address}\u2069`),
        line);
    });
    assert.equal(await text(page, '.summary'), reports[0].summary);
    assert.equal(await text(page, '#status'), 'Result ready: 3 queued ' +
      `messages. Queue ID 5A1B2C3D4E: ${reports[0].summary}`);

    // By keyboard: the next button, then the list.
    await page.focus('#message-next');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById(
      'messages-note').textContent.includes('6B2C3D4E5F'));
    assert.equal(await text(page, '.summary'), reports[1].summary);
    assert.equal(await page.inputValue('#reply-text'),
      reports[1].ticket_reply);
    assert.equal(await page.evaluate(() => document.activeElement.id),
      'message-next');
    await page.selectOption('#message-pick', '2');
    assert.equal(await text(page, '.summary'), reports[2].summary);
    assert.equal(await page.isDisabled('#message-next'), true);
    // The totals stay over the whole log.
    assert.equal(await text(page, '#log-totals-heading'),
      '3 queued messages in this log or queue listing');

    // A new language keeps the queued message shown.
    await page.selectOption('#lang', 'id');
    await page.waitForFunction(() => document.getElementById(
      'log-totals-heading')?.textContent.startsWith('3 email dalam log'));
    assert.equal(await text(page, '.summary'),
      decodeLog(LOG, 'id')[2].summary);
    assert.deepEqual(await page.locator('.log-totals li').allTextContents(), [
      '3 penerima: ditunda 1, terkirim 1, gagal 1',
      'Alamat tidak dapat dipakai (hard bounce): 1',
      'Penyebab terbanyak: gangguan jaringan atau DNS 1, alamat penerima ' +
        'tidak ada 1',
    ]);
    assert.match(await text(page, '#messages-note'),
      /^Yang ditampilkan: email ke-3 dari 3 \(queue ID 7C3D4E5F6A\)\./);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('a queue listing reads the same way on a 360 px phone', async () => {
  const { page, errors } = await openPage(env, { lang: 'id',
    viewport: { width: 360, height: 740 } });
  const listing = fixture('mailq/01.txt');
  const reports = decodeLog(listing, 'id');
  await paste(page, listing);
  await page.waitForSelector('#result:not([hidden]) .log-totals');
  assert.equal(await text(page, '#log-totals-heading'),
    '4 email dalam log atau daftar antrean ini');
  assert.equal(await page.locator('#message-pick option').count(), 4);
  assert.equal(await text(page, '.summary'), reports[0].summary);
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `page ${wide}px too wide`);
  for (const selector of ['.log-totals', '#message-pick', '#message-next']) {
    const box = await page.locator(selector).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360,
      `${selector} ${JSON.stringify(box)}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('of a longer log, the totals say only the first 1,000 were read',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    const line = (n) => `Jun 12 08:00:03 mail postfix/smtp[901]: ${
      (0x20000 + n).toString(16).toUpperCase()}: to=<u${n}@example.org>, ` +
      'relay=none, delay=1, dsn=5.4.4, status=bounced (Host or domain ' +
      'name not found)\n';
    const log = Array.from({ length: 1002 }, (_, n) => line(n)).join('');
    await paste(page, log);
    await page.waitForSelector('#result:not([hidden]) .log-totals');
    assert.equal(await text(page, '#log-totals-heading'),
      'The first 1,000 queued messages in this log or queue listing');
    const items = await page.locator('.log-totals li').allTextContents();
    assert.equal(items[0], decodeLog(log, 'en')[0].warnings[0]);
    assert.match(items[0], /holds 1,002 queued messages/);
    assert.equal(items[1], '1,000 recipients: failed 1,000');
    assert.equal(await page.locator('#message-pick option').count(), 1000);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('an ordinary paste and a log of one message show no totals',
  async () => {
    const { page } = await openPage(env, { lang: 'en' });
    await paste(page, SEED);
    assert.equal(await page.locator('.log-totals').count(), 0);
    assert.equal(await page.locator('.messages').count(), 0);
    assert.equal(await text(page, '.summary'), decode(SEED, 'en').summary);
    const one = fixture('maillog/93.txt');
    await paste(page, one);
    assert.equal(await page.locator('.log-totals').count(), 0);
    assert.equal(await page.locator('.messages').count(), 0);
    assert.equal(await text(page, '.summary'), decodeLog(one, 'en')[0].summary);
    await page.close();
  });

test('a greylisted message still retried counts as delayed in the totals',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'id' });
    await paste(page, fixture('maillog/135.txt'));
    await page.waitForSelector('#result:not([hidden]) .log-totals');
    assert.deepEqual(await page.locator('.log-totals li').allTextContents(), [
      '2 penerima: ditunda 1, gagal 1',
      'Alamat tidak dapat dipakai (hard bounce): 1',
      'Penyebab terbanyak: pengiriman tertunda 1, alamat penerima tidak ' +
        'ada 1',
    ]);
    assert.deepEqual(errors, []);
    await page.close();
  });
