// SPDX-License-Identifier: MIT
// Hostile bounces pasted one after another into the page: markup, event
// handlers, javascript: and data: URLs, look-alike domains, direction
// overrides, HTML entities, SVG, CSS, template syntax, 5 MB of text.
// None may run a script, navigate, open a window, break the policy or
// make any request after the page has loaded; every link in the result
// is a catalog link opened with rel="noopener noreferrer", and the page
// still answers.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RLO = '\u202e';
const ZWSP = '\u200b';

/** What an attacker puts where a server's words go. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3"><script>window.__pwned=3</script></svg>',
  '<a href="javascript:window.__pwned=4">delist here</a>',
  'javascript:window.__pwned=5',
  'data:text/html,<script>window.__pwned=6</script>',
  '<iframe src="data:text/html,<script>parent.__pwned=7</script>"></iframe>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example/"><button>go</button></form>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>body{background:url(https://evil.example/bg)}</style>',
  '<div style="background:url(https://evil.example/s)">x</div>',
  '" onmouseover="window.__pwned=14" x="',
  "' onfocus='window.__pwned=15' autofocus '",
  '&lt;script&gt;window.__pwned=16&lt;/script&gt;',
  '&#60;img src=x onerror=window.__pwned=17&#62;',
  `${RLO}gnp.exe please open ${RLO}lmth.delist`,
  `zen${ZWSP}.spamhaus.org`,
  'blocked using zen.spamhaus.org.evil.example',
  'blocked using zen.sp\u0430mhaus.org',
  'blocked using xn--spmhaus-6ya.org',
  'delist at https://evil.example/delist?ip=192.0.2.1 now',
  'see http://192.0.2.66/phish and //evil.example/x',
  '<object data="https://evil.example/o"></object>' +
    '<embed src="https://evil.example/e">',
  '<video><source onerror="window.__pwned=26"></video>',
  '<math><mi xlink:href="javascript:window.__pwned=27">x</mi></math>',
  "{{constructor.constructor('window.__pwned=28')()}}",
  '${window.__pwned=29} #{window.__pwned=29}',
  '</pre></dd></dl></details><script>window.__pwned=30</script>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=31>">',
  '<!--<img src="--><img src=x onerror=window.__pwned=32//">',
  '</style><style>*{display:none}</style>',
  'vbscript:msgbox(34)',
  '<img src="https://evil.example/pixel.gif">',
  '\u0000\u0001\u001b[31m\u0007 control bytes',
];

/** A Postfix fragment with `words` wherever a server's words can go. */
function fragment(words) {
  return `<victim@example.org>: host mx.example.org[192.0.2.1] said:
    550 5.7.1 Client host [192.0.2.9] blocked using zen.spamhaus.org;
    ${words} (in reply to RCPT TO command)
<second@example.org>: host ${words.slice(0, 60)} said: 554 5.7.1 ${words}
`;
}

/** A whole message: the words in its subject, an HTML part and a
 * delivery-status part. */
function message(words) {
  const b64 = Buffer.from(words).toString('base64');
  return `From: MAILER-DAEMON@example.org
To: sender@example.com
Subject: =?utf-8?B?${b64}?= ${words}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/html; charset=utf-8

<p>Delivery failed: ${words}</p><a href="https://evil.example/">fix</a>
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; victim@example.org
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp; 550 5.7.1 ${words}
--b--
`;
}

const HOSTILE = [
  ...PAYLOADS.map(fragment),
  ...PAYLOADS.slice(0, 12).map(message),
  // A link parameter an attacker would like filled in.
  fragment('Client host [192.0.2.9"><script>window.__pwned=40</script>] ' +
    'blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/' +
    'javascript:alert(1)'),
  // 5 MB of text with markup all through it.
  '<victim@example.org>: 550 5.7.1 ' + '<b onclick=x>a</b> '.repeat(270_000),
];

/** Elements that no text from a bounce may ever become (the page's own
 * form for the sending IP aside). */
const FORBIDDEN = 'script, img, iframe, svg, math, object, embed, meta, ' +
  'base, link, style, form:not(#ip-form), video, audio, source, ' +
  'noscript, [style]';

async function pasteAndWait(page, text) {
  await page.click('#clear');
  await page.evaluate((value) => {
    document.getElementById('bounce').value = value;
  }, text);
  await page.click('#submit');
  await page.waitForFunction(() =>
    !document.getElementById('result').hidden ||
    !document.getElementById('input-error').hidden, null,
  { timeout: 60_000 });
}

