// SPDX-License-Identifier: MIT
// The result: the answer first, how serious, what to do, the lists and
// their links, each recipient, a reply for the ticket, then the
// technical details. Every text from the report goes in as text.

import { el, link } from './dom.js';
import { formatName } from './formats.js';
import { totals } from './pantul/api.js';
import { t, reasonName } from './strings.js';

/**
 * The result's content for `report` in `lang`. `ip` holds the sending
 * IP form's state: { value, error, done }.
 */
export function renderReport(report, lang, ip) {
  const tr = (key, values) => t(key, lang, values);
  return [
    el('h2', { id: 'result-heading' }, tr('result.heading')),
    el('p', { class: 'summary' }, report.summary),
    severity(report, tr, lang),
    warnings(report, tr),
    needsIp(report, ip) ? ipForm(ip, tr) : null,
    advice(report, tr, lang),
    lists(report, tr, lang),
    recipients(report, tr, lang),
    reply(report, tr),
    details(report, tr, lang),
    el('p', { class: 'print-row actions' },
      el('button', { type: 'button', id: 'print', class: 'secondary' },
        tr('print.button')),
      // Back to the box for the next ticket, by keyboard too; the
      // result stays until the next one is read.
      el('button', { type: 'button', id: 'another', class: 'secondary' },
        tr('result.another'))),
  ];
}

/**
 * True when `reports` are those of the queued messages of a mail log or
 * queue listing, more than one: each names its queue id.
 */
export function isLog(reports) {
  return reports.length > 1 && fileCount(reports) < 2
    && reports.every((r) => r.queue_id);
}

/**
 * How many files the reports came from: a drop of several files tags
 * each report with its file's name (app.js), one file or a paste none.
 */
function fileCount(reports) {
  return new Set(reports.map((r) => r.page_file).filter(Boolean)).size;
}

/** `text` isolated from the text around it, for bounce text in a line. */
function isolate(text) {
  return `\u2068${text}\u2069`;
}

/** Characters of an address at most in a message's line. */
const LINE_ADDRESS = 40;

/**
 * `text` cut in its middle to LINE_ADDRESS characters (code points, so
 * that none is cut in half), its start and its domain's end kept.
 */
