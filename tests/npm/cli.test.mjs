// SPDX-License-Identifier: MIT
// The CLI, the npm package (and so the page, which runs the same
// module) give the same report for the same input; bad input gets the
// same clear message everywhere, never a panic.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { PantulError, decode, maxSize } from 'pantul';

import { ROOT, run } from '../../scripts/setup.mjs';
import { SEED, SEED_ADDRESSES, checkSeed } from '../seed/seed.mjs';

const CLI = join(ROOT, 'target', 'debug', 'pantul');
let dir;

before(() => {
  run('cargo', ['build', '--locked', '--quiet', '--bin', 'pantul']);
  dir = mkdtempSync(join(tmpdir(), 'pantul-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name, content) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function cli(...args) {
  return spawnSync(CLI, args, { encoding: 'utf8', env: { PATH: '' } });
}

function cliReport(path, ...args) {
  const result = cli('--json', ...args, path);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  delete report.source;
  return report;
}

test('the CLI and the package agree on the seed, in both languages', () => {
  const masked = file('seed.txt', SEED);
  const real = file('seed-addresses.txt', SEED_ADDRESSES);
  for (const lang of ['id', 'en']) {
    const report = cliReport(masked, '--lang', lang);
    checkSeed(report, lang);
    assert.deepEqual(report, decode(SEED, { lang }));
    const withIp = cliReport(masked, '--lang', lang, '--ip', '203.0.113.9');
    assert.deepEqual(withIp, decode(SEED, { lang,
      sendingIp: '203.0.113.9' }));
    const addresses = cliReport(real, '--lang', lang);
    assert.deepEqual(addresses.recipients.map((r) => r.address),
      ['rina@example.co.id', 'budi@example.net']);
    assert.deepEqual(addresses, decode(SEED_ADDRESSES, { lang }));
  }
});

// The same error, each surface in its own words: the package's (the
// page's) speak of pasting and choosing a file, the CLI's of its
// standard input, FILE arguments and options.
test('bad input gets the same error from the CLI and the package', () => {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i += 2) junk[i] = i % 31;
  const cases = [
    ['empty.txt', ' \n', 'empty'],
    ['junk.eml', junk, 'binary'],
    ['huge.txt', Buffer.alloc(maxSize + 1, 97), 'too-large'],
  ];
  for (const [name, content, code] of cases) {
    for (const lang of ['id', 'en']) {
      const path = file(name, content);
      const result = cli('--lang', lang, path);
      assert.equal(result.status, 1, name);
      assert.doesNotMatch(result.stderr, /panicked/);
      assert.doesNotMatch(result.stderr, /Paste|Tempel|choose|pilih berkas/);
      const json = cli('--json', '--lang', lang, path);
      const failure = JSON.parse(json.stdout);
      let thrown;
      try {
        decode(content, { lang });
      } catch (error) {
        thrown = error;
      }
      assert.ok(thrown instanceof PantulError);
      assert.equal(thrown.code, code);
      assert.equal(failure.error.code, code);
      assert.ok(result.stderr.includes(failure.error.message),
        `${result.stderr} lacks ${failure.error.message}`);
    }
  }
});
