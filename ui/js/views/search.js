// Search: one query box, filters and facets, conversations with highlighted snippets,
// cursor paging, saved searches with live counts. The URL holds the whole search.
import { gql, schema, Unavailable } from '../gql.js';
import { authHeaders, signIn, can, currentRole } from '../auth.js';
import { h, put, clear, snippet, time, number, failure, loading, badge } from '../dom.js';
import { href, toQuery } from '../router.js';
import { gptMap, gptName, userList } from '../lookups.js';
import { savedSearches, saveSearch, deleteSearch } from '../saved.js';
import { fileHits } from './files-hits.js';

const PAGE = 20;

/** The search held by URL parameters. */
export function readSearch(params) {
  return {
    q: (params.get('q') || '').trim(),
    users: params.getAll('user').filter(Boolean),
    gpts: params.getAll('gpt').filter(Boolean),
    tools: params.getAll('tool').filter(Boolean),
    from: params.get('from') || '',
    to: params.get('to') || '',
    dlp: params.get('dlp') || '',
    sort: params.get('sort') || '',
  };
}

export function searchParams(s) {
  return { q: s.q, user: s.users, gpt: s.gpts, tool: s.tools, from: s.from, to: s.to, dlp: s.dlp, sort: s.sort };
}

function filterOf(s, sc) {
  const filter = {};
  if (s.users.length) filter.userEmails = s.users;
  if (s.gpts.length) filter.gptIds = s.gpts;
  if (s.from) filter.from = `${s.from}T00:00:00Z`;
  if (s.to) filter.to = `${s.to}T23:59:59Z`;
  const ignored = [];
  if (s.tools.length) {
    if (sc.hasInput('ConversationFilter', 'tools')) filter.tools = s.tools;
    else ignored.push('tool');
  }
  if (s.dlp) {
    if (sc.hasInput('ConversationFilter', 'hasDlpMatch')) filter.hasDlpMatch = s.dlp === 'yes';
    else ignored.push('DLP match');
  }
  return { filter, ignored };
}

function argType(sc, type, field, arg) {
  const f = sc.field(type, field);
  const a = f && f.args.find((x) => x.name === arg);
  let t = a && a.type;
  while (t && t.ofType) t = t.ofType;
  return t ? t.name : null;
}

/** Builds one page's query: full-text search when there is a query and the server has it, else the listing. */
function buildQuery(sc, s) {
  const conversationFields = ['id', 'title', 'userEmail', 'createdAt', 'lastActiveAt', 'messageCount', 'gptIds', 'tools'];
  const node = sc.pick('Conversation', conversationFields).join(' ');
  const fullText = s.q && sc.has('Query', 'searchConversations');
  if (!fullText) {
    return {
      kind: 'list',
      text: `query($filter: ConversationFilter, $first: Int, $after: String) {
        page: conversations(filter: $filter, first: $first, after: $after) {
          totalCount edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } } }`,
    };
  }
  const edgeExtras = sc.pick('ConversationSearchEdge', ['highlights', 'matchedMessages { id role position toolName }']).join(' ');
  let facets = '';
  const facetsType = sc.known && sc.fieldType('ConversationSearchConnection', 'facets');
  if (facetsType) {
    const type = sc.type(facetsType.name);
    const parts = [];
    for (const f of (type && type.fields) || []) {
      const ft = sc.fieldType(facetsType.name, f.name);
      if (ft && sc.field(ft.name, 'buckets')) {
        const bucket = sc.fieldType(ft.name, 'buckets');
        if (bucket && sc.field(bucket.name, 'value') && sc.field(bucket.name, 'count')) {
          parts.push(`${f.name} { buckets { value count }${sc.field(ft.name, 'otherCount') ? ' otherCount' : ''} }`);
        }
      }
    }
    if (parts.length) facets = `facets { ${parts.join(' ')} }`;
  }
  const sortType = argType(sc, 'Query', 'searchConversations', 'sort');
  const sortValue = sortType && s.sort && sc.enumValues(sortType).includes(s.sort.toUpperCase()) ? s.sort.toUpperCase() : null;
  return {
    kind: 'search',
    sortValue,
    sortType,
    text: `query($query: String!, $filter: ConversationFilter, $first: Int, $after: String${sortValue ? `, $sort: ${sortType}` : ''}) {
      page: searchConversations(query: $query, filter: $filter, first: $first, after: $after${sortValue ? ', sort: $sort' : ''}) {
        totalCount ${facets} edges { cursor ${edgeExtras} node { ${node} } } pageInfo { hasNextPage endCursor } } }`,
  };
}

