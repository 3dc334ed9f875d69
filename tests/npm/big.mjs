// SPDX-License-Identifier: MIT
// A delivery report made larger than a size limit by the email it
// carries back, for the npm and browser tests of big inputs: our own
// fixture tests/fixtures/rfc3464/332.eml (a "Mailbox full" notice whose
// returned email has a PDF), with `pad` bytes and more of attachment
// lines added to that email.

import { readFileSync } from 'node:fs';

const NOTICE = readFileSync(new URL('../fixtures/rfc3464/332.eml',
  import.meta.url), 'latin1');

/** Where the returned email's attachment ends. */
const END = '\n--lampiran--';

/**
 * The notice with at least `pad` bytes of attachment lines of `char`
 * (1 to 4 bytes of UTF-8) added before its end, as a Buffer; the notice
 * as it is for `pad` 0.
 */
export function bigNotice(pad, char = 'A') {
  if (pad === 0) return Buffer.from(NOTICE, 'latin1');
  const width = Buffer.byteLength(char);
  const line = `\n${char.repeat(Math.floor(76 / width))}`;
  const lines = Math.ceil((pad + 2000) / Buffer.byteLength(line));
  const at = NOTICE.indexOf(END);
  return Buffer.concat([
    Buffer.from(NOTICE.slice(0, at), 'latin1'),
    Buffer.from(line.repeat(lines)),
    Buffer.from(NOTICE.slice(at), 'latin1'),
  ]);
}
