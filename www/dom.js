// SPDX-License-Identifier: MIT
// Building DOM safely: text only ever goes in as text nodes, links only
// from URLs the report built from Pantul's catalog.

/**
 * An element with attributes and children; strings become text nodes,
 * null and false are skipped. No HTML is ever parsed.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number'
      ? document.createTextNode(String(child)) : child);
  }
}

/** True if and only if `url` is an absolute http(s) URL. */
export function isWebUrl(url) {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A link that opens in a new tab, for a URL from the report's catalog
 * fields; anything but http(s) becomes plain text.
 */
export function link(url, text, newTabNote) {
  if (!isWebUrl(url)) return el('span', {}, text);
  return el('a', {
    href: url,
    target: '_blank',
    rel: 'noopener noreferrer',
  }, text, newTabNote ? el('span', { class: 'visually-hidden' },
    ` ${newTabNote}`) : null);
}

/** Removes every child of `node`. */
export function clear(node) {
  node.replaceChildren();
}
