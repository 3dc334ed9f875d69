// SPDX-License-Identifier: MIT
// Typing the sending IP, copying the reply, files and bad input.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { decode, maxSize } from 'pantul';

import { t } from '../../www/strings.js';
import { SEED } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const lookups = (page) => page.locator('[data-list] a').evaluateAll(
  (as) => as.filter((a) => a.textContent.startsWith('Look up: '))
    .map((a) => a.href));

/** Types `ip` in the form, sends it and waits for the result again. */
async function typeIp(page, ip) {
  await page.evaluate(() => {
    document.getElementById('ip-form').dataset.before = 'yes';
  });
  await page.fill('#sending-ip', ip);
  await page.press('#sending-ip', 'Enter');
  await page.waitForFunction(() =>
    !document.getElementById('ip-form')?.dataset.before);
}

test('a typed sending IP refills the links; bad ones are refused',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    await paste(page, SEED);
    assert.deepEqual(await lookups(page),
      ['https://www.ers.trendmicro.com/reputations/index']);

    await typeIp(page, ' 203.0.113.9 ');
    await page.waitForSelector('.ip .done');
    assert.deepEqual(await lookups(page), ['https://www.ers.trendmicro.com' +
      '/reputations/index?ip_address=203.0.113.9']);
    assert.match(await page.textContent('[data-list] .listed'),
      /^203\.0\.113\.9$/);
    assert.equal(await page.evaluate(() => document.activeElement.id),
      'sending-ip');

    // A refused IP leaves no IP in the links (they are as before any
    // IP was typed), and the field says why it was refused.
    const refused = [
      ['xx.xx.xx.xx', /^That is not a valid IP address\. /],
      ['203.0.113.9"><b>x', /^That is not a valid IP address\. /],
      ['1.2.3', /^That is not a valid IP address\. /],
      ['javascript:alert(1)', /^That is not a valid IP address\. /],
      ['10.1.2.3', /^10\.1\.2\.3 is not a public address \(private\), /],
      ['127.0.0.1', /^127\.0\.0\.1 is not a public address \(loopback\), /],
    ];
    for (const [bad, why] of refused) {
      await typeIp(page, '203.0.113.9');
      await page.waitForSelector('.ip .done');
      await typeIp(page, bad);
      await page.waitForSelector('#ip-error');
      assert.match(await page.textContent('#ip-error'), why, bad);
      assert.equal(await page.inputValue('#sending-ip'), bad.trim());
      assert.equal(await page.getAttribute('#sending-ip', 'aria-invalid'),
        'true');
      assert.equal(await page.getAttribute('#sending-ip',
        'aria-describedby'), 'ip-hint ip-error');
      assert.equal(await page.evaluate(() => document.activeElement.id),
        'sending-ip');
      assert.equal(await page.locator('.ip .done').count(), 0);
      assert.deepEqual(await lookups(page),
        ['https://www.ers.trendmicro.com/reputations/index']);
      assert.equal(await page.textContent('[data-list] .listed'),
        'not given in the message');
    }
    await typeIp(page, '127.0.0.1x');
    await page.waitForSelector('#ip-error');

    // In the other language, the reason follows and the links stay
    // without the IP.
    await page.selectOption('#lang', 'id');
    await page.waitForFunction(() => /^Itu bukan alamat IP yang valid\. /
      .test(document.getElementById('ip-error')?.textContent));
    assert.equal(await page.inputValue('#sending-ip'), '127.0.0.1x');
    assert.equal(await page.textContent('[data-list] .listed'),
      'tidak disebutkan dalam pesan');
    assert.equal(await page.getAttribute('[data-list] a', 'href'),
      'https://www.ers.trendmicro.com/reputations/index');
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => /^That is not a valid IP address\. /
      .test(document.getElementById('ip-error')?.textContent));

    await typeIp(page, '2001:DB8::25');
    await page.waitForSelector('.ip .done');
    assert.deepEqual(await lookups(page), ['https://www.ers.trendmicro.com' +
      '/reputations/index?ip_address=2001:db8::25']);
    assert.equal(await page.locator('#ip-error').count(), 0);
    assert.equal(await page.getAttribute('#sending-ip', 'aria-invalid'),
      null);
    // The form confirms the form of the IP the links use.
    assert.equal(await page.textContent('.ip .done'),
      'The links now use the IP 2001:db8::25.');
    await typeIp(page, '::ffff:198.51.100.7');
    await page.waitForSelector('.ip .done');
    assert.deepEqual(await lookups(page), ['https://www.ers.trendmicro.com' +
      '/reputations/index?ip_address=198.51.100.7']);
    assert.equal(await page.textContent('.ip .done'),
      'The links now use the IP 198.51.100.7.');
    assert.deepEqual(errors, []);
    await page.close();
  });

