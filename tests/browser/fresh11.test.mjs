// SPDX-License-Identifier: MIT
// What fresh11 left over on the page: a text with no bounce in it names
// no one who must act, and Gmail's notice (no host named) shows whose
// server refused it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { decode } from 'pantul';

import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const at = String.fromCharCode(64);

test('a customer\'s question is no bounce, and no one is told to act',
  async () => {
    // In our own words: names errors and an address, holds no bounce.
    const text = 'Pak, kalau muncul user unknown itu artinya apa? Kata ' +
      'teman IP kami kena blacklist Spamhaus, benar? Email saya ' +
      `dimas${at}toko-contoh.example. Terima kasih.\n`;
    for (const [lang, heading, label] of [
      ['en', /No bounce message in this text/, /Who must act/],
      ['id', /Tidak ada pesan bounce dalam teks ini/, /Yang perlu bertindak/],
    ]) {
      const { page, errors } = await openPage(env, { lang });
      await paste(page, text);
      assert.equal(decode(text, { lang }).kind, 'not-a-bounce');
      assert.doesNotMatch(await page.textContent('.severity'), label);
      assert.match(await page.textContent('#result'), heading);
      assert.equal(await page.locator('#result table').count(), 0);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

test('Gmail\'s notice names Google as the receiving server', async () => {
  const text = 'Address not found\n\nYour message wasn\'t delivered to ' +
    `raka.putra${at}gmail.com because the address couldn't be found, or ` +
    'is unable to receive mail.\n\nThe response from the remote server ' +
    'was:\n550 5.1.1 The email account that you tried to reach does not ' +
    'exist. For more information, go to ' +
    'https://support.google.com/mail/?p=NoSuchUser b2c3d4 - gsmtp\n';
  const report = decode(text, { lang: 'en' });
  assert.equal(report.recipients[0].remote_host, null);
  assert.equal(report.recipients[0].remote_provider, 'Google (Gmail)');
  const { page, errors } = await openPage(env, { lang: 'en' });
  await paste(page, text);
  const remote = page.locator('#result td.col-remote').first();
  assert.equal((await remote.textContent()).trim(), 'Google (Gmail)');
  assert.deepEqual(errors, []);
  await page.close();
});
