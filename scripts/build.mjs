// SPDX-License-Identifier: MIT
// Builds the WebAssembly module twice: for the page, optimised for size
// (every visitor downloads it), into target/wasm-page/; for the npm
// package, optimised for speed (installed once, it decodes in servers and
// helpdesk tools), into npm/wasm/. Then assembles the page into
// target/site/: www/ plus the package's browser files and the page's
// module.
//
//   node scripts/build.mjs     (npm run build)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, lockedVersion, run, say, setup } from './setup.mjs';

const TARGET = 'wasm32-unknown-unknown';
/** Where the package's generated files go. */
export const PKG = join(ROOT, 'npm', 'wasm');
/** Where the page's generated files go. */
const PAGE_PKG = join(ROOT, 'target', 'wasm-page');
/** Where the page is assembled. */
export const SITE = join(ROOT, 'target', 'site');
/** The npm package's optimised module. */
export const WASM = join(PKG, 'pantul_bg.wasm');
/** The page's optimised module, the one a visitor downloads. */
export const PAGE_WASM = join(PAGE_PKG, 'pantul_bg.wasm');
/** The step that makes panics trap at once (before wasm-opt). */
const TRAP_PANICS = join(ROOT, 'scripts', 'trap-panics.mjs');

const BINDGEN_ARGS = ['--target', 'web', '--no-typescript',
  // The reset function lets npm/api.js start the module afresh after a
  // trap (a panic), instead of leaving a broken instance behind.
  '--experimental-reset-state-function'];
/**
 * What both optimisations may use, assume and leave out. Rust lays the
 * stack at the bottom of memory (1 MB, growing down to 0) and the data
 * above it, so the first kilobyte is touched only by a stack within a
 * kilobyte of overflowing: `--low-memory-unused` may then fold a
 * pointer's small constant offsets into its loads and stores (2.6 KB
 * less gzipped for the page's module).
 */
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-reference-types', '--enable-multivalue', '--low-memory-unused',
  '--strip-debug', '--strip-producers', '--strip-target-features'];
// For size: similar functions merged first (one body, the differing
// constants as arguments), then -Oz repeated until it shrinks the module
// no more: 1.4 KB less gzipped than one -Oz, for some seconds more of
// building. The target-features section only tells tools what the
// module uses.
const OPT_ARGS = ['--merge-similar-functions', '-Oz', '--converge',
  ...FEATURES];
/** For speed: about 1.7 times the size-built module's speed under Node. */
const SPEED_OPT_ARGS = ['-O3', '--enable-simd', ...FEATURES];
/**
 * The npm package's module uses WebAssembly SIMD (Node 16.4 and later
 * have it; the package asks for Node 20): the memchr crate's searches
 * and the loops LLVM vectorises take 16 bytes a step, for about 15 %
 * less CPU time decoding the corpus under Node (same output). The
 * page's module has none, for browsers without SIMD.
 */
const SPEED_RUSTFLAGS = ['-C', 'target-feature=+simd128'];

/**
 * The two builds: cargo's profile (Cargo.toml), where the generated
 * files go, how wasm-opt optimises them, whether the standard library
 * may be rebuilt for size (below), and the crate's features (`page`:
 * the knowledge without what only the package's catalog shows; `npm`:
 * small blocks from free lists, src/wasm/pool.rs, about 7 % less CPU
 * time under Node for 140 KB more module).
 */
const BUILDS = {
  page: { profile: 'wasm', out: PAGE_PKG, optArgs: OPT_ARGS,
    aim: 'size', smallStd: true, features: ['page'] },
  npm: { profile: 'wasm-npm', out: PKG, optArgs: SPEED_OPT_ARGS,
    aim: 'speed', smallStd: false, rustflags: SPEED_RUSTFLAGS,
    features: ['npm'] },
};

/**
 * The page's module with the standard library rebuilt from source by a
 * nightly toolchain (cargo's -Zbuild-std), with panics that stop the
 * module at once instead of formatting a message nobody reads (the
 * module has no console; a trap is a trap either way), the same
 * output. It was 19 KB smaller gzipped than the stable module before
 * scripts/trap-panics.mjs gave the stable module panics that trap at
 * once too (about 5 KB of that); what is left (the messages built
 * where a panic starts, the formatting their vtables keep) has not
 * been measured since (no nightly toolchain with rust-src here). Its own target folder keeps the
 * stable builds' files. Only with PANTUL_SMALL_STD=1 and a nightly
 * toolchain with `rustup component add rust-src --toolchain nightly`:
 * a new machine has only the stable toolchain, so CI and the README's
 * commands build and test the stable module, and a host that deploys
 * the page may build this one (its first build compiles the standard
 * library, minutes).
 */
const SMALL_STD = {
  dir: join(ROOT, 'target', 'nightly'),
  args: ['-Zbuild-std=std,panic_abort'],
  rustflags: '-Zunstable-options -Cpanic=immediate-abort',
};

