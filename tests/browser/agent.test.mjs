// SPDX-License-Identifier: MIT
// A support agent's day with the page: a notice of 1,000 recipients
// names them short, mixed outcomes are said plainly at the top, a Yahoo
// deferral is named a deferral, the ticket reply prints whole, several
// dropped files are all read, and an mbox's list is one line a message.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decode, decodeAll } from 'pantul';

import { ROOT } from '../../scripts/setup.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');
const text = (page, selector) => page.textContent(selector);

/**
 * A delivery status notice of `recipients`, each { addr, action,
 * status, diag } (a user unknown by default).
 */
function dsn(recipients) {
  const fields = recipients.map((r) => [
    `Final-Recipient: rfc822; ${r.addr}`,
    `Action: ${r.action ?? 'failed'}`,
    `Status: ${r.status ?? '5.1.1'}`,
    `Remote-MTA: dns; ${r.mta ?? 'mx1.example.com'}`,
    `Diagnostic-Code: smtp; ${r.diag ?? '550 5.1.1 User unknown'}`,
    '',
  ].join('\n')).join('\n');
  return `From: Mail Delivery Subsystem <mailer-daemon@mx.example.net>
To: <kijitora@example.org>
Subject: Delivery Status Notification
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B"

--B
Content-Type: text/plain

Delivery to some recipients failed.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

${fields}
--B--
`;
}

/** Chooses `text` as a file, as a drop would (fast for a large text). */
async function chooseFile(page, name, text) {
  await page.setInputFiles('#file', { name, mimeType: 'message/rfc822',
    buffer: Buffer.from(text) });
  await page.waitForSelector('#result:not([hidden])');
  await page.waitForFunction(() => !document.getElementById('submit')
    .disabled);
}

const many = (n, pick) => Array.from({ length: n }, (_, i) =>
  ({ addr: `user${i + 1}@example.com`, ...pick(i + 1) }));

