// SPDX-License-Identifier: MIT
// The page's words for a list's kind (the catalog page) are the result
// card's `kind_label` words (data/catalog/words.toml), in both languages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT } from '../../scripts/setup.mjs';
import { t } from '../../www/strings.js';

/** Each `catalog.kind.*` message of words.toml: kind -> { id, en }. */
function cardLabels() {
  const toml = readFileSync(join(ROOT, 'data', 'catalog', 'words.toml'),
    'utf8');
  const labels = {};
  for (const block of toml.split('[[message]]')) {
    const kind = block.match(/^id = "catalog\.kind\.([a-z-]+)"$/m);
    if (!kind) continue;
    const text = (lang) =>
      JSON.parse(block.match(new RegExp(`^text\\.${lang} = (".*")$`, 'm'))[1]);
    labels[kind[1]] = { id: text('id'), en: text('en') };
  }
  return labels;
}

test('the catalog page and the result card name a list kind alike', () => {
  const labels = cardLabels();
  assert.deepEqual(Object.keys(labels).sort(), [
    'domain-list', 'hosting-limit', 'ip-list', 'provider-policy',
    'reputation',
  ]);
  for (const [kind, words] of Object.entries(labels)) {
    for (const lang of ['id', 'en']) {
      const label = t(`listkind.${kind}`, lang);
      assert.equal(label, words[lang], `${kind} ${lang}`);
    }
  }
});

test('the log view calls its items email, on its buttons too', () => {
  assert.equal(t('log.label', 'id'), 'Email dalam antrean');
  assert.equal(t('log.previous', 'id'), 'Email sebelumnya');
  assert.equal(t('log.next', 'id'), 'Email berikutnya');
  assert.equal(t('messages.next', 'id'), 'Pesan berikutnya');
});