/** How many conversations a saved search finds right now. */
export async function countOf(s) {
  const sc = await schema();
  const q = buildQuery(sc, s);
  const { filter } = filterOf(s, sc);
  const data = await gql(q.text, { query: s.q, filter, first: 1, after: null, sort: q.sortValue });
  return data.page.totalCount;
}

export async function render(view, route) {
  const s = readSearch(route.params);
  const [sc, gpts] = await Promise.all([schema(), gptMap()]);
  const hasFullText = sc.has('Query', 'searchConversations');

  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' });
  const facetsBox = h('div', { class: 'facets' });
  const savedBox = h('section', { class: 'saved panel', 'aria-labelledby': 'saved-heading' });

  view.appendChild(h('div', { class: 'page-head' },
    h('h1', {}, 'Search conversations'),
    h('p', { class: 'lede' }, 'Every synced message, user and GPT. Press / anywhere to jump here.')));
  view.appendChild(searchForm(s, gpts, sc, hasFullText));
  view.appendChild(exportBar(s));
  view.appendChild(h('div', { class: 'search-layout' },
    h('aside', { class: 'sidebar', 'aria-label': 'Facets and saved searches' }, fileHits(s.q, sc), facetsBox, savedBox),
    results));

  renderSaved(savedBox, s, sc);
  await runSearch(results, facetsBox, s, sc, gpts, hasFullText);
}

