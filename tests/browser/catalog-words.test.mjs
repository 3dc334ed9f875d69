// SPDX-License-Identifier: MIT
// Catalog entries on the Indonesian page say in Indonesian whatever
// describes (who runs a list, what it is, how a listing ends); only
// proper names stay as they are. English words that only a description
// would hold fail the test, on the catalog page and in the list cards
// of a report.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { catalog, decode } from 'pantul';

import { openPage, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/**
 * Proper names that hold one of the English words below: they are names,
 * not descriptions, and stay as their owners write them. Add a name here
 * only when it is one.
 */
const PROPER_NAMES = [
  'The Spamhaus Project',
  'The NordSpam Project',
  'Don\'t Route Or Peer',
];

/**
 * English words that no Indonesian sentence and no code would hold
 * ("a" is left out: "A record" is the DNS term in both languages).
 */
const ENGLISH = new Set([
  'an', 'and', 'are', 'be', 'been', 'by', 'for', 'formerly', 'from',
  'has', 'have', 'in', 'is', 'it', 'its', 'not', 'now', 'of', 'on',
  'only', 'or', 'part', 'take', 'that', 'the', 'their', 'this', 'to',
  'unknown', 'was', 'were', 'when', 'which', 'with', 'you', 'your',
]);

/**
 * The English words of `text`, once the entry's own technical tokens
 * (id, zones, codes, hosts, links), the proper names and quoted words
 * (the label of a form on the operator's site) are left out.
 */
function englishWords(text, entry) {
  let rest = text.replace(/https?:\/\/\S+/g, ' ')
    .replace(/'[^'\n]*'|"[^"\n]*"|“[^”\n]*”/g, ' ');
  const tokens = [entry.id, ...entry.zones, ...entry.codes, ...entry.hosts,
    ...PROPER_NAMES];
  for (const token of tokens.sort((a, b) => b.length - a.length)) {
    rest = rest.replaceAll(token, ' ');
  }
  return rest.split(/[^\p{L}']+/u)
    .filter((w) => ENGLISH.has(w.toLowerCase()));
}

test('the Indonesian catalog page describes every entry in Indonesian',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'id',
      path: 'catalog.html' });
    await page.waitForSelector('[data-entry]');
    const known = catalog({ lang: 'id' });
    const texts = await page.locator('[data-entry]').evaluateAll((els) =>
      els.map((el) => [el.dataset.entry, el.innerText]));
    assert.equal(texts.length, known.entries.length);
    const found = [];
    for (const [id, text] of texts) {
      const entry = known.entries.find((e) => e.id === id);
      const words = englishWords(text, entry);
      if (words.length) found.push(`${id}: ${words.join(' ')}\n  ${text}`);
    }
    assert.deepEqual(found, []);
    // What the data describes is shown in Indonesian.
    const operator = (id) => page.locator(`[data-entry="${id}"] .meta`)
      .first().textContent();
    assert.match(await operator('cpanel-max-emails-per-hour'),
      /Pengelola: cPanel \(server hosting Anda\) · /);
    assert.match(await operator('aol-legacy'), /Pengelola: AOL \(kini Yahoo\)/);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('each catalog field has an Indonesian text where it describes', () => {
  const id = catalog({ lang: 'id' });
  const en = catalog({ lang: 'en' });
  const problems = [];
  id.entries.forEach((entry, i) => {
    const fields = {
      name: entry.name,
      operator: entry.operator,
      note: entry.note?.id,
      delisting: entry.delisting?.id,
      advice_title: entry.advice_title,
    };
    for (const [field, text] of Object.entries(fields)) {
      if (!text) continue;
      const words = englishWords(text, entry);
      if (words.length) problems.push(`${entry.id} ${field}: ${text}`);
    }
    assert.equal(entry.operators.en, en.entries[i].operator);
    assert.equal(entry.operators.id, entry.operator);
  });
  assert.deepEqual(problems, []);
});

test('the list cards of Indonesian reports describe in Indonesian', () => {
  const problems = [];
  let cards = 0;
  for (const entry of catalog({ lang: 'id' }).entries) {
    for (const sample of entry.sample) {
      const report = decode(sample.text, { lang: 'id' });
      for (const r of report.recipients) {
        for (const l of r.listings) {
          cards += 1;
          const known = catalog({ lang: 'id' }).entries
            .find((e) => e.id === l.id);
          const text = [l.name, l.operator, l.note, l.delisting,
            l.kind_label, l.listed_label, l.status_label,
            r.policy?.provider].filter(Boolean).join('\n');
          const words = englishWords(text, known);
          if (words.length) problems.push(`${l.id}: ${words.join(' ')}`);
        }
      }
    }
  }
  assert.ok(cards > 100, `${cards} cards`);
  assert.deepEqual([...new Set(problems)], []);
});
