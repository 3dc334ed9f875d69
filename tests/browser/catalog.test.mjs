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

/** The ids of the entries shown after typing `text` in the filter. */
async function filtered(page, text) {
  await page.fill('#filter', text);
  return page.locator('[data-entry]').evaluateAll((els) =>
    els.map((el) => el.dataset.entry));
}

test('the filter finds entries by zone, phrase and provider code',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en',
      path: 'catalog.html' });
    await page.waitForSelector('[data-entry]');
    // A DNS zone, in any case.
    assert.deepEqual(await filtered(page, 'ZEN.SPAMHAUS.ORG'),
      ['spamhaus-zen']);
    // A SpamAssassin-style code.
    assert.deepEqual(await filtered(page, 'RCVD_IN_PBL'), ['spamhaus-pbl']);
    // A provider's own code, and a code that cites a third-party list.
    assert.ok((await filtered(page, 'BL000000')).includes('comcast-block'));
    assert.ok((await filtered(page, 'OU-001')).length >= 1);
    // A line pasted from a bounce names its list by zone.
    const line = '554 5.7.1 Service unavailable; Client host ' +
      '[192.0.2.11] blocked using sbl.spamhaus.org';
    assert.ok((await filtered(page, line)).includes('spamhaus-sbl'));
    // A phrase of the entry.
    assert.ok((await filtered(page, 'spamhaus block list'))
      .includes('spamhaus-sbl'));
    assert.match(await page.textContent('#count'), /^\d+ of \d+ entries$/);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('the Indonesian catalog shows every description in Indonesian',
  async () => {
    const { page } = await openPage(env, { lang: 'id',
      path: 'catalog.html' });
    await page.waitForSelector('[data-entry]');
    const known = catalog({ lang: 'id' });
    const withNote = known.entries.filter((e) => e.note);
    assert.ok(withNote.length >= 100, `${withNote.length} descriptions`);
    for (const entry of withNote) {
      const text = await page.textContent(`[data-entry="${entry.id}"]`);
      assert.ok(text.includes(entry.note.id), entry.id);
      assert.notEqual(entry.note.id, entry.note.en, entry.id);
      if (entry.delisting) assert.ok(text.includes(entry.delisting.id));
    }
    await page.close();
  });

test('link labels name the action apart from the entry, in both languages',
  async () => {
    const labels = {
      id: ['Cek status: ', 'Ajukan delisting: ', 'Dokumentasi: '],
      en: ['Look up: ', 'Ask for delisting: ', 'Documentation: '],
    };
    for (const lang of ['id', 'en']) {
      const { page, errors } = await openPage(env, { lang,
        path: 'catalog.html' });
      await page.waitForSelector('[data-entry]');
      const [lookup, delist, doc] = labels[lang];
      for (const entry of catalog({ lang }).entries) {
        const texts = await page.locator(`[data-entry="${entry.id}"] a`)
          .evaluateAll((as) => as.map((a) => a.firstChild.textContent));
        const expected = [
          entry.lookup_url && `${lookup}${entry.name}`,
          entry.delist_url && `${delist}${entry.name}`,
          entry.doc && `${doc}${entry.operator}`,
        ].filter(Boolean);
        assert.deepEqual(texts, expected, `${lang} ${entry.id}`);
      }
      // No verb phrase glued to a descriptive name ("Cek status di
      // Reputasi IP Cisco Talos").
      const text = await page.textContent('#entries');
      assert.doesNotMatch(text, / di (Reputasi|Blacklist|Pemblokiran) /);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
