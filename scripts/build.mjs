// SPDX-License-Identifier: MIT
// Builds the WebAssembly module twice: for the page, optimised for size
// (every visitor downloads it), into target/wasm-page/; for the npm
// package, optimised for speed (installed once, it decodes in servers and
// helpdesk tools), into npm/wasm/. Then assembles the page into
// target/site/: www/ plus the package's browser files and the page's
// module.
//
//   node scripts/build.mjs     (npm run build)

import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  PAGE_TOOLCHAIN, ROOT, exclusively, hasStdSource, lockedVersion, run, say,
  setup,
} from './setup.mjs';

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
/** The step that orders the page's functions for gzip (after wasm-opt). */
const ORDER_FUNCTIONS = join(ROOT, 'scripts', 'order-functions.mjs');

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
 * less gzipped for the page's module under -Oz, 0.3 KB under -O1).
 */
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-reference-types', '--enable-multivalue', '--low-memory-unused',
  '--strip-debug', '--strip-producers', '--strip-target-features'];
// For size, as a visitor downloads it (gzipped): -O1, not -Oz. LLVM has
// optimised the module for size already; binaryen's -Oz (and -Os, -O2)
// make it smaller raw but less alike, so that gzip does worse: with the
// standard library rebuilt, gzip -9 of the page's module 368,085 bytes
// after `--merge-similar-functions -Oz --converge`, 356,885 with no
// wasm-opt pass at all, 353,563 after -O1 (same output; about 5 to 10 %
// more CPU time decoding the corpus under Node). Much of the loss is
// -O2's reordering of functions by use, which parts related code
// (`-O1 --reorder-functions` alone: +9 KB). The target-features section
// only tells tools what the module uses. After -O1, a few passes that
// remove code without moving functions apart: arguments every caller
// passes the same (--dae-optimizing), stores of a value a local holds
// already (--rse), tails that branches share (--code-folding) and
// constants carried into their uses (--precompute-propagate), repeated
// while they still shrink the module (--converge): 351,105 -> 349,619
// bytes gzip -9 (same output on the corpus and every fixture).
// Tried on stop 21's module (gzip -9 358,330 bytes), each added after
// these: --duplicate-function-elimination, --merge-blocks,
// --remove-unused-brs, --memory-packing nothing; --merge-similar-functions
// +567 bytes, --local-cse +802, --ssa-nomerge +9.1 KB,
// --inlining-optimizing +18.6 KB. On the crate (`cargo rustc -- FLAG`):
// -Zinline-mir=no the same module, -Zmerge-functions=trampolines the same
// size, -Copt-level=s 413,000 bytes.
const OPT_ARGS = ['-O1', '--dae-optimizing', '--rse', '--code-folding',
  '--precompute-propagate', '--converge', ...FEATURES];
/**
 * Then, for the page's module only, alike functions are put side by
 * side, so that gzip finds what repeats within its window: the order
 * comes from scripts/order-functions.mjs as names, and wasm-opt sorts
 * the functions by them and drops them again. gzip -9 358,330 ->
 * 349,188 bytes (raw 721,055 -> 721,230), the same output; about a
 * minute and a half more to build.
 */
const ORDER_ARGS = ['--reorder-functions-by-name', ...FEATURES];
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
 * is rebuilt for size (SMALL_STD below), and the crate's features (`page`:
 * the knowledge without what only the package's catalog shows; `npm`:
 * small blocks from free lists, src/wasm/pool.rs, about 7 % less CPU
 * time under Node for 140 KB more module).
 */
const BUILDS = {
  page: { profile: 'wasm', out: PAGE_PKG, optArgs: OPT_ARGS,
    aim: 'size', smallStd: true, features: ['page'], orderFunctions: true },
  npm: { profile: 'wasm-npm', out: PKG, optArgs: SPEED_OPT_ARGS,
    aim: 'speed', smallStd: false, rustflags: SPEED_RUSTFLAGS,
    features: ['npm'] },
};

/**
 * The page's module links a standard library compiled from source with
 * the page's own profile (opt-level "z") instead of the precompiled one
 * (opt-level 3, with the panic handler and the formatting it pulls in).
 * Its panics stop the module at once (`-Cpanic=immediate-abort`: the
 * same trap as scripts/trap-panics.mjs gives the stable module, npm/
 * api.js reports it as PantulError 'internal' and starts the module
 * afresh), and it records no source locations for panic messages
 * nobody reads (`-Zlocation-detail=none`). gzip -9 of the page's module
 * (under the -Oz pipeline then used) 386,789 -> 374,831 bytes with
 * -Cpanic=immediate-abort alone, the same output on the corpus and every
 * fixture. The library's own `optimize_for_size` feature (smaller
 * algorithms where it has two: sorting, formatting numbers) takes
 * 4.1 KB more; `sort_unstable` may then order equal items otherwise
 * than natively, and the page's outputs on the corpus and every fixture
 * stay the same. With -O1 (OPT_ARGS) and all of this: 349,396 bytes.
 * Left out: `-Zfmt-debug=none` (about 0.4 KB less with the location
 * flag together) would write every `{:?}` as nothing, silently, should
 * a message of the module ever use one.
 *
 * Why RUSTC_BOOTSTRAP on a pinned stable toolchain: -Zbuild-std and
 * these flags are unstable, and a nightly toolchain is a moving target
 * (its flags change spelling: `panic_immediate_abort` was a feature of
 * the standard library until -Cpanic=immediate-abort replaced it).
 * RUSTC_BOOTSTRAP=1 lets the stable release the project is tested on
 * accept them, and pinning that release (PAGE_TOOLCHAIN, installed with
 * its rust-src by scripts/setup.mjs) keeps the spelling and the
 * standard library's source fixed until someone moves it on purpose and
 * measures again. Only this build sets it: the CLI, the tests and the
 * npm package's module are built as plain stable Rust.
 *
 * PANTUL_PLAIN_STD=1 builds the page's module with the precompiled
 * standard library instead (about 20 KB more gzipped), for a machine
 * without rustup or the rust-src component. The rebuilt library has its
 * own target folder, so the stable builds' files stay as they are; its
 * first build compiles the standard library (some minutes).
 */