function searchForm(s, gpts, sc, hasFullText) {
  const form = h('form', { class: 'search-form panel', role: 'search', 'aria-label': 'Conversation search' });
  const userInput = h('input', { id: 'f-user', name: 'user', type: 'text', list: 'user-options', value: s.users.join(', '), placeholder: 'name@company.com', autocomplete: 'off' });
  const userOptions = h('datalist', { id: 'user-options' });
  userList().then((users) => users.forEach((u) => userOptions.appendChild(h('option', { value: u.email }, u.name || u.email))));
  const gptSelect = h('select', { id: 'f-gpt', name: 'gpt' },
    h('option', { value: '' }, 'Any GPT'),
    [...gpts.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((g) => h('option', { value: g.id, selected: s.gpts.includes(g.id) }, g.name || g.id)));
  const canTools = sc.hasInput('ConversationFilter', 'tools');
  const canDlp = sc.hasInput('ConversationFilter', 'hasDlpMatch');
  const sortType = argType(sc, 'Query', 'searchConversations', 'sort');

  put(form, 
    h('div', { class: 'query-row' },
      h('label', { for: 'q', class: 'visually-hidden' }, 'Search messages'),
      h('input', { id: 'q', name: 'q', type: 'search', value: s.q, placeholder: hasFullText ? 'Search every message — e.g. "quarterly forecast" -draft' : 'Full-text search is not deployed yet: filter below', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'syntax-help' }),
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
      h('label', { for: 'f-sort', class: 'inline-label' }, 'Sort'),
      h('select', { id: 'f-sort', name: 'sort', disabled: !sortType },
        h('option', { value: '' }, 'Best match'),
        h('option', { value: 'recent', selected: s.sort === 'recent' }, 'Most recent'))),
    h('details', { class: 'syntax', id: 'syntax-help' },
      h('summary', {}, 'Search syntax'),
      h('dl', {},
        h('dt', {}, 'words'), h('dd', {}, 'all words must appear in one message (any order)'),
        h('dt', {}, '"exact phrase"'), h('dd', {}, 'words next to each other, in this order'),
        h('dt', {}, 'a OR b'), h('dd', {}, 'either term is enough'),
        h('dt', {}, '-word  -"a phrase"'), h('dd', {}, 'exclude messages holding it'),
        h('dt', {}, 'user:ana@…  gpt:g-…'), h('dd', {}, 'only this user (email or its beginning) or GPT'),
        h('dt', {}, 'tool:python  role:user  title:…'), h('dd', {}, 'only messages by this tool or role, or conversations with this title')),
      h('p', {}, 'Anything else is literal text: special characters never cause an error.')),
    h('fieldset', { class: 'filters' },
      h('legend', {}, 'Filters'),
      field('f-user', 'User email', userInput, userOptions),
      field('f-gpt', 'GPT', gptSelect),
      field('f-from', 'Active from', h('input', { id: 'f-from', name: 'from', type: 'date', value: s.from })),
      field('f-to', 'Created until', h('input', { id: 'f-to', name: 'to', type: 'date', value: s.to })),
      canTools ? field('f-tool', 'Tool', h('select', { id: 'f-tool', name: 'tool' },
        ['', 'python', 'browser', 'dalle', 'file_search', 'canmore'].map((t) => h('option', { value: t, selected: s.tools.includes(t) }, t || 'Any tool')))) : null,
      canDlp ? field('f-dlp', 'DLP matches', h('select', { id: 'f-dlp', name: 'dlp' },
        h('option', { value: '' }, 'Any'),
        h('option', { value: 'yes', selected: s.dlp === 'yes' }, 'With DLP matches'),
        h('option', { value: 'no', selected: s.dlp === 'no' }, 'Without'))) : null,
      h('a', { class: 'reset', href: '#/search' }, 'Clear all')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {
      q: String(data.get('q') || '').trim(),
      users: String(data.get('user') || '').split(',').map((x) => x.trim()).filter(Boolean),
      gpts: data.get('gpt') ? [String(data.get('gpt'))] : [],
      tools: data.get('tool') ? [String(data.get('tool'))] : [],
      from: String(data.get('from') || ''),
      to: String(data.get('to') || ''),
      dlp: String(data.get('dlp') || ''),
      sort: String(data.get('sort') || ''),
    };
    location.hash = href('search', searchParams(next)).slice(1);
  });
  for (const select of form.querySelectorAll('select')) {
    select.addEventListener('change', () => form.requestSubmit());
  }
  return form;
}

function field(id, label, ...controls) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), ...controls);
}

async function runSearch(results, facetsBox, s, sc, gpts, hasFullText) {
  clear(results).appendChild(loading('Searching…'));
  const query = buildQuery(sc, s);
  const { filter, ignored } = filterOf(s, sc);
  const list = h('ol', { class: 'result-list' });
  const status = h('p', { class: 'result-count', id: 'results-heading', role: 'status' });
  const more = h('div', { class: 'more' });
  const notes = [];
  if (s.q && !hasFullText) notes.push('Full-text search is not available on this server yet: showing conversations that match the filters only, most recent first.');
  if (ignored.length) notes.push(`This server cannot filter by ${ignored.join(' or ')} yet; that filter is ignored.`);
  if (s.sort && query.kind === 'search' && !query.sortValue) notes.push('This server cannot change the order of results yet.');

  let after = null;
  let shown = 0;
  const load = async () => {
    let data;
    try {
      data = await gql(query.text, { query: s.q, filter, first: PAGE, after, sort: query.sortValue });
    } catch (error) {
      clear(results).appendChild(error instanceof Unavailable
        ? failure('The search could not run', error)
        : failure('The search failed', error));
      return;
    }
    const page = data.page;
    if (after === null) {
      put(clear(results), 
        status,
        ...notes.map((n) => h('p', { class: 'note' }, n)),
        list, more);
      status.textContent = page.totalCount === 0
        ? 'No conversations match.'
        : `${number(page.totalCount)} conversation${page.totalCount === 1 ? '' : 's'}${s.q && query.kind === 'search' ? ' match' : ''}`;
      renderFacets(facetsBox, page.facets, s, gpts);
      if (page.totalCount === 0) list.replaceWith(emptyHelp(s));
    }
    for (const edge of page.edges) list.appendChild(resultItem(edge, s, gpts));
    shown += page.edges.length;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    clear(more);
    if (after) {
      const button = h('button', { type: 'button', class: 'secondary' }, `Show ${PAGE} more (${number(shown)} of ${number(page.totalCount)})`);
      button.addEventListener('click', async () => {
        button.disabled = true;
        button.textContent = 'Loading…';
        const firstNew = list.children.length;
        await load();
        const link = list.children[firstNew] && list.children[firstNew].querySelector('a');
        if (link) link.focus();
      });
      more.appendChild(button);
    }
  };
  await load();
}