test('a notice of 1,000 recipients names them short, in both languages',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    const all = dsn(many(1000, () => ({})));
    assert.equal(decode(all, { lang: 'en' }).recipients.length, 1000);
    await chooseFile(page, 'all.eml', all);
    assert.deepEqual(await page.locator('.advice .for').allTextContents(),
      ['For all 1,000 recipients']);
    assert.equal(await text(page, '.recipients h3'), 'Recipients (1,000)');
    assert.match(await text(page, '.severity'),
      /These recipient addresses are unusable/);
    // The table shows the first 100 rows; the others when asked for.
    assert.equal(await page.locator('tbody.recipient').count(), 100);
    assert.equal(await text(page, '.recipients .hint'),
      'Showing the first 100 of 1,000 recipients.');
    await page.focus('#all-recipients');
    assert.equal(await text(page, '#all-recipients'),
      'Show the other 900 recipients');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('tbody.recipient').count(), 1000);
    assert.equal(await text(page, 'tbody.recipient:last-child .address'),
      'user1000@example.com');
    assert.equal(await page.evaluate(() =>
      document.activeElement.textContent),
    'All 1,000 recipients are shown.');
    // A recipient is found by address; an empty field shows all again.
    await page.fill('#find-recipient', 'USER99');
    assert.deepEqual(await page.locator('tbody.recipient .address')
      .allTextContents(), ['user99@example.com', 'user990@example.com',
      'user991@example.com', 'user992@example.com', 'user993@example.com',
      'user994@example.com', 'user995@example.com', 'user996@example.com',
      'user997@example.com', 'user998@example.com', 'user999@example.com']);
    assert.equal(await text(page, '#rows-note'),
      '11 of 1,000 recipients match.');
    assert.equal(await text(page, 'tbody.recipient td.col-number'), '99');
    await page.fill('#find-recipient', '@example.com');
    assert.equal(await page.locator('tbody.recipient').count(), 100);
    assert.equal(await text(page, '#rows-note'),
      '1,000 of 1,000 recipients match; the first 100 are shown.');
    await page.fill('#find-recipient', '');
    assert.equal(await page.locator('tbody.recipient').count(), 1000);
    assert.equal(await text(page, '#rows-note'),
      'All 1,000 recipients are shown.');
    // The details of 1,000 recipients are made when opened, not before.
    assert.equal(await page.locator('#details section').count(), 1);
    await page.click('#details summary');
    assert.equal(await page.locator('#details section').count(), 1001);
    assert.equal(await text(page, '#details section:nth-of-type(1000) h4'),
      'Recipient 1000: user1000@example.com');

    await page.selectOption('#lang', 'id');
    await page.waitForFunction(() => document.querySelector('.advice .for')
      ?.textContent.startsWith('Untuk semua'));
    assert.equal(await text(page, '.advice .for'),
      'Untuk semua 1.000 penerima');
    assert.equal(await text(page, '.recipients h3'), 'Penerima (1.000)');
    assert.equal(await text(page, '#all-recipients'),
      'Tampilkan 900 penerima lainnya');

    // Of a notice of more recipients than are read, "all" is not said.
    const more = dsn(many(1001, () => ({})));
    await chooseFile(page, 'more.eml', more);
    await page.waitForFunction(() => document.querySelector('.advice .for')
      ?.textContent.startsWith('Untuk penerima no.'));
    assert.equal(await text(page, '.advice .for'),
      'Untuk penerima no. 1–1.000');
    assert.match(await text(page, '.warnings'),
      /hanya 1\.000 penerima pertama yang dibaca/);

    // Every third recipient's mailbox is full, the others are unknown:
    // runs and a count, never hundreds of numbers.
    await page.selectOption('#lang', 'en');
    const split = dsn(many(1000, (n) => (n % 3 === 1
      ? { status: '5.2.2', diag: '552 5.2.2 Mailbox full' } : {})));
    await chooseFile(page, 'split.eml', split);
    await page.waitForFunction(() => document.querySelectorAll(
      '.advice .for').length === 2);
    const whom = (await page.locator('.advice .for').allTextContents())
      .sort();
    assert.deepEqual(whom, [
      'For recipients 1, 4, 7, 10, 13, 16, 19, 22 and 326 more',
      'For recipients 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, ' +
        '23, 24 and 650 more',
    ]);
    assert.match(await text(page, '.severity'), new RegExp(
      'The addresses of recipients 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, ' +
      '18, 20, 21, 23, 24 and 650 more are unusable'));
    assert.deepEqual(errors, []);
    await page.close();
  });

/** Delivered, failed and delayed: one recipient each. */
const MIXED = dsn([
  { addr: 'ok@example.com', action: 'delivered', status: '2.0.0',
    diag: '250 2.0.0 OK queued' },
  { addr: 'gone@example.com' },
  { addr: 'full@example.com', action: 'delayed', status: '4.2.2',
    diag: '452 4.2.2 Mailbox full, try again later' },
]);

