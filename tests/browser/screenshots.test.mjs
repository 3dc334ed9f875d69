// SPDX-License-Identifier: MIT
// Screenshots of the page for a person to look at, written to
// target/screenshots/: each sample bounce in both languages, a phone,
// dark mode, and the catalog page. Each shot also checks that the page
// shows a result and nothing overflows sideways.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT } from '../../scripts/setup.mjs';
import { SAMPLES } from '../../www/samples.js';
import { SEED } from '../seed/seed.mjs';
import { openPage, paste, start } from './browser.mjs';

const OUT = join(ROOT, 'target', 'screenshots');
const PHONE = { width: 390, height: 844 };

let env;
before(async () => {
  env = await start();
  mkdirSync(OUT, { recursive: true });
});
after(async () => { await env?.close(); });

async function shoot(name, text, options) {
  const { page, errors } = await openPage(env, options);
  await paste(page, text);
  assert.equal(await page.isVisible('.summary'), true, name);
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `${name} overflows by ${wide}px`);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
}

const CASES = [
  ['seed', SEED],
  ...SAMPLES.filter((s) => s.id !== 'ers').map((s) => [s.id, s.text]),
];

for (const lang of ['id', 'en']) {
  test(`screenshots in ${lang}`, async () => {
    for (const [name, text] of CASES) {
      await shoot(`${name}-${lang}`, text, { lang });
    }
  });
}

test('the printed result leaves out the form and opens the details',
  async () => {
    const { page } = await openPage(env, { lang: 'id' });
    await paste(page, SEED);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.isVisible('#decode-form'), false);
    assert.equal(await page.isVisible('.diagnostic >> nth=0'), true);
    await page.screenshot({ path: join(OUT, 'seed-id-print.png'),
      fullPage: true });
    await page.close();
  });

test('screenshots on a phone and in dark mode', async () => {
  await shoot('seed-id-phone', SEED, { lang: 'id', viewport: PHONE });
  await shoot('userunknown-en-phone', SAMPLES[1].text,
    { lang: 'en', viewport: PHONE });
  await shoot('seed-en-dark', SEED, { lang: 'en', colorScheme: 'dark' });
});

test('screenshot of the catalog page', async () => {
  for (const lang of ['id', 'en']) {
    const { page, errors } = await openPage(env, { lang,
      path: 'catalog.html' });
    await page.waitForSelector('[data-entry]');
    await page.screenshot({ path: join(OUT, `catalog-${lang}.png`),
      fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});
