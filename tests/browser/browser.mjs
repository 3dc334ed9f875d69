// SPDX-License-Identifier: MIT
// Helpers for the browser tests: the built page served on 127.0.0.1 and
// Debian's Chromium driven by playwright-core.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { SITE } from '../../scripts/build.mjs';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM } from '../../scripts/setup.mjs';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves the built page and starts Chromium; `close()` ends both.
 * Every request the page makes is kept in `requests`.
 */
export async function start() {
  const { server, url } = await serve(SITE, 0);
  const profile = mkdtempSync(join(tmpdir(), 'pantul-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 900 },
  });
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  };
  return { browser, url, close };
}

/**
 * A new page of the site in `lang`, with every request it makes and
 * every error it logs recorded.
 */
export async function openPage(env, { lang = 'en', path = '', viewport,
  colorScheme } = {}) {
  const page = await env.browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme) await page.emulateMedia({ colorScheme });
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // The language is chosen once per tab, as a person would; a reload
  // keeps whatever the page remembered since.
  await page.addInitScript((code) => {
    try {
      if (sessionStorage.getItem('test.lang-set')) return;
      sessionStorage.setItem('test.lang-set', '1');
      localStorage.setItem('pantul.lang', code);
    } catch {
      // No storage: the page picks the browser's language.
    }
  }, lang);
  await page.goto(env.url + path);
  return { page, requests, errors };
}

/** Pastes `text` and waits for the result (or an error) to show. */
export async function paste(page, text) {
  await page.fill('#bounce', text);
  await page.click('#submit');
  await page.waitForFunction(() =>
    !document.getElementById('result').hidden ||
    !document.getElementById('input-error').hidden);
}
