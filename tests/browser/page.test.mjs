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
  const rows = page.locator('.recipients tr.fields');
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

test('the technical details name each reason once, with its title',
  async () => {
    const text = '<neko@example.org>: host mx.example.org[192.0.2.1] ' +
      'said: 552 5.2.2\n    <neko@example.org>: Mailbox full (in reply to ' +
      'RCPT TO command)\n<tora@example.org>: host mx.example.org' +
      '[192.0.2.1] said: 421 4.7.0\n    Too many concurrent SMTP ' +
      'connections; please try again later (in reply to RCPT TO command)\n';
    for (const lang of ['en', 'id']) {
      const { page, errors } = await openPage(env, { lang });
      await paste(page, text);
      const report = decode(text, { lang });
      const [full, busy] = report.recipients;
      assert.equal(full.reason, 'mailboxfull');
      assert.equal(busy.reason_group, 'ratelimited');
      const reasons = await page.locator('#details dd').evaluateAll((dds) =>
        dds.map((dd) => dd.textContent));
      assert.ok(reasons.includes(`${full.reason_title} (mailboxfull)`),
        reasons.join('\n'));
      const group = lang === 'en'
        ? 'toomanyconn; in the broader group ratelimited'
        : 'toomanyconn; dalam kelompok yang lebih luas: ratelimited';
      assert.ok(reasons.includes(`${busy.reason_title} (${group})`),
        reasons.join('\n'));
      assert.ok(!reasons.some((r) => r.includes('mailboxfull (mailboxfull)')));
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
