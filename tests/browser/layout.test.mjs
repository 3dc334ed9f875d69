// SPDX-License-Identifier: MIT
// The result's layout at a desktop and a phone width, in both
// languages: the recipients table is readable (no word cut, nothing
// wider than the screen), the privacy note shows once beside the text
// box, the skip link only when there is a result to skip to, the
// recognised format by a name for people, and the blocklist card's
// values whole, each below its label on a phone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { catalog, decode } from 'pantul';

import { formatName } from '../../www/formats.js';
import { t } from '../../www/strings.js';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Three recipients with long addresses and host names, from Postfix. */
const LONG = [
  '<accounts.payable.department@kontraktor-bangunan-utama.co.id>: host ' +
    'mx1.kontraktor-bangunan-utama.co.id[203.0.113.25] said: 550 5.1.1 ' +
    '<accounts.payable.department@kontraktor-bangunan-utama.co.id>: ' +
    'Recipient address rejected: User unknown in virtual mailbox table ' +
    '(in reply to RCPT TO command)',
  '<dewi.lestari@example.co.id>: host mx.example.co.id[198.51.100.7] ' +
    'said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)',
  '<budi@sekolah-menengah-negeri-satu.sch.id>: host ' +
    'aspmx.l.google.com[142.250.4.27] said: 550-5.7.1 [103.28.12.45] ' +
    'Our system has detected that this message is likely unsolicited ' +
    'mail. (in reply to end of DATA command)',
].join('\n');

/** A Spamhaus refusal: its card names the listed IP. */
const LISTED = '<rina@example.org>: host mx.example.org[203.0.113.9] ' +
  'said: 554 5.7.1 Service unavailable; Client host [103.150.190.44] ' +
  'blocked using zen.spamhaus.org (in reply to RCPT TO command)';

/**
 * Every word of the blocklist cards' values (the listed IP whole), with
 * how many lines each is laid out on.
 */
function cardLines(page) {
  return page.evaluate(() => {
    const out = [];
    for (const dd of document.querySelectorAll('.card dd')) {
      const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) =>
            Math.round(r.top)));
          out.push({ text: m[0], lines: tops.size });
        }
      }
    }
    return out;
  });
}

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

/**
 * Every text piece of the recipients' addresses and host names (the
 * parts between the places they may break: after "@" and "-", before
 * ".") and every word of their reasons, with how many lines each is
 * laid out on.
 */
function wordLines(page) {
  return page.evaluate(() => {
    const lines = (node, start, end) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      // One box per line; boxes on one line share their top.
      return new Set([...range.getClientRects()].map((r) =>
        Math.round(r.top))).size;
    };
    const out = [];
    const texts = (el) => [...el.childNodes].filter((n) => n.nodeType === 3);
    for (const el of document.querySelectorAll(
      '.recipients :is(.address, .host, .reason)')) {
      for (const node of texts(el)) {
        // A line may end after a hyphen too, as a browser breaks it.
        const pieces = [...node.data.matchAll(el.classList.contains(
          'reason') ? /\S+/g : /[^-]+-?|-/g)];
        for (const m of pieces) {
          out.push({ text: m[0], lines: lines(node, m.index,
            m.index + m[0].length) });
        }
      }
    }
    return out;
  });
}

/** How far the page and the table reach past their width, in pixels. */
function overflow(page) {
  return page.evaluate(() => {
    const table = document.querySelector('.recipients table');
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      table: table.getBoundingClientRect().right -
        table.parentElement.getBoundingClientRect().right,
    };
  });
}

