// SPDX-License-Identifier: MIT
// The catalog page lists every entry of the catalog with its links.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { catalog } from 'pantul';

import { openPage, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('every catalog entry is listed with its links', async () => {
  const { page, errors } = await openPage(env, { lang: 'en',
    path: 'catalog.html' });
  await page.waitForSelector('[data-entry]');
  const known = catalog({ lang: 'en' });
  const shown = await page.locator('[data-entry]').evaluateAll((els) =>
    els.map((el) => el.dataset.entry));
  assert.deepEqual(shown, known.entries.map((e) => e.id));
  for (const entry of known.entries) {
    const card = page.locator(`[data-entry="${entry.id}"]`);
    const links = await card.locator('a').evaluateAll((as) =>
      as.map((a) => [a.href, a.target, a.rel]));
    const expected = [entry.lookup_url, entry.delist_url, entry.doc]
      .filter(Boolean)
      .map((url) => [url, '_blank', 'noopener noreferrer']);
    assert.deepEqual(links, expected, entry.id);
  }
  assert.equal(await page.locator('#reasons li').count(),
    known.reasons.length);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the filter narrows the list', async () => {
  const { page } = await openPage(env, { lang: 'id', path: 'catalog.html' });
  await page.waitForSelector('[data-entry]');
  await page.fill('#filter', 'trend micro');
  assert.equal(await page.locator('[data-entry="trendmicro-ers"]').count(),
    1);
  await page.fill('#filter', 'no list is called this');
  assert.equal(await page.locator('[data-entry]').count(), 0);
  assert.match(await page.textContent('#count'), /^0 dari \d+ entri$/);
  await page.close();
});
