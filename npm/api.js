// SPDX-License-Identifier: MIT
// The package's API over the wasm-bindgen bindings, shared by the Node
// and the browser entry points (and by the page's worker).

/** Texts for a failure the core could not describe itself. */
const INTERNAL = {
  id: 'Terjadi kesalahan internal pada Pantul. Silakan laporkan, beserta ' +
    'masukan yang menyebabkannya.',
  en: 'Pantul hit an internal error. Please report it, with the input ' +
    'that caused it.',
};

/** The languages Pantul speaks. */
const LANGS = ['id', 'en'];

/**
 * Why an input could not be decoded. `code` is stable: 'empty',
 * 'too-large', 'binary', 'invalid-ip' or 'internal'; `message` is in the
 * language asked for.
 */
export class PantulError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PantulError';
    this.code = code;
  }
}

/** The names an options object may use. */
const OPTION_NAMES = ['lang', 'sendingIp'];

/**
 * The options object from what the caller gave: nothing, an options
 * object, or a language code alone as shorthand (`decode(text, 'en')`).
 * A name it does not know is a TypeError, so that a misspelt option
 * (`{ language: 'en' }`, `{ sending_ip }`) is not ignored in silence.
 */
function optionsOf(options) {
  if (options === undefined || options === null) return {};
  if (typeof options === 'string') return { lang: options };
  if (typeof options !== 'object') {
    throw new TypeError('options must be an object such as ' +
      `{ lang: 'en' } or a language code ('id' or 'en'), not ${typeof options}`);
  }
  const unknown = Object.keys(options)
    .find((name) => !OPTION_NAMES.includes(name));
  if (unknown !== undefined) {
    throw new TypeError(`unknown option ${JSON.stringify(unknown)}: ` +
      'the options are lang and sendingIp');
  }
  return options;
}

/**
 * Languages of Indonesia and its neighbours whose readers are better
 * served by Bahasa Indonesia than by English, as the page chooses
 * (www/strings.js): Malay and the regional languages of Indonesia.
 */
const READS_INDONESIAN = new Set([
  'id', 'in', 'ms', 'jv', 'su', 'min', 'ban', 'bjn', 'bug', 'mad', 'ace',
  'bew', 'mak', 'sas', 'gor', 'nij',
]);

/** A well-formed language tag (BCP 47), `_` allowed for `-`. */
const TAG = /^[a-z]{2,8}(?:[-_][a-z0-9]{1,8})*$/i;

/**
 * 'id' or 'en' from the language asked for: either code, or any
 * well-formed language tag such as a browser's locale, in any case.
 * Indonesian, Malay and the languages of Indonesia ('ms-MY', 'jv'), and
 * any tag for Indonesia ('en-ID' excepted), give 'id'; any other gives
 * 'en' ('fr-FR'). A value that is no language tag is a TypeError.
 */
function langOf(options) {
  const asked = options.lang ?? 'id';
  if (typeof asked !== 'string' || !TAG.test(asked)) {
    throw new TypeError('lang must be \'id\', \'en\' or a language tag ' +
      `such as 'id-ID' or 'ms-MY', not ${String(asked)}`);
  }
  const [base, ...rest] = asked.toLowerCase().split(/[-_]/);
  if (base === 'en') return 'en';
  return READS_INDONESIAN.has(base) || rest.includes('id') ? 'id' : 'en';
}

function sendingIpOf(options) {
  const ip = options.sendingIp ?? null;
  if (ip !== null && typeof ip !== 'string') {
    throw new TypeError('sendingIp must be a string');
  }
  return ip;
}

/**
 * What a wrong argument is, for a TypeError's message: `undefined`,
 * `null`, `an array`, `a DataView`, `a number`.
 */
function kindOf(value) {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  const name = value?.constructor?.name;
  if (typeof value === 'object' && name && name !== 'Object') {
    return `a ${name}`;
  }
  return `a ${typeof value}`;
}

/** The UTF-8 length of a string, without copying it. */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/** A PantulError from whatever the bindings threw. */
function typed(error, lang) {
  if (error instanceof PantulError) return error;
  if (error?.name === 'PantulError' && typeof error.code === 'string') {
    return new PantulError(error.code, error.message);
  }
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return new PantulError('internal', INTERNAL[lang] + detail);
}

