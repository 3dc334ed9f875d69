// SPDX-License-Identifier: MIT
// The page: input, language, decoding in a worker, the result.

import { startDecoder } from './decoder.js';
import { clear, el } from './dom.js';
import { renderReport } from './render.js';
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
  report: null,
};

const decoder = startDecoder((lang) => t('input.load-failed', lang));

function setupLanguages() {
  setupLanguageSelect($('lang'), state.lang, (code) => {
    state.lang = code;
    translate();
    if (state.report) decodeCurrent({ focus: false });
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
async function decodeCurrent({ focus }) {
  const lang = state.lang;
  const busy = $('submit');
  busy.disabled = true;
  busy.textContent = t('input.busy', lang);
  showInputError('');
  try {
    const report = await request(lang, state.ip.value);
    state.report = report;
    show(report, focus);
  } catch (failure) {
    if (failure.code === 'invalid-ip') {
      state.ip = { value: state.ip.value, error: failure.message };
      if (state.report) show(state.report, false, { focusIp: true });
    } else {
      state.report = null;
      hideResult();
      showInputError(failure.message);
      $('status').textContent = failure.message;
    }
  } finally {
    busy.disabled = false;
    busy.textContent = t('input.submit', state.lang);
  }
}

function request(lang, sendingIp) {
  const input = state.input;
  if (input && input.bytes === null) {
    return decoder.refuseSize(input.size, lang);
  }
  const data = input ? input.bytes : $('bounce').value;
  return decoder.decode(data, lang, sendingIp);
}

function hideResult() {
  const result = $('result');
  result.hidden = true;
  clear(result);
}

function show(report, focus, { focusIp = false } = {}) {
  const result = $('result');
  clear(result);
  result.append(...renderReport(report, state.lang, state.ip)
    .filter(Boolean));
  result.hidden = false;
  wireResult();
  $('status').textContent = t('result.ready', state.lang,
    { summary: report.summary });
  if (focusIp) $('sending-ip')?.focus();
  else if (focus) result.focus();
}

function wireResult() {
  $('ip-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('sending-ip').value.trim();
    state.ip = { value, done: value || null };
    decodeCurrent({ focus: false }).then(() => {
      if (!state.ip.error) $('sending-ip')?.focus();
    });
  });
  $('copy-reply')?.addEventListener('click', copyReply);
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
    if ($('bounce').value.trim() !== '' || !state.input) chooseText();
    decodeCurrent({ focus: true });
  });
  $('bounce').addEventListener('input', () => {
    if (state.input) chooseText();
  });
  $('clear').addEventListener('click', () => {
    $('bounce').value = '';
    chooseText();
    state.report = null;
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
