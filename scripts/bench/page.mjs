// SPDX-License-Identifier: MIT
// The page in headless Chromium, through its own code path: the built
// site served on 127.0.0.1 and Chromium launched as the browser tests
// launch it (tests/browser/browser.mjs). Measures the first load (bytes
// over the wire, time to the first answer) and paste → rendered result.

import { readFileSync } from 'node:fs';

import { openPage, start } from '../../tests/browser/browser.mjs';

/**
 * In the page: pastes `text`, submits the form and resolves to the
 * milliseconds until the result is rendered (the submit button is
 * enabled again after the result is shown) and the next frame painted.
 */
function pasteInPage(text) {
  const area = document.getElementById('bounce');
  const submit = document.getElementById('submit');
  const t0 = performance.now();
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
  return new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => setTimeout(() =>
      resolve(performance.now() - t0)));
    const observer = new MutationObserver(() => {
      if (submit.disabled) return;
      observer.disconnect();
      done();
    });
    observer.observe(submit, { attributes: true });
    submit.click();
  });
}

/**
 * First loads, each in a new browser profile (a cold cache): bytes the
 * page fetched (bodies and headers, as served here: uncompressed), the
 * load event, and the first answer to `seed` pasted as soon as the
 * document is parsed.
 */
export async function firstLoads(seed, runs) {
  const out = [];
  for (let r = 0; r < runs; r++) {
    const env = await start();
    try {
      const page = await env.browser.newPage();
      const fetched = [];
      page.on('requestfinished', (request) => fetched.push(request));
      await page.goto(env.url, { waitUntil: 'domcontentloaded' });
      // Milliseconds since navigation start until the seed is answered.
      const answered = await page.evaluate(`(${pasteInPage})` +
        `(${JSON.stringify(seed)}).then(() => performance.now())`);
      await page.waitForLoadState('load');
      const load = await page.evaluate(() =>
        performance.getEntriesByType('navigation')[0].loadEventEnd);
      let bytes = 0;
      const files = [];
      for (const request of fetched) {
        const sizes = await request.sizes();
        bytes += sizes.responseBodySize + sizes.responseHeadersSize;
        files.push(new URL(request.url()).pathname);
      }
      out.push({ bytes, requests: fetched.length, files, load, answered });
      await page.close();
    } finally {
      await env.close();
    }
  }
  return out;
}

/**
 * Paste → rendered result, `runs` times after a warm-up, for `text` in
 * one open page; milliseconds of each run.
 */
export async function pasteTimes(env, text, runs) {
  const { page } = await openPage(env, { lang: 'en' });
  const paste = `(${pasteInPage})`;
  await page.evaluate(`${paste}(${JSON.stringify(text)})`);
  const times = [];
  for (let r = 0; r < runs; r++) {
    times.push(await page.evaluate(`${paste}(${JSON.stringify(text)})`));
  }
  await page.close();
  return times;
}

/**
 * Every file pasted in turn into one page, each to its rendered result;
 * the milliseconds of the whole pass.
 */
export async function pasteAll(env, paths) {
  const { page } = await openPage(env, { lang: 'en' });
  const paste = `(${pasteInPage})`;
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  await page.evaluate(`${paste}(${JSON.stringify(texts[0] ?? 'x')})`);
  const total = await page.evaluate(
    `(async (texts) => { let ms = 0; for (const t of texts) ` +
    `ms += await ${paste}(t); return ms; })(${JSON.stringify(texts)})`);
  await page.close();
  return total;
}

export { start };
