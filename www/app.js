// SPDX-License-Identifier: MIT
// The page: input, language, decoding in a worker, the result.

import { startDecoder } from './decoder.js';
import { clear, el } from './dom.js';
import { messagesNav, renderReport } from './render.js';
import { SAMPLES } from './samples.js';
import {
  initialLang, setupLanguageSelect, t, translatePage,
} from './strings.js';

const $ = (id) => document.getElementById(id);

const state = {
  lang: initialLang(globalThis.localStorage, navigator.languages),
  /** What to decode: { text } or { bytes, name }. */
  input: null,
  /** The sending IP form: { value, error, done }. */
  ip: {},
  /** The reports of the last input: one, or one a message of an mbox. */
  reports: [],
  /** The number of the latest decoding asked for. */
  ticket: 0,
  /** The index of the report shown. */
  current: 0,
  /** The report shown. */
  get report() { return this.reports[this.current] ?? null; },
};

const decoder = startDecoder((lang) => t('input.load-failed', lang));

function setupLanguages() {
  setupLanguageSelect($('lang'), state.lang, (code) => {
    state.lang = code;
    translate();
    if (state.report) decodeCurrent({ focus: false, keep: true });
  });
}

function translate() {
  translatePage(document, state.lang);
  const list = $('samples');
  clear(list);
  for (const sample of SAMPLES) {
    const button = el('button', {
      type: 'button', class: 'secondary', 'data-sample': sample.id,
    }, t(`samples.${sample.id}`, state.lang));
    button.addEventListener('click', () => {
      $('bounce').value = sample.text;
      chooseText();
      decodeCurrent({ focus: true });
    });
    list.append(el('li', {}, button));
  }
  if (state.input?.name) showFile(state.input);
}

function chooseText() {
  state.input = null;
  state.ip = {};
  $('file').value = '';
  $('file-chosen').hidden = true;
}

function showFile(input) {
  const note = $('file-chosen');
  const size = `${(input.size / 1024).toFixed(1)} KB`;
  note.textContent = t('input.file-chosen', state.lang,
    { name: input.name, size });
  note.hidden = false;
}

function showInputError(message) {
  const box = $('input-error');
  box.textContent = message;
  box.hidden = !message;
}

async function chooseFile(file) {
  if (!file) return;
  showInputError('');
  $('bounce').value = '';
  state.ip = {};
  const limit = await decoder.maxSize();
  const input = { name: file.name, size: file.size, bytes: null };
  state.input = input;
  showFile(input);
  if (limit && file.size > limit) {
    decodeCurrent({ focus: true });
    return;
  }
  try {
    input.bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    showInputError(t('input.file-error', state.lang));
    return;
  }
  decodeCurrent({ focus: true });
}

/** Decodes the chosen file or the pasted text and shows the result. */
async function decodeCurrent({ focus, keep = false }) {
  const lang = state.lang;
  // Only the latest request is shown: an earlier one answering late
  // (a sending IP sent twice in a row) would show what is no longer
  // asked.
  const ticket = ++state.ticket;
  const busy = $('submit');
  busy.disabled = true;
  busy.textContent = t('input.busy', lang);
  showInputError('');
  // The text is read from the box once: each read of a large box copies
  // it.
  const text = state.input ? null : $('bounce').value;
  const progress = showProgress(lang, text);
  try {
    const reports = await reportsWithIp(lang, text);
    if (ticket !== state.ticket) return;
    // A new language or sending IP keeps the message shown; a new input
    // starts at its first message.
    state.current = keep ? Math.min(state.current, reports.length - 1) : 0;
    state.reports = reports;
    show(focus);
  } catch (failure) {
    if (ticket === state.ticket) {
      state.reports = [];
      hideResult();
      showInputError(failure.message);
      $('status').textContent = failure.message;
    }
  } finally {
    clearTimeout(progress);
  }
  if (ticket === state.ticket) {
    $('progress').hidden = true;
    busy.disabled = false;
    busy.textContent = t('input.submit', state.lang);
  }
}

/**
 * The reports of the input with the sending IP typed. A refused IP
 * keeps its reason for the form, and the reports are those without an
 * IP: the links go back to what they were before any IP was typed.
 */
async function reportsWithIp(lang, text) {
  const asked = state.ip;
  try {
    return await request(lang, asked.value || null, text);
  } catch (failure) {
    if (failure.code !== 'invalid-ip') throw failure;
    if (state.ip === asked) {
      state.ip = { value: asked.value, error: failure.message };
    }
    return request(lang, null, text);
  }
}

