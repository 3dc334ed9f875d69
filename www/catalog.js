// SPDX-License-Identifier: MIT
// The catalog page: every blocklist, reputation service and provider
// policy Pantul knows, with its links, and every reason.

import { startDecoder } from './decoder.js';
import { clear, el, link } from './dom.js';
import { matches } from './filter.js';
import {
  initialLang, reasonName, setupLanguageSelect, t, translatePage,
} from './strings.js';

const $ = (id) => document.getElementById(id);
const decoder = startDecoder((lang) => t('input.load-failed', lang));
let lang = initialLang(globalThis.localStorage, navigator.languages);
let catalog = null;

function entryCard(entry) {
  const tr = (key, values) => t(key, lang, values);
  const newTab = tr('lists.new-tab');
  const links = [
    entry.lookup_url && link(entry.lookup_url,
      tr('lists.lookup', { name: entry.name }), newTab),
    entry.delist_url && link(entry.delist_url,
      tr('lists.delist', { name: entry.name }), newTab),
    entry.doc && link(entry.doc, tr('lists.doc', { name: entry.operator }),
      newTab),
  ].filter(Boolean);
  const status = entry.status === 'active' ? null
    : el('p', { class: 'error' }, tr(`liststatus.${entry.status}`));
  return el('li', { class: 'card entry', 'data-entry': entry.id },
    el('h3', {}, entry.name),
    el('p', { class: 'meta' }, `${tr(`listkind.${entry.kind}`)} · `,
      `${tr('lists.operator')}: ${entry.operator} · ${entry.id}`),
    entry.note ? el('p', {}, entry.note[lang]) : null,
    entry.delisting ? el('p', {}, el('strong', {},
      `${tr('lists.delisting')}: `), entry.delisting[lang]) : null,
    status,
    entry.zones.length ? el('p', { class: 'meta' },
      `${tr('catalog.zones')}: ${entry.zones.join(', ')}`) : null,
    entry.codes.length ? el('p', { class: 'meta' },
      `${tr('catalog.codes')}: ${entry.codes.join(', ')}`) : null,
    el('ul', { class: 'links' }, links.map((a) => el('li', {}, a))));
}

function show() {
  if (!catalog) return;
  const query = $('filter').value;
  const shown = catalog.entries.filter((e) => matches(e, query, lang));
  const list = $('entries');
  clear(list);
  list.append(...shown.map(entryCard));
  $('count').textContent = t('catalog.count', lang,
    { shown: shown.length, total: catalog.entries.length });
  const reasons = $('reasons');
  clear(reasons);
  reasons.append(...catalog.reasons.map((r) => el('li', {},
    el('code', {}, r.name), ` — ${reasonName(r.name, lang)}`)));
}

async function load() {
  translatePage(document, lang);
  try {
    catalog = await decoder.catalog(lang);
    $('catalog-error').hidden = true;
    show();
  } catch (failure) {
    $('catalog-error').textContent = failure.message;
    $('catalog-error').hidden = false;
  }
}

setupLanguageSelect($('lang'), lang, (code) => {
  lang = code;
  load();
});
$('filter').addEventListener('input', show);
load();
