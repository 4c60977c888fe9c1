// DOM helpers. Data is only ever set as text (textContent, attribute values), never as HTML.

/**
 * Builds an element. attrs: class, text, on<Event> handlers, dataset (object), boolean and
 * string attributes. Children: nodes, strings (as text), arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const svg = SVG_TAGS.has(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[k] = v;
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'value' && !svg) {
      el.value = value;
    } else if (key === 'checked' || key === 'selected') {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children like h() does: null, undefined and false are skipped (DOM append would print them). */
export function put(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

const SVG_TAGS = new Set(['svg', 'g', 'rect', 'line', 'path', 'text', 'title', 'circle', 'polyline', 'desc']);

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/**
 * A highlighted snippet from the server, as DOM. The server wraps matches in <mark>…</mark>
 * (or <em>…</em>) and sends the rest as raw text: only those tags become <mark> elements,
 * everything else stays text. No HTML is parsed.
 */
export function snippet(text) {
  const out = h('span', { class: 'snippet' });
  let marked = false;
  for (const part of String(text).split(/(<\/?(?:mark|em)>)/i)) {
    if (/^<(mark|em)>$/i.test(part)) marked = true;
    else if (/^<\/(mark|em)>$/i.test(part)) marked = false;
    else if (part) out.appendChild(marked ? h('mark', {}, part) : document.createTextNode(part));
  }
  return out;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'UTC',
});

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${dateFormat.format(d)} UTC`;
}

/** A day the way the rest of the UI writes dates, without the time: "14 Aug 2026". */
export function day(iso) {
  return when(iso).replace(/,? \d\d:\d\d UTC$/, '');
}

export function time(iso) {
  return h('time', { datetime: iso || null }, when(iso));
}

export function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function number(n) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat('en-GB').format(n);
}

/** A "this part of Chatwarden is not on this server yet" panel. */
export function unavailable(what, detail) {
  return h('section', { class: 'panel notice', role: 'status' },
    h('h2', {}, `${what}: not available on this server yet`),
    h('p', {}, 'This server does not offer that part of the API. The rest of Chatwarden works as usual; this panel fills in once the feature is deployed.'),
    detail ? h('details', {}, h('summary', {}, 'Technical detail'), h('code', {}, detail)) : null);
}

/** An error panel for a failure that is not a missing feature. */
export function failure(what, error) {
  return h('section', { class: 'panel error', role: 'alert' },
    h('h2', {}, what),
    h('p', {}, String(error && error.message ? error.message : error)));
}

export function loading(label = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, label);
}

export function severityBadge(severity) {
  const s = String(severity || 'UNKNOWN');
  return h('span', { class: `badge sev sev-${s.toLowerCase()}` }, s.charAt(0) + s.slice(1).toLowerCase());
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}`.trim() }, text);
}
