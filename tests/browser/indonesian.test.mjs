// SPDX-License-Identifier: MIT
// The Indonesian page on several kinds of bounce: no English left (the
// page's own texts, and the report's texts in their English wording),
// catalog names in Indonesian, an auto-reply and a complaint that say
// nothing is retrying, a mixed bounce whose severity fits every
// recipient. Screenshots go to target/screenshots/sweep-*.png.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { catalog, decode } from 'pantul';

import { ROOT } from '../../scripts/setup.mjs';
import { SEED } from '../seed/seed.mjs';
import {
  openPage, paste, pieces, start, visibleText,
} from './browser.mjs';

const OUT = join(ROOT, 'target', 'screenshots');
const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');

/** Yahoo's deferral: a catalog entry whose name describes. */
const TSS04 = '<dewi@example.org>: host mta5.am0.yahoodns.net' +
  '[198.51.100.7] said: 421 4.7.0 [TSS04] Messages from 203.0.113.44 ' +
  'temporarily deferred due to unexpected volume or user complaints - ' +
  '4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply ' +
  'to MAIL FROM command)\n';

/** One unknown user and one full mailbox the server still retries. */
const MIXED = 'This is the mail system at host mail.example.com.\n\n' +
  '<budi@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1 ' +
  '<budi@example.org>: Recipient address rejected: User unknown (in ' +
  'reply to RCPT TO command)\n\n' +
  '<sari@example.net>: host mx.example.net[192.0.2.20] said: 452 4.2.2 ' +
  '<sari@example.net>: Mailbox full (in reply to RCPT TO command)\n';

const KINDS = [
  ['seed', SEED],
  ['tss04', TSS04],
  ['mixed', MIXED],
  ['auto-reply', fixture('rfc3834/01.eml')],
  ['complaint', fixture('arf/01.eml')],
  ['greylisting', fixture('exim/02.txt')],
  ['timeout', fixture('postfix/03.eml')],
  ['queue', fixture('mailq/01.txt')],
  ['spf', fixture('postfix/12.txt')],
  ['exchange', fixture('exchange/08.txt')],
];

let env;
before(async () => {
  env = await start();
  mkdirSync(OUT, { recursive: true });
});
after(async () => { await env?.close(); });

/**
 * The report's texts that read differently in English: what the page
 * must not show when it speaks Indonesian. The server's own words and
 * names that are the same in both languages are left out.
 */
function englishTexts(text) {
  const en = decode(text, 'en');
  const id = decode(text, 'id');
  const pairs = [[en.summary, id.summary]];
  en.advice.forEach((a, i) => {
    const b = id.advice[i];
    pairs.push([a.title, b.title], [a.summary, b.summary]);
    a.steps.forEach((s, j) => pairs.push([s, b.steps[j]]));
  });
  en.recipients.forEach((r, i) => {
    const s = id.recipients[i];
    pairs.push([r.status_meaning, s.status_meaning],
      [r.reply_meaning, s.reply_meaning]);
    r.listings.forEach((l, j) => {
      const m = s.listings[j];
      pairs.push([l.name, m.name], [l.note, m.note],
        [l.delisting, m.delisting], [l.kind_label, m.kind_label],
        [l.listed_label, m.listed_label]);
    });
  });
  en.warnings.forEach((w, i) => pairs.push([w, id.warnings[i]]));
  return pairs.filter(([a, b]) => a && a !== b).map(([a]) => a);
}

/**
 * The page's text without the notice's own words, which stay as the
 * server wrote them: what the report quotes (the server's words, the
 * evidence, the matched words, addresses, hosts, the original message's
 * header fields) and every quoted span ("…"); and without the ids of
 * the rules that decided, the same in both languages
 * ("mailq.not-failed" is not the English word "failed").
 */
function withoutNoticeWords(shown, report) {
  const quoted = [];
  for (const r of report.recipients) {
    quoted.push(r.diagnostic, r.evidence.text, r.evidence.rule, r.address,
      r.remote_host, ...r.listings.map((l) => l.matched));
  }
  quoted.push(...Object.values(report.original), report.reporting_mta);
  let text = shown;
  for (const q of quoted.filter(Boolean).sort((a, b) => b.length - a.length)) {
    text = text.replaceAll(q, ' ');
  }
  return text.replace(/"[^"\n]*"/g, ' ');
}