const SMALL_STD = {
  dir: join(ROOT, 'target', 'small-std'),
  args: ['-Zbuild-std=std,panic_abort',
    '-Zbuild-std-features=optimize_for_size'],
  rustflags: ['-Zunstable-options', '-Cpanic=immediate-abort',
    '-Zlocation-detail=none'],
};

/**
 * Runs cargo for one of BUILDS; returns the raw module's path and
 * whether its standard library was rebuilt to abort on a panic.
 */
function cargoBuild({ profile, smallStd, features = [], rustflags = [] }) {
  const args = ['build', '--lib', '--target', TARGET, '--profile', profile,
    '--locked', ...features.flatMap((f) => ['--features', f])];
  // Added to the caller's RUSTFLAGS, which would otherwise replace them.
  const flagsWith = (more) =>
    [process.env.RUSTFLAGS, ...more].filter(Boolean).join(' ');
  if (smallStd && process.env.PANTUL_PLAIN_STD !== '1') {
    if (!hasStdSource()) {
      throw new Error(`the page's module is built with Rust ${
        PAGE_TOOLCHAIN}'s standard library rebuilt from source, and its ` +
        `source is missing: run \`rustup component add rust-src ` +
        `--toolchain ${PAGE_TOOLCHAIN}\` (or set PANTUL_PLAIN_STD=1 for ` +
        'a page module about 20 KB larger gzipped, with the precompiled ' +
        'standard library)');
    }
    say(`building the WebAssembly module (cargo +${PAGE_TOOLCHAIN}, ` +
      `profile ${profile}, the standard library rebuilt for size)`);
    run('cargo', [`+${PAGE_TOOLCHAIN}`, ...args, ...SMALL_STD.args], {
      env: { CARGO_TARGET_DIR: SMALL_STD.dir, RUSTC_BOOTSTRAP: '1',
        RUSTFLAGS: flagsWith(SMALL_STD.rustflags) },
    });
    return { raw: join(SMALL_STD.dir, TARGET, profile, 'pantul.wasm'),
      abortsAlready: true };
  }
  say(`building the WebAssembly module (cargo, profile ${profile})`);
  run('cargo', args,
    rustflags.length > 0 ? { env: { RUSTFLAGS: flagsWith(rustflags) } } : {});
  return { raw: join(ROOT, 'target', TARGET, profile, 'pantul.wasm'),
    abortsAlready: false };
}

/**
 * What the generated files depend on: the raw module's content (not its
 * time: a checkout or a copy can make an old module look new), the
 * tools' versions and their arguments.
 */
export function recipe(raw, optArgs = OPT_ARGS, orderFunctions = false) {
  const hash = createHash('sha256').update(readFileSync(raw)).digest('hex');
  return JSON.stringify({
    raw: hash,
    wasmBindgen: lockedVersion('wasm-bindgen'),
    bindgenArgs: BINDGEN_ARGS,
    optArgs,
    trapPanics: createHash('sha256').update(readFileSync(TRAP_PANICS))
      .digest('hex'),
    orderFunctions: orderFunctions ? createHash('sha256')
      .update(readFileSync(ORDER_FUNCTIONS)).digest('hex') : null,
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
  const { out, optArgs, aim, orderFunctions = false } = build;
  const { raw, abortsAlready } = cargoBuild(build);
  const wasm = join(out, 'pantul_bg.wasm');
  const stamp = join(out, '.built-from');
  const wanted = recipe(raw, optArgs, orderFunctions);
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
  const wasmOpt = join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  run(wasmOpt, [...optArgs, wasm, '-o', wasm]);
  if (orderFunctions) {
    say('ordering alike functions together (scripts/order-functions.mjs)');
    run(process.execPath, [ORDER_FUNCTIONS, wasm, wasm]);
    run(wasmOpt, [...ORDER_ARGS, wasm, '-o', wasm]);
  }
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
  exclusively(() => {
    setup();
    buildWasm(BUILDS.page);
    assembleSite();
    const size = statSync(PAGE_WASM).size;
    say(`page assembled in target/site (pantul_bg.wasm ${size} bytes)`);
    if (npm) buildWasm(BUILDS.npm);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) build();
