// SPDX-License-Identifier: MIT
// The page's static server: loopback only, MIME types, the policy
// header, and nothing outside the site folder.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';

import { CSP, serve } from '../../scripts/serve.mjs';
import { ROOT } from '../../scripts/setup.mjs';

let dir;
let site;
let server;
let base;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pantul-serve-'));
  site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  writeFileSync(join(site, 'a.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(site, 'a.js'), 'export {};');
  writeFileSync(join(site, 'b.mjs'), 'export const b = 1;');
  writeFileSync(join(site, 'big.js'), `// ${'x'.repeat(100_000)}\n`);
  ({ server, url: base } = await serve(site, 0));
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * GET (or `method`) `path` as written, without normalising dot
 * segments; `body` is the raw bytes as a Buffer, `text` as UTF-8.
 */
function get(path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path, headers, method }, (response) => {
      const chunks = [];
      response.on('data', (d) => chunks.push(d));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ response, body: bytes.toString('utf8'), bytes });
      });
    }).on('error', reject).end();
  });
}

test('it listens on 127.0.0.1 only', () => {
  assert.equal(server.address().address, '127.0.0.1');
});

test('files come with their type and the policy', async () => {
  for (const [path, type] of [['/', 'text/html; charset=utf-8'],
    ['/a.wasm', 'application/wasm'],
    ['/a.js', 'text/javascript; charset=utf-8'],
    ['/b.mjs', 'text/javascript; charset=utf-8']]) {
    const { response } = await get(path);
    assert.equal(response.statusCode, 200, path);
    assert.equal(response.headers['content-type'], type);
    assert.equal(response.headers['content-security-policy'], CSP);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  }
});

test('nothing outside the site is served', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt',
    '/..%2fsecret.txt', '/%00', '/missing.js']) {
    const { response, body } = await get(path);
    assert.equal(response.statusCode, 404, path);
    assert.ok(!body.includes('outside'));
  }
});

test('the pages carry the same policy for hosts that send no header',
  () => {
    // A <meta> policy cannot hold frame-ancestors; the rest must match.
    const header = CSP.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    for (const page of ['index.html', 'catalog.html']) {
      const html = readFileSync(join(ROOT, 'www', page), 'utf8');
      const meta = html.match(
        /http-equiv="Content-Security-Policy" content="([^"]+)"/);
      assert.equal(meta?.[1], header, page);
    }
  });

test('an unchanged file is revalidated with a 304 and no body', async () => {
  const first = await get('/a.js');
  const etag = first.response.headers.etag;
  assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
  assert.equal(first.response.headers['cache-control'], 'no-cache');
  assert.equal(first.response.headers['content-length'], '10');
  const again = await get('/a.js', { 'If-None-Match': etag });
  assert.equal(again.response.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.response.headers.etag, etag);
  const since = first.response.headers['last-modified'];
  const bySince = await get('/a.js', { 'If-Modified-Since': since });
  assert.equal(bySince.response.statusCode, 304);
  const other = await get('/a.js', { 'If-None-Match': '"0-0"' });
  assert.equal(other.response.statusCode, 200);
  assert.equal(other.body, 'export {};');
});

test('a rebuilt file gets a new validator and is sent again', async () => {
  // Rewritten right after it was sent, on the same kept-alive connection:
  // the server once sent the new file's extra byte past Content-Length,
  // which broke the next answer.
  const file = join(site, 'c.js');
  for (let round = 0; round < 20; round++) {
    writeFileSync(file, 'export const c = 1;');
    const before = await get('/c.js');
    assert.equal(before.body, 'export const c = 1;');
    writeFileSync(file, 'export const c = 22;');
    const after = await get('/c.js',
      { 'If-None-Match': before.response.headers.etag });
    assert.equal(after.response.statusCode, 200);
    assert.equal(after.body, 'export const c = 22;');
    assert.notEqual(after.response.headers.etag,
      before.response.headers.etag);
  }
});

test('text and WebAssembly go gzipped when the client takes it',
  async () => {
    const big = await get('/big.js', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(big.response.headers['content-encoding'], 'gzip');
    assert.equal(big.response.headers.vary, 'Accept-Encoding');
    assert.ok(big.bytes.length < 1000, `${big.bytes.length} bytes`);
    assert.equal(Number(big.response.headers['content-length']),
      big.bytes.length);
    assert.equal(gunzipSync(big.bytes).toString('utf8'),
      `// ${'x'.repeat(100_000)}\n`);
    // The gzipped form has a validator of its own.
    const plain = await get('/big.js');
    assert.equal(plain.response.headers['content-encoding'], undefined);
    assert.equal(plain.bytes.length, 100_004);
    assert.notEqual(plain.response.headers.etag, big.response.headers.etag);
    const refused = await get('/big.js', { 'Accept-Encoding': 'gzip;q=0' });
    assert.equal(refused.response.headers['content-encoding'], undefined);
    const wasm = await get('/a.wasm', { 'Accept-Encoding': 'gzip' });
    assert.equal(wasm.response.headers['content-type'], 'application/wasm');
    assert.deepEqual([...gunzipSync(wasm.bytes)], [0, 97, 115, 109]);
  });

test('HEAD gives the headers of GET without a body', async () => {
  const head = await get('/big.js', {}, 'HEAD');
  assert.equal(head.response.statusCode, 200);
  assert.equal(head.response.headers['content-length'], '100004');
  assert.equal(head.bytes.length, 0);
});