/** Adds one to the count of `key` in `counts`. */
function count(counts, key) {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * The key a recipient is counted under by reason: its reason, or
 * `delayed` for an `expired` one the server still retries (greylisting,
 * a timeout not yet given up on), which the page calls a delay too.
 */
function countedReason(r) {
  return r.reason === 'expired' && !r.permanent ? 'delayed' : r.reason;
}

/**
 * Counts over reports, as the CLI's `--totals` counts them: how many
 * reports of each kind, and how many recipients by action (`none` when
 * a report gives none) and by reason (`delayed` for an `expired` one
 * still retried), and with an unusable address; and how many reports
 * carry each warning id (once a report).
 */
export function totals(reports) {
  if (!Array.isArray(reports)) {
    throw new TypeError('reports must be an array of reports');
  }
  const sum = { reports: reports.length, kinds: {}, recipients: 0,
    actions: {}, reasons: {}, hard_bounces: 0, warnings: {} };
  for (const report of reports) {
    count(sum.kinds, report.kind);
    for (const id of new Set(report.warning_ids)) count(sum.warnings, id);
    for (const r of report.recipients) {
      sum.recipients += 1;
      count(sum.actions, r.action ?? 'none');
      count(sum.reasons, countedReason(r));
      if (r.hard_bounce) sum.hard_bounces += 1;
    }
  }
  return sum;
}

/**
 * True if `error` is a WebAssembly trap: what a Rust panic, a stack
 * overflow or running out of memory becomes in the module. The instance
 * may be left in a broken state after one.
 */
function isTrap(error) {
  return typeof WebAssembly !== 'undefined' &&
    error instanceof WebAssembly.RuntimeError;
}

/**
 * The API over a wasm-bindgen module `wasm` whose instance is ready.
 * After a trap the call throws PantulError 'internal' and the module is
 * instantiated afresh (wasm-bindgen's `__wbg_reset_state`), so that the
 * next call works.
 */
export function bind(wasm) {
  const limit = wasm.maxSize();

  function recover() {
    try {
      wasm.__wbg_reset_state?.();
    } catch {
      // The next call reports whatever is still wrong.
    }
  }

  function call(lang, run) {
    let json;
    try {
      json = run();
    } catch (error) {
      if (isTrap(error)) recover();
      throw typed(error, lang);
    }
    return JSON.parse(json);
  }

  /**
   * The first bytes of an input over the limit, to be read as the
   * `pantul` command reads such a file (`decodeHeadBytes`), with its
   * whole size; null for an input within the limit. No more than the
   * limit and a character is copied: a string is encoded only as far as
   * that, and bytes are viewed, not copied.
   */
  function headOf(input) {
    if (typeof input === 'string') {
      // A UTF-16 unit is at most 3 bytes of UTF-8.
      if (input.length * 3 <= limit) return null;
      const size = utf8Length(input);
      if (size <= limit) return null;
      // Whole characters of up to 4 bytes: more than `limit` fit.
      const room = new Uint8Array(limit + 4);
      const { written } = new TextEncoder().encodeInto(input, room);
      return { head: room.subarray(0, written), size };
    }
    if (input.byteLength <= limit) return null;
    return { head: input.subarray(0, limit + 1), size: input.byteLength };
  }

  /**
   * Runs `byString` or `byBytes` of the bindings on `input` after the
   * checks every decoding function shares. An input over the limit is
   * read as the `pantul` command reads it: a MIME message of several
   * parts up to the limit, as one report (an array of it if `many`),
   * else refused as too large before more of it is copied.
   */
  function decodeWith(input, given, byString, byBytes, many = false) {
    const options = optionsOf(given);
    const lang = langOf(options);
    const ip = sendingIpOf(options);
    let bytes = input;
    if (typeof input !== 'string') {
      bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
      if (!(bytes instanceof Uint8Array)) {
        throw new TypeError('input must be a string, a Uint8Array or an ' +
          `ArrayBuffer, not ${kindOf(input)}`);
      }
    }
    const over = headOf(bytes);
    if (over) {
      const report = call(lang, () =>
        wasm.decodeHeadBytes(over.head, over.size, lang, ip));
      return many ? [report] : report;
    }
    if (typeof bytes === 'string') {
      return call(lang, () => byString(bytes, lang, ip));
    }
    return call(lang, () => byBytes(bytes, lang, ip));
  }

  function decode(input, options) {
    return decodeWith(input, options, wasm.decodeString, wasm.decodeBytes);
  }

  function decodeAll(input, options) {
    return decodeWith(input, options, wasm.decodeAllString,
      wasm.decodeAllBytes, true);
  }

  function decodeLog(input, options) {
    return decodeWith(input, options, wasm.decodeLogString,
      wasm.decodeLogBytes, true);
  }

  function catalog(options) {
    const lang = langOf(optionsOf(options));
    return call(lang, () => wasm.catalogJson(lang));
  }

  function checkIp(text) {
    if (typeof text !== 'string') {
      throw new TypeError('checkIp takes the IP address as a string');
    }
    return wasm.checkIp(text) ?? null;
  }

  return { decode, decodeAll, decodeLog, catalog, checkIp, maxSize: limit };
}