function emptyHelp(s) {
  return h('div', { class: 'panel empty' },
    h('p', {}, 'Nothing matches this search.'),
    h('ul', {},
      s.q ? h('li', {}, 'Try fewer words, or a prefix such as ', h('code', {}, 'pass*'), '.') : null,
      (s.users.length || s.gpts.length || s.from || s.to) ? h('li', {}, h('a', { href: href('search', { q: s.q }) }, 'Search again without filters')) : null));
}

function resultItem(edge, s, gpts) {
  const c = edge.node;
  const matched = edge.matchedMessages || [];
  const target = href('conversation', c.id, { q: s.q || null, m: matched.length ? matched[0].id : null });
  const highlights = edge.highlights || [];
  return h('li', { class: 'result' },
    h('div', { class: 'result-head' },
      h('a', { class: 'result-title', href: target }, c.title || 'Untitled conversation'),
      h('span', { class: 'result-when' }, time(c.lastActiveAt || c.createdAt))),
    h('div', { class: 'result-meta' },
      c.userEmail ? h('a', { href: href('search', { user: c.userEmail }), title: `All conversations of ${c.userEmail}` }, c.userEmail) : h('span', {}, 'unknown user'),
      h('span', {}, `${number(c.messageCount)} messages`),
      ...(c.gptIds || []).map((id) => h('a', { class: 'badge gpt', href: href('gpt', id) }, gptName(gpts, id))),
      ...(c.tools || []).map((t) => badge(t, 'tool')),
      matched.length ? h('span', { class: 'matched' }, `${matched.length} matching message${matched.length === 1 ? '' : 's'}`) : null),
    highlights.length ? h('ul', { class: 'highlights' }, highlights.slice(0, 3).map((text) => h('li', {}, snippet(text)))) : null);
}

function renderFacets(box, facets, s, gpts) {
  clear(box);
  if (!facets) return;
  const labels = { users: 'Users', gpts: 'GPTs', tools: 'Tools', months: 'Months' };
  for (const [name, facet] of Object.entries(facets)) {
    if (!facet || !facet.buckets || !facet.buckets.length) continue;
    const max = Math.max(...facet.buckets.map((b) => b.count), 1);
    box.appendChild(h('section', { class: 'panel facet' },
      h('h2', {}, labels[name] || name),
      h('ul', {}, facet.buckets.slice(0, 8).map((b) => {
        const next = { ...s };
        if (name === 'users') next.users = [b.value];
        else if (name === 'gpts') next.gpts = [b.value];
        else if (name === 'tools') next.tools = [b.value];
        else if (name === 'months') {
          next.from = `${b.value}-01`;
          const [y, m] = b.value.split('-').map(Number);
          next.to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        }
        const label = name === 'gpts' ? gptName(gpts, b.value) : b.value;
        return h('li', {},
          h('a', { href: href('search', searchParams(next)) },
            h('span', { class: 'facet-label' }, label),
            h('span', { class: 'facet-count' }, number(b.count))),
          h('span', { class: 'facet-bar', style: null, 'aria-hidden': 'true' },
            h('span', { dataset: { w: String(Math.round((b.count / max) * 100)) } })));
      })),
      facet.otherCount ? h('p', { class: 'facet-other' }, `${number(facet.otherCount)} other`) : null));
  }
  for (const bar of box.querySelectorAll('.facet-bar > span')) bar.style.width = `${bar.dataset.w}%`;
}