/**
 * True if `text` holds `piece` as words of their own: "unknown" is not
 * found in the reason id "userunknown".
 */
function wholeWords(text, piece) {
  const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u').test(text);
}

test('the Indonesian page shows no English on many kinds of bounce',
  async () => {
    const ui = pieces('en');
    for (const [name, text] of KINDS) {
      const { page, errors } = await openPage(env, { lang: 'id' });
      await paste(page, text);
      assert.equal(await page.isVisible('.summary'), true, name);
      const shown = withoutNoticeWords(await visibleText(page),
        decode(text, 'id'));
      const left = [
        ...ui.filter((piece) => wholeWords(shown, piece)),
        ...englishTexts(text).filter((t) => shown.includes(t)),
      ];
      assert.deepEqual(left, [], `${name}: English on the Indonesian page`);
      await page.screenshot({ path: join(OUT, `sweep-${name}-id.png`),
        fullPage: true });
      assert.deepEqual(errors, [], name);
      await page.close();
    }
  });

test('a catalog name that describes is shown in Indonesian', async () => {
  const { page, errors } = await openPage(env, { lang: 'id' });
  await paste(page, TSS04);
  const heading = await page.textContent('[data-list="yahoo-tss04"] h4');
  assert.equal(heading, 'Penundaan sementara oleh Yahoo/AOL (TSS04)');
  assert.doesNotMatch(await visibleText(page), /temporary deferral/);
  await page.close();

  const entry = catalog('id').entries.find((e) => e.id === 'yahoo-tss04');
  assert.equal(entry.names.en, 'Yahoo/AOL temporary deferral (TSS04)');
  const list = await openPage(env, { lang: 'id', path: 'catalog.html' });
  await list.page.waitForSelector('[data-entry="yahoo-tss04"]');
  assert.equal(
    await list.page.textContent('[data-entry="yahoo-tss04"] h3'),
    entry.name);
  // The English name still finds it.
  await list.page.fill('#filter', 'temporary deferral');
  await list.page.waitForFunction(() =>
    document.querySelectorAll('[data-entry]').length < 10);
  assert.equal(await list.page.isVisible('[data-entry="yahoo-tss04"]'),
    true);
  await list.page.selectOption('#lang', 'en');
  await list.page.waitForFunction(() => document.querySelector(
    '[data-entry="yahoo-tss04"] h3')?.textContent.includes('deferral'));
  assert.deepEqual([...errors, ...list.errors], []);
  await list.page.close();
});

test('an auto-reply and a complaint say nothing is retrying', async () => {
  for (const [lang, retrying, done] of [
    ['en', /retr/i, /nothing to (do|fix)/],
    ['id', /mencoba lagi/, /Tidak ada yang perlu/],
  ]) {
    for (const file of ['rfc3834/01.eml', 'arf/01.eml']) {
      const { page } = await openPage(env, { lang });
      await paste(page, fixture(file));
      const box = await page.textContent('.severity');
      assert.doesNotMatch(box, retrying, `${file} ${lang}: ${box}`);
      assert.match(await page.getAttribute('.severity', 'class'), /\bdone\b/);
      if (file.startsWith('rfc3834')) assert.match(box, done, box);
      await page.close();
    }
  }
});

test('a mixed bounce gives the severity of every recipient', async () => {
  const report = decode(MIXED, 'en');
  assert.deepEqual(report.recipients.map((r) => r.permanent), [true, false]);
  const { page, errors } = await openPage(env, { lang: 'en' });
  await paste(page, MIXED);
  const lines = await page.locator('.severity p').allTextContents();
  assert.ok(lines.some((l) => l.startsWith(
    'Permanent for 1 of 2 recipients (no. 1)')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith(
    'Temporary for 1 of 2 recipients (no. 2)')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith(
    'The address of recipient 1 is unusable')), lines.join('\n'));
  assert.match(await page.getAttribute('.severity', 'class'), /\bmixed\b/);
  await page.selectOption('#lang', 'id');
  await page.waitForFunction(() => document.documentElement.lang === 'id' &&
    document.querySelector('.severity')?.textContent.includes('Permanen'));
  const id = await page.textContent('.severity');
  assert.match(id, /Permanen untuk 1 dari 2 penerima \(no\. 1\)/);
  assert.match(id, /Sementara untuk 1 dari 2 penerima \(no\. 2\)/);
  assert.deepEqual(errors, []);
  await page.close();
});
