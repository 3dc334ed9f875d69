// SPDX-License-Identifier: MIT
// The page in headless Chromium: the seed case, both languages, the
// sending IP, the copied reply, errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { decode } from 'pantul';

import { SEED, checkSeed } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const texts = (page, selector) =>
  page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent));

test('the seed shows its answer, recipients, list and steps', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  await paste(page, SEED);
  const report = decode(SEED, { lang: 'en' });
  assert.equal(await page.textContent('.summary'), report.summary);
  const rows = page.locator('.recipients tbody tr');
  assert.equal(await rows.count(), 2);
  const first = await rows.nth(0).textContent();
  for (const part of ['450', '4.7.1', 'RCPT',
    'meratus.in.tmes.trendmicro.com', '18.208.22.78', '(address masked)']) {
    assert.ok(first.includes(part), `${part} in ${first}`);
  }
  assert.ok((await rows.nth(1).textContent()).includes('18.208.22.77'));
  assert.equal(await page.locator('.steps li').count(), 6);
  assert.deepEqual(await texts(page, '.warnings li'), report.warnings);
  const card = page.locator('[data-list="trendmicro-ers"]');
  assert.equal(await card.count(), 1);
  assert.match(await card.locator('h4').textContent(), /QIL/);
  const hrefs = await card.locator('a').evaluateAll((as) => as.map((a) =>
    [a.href, a.target, a.rel]));
  assert.deepEqual(hrefs[0], [report.recipients[0].blocklist.lookup_url,
    '_blank', 'noopener noreferrer']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page decodes exactly as the npm package does', async () => {
  const { page } = await openPage(env, { lang: 'id' });
  for (const lang of ['id', 'en']) {
    const fromPage = await page.evaluate(async ([text, code]) => {
      const pantul = await import('./pantul/browser.js');
      return pantul.decode(text, { lang: code });
    }, [SEED, lang]);
    checkSeed(fromPage, lang);
    assert.deepEqual(fromPage, decode(SEED, { lang }));
  }
  await page.close();
});