/** Saved searches: on the server (shared, with live hit counts) when it has them, else in this browser. */
function store(sc) {
  if (sc.known && sc.has('Query', 'savedSearches') && sc.has('Mutation', 'createSavedSearch')) {
    return {
      where: 'Saved on the server for everyone. Counts are live.',
      async list() {
        const data = await gql('{ savedSearches(first: 100) { edges { node { id name query sort hitCount filter { userEmails gptIds from to tools hasDlpMatch } } } } }');
        return data.savedSearches.edges.map(({ node: n }) => ({
          id: n.id,
          name: n.name,
          count: n.hitCount,
          params: toQuery(searchParams({
            q: n.query,
            users: (n.filter && n.filter.userEmails) || [],
            gpts: (n.filter && n.filter.gptIds) || [],
            tools: (n.filter && n.filter.tools) || [],
            from: n.filter && n.filter.from ? n.filter.from.slice(0, 10) : '',
            to: n.filter && n.filter.to ? n.filter.to.slice(0, 10) : '',
            dlp: !n.filter || n.filter.hasDlpMatch == null ? '' : n.filter.hasDlpMatch ? 'yes' : 'no',
            sort: n.sort === 'RECENT' ? 'recent' : '',
          })),
        }));
      },
      async save(name, search) {
        const { filter } = filterOf(search, sc);
        await gql('mutation($input: CreateSavedSearchInput!) { createSavedSearch(input: $input) { savedSearch { id } } }',
          { input: { name, query: search.q, filter, sort: search.sort === 'recent' ? 'RECENT' : 'RELEVANCE' } });
      },
      async remove(item) {
        await gql('mutation($input: DeleteSavedSearchInput!) { deleteSavedSearch(input: $input) { deletedId } }', { input: { id: item.id } });
      },
    };
  }
  return {
    where: 'Saved in this browser. Counts are live.',
    async list() {
      return savedSearches().map((item) => ({ ...item, count: null }));
    },
    async save(name, search) {
      saveSearch(name, toQuery(searchParams(search)));
    },
    async remove(item) {
      deleteSearch(item.name);
    },
  };
}