/** Inputs from this size on show their progress at once. */
const BIG_INPUT = 1024 * 1024;

/**
 * Shows what is being read, with its size: at once for a big input (a
 * paste of several MB), else only when reading takes longer than a
 * moment, so that a quick answer does not flicker. Returns the timer to
 * clear.
 */
function showProgress(lang, text) {
  const size = state.input ? state.input.size : utf8Size(text);
  const reveal = () => {
    $('progress-text').textContent = t('input.progress', lang,
      { size: sizeText(size) });
    $('progress').hidden = false;
  };
  if (size >= BIG_INPUT) {
    reveal();
    return null;
  }
  return setTimeout(reveal, 300);
}

/** The UTF-8 size of `text`, counted without copying it. */
function utf8Size(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Two units of a surrogate pair make 4 bytes: 2 more on the first.
    if (c < 0x80 || (c >= 0xdc00 && c < 0xe000)) continue;
    bytes += c < 0x800 ? 1 : 2;
  }
  return bytes;
}

function sizeText(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(1)} KB`;
}

function request(lang, sendingIp, text) {
  const input = state.input;
  if (input && input.bytes === null) {
    return decoder.refuseSize(input.size, lang);
  }
  const data = input ? input.bytes : text;
  return decoder.decodeAll(data, lang, sendingIp);
}

function hideResult() {
  const result = $('result');
  result.hidden = true;
  clear(result);
}

function show(focus, { focusId = null } = {}) {
  const report = state.report;
  const result = $('result');
  clear(result);
  result.append(...[messagesNav(state.reports, state.current, state.lang),
    ...renderReport(report, state.lang, state.ip)].filter(Boolean));
  result.hidden = false;
  wireResult();
  const several = state.reports.length > 1;
  $('status').textContent = several
    ? t('messages.ready', state.lang, {
      count: state.reports.length,
      n: report.message ?? state.current + 1,
      summary: report.summary,
    })
    : t('result.ready', state.lang, { summary: report.summary });
  if (focusId) $(focusId)?.focus();
  else if (focus) result.focus();
}

/** Shows the message at `index` of an mbox's reports. */
function showMessage(index, focusId) {
  if (index < 0 || index >= state.reports.length) return;
  state.current = index;
  show(false, { focusId });
}

function wireResult() {
  $('ip-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('sending-ip').value.trim();
    state.ip = { value, done: value || null };
    // Back on the field: what it now fills in, or why it was refused.
    decodeCurrent({ focus: false, keep: true }).then(() =>
      $('sending-ip')?.focus());
  });
  $('copy-reply')?.addEventListener('click', copyReply);
  $('message-pick')?.addEventListener('change', (event) =>
    showMessage(Number(event.target.value), 'message-pick'));
  $('message-previous')?.addEventListener('click', () => {
    const to = state.current - 1;
    showMessage(to, to === 0 ? 'message-next' : 'message-previous');
  });
  $('message-next')?.addEventListener('click', () => {
    const to = state.current + 1;
    const last = to === state.reports.length - 1;
    showMessage(to, last ? 'message-previous' : 'message-next');
  });
  $('print')?.addEventListener('click', () => globalThis.print());
}

async function copyReply() {
  const text = $('reply-text').value;
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t('reply.copied', state.lang);
  } catch {
    $('reply-text').select();
    status.textContent = t('reply.copy-failed', state.lang);
  }
}

function setupInput() {
  $('decode-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (/\S/.test($('bounce').value) || !state.input) chooseText();
    decodeCurrent({ focus: true });
  });
  $('bounce').addEventListener('input', () => {
    if (state.input) chooseText();
  });
  $('clear').addEventListener('click', () => {
    $('bounce').value = '';
    chooseText();
    state.reports = [];
    hideResult();
    showInputError('');
    $('status').textContent = '';
    $('bounce').focus();
  });
  $('file').addEventListener('change', (event) =>
    chooseFile(event.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    chooseFile(event.dataTransfer.files[0]);
  });
}

/** Printing shows the folded details too. */
function setupPrint() {
  let opened = false;
  globalThis.addEventListener('beforeprint', () => {
    const details = $('details');
    opened = details ? !details.open : false;
    if (opened) details.open = true;
  });
  globalThis.addEventListener('afterprint', () => {
    if (opened) $('details').open = false;
  });
}

setupLanguages();
translate();
setupInput();
setupPrint();
