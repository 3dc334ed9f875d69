// SPDX-License-Identifier: MIT
// The page: input, language, decoding in a worker, the result.

import { startDecoder } from './decoder.js';
import { clear, el } from './dom.js';
import {
  logTotals, messagesNav, messagesReady, renderReport, selectMessage,
  unreadFiles,
} from './render.js';
import { SAMPLES } from './samples.js';
import {
  STRINGS, initialLang, setupLanguageSelect, t, translatePage,
} from './strings.js';

const $ = (id) => document.getElementById(id);

const state = {
  lang: initialLang(globalThis.localStorage, navigator.languages),
  /**
   * What to decode when not the text box: { name, size, bytes } for a
   * file, { size, text, preview } for a long text kept out of the box.
   */
  input: null,
  /** The sending IP form: { value, error, done }. */
  ip: {},
  /**
   * The input last refused for its size, { size, name } (`name` for a
   * file), until another is chosen: its reason stays what the page says.
   */
  refused: null,
  /**
   * The reports of the last input: one, one a message of an mbox, or
   * one a queued message of a mail log or queue listing.
   */
  reports: [],
  /** The number of the latest decoding asked for. */
  ticket: 0,
  /** True while a decoding is under way (Read is disabled). */
  busy: false,
  /**
   * The ticket replies the agent edited, by the index of their report:
   * kept when the language or the sending IP makes the reports again.
   */
  edits: new Map(),
  /** The index of the report shown. */
  current: 0,
  /**
   * The files of a drop of several that were not read, each
   * { name, text } or { name, key, values } (render.js, unreadFiles).
   */
  unread: [],
  /** The report shown. */
  get report() { return this.reports[this.current] ?? null; },
};

const decoder = startDecoder((lang) => t('input.load-failed', lang));

