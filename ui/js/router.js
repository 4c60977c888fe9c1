// Hash routes: #/search?q=…&user=…  The URL holds the whole state of a screen, so it can be
// shared, bookmarked and saved. No server routes are needed.

export function current() {
  const raw = location.hash.replace(/^#/, '') || '/search';
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

/** A link target for a route: href('conversation', id, {q: 'x'}). */
export function href(...segments) {
  let params = null;
  if (segments.length && typeof segments[segments.length - 1] === 'object') params = segments.pop();
  const path = '#/' + segments.map((s) => encodeURIComponent(s)).join('/');
  const query = params ? toQuery(params) : '';
  return query ? `${path}?${query}` : path;
}

export function toQuery(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => v !== '' && search.append(key, v));
    else search.set(key, value);
  }
  return search.toString();
}

export function go(...segments) {
  location.hash = href(...segments).slice(1);
}