test('mixed outcomes are said plainly at the top', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  await paste(page, MIXED);
  assert.deepEqual(await page.locator('.severity p').allTextContents(), [
    'Bounced',
    'Not the same for all 3 recipients: 1 delivered, 1 failed for good, ' +
      '1 delayed and still retried.',
    'Delivered for 1 of 3 recipients (no. 1): nothing to do for them.',
    'Permanent for 1 of 3 recipients (no. 2): the email was not ' +
      'delivered and will not be retried.',
    'Temporary for 1 of 3 recipients (no. 3): the email is not lost ' +
      'yet, the sending server is still retrying.',
    'The address of recipient 2 is unusable: remove it from your mailing ' +
      'lists. The other addresses are still usable.',
    'Who must act: You, the sender; The recipient or the recipient\'s ' +
      'mail administrator',
  ]);
  assert.equal(await page.getAttribute('.severity', 'class'),
    'severity mixed');
  // A card for one of several recipients names that one.
  assert.deepEqual(
    (await page.locator('.advice .for').allTextContents()).sort(),
    ['For recipient 1', 'For recipient 2', 'For recipient 3']);

  // In a list of messages, its line names the first failed recipient.
  const twice = [1, 2].map((n) =>
    `From MAILER-DAEMON Mon Mar  3 10:1${n}:02 2025\n${MIXED}\n`).join('');
  await chooseFile(page, 'twice.mbox', twice);
  assert.equal(await text(page, '#message-pick option'),
    '1 · \u2068gone@example.com\u2069 +2 · recipient address does not ' +
    'exist, mailbox full · Bounced');

  await page.selectOption('#lang', 'id');
  await page.waitForFunction(() => document.querySelector('.severity strong')
    ?.textContent.startsWith('Hasilnya'));
  assert.equal(await text(page, '.severity strong'),
    'Hasilnya tidak sama untuk 3 penerima: 1 terkirim, 1 gagal permanen, ' +
    '1 tertunda dan masih dicoba lagi.');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Yahoo TSS04 deferral is named a deferral, not a refusal',
  async () => {
    const tss04 = dsn([{ addr: 'kijitora@yahoo.com', action: 'delayed',
      status: '4.7.0', mta: 'mta6.am0.yahoodns.net',
      diag: '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily ' +
        'deferred due to unexpected volume or user complaints - ' +
        '4.16.55.1; see https://postmaster.yahooinc.com/error-codes' }]);
    const report = decode(tss04, { lang: 'en' });
    assert.equal(report.recipients[0].reason, 'rejected');
    assert.equal(report.recipients[0].permanent, false);
    const { page, errors } = await openPage(env, { lang: 'en' });
    await paste(page, tss04);
    assert.equal(await text(page, '.recipients .reason'),
      'sender deferred for now');
    assert.equal(await text(page, '.recipients td.col-reason small'),
      'temporary');
    await page.selectOption('#lang', 'id');
    await page.waitForFunction(() => document.querySelector(
      '.recipients .reason')?.textContent === 'pengirim ditunda sementara');

    // Deferred until the sending server gave up: still no "refused".
    const expired = tss04.replace('Action: delayed', 'Action: failed');
    assert.equal(decode(expired, { lang: 'en' }).recipients[0].permanent,
      true);
    await paste(page, expired);
    assert.equal(await text(page, '.recipients .reason'),
      'pengirim ditunda sampai waktu habis');
    assert.equal(await text(page, '.recipients td.col-reason small'),
      'permanen');
    assert.deepEqual(errors, []);
    await page.close();
  });

