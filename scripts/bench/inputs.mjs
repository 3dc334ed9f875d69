// SPDX-License-Identifier: MIT
// Inputs for the whole-process runs: the corpus repeated to about 10,000
// messages, and the three shapes of a large input (an mbox, one huge
// message, one very long line) as files. benches/inputs.rs makes the
// same shapes in memory for `cargo bench`; keep the two recipes alike.

import {
  copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** The corpus's .eml files, in name order. */
export function corpusFiles(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.eml')).sort()
    .map((n) => join(dir, n));
}

/**
 * A folder holding the corpus `copies` times over (r01-name.eml, …);
 * made once and kept while it has the expected number of files.
 */
export function repeatedCorpus(files, copies, dir) {
  const wanted = files.length * copies;
  if (existsSync(dir) && readdirSync(dir).length === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let c = 1; c <= copies; c++) {
    const tag = String(c).padStart(2, '0');
    for (const file of files) {
      const name = file.split('/').pop();
      copyFileSync(file, join(dir, `r${tag}-${name}`));
    }
  }
  return dir;
}

const FROM_LINE = 'From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n';

/** An mbox of `size` bytes or a little more, of the corpus's messages. */
export function mbox(files, size) {
  const messages = files.map((f) => readFileSync(f));
  const parts = [];
  let length = 0;
  while (length < size && messages.length) {
    for (const message of messages) {
      const text = message.toString('latin1')
        .replace(/^From /gm, '>From ');
      const piece = FROM_LINE + text + (text.endsWith('\n') ? '' : '\n') +
        '\n';
      parts.push(Buffer.from(piece, 'latin1'));
      length += piece.length;
      if (length >= size) break;
    }
  }
  return Buffer.concat(parts);
}

const HUGE_HEAD = [
  'From: MAILER-DAEMON@mx.example.com (Mail Delivery System)',
  'To: neko@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status;',
  '\tboundary="B1"',
  '',
  '--B1', 'Content-Type: text/plain; charset=us-ascii', '',
  'This is the mail system at host mx.example.com.', '',
  "I'm sorry to have to inform you that your message could not",
  'be delivered to one or more recipients.', '',
  '                   The mail system', '',
  '<tora@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1',
  '    <tora@example.org>: Recipient address rejected: User unknown',
  '    (in reply to RCPT TO command)', '',
  '--B1', 'Content-Type: message/delivery-status', '',
  'Reporting-MTA: dns; mx.example.com', '',
  'Final-Recipient: rfc822; tora@example.org',
  'Action: failed', 'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
  '--B1', 'Content-Type: message/rfc822', '',
  'From: neko@example.com', 'To: tora@example.org', 'Subject: Photos',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="B2"', '',
  '--B2', 'Content-Type: text/plain', '', 'The photos.', '',
  '--B2', 'Content-Type: image/jpeg', 'Content-Transfer-Encoding: base64',
  '', '',
].join('\n');

/** One Postfix bounce of `size` bytes returning a large attachment. */
export function hugeMessage(size) {
  const tail = '\n--B2--\n\n--B1--\n';
  const line =
    'TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQsIGNvbnNlY3RldHVyIGFkaXBpc2Np\n';
  const count = Math.max(0,
    Math.floor((size - HUGE_HEAD.length - tail.length) / line.length));
  return Buffer.from(HUGE_HEAD + line.repeat(count) + tail, 'latin1');
}

/** A fragment of `size` bytes on one line: words that go on and on. */
export function longLine(size) {
  const head = '<tora@example.org>: host mx.example.org[192.0.2.1] said: ' +
    '550 5.1.1 <tora@example.org>: Recipient address rejected:';
  const words = ' the mailbox is not known here, please check the address';
  const count = Math.max(0,
    Math.floor((size - head.length - 40) / words.length));
  return Buffer.from(head + words.repeat(count) +
    ' (in reply to RCPT TO command)\n', 'latin1');
}

/**
 * Writes the scaling inputs into `dir` (kept while they exist): for each
 * shape and each size in MB, `<shape>-<MB>mb.txt`. Returns them.
 */
export function scalingInputs(files, sizesMb, dir) {
  mkdirSync(dir, { recursive: true });
  const makers = { mbox: (n) => mbox(files, n), message: hugeMessage,
    line: longLine };
  const out = [];
  for (const [shape, make] of Object.entries(makers)) {
    for (const mb of sizesMb) {
      const path = join(dir, `${shape}-${mb}mb.txt`);
      if (!existsSync(path)) writeFileSync(path, make(mb * 1024 * 1024));
      out.push({ shape, mb, path });
    }
  }
  return out;
}
