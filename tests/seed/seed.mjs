// SPDX-License-Identifier: MIT
// The seed case (the ERS-QIL block of the help article, pasted as a web
// page shows it) and what every surface must say about it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const fixture = (name) => readFileSync(
  new URL(`./${name}`, import.meta.url), 'utf8');

/** The block as customers copy it: addresses masked by the web page. */
export const SEED = fixture('ers-qil-masked.txt');
/** The same block with real addresses of our own. */
export const SEED_ADDRESSES = fixture('ers-qil-addresses.txt');

/** Checks a report of the seed block in `lang`. */
export function checkSeed(report, lang, { masked = true } = {}) {
  assert.equal(report.lang, lang);
  assert.equal(report.kind, 'delay');
  assert.equal(report.recipients.length, 2);
  const ips = ['18.208.22.78', '18.208.22.77'];
  report.recipients.forEach((r, i) => {
    assert.equal(r.reply_code, 450);
    assert.equal(r.status, '4.7.1');
    assert.equal(r.command, 'RCPT');
    assert.equal(r.remote_host, 'meratus.in.tmes.trendmicro.com');
    assert.equal(r.remote_ip, ips[i]);
    assert.equal(r.reason, 'blocked');
    assert.equal(r.permanent, false);
    assert.equal(r.hard_bounce, false);
    assert.equal(r.blocklist.id, 'trendmicro-ers');
    assert.match(r.blocklist.name, /QIL/);
    assert.equal(new URL(r.blocklist.lookup_url).host,
      'www.ers.trendmicro.com');
    assert.equal(r.address_masked, masked);
    if (masked) assert.equal(r.address, null);
  });
  assert.ok(report.warning_ids.includes('warning.masked-ip'));
  assert.equal(report.warning_ids.includes('warning.masked-address'),
    masked);
  assert.equal(report.advice[0].id, 'trendmicro-ers');
  assert.equal(report.advice[0].steps.length, 6);
}
