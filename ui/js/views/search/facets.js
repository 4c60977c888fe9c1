// Facets beside the results: every count is of conversations; listed buckets, "other" and "none"
// add up to the total (tools excepted: a conversation may use several). Each value narrows the
// search or, with "−", excludes it; "other" excludes the listed ones. Plus the result timeline.
import { h, clear, number, when, day } from '../../dom.js';
import { href } from '../../router.js';
import { gptName } from '../../lookups.js';
import { searchParams, withTerm, operand } from './model.js';

const FACETS = [
  { name: 'users', label: 'Users', operator: 'user', filter: 'users', none: null },
  { name: 'gpts', label: 'GPTs', operator: 'gpt', filter: 'gpts', none: 'gpt:none', noneLabel: 'No GPT' },
  { name: 'tools', label: 'Tools used', operator: 'tool', filter: 'tools', none: 'tool:none', noneLabel: 'No tool' },
];

export function renderFacets(box, facets, s, gpts, total) {
  clear(box);
  if (!facets) return;
  box.appendChild(timeline(facets.timeline, s));
  for (const spec of FACETS) {
    const facet = facets[spec.name];
    if (!facet || (!facet.buckets.length && !facet.noneCount)) continue;
    const max = Math.max(...facet.buckets.map((b) => b.count), facet.otherCount, facet.noneCount, 1);
    const label = (b) => (spec.name === 'gpts' ? gptName(gpts, b.value) : b.value);
    const rows = facet.buckets.map((b) => row(label(b), b.count, max,
      href('search', searchParams({ ...s, [spec.filter]: [b.value] })),
      href('search', searchParams({ ...s, q: withTerm(s.q, `-${spec.operator}:${operand(b.value)}`) })),
      `${spec.name}-${b.value}`));
    if (facet.otherCount) {
      const excluded = facet.buckets.reduce((q, b) => withTerm(q, `-${spec.operator}:${operand(b.value)}`), s.q);
      rows.push(row('Other', facet.otherCount, max, href('search', searchParams({ ...s, q: excluded })), null, `${spec.name}-other`, 'other'));
    }
    if (facet.noneCount && spec.none) {
      rows.push(row(spec.noneLabel, facet.noneCount, max, href('search', searchParams({ ...s, q: withTerm(s.q, spec.none) })), null, `${spec.name}-none`, 'none'));
    } else if (facet.noneCount) {
      rows.push(h('li', { class: 'facet-none', dataset: { count: String(facet.noneCount) } }, h('span', { class: 'facet-label' }, 'Unknown'), h('span', { class: 'facet-count' }, number(facet.noneCount))));
    }
    const sum = facet.buckets.reduce((n, b) => n + b.count, 0) + facet.otherCount + facet.noneCount;
    box.appendChild(h('section', { class: 'panel facet', dataset: { facet: spec.name } },
      h('h2', {}, spec.label),
      h('ul', {}, rows),
      spec.name === 'tools' ? h('p', { class: 'hint' }, 'A conversation using several tools counts under each.')
        : h('p', { class: 'hint facet-sum', dataset: { sum: String(sum), total: String(total) } }, `${number(sum)} of ${number(total)} conversations`)));
  }
  for (const bar of box.querySelectorAll('.facet-bar > span')) bar.style.width = `${bar.dataset.w}%`;
}

function row(label, count, max, narrow, exclude, key, kind = '') {
  return h('li', { class: kind ? `facet-${kind}` : null, dataset: { count: String(count), key } },
    h('a', { href: narrow, class: 'facet-narrow' },
      h('span', { class: 'facet-label' }, label),
      h('span', { class: 'facet-count' }, number(count))),
    exclude ? h('a', { href: exclude, class: 'facet-exclude', title: `Exclude ${label}`, 'aria-label': `Exclude ${label}` }, '−') : null,
    h('span', { class: 'facet-bar', 'aria-hidden': 'true' },
      h('span', { dataset: { w: String(Math.round((count / max) * 100)) } })));
}

const DAY = 86400000;

/** Bars of matching conversations over time; drag across bars (or click one) to narrow the dates. */
function timeline(t, s) {
  const section = h('section', { class: 'panel facet timeline', dataset: { facet: 'timeline' } }, h('h2', {}, 'When'));
  if (!t || !t.buckets.length) {
    section.appendChild(h('p', { class: 'muted small' }, 'No dates.'));
    return section;
  }
  const width = 240;
  const height = 64;
  const n = t.buckets.length;
  const barWidth = width / n;
  const max = Math.max(...t.buckets.map((b) => b.count), 1);
  const svg = h('svg', { class: 'histogram', viewBox: `0 0 ${width} ${height}`, width: String(width), height: String(height), role: 'img', 'aria-label': `Matching conversations over time, ${t.interval} per bar. Drag across bars to narrow the dates.` });
  const starts = t.buckets.map((b) => new Date(b.start).getTime());
  const step = n > 1 ? starts[1] - starts[0] : DAY;
  const ends = starts.map((start, i) => (i + 1 < n ? starts[i + 1] : start + step));
  const brush = h('rect', { class: 'brush', x: '0', y: '0', width: '0', height: String(height) });
  t.buckets.forEach((b, i) => {
    const barHeight = b.count ? Math.max(2, Math.round((b.count / max) * (height - 4))) : 0;
    svg.appendChild(h('rect', {
      class: 'bar', x: String(i * barWidth + 0.5), y: String(height - barHeight), width: String(Math.max(barWidth - 1, 1)), height: String(barHeight), dataset: { index: String(i), count: String(b.count) },
    }, h('title', {}, `${when(b.start)}: ${number(b.count)}`)));
    svg.appendChild(h('rect', { class: 'hit', x: String(i * barWidth), y: '0', width: String(barWidth), height: String(height), dataset: { index: String(i) } }));
  });
  svg.appendChild(brush);
  const narrow = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const from = new Date(starts[lo]).toISOString().slice(0, 10);
    const to = new Date(ends[hi] - 1).toISOString().slice(0, 10);
    location.hash = href('search', searchParams({ ...s, range: '', from, to })).slice(1);
  };
  const indexAt = (event) => {
    const box = svg.getBoundingClientRect();
    const x = Math.min(Math.max(event.clientX - box.left, 0), box.width - 1);
    return Math.floor((x / box.width) * n);
  };
  let startIndex = null;
  svg.addEventListener('pointerdown', (event) => {
    startIndex = indexAt(event);
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  svg.addEventListener('pointermove', (event) => {
    if (startIndex === null) return;
    const i = indexAt(event);
    brush.setAttribute('x', String(Math.min(i, startIndex) * barWidth));
    brush.setAttribute('width', String((Math.abs(i - startIndex) + 1) * barWidth));
  });
  svg.addEventListener('pointerup', (event) => {
    if (startIndex === null) return;
    const i = indexAt(event);
    const from = startIndex;
    startIndex = null;
    narrow(from, i);
  });
  section.appendChild(svg);
  section.appendChild(h('p', { class: 'hint' },
    `${day(t.buckets[0].start)} – ${day(new Date(ends[n - 1] - 1).toISOString())} · ${t.interval} per bar · drag to zoom`));
  return section;
}