function shorten(text) {
  const chars = [...text];
  if (chars.length <= LINE_ADDRESS) return text;
  const head = Math.floor((LINE_ADDRESS - 1) / 2);
  const tail = LINE_ADDRESS - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(-tail).join('')}`;
}

/** Reasons named at most in a message's line; the rest are counted. */
const LINE_REASONS = 2;

/**
 * One short line for the report at `i` of several: whom it is for, why
 * and what it is, such as "3 · a@example.com +1 · mailbox full ·
 * Bounced", so that a long list can be scanned, on a phone too.
 */
function messageLine(reports, i, prefix, tr, lang) {
  const r = reports[i];
  const people = r.recipients;
  // The first whose mail failed names the line, else the first.
  const first = people.find(isFailure) ?? people[0];
  const who = people.length === 0 ? tr('messages.no-recipient')
    : `${isolate(shorten(recipientName(first, tr)))}${people.length > 1
      ? ` +${count(people.length - 1, lang)}` : ''}`;
  const names = [...new Set(people.filter(isFailure)
    .map((p) => shortReason(p, tr, lang)))];
  const why = names.slice(0, LINE_REASONS).join(', ')
    + (names.length > LINE_REASONS ? ` +${names.length - LINE_REASONS}` : '');
  return [prefix, who, why, tr(`kind.${r.kind}`)].filter(Boolean)
    .join(' · ');
}

/** Most first; of as many, by name, as the CLI's totals. */
function byCount(a, b) {
  return b[1] - a[1] || a[0].localeCompare(b[0]);
}

/** `n` with the digit grouping of `lang`: 1,000 or 1.000. */
function count(n, lang) {
  return n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');
}

/** How many recipients of each action, most first, as a list. */
function actionCounts(sum, tr, lang) {
  return Object.entries(sum.actions).sort(byCount)
    .map(([action, n]) => `${tr(action === 'none' ? 'value.unknown'
      : `action.${action}`)} ${count(n, lang)}`).join(', ');
}

/** Most common reasons first, at most this many. */
const TOP_REASONS = 3;

/** How many reports of each kind, most first, as a list. */
function kindCounts(sum, tr, lang) {
  return Object.entries(sum.kinds).sort(byCount)
    .map(([kind, n]) => `${tr(`kind.${kind}`)} ${count(n, lang)}`)
    .join(', ');
}

/**
 * The totals over several reports, above the one shown: how many
 * messages (of each kind, for an mbox or several files) and recipients,
 * by action, the unusable addresses and the most common causes of
 * failure. Null for a single report.
 */
export function logTotals(reports, lang) {
  if (reports.length < 2) return null;
  const tr = (key, values) => t(key, lang, values);
  const sum = totals(reports);
  const log = isLog(reports);
  const files = fileCount(reports);
  // Only the first queued messages of a very long log were read.
  const skipped = log
    ? reports[0].warning_ids.indexOf('warning.too-many-queued') : -1;
  // Each failure counted by the name its row gives it, so that a
  // Yahoo deferral is not counted as a refusal; of as many, by reason,
  // as the CLI's totals.
  const named = new Map();
  for (const one of reports) {
    for (const r of one.recipients.filter(isFailure)) {
      const name = shortReason(r, tr, lang);
      const seen = named.get(name) ?? { n: 0, reason: r.reason };
      named.set(name, { ...seen, n: seen.n + 1 });
    }
  }
  const reasons = [...named]
    .sort(([, a], [, b]) => b.n - a.n || a.reason.localeCompare(b.reason))
    .slice(0, TOP_REASONS)
    .map(([name, { n }]) => `${name} ${count(n, lang)}`);
  let heading;
  if (files > 1) heading = 'files.heading';
  else if (!log) heading = 'mbox.heading';
  else heading = skipped < 0 ? 'log.heading' : 'log.heading-first';
  return el('section', {
    class: 'log-totals', 'aria-labelledby': 'log-totals-heading',
  },
  el('h2', { id: 'log-totals-heading' }, tr(heading,
    { count: count(sum.reports, lang), files: count(files, lang) })),
  el('ul', {},
    skipped < 0 ? null : el('li', {}, reports[0].warnings[skipped]),
    log ? null : el('li', {},
      tr('totals.kinds', { list: kindCounts(sum, tr, lang) })),
    el('li', {}, tr('log.recipients', {
      count: count(sum.recipients, lang), list: actionCounts(sum, tr, lang),
    })),
    sum.hard_bounces ? el('li', {},
      tr('log.hard', { count: count(sum.hard_bounces, lang) })) : null,
    reasons.length ? el('li', {},
      tr('log.reasons', { list: reasons.join(', ') })) : null));
}

/**
 * The files of a drop of several that were not read, and why; null when
 * every file was read. `unread` holds { name, text } (the core's words)
 * or { name, key, values } (the page's).
 */
export function unreadFiles(unread, lang) {
  if (!unread?.length) return null;
  return el('div', { class: 'warnings unread' },
    el('h2', {}, t('files.unread-heading', lang,
      { count: count(unread.length, lang) })),
    el('ul', {}, unread.map((u) => el('li', {},
      el('strong', {}, u.name), ': ', u.text ?? t(u.key, lang, u.values)))));
}

/**
 * What the navigation says of the report at `i`: its number in an mbox
 * file, or its queue id in a mail log or queue listing.
 */
function navTexts(reports, lang) {
  const tr = (key, values) => t(key, lang, values);
  const number = (i) => reports[i].message ?? i + 1;
  const count = reports.length;
  const line = (i, prefix) => messageLine(reports, i, prefix, tr, lang);
  const files = fileCount(reports);
  if (files > 1) {
    // A file of several messages names which of them.
    const many = new Set(reports.filter((r) => r.message > 1)
      .map((r) => r.page_file));
    const name = (i) => (many.has(reports[i].page_file)
      ? `${reports[i].page_file} #${reports[i].message ?? 1}`
      : reports[i].page_file);
    return {
      option: (i) => line(i, isolate(name(i))),
      found: (i) => tr('files.found', { count, files, name: name(i) }),
      label: tr('messages.label'),
      previous: tr('messages.previous'),
      next: tr('messages.next'),
      ready: (i) => tr('files.ready',
        { count, files, name: name(i), summary: reports[i].summary }),
    };
  }
  if (isLog(reports)) {
    const id = (i) => reports[i].queue_id;
    return {
      option: (i) => line(i, id(i)),
      found: (i) => tr('log.found', { count, n: i + 1, id: id(i) }),
      label: tr('log.label'),
      previous: tr('log.previous'),
      next: tr('log.next'),
      ready: (i) => tr('log.ready',
        { count, id: id(i), summary: reports[i].summary }),
    };
  }
  return {
    option: (i) => line(i, String(number(i))),
    found: (i) => tr('messages.found', { count, n: number(i) }),
    label: tr('messages.label'),
    previous: tr('messages.previous'),
    next: tr('messages.next'),
    ready: (i) => tr('messages.ready',
      { count, n: number(i), summary: reports[i].summary }),
  };
}

