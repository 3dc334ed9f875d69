// SPDX-License-Identifier: MIT
// What the fresh-user test of stop 22 (fresh14) found on the page, and
// stop 23 fixed: a decode under way is stopped when its text is cleared
// or replaced (#16); an edited ticket reply survives a change of
// language (#30); the catalog opens beside the page, which keeps its
// paste and result (#33); a MIME message over the limit, chosen or
// dropped, is read up to it as the CLI reads it (#35).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { decode, maxSize } from 'pantul';

import { bigNotice } from '../npm/big.mjs';
import { SEED } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/**
 * Wraps the page's Worker before the page starts it: every worker made
 * is kept in `workers` with whether it was stopped, the size of every
 * input posted to it is kept in `posted`, and while `holding` is true a
 * decode is held back (never posted), as a decode of a long text would
 * keep the worker busy, but without a clock.
 */
async function watchWorkers(page) {
  await page.addInitScript(() => {
    const Real = globalThis.Worker;
    const seen = { workers: [], posted: [], holding: false };
    globalThis.seen = seen;
    globalThis.Worker = class extends Real {
      constructor(...args) {
        super(...args);
        this.record = { stopped: false };
        seen.workers.push(this.record);
      }

      postMessage(message, ...rest) {
        const input = message?.input;
        if (input) seen.posted.push(input.byteLength ?? input.length);
        if (seen.holding && /^decode/.test(message?.op ?? '')) return;
        super.postMessage(message, ...rest);
      }

      terminate() {
        this.record.stopped = true;
        super.terminate();
      }
    };
  });
}

/** Opens the page with its workers watched. */
async function openWatched(lang) {
  const page = await env.browser.newPage();
  await watchWorkers(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript((code) => {
    localStorage.setItem('pantul.lang', code);
  }, lang);
  await page.goto(env.url);
  await page.waitForFunction(() => globalThis.seen.workers.length === 1);
  return { page, errors };
}

const seen = (page) => page.evaluate(() => globalThis.seen);

test('Clear or a new text stops a decode under way; Read is usable at once',
  async () => {
    const { page, errors } = await openWatched('en');
    await page.evaluate(() => { globalThis.seen.holding = true; });
    await page.fill('#bounce', SEED);
    await page.click('#submit');
    assert.equal(await page.isDisabled('#submit'), true);

    // Clear: the worker is stopped, a fresh one started, Read usable.
    await page.click('#clear');
    assert.equal(await page.isDisabled('#submit'), false);
    assert.equal(await page.textContent('#submit'), 'Read the message');
    assert.equal(await page.isHidden('#progress'), true);
    let now = await seen(page);
    assert.deepEqual(now.workers, [{ stopped: true }, { stopped: false }]);

    // A new text typed over a decode under way stops it too.
    await page.fill('#bounce', 'x');
    await page.click('#submit');
    assert.equal(await page.isDisabled('#submit'), true);
    await page.fill('#bounce', SEED);
    assert.equal(await page.isDisabled('#submit'), false);
    now = await seen(page);
    assert.deepEqual(now.workers.map((w) => w.stopped), [true, true, false]);

    // The new text is read at once, and its result is the one shown.
    await page.evaluate(() => { globalThis.seen.holding = false; });
    await paste(page, SEED);
    const report = decode(SEED, { lang: 'en' });
    assert.equal(await page.textContent('.summary'), report.summary);
    assert.equal(await page.inputValue('#bounce'), SEED);
    // An idle worker is left running: reading again stops nothing.
    await paste(page, SEED);
    now = await seen(page);
    assert.deepEqual(now.workers.map((w) => w.stopped), [true, true, false]);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('a file chosen over a decode under way stops it', async () => {
  const { page, errors } = await openWatched('id');
  await page.evaluate(() => { globalThis.seen.holding = true; });
  await page.fill('#bounce', SEED);
  await page.click('#submit');
  await page.evaluate(() => { globalThis.seen.holding = false; });
  await page.setInputFiles('#file', { name: 'bounce.eml',
    mimeType: 'message/rfc822', buffer: Buffer.from(SEED) });
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.textContent('.summary'),
    decode(SEED, { lang: 'id' }).summary);
  assert.equal(await page.isDisabled('#submit'), false);
  assert.deepEqual((await seen(page)).workers.map((w) => w.stopped),
    [true, false]);
  assert.deepEqual(errors, []);
  await page.close();
});

const EDIT = 'Halo Bu Rina, kami sedang memeriksa IP server kami.';

test('an edited reply is kept when the language changes, with a way back',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    await paste(page, SEED);
    await page.fill('#reply-text', EDIT);
    assert.equal(await page.isHidden('#reply-kept'), true);

    await page.selectOption('#lang', 'id');
    await page.waitForSelector('#reply-kept');
    assert.equal(await page.inputValue('#reply-text'), EDIT);
    assert.equal(await page.textContent('#reply-print'), EDIT);
    assert.equal(await page.textContent('#reply-kept'),
      'Anda sudah menyunting balasan ini, jadi balasan ini tetap seperti ' +
      'yang Anda tulis. Ganti dengan balasan buatan Pantul dalam Bahasa ' +
      'Indonesia');
    assert.equal(await page.getAttribute('#reply-text', 'aria-describedby'),
      'reply-kept');
    // The rest of the result is in the new language.
    assert.equal(await page.textContent('.summary'),
      decode(SEED, { lang: 'id' }).summary);

    // Taking the generated reply: the new language's, and no note.
    await page.click('#reply-generated');
    const id = decode(SEED, { lang: 'id' }).ticket_reply;
    assert.equal(await page.inputValue('#reply-text'), id);
    assert.equal(await page.textContent('#reply-print'), id);
    assert.equal(await page.locator('#reply-kept').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.id),
      'reply-text');
    // Unedited, the reply follows the language as before.
    await page.selectOption('#lang', 'en');
    await page.waitForFunction((words) =>
      document.getElementById('reply-text')?.value === words,
    decode(SEED, { lang: 'en' }).ticket_reply);
    assert.equal(await page.locator('#reply-kept').count(), 0);

    // The same the other way round, in English words.
    await page.fill('#reply-text', EDIT);
    await page.selectOption('#lang', 'id');
    await page.waitForSelector('#reply-kept');
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => /^You edited/.test(
      document.getElementById('reply-kept')?.textContent ?? ''));
    assert.equal(await page.inputValue('#reply-text'), EDIT);
    assert.equal(await page.textContent('#reply-generated'),
      'Replace it with Pantul\'s reply in English');

    // A sending IP typed makes the report again: the edit stays.
    await page.fill('#sending-ip', '203.0.113.9');
    await page.press('#sending-ip', 'Enter');
    await page.waitForFunction(() =>
      document.getElementById('sending-ip')?.value === '203.0.113.9' &&
      !document.getElementById('submit').disabled);
    await page.waitForSelector('#reply-kept');
    assert.equal(await page.inputValue('#reply-text'), EDIT);

    // Another bounce read: its own reply, the edit forgotten.
    await paste(page, SEED.replace('450 4.7.1', '451 4.7.1'));
    assert.equal(await page.locator('#reply-kept').count(), 0);
    assert.notEqual(await page.inputValue('#reply-text'), EDIT);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('the catalog opens in a new tab; the paste and the result stay',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    await paste(page, SEED);
    await page.fill('#reply-text', EDIT);
    const link = page.locator('header a[href="catalog.html"]');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal((await link.textContent()).replace(/\s+/g, ' '),
      'Blocklist catalog (opens a new tab)');
    const [catalog] = await Promise.all([
      page.context().waitForEvent('page'),
      link.click(),
    ]);
    await catalog.waitForLoadState();
    assert.match(catalog.url(), /\/catalog\.html$/);
    await catalog.waitForSelector('h1');
    await catalog.close();
    assert.equal(page.url(), env.url);
    assert.equal(await page.inputValue('#bounce'), SEED);
    assert.equal(await page.isHidden('#result'), false);
    assert.equal(await page.textContent('.summary'),
      decode(SEED, { lang: 'en' }).summary);
    assert.equal(await page.inputValue('#reply-text'), EDIT);

    // In Indonesian, the link says so in Indonesian.
    await page.selectOption('#lang', 'id');
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    assert.equal((await link.textContent()).replace(/\s+/g, ' '),
      'Katalog blacklist (membuka tab baru)');
    assert.deepEqual(errors, []);
    await page.close();
  });

