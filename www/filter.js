// SPDX-License-Identifier: MIT
// The catalog page's filter: which entries a typed text names. Pure, so
// that it runs in Node's tests as well as in the page.

/** Every text of `entry` the filter looks in, lower-cased. */
function fields(entry, lang) {
  return [
    entry.name, entry.names?.id, entry.names?.en, entry.operator,
    entry.operators?.id, entry.operators?.en, entry.id,
    entry.kind,
    ...entry.zones, ...entry.phrases, ...entry.codes, ...entry.hosts,
    ...entry.cites, ...entry.answers,
    ...entry.code_cites.flatMap((c) => c.codes),
    entry.note?.[lang], entry.note?.en,
  ].filter(Boolean).map((s) => String(s).toLowerCase());
}

/** The strings that identify an entry when a pasted text holds them. */
function markers(entry) {
  return [
    ...entry.zones, ...entry.phrases, ...entry.codes, ...entry.hosts,
    ...entry.code_cites.flatMap((c) => c.codes),
  ].map((s) => s.toLowerCase()).filter((s) => s.length >= 4);
}

/**
 * True if `entry` answers the filter text `query`: every word of it is
 * found in the entry's name, operator, id, zones, phrases, provider
 * codes, hosts or description, or the text (such as a line pasted from
 * a bounce) contains one of the entry's zones, phrases, codes or hosts.
 */
export function matches(entry, query, lang = 'en') {
  const text = query.trim().toLowerCase();
  if (text === '') return true;
  const haystack = fields(entry, lang).join('\n');
  const words = text.split(/\s+/);
  if (words.every((w) => haystack.includes(w))) return true;
  return markers(entry).some((m) => text.includes(m));
}
