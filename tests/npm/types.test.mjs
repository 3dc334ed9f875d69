// SPDX-License-Identifier: MIT
// The package's TypeScript types against real output: reports of every
// sample and the catalog are written as typed object literals and
// compiled with tsc --strict, so a missing, extra or mistyped field in
// index.d.ts fails the test.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { catalog, decode, decodeLog, totals } from 'pantul';

import { ROOT } from '../../scripts/setup.mjs';

const fixture = (path) =>
  readFileSync(join(ROOT, 'tests', 'fixtures', path), 'utf8');
import { SAMPLES } from '../../www/samples.js';
import { SEED, SEED_ADDRESSES } from '../seed/seed.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function program() {
  const inputs = [SEED, SEED_ADDRESSES, ...SAMPLES.map((s) => s.text)];
  const reports = inputs.flatMap((text) => [
    decode(text, { lang: 'id' }),
    decode(text, { lang: 'en', sendingIp: '192.0.2.10' }),
  ]);
  // A log's reports, each naming its queued message, and their totals.
  const queued = decodeLog(fixture('maillog/43.txt'), { lang: 'en' });
  reports.push(...queued);
  const lines = [
    "import { decode, catalog, checkIp, maxSize, PantulError } from 'pantul';",
    "import { decodeLog, totals } from 'pantul';",
    "import type { Report, Catalog, PantulErrorCode, Totals } from 'pantul';",
    ...reports.map((r, i) =>
      `export const report${i}: Report = ${JSON.stringify(r)};`),
    `export const sum: Totals = ${JSON.stringify(totals(queued))};`,
    "export const log: Report[] = decodeLog('x', 'en');",
    'export const counted: Totals = totals(log);',
    `export const catalogEn: Catalog = ${JSON.stringify(catalog({ lang: 'en' }))};`,
    "export const r: Report = decode('x', { lang: 'en', sendingIp: null });",
    "export const c: Catalog = catalog({ lang: 'id' });",
    'export const ip: string | null = checkIp("192.0.2.1");',
    'export const limit: number = maxSize;',
    'export function code(e: unknown): PantulErrorCode | null {',
    '  return e instanceof PantulError ? e.code : null;',
    '}',
  ];
  return lines.join('\n');
}

/** Compiles `source` as a module inside the repository with tsc. */
function tsc(source) {
  const dir = mkdtempSync(join(ROOT, 'target', 'types-'));
  try {
    writeFileSync(join(dir, 'check.ts'), source);
    return spawnSync(process.execPath, [TSC, '--noEmit', '--strict',
      '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--exactOptionalPropertyTypes',
      join(dir, 'check.ts')], { cwd: ROOT, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('real reports and the catalog match index.d.ts', () => {
  const result = tsc(program());
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('a wrong field fails the type check', () => {
  const bad = decode(SEED, { lang: 'en' });
  bad.recipients[0].reason = 'no-such-reason';
  const result = tsc("import type { Report } from 'pantul';\n" +
    `export const r: Report = ${JSON.stringify(bad)};\n`);
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /"no-such-reason"/);
});