const BIG = bigNotice(maxSize);

/** Checks the result of the big notice in `lang`. */
async function checkCut(page, lang) {
  const report = decode(BIG, { lang });
  assert.deepEqual(report.warning_ids, ['warning.input-cut']);
  assert.equal(await page.textContent('.summary'), report.summary);
  const notes = await page.locator('.warnings li').allTextContents();
  assert.deepEqual(notes, report.warnings);
  assert.equal(await page.isHidden('#input-error'), true);
}

test('a MIME message over the limit, chosen or dropped, is read up to it',
  { timeout: 120_000 }, async () => {
    const { page, errors } = await openWatched('en');
    await page.setInputFiles('#file', { name: 'big-notice.eml',
      mimeType: 'message/rfc822', buffer: BIG });
    await page.waitForSelector('#result:not([hidden])', { timeout: 60_000 });
    await checkCut(page, 'en');
    assert.match(await page.textContent('#held-text'), /big-notice\.eml/);
    // No more of the file than the limit and a byte went to the worker.
    const posted = (await seen(page)).posted;
    assert.ok(posted.length > 0);
    assert.ok(Math.max(...posted) <= maxSize + 1, String(posted));

    // In the other language, the same file read again.
    await page.selectOption('#lang', 'id');
    await page.waitForFunction((summary) =>
      document.querySelector('.summary')?.textContent === summary,
    decode(BIG, { lang: 'id' }).summary);
    await checkCut(page, 'id');

    // Dropped with another file: both are read.
    await page.click('#clear');
    const data = await page.evaluateHandle(([big, seed]) => {
      const bytes = Uint8Array.from(big, (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'big-notice.eml',
        { type: 'message/rfc822' }));
      transfer.items.add(new File([seed], 'seed.txt', { type: 'text/plain' }));
      return transfer;
    }, [BIG.toString('latin1'), SEED]);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: data });
    await page.waitForSelector('#message-pick', { timeout: 60_000 });
    await checkCut(page, 'id');
    assert.equal(await page.locator('#message-pick option').count(), 2);
    assert.equal(await page.locator('.warnings.unread').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('any other file over the limit is still refused, by its size',
  async () => {
    const { page, errors } = await openWatched('en');
    const mbox = Buffer.concat([
      Buffer.from('From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n'), BIG]);
    await page.setInputFiles('#file', { name: 'big.mbox',
      mimeType: 'application/mbox', buffer: mbox });
    await page.waitForSelector('#input-error:not([hidden])');
    const size = mbox.length.toLocaleString('en');
    assert.equal(await page.textContent('#input-error'),
      `The input is too large (${size} bytes); the limit is 10,485,760 ` +
      'bytes. The file big.mbox was not read. Choose a file that holds ' +
      'only the bounce message, or open the file and paste just the ' +
      'bounce message.');
    assert.equal(await page.isHidden('#held'), true);
    assert.equal(await page.isHidden('#result'), true);
    assert.ok(Math.max(...(await seen(page)).posted) <= maxSize + 1);
    assert.deepEqual(errors, []);
    await page.close();
  });
