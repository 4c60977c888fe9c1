// The search as the URL holds it, and the fixed GraphQL document that runs it.

export const PAGE = 20;

/** Relative ranges: the URL keeps "7d", so a shared link keeps meaning "the last 7 days". */
export const RANGES = [['', 'Any time'], ['1d', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['90d', 'Last 90 days']];

export const SEARCH = `query search($query: String!, $filter: ConversationFilter, $first: Int, $after: String, $sort: SearchSort, $facets: Boolean!) {
  page: searchConversations(query: $query, filter: $filter, first: $first, after: $after, sort: $sort) {
    totalCount
    facets(size: 8) @include(if: $facets) {
      users { buckets { value count } otherCount noneCount }
      gpts { buckets { value count } otherCount noneCount }
      tools { buckets { value count } otherCount noneCount }
      timeline { interval buckets { start count } }
    }
    edges { cursor highlights matchedMessages { id role position toolName }
      node { id title userEmail createdAt lastActiveAt messageCount gptIds tools } }
    pageInfo { hasNextPage endCursor } } }`;

/** The search held by URL parameters. */
export function readSearch(params) {
  const range = RANGES.some(([r]) => r && r === params.get('range')) ? params.get('range') : '';
  return {
    q: (params.get('q') || '').trim(),
    users: params.getAll('user').filter(Boolean),
    gpts: params.getAll('gpt').filter(Boolean),
    tools: params.getAll('tool').filter(Boolean),
    range,
    from: range ? '' : params.get('from') || '',
    to: range ? '' : params.get('to') || '',
    dlp: params.get('dlp') || '',
    sort: params.get('sort') || '',
  };
}

export function searchParams(s) {
  return { q: s.q, user: s.users, gpt: s.gpts, tool: s.tools, range: s.range, from: s.from, to: s.to, dlp: s.dlp, sort: s.sort };
}

/** The first day a relative range covers (yyyy-mm-dd, UTC). */
export function rangeStart(range, now = Date.now()) {
  const days = Number.parseInt(range, 10);
  return new Date(now - days * 86400000).toISOString();
}

export function filterOf(s) {
  const filter = {};
  if (s.users.length) filter.userEmails = s.users;
  if (s.gpts.length) filter.gptIds = s.gpts;
  if (s.range) filter.from = rangeStart(s.range);
  if (s.from) filter.from = `${s.from}T00:00:00Z`;
  if (s.to) filter.to = `${s.to}T23:59:59Z`;
  if (s.tools.length) filter.tools = s.tools;
  if (s.dlp) filter.hasDlpMatch = s.dlp === 'yes';
  return filter;
}

/** Browsing without words is newest first; words are best match first unless asked otherwise. */
export function sortOf(s) {
  if (s.sort === 'recent' || !s.q) return 'RECENT';
  return 'RELEVANCE';
}

/** The export's URL: the search text and filters as repeated query parameters. */
export function exportUrl(s, format) {
  const p = new URLSearchParams();
  p.set('query', s.q);
  p.set('format', format);
  const filter = filterOf(s);
  (filter.userEmails || []).forEach((u) => p.append('userEmails', u));
  (filter.gptIds || []).forEach((g) => p.append('gptIds', g));
  if (filter.from) p.set('from', filter.from);
  if (filter.to) p.set('to', filter.to);
  (filter.tools || []).forEach((t) => p.append('tools', t));
  if (filter.hasDlpMatch != null) p.set('hasDlpMatch', String(filter.hasDlpMatch));
  return `/api/export/search?${p}`;
}

/** The query text with one more term (an exclusion, an operator), never twice. */
export function withTerm(q, term) {
  const terms = q.split(/\s+/).filter(Boolean);
  return terms.includes(term) ? q : [...terms, term].join(' ');
}

/** A value as an operator argument: quoted when it holds spaces. */
export function operand(value) {
  return /\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}
