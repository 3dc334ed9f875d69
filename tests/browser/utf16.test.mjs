// SPDX-License-Identifier: MIT
// A text file saved as UTF-16 with a byte order mark (Windows Notepad's
// "Unicode", Outlook's "Save as" text), chosen or dropped, reads as the
// text it holds, little-endian and big-endian alike, as the npm package
// and the CLI read it (fresh11 F4).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decode } from 'pantul';

import { ROOT } from '../../scripts/setup.mjs';
import { openPage, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const TEXT = readFileSync(join(ROOT, 'tests', 'fixtures', 'postfix',
  '160.txt'), 'utf8');

/** `text` as UTF-16 with a byte order mark, in either byte order. */
function utf16(text, little) {
  const bytes = Buffer.alloc(2 + text.length * 2);
  bytes.writeUInt16BE(little ? 0xFFFE : 0xFEFF, 0);
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (little) bytes.writeUInt16LE(unit, 2 + i * 2);
    else bytes.writeUInt16BE(unit, 2 + i * 2);
  }
  return bytes;
}

test('the npm package reads UTF-16 bytes as their text', () => {
  const expected = decode(TEXT, { lang: 'en' });
  for (const little of [true, false]) {
    const report = decode(new Uint8Array(utf16(TEXT, little)),
      { lang: 'en' });
    assert.equal(report.summary, expected.summary);
    assert.deepEqual(report.recipients.map((r) => r.address),
      expected.recipients.map((r) => r.address));
  }
});

test('a UTF-16 file chosen or dropped reads as its text', async () => {
  const { page, errors } = await openPage(env, { lang: 'en' });
  const expected = decode(TEXT, { lang: 'en' }).summary;

  await page.setInputFiles('#file', { name: 'bounce-unicode.txt',
    mimeType: 'text/plain', buffer: utf16(TEXT, true) });
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.textContent('.summary'), expected);
  assert.equal(await page.isHidden('#input-error'), true);

  const big = [...utf16(TEXT, false)];
  const data = await page.evaluateHandle((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'bounce-be.txt',
      { type: 'text/plain' }));
    return transfer;
  }, big);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: data });
  await page.waitForFunction((name) =>
    document.querySelector('#held-text')?.textContent.includes(name),
  'bounce-be.txt');
  await page.waitForSelector('#result:not([hidden])');
  assert.equal(await page.textContent('.summary'), expected);
  assert.equal(await page.isHidden('#input-error'), true);
  assert.deepEqual(errors, []);
  await page.close();
});