/** True when a nightly toolchain with its rust-src component is here. */
function hasNightlySource() {
  if (process.env.PANTUL_SMALL_STD !== '1') return false;
  const sysroot = spawnSync('rustc', ['+nightly', '--print', 'sysroot'],
    { encoding: 'utf8' });
  if (sysroot.status !== 0) return false;
  return existsSync(join(sysroot.stdout.trim(), 'lib', 'rustlib', 'src',
    'rust', 'library', 'Cargo.lock'));
}

/**
 * Runs cargo for one of BUILDS; returns the raw module's path and
 * whether its standard library was rebuilt to abort on a panic.
 */
function cargoBuild({ profile, smallStd, features = [], rustflags = [] }) {
  const args = ['build', '--lib', '--target', TARGET, '--profile', profile,
    '--locked', ...features.flatMap((f) => ['--features', f])];
  if (smallStd && hasNightlySource()) {
    say(`building the WebAssembly module (cargo +nightly, profile ${
      profile}, the standard library rebuilt for size)`);
    run('cargo', ['+nightly', ...args, ...SMALL_STD.args], {
      env: { CARGO_TARGET_DIR: SMALL_STD.dir,
        RUSTFLAGS: SMALL_STD.rustflags },
    });
    return { raw: join(SMALL_STD.dir, TARGET, profile, 'pantul.wasm'),
      abortsAlready: true };
  }
  if (smallStd && process.env.PANTUL_SMALL_STD === '1') {
    say('PANTUL_SMALL_STD=1 but no nightly toolchain with rust-src: the ' +
      'page\'s module is built with stable Rust (a few KB larger gzipped)');
  }
  say(`building the WebAssembly module (cargo, profile ${profile})`);
  // Added to the caller's RUSTFLAGS, which would otherwise replace them.
  const flags = [process.env.RUSTFLAGS, ...rustflags].filter(Boolean);
  run('cargo', args,
    rustflags.length > 0 ? { env: { RUSTFLAGS: flags.join(' ') } } : {});
  return { raw: join(ROOT, 'target', TARGET, profile, 'pantul.wasm'),
    abortsAlready: false };
}

/**
 * What the generated files depend on: the raw module's content (not its
 * time: a checkout or a copy can make an old module look new), the
 * tools' versions and their arguments.
 */
export function recipe(raw, optArgs = OPT_ARGS) {
  const hash = createHash('sha256').update(readFileSync(raw)).digest('hex');
  return JSON.stringify({
    raw: hash,
    wasmBindgen: lockedVersion('wasm-bindgen'),
    bindgenArgs: BINDGEN_ARGS,
    optArgs,
    trapPanics: createHash('sha256').update(readFileSync(TRAP_PANICS))
      .digest('hex'),
  });
}

/**
 * True when the generated files exist and were made from `wanted`; the
 * stamp is written only after every step succeeded, so a build that
 * stopped half-way is redone.
 */
export function upToDate(wanted, stamp, outputs) {
  if (!outputs.every((f) => existsSync(f)) || !existsSync(stamp)) {
    return false;
  }
  return readFileSync(stamp, 'utf8') === wanted;
}

/** Builds one of BUILDS: the module, its bindings, then wasm-opt. */
function buildWasm(build) {
  const { out, optArgs, aim } = build;
  const { raw, abortsAlready } = cargoBuild(build);
  const wasm = join(out, 'pantul_bg.wasm');
  const stamp = join(out, '.built-from');
  const wanted = recipe(raw, optArgs);
  if (upToDate(wanted, stamp, [wasm, join(out, 'pantul.js')])) {
    say('bindings up to date (same module, same tools)');
    return;
  }
  rmSync(stamp, { force: true });
  say('generating bindings (wasm-bindgen --target web)');
  mkdirSync(out, { recursive: true });
  run('wasm-bindgen', [...BINDGEN_ARGS,
    '--out-dir', out, '--out-name', 'pantul', raw]);
  say('making panics trap at once (scripts/trap-panics.mjs)');
  run(process.execPath, [TRAP_PANICS, wasm,
    ...(abortsAlready ? ['--optional'] : [])]);
  say(`optimising for ${aim} (wasm-opt from binaryen)`);
  run(join(ROOT, 'node_modules', '.bin', 'wasm-opt'),
    [...optArgs, wasm, '-o', wasm]);
  writeFileSync(stamp, wanted);
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
    cpSync(join(PAGE_PKG, file), join(pkg, 'wasm', file));
  }
}

/**
 * Sets up, builds the page's module and assembles the page; and, unless
 * `npm` is false (serving the page needs only its own), the npm
 * package's module.
 */
export function build({ npm = true } = {}) {
  setup();
  buildWasm(BUILDS.page);
  assembleSite();
  const size = statSync(PAGE_WASM).size;
  say(`page assembled in target/site (pantul_bg.wasm ${size} bytes)`);
  if (npm) buildWasm(BUILDS.npm);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) build();