function renderSaved(box, s, sc) {
  clear(box);
  const saved = store(sc);
  const list = h('ul', { class: 'saved-list' });
  const message = h('p', { class: 'hint', role: 'status' });
  const fill = async () => {
    let items;
    try {
      items = await saved.list();
    } catch (error) {
      put(clear(list), h('li', { class: 'muted' }, `Could not load saved searches: ${error.message}`));
      return;
    }
    clear(list);
    if (!items.length) put(list, h('li', { class: 'muted' }, 'None yet. Save a search to watch its count.'));
    for (const item of items) {
      const count = h('span', { class: 'count', title: 'conversations matching now' }, item.count == null ? '…' : number(item.count));
      if (item.count == null) {
        countOf(readSearch(new URLSearchParams(item.params))).then((n) => { count.textContent = number(n); }).catch(() => { count.textContent = '—'; });
      }
      put(list, h('li', {},
        h('a', { href: `#/search?${item.params}` }, h('span', {}, item.name), count),
        h('button', {
          type: 'button', class: 'icon', 'aria-label': `Delete saved search ${item.name}`,
          onclick: async () => {
            try {
              await saved.remove(item);
            } catch (error) {
              message.textContent = `Could not delete: ${error.message}`;
            }
            fill();
          },
        }, '×')));
    }
  };
  const nameInput = h('input', { id: 'save-name', type: 'text', required: true, maxlength: '80', placeholder: 'e.g. Keys pasted in chats' });
  const form = h('form', { class: 'save-form' },
    h('label', { for: 'save-name' }, 'Save this search as'),
    h('div', { class: 'row' }, nameInput, h('button', { type: 'submit', class: 'secondary' }, 'Save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return;
    try {
      await saved.save(name, s);
      nameInput.value = '';
      message.textContent = `Saved “${name}”.`;
    } catch (error) {
      message.textContent = `Could not save: ${error.message}`;
    }
    fill();
  });
  put(box, h('h2', { id: 'saved-heading' }, 'Saved searches'), list, form, message, h('p', { class: 'hint' }, saved.where));
  fill();
}

/** The export's URL: the search text and filters as repeated query parameters. */
export function exportUrl(s, format) {
  const p = new URLSearchParams();
  p.set('query', s.q);
  p.set('format', format);
  s.users.forEach((u) => p.append('userEmails', u));
  s.gpts.forEach((g) => p.append('gptIds', g));
  if (s.from) p.set('from', `${s.from}T00:00:00Z`);
  if (s.to) p.set('to', `${s.to}T23:59:59Z`);
  (s.roles || []).forEach((r) => p.append('roles', r));
  s.tools.forEach((t) => p.append('tools', t));
  if (s.dlp) p.set('hasDlpMatch', s.dlp === 'yes' ? 'true' : 'false');
  return `/api/export/search?${p}`;
}

function exportBar(s) {
  const bar = h('div', { class: 'export-bar', role: 'group', 'aria-label': 'Export these results' });
  if (!can('export')) {
    bar.appendChild(h('p', { class: 'muted small', id: 'export-disabled' }, `Export needs the INVESTIGATOR role (yours is ${currentRole()}).`));
    return bar;
  }
  const format = h('select', { id: 'export-format', name: 'format' },
    h('option', { value: 'csv' }, 'CSV'), h('option', { value: 'ndjson' }, 'NDJSON'));
  const button = h('button', { type: 'button', class: 'secondary', id: 'export' }, 'Export');
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel');
  const progress = h('span', { class: 'small', id: 'export-progress', role: 'status', 'aria-live': 'polite' });
  let controller = null;
  cancel.addEventListener('click', () => controller && controller.abort());
  button.addEventListener('click', async () => {
    button.disabled = true;
    cancel.hidden = false;
    controller = new AbortController();
    try {
      const bytes = await download(exportUrl(s, format.value), format.value, controller.signal, (n) => {
        progress.textContent = `Exporting… ${number(n)} bytes`;
      });
      progress.textContent = `Exported ${number(bytes)} bytes.`;
    } catch (error) {
      progress.textContent = error.name === 'AbortError' ? 'Export cancelled.' : `Export failed: ${error.message}`;
    } finally {
      button.disabled = false;
      cancel.hidden = true;
      controller = null;
    }
  });
  put(bar, h('label', { for: 'export-format' }, 'Export matching messages as'), format, button, cancel, progress);
  return bar;
}

/** Fetches the export with the bearer token, reading the stream to count bytes, and saves it. */
async function download(url, format, signal, onProgress) {
  let response;
  for (let attempt = 0; ; attempt++) {
    response = await fetch(url, { headers: { ...authHeaders() }, signal });
    if (response.status !== 401 || attempt > 2) break;
    await signIn();
  }
  if (response.status === 403) throw new Error(`your role${currentRole() ? ` (${currentRole()})` : ''} may not export.`);
  if (!response.ok) {
    let detail = '';
    try {
      const body = await response.json();
      detail = body.message || body.error || '';
    } catch (e) {
      // no JSON body
    }
    throw new Error(`the server answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`);
  }
  const chunks = [];
  let bytes = 0;
  if (response.body && response.body.getReader) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      onProgress(bytes);
    }
  } else {
    const whole = await response.arrayBuffer();
    chunks.push(whole);
    bytes = whole.byteLength;
    onProgress(bytes);
  }
  const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const blob = new Blob(chunks, { type });
  const link = h('a', { href: URL.createObjectURL(blob), download: `chatwarden-export-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.${format}`, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return bytes;
}
