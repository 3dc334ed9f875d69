// SPDX-License-Identifier: MIT
// Long pastes and drops: a text over the limit is refused at once and a
// long one is kept out of the text box (whose layout alone would hold
// Chromium for seconds) and read in the worker, the page answering all
// along; a short paste goes into the box as it always did.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { decodeAll, maxSize } from 'pantul';

import { SEED } from '../seed/seed.mjs';
import { openPage, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const MB = 1024 * 1024;
const LINE = '<neko@example.org>: host mx.example.org[192.0.2.1] said: ' +
  '550 5.1.1 User unknown (in reply to RCPT TO command)\n';

/**
 * How long after the paste event the page must have handled a click.
 * Generous: put in the box, a 12 MB text held the page for about 18 s
 * and a 5 MB one for about 6 s; kept out of it, each for under 1 s.
 */
const ANSWERS_WITHIN = 3000;

/** How many LINEs make at least `bytes` bytes. */
const linesFor = (bytes) => Math.ceil(bytes / LINE.length);

/** Puts `count` LINEs on the clipboard, built in the page. */
async function copyLines(page, count) {
  await page.evaluate(([line, n]) =>
    navigator.clipboard.writeText(line.repeat(n)), [LINE, count]);
}

/**
 * Records, in the page's own clock, when the paste event came, when a
 * click on the heading was handled, when the result or the input error
 * showed, and the longest pause between ticks of a 50 ms timer until
 * then.
 */
async function watch(page) {
  await page.evaluate(() => {
    const seen = { gap: 0 };
    globalThis.seen = seen;
    const now = () => performance.now();
    addEventListener('paste', () => { seen.paste ??= now(); },
      { capture: true });
    document.querySelector('h1').addEventListener('click', () => {
      seen.click ??= now();
    });
    let last = now();
    const timer = setInterval(() => {
      seen.gap = Math.max(seen.gap, now() - last);
      last = now();
    }, 50);
    const result = document.getElementById('result');
    const error = document.getElementById('input-error');
    new MutationObserver(() => {
      if (seen.shown || (result.hidden && error.hidden)) return;
      seen.shown = now();
      clearInterval(timer);
    }).observe(document.body, { attributes: true, subtree: true,
      attributeFilter: ['hidden'] });
  });
}

/** Pastes the clipboard into the box with the keyboard, then clicks. */
async function pasteAndClick(page) {
  await page.focus('#bounce');
  await page.keyboard.press('Control+V');
  await page.click('h1');
  await page.waitForFunction(() => globalThis.seen.shown, null,
    { timeout: 120_000 });
  return page.evaluate(() => globalThis.seen);
}

async function openWithClipboard(lang) {
  const opened = await openPage(env, { lang });
  await env.browser.grantPermissions(['clipboard-read', 'clipboard-write'],
    { origin: env.url });
  return opened;
}

test('a 12 MB paste is refused at once, and the page answers', async () => {
  const { page, errors } = await openWithClipboard('en');
  await page.fill('#bounce', 'typed before');
  const lines = linesFor(12 * MB);
  assert.ok(lines * LINE.length > maxSize);
  await copyLines(page, lines);
  await watch(page);
  const seen = await pasteAndClick(page);

  assert.ok(seen.paste > 0, 'the paste event came');
  assert.ok(seen.click - seen.paste < ANSWERS_WITHIN,
    `click handled ${seen.click - seen.paste} ms after the paste`);
  assert.ok(seen.shown - seen.paste < ANSWERS_WITHIN,
    `refused ${seen.shown - seen.paste} ms after the paste`);
  assert.equal(await page.textContent('#input-error'),
    'The input is too large (12.0 MiB); the limit is 10.0 MiB. Paste ' +
    'only the bounce message, not a whole mailbox or log.');
  assert.equal(await page.textContent('#status'),
    await page.textContent('#input-error'));
  // The box keeps what it had; nothing of the paste is kept.
  assert.equal(await page.inputValue('#bounce'), 'typed before');
  assert.equal(await page.isHidden('#held'), true);
  assert.equal(await page.isHidden('#result'), true);
  assert.equal(await page.getAttribute('#bounce', 'placeholder'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 5 MB paste is kept out of the box and read while the page answers',
  { timeout: 300_000 }, async () => {
    const { page, errors } = await openWithClipboard('en');
    const lines = linesFor(5 * MB);
    const text = LINE.repeat(lines);
    await copyLines(page, lines);
    await watch(page);
    const seen = await pasteAndClick(page);
    await page.waitForSelector('#result:not([hidden])');

    assert.ok(seen.click - seen.paste < ANSWERS_WITHIN,
      `click handled ${seen.click - seen.paste} ms after the paste`);
    assert.ok(seen.gap < ANSWERS_WITHIN,
      `the page paused ${seen.gap} ms while reading`);
    assert.equal(await page.inputValue('#bounce'), '');
    assert.equal(await page.getAttribute('#bounce', 'placeholder'),
      'A text of 5.0 MiB is kept below this box. Type here to replace it.');
    assert.equal(await page.textContent('#held-text'),
      'Your text (5.0 MiB) is too long for the box above, so Pantul keeps ' +
      'it here and reads it at once. It begins:');
    const start = `${LINE.slice(0, 100)}…`;
    assert.equal(await page.textContent('#held-preview'),
      `${start}\n${start}\n${start}\n…`);

    const [report] = decodeAll(text, { lang: 'en' });
    assert.equal(await page.textContent('.summary'), report.summary);
    assert.equal(await page.locator('.recipients tr.fields').count(),
      report.recipients.length);
    // Every line names the same recipient: one recipient, read once.
    assert.equal(report.recipients.length, 1);
    assert.equal(await page.textContent('.recipients tr.fields .address'),
      'neko@example.org');
    assert.equal(await page.isHidden('#input-error'), true);

    // Remove drops the text and its result.
    await page.click('#held-remove');
    assert.equal(await page.isHidden('#held'), true);
    assert.equal(await page.isHidden('#result'), true);
    assert.equal(await page.getAttribute('#bounce', 'placeholder'), null);
    assert.equal(await page.evaluate(() => document.activeElement.id),
      'bounce');
    assert.deepEqual(errors, []);
    await page.close();
  });

test('a short paste goes into the box and waits for the button', async () => {
  const { page, errors } = await openWithClipboard('en');
  await page.evaluate((t) => navigator.clipboard.writeText(t), SEED);
  await page.fill('#bounce', '');
  await page.focus('#bounce');
  await page.keyboard.press('Control+V');
  assert.equal(await page.inputValue('#bounce'), SEED);
  assert.equal(await page.isHidden('#held'), true);
  assert.equal(await page.isHidden('#result'), true);
  await page.click('#submit');
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.textContent('.summary'),
    decodeAll(SEED, { lang: 'en' })[0].summary);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Drops a DataTransfer made in the page by `make(arg)` on the box. */
async function dropOn(page, selector, make, arg) {
  const data = await page.evaluateHandle(make, arg);
  await page.dispatchEvent(selector, 'drop', { dataTransfer: data });
}

test('dropped text and files take the same path as a paste',
  { timeout: 300_000 }, async () => {
    const { page, errors } = await openPage(env, { lang: 'id' });
    const lines = linesFor(MB);
    const text = LINE.repeat(lines);
    await dropOn(page, '#bounce', ([line, n]) => {
      const data = new DataTransfer();
      data.setData('text/plain', line.repeat(n));
      return data;
    }, [LINE, lines]);
    await page.waitForSelector('#result:not([hidden])', { timeout: 120_000 });
    assert.equal(await page.inputValue('#bounce'), '');
    assert.match(await page.textContent('#held-text'),
      /^Teks Anda \(1,0 MiB\) terlalu panjang untuk kotak di atas/);
    assert.equal(await page.textContent('#held-remove'), 'Hapus teks ini');
    assert.equal(await page.textContent('.summary'),
      decodeAll(text, { lang: 'id' })[0].summary);

    // A file over the limit is refused without being read, by its
    // name; the text held before is dropped with it.
    await dropOn(page, '#drop', (size) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(size).fill(97)], 'huge.eml',
        { type: 'message/rfc822' }));
      return data;
    }, maxSize + 1);
    await page.waitForSelector('#input-error:not([hidden])');
    assert.match(await page.textContent('#input-error'),
      /^Masukan terlalu besar \(10\.485\.761 byte\); batasnya 10\.485\.760 byte\. Berkas huge\.eml tidak dibaca\./);
    assert.equal(await page.isHidden('#result'), true);
    assert.equal(await page.isHidden('#held'), true);

    // A file within it is held by its name and read.
    await dropOn(page, '#drop', (body) => {
      const data = new DataTransfer();
      data.items.add(new File([body], 'bounce.txt', { type: 'text/plain' }));
      return data;
    }, SEED);
    await page.waitForSelector('#result:not([hidden])');
    assert.match(await page.textContent('#held-text'), /bounce\.txt/);
    assert.equal(await page.isHidden('#held-preview'), true);
    assert.equal(await page.textContent('#held-remove'), 'Hapus berkas ini');
    assert.equal(await page.textContent('.summary'),
      decodeAll(SEED, { lang: 'id' })[0].summary);
    assert.equal(await page.isHidden('#input-error'), true);

    // Typing replaces what was held, as it always replaced a file.
    await page.focus('#bounce');
    await page.keyboard.type('x');
    assert.equal(await page.isHidden('#held'), true);
    assert.equal(await page.inputValue('#bounce'), 'x');
    assert.deepEqual(errors, []);
    await page.close();
  });
