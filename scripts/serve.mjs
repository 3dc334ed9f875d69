// SPDX-License-Identifier: MIT
// A tiny static server for the page, on 127.0.0.1 only, with the page's
// Content-Security-Policy and the right MIME types. Every answer can be
// revalidated (ETag, Last-Modified, 304 Not Modified), so a reload after
// a rebuild gets the new files and a reload without one sends no body;
// text and the WebAssembly go gzipped to clients that accept it.

import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The page's policy: our own files only, no request leaves. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth compressing: text, and the WebAssembly (about 3:1). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm',
  '.json', '.svg', '.txt']);

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Kept, but asked about again on every use: a rebuilt page is never
  // mixed with stale files, and an unchanged one costs a 304.
  'Cache-Control': 'no-cache',
};

/** The validator of a file: its size and modification time. */
function etagOf(stat) {
  return `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

/** True if the request's validators match the file's (RFC 9110 13.1). */
function notModified(request, etag, stat) {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    return match.split(',').map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) &&
    Math.floor(stat.mtimeMs / 1000) * 1000 <= since;
}

/** True if the client takes gzip (and does not refuse it with q=0). */
function takesGzip(request) {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  return accepted.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Gzipped files, kept while their validator holds. */
const gzipped = new Map();

function gzipOf(file, etag) {
  const kept = gzipped.get(file);
  if (kept?.etag === etag) return kept.body;
  const body = gzipSync(readFileSync(file), { level: 6 });
  gzipped.set(file, { etag, body });
  return body;
}

/** The file under `root` that `url` names, or null. */
function fileFor(root, url) {
  let path;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port); resolves to
 * the server and its URL.
 */
export function serve(root, port = 0) {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, HEADERS).end();
      return;
    }
    const file = fileFor(normalize(root), request.url);
    if (!file) {
      response.writeHead(404, { ...HEADERS, 'Content-Type': TYPES['.txt'] })
        .end('not found\n');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
    } catch {
      response.writeHead(404, { ...HEADERS, 'Content-Type': TYPES['.txt'] })
        .end('not found\n');
      return;
    }
    const compressible = COMPRESSIBLE.has(extname(file));
    const gzip = compressible && takesGzip(request);
    // Each representation has its own validator (RFC 9110 8.8.3).
    const plain = etagOf(stat);
    const etag = gzip ? `${plain.slice(0, -1)}-gz"` : plain;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers = {
      ...HEADERS,
      'Content-Type': type,
      ETag: etag,
      'Last-Modified': new Date(stat.mtimeMs).toUTCString(),
    };
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (notModified(request, etag, stat)) {
      response.writeHead(304, headers).end();
      return;
    }
    if (gzip) {
      const body = gzipOf(file, etag);
      response.writeHead(200, {
        ...headers,
        'Content-Encoding': 'gzip',
        'Content-Length': body.length,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Length': stat.size });
    if (request.method === 'HEAD' || stat.size === 0) {
      response.end();
      return;
    }
    // Exactly the bytes announced: a file rewritten while it is sent (a
    // rebuild) must not add bytes past Content-Length to the connection.
    createReadStream(file, { start: 0, end: stat.size - 1 }).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({ server, url: `http://127.0.0.1:${bound}/` });
    });
  });
}
