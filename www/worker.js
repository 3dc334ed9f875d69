// SPDX-License-Identifier: MIT
// Decodes off the page's thread, so a large paste never blocks it.
// Requests: { id, op: 'decode' | 'decodeLog' | 'catalog' | 'checkIp',
// input, lang, sendingIp, size }: `size` is a file's whole size when
// `input` holds only its start (or is null, to refuse it by its size).
// Answers: { id, ok } or { id, error: { code, message } }.

import {
  decode, decodeLog, catalog, checkIp, maxSize,
} from './pantul/browser.js';
import {
  decodeHeadBytes, tooLargeError,
} from './pantul/wasm/pantul.js';

function run({ op, input, lang, sendingIp, size }) {
  if (op === 'catalog') return catalog({ lang });
  if (op === 'checkIp') return checkIp(input);
  if (size > maxSize) {
    // Of a file larger than the limit, only its size comes (to refuse
    // it), or its first bytes: a MIME message is read up to the limit,
    // as the CLI reads it; anything else is refused by its size.
    if (input === null) throw tooLargeError(size, lang);
    const report = JSON.parse(decodeHeadBytes(input, size, lang,
      sendingIp));
    return op === 'decodeLog' ? [report] : report;
  }
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
