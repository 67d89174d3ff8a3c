// DOM helpers. Every piece of data reaches the page as a text node or an attribute value set
// through the DOM, never as HTML: a symbol name, a rule reason or an LLM answer containing markup
// shows as text and runs nothing (with the CSP as a second wall).

/** h('td', { class: 'num' }, 'text', childNode, …) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function fmt(value, digits) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return digits === undefined ? String(value) : value.toFixed(digits);
  return String(value);
}

/** A table from column specs: [header, (row) => cell content, { num: true }?]. */
export function table(columns, rows, attrs = {}) {
  return h(
    'table',
    attrs,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map(([title]) => h('th', {}, title)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          columns.map(([, cell, opts]) => h('td', opts?.num ? { class: 'num' } : {}, cell(row))),
        ),
      ),
    ),
  );
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}
