// SPDX-License-Identifier: MIT
// Both languages: the switch, what is remembered, and no text of the
// other language left on the page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { decode } from 'pantul';

import { STRINGS } from '../../www/strings.js';
import { SEED } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/**
 * Pieces of `lang`'s UI texts that differ from the other language's:
 * each text cut at its placeholders, pieces of 4 characters or more.
 */
function pieces(lang) {
  const other = lang === 'en' ? 'id' : 'en';
  const out = new Set();
  for (const text of Object.values(STRINGS)) {
    if (text[lang] === text[other]) continue;
    for (const piece of text[lang].split(/\{\w+\}/)) {
      const trimmed = piece.trim().replace(/^[(:;,.]+|[):;,.]+$/g, '');
      if (trimmed.length >= 4 && !text[other].includes(trimmed)) {
        out.add(trimmed);
      }
    }
  }
  return [...out];
}

/**
 * Every text a person can see or hear on the page, form values and the
 * server's own words aside.
 */
async function visibleText(page) {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    // The server's own words are bounce text, in whatever language.
    for (const d of document.querySelectorAll('.diagnostic')) d.hidden = true;
    const attrs = [...document.querySelectorAll(
      '[placeholder], [aria-label], [title], [alt]')].flatMap((el) =>
      ['placeholder', 'aria-label', 'title', 'alt'].map((a) =>
        el.getAttribute(a) ?? ''));
    const hidden = [...document.querySelectorAll('.visually-hidden')]
      .map((el) => el.textContent);
    const options = [...document.querySelectorAll('#lang option')]
      .map((o) => o.textContent);
    let text = `${document.title}\n${document.body.innerText}\n` +
      `${attrs.join('\n')}\n${hidden.join('\n')}`;
    for (const name of options) text = text.replaceAll(name, '');
    return text;
  });
}

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
  await page.waitForFunction(() => document.documentElement.lang === 'id' &&
    document.querySelector('.summary')?.textContent.includes('Trend Micro'));
  assert.equal(await page.textContent('.summary'), decode(SEED).summary);
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
  for (const [locale, lang] of [['id-ID', 'id'], ['en-GB', 'en']]) {
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