/**
 * What the live region says when the result of several reports is
 * shown, the one at `current` among them.
 */
export function messagesReady(reports, current, lang) {
  return navTexts(reports, lang).ready(current);
}

/**
 * Marks the report at `current` as the one shown in the navigation
 * within `root`, made by messagesNav for the same reports.
 */
export function selectMessage(root, reports, current, lang) {
  const texts = navTexts(reports, lang);
  root.querySelector('#messages-note').textContent = texts.found(current);
  root.querySelector('#message-pick').value = String(current);
  root.querySelector('#message-previous').disabled = current === 0;
  root.querySelector('#message-next').disabled =
    current === reports.length - 1;
}

/** Lines of the list of messages seen at once. */
const LIST_LINES = 8;

/**
 * The navigation between the messages of an mbox file, or the queued
 * messages of a mail log or queue listing: how many were found, which
 * one is shown, a list to pick one and previous / next buttons. Null
 * for a single message.
 */
export function messagesNav(reports, current, lang) {
  if (reports.length < 2) return null;
  const texts = navTexts(reports, lang);
  const options = reports.map((r, i) => el('option', {
    value: String(i), selected: i === current,
  }, texts.option(i)));
  return el('nav', { class: 'messages', 'aria-labelledby': 'messages-note' },
    el('p', { id: 'messages-note', class: 'messages-note' },
      texts.found(current)),
    el('div', { class: 'messages-pick' },
      el('label', { for: 'message-pick' }, texts.label),
      // A list of several lines, one a message, to scan at a glance.
      el('select', {
        id: 'message-pick', size: Math.min(reports.length, LIST_LINES),
      }, options)),
    el('div', { class: 'messages-row' },
      el('button', {
        type: 'button', id: 'message-previous', class: 'secondary',
        disabled: current === 0,
      }, texts.previous),
      el('button', {
        type: 'button', id: 'message-next', class: 'secondary',
        disabled: current === reports.length - 1,
      }, texts.next)));
}

function recipientName(r, tr) {
  if (r.address) return r.address;
  return r.address_masked ? tr('value.masked') : tr('value.unknown');
}

