// SPDX-License-Identifier: MIT
// Builds the WebAssembly module into the npm package (npm/wasm/) and the
// page into target/site/: www/ plus the package's browser files.
//
//   node scripts/build.mjs     (npm run build)

import {
  cpSync, existsSync, mkdirSync, rmSync, statSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, run, say, setup } from './setup.mjs';

const TARGET = 'wasm32-unknown-unknown';
/** The raw module cargo builds with [profile.wasm]. */
const RAW = join(ROOT, 'target', TARGET, 'wasm', 'pantul.wasm');
/** Where the package's generated files go. */
export const PKG = join(ROOT, 'npm', 'wasm');
/** Where the page is assembled. */
export const SITE = join(ROOT, 'target', 'site');
/** The optimised module. */
export const WASM = join(PKG, 'pantul_bg.wasm');

function newer(a, b) {
  return existsSync(b) && statSync(b).mtimeMs >= statSync(a).mtimeMs;
}

function buildWasm() {
  say('building the WebAssembly module (cargo, profile wasm)');
  run('cargo', ['build', '--lib', '--target', TARGET, '--profile', 'wasm',
    '--locked']);
  if (newer(RAW, WASM)) return;
  say('generating bindings (wasm-bindgen --target web)');
  mkdirSync(PKG, { recursive: true });
  // The reset function lets npm/api.js start the module afresh after a
  // trap (a panic), instead of leaving a broken instance behind.
  run('wasm-bindgen', ['--target', 'web', '--no-typescript',
    '--experimental-reset-state-function',
    '--out-dir', PKG, '--out-name', 'pantul', RAW]);
  say('optimising for size (wasm-opt from binaryen)');
  run(join(ROOT, 'node_modules', '.bin', 'wasm-opt'), ['-Oz',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals',
    '--enable-reference-types', '--enable-multivalue',
    '--strip-debug', '--strip-producers', WASM, '-o', WASM]);
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