async function checkResult(page) {
  return page.evaluate((forbidden) => {
    const result = document.getElementById('result');
    const bad = [...result.querySelectorAll(forbidden)]
      .map((e) => e.outerHTML.slice(0, 80));
    const handlers = [...result.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on')))
      .map((e) => e.outerHTML.slice(0, 80));
    const links = [...result.querySelectorAll('a')].map((a) => ({
      href: a.href, rel: a.rel, target: a.target,
    }));
    return { bad, handlers, links, pwned: window.__pwned,
      violations: window.__violations ?? [] };
  }, FORBIDDEN);
}

test('the policy allows nothing but the page\'s own files', async () => {
  const { page } = await openPage(env, { lang: 'en' });
  const policy = await page.getAttribute(
    'meta[http-equiv="Content-Security-Policy"]', 'content');
  const rules = Object.fromEntries(policy.split(';').map((r) => {
    const [name, ...values] = r.trim().split(/\s+/);
    return [name, values];
  }));
  assert.deepEqual(rules['default-src'], ["'none'"]);
  assert.deepEqual(rules['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  for (const name of ['connect-src', 'style-src', 'img-src', 'worker-src']) {
    assert.deepEqual(rules[name], ["'self'"], name);
  }
  assert.deepEqual(rules['base-uri'], ["'none'"]);
  assert.deepEqual(rules['form-action'], ["'none'"]);
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes('http'),
    policy);
  await page.close();
});

test(`${HOSTILE.length} hostile bounces run nothing, load nothing, go ` +
  'nowhere', { timeout: 600_000 }, async () => {
  assert.ok(HOSTILE.length >= 30);
  const requests = [];
  const onRequest = (r) => requests.push(r.url());
  env.browser.on('request', onRequest);
  const { page, errors } = await openPage(env, { lang: 'en' });
  const popups = [];
  const onPage = (p) => popups.push(p.url());
  env.browser.on('page', onPage);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.reload();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const navigations = [];
  page.on('framenavigated', (f) => navigations.push(f.url()));
  // Loaded: the worker and its module are ready once a sample decodes.
  await pasteAndWait(page, fragment('550 5.1.1 warm-up'));
  await page.waitForLoadState('networkidle');
  const home = page.url();
  const loaded = requests.length;

  for (const [n, text] of HOSTILE.entries()) {
    await pasteAndWait(page, text);
    await page.evaluate(() => {
      const details = document.getElementById('details');
      if (details) details.open = true;
    });
    // Hover and focus everything, for handlers that wait for a person.
    await page.locator('#result').hover().catch(() => {});
    await page.keyboard.press('Tab');
    const seen = await checkResult(page);
    const where = `bounce ${n}: ${text.slice(0, 60)}`;
    assert.equal(seen.pwned, undefined, where);
    assert.deepEqual(seen.bad, [], where);
    assert.deepEqual(seen.handlers, [], where);
    assert.deepEqual(seen.violations, [], where);
    for (const link of seen.links) {
      const url = new URL(link.href);
      assert.ok(url.protocol === 'https:' || url.protocol === 'http:', where);
      assert.ok(!/evil|xn--|192\.0\.2\.|\u0430/.test(url.host), link.href);
      assert.ok(!url.href.includes('javascript'), link.href);
      assert.equal(link.target, '_blank', link.href);
      assert.deepEqual(link.rel.split(' ').sort(), ['noopener', 'noreferrer']);
    }
  }
  // Shown as text, word for word.
  await pasteAndWait(page, fragment(PAYLOADS[1]));
  const shown = await page.locator('.diagnostic').allTextContents();
  assert.ok(shown.join('\n').includes('<img src=x onerror='), shown[0]);
  await pasteAndWait(page, fragment(PAYLOADS[17]));
  const bidi = await page.locator('.diagnostic').first().evaluate((e) =>
    getComputedStyle(e).unicodeBidi);
  assert.equal(bidi, 'isolate');

  // Still answering: a sample decodes and the form clears.
  await page.click('[data-sample]');
  await page.waitForFunction(() =>
    !document.getElementById('result').hidden, null, { timeout: 30_000 });
  await page.click('#clear');
  assert.equal(await page.inputValue('#bounce'), '');

  assert.equal(page.url(), home);
  assert.deepEqual(navigations.filter((u) => u !== home), []);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(popups, []);
  assert.deepEqual(requests.slice(loaded), []);
  assert.deepEqual(errors, []);
  env.browser.off('request', onRequest);
  env.browser.off('page', onPage);
  await page.close();
});

test('a hostile sending IP is refused as text', async () => {
  const { page, requests } = await openPage(env, { lang: 'en' });
  await pasteAndWait(page, fragment('550 5.7.1 xx.xx.xx.xx'));
  const loaded = requests.length;
  const form = page.locator('#sending-ip');
  if (await form.count() === 0) {
    await page.close();
    return;
  }
  await form.fill('"><img src=x onerror="window.__pwned=41">');
  await page.click('#ip-form button[type="submit"]');
  await page.waitForSelector('#ip-error');
  const seen = await checkResult(page);
  assert.equal(seen.pwned, undefined);
  assert.deepEqual(seen.bad, []);
  assert.deepEqual(requests.slice(loaded), []);
  await page.close();
});