test('copy reply puts the ticket reply on the clipboard', async () => {
  const { page } = await openPage(env, { lang: 'id' });
  await env.browser.grantPermissions(['clipboard-read', 'clipboard-write'],
    { origin: env.url });
  await paste(page, SEED);
  await page.click('#copy-reply');
  await page.waitForFunction(() =>
    document.getElementById('copy-status').textContent !== '');
  assert.equal(await page.textContent('#copy-status'),
    'Balasan sudah disalin.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, decode(SEED, { lang: 'id' }).ticket_reply);
  await page.close();
});

test('a chosen file decodes like pasted text', async () => {
  const { page } = await openPage(env, { lang: 'en' });
  await page.setInputFiles('#file', { name: 'bounce.eml',
    mimeType: 'message/rfc822', buffer: Buffer.from(SEED) });
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.textContent('.summary'),
    decode(SEED, { lang: 'en' }).summary);
  assert.match(await page.textContent('#held-text'), /bounce\.eml/);
  await page.close();
});

test('empty, binary and over-size input each get a clear message',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    const shown = async () => {
      await page.waitForSelector('#input-error:not([hidden])');
      assert.equal(await page.isHidden('#result'), true);
      return page.textContent('#input-error');
    };
    await paste(page, '');
    assert.match(await shown(), /There is no text to read/);

    const junk = Buffer.alloc(8192, 0);
    for (let i = 0; i < junk.length; i += 3) junk[i] = i % 251;
    await page.setInputFiles('#file', { name: 'photo.eml',
      mimeType: 'message/rfc822', buffer: junk });
    assert.match(await shown(), /binary data, not text/);

    await page.setInputFiles('#file', { name: 'huge.eml',
      mimeType: 'message/rfc822', buffer: Buffer.alloc(maxSize + 10, 97) });
    assert.match(await shown(), /too large \(10,485,770 bytes\)/);

    await page.click('#clear');
    assert.equal(await page.isHidden('#input-error'), true);
    await page.evaluate((n) => {
      document.getElementById('bounce').value = 'b'.repeat(n);
    }, maxSize + 1);
    await page.click('#submit');
    assert.match(await shown(),
      /too large \(10,485,761 bytes\); the limit is 10,485,760 bytes/);
    assert.deepEqual(errors, []);
    await page.close();
  });

/** Empties the input error and the status, to see them said again. */
async function forget(page) {
  await page.evaluate(() => {
    document.getElementById('input-error').textContent = '';
    document.getElementById('status').textContent = '';
  });
}

