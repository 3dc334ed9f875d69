// SPDX-License-Identifier: MIT
// Helpers for the browser tests: the built page served on 127.0.0.1 and
// Debian's Chromium driven by playwright-core.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { SITE } from '../../scripts/build.mjs';
import { STRINGS } from '../../www/strings.js';
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
  // The button is disabled from the click until this decode has been
  // shown: a result still on screen from an earlier paste does not
  // count.
  await page.click('#submit');
  await page.waitForFunction(() =>
    !document.getElementById('submit').disabled &&
    (!document.getElementById('result').hidden ||
      !document.getElementById('input-error').hidden));
}

/**
 * Pieces of `lang`'s UI texts that differ from the other language's:
 * each text cut at its placeholders, pieces of 4 characters or more.
 */
export function pieces(lang) {
  const other = lang === 'en' ? 'id' : 'en';
  const out = new Set();
  for (const text of Object.values(STRINGS)) {
    if (text[lang] === text[other]) continue;
    for (const piece of text[lang].split(/\{\w+\}/)) {
      const trimmed = piece.trim().replace(/^[(:;,.]+|[):;,.]+$/g, '');
      if (trimmed.length >= 4 && !text[other].includes(trimmed)) {
        out.add(trimmed);
      }
    }
  }
  return [...out];
}

/**
 * Every text a person can see or hear on the page, form values and the
 * server's own words aside.
 */
export async function visibleText(page) {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    // The server's own words are bounce text, in whatever language, and
    // so are the words of it that decided the reason.
    const quoted = document.querySelectorAll('.diagnostic, .bounce-words');
    for (const d of quoted) d.hidden = true;
    const attrs = [...document.querySelectorAll(
      '[placeholder], [aria-label], [title], [alt]')].flatMap((el) =>
      ['placeholder', 'aria-label', 'title', 'alt'].map((a) =>
        el.getAttribute(a) ?? ''));
    const hidden = [...document.querySelectorAll('.visually-hidden')]
      .map((el) => el.textContent);
    const options = [...document.querySelectorAll('#lang option')]
      .map((o) => o.textContent);
    let text = `${document.title}\n${document.body.innerText}\n` +
      `${attrs.join('\n')}\n${hidden.join('\n')}`;
    for (const name of options) text = text.replaceAll(name, '');
    return text;
  });
}
