// Result list: one item per matching conversation with its best highlighted snippets, paged
// with the shared "show more" pager.
import { gql } from '../../gql.js';
import { h, put, clear, snippet, time, number, failure, loading, badge } from '../../dom.js';
import { href } from '../../router.js';
import { gptName } from '../../lookups.js';
import { pager } from '../../pager.js';
import { PAGE, SEARCH, filterOf, sortOf } from './model.js';
import { renderFacets } from './facets.js';

export async function runSearch(results, facetsBox, s, gpts) {
  clear(results).appendChild(loading('Searching…'));
  const list = h('ol', { class: 'result-list' });
  const status = h('p', { class: 'result-count', id: 'results-heading', role: 'status' });
  const more = h('div', { class: 'more' });
  const variables = { query: s.q, filter: filterOf(s), first: PAGE, sort: sortOf(s) };
  try {
    await pager({
      more,
      size: PAGE,
      id: 'results-more',
      fetchPage: async (after) => (await gql(SEARCH, { ...variables, after, facets: after === null })).page,
      onPage: (page, first) => {
        if (first) {
          put(clear(results), status, list, more);
          const n = page.totalCount;
          status.textContent = n === 0 ? 'No conversations match.'
            : `${number(n)} conversation${n === 1 ? '' : 's'}${s.q ? (n === 1 ? ' matches' : ' match') : ''}`;
          status.dataset.total = String(n);
          renderFacets(facetsBox, page.facets, s, gpts, n);
          if (n === 0) list.replaceWith(emptyHelp(s));
        }
        for (const edge of page.edges) list.appendChild(resultItem(edge, s, gpts));
        return list;
      },
    });
  } catch (error) {
    clear(results).appendChild(failure('The search failed', error));
  }
}

function emptyHelp(s) {
  return h('div', { class: 'panel empty' },
    h('p', {}, 'Nothing matches this search.'),
    h('ul', {},
      s.q ? h('li', {}, 'Try fewer words, or a prefix such as ', h('code', {}, 'pass*'), '.') : null,
      (s.users.length || s.gpts.length || s.tools.length || s.from || s.to || s.range) ? h('li', {}, h('a', { href: href('search', { q: s.q }) }, 'Search again without filters')) : null));
}

function resultItem(edge, s, gpts) {
  const c = edge.node;
  const matched = edge.matchedMessages || [];
  const target = href('conversation', c.id, { q: s.q || null, m: matched.length ? matched[0].id : null, back: location.hash || '#/search' });
  const highlights = edge.highlights || [];
  const n = matched.length;
  return h('li', { class: 'result', dataset: { id: c.id } },
    h('div', { class: 'result-head' },
      h('a', { class: 'result-title', href: target, 'data-key-nav': '' }, c.title || 'Untitled conversation'),
      h('span', { class: 'result-when' }, time(c.lastActiveAt || c.createdAt))),
    h('div', { class: 'result-meta' },
      c.userEmail ? h('a', { href: href('search', { user: c.userEmail }), title: `All conversations of ${c.userEmail}` }, c.userEmail) : h('span', {}, 'unknown user'),
      h('span', {}, `${number(c.messageCount)} message${c.messageCount === 1 ? '' : 's'}`),
      ...(c.gptIds || []).map((id) => h('a', { class: 'badge gpt', href: href('gpt', id) }, gptName(gpts, id))),
      ...(c.tools || []).map((t) => badge(t, 'tool')),
      n ? h('span', { class: 'matched' }, `${n} matching message${n === 1 ? '' : 's'}`) : null),
    highlights.length ? h('ul', { class: 'highlights' }, highlights.slice(0, 3).map((text) => h('li', {}, snippet(text)))) : null);
}
