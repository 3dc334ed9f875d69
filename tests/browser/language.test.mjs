// SPDX-License-Identifier: MIT
// Both languages: the switch, what is remembered, and no text of the
// other language left on the page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { decode } from 'pantul';

import { SEED } from '../seed/seed.mjs';
import {
  openPage, paste, pieces, start, visibleText,
} from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function check(page, lang) {
  const text = await visibleText(page);
  const leftovers = pieces(lang === 'id' ? 'en' : 'id')
    .filter((piece) => text.includes(piece));
  assert.deepEqual(leftovers, [], `${lang} page shows other-language text`);
}

test('the Indonesian page has no English UI text, and back', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  await paste(page, SEED);
  await check(page, 'en');
  await page.selectOption('#lang', 'id');
  // The switch relabels the page at once and redraws the result when the
  // worker has decoded it again: wait for the Indonesian summary, since
  // both languages' summaries name Trend Micro.
  const summary = decode(SEED, { lang: 'id' }).summary;
  await page.waitForFunction((want) => document.documentElement.lang === 'id' &&
    document.querySelector('.summary')?.textContent === want, summary);
  assert.equal(await page.textContent('.summary'), summary);
  await check(page, 'id');
  assert.equal(await page.evaluate(() =>
    localStorage.getItem('pantul.lang')), 'id');
  await page.reload();
  assert.equal(await page.inputValue('#lang'), 'id');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  await check(page, 'id');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the error messages follow the language too', async () => {
  const { page } = await openPage(env, { lang: 'id' });
  await paste(page, '   ');
  assert.match(await page.textContent('#input-error'), /Tidak ada teks/);
  await check(page, 'id');
  await page.close();
});

test('without a choice the browser language decides', async () => {
  for (const [locale, lang] of [
    ['id-ID', 'id'], ['en-GB', 'en'], ['jv-ID', 'id'], ['ms-MY', 'id'],
    ['su', 'id'], ['en-ID', 'en'], ['fr-FR', 'en'],
  ]) {
    const page = await env.browser.newPage();
    await page.addInitScript((l) => {
      Object.defineProperty(navigator, 'languages', { get: () => [l] });
      localStorage.clear();
    }, locale);
    await page.goto(env.url);
    assert.equal(await page.inputValue('#lang'), lang);
    await page.close();
  }
});
