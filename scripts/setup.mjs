// SPDX-License-Identifier: MIT
// Idempotent set-up for a fresh clone: the Rust wasm target, the source
// of the pinned toolchain's standard library (the page's module rebuilds
// it, scripts/build.mjs), the wasm-bindgen CLI of the version in Cargo.lock, the npm packages of
// package-lock.json, and (for the browser tests) Debian's Chromium.
// Uses only Node's own modules, so it runs before `npm ci`.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, mkdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's top folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Chromium the browser tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/** Prints a step the way every script here does. */
export function say(text) {
  console.log(`pantul: ${text}`);
}

/**
 * Runs a command in the top folder with inherited output; throws when it
 * fails. `env` adds variables.
 */
export function run(command, args, { env = {}, quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}${result.stderr}` : '';
    throw new Error(`${command} ${args.join(' ')} failed ` +
      `(exit ${result.status})${output}`);
  }
  return result.stdout ?? '';
}

/** The output of a command, or null if it cannot run or fails. */
function probe(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}

/** The version of `name` that Cargo.lock pins. */
export function lockedVersion(name) {
  const lock = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8');
  const pattern = new RegExp(`name = "${name}"\\nversion = "([^"]+)"`);
  const found = lock.match(pattern);
  if (!found) throw new Error(`Cargo.lock has no ${name}`);
  return found[1];
}

function ensureWasmTarget() {
  const installed = probe('rustup', ['target', 'list', '--installed']) ?? '';
  if (installed.split('\n').includes('wasm32-unknown-unknown')) return;
  say('adding the Rust target wasm32-unknown-unknown');
  run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
}

/**
 * The Rust release the page's module is built with, its standard library
 * rebuilt from source with unstable flags that this release is known to
 * spell and honour (scripts/build.mjs, SMALL_STD). Moving it on means
 * building the page again and checking its size and outputs.
 */
export const PAGE_TOOLCHAIN = '1.95.0';

/** True when PAGE_TOOLCHAIN and its rust-src component are installed. */
export function hasStdSource() {
  const sysroot = probe('rustc', [`+${PAGE_TOOLCHAIN}`, '--print', 'sysroot']);
  return sysroot !== null && existsSync(join(sysroot.trim(), 'lib',
    'rustlib', 'src', 'rust', 'library', 'Cargo.lock'));
}

/**
 * Installs PAGE_TOOLCHAIN with its rust-src component when either is
 * missing, unless the page is to be built with the precompiled standard
 * library (PANTUL_PLAIN_STD=1).
 */
function ensureStdSource() {
  if (process.env.PANTUL_PLAIN_STD === '1' || hasStdSource()) return;
  say(`installing Rust ${PAGE_TOOLCHAIN} with the source of its standard ` +
    'library (rust-src), which the page\'s module rebuilds for size');
  if (probe('rustc', [`+${PAGE_TOOLCHAIN}`, '--version']) === null) {
    run('rustup', ['toolchain', 'install', PAGE_TOOLCHAIN, '--profile',
      'minimal', '--component', 'rust-src']);
  } else {
    run('rustup', ['component', 'add', 'rust-src', '--toolchain',
      PAGE_TOOLCHAIN]);
  }
}

function ensureWasmBindgen() {
  const wanted = lockedVersion('wasm-bindgen');
  const have = probe('wasm-bindgen', ['--version'])?.trim().split(' ')[1];
  const runner = probe('wasm-bindgen-test-runner', ['--version']);
  if (have === wanted && runner !== null) return;
  say(`installing wasm-bindgen-cli ${wanted} (found ${have ?? 'none'})`);
  run('cargo', ['install', 'wasm-bindgen-cli', '--version', wanted]);
}

/**
 * Whether every package that package.json asks for is in node_modules
 * (the stamp alone cannot tell when something emptied the folder after
 * it was written).
 */
function npmPackagesPresent() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const wanted = Object.keys({
    ...manifest.dependencies, ...manifest.devDependencies,
  });
  return wanted.every((name) =>
    existsSync(join(ROOT, 'node_modules', name, 'package.json')));
}

function ensureNpmPackages() {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(ROOT, 'node_modules', '.pantul-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash &&
      npmPackagesPresent()) return;
  say('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, hash);
}

/** Installs Debian's Chromium when it is missing. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  say('installing Chromium from Debian');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-core'], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Where a running set-up or build marks that it owns the clone. */
const LOCK = join(ROOT, '.pantul-busy');

/** How many of this process's calls hold the lock (it is re-entrant). */
let held = 0;

/** The process that holds the lock, or null if nobody alive does. */
function lockHolder() {
  let pid;
  try {
    pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return error.code === 'EPERM' ? pid : null;
  }
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `work` while no other `npm start`, `npm test` or `npm run build`
 * of this clone sets up or builds: two of them at once would run
 * `npm ci` over each other's node_modules and write the same modules.
 * A lock left by a process that died is taken over.
 */
export function exclusively(work) {
  if (held === 0) {
    let told = false;
    for (;;) {
      try {
        mkdirSync(LOCK);
        writeFileSync(join(LOCK, 'pid'), String(process.pid));
        break;
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
      }
      const holder = lockHolder();
      if (holder === null) {
        // Its owner died, or is between making the folder and naming
        // itself: wait a moment before taking a lock that looks dead.
        pause(1000);
        if (lockHolder() === null) rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (!told) {
        say(`waiting: another set-up or build of this clone runs (process ${holder})`);
        told = true;
      }
      pause(2000);
    }
  }
  held += 1;
  try {
    return work();
  } finally {
    held -= 1;
    if (held === 0) rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Everything the build needs. */
export function setup() {
  exclusively(() => {
    ensureWasmTarget();
    ensureStdSource();
    ensureWasmBindgen();
    ensureNpmPackages();
  });
}
