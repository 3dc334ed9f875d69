// SPDX-License-Identifier: MIT
// Makes a panic in the WebAssembly module trap at once.
//
// Built with stable Rust and `panic = "abort"`, a panic in the module
// still runs the standard library's panic handler: it formats the
// message and hands it to the panic hook, which on
// wasm32-unknown-unknown has nowhere to write it, then aborts, a trap.
// This step gives each function that starts a panic (they never
// return) a body of one `unreachable`: the same trap, without the
// handler and what only it calls, which wasm-opt then leaves out
// (4.8 KB less gzipped for the page's module). What the handler reaches
// through a vtable (the hook, the payloads' methods) stays: wasm-opt
// keeps every function of the table.
// A nightly toolchain's `-Cpanic=immediate-abort` does this and more
// (scripts/build.mjs).
//
// The functions are found by their names in the module's name section
// (wasm-bindgen keeps it); the crate hashes in them change with the
// toolchain, so the patterns skip them.
//
//   node scripts/trap-panics.mjs MODULE.wasm [--optional]
//
// rewrites MODULE.wasm; `--optional` for a module that may have no
// panic handler (built with `-Cpanic=immediate-abort`).

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** A crate's name as the name section gives it, hash and all. */
const crate = (name) => `${name}(\\[[0-9a-f]+\\])?`;

/**
 * The functions that start a panic, each declared to return `!`. The
 * first two are where every formatted panic goes; the rest build a
 * message first.
 */
export const PANIC_STARTS = [
  `${crate('core')}::panicking::panic_fmt`,
  `${crate('__rustc')}::rust_begin_unwind`,
  `${crate('core')}::panicking::(panic|panic_bounds_check|` +
    'assert_failed_inner|panic_const::panic_const_[a-z_]+)',
  'core::panicking::assert_failed::h[0-9a-f]+',
  `<${crate('alloc')}::vec::Vec<_, _>>::(remove|insert|swap_remove)` +
    '::assert_failed',
  `${crate('alloc')}::(alloc::handle_alloc_error|raw_vec::capacity_overflow|` +
    'raw_vec::handle_error)',
  `${crate('core')}::(cell::panic_already_(mutably_)?borrowed|` +
    'option::expect_failed|option::unwrap_failed|result::unwrap_failed|' +
    'slice::copy_from_slice_impl::len_mismatch_fail|' +
    'slice::index::slice_index_fail|str::slice_error_fail(_rt)?)',
];

/** The two that every build has (unless its panics abort already). */
const REQUIRED = PANIC_STARTS.slice(0, 2);

/**
 * Rewrites the module at `path`; returns the names of the functions
 * made to trap. Throws when the panic handler's entry points are not
 * found, unless `required` is false (a module whose standard library
 * was built to abort on a panic has none).
 */
export async function trapPanics(path, { required = true } = {}) {
  const { default: binaryen } = await import('binaryen');
  // The features that scripts/build.mjs lets wasm-opt use, and no
  // more: with all of binaryen's, it would write types (stringref)
  // that engines refuse. SIMD only where the module has it already
  // (the npm package's, built with simd128; its target features say).
  const f = binaryen.Features;
  const module = binaryen.readBinary(readFileSync(path));
  const simd = module.getFeatures() & f.SIMD128;
  const features = f.MutableGlobals | f.NontrappingFPToInt | f.BulkMemory |
    f.BulkMemoryOpt | f.SignExt | f.ReferenceTypes | f.Multivalue |
    f.CallIndirectOverlong | simd;
  module.setFeatures(features);
  const whole = (p) => new RegExp(`^${p}$`);
  const patterns = PANIC_STARTS.map(whole);
  const trapped = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const fn = module.getFunctionByIndex(i);
    const { name, module: imported } = binaryen.getFunctionInfo(fn);
    if (imported || !patterns.some((p) => p.test(name))) continue;
    binaryen.Function.setBody(fn, module.unreachable());
    trapped.push(name);
  }
  const missing = REQUIRED.filter(
    (p) => !trapped.some((name) => whole(p).test(name)));
  if (required && missing.length > 0) {
    module.dispose();
    throw new Error(`trap-panics: ${path} has no function named like ` +
      `${missing.join(', ')} (is the name section gone?)`);
  }
  if (!module.validate()) {
    module.dispose();
    throw new Error(`trap-panics: ${path} does not validate once rewritten`);
  }
  writeFileSync(path, module.emitBinary());
  module.dispose();
  return trapped;
}

if (process.argv[1] &&
    import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, flag] = process.argv.slice(2);
  const trapped = await trapPanics(path, { required: flag !== '--optional' });
  console.log(`pantul: ${trapped.length} panic functions of ${path} ` +
    'now trap at once');
}
