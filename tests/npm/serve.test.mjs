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
  ({ server, url: base } = await serve(site, 0));
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** GET `path` as written, without normalising dot segments. */
function get(path) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path }, (response) => {
      let body = '';
      response.on('data', (d) => { body += d; });
      response.on('end', () => resolve({ response, body }));
    }).on('error', reject).end();
  });
}

test('it listens on 127.0.0.1 only', () => {
  assert.equal(server.address().address, '127.0.0.1');
});

test('files come with their type and the policy', async () => {
  for (const [path, type] of [['/', 'text/html; charset=utf-8'],
    ['/a.wasm', 'application/wasm'],
    ['/a.js', 'text/javascript; charset=utf-8']]) {
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