test('a refused file drops the file chosen before it and keeps its reason',
  async () => {
    const { page, errors } = await openPage(env, { lang: 'en' });
    await page.setInputFiles('#file', { name: 'bounce.eml',
      mimeType: 'message/rfc822', buffer: Buffer.from(SEED) });
    await page.waitForSelector('#result:not([hidden])');
    await page.setInputFiles('#file', { name: 'huge.eml',
      mimeType: 'message/rfc822', buffer: Buffer.alloc(maxSize + 10, 97) });
    await page.waitForSelector('#input-error:not([hidden])');
    const refused = 'The input is too large (10,485,770 bytes); the limit ' +
      'is 10,485,760 bytes. The file huge.eml was not read. Choose a file ' +
      'that holds only the bounce message, or open the file and paste ' +
      'just the bounce message.';
    assert.equal(await page.textContent('#input-error'), refused);
    assert.equal(await page.isHidden('#held'), true);
    assert.equal(await page.isHidden('#result'), true);

    // Reading the empty box says again why the file was not read, not
    // that the input is empty (fresh9, item 11).
    await forget(page);
    await page.click('#submit');
    await page.waitForFunction((words) =>
      document.getElementById('input-error').textContent === words, refused);
    assert.equal(await page.textContent('#status'), refused);
    assert.equal(await page.isHidden('#result'), true);

    // In the other language, the same reason in its words.
    await page.selectOption('#lang', 'id');
    await page.waitForFunction(() => /^Masukan terlalu besar/.test(
      document.getElementById('input-error').textContent));
    assert.equal(await page.textContent('#input-error'),
      'Masukan terlalu besar (10.485.770 byte); batasnya 10.485.760 byte. ' +
      'Berkas huge.eml tidak dibaca. Pilih berkas yang hanya berisi pesan ' +
      'bounce, atau buka berkas itu lalu tempelkan pesan bounce-nya saja.');
    await forget(page);
    await page.click('#submit');
    await page.waitForFunction(() => /Berkas huge\.eml tidak dibaca/.test(
      document.getElementById('status').textContent));

    // Once the person types, the box is the input again: an empty box
    // is then just empty.
    await page.fill('#bounce', 'x');
    await page.fill('#bounce', '');
    await page.click('#submit');
    await page.waitForFunction(() => /Tidak ada teks untuk dibaca/.test(
      document.getElementById('input-error').textContent));
    assert.deepEqual(errors, []);
    await page.close();
  });

test('the page adds what to do on it to the core\'s neutral error',
  async () => {
    const junk = Buffer.alloc(8192, 0);
    for (let i = 0; i < junk.length; i += 3) junk[i] = i % 251;
    const words = {
      en: ['There is no text to read: the input is empty. Paste a bounce ' +
        'message or choose an .eml/.txt file.',
      'This input is binary data, not text; a bounce message is text. ' +
        'Choose an .eml or .txt file that holds the bounce message.'],
      id: ['Tidak ada teks untuk dibaca: masukan ini kosong. Tempelkan ' +
        'pesan bounce atau pilih berkas .eml/.txt.',
      'Masukan ini berupa data biner, bukan teks; pesan bounce berupa ' +
        'teks. Pilih berkas .eml atau .txt berisi pesan bounce.'],
    };
    for (const [lang, [empty, binary]] of Object.entries(words)) {
      const { page } = await openPage(env, { lang });
      await paste(page, '  ');
      assert.equal(await page.textContent('#input-error'), empty);
      assert.equal(await page.textContent('#status'), empty);
      await page.setInputFiles('#file', { name: 'photo.eml',
        mimeType: 'message/rfc822', buffer: junk });
      await page.waitForFunction((text) =>
        document.getElementById('input-error').textContent === text, binary);
      await page.close();
    }
  });

