// SPDX-License-Identifier: MIT
// Builds the WebAssembly module into the npm package (npm/wasm/) and the
// page into target/site/: www/ plus the package's browser files.
//
//   node scripts/build.mjs     (npm run build)

import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, lockedVersion, run, say, setup } from './setup.mjs';

const TARGET = 'wasm32-unknown-unknown';
/** The raw module cargo builds with [profile.wasm]. */
const RAW = join(ROOT, 'target', TARGET, 'wasm', 'pantul.wasm');
/** Where the package's generated files go. */
export const PKG = join(ROOT, 'npm', 'wasm');
/** Where the page is assembled. */
export const SITE = join(ROOT, 'target', 'site');
/** The optimised module. */
export const WASM = join(PKG, 'pantul_bg.wasm');
/** The bindings' JavaScript. */
const GLUE = join(PKG, 'pantul.js');
/** What the generated files were made from (see `recipe`). */
const STAMP = join(PKG, '.built-from');

const BINDGEN_ARGS = ['--target', 'web', '--no-typescript',
  // The reset function lets npm/api.js start the module afresh after a
  // trap (a panic), instead of leaving a broken instance behind.
  '--experimental-reset-state-function'];
// Similar functions merged first (one body, the differing constants as
// arguments), then -Oz repeated until it shrinks the module no more:
// 1.4 KB less gzipped than one -Oz, for some seconds more of building.
// The target-features section only tells tools what the module uses.
const OPT_ARGS = ['--merge-similar-functions', '-Oz', '--converge',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-reference-types', '--enable-multivalue',
  '--strip-debug', '--strip-producers', '--strip-target-features'];

/**
 * What the generated files depend on: the raw module's content (not its
 * time: a checkout or a copy can make an old module look new), the
 * tools' versions and their arguments.
 */
export function recipe(raw) {
  const hash = createHash('sha256').update(readFileSync(raw)).digest('hex');
  return JSON.stringify({
    raw: hash,
    wasmBindgen: lockedVersion('wasm-bindgen'),
    bindgenArgs: BINDGEN_ARGS,
    optArgs: OPT_ARGS,
  });
}

/**
 * True when the generated files exist and were made from `wanted`; the
 * stamp is written only after every step succeeded, so a build that
 * stopped half-way is redone.
 */
export function upToDate(wanted, stamp = STAMP, outputs = [WASM, GLUE]) {
  if (!outputs.every((f) => existsSync(f)) || !existsSync(stamp)) {
    return false;
  }
  return readFileSync(stamp, 'utf8') === wanted;
}

function buildWasm() {
  say('building the WebAssembly module (cargo, profile wasm)');
  run('cargo', ['build', '--lib', '--target', TARGET, '--profile', 'wasm',
    '--locked']);
  const wanted = recipe(RAW);
  if (upToDate(wanted)) {
    say('bindings up to date (same module, same tools)');
    return;
  }
  rmSync(STAMP, { force: true });
  say('generating bindings (wasm-bindgen --target web)');
  mkdirSync(PKG, { recursive: true });
  run('wasm-bindgen', [...BINDGEN_ARGS,
    '--out-dir', PKG, '--out-name', 'pantul', RAW]);
  say('optimising for size (wasm-opt from binaryen)');
  run(join(ROOT, 'node_modules', '.bin', 'wasm-opt'),
    [...OPT_ARGS, WASM, '-o', WASM]);
  writeFileSync(STAMP, wanted);
}

function assembleSite() {
  rmSync(SITE, { recursive: true, force: true });
  cpSync(join(ROOT, 'www'), SITE, { recursive: true });
  const pkg = join(SITE, 'pantul');
  mkdirSync(join(pkg, 'wasm'), { recursive: true });
  for (const file of ['api.js', 'browser.js']) {
    cpSync(join(ROOT, 'npm', file), join(pkg, file));
  }
  for (const file of ['pantul.js', 'pantul_bg.wasm']) {
    cpSync(join(PKG, file), join(pkg, 'wasm', file));
  }
}

/** Sets up, builds the module and assembles the page. */
export function build() {
  setup();
  buildWasm();
  assembleSite();
  const size = statSync(WASM).size;
  say(`page assembled in target/site (pantul_bg.wasm ${size} bytes)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) build();
