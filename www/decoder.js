// SPDX-License-Identifier: MIT
// The page's side of the decoding worker: one promise per request.

/** A failure from the worker, with the core's stable `code`. */
export class DecodeFailure extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'DecodeFailure';
    this.code = code;
  }
}

/**
 * Starts the worker. `loadFailed(lang)` gives the message for a worker
 * that could not load; requests then fail with code 'load-failed'.
 */
export function startDecoder(loadFailed) {
  const pending = new Map();
  let next = 1;
  let broken = false;
  let worker;
  let ready;
  /** How many times the decoding under way was stopped. */
  let cancels = 0;

  function failAll() {
    broken = true;
    for (const [, request] of pending) {
      request.reject(new DecodeFailure('load-failed',
        loadFailed(request.lang)));
    }
    pending.clear();
  }

  function answer(data) {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if (!data.error) {
      request.resolve(data.ok);
      return;
    }
    request.reject(new DecodeFailure(data.error.code, data.error.message));
    // After an internal failure the module's memory may be damaged:
    // the next request gets a fresh worker.
    if (data.error.code === 'internal') spawn();
  }

  /** Starts a worker; `ready` resolves to the size limit (0 if broken). */
  function spawn() {
    worker?.terminate();
    worker = new Worker(new URL('./worker.js', import.meta.url),
      { type: 'module' });
    ready = new Promise((resolve) => {
      worker.onmessage = ({ data }) => {
        if (data.ready) resolve(data.maxSize);
        else answer(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        resolve(0);
        failAll();
      };
    });
  }

  // The worker listens only once its module (and the WebAssembly) has
  // loaded, so nothing is posted before it says it is ready.
  async function ask(message) {
    const asked = cancels;
    await ready;
    // Stopped while the worker was loading: not sent to the fresh one.
    if (asked !== cancels) throw new DecodeFailure('cancelled', '');
    if (broken) {
      throw new DecodeFailure('load-failed', loadFailed(message.lang));
    }
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, lang: message.lang });
      worker.postMessage({ id, ...message });
    });
  }

  /**
   * Stops whatever the worker is decoding: its requests fail with code
   * 'cancelled', and a fresh worker takes the next ones.
   */
  function cancel() {
    cancels += 1;
    for (const [, request] of pending) {
      request.reject(new DecodeFailure('cancelled', ''));
    }
    pending.clear();
    spawn();
  }

  spawn();
  return {
    /** The largest input decoded, in bytes (0 if the worker failed). */
    maxSize: () => ready,
    /** Decodes text or bytes; resolves to the report. */
    decode: (input, lang, sendingIp) =>
      ask({ op: 'decode', input, lang, sendingIp: sendingIp || null }),
    /**
     * Decodes every message of an mbox, or every queued message of a
     * mail log or queue listing (any other input as one message);
     * resolves to the reports. A file over the limit comes as its first
     * bytes (no more than the limit and one) with its whole `size`, and
     * is read as the `pantul` command reads it.
     */
    decodeLog: (input, lang, sendingIp, size) =>
      ask({ op: 'decodeLog', input, lang, sendingIp: sendingIp || null,
        size }),
    /** Refuses a file by its size alone, with the core's message. */
    refuseSize: (size, lang) =>
      ask({ op: 'decode', input: null, size, lang, sendingIp: null }),
    /** Resolves to the catalog. */
    catalog: (lang) => ask({ op: 'catalog', lang }),
    /** Stops the decoding under way, if any; see `cancel`. */
    cancel,
    /** Resolves to the canonical form of an IP address, or null. */
    checkIp: (text, lang) => ask({ op: 'checkIp', input: text, lang }),
  };
}