function setupLanguages() {
  setupLanguageSelect($('lang'), state.lang, (code) => {
    state.lang = code;
    translate();
    if (state.report) decodeCurrent({ focus: false, keep: true });
    else if (state.refused && !$('input-error').hidden) showRefusal();
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
  showHeld(state.input);
}

/** Drops what was held (a file, a long text): the box is the input. */
function chooseText() {
  cancelDecode();
  state.input = null;
  state.ip = {};
  state.refused = null;
  $('file').value = '';
  showHeld(null);
}

/**
 * Holds `input` outside the text box, { name, size, bytes } for a file
 * or { size, text, preview } for a long text, and shows what it is.
 */
function hold(input) {
  cancelDecode();
  $('bounce').value = '';
  state.input = input;
  state.ip = {};
  state.refused = null;
  if (!input.name) $('file').value = '';
  showHeld(input);
}

/** Shows what is held in place of the text box's content, if anything. */
function showHeld(input) {
  const box = $('bounce');
  $('held').hidden = !input;
  box.removeAttribute('placeholder');
  if (!input) return;
  const size = sizeText(input.size, state.lang);
  if (input.files) {
    $('held-text').textContent = t('input.files-chosen', state.lang, {
      count: input.files.length + input.unread.length, size,
      names: [...input.files, ...input.unread].map((f) => apart(f.name))
        .join(', '),
    });
  } else {
    $('held-text').textContent = input.name
      ? t('input.file-chosen', state.lang, { name: apart(input.name), size })
      : t('input.text-held', state.lang, { size });
  }
  const preview = $('held-preview');
  preview.textContent = input.preview ?? '';
  preview.hidden = !input.preview;
  let remove = input.name ? 'input.remove-file' : 'input.remove-text';
  if (input.files) remove = 'input.remove-files';
  $('held-remove').textContent = t(remove, state.lang);
  if (!input.name) {
    box.placeholder = t('input.held-placeholder', state.lang, { size });
  }
}

/**
 * A file's name kept apart from the text around it: a name may hold a
 * direction override, which would turn the rest of the line around.
 */
function apart(name) {
  return `\u2068${name}\u2069`;
}

function showInputError(message) {
  const box = $('input-error');
  box.textContent = message;
  box.hidden = !message;
}

/**
 * What the page says for a failure: the core's words, then what to do
 * on this page, for the codes that have a hint; a file refused for its
 * size is named, as a paste is not.
 */
function failureText(failure) {
  const file = failure.code === 'too-large' ? state.refused?.name : null;
  const hint = file ? 'error.too-large-file' : `error.${failure.code}`;
  if (!(hint in STRINGS)) return failure.message;
  return `${failure.message} ${t(hint, state.lang, { name: file })}`;
}

/** Shows why the input was not read, in place of a result. */
function showFailure(failure) {
  const message = failureText(failure);
  state.reports = [];
  hideResult();
  showInputError(message);
  $('status').textContent = message;
}

/**
 * Refuses an input of `size` bytes, larger than the limit, with the
 * core's message; nothing of it is read or kept, and what was held
 * before (an earlier file) is dropped with it, so that the next decode
 * reads the box and not a file no longer chosen. `name` is the file's,
 * for a file.
 */
async function refuse(size, name = null) {
  chooseText();
  state.refused = { size, name };
  await showRefusal();
}

/**
 * Says why the input last refused for its size was not read, in the
 * page's language: after the refusal, and again when the empty box is
 * read or the language changes, so that the real reason is not lost.
 */
async function showRefusal() {
  const refused = state.refused;
  try {
    await decoder.refuseSize(refused.size, state.lang);
  } catch (failure) {
    if (state.refused === refused) showFailure(failure);
  }
}

/** True when the worker's limit refuses `size` bytes. */
async function overLimit(size) {
  const limit = await decoder.maxSize();
  return limit > 0 && size > limit;
}

async function chooseFile(file) {
  if (!file) return;
  showInputError('');
  let bytes;
  try {
    bytes = await fileHead(file, await decoder.maxSize());
  } catch {
    showInputError(t('input.file-error', state.lang));
    return;
  }
  hold({ name: file.name, size: file.size, bytes });
  decodeCurrent({ focus: true });
}

/**
 * The bytes of `file` read: all of it within `limit`, else its first
 * `limit` and one, as the CLI reads a file over the limit (a MIME
 * message is read up to it, anything else refused by its size): no
 * more of a large file is copied into the page.
 */
async function fileHead(file, limit) {
  const part = limit > 0 && file.size > limit
    ? file.slice(0, limit + 1) : file;
  return new Uint8Array(await part.arrayBuffer());
}

/** Files read at most from one drop or choice; the others are named. */
const MOST_FILES = 20;

/**
 * Takes the files of a drop or a choice: one as always; several are
 * each decoded and their reports shown together, every file named, and
 * those that could not be read said so with why.
 */
async function chooseFiles(list) {
  if (list.length < 2) {
    await chooseFile(list[0]);
    return;
  }
  showInputError('');
  const limit = await decoder.maxSize();
  const files = [];
  const unread = [];
  for (const file of list.slice(0, MOST_FILES)) {
    try {
      const bytes = await fileHead(file, limit);
      files.push({ name: file.name, size: file.size, bytes });
    } catch {
      unread.push({ name: file.name, key: 'files.file-error' });
    }
  }
  for (const file of list.slice(MOST_FILES)) {
    unread.push({ name: file.name, key: 'files.too-many',
      values: { count: MOST_FILES } });
  }
  $('file').value = '';
  if (files.length === 0) {
    chooseText();
    state.reports = [];
    hideResult();
    showInputError(unread.map((u) =>
      `${apart(u.name)}: ${t(u.key, state.lang, u.values)}`).join(' '));
    return;
  }
  const size = files.reduce((n, f) => n + f.size, 0);
  hold({ files, unread, size });
  decodeCurrent({ focus: true });
}

/**
 * Pastes and drops of text from this many UTF-16 units on stay out of
 * the text box: Chromium takes seconds to lay out a box of megabytes.
 */
const LONG_TEXT = 256 * 1024;

/**
 * Takes a long pasted or dropped text: refused at once over the limit,
 * else held beside the box and decoded in the worker, like a file.
 */
async function chooseLongText(text) {
  showInputError('');
  const size = utf8Size(text);
  if (await overLimit(size)) {
    refuse(size);
    return;
  }
  hold({ size, text, preview: preview(text) });
  decodeCurrent({ focus: true });
}

/**
 * A paste into the text box: a short one goes in as always; a long one
 * replaces the box's selection in a text held outside it.
 */
function onPaste(event) {
  const pasted = event.clipboardData?.getData('text/plain') ?? '';
  if (pasted.length < LONG_TEXT) return;
  event.preventDefault();
  const box = $('bounce');
  const before = box.value.slice(0, box.selectionStart);
  const after = box.value.slice(box.selectionEnd);
  chooseLongText(before + pasted + after);
}

/**
 * A drop on the box: a file is chosen, a long text held, and a short
 * text dropped on the text box goes in where it lands, as the browser
 * puts it; elsewhere on the box it replaces the box's content.
 */
function onDrop(event) {
  const drop = $('drop');
  drop.classList.remove('over');
  const files = [...event.dataTransfer.files];
  const file = files[0];
  const text = file ? '' : event.dataTransfer.getData('text/plain');
  if (!file && text.length < LONG_TEXT && event.target === $('bounce')) {
    return;
  }
  event.preventDefault();
  if (file) {
    chooseFiles(files);
  } else if (text.length >= LONG_TEXT) {
    chooseLongText(text);
  } else if (text) {
    $('bounce').value = text;
    chooseText();
  }
}

/** Lines of a held text's preview, and characters of each. */
const PREVIEW_LINES = 3;
const PREVIEW_WIDTH = 100;

/**
 * The first lines of `text`, shortened, with control and
 * text-direction characters shown as escapes, as the core shows them in
 * a report (docs/architecture.md, "Hidden characters").
 */
function preview(text) {
  const start = text.slice(0, PREVIEW_LINES * (PREVIEW_WIDTH + 2) + 512)
    .replace(/^\s+/, '');
  const lines = start.split(/\r\n|\r|\n/).slice(0, PREVIEW_LINES)
    .map((line) => {
      // By code points, so that no character is cut in half.
      const shown = [...visible(line)];
      return shown.length > PREVIEW_WIDTH
        ? `${shown.slice(0, PREVIEW_WIDTH).join('')}…` : shown.join('');
    });
  return `${lines.join('\n')}\n…`;
}

/** `text` with C0 and C1 controls, DEL and direction marks as escapes. */
function visible(text) {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) =>
      `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) =>
      `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Decodes the chosen file or the pasted text and shows the result. */
async function decodeCurrent({ focus, keep = false }) {
  const lang = state.lang;
  // Only the latest request is shown: an earlier one answering late
  // (a sending IP sent twice in a row) would show what is no longer
  // asked.
  const ticket = ++state.ticket;
  state.busy = true;
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
    if (!keep) state.edits.clear();
    state.reports = reports;
    state.unread = reports.unread ?? [];
    show(focus);
  } catch (failure) {
    if (ticket === state.ticket) {
      state.busy = false;
      showFailed(failure);
    }
  } finally {
    clearTimeout(progress);
  }
  if (ticket === state.ticket) idle();
}

/** Read usable again, with no decoding shown under way. */
function idle() {
  state.busy = false;
  $('progress').hidden = true;
  const busy = $('submit');
  busy.disabled = false;
  busy.textContent = t('input.submit', state.lang);
}

/**
 * Stops a decoding under way, when the text it reads is cleared or
 * replaced: its result would belong to a text no longer shown. The
 * worker is stopped and a fresh one started, so that Read is usable at
 * once.
 */
function cancelDecode() {
  if (!state.busy) return;
  state.ticket += 1;
  decoder.cancel();
  idle();
}

/**
 * Shows a failure; a file over the limit refused by the worker (not a
 * MIME message read up to it) is refused as one refused by its size
 * alone, so that its reason stays what the page says.
 */
function showFailed(failure) {
  const input = state.input;
  if (failure.code === 'too-large' && input?.name && !input.files) {
    $('file').value = '';
    refuse(input.size, input.name);
    return;
  }
  showFailure(failure);
}

/**
 * The reports of the input with the sending IP typed. A refused IP
 * keeps its reason for the form, and the reports are those without an
 * IP: the links go back to what they were before any IP was typed.
 */
async function reportsWithIp(lang, text) {
  const asked = state.ip;
  try {
    const reports = await request(lang, asked.value || null, text);
    // The form confirms the form the links use: 198.51.100.7 for
    // "::ffff:198.51.100.7".
    if (asked.done) {
      asked.done = (await decoder.checkIp(asked.value, lang)) ?? asked.done;
    }
    return reports;
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
      { size: sizeText(size, lang) });
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

/** A size in KiB or MiB, with the decimal sign of `lang`. */
function sizeText(bytes, lang) {
  const text = bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
  return lang === 'id' ? text.replace('.', ',') : text;
}

function request(lang, sendingIp, text) {
  const input = state.input;
  if (input?.files) return requestFiles(input, lang, sendingIp);
  const data = input ? input.bytes ?? input.text : text;
  return decoder.decodeLog(data, lang, sendingIp, input?.size);
}

/** Failures that are no file's own: they stop the whole decode. */
const NOT_THE_FILE = new Set(['invalid-ip', 'load-failed', 'internal',
  'cancelled']);

/**
 * The reports of every file held, each tagged with its file's name
 * (`page_file`); `unread` on the array names the files not read, with
 * why. A decode in which no file was read fails as the first did.
 */
async function requestFiles(input, lang, sendingIp) {
  const reports = [];
  const unread = [...input.unread];
  let first = null;
  for (const file of input.files) {
    try {
      const got = await decoder.decodeLog(file.bytes, lang, sendingIp,
        file.size);
      for (const report of got) report.page_file = file.name;
      reports.push(...got);
    } catch (failure) {
      if (NOT_THE_FILE.has(failure.code)) throw failure;
      first ??= failure;
      unread.push({ name: file.name, text: failure.message });
    }
  }
  if (reports.length === 0) throw first;
  reports.unread = unread;
  return reports;
}

/** Hides the result, and the link that skips to it. */
function hideResult() {
  const result = $('result');
  result.hidden = true;
  $('skip').hidden = true;
  clear(result);
}

/**
 * What stands above the report of several (the files not read, the
 * totals, the list of messages), kept while only the message shown
 * changes: a list of thousands is not made again at each arrow key.
 */
let head = { reports: null, nodes: [] };

function show(focus, { focusId = null } = {}) {
  const report = state.report;
  const result = $('result');
  if (head.reports === state.reports && head.lang === state.lang
    && result.contains(head.nodes[0] ?? null)) {
    for (const node of [...result.children]) {
      if (!head.nodes.includes(node)) node.remove();
    }
    if ($('message-pick')) {
      selectMessage(result, state.reports, state.current, state.lang);
    }
  } else {
    clear(result);
    head = {
      reports: state.reports,
      lang: state.lang,
      nodes: [unreadFiles(state.unread, state.lang),
        logTotals(state.reports, state.lang),
        messagesNav(state.reports, state.current, state.lang),
      ].filter(Boolean),
    };
    result.append(...head.nodes);
    wireNav();
  }
  result.append(...renderReport(report, state.lang, state.ip)
    .filter(Boolean));
  keepEdit(report);
  result.hidden = false;
  $('skip').hidden = false;
  keepPickInView($('message-pick'));
  wireResult();
  const several = state.reports.length > 1;
  $('status').textContent = several
    ? messagesReady(state.reports, state.current, state.lang)
    : t('result.ready', state.lang, { summary: report.summary });
  if (focusId) $(focusId)?.focus();
  else if (focus) {
    // Focus alone scrolls a tall section to its middle: the headline
    // and "How serious" would be above the view. The result is read
    // from its top.
    result.focus({ preventScroll: true });
    result.scrollIntoView({ block: 'start' });
  }
}

/** Scrolls the list of messages as little as shows the one picked. */
function keepPickInView(pick) {
  if (!pick || pick.options.length === 0) return;
  const line = pick.scrollHeight / pick.options.length;
  const y = pick.selectedIndex * line;
  if (y < pick.scrollTop) pick.scrollTop = y;
  else if (y + line > pick.scrollTop + pick.clientHeight) {
    pick.scrollTop = y + line - pick.clientHeight;
  }
}

/** Shows the message at `index` of an mbox's reports. */
function showMessage(index, focusId) {
  if (index < 0 || index >= state.reports.length) return;
  state.current = index;
  show(false, { focusId });
}

/** The list of messages and its buttons, once when they are made. */
function wireNav() {
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
  $('reply-text')?.addEventListener('input', (event) => {
    $('reply-print').textContent = event.target.value;
    state.edits.set(state.current, event.target.value);
  });
  $('print')?.addEventListener('click', () => globalThis.print());
  $('another')?.addEventListener('click', () => {
    const box = $('bounce');
    box.focus({ preventScroll: true });
    box.select();
    $('decode-form').scrollIntoView({ block: 'start' });
  });
}

/**
 * Puts back the agent's edit of the ticket reply of the report shown,
 * made again in another language or with a sending IP, and says so,
 * with a button that takes the reply made in the page's language.
 */
function keepEdit(report) {
  const box = $('reply-text');
  const edit = state.edits.get(state.current);
  if (!box || edit === undefined) return;
  if (edit === report.ticket_reply) {
    state.edits.delete(state.current);
    return;
  }
  box.value = edit;
  $('reply-print').textContent = edit;
  const take = el('button', { type: 'button', id: 'reply-generated',
    class: 'secondary' }, t('reply.generated', state.lang));
  const note = el('p', { id: 'reply-kept', class: 'hint' },
    t('reply.kept', state.lang), ' ', take);
  box.setAttribute('aria-describedby', 'reply-kept');
  box.before(note);
  take.addEventListener('click', () => {
    state.edits.delete(state.current);
    box.value = report.ticket_reply;
    $('reply-print').textContent = report.ticket_reply;
    box.removeAttribute('aria-describedby');
    note.remove();
    box.focus();
  });
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
    const typed = /\S/.test($('bounce').value);
    // The box is empty because an input was refused for its size: its
    // reason, not "the input is empty".
    if (!typed && !state.input && state.refused) {
      showRefusal();
      return;
    }
    if (typed || !state.input) chooseText();
    decodeCurrent({ focus: true });
  });
  $('bounce').addEventListener('input', () => {
    if (state.input || state.refused) chooseText();
    else cancelDecode();
  });
  $('bounce').addEventListener('paste', onPaste);
  $('bounce').addEventListener('keydown', onShortcut);
  $('clear').addEventListener('click', clearAll);
  $('held-remove').addEventListener('click', clearAll);
  $('file').addEventListener('change', (event) =>
    chooseFiles([...event.target.files]));
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', onDrop);
}

/**
 * Ctrl+Enter (Cmd+Enter on a Mac) in the text box reads it, as the
 * button does; a key that completes an input method's word does not.
 */
function onShortcut(event) {
  const modified = event.ctrlKey || event.metaKey;
  if (event.key !== 'Enter' || !modified || event.isComposing) return;
  if (event.altKey || event.shiftKey) return;
  event.preventDefault();
  if ($('submit').disabled) return;
  $('decode-form').requestSubmit($('submit'));
}

/** Empties the box, drops what was held and the result. */
function clearAll() {
  $('bounce').value = '';
  chooseText();
  state.reports = [];
  state.unread = [];
  hideResult();
  showInputError('');
  $('status').textContent = '';
  $('bounce').focus();
}

/** Printing shows the folded details too. */
function setupPrint() {
  let opened = false;
  globalThis.addEventListener('beforeprint', () => {
    const details = $('details');
    opened = details ? !details.open : false;
    // Made now: the toggle event would come after the page is laid out
    // for print.
    details?.fill?.();
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