test('a mail log naming a recipient several times says so in the details',
  async () => {
    const log = readFileSync(new URL('../fixtures/text/94.txt',
      import.meta.url), 'utf8');
    for (const [lang, words] of [
      ['id', '4 baris di log, 3 di antaranya ditunda; ' +
        'pertama Dec  1 08:00:01, terakhir Dec  6 08:00:03'],
      ['en', '4 log lines, 3 of them deferred; ' +
        'first Dec  1 08:00:01, last Dec  6 08:00:03'],
    ]) {
      const { page, errors } = await openPage(env, { lang });
      await paste(page, log);
      const rows = await page.locator('#details dt', {
        hasText: t('field.attempts', lang),
      }).evaluateAll((dts) => dts.map((dt) =>
        dt.nextElementSibling.textContent));
      // The first recipient was deferred, then bounced; the second was
      // delivered at once and has no such row.
      assert.deepEqual(rows, [words]);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

test('a phishing lure is said to be one, not "no delivery failure"',
  async () => {
    const { page } = await openPage(env, { lang: 'en' });
    await paste(page, 'Your mailbox neko@example.org has 4 pending incoming ' +
      'messages. To release your pending messages, click the link below ' +
      'and verify your account: https://mail-release.example/login\n');
    const severity = page.locator('.severity');
    assert.match(await severity.getAttribute('class'), /permanent/);
    assert.match(await severity.textContent(), /likely phishing/);
    assert.doesNotMatch(await severity.textContent(),
      /no delivery failure/);
    assert.match(await page.inputValue('#reply-text'),
      /phishing email/);
    await page.close();
  });

test('the one who must act on a phishing lure is its reader, not a sender',
  async () => {
    const lure = 'Your mailbox neko@example.org has 4 pending incoming ' +
      'messages. To release your pending messages, click the link below ' +
      'and verify your account: https://mail-release.example/login\n';
    for (const [lang, who] of [
      ['en', 'Who must act: You, who received this email'],
      ['id', 'Yang perlu bertindak: Anda, sebagai penerima email ini'],
    ]) {
      const { page, errors } = await openPage(env, { lang });
      await paste(page, lure);
      const severity = await page.locator('.severity').textContent();
      assert.ok(severity.includes(who), severity);
      assert.doesNotMatch(severity, /the sender|sebagai pengirim/);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

test('an email app\'s own send error says nothing was sent, with no ' +
  'recipient row', async () => {
  // Outlook's words for a refused SMTP login, in our own wording.
  const text = 'Pesan tidak dapat dikirim karena server menolak nama ' +
    'pengguna atau kata sandi. Akun: \'mail.contoh.example\', Protokol: ' +
    'SMTP, Respons Server: \'535 5.7.8 Error: authentication failed\', ' +
    'Port: 587, Nomor Kesalahan Server: 535, Nomor Kesalahan: 0x800CCC92\n';
  for (const [lang, severityWords, summary] of [
    ['en', /^Not sent: your email app could not log in/,
      /^This email was not sent/],
    ['id', /^Belum terkirim: aplikasi email Anda gagal login/,
      /^Email ini belum terkirim/],
  ]) {
    const { page, errors } = await openPage(env, { lang });
    await paste(page, text);
    const severity = page.locator('.severity');
    assert.match(await severity.getAttribute('class'), /temporary/);
    assert.match(await severity.locator('p').nth(1).textContent(),
      severityWords);
    assert.match(await page.textContent('.summary'), summary);
    assert.equal(await page.locator('#result table').count(), 0);
    assert.equal(decode(text, { lang }).kind, 'not-a-bounce');
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the cards\' heading names policies and limits when they are shown',
  async () => {
    const at = String.fromCharCode(64);
    const limit = `  sari${at}mitra-usaha.example\n    Domain toko-contoh.example ` +
      'has exceeded the max emails per hour (100/100 (100%)) allowed.  ' +
      'Message discarded.\n';
    const listed = `<sari${at}mitra-usaha.example>: host mx.mitra-usaha.` +
      'example[192.0.2.81] said: 550 5.7.1 Rejected: 198.51.100.44 listed ' +
      'at b.barracudacentral.org (in reply to RCPT TO command)\n';
    const { page, errors } = await openPage(env, { lang: 'id' });
    for (const [text, heading] of [
      [limit, 'Kebijakan dan batas pengiriman'],
      [listed, 'Blacklist dan layanan reputasi'],
    ]) {
      await paste(page, text);
      await page.waitForSelector('#result:not([hidden]) .lists h3');
      assert.equal(await page.textContent('.lists h3'), heading);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