/** Runs of consecutive numbers of `ns` (ascending), as [first, last]. */
function runs(ns) {
  const out = [];
  for (const n of ns) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Runs of recipient numbers named one by one; the rest are counted. */
const SHOWN_RUNS = 8;

/**
 * Recipient numbers `ns` (1-based, ascending) said short: runs of three
 * or more as ranges ("1–3, 5, 7, 8"), and past the first SHOWN_RUNS
 * runs only how many more, so that a notice of 1,000 recipients does not
 * list hundreds of numbers.
 */
export function numberList(ns, lang) {
  const all = runs(ns);
  const said = all.slice(0, SHOWN_RUNS).map(([a, b]) => {
    if (a === b) return count(a, lang);
    if (b === a + 1) return `${count(a, lang)}, ${count(b, lang)}`;
    return `${count(a, lang)}–${count(b, lang)}`;
  }).join(', ');
  const rest = all.slice(SHOWN_RUNS).reduce((n, [a, b]) => n + b - a + 1, 0);
  return rest ? t('recipients.more', lang, { list: said,
    count: count(rest, lang) }) : said;
}

/**
 * Which recipients of `report` a card is for, by `key` (`advice.for`,
 * `lists.for`): nothing when the notice has one recipient, "all N" when
 * it is for every one of several (not when only the first ones of a
 * longer notice were read), else their number or numbers said short.
 */
function forWhom(key, indexes, report, tr, lang) {
  const total = report.recipients.length;
  if (total < 2) return null;
  const cut = report.warning_ids.includes('warning.too-many-recipients');
  if (indexes.length === total && !cut) {
    return tr(`${key}-all`, { count: count(total, lang) });
  }
  return tr(indexes.length === 1 ? `${key}-one` : key,
    { list: numberList(indexes.map((i) => i + 1), lang) });
}

/**
 * Reasons that are not a failure at all (as src/advise/timing.rs has
 * them): neither temporary nor permanent, each named for what it is.
 */
const NOT_A_FAILURE = {
  delivered: 'severity.short-delivered',
  vacation: 'severity.short-auto-reply',
  feedback: 'severity.short-feedback',
};

/** What the severity box says when no recipient failed, by kind. */
const NO_FAILURE = {
  delivered: 'severity.delivered',
  'auto-reply': 'severity.auto-reply',
  'feedback-report': 'severity.feedback',
};

function isFailure(r) {
  return r.action !== 'delivered' && !(r.reason in NOT_A_FAILURE);
}

/**
 * How serious, for every failed recipient: permanent, temporary, or
 * (when they differ) how many of each and which; which addresses are
 * unusable; and who must act.
 */
function severity(report, tr, lang) {
  const failed = [];
  const fine = [];
  report.recipients.forEach((r, i) => {
    (isFailure(r) ? failed : fine).push({ r, n: i + 1 });
  });
  const permanent = failed.filter(({ r }) => r.permanent);
  const temporary = failed.filter(({ r }) => !r.permanent);
  const hard = failed.filter(({ r }) => r.hard_bounce);
  const list = (group) => numberList(group.map(({ n }) => n), lang);
  const total = failed.length;
  // Delivered recipients beside failed ones: every count is of all
  // recipients, and the delivered ones are said too.
  const everyone = fine.length > 0 && total > 0
    ? report.recipients.length : total;
  const lines = [];
  let tone;
  if (total === 0 && report.warning_ids.includes('warning.phishing-signs')) {
    tone = 'permanent';
    lines.push(tr('severity.phishing'));
  } else if (total === 0
    && report.warning_ids.includes('warning.app-send-error')) {
    // The email app's own error: nothing was sent, the sender acts.
    tone = 'temporary';
    lines.push(tr('severity.app-send-error'));
  } else if (total === 0 && report.warning_ids.includes('warning.unreadable')) {
    // A failure the core could not read is not "no failure".
    tone = 'temporary';
    lines.push(tr('severity.unreadable'));
  } else if (total === 0) {
    tone = 'done';
    lines.push(tr(NO_FAILURE[report.kind] ?? 'severity.none'));
  } else if (temporary.length === 0 && everyone === total) {
    tone = 'permanent';
    lines.push(tr('severity.permanent'));
  } else if (permanent.length === 0 && everyone === total) {
    tone = 'temporary';
    lines.push(tr('severity.temporary'));
  } else {
    tone = 'mixed';
    const outcomes = [
      [fine, 'severity.outcome-delivered'],
      [permanent, 'severity.outcome-failed'],
      [temporary, 'severity.outcome-delayed'],
    ].filter(([group]) => group.length)
      .map(([group, key]) => tr(key, { count: count(group.length, lang) }));
    lines.push(el('strong', {}, tr('severity.mixed', {
      total: count(everyone, lang), list: outcomes.join(', '),
    })));
    const share = (key, group) => {
      if (group.length) {
        lines.push(tr(key, { count: count(group.length, lang),
          total: count(everyone, lang), list: list(group) }));
      }
    };
    share('severity.mixed-delivered', fine);
    share('severity.mixed-permanent', permanent);
    share('severity.mixed-temporary', temporary);
  }
  if (hard.length > 0 && hard.length === everyone) {
    lines.push(tr(everyone === 1 ? 'severity.hard' : 'severity.hard-all'));
  } else if (hard.length > 0) {
    const key = hard.length === 1 ? 'severity.hard-one' : 'severity.hard-some';
    lines.push(tr(key, { list: list(hard) }));
  }
  // "Nobody" is said two ways: the server still retries, or there is
  // nothing to do at all (a delivery, an auto-reply).
  // A delivered recipient beside failed ones leaves someone to act.
  // A text with no bounce in it has no failure to act on: its advice
  // asks for the bounce, and no line names who acts. A phishing lure
  // dressed as a bounce was sent to the reader, who sent nothing: its
  // advice (who "sender" in the report) is for the one who received it.
  const actors = [...new Set(report.advice
    .filter((a) => a.id !== 'not-a-bounce')
    .map((a) => {
      if (a.id === 'phishing') return 'reader';
      return a.who === 'nobody' && a.action === 'none' ? 'nobody-done' : a.who;
    }))];
  const who = actors.length > 1
    ? actors.filter((w) => w !== 'nobody-done') : actors;
  return el('div', { class: `severity ${tone}` },
    el('p', { class: 'kind' }, el('span', { class: 'badge' },
      tr(`kind.${report.kind}`))),
    el('h3', { class: 'visually-hidden' }, tr('severity.label')),
    lines.map((line) => el('p', {}, line)),
    who.length ? el('p', {}, el('strong', {}, `${tr('who.label')}: `),
      who.map((w) => tr(`who.${w}`)).join('; ')) : null);
}

function warnings(report, tr) {
  if (report.warnings.length === 0) return null;
  return el('div', { class: 'warnings' },
    el('h3', {}, tr('warnings.heading')),
    el('ul', {}, report.warnings.map((w, i) =>
      el('li', { 'data-id': report.warning_ids[i] }, w))));
}

/**
 * True when a listing wants the sending IP that the notice hides and has
 * a link to fill it into (iCloud's CS01 has none).
 */
function needsIp(report, ip) {
  if (ip.value) return true;
  if (report.warning_ids.includes('warning.masked-ip')) return true;
  return report.recipients.some((r) => r.listings.some((l) =>
    (l.listed_kind === 'ip' || l.listed_kind === 'network') && !l.listed
    && (l.lookup_url || l.delist_url)));
}

function ipForm(ip, tr) {
  const describedBy = ip.error ? 'ip-hint ip-error' : 'ip-hint';
  return el('form', { id: 'ip-form', class: 'ip', novalidate: true },
    el('h3', {}, tr('ip.heading')),
    el('p', { id: 'ip-hint', class: 'hint' }, tr('ip.hint')),
    el('label', { for: 'sending-ip' }, tr('ip.label')),
    el('div', { class: 'ip-row' },
      el('input', {
        id: 'sending-ip',
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        spellcheck: 'false',
        value: ip.value ?? '',
        'aria-describedby': describedBy,
        'aria-invalid': ip.error ? 'true' : null,
      }),
      el('button', { type: 'submit' }, tr('ip.submit'))),
    ip.error ? el('p', { id: 'ip-error', class: 'error', role: 'alert' },
      ip.error) : null,
    ip.done ? el('p', { class: 'done' }, tr('ip.done', { ip: ip.done }))
      : null);
}

function advice(report, tr, lang) {
  if (report.advice.length === 0) return null;
  return el('div', { class: 'advice' },
    el('h3', {}, tr('advice.heading')),
    report.advice.map((a) => {
      const whom = a.recipients.length
        ? forWhom('advice.for', a.recipients, report, tr, lang) : null;
      return el('article', { 'data-advice': a.id },
        el('h4', {}, a.title),
        el('p', {}, a.summary),
        el('ol', { class: 'steps' }, a.steps.map((s) => el('li', {}, s))),
        whom ? el('p', { class: 'hint for' }, whom) : null);
    }));
}

/** One card per listing and listed value, naming its recipients. */
function lists(report, tr, lang) {
  const cards = new Map();
  report.recipients.forEach((r, i) => {
    for (const l of r.listings) {
      const key = `${l.id}\u0000${l.listed ?? ''}`;
      if (!cards.has(key)) cards.set(key, { list: l, recipients: [] });
      cards.get(key).recipients.push(i);
    }
  });
  if (cards.size === 0) return null;
  return el('div', { class: 'lists' },
    el('h3', {}, tr(listsHeading([...cards.values()]))),
    [...cards.values()].map(({ list, recipients }) =>
      listCard(list, forWhom('lists.for', recipients, report, tr, lang),
        tr)));
}

/** Kinds that are a provider's rule or the sender's own host's limit. */
const POLICY_KINDS = new Set(['provider-policy', 'hosting-limit']);

/**
 * The heading's key for what the cards hold: a cPanel hourly limit or
 * Gmail's policy is no blocklist.
 */
function listsHeading(cards) {
  const policies = cards.filter(({ list }) => POLICY_KINDS.has(list.kind));
  if (policies.length === 0) return 'lists.heading';
  if (policies.length === cards.length) return 'lists.heading-policies';
  return 'lists.heading-mixed';
}

function listCard(l, whom, tr) {
  const newTab = tr('lists.new-tab');
  const linkItems = [
    l.lookup_url && link(l.lookup_url, tr('lists.lookup', { name: l.name }),
      newTab),
    l.delist_url && link(l.delist_url, tr('lists.delist', { name: l.name }),
      newTab),
    l.doc_url && link(l.doc_url, tr('lists.doc', { name: l.operator }),
      newTab),
  ].filter(Boolean);
  const status = l.status === 'active' ? null
    : el('p', { class: 'error' }, tr(`liststatus.${l.status}`));
  return el('article', { class: 'card', 'data-list': l.id },
    el('h4', {}, l.name),
    l.note ? el('p', {}, l.note) : null,
    status,
    el('dl', {},
      el('dt', {}, tr('lists.operator')), el('dd', {}, l.operator),
      el('dt', {}, tr('lists.kind')), el('dd', {}, l.kind_label),
      el('dt', {}, tr('lists.listed')),
      el('dd', {}, el('span', { class: 'listed' },
        l.listed ?? tr('lists.listed-unknown')),
      el('small', {}, l.listed_label)),
      l.delisting ? [el('dt', {}, tr('lists.delisting')),
        el('dd', {}, l.delisting)] : null),
    el('ul', { class: 'links' }, linkItems.map((a) => el('li', {}, a))),
    whom ? el('p', { class: 'hint for' }, whom) : null);
}

/**
 * The recipients table's columns, each naming its label (`field.<name>`),
 * its header's id and its class (`col-<name>`).
 */
const COLUMNS = ['number', 'address', 'reason', 'reply', 'status',
  'command', 'remote'];

/**
 * One row group per recipient: its fields, then what its codes mean
 * across the whole width. On a phone each group is a card (style.css).
 */
function recipients(report, tr, lang) {
  if (report.recipients.length === 0) return null;
  const total = report.recipients.length;
  const group = (r, i) => el('tbody', { class: 'recipient' },
    recipientRow(r, i, tr, lang), meaningRow(r, tr));
  const table = el('table', {},
    el('caption', { class: 'visually-hidden' }, tr('recipients.caption')),
    el('thead', {}, el('tr', {},
      COLUMNS.map((k) => el('th', {
        scope: 'col', id: `col-${k}`, class: `col-${k}`,
      }, tr(`field.${k}`))))),
    report.recipients.slice(0, RECIPIENT_ROWS).map(group));
  if (total <= RECIPIENT_ROWS) {
    return el('div', { class: total > FEW_ROWS ? 'recipients many'
      : 'recipients' },
      el('h3', {}, tr('recipients.heading', { count: count(total, lang) })),
      table);
  }
  // Hundreds of rows take the browser a second to lay out at each
  // result: the first ones are shown, the others when asked for, and a
  // recipient is found by address.
  const shows = (indexes) => {
    for (const body of table.querySelectorAll('tbody')) body.remove();
    table.append(...indexes.map((i) => group(report.recipients[i], i)));
  };
  const note = el('p', { class: 'hint', tabindex: '-1', id: 'rows-note' },
    tr('recipients.first', { count: count(RECIPIENT_ROWS, lang),
      total: count(total, lang) }));
  const button = el('button', { type: 'button', class: 'secondary',
    id: 'all-recipients' }, tr('recipients.show-all',
    { count: count(total - RECIPIENT_ROWS, lang) }));
  let all = false;
  const unfiltered = () => {
    note.textContent = all
      ? tr('recipients.all-shown', { total: count(total, lang) })
      : tr('recipients.first', { count: count(RECIPIENT_ROWS, lang),
        total: count(total, lang) });
    button.hidden = all;
  };
  button.addEventListener('click', () => {
    all = true;
    find.value = '';
    shows(report.recipients.map((_, i) => i));
    unfiltered();
    note.focus();
  });
  const find = el('input', { type: 'search', id: 'find-recipient',
    autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'rows-note' });
  find.addEventListener('input', () => {
    const query = find.value.trim().toLowerCase();
    if (!query) {
      shows([...report.recipients.keys()].slice(0, all ? total
        : RECIPIENT_ROWS));
      unfiltered();
      return;
    }
    const found = [];
    report.recipients.forEach((r, i) => {
      if ((r.address ?? '').toLowerCase().includes(query)) found.push(i);
    });
    shows(found.slice(0, RECIPIENT_ROWS));
    button.hidden = true;
    note.textContent = tr(found.length > RECIPIENT_ROWS
      ? 'recipients.found-first' : 'recipients.found', {
      count: count(found.length, lang), total: count(total, lang),
      shown: count(RECIPIENT_ROWS, lang),
    });
  });
  return el('div', { class: 'recipients many' },
    el('h3', {}, tr('recipients.heading', { count: count(total, lang) })),
    el('p', { class: 'find' },
      el('label', { for: 'find-recipient' }, tr('recipients.find')),
      find),
    el('div', { class: 'actions rows' }, note, button),
    table);
}

/** Rows of a table laid out with the result even when out of view. */
const FEW_ROWS = 20;

/** Recipients shown in the table at first; the others on request. */
const RECIPIENT_ROWS = 100;

function recipientRow(r, i, tr, lang) {
  const cell = (key, ...content) => el('td', {
    'data-label': tr(`field.${key}`), headers: `col-${key}`,
    class: `col-${key}`,
  }, ...content);
  const unknown = tr('value.unknown');
  const when = tr(NOT_A_FAILURE[r.reason] ?? (r.permanent
    ? 'severity.short-permanent' : 'severity.short-temporary'));
  return el('tr', { class: 'fields' },
    cell('number', String(i + 1)),
    cell('address', breakable('address', recipientName(r, tr))),
    cell('reason', el('span', { class: 'reason' },
      shortReason(r, tr, lang)), el('small', {}, when)),
    cell('reply', r.reply_code === null ? unknown : String(r.reply_code)),
    cell('status', r.status ?? unknown,
      r.status_inferred ? el('small', {}, tr('field.status-inferred'))
        : null),
    cell('command', r.command ?? unknown),
    cell('remote', remoteServer(r, unknown),
      r.remote_ip ? el('small', {}, r.remote_ip) : null));
}

/**
 * The receiving server: its host name, else the provider whose own mark
 * the reply carries (Gmail's notices name no host, but Google's "- gsmtp"
 * says whose server answered), else "unknown".
 */
function remoteServer(r, unknown) {
  if (r.remote_host) return breakable('host', r.remote_host);
  if (r.remote_provider) {
    return el('span', { class: 'provider' }, r.remote_provider);
  }
  return breakable('host', unknown);
}

/** Addresses and host names longer than this are no real ones. */
const LONGEST_NAME = 320;

/**
 * `text` in a span of `className` that may break after an "@" and
 * before a "." when it must, rather than inside a word: the pieces go
 * in as text, with a <wbr> between them. A text longer than any real
 * address or host name goes in whole (the style wraps it anywhere), so
 * that a hostile one cannot make thousands of elements.
 */
function breakable(className, text) {
  const pieces = text.length > LONGEST_NAME ? [text]
    : text.split(/(?<=@)|(?=\.)/);
  const parts = pieces.flatMap((piece, i) => (i ? [el('wbr'), piece]
    : [piece]));
  return el('span', { class: className }, parts);
}

/**
 * What the reply code and the status code mean, below the recipient's
 * fields; null when the report has neither meaning.
 */
function meaningRow(r, tr) {
  const lines = [
    r.reply_meaning && [String(r.reply_code ?? ''), r.reply_meaning],
    r.status_meaning && [r.status ?? '', r.status_meaning],
  ].filter(Boolean);
  if (lines.length === 0) return null;
  return el('tr', { class: 'meanings' },
    el('td', {
      colspan: COLUMNS.length, headers: 'col-reply col-status',
      'data-label': tr('field.meaning'),
    }, lines.map(([code, meaning]) => el('p', {},
      el('span', { class: 'code' }, code), ' ', meaning))));
}

/**
 * The reason's short name; "expired" names a retry that gave up, so a
 * recipient the server still retries is named "delivery delayed".
 */
function shortReason(r, tr, lang) {
  if (r.reason === 'expired' && !r.permanent) return tr('reason.delayed');
  if (DEFERRED.has(r.reason) && isDeferral(r)) {
    return tr(`reason.${r.permanent ? 'expired' : 'deferred'}-${r.reason}`);
  }
  return reasonName(r.reason, lang);
}

/**
 * Reasons whose short name says "refused" or "blocked": one in a 4xx
 * reply (Yahoo's TSS04 "temporarily deferred") is named a deferral.
 */
const DEFERRED = new Set(['rejected', 'blocked']);

/** True when the receiving server meant its refusal to be temporary. */
function isDeferral(r) {
  if (r.reply_code !== null) return r.reply_code >= 400 && r.reply_code < 500;
  if (r.status) return r.status.startsWith('4.');
  return !r.permanent;
}

/**
 * The reason for support staff: its title, then its machine name, and
 * the coarser name of newer Sisimai releases only where it differs.
 */
function reasonDetail(r, tr) {
  const names = r.reason_group === r.reason ? r.reason
    : tr('reason.names', { reason: r.reason, group: r.reason_group });
  return `${r.reason_title} (${names})`;
}

function reply(report, tr) {
  if (!report.ticket_reply) return null;
  return el('div', { class: 'reply' },
    el('h3', {}, tr('reply.heading')),
    el('label', { for: 'reply-text' }, tr('reply.label')),
    el('textarea', { id: 'reply-text', rows: 8 }, report.ticket_reply),
    // A text box prints only the lines in its view: the page prints this
    // copy of the reply instead, kept as the agent edits it (app.js).
    el('div', {
      id: 'reply-print', class: 'reply-print', 'aria-hidden': 'true',
    }, report.ticket_reply),
    el('p', { class: 'actions' },
      el('button', { type: 'button', id: 'copy-reply' }, tr('reply.copy')),
      el('span', { id: 'copy-status', role: 'status' })));
}

/**
 * How often a mail log named the recipient: lines, deferrals, and the
 * time stamps of the first and last line as logged.
 */
function attemptsText(a, tr) {
  const unknown = tr('value.unknown');
  return tr('attempts.text', {
    count: a.count, deferred: a.deferred,
    first: a.first ?? unknown, last: a.last ?? unknown,
  });
}

function details(report, tr, lang) {
  const yesNo = (v) => tr(v ? 'value.yes' : 'value.no');
  const unknown = tr('value.unknown');
  const row = (key, value, attrs = {}) => [el('dt', {}, tr(key)),
    el('dd', attrs, value ?? unknown)];
  const person = (r, i) =>
    el('section', {},
      el('h4', {}, tr('details.recipient', { n: i + 1 }), ': ',
        recipientName(r, tr)),
      el('dl', {},
        el('dt', {}, tr('field.diagnostic')),
        el('dd', {}, el('pre', { class: 'diagnostic' },
          r.diagnostic ?? unknown)),
        row('field.action', r.action ? tr(`action.${r.action}`) : null),
        row('field.reason', reasonDetail(r, tr)),
        // The words of the bounce that decided: its language, not ours.
        row('field.evidence', r.evidence.text || null,
          { class: 'bounce-words' }),
        row('field.rule', r.evidence.rule || null),
        row('field.hard', yesNo(r.hard_bounce)),
        row('field.permanent', yesNo(r.permanent)),
        r.attempts ? row('field.attempts', attemptsText(r.attempts, tr))
          : null,
        r.listings.length ? row('field.matched',
          r.listings.map((l) => `${l.id}: ${l.matched}`).join('; '))
          : null));
  const o = report.original;
  const notice = el('section', {},
    el('h4', {}, tr('details.notice')),
    el('dl', {},
      row('field.format', formatName(report.format, lang) ?? report.format),
      row('field.input', tr(`input.${report.input}`)),
      row('field.reporting', report.reporting_mta),
      o.from ? row('field.from', o.from) : null,
      o.to ? row('field.to', o.to) : null,
      o.subject ? row('field.subject', o.subject) : null,
      o.date ? row('field.date', o.date) : null,
      o.message_id ? row('field.message-id', o.message_id) : null));
  // Hundreds of recipients: their sections are made when the details
  // are first opened (or printed), not with the result.
  const many = report.recipients.length > EAGER_DETAILS;
  const box = el('details', { class: 'details', id: 'details' },
    el('summary', {}, tr('details.heading')),
    many ? null : report.recipients.map(person), notice);
  if (many) {
    let made = false;
    box.fill = () => {
      if (made) return;
      made = true;
      notice.before(...report.recipients.map(person));
    };
    box.addEventListener('toggle', () => box.open && box.fill());
  }
  return box;
}

/** Recipients whose details are made with the result; more wait. */
const EAGER_DETAILS = 50;
