// SPDX-License-Identifier: MIT
// Decodes off the page's thread, so a large paste never blocks it.
// Requests: { id, op: 'decode' | 'decodeLog' | 'catalog' | 'checkIp',
// input, lang, sendingIp, size }.
// Answers: { id, ok } or { id, error: { code, message } }.

import {
  decode, decodeLog, catalog, checkIp, maxSize,
} from './pantul/browser.js';
import { tooLargeError } from './pantul/wasm/pantul.js';

function run({ op, input, lang, sendingIp, size }) {
  if (op === 'catalog') return catalog({ lang });
  if (op === 'checkIp') return checkIp(input);
  // A file larger than the limit is not read at all: only its size comes.
  if (input === null && size > maxSize) throw tooLargeError(size, lang);
  if (op === 'decodeLog') return decodeLog(input, { lang, sendingIp });
  return decode(input, { lang, sendingIp });
}

self.onmessage = (event) => {
  const request = event.data;
  try {
    self.postMessage({ id: request.id, ok: run(request) });
  } catch (error) {
    const code = typeof error?.code === 'string' ? error.code : 'internal';
    const message = String(error?.message ?? error);
    self.postMessage({ id: request.id, error: { code, message } });
  }
};

self.postMessage({ ready: true, maxSize });
