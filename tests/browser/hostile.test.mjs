// SPDX-License-Identifier: MIT
// Hostile bounce text: markup, event handlers, javascript: URLs and a
// right-to-left override must show as text, run nothing, navigate
// nowhere and send no request.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, paste, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RLO = '\u202e';
const HOSTILE = `<evil@example.org>: host mx.example.org[192.0.2.1] said:
    550 5.1.1 <script>window.__pwned = 1</script> <img src=x
    onerror="window.__pwned=2"> <a href="javascript:window.__pwned=3">x</a>
    <iframe src="https://example.net/"></iframe> <meta http-equiv="refresh"
    content="0;url=https://example.net/"> javascript:alert(4)
    https://example.net/track?c=1 User unknown ${RLO}lmth.exe (in reply to
    RCPT TO command)
<mallory@example.org>: host mx.example.org[192.0.2.1] said: 554 5.7.1
    Client host [192.0.2.9] blocked using zen.spamhaus.org;
    <svg onload="window.__pwned=5"></svg> ${RLO}gnp.tab (in reply to RCPT
    TO command)
`;

test('hostile text is shown as text and does nothing', async () => {
  const { page, requests, errors } = await openPage(env, { lang: 'en' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const start = page.url();
  const before = requests.length;
  await paste(page, HOSTILE);
  await page.evaluate(() => { document.getElementById('details').open = true; });
  await page.waitForTimeout(300);

  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.equal(page.url(), start);
  const origin = new URL(env.url).origin;
  assert.deepEqual(requests.slice(before)
    .filter((u) => new URL(u).origin !== origin), []);
  const made = await page.evaluate(() => {
    const result = document.getElementById('result');
    return result.querySelectorAll('script, img, iframe, meta, svg, object,' +
      ' embed, [onerror], [onload], [style]').length;
  });
  assert.equal(made, 0);
  const hrefs = await page.locator('#result a').evaluateAll((as) =>
    as.map((a) => a.href));
  for (const href of hrefs) assert.match(href, /^https:\/\//);
  assert.ok(!hrefs.some((h) => h.includes('example.net')));

  const diagnostics = await page.locator('.diagnostic').allTextContents();
  const all = diagnostics.join('\n');
  assert.ok(all.includes('<img src=x'), all);
  assert.ok(all.includes('javascript:alert(4)'), all);
  // The core shows direction overrides as codes (docs/architecture.md,
  // "Hidden characters"), so none reaches the page to reorder its text.
  assert.ok(all.includes('<U+202E>lmth.exe'), all);
  assert.ok(!all.includes(RLO), all);
  const bidi = await page.locator('.diagnostic').first().evaluate((el) =>
    getComputedStyle(el).unicodeBidi);
  assert.equal(bidi, 'isolate');
  assert.deepEqual(errors, []);
  await page.close();
});
