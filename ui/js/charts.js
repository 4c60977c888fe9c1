// Inline SVG charts, drawn here. Each comes with a text summary for screen readers and
// a data table behind a disclosure.
import { h, put, number } from './dom.js';

/** Columns over time: points [{label, value}]. */
export function columns(points, { title, width = 1180, height = 240, unit = '' }) {
  const pad = { top: 12, right: 12, bottom: 28, left: 44 };
  const step4 = niceStep(Math.max(1, ...points.map((p) => p.value)) / 4);
  const max = step4 * Math.max(1, Math.ceil(Math.max(1, ...points.map((p) => p.value)) / step4));
  const ticks = Math.round(max / step4);
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = innerW / Math.max(points.length, 1);
  const barW = Math.max(2, Math.min(28, step * 0.7));
  const total = points.reduce((s, p) => s + p.value, 0);
  const svg = h('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `${title}: ${number(total)} ${unit} over ${points.length} periods` },
    h('title', {}, title));
  for (let i = 0; i <= ticks; i++) {
    const v = step4 * i;
    const y = pad.top + innerH - (v / max) * innerH;
    put(svg, h('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }),
      h('text', { x: pad.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, number(Math.round(v))));
  }
  const every = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    const x = pad.left + i * step + (step - barW) / 2;
    const bh = (p.value / max) * innerH;
    put(svg, h('rect', { x, y: pad.top + innerH - bh, width: barW, height: Math.max(bh, p.value ? 1 : 0), class: 'bar', rx: 2 },
      h('title', {}, `${p.label}: ${number(p.value)} ${unit}`)));
    if (i % every === 0) put(svg, h('text', { x: x + barW / 2, y: height - 8, class: 'axis', 'text-anchor': 'middle' }, p.label));
  });
  return figure(svg, title, points, unit);
}

/** Horizontal bars: items [{label, value, href?, kind?}]. */
export function bars(items, { title, width = 560, unit = '' }) {
  const row = 26;
  const labelW = 200;
  const height = Math.max(row * items.length + 8, 40);
  const max = Math.max(1, ...items.map((i) => i.value));
  const svg = h('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `${title}: ${items.map((i) => `${i.label} ${i.value}`).join(', ')}` },
    h('title', {}, title));
  items.forEach((item, i) => {
    const y = 4 + i * row;
    const w = ((width - labelW - 60) * item.value) / max;
    const label = h('text', { x: labelW - 8, y: y + 16, class: 'label', 'text-anchor': 'end' }, truncate(item.label, 24));
    put(svg, 
      label,
      h('rect', { x: labelW, y: y + 4, width: Math.max(w, item.value ? 2 : 0), height: row - 10, rx: 2, class: `bar ${item.kind || ''}`.trim() },
        h('title', {}, `${item.label}: ${number(item.value)} ${unit}`)),
      h('text', { x: labelW + w + 6, y: y + 16, class: 'value' }, number(item.value)));
  });
  if (!items.length) put(svg, h('text', { x: 8, y: 24, class: 'label' }, 'No data'));
  return figure(svg, title, items, unit);
}

function figure(svg, title, rows, unit) {
  return h('figure', { class: 'chart-figure' }, svg,
    h('details', { class: 'chart-data' }, h('summary', {}, 'Data'),
      h('table', { class: 'data compact' },
        h('caption', { class: 'visually-hidden' }, title),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Label'), h('th', { scope: 'col' }, unit || 'Value'))),
        h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.href ? h('a', { href: r.href }, r.label) : r.label), h('td', { class: 'num' }, number(r.value))))))));
}

function truncate(text, n) {
  const s = String(text);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function niceStep(v) {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
