// SPDX-License-Identifier: MIT
// Keyboard and screen-reader basics: a keyboard-only run, labels on
// every control, the live region, focus on the result.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { SEED } from '../seed/seed.mjs';
import { openPage, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('a keyboard alone reads a bounce, and focus lands on the result',
  async () => {
    const { page } = await openPage(env, { lang: 'en' });
    await page.focus('#bounce');
    await page.keyboard.insertText(SEED);
    // From the text box: the file picker, then the submit button.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id),
      'file');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id),
      'submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result:not([hidden])');
    await page.waitForFunction(() => document.activeElement.id === 'result');
    assert.match(await page.textContent('#status'), /^Result ready\. /);
    assert.equal(await page.getAttribute('#status', 'role'), 'status');
    await page.close();
  });

test('the result is shown from its top: the headline in view, not its '
  + 'middle (fresh13 #15)', async () => {
    // A phone's screen: the result is many screens tall, and focus()
    // alone would scroll its middle into view.
    const { page } = await openPage(env, { lang: 'en',
      viewport: { width: 390, height: 844 } });
    await page.fill('#bounce', SEED);
    await page.click('#submit');
    await page.waitForFunction(() => document.activeElement.id === 'result');
    const { top, tall } = await page.evaluate(() => ({
      top: document.getElementById('result-heading')
        .getBoundingClientRect().top,
      tall: document.getElementById('result').offsetHeight,
    }));
    assert.ok(tall > 2 * 844, `a result ${tall} px tall`);
    assert.ok(top >= 0 && top < 60, `the result's heading at ${top} px`);
    await page.close();
  });

test('Ctrl+Enter or Cmd+Enter in the box reads it, and the box says so',
  async () => {
    const { page } = await openPage(env, { lang: 'en' });
    const described = await page.getAttribute('#bounce', 'aria-describedby');
    assert.ok(described.split(' ').includes('shortcut-hint'), described);
    assert.match(await page.textContent('#shortcut-hint'), /Ctrl\+Enter/);
    assert.equal(await page.getAttribute('#bounce', 'aria-keyshortcuts'),
      'Control+Enter Meta+Enter');
    await page.focus('#bounce');
    await page.keyboard.insertText(SEED);
    // Enter alone is a new line in the box, not a decode.
    await page.keyboard.press('Enter');
    assert.ok((await page.inputValue('#bounce')).endsWith('\n'));
    assert.equal(await page.isHidden('#result'), true);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#result:not([hidden])');
    await page.waitForFunction(() => document.activeElement.id === 'result');
    assert.match(await page.textContent('#status'), /^Result ready\. /);
    // Again from the box, with the Mac's key, in Indonesian.
    await page.selectOption('#lang', 'id');
    assert.match(await page.textContent('#shortcut-hint'), /Ctrl\+Enter/);
    await page.fill('#bounce', '');
    await page.focus('#bounce');
    await page.keyboard.insertText(SEED);
    await page.evaluate(() => { document.getElementById('status')
      .textContent = ''; });
    await page.keyboard.press('Meta+Enter');
    await page.waitForFunction(() => document.activeElement.id === 'result');
    await page.waitForFunction(() =>
      document.getElementById('status').textContent !== '');
    await page.close();
  });

test('every control has a name, every new-tab link says so', async () => {
  const { page } = await openPage(env, { lang: 'id' });
  await page.fill('#bounce', SEED);
  await page.click('#submit');
  await page.waitForSelector('#result:not([hidden])');
  const unnamed = await page.evaluate(() => [...document.querySelectorAll(
    'input, select, textarea, button')].filter((el) => {
    const label = el.labels?.[0]?.textContent.trim() ??
      el.getAttribute('aria-label') ?? '';
    const own = el.tagName === 'BUTTON' ? el.textContent.trim() : '';
    return label === '' && own === '';
  }).map((el) => el.id || el.outerHTML.slice(0, 60)));
  assert.deepEqual(unnamed, []);
  const silent = await page.locator('a[target="_blank"]').evaluateAll((as) =>
    as.filter((a) => !a.textContent.includes('(membuka tab baru)'))
      .map((a) => a.href));
  assert.deepEqual(silent, []);
  await page.close();
});