for (const lang of ['id', 'en']) {
  for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${lang}, ${width}: no address, host or reason word is cut`,
      async () => {
        const { page, errors } = await openPage(env, { lang, viewport });
        await paste(page, LONG);
        const report = decode(LONG, { lang });
        assert.equal(report.recipients.length, 3);
        const pieces = await wordLines(page);
        assert.ok(pieces.some((p) => p.text === '.department@'));
        assert.ok(pieces.some((p) => p.text === '.kontraktor-'));
        const cut = pieces.filter((p) => p.lines !== 1);
        assert.deepEqual(cut, [], `${lang} ${width}`);
        const { page: wide, table } = await overflow(page);
        assert.ok(wide <= 0, `page ${wide}px too wide`);
        assert.ok(table <= 0.5, `table ${table}px too wide`);
        // The addresses read whole, as text.
        const addresses = await page.locator('.recipients .address')
          .allTextContents();
        assert.deepEqual(addresses, report.recipients.map((r) => r.address));
        assert.deepEqual(errors, []);
        await page.close();
      });
  }

  test(`${lang}: what the codes mean runs below each recipient`,
    async () => {
      const { page } = await openPage(env, { lang, viewport: DESKTOP });
      await paste(page, LONG);
      const report = decode(LONG, { lang });
      const groups = page.locator('.recipients tbody.recipient');
      assert.equal(await groups.count(), 3);
      for (const [i, r] of report.recipients.entries()) {
        const group = groups.nth(i);
        assert.deepEqual(await group.locator('.meanings p').allTextContents(),
          [`${r.reply_code} ${r.reply_meaning}`,
            `${r.status} ${r.status_meaning}`]);
        assert.equal(await group.locator('td.col-reply').textContent(),
          String(r.reply_code));
        assert.equal(await group.locator('td.col-status').textContent(),
          r.status);
        // Under the address, across the other columns.
        const [address, meanings] = await Promise.all([
          group.locator('td.col-address').boundingBox(),
          group.locator('.meanings td').boundingBox(),
        ]);
        assert.ok(meanings.y >= address.y + address.height - 1);
        assert.ok(meanings.width > address.width * 2);
      }
      await page.close();
    });

  test(`${lang}: on a phone each recipient is a card, labels beside values`,
    async () => {
      const { page } = await openPage(env, { lang, viewport: PHONE });
      await paste(page, LONG);
      const card = page.locator('.recipients tbody.recipient').first();
      const box = await card.boundingBox();
      assert.ok(box.width <= PHONE.width - 20, `card ${box.width}px`);
      const [number, address] = await Promise.all([
        card.locator('td.col-number').boundingBox(),
        card.locator('td.col-address').boundingBox(),
      ]);
      // The number and the address share the first line.
      assert.ok(Math.abs(number.y - address.y) < 2);
      assert.ok(address.x > number.x);
      // The reason's value sits right of its label, not below it.
      const reason = await card.locator('td.col-reason').boundingBox();
      const value = await card.locator('td.col-reason .reason').boundingBox();
      assert.ok(value.x - reason.x > 80, `${value.x} ${reason.x}`);
      assert.ok(value.y - reason.y < 10);
      assert.equal(await card.locator('td.col-reason').getAttribute(
        'data-label'), t('field.reason', lang));
      await page.close();
    });

  test(`${lang}: the blocklist card keeps the IP whole, and on a phone ` +
    'each label stands above its value', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, errors } = await openPage(env, { lang, viewport });
      await paste(page, LISTED);
      const card = page.locator('.card').first();
      await card.waitFor();
      const lines = await cardLines(page);
      const ip = lines.find((p) => p.text === '103.150.190.44');
      assert.ok(ip, JSON.stringify(lines));
      const cut = lines.filter((p) => p.lines !== 1);
      assert.deepEqual(cut, [], `${lang} ${viewport.width}px`);
      const [dt, dd] = await Promise.all([
        card.locator('dt').first().boundingBox(),
        card.locator('dd').first().boundingBox(),
      ]);
      if (viewport === PHONE) {
        assert.ok(dd.y >= dt.y + dt.height - 1, 'value below its label');
        assert.ok(dd.width > 200, `value ${dd.width}px wide`);
      } else {
        assert.ok(Math.abs(dd.y - dt.y) < 4, 'value beside its label');
      }
      const { page: wide } = await overflow(page);
      assert.ok(wide <= 0, `page ${wide}px too wide`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  test(`${lang}: the privacy note shows once, beside the text box`,
    async () => {
      const { page } = await openPage(env, { lang });
      const note = t('page.privacy', lang);
      const count = (text) => text.split(note).length - 1;
      assert.equal(count(await page.innerText('body')), 1);
      const before = await page.evaluate(() => {
        const note = document.getElementById('privacy');
        const box = document.getElementById('bounce');
        return note.closest('form') === box.closest('form') &&
          Boolean(note.compareDocumentPosition(box) &
            Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.equal(before, true);
      await paste(page, LONG);
      assert.equal(count(await page.innerText('body')), 1);
      await page.close();
    });

  test(`${lang}: the skip link shows only when there is a result`,
    async () => {
      const { page } = await openPage(env, { lang });
      assert.equal(await page.isHidden('#skip'), true);
      // The first Tab goes past it, to the header's first link.
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement.id),
        'skip');
      await paste(page, LONG);
      assert.equal(await page.getAttribute('#skip', 'href'), '#result');
      assert.equal(await page.textContent('#skip'), t('page.skip', lang));
      await page.focus('#skip');
      assert.equal(await page.isVisible('#skip'), true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#result');
      assert.equal(await page.isVisible('#result'), true);
      await page.click('#clear');
      assert.equal(await page.isHidden('#skip'), true);
      await page.close();
    });

  test(`${lang}: the details name the format for people`, async () => {
    const { page } = await openPage(env, { lang });
    const cases = [
      [LONG, 'postfix', { id: 'Pesan bounce dari server email Postfix',
        en: 'A bounce from a Postfix mail server' }],
      ['Delivery failed.\n550 5.1.1 <someone@example.net>: mailbox ' +
        'unavailable\n', 'text',
      { id: 'Teks biasa, tanpa tata letak server email yang dikenal Pantul',
        en: 'Plain text, in no mail server layout Pantul knows' }],
    ];
    for (const [text, format, names] of cases) {
      assert.equal(decode(text, { lang }).format, format);
      await paste(page, text);
      const shown = await page.locator('#details dt', {
        hasText: t('field.format', lang),
      }).evaluate((dt) => dt.nextElementSibling.textContent);
      assert.equal(shown, names[lang]);
    }
    await page.close();
  });
}

test('every format the core reports has a name in both languages', () => {
  const { formats } = catalog('en');
  assert.ok(formats.includes('text') && formats.includes('unknown'));
  assert.ok(formats.length > 50);
  for (const format of formats) {
    const id = formatName(format, 'id');
    const en = formatName(format, 'en');
    assert.ok(id && en, `${format} has no name`);
    assert.notEqual(id, en, `${format}: the same words in both languages`);
    assert.notEqual(id, format);
  }
  assert.equal(formatName('toString', 'en'), null);
});