test('a log of Yahoo deferrals counts them as deferrals in its totals',
  async () => {
    const line = (n) => `Jun 12 08:00:0${n} mail postfix/smtp[901]: ` +
      `3A00${n}: to=<u${n}@yahoo.com>, relay=mta6.am0.yahoodns.net` +
      '[67.195.204.72]:25, delay=1, delays=0/0/1/0, dsn=4.7.0, ' +
      'status=deferred (host mta6.am0.yahoodns.net[67.195.204.72] said: ' +
      '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred ' +
      'due to unexpected volume or user complaints - 4.16.55.1; see ' +
      'https://postmaster.yahooinc.com/error-codes (in reply to MAIL ' +
      'FROM command))\n';
    const log = [1, 2, 3].map(line).join('');
    const { page, errors } = await openPage(env, { lang: 'en' });
    await paste(page, log);
    assert.deepEqual(await page.locator('.log-totals li').allTextContents(),
      ['3 recipients: delayed 3',
        'Most common causes: sender deferred for now 3']);
    assert.match(await text(page, '#message-pick option'),
      /^3A001 · \u2068u1@yahoo\.com\u2069 · sender deferred for now · /);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('printing shows the whole ticket reply, as edited', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  await paste(page, MIXED);
  const reply = `${decode(MIXED, { lang: 'en' }).ticket_reply}\n\n` +
    'Salam,\nBudi (support)';
  await page.fill('#reply-text', reply);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#reply-text'), false);
  assert.equal(await page.isVisible('#reply-print'), true);
  assert.equal(await page.innerText('#reply-print'), reply);
  // Not cut: the box is as tall as its text.
  const { shown, whole } = await page.evaluate(() => {
    const box = document.getElementById('reply-print');
    return { shown: box.clientHeight, whole: box.scrollHeight };
  });
  assert.equal(shown, whole);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('#reply-print'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('several files chosen at once are all read, each named', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  const a = fixture('postfix/01.eml');
  const b = fixture('exim/01.eml');
  await page.setInputFiles('#file', [
    { name: 'a.eml', mimeType: 'message/rfc822', buffer: Buffer.from(a) },
    { name: 'b.eml', mimeType: 'message/rfc822', buffer: Buffer.from(b) },
  ]);
  await page.waitForSelector('#result:not([hidden]) .messages');
  assert.equal(await text(page, '#held-text'),
    `2 files chosen (${((a.length + b.length) / 1024).toFixed(1)} KiB): ` +
    '\u2068a.eml\u2069, \u2068b.eml\u2069');
  assert.equal(await text(page, '#log-totals-heading'),
    '2 messages in 2 files');
  assert.equal(await text(page, '#messages-note'),
    '2 messages found in 2 files. Showing a.eml. Choose another one below.');
  const options = await page.locator('#message-pick option')
    .allTextContents();
  assert.equal(options.length, 2);
  assert.ok(options[0].startsWith('\u2068a.eml\u2069 · \u2068'),
    options[0]);
  assert.ok(options[1].startsWith('\u2068b.eml\u2069 · \u2068'),
    options[1]);
  assert.equal(await text(page, '.summary'), decode(a, { lang: 'en' })
    .summary);
  await page.selectOption('#message-pick', '1');
  assert.equal(await text(page, '.summary'), decode(b, { lang: 'en' })
    .summary);

  // A file that is no bounce at all is named, with why; the others are
  // read.
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]);
  await page.setInputFiles('#file', [
    { name: 'a.eml', mimeType: 'message/rfc822', buffer: Buffer.from(a) },
    { name: 'photo.png', mimeType: 'image/png', buffer: png },
  ]);
  await page.waitForSelector('#result:not([hidden]) .unread');
  assert.equal(await text(page, '.unread h2'), 'Files not read (1)');
  assert.equal(await page.evaluate(() => getComputedStyle(
    document.querySelector('.unread strong')).unicodeBidi), 'isolate');
  assert.match(await text(page, '.unread li'), /^photo\.png: \S/);
  assert.equal(await page.locator('.messages').count(), 0);
  assert.equal(await text(page, '.summary'), decode(a, { lang: 'en' })
    .summary);

  // Of 21 files, the first 20 are read and the 21st is named.
  const letters = Array.from({ length: 21 }, (_, i) =>
    ({ name: `n${i + 1}.eml`, mimeType: 'message/rfc822',
      buffer: Buffer.from(a) }));
  await page.setInputFiles('#file', letters);
  await page.waitForFunction(() => document.getElementById(
    'log-totals-heading')?.textContent === '20 messages in 20 files');
  assert.equal(await text(page, '.unread li'),
    'n21.eml: this page reads at most 20 files at a time.');

  // Dropped on the box, in Indonesian: the same.
  await page.selectOption('#lang', 'id');
  const data = await page.evaluateHandle(([x, y]) => {
    const drop = new DataTransfer();
    drop.items.add(new File([x], 'x.eml', { type: 'message/rfc822' }));
    drop.items.add(new File([y], 'y.eml', { type: 'message/rfc822' }));
    return drop;
  }, [a, b]);
  await page.dispatchEvent('#bounce', 'drop', { dataTransfer: data });
  await page.waitForFunction(() => document.getElementById(
    'log-totals-heading')?.textContent === '2 pesan dalam 2 berkas');
  assert.equal(await text(page, '#messages-note'), 'Ditemukan 2 pesan ' +
    'dalam 2 berkas. Yang ditampilkan: x.eml. Pilih pesan lain di bawah ini.');
  assert.equal(await page.locator('.unread').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an mbox lists its messages one a line, with totals', async () => {
  const mbox = [fixture('postfix/01.eml'), fixture('exim/01.eml'),
    fixture('arf/01.eml')].map((m, i) =>
    `From MAILER-DAEMON Mon Mar  3 10:1${i}:02 2025\n` +
    `${m.replace(/\n*$/, '\n')}\n`).join('');
  const reports = decodeAll(mbox, { lang: 'en' });
  const { page, errors } = await openPage(env, { lang: 'en' });
  await chooseFile(page, 'bounces.mbox', mbox);
  assert.equal(await text(page, '#log-totals-heading'),
    '3 messages in this mbox file');
  const lines = await page.locator('.log-totals li').allTextContents();
  assert.equal(lines[0], 'By kind: Bounced 2, Spam complaint report 1');
  assert.equal(await page.getAttribute('#message-pick', 'size'), '3');
  const options = await page.locator('#message-pick option')
    .allTextContents();
  assert.equal(options.length, 3);
  options.forEach((line, i) => {
    const first = reports[i].recipients[0].address;
    assert.ok(line.startsWith(`${i + 1} · `), line);
    assert.ok(line.includes(`\u2068${first}\u2069`), line);
    assert.ok(!line.includes('\n'), line);
  });
  // The arrow keys walk the list, and focus stays on it; the list is
  // the same element, not made again for each message shown.
  await page.evaluate(() => {
    document.getElementById('message-pick').kept = true;
  });
  await page.focus('#message-pick');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.getElementById('messages-note')
    .textContent.includes('Showing message 2.'));
  assert.equal(await page.evaluate(() => document.activeElement.id),
    'message-pick');
  assert.equal(await page.evaluate(() =>
    document.getElementById('message-pick').kept), true);
  assert.equal(await text(page, '.summary'), reports[1].summary);
  assert.equal(await page.isDisabled('#message-previous'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('by keyboard, "Read another bounce" goes back to the box, selected',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'id',
      viewport: { width: 360, height: 740 } });
    await paste(page, MIXED);
    assert.equal(await text(page, '#another'), 'Baca pesan bounce lain');
    // The folded details are one line, not a blank screen above the
    // buttons, in view or not.
    const tall = await page.evaluate(() =>
      document.getElementById('details').getBoundingClientRect().height);
    assert.ok(tall < 100, `folded details ${tall}px tall`);
    const table = await page.evaluate(() => {
      const box = document.querySelector('.recipients');
      return { rows: box.querySelectorAll('tbody').length,
        tall: box.getBoundingClientRect().height,
        natural: box.querySelector('table').getBoundingClientRect().height };
    });
    assert.equal(table.rows, 3);
    assert.ok(table.tall < table.natural + 100, JSON.stringify(table));
    await page.focus('#another');
    await page.keyboard.press('Enter');
    const box = await page.evaluate(() => {
      const b = document.activeElement;
      return { id: b.id, start: b.selectionStart, end: b.selectionEnd,
        length: b.value.length };
    });
    assert.deepEqual(box, { id: 'bounce', start: 0, end: MIXED.length,
      length: MIXED.length });
    // The result stays until the next bounce is read.
    assert.equal(await page.isVisible('#result'), true);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#another'), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

test('a long or right-to-left address stays short and apart in the list',
  async () => {
    const long = `${'a'.repeat(64)}@${'sub.'.repeat(40)}example.com`;
    const rtl = '\u202eمحمد@مثال.مصر';
    const one = dsn([{ addr: long }, { addr: rtl }]);
    const mbox = [1, 2].map((n) =>
      `From MAILER-DAEMON Mon Mar  3 10:1${n}:02 2025\n${one}\n`).join('');
    const { page, errors } = await openPage(env, { lang: 'en',
      viewport: { width: 360, height: 740 } });
    await chooseFile(page, 'long.mbox', mbox);
    const options = await page.locator('#message-pick option')
      .allTextContents();
    assert.deepEqual(options, [1, 2].map((n) => `${n} · \u2068${
      'a'.repeat(19)}….sub.sub.example.com\u2069 +1 · recipient address ` +
      'does not exist · Bounced'));
    const wide = await page.evaluate(() =>
      document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 0, `page ${wide}px too wide`);
    // The direction override is shown as a code, not obeyed.
    assert.equal(await text(page, 'tbody.recipient:nth-of-type(2) .address'),
      '<U+202E>محمد@مثال.مصر');
    assert.deepEqual(errors, []);
    await page.close();
  });
