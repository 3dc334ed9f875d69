// SPDX-License-Identifier: MIT
// The WebAssembly leaves multi-byte charsets to the host's TextDecoder
// (src/charset.rs); under Node its reports of our ISO-2022-JP, Shift_JIS
// and EUC-KR samples must be the native build's (tests/charsets/NN.json,
// which tests/charsets.rs checks natively).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { decode } from 'pantul';

const DIR = new URL('../charsets/', import.meta.url);
const SAMPLES = readdirSync(DIR).filter((n) => n.endsWith('.eml')).sort();

test('there are samples', () => assert.equal(SAMPLES.length, 3));

/** What the golden files pin of a report (see tests/charsets.rs). */
function pinned(report) {
  return {
    kind: report.kind,
    format: report.format,
    recipients: report.recipients.map((r) => ({
      address: r.address, status: r.status, reply_code: r.reply_code,
      command: r.command, diagnostic: r.diagnostic, reason: r.reason,
    })),
  };
}

for (const name of SAMPLES) {
  test(`${name} decodes as natively`, () => {
    const bytes = new Uint8Array(readFileSync(new URL(name, DIR)));
    const golden = JSON.parse(readFileSync(
      new URL(name.replace(/\.eml$/, '.json'), DIR), 'utf8'));
    assert.deepEqual(pinned(decode(bytes, { lang: 'en' })), golden);
  });
}

test('the samples say their words in their own scripts', () => {
  const words = ['宛先のメールボックスは存在しません',
    'ユーザーが見つかりません', '받는 사람의 메일함이 없습니다'];
  SAMPLES.forEach((name, i) => {
    const bytes = new Uint8Array(readFileSync(new URL(name, DIR)));
    const [r] = decode(bytes, { lang: 'en' }).recipients;
    assert.ok(r.diagnostic.includes(words[i]), r.diagnostic);
  });
});
