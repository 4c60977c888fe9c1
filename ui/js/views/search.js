// Search: the page that puts together the form, the results, the facets with the result
// timeline, saved searches and export. The URL holds the whole search.
import { h } from '../dom.js';
import { gptMap } from '../lookups.js';
import { readSearch } from './search/model.js';
import { searchForm } from './search/form.js';
import { runSearch } from './search/results.js';
import { renderSaved } from './search/saved.js';
import { exportBar } from './search/export.js';
import { fileHits } from './files-hits.js';

export { readSearch, searchParams, exportUrl } from './search/model.js';

export async function render(view, route) {
  const s = readSearch(route.params);
  const gpts = await gptMap();
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' });
  const facetsBox = h('div', { class: 'facets' });
  const savedBox = h('section', { class: 'saved panel', 'aria-labelledby': 'saved-heading' });
  view.appendChild(h('div', { class: 'page-head' },
    h('h1', {}, 'Search conversations'),
    h('p', { class: 'lede' }, 'Every synced message, user and GPT. Press / to search, j/k to move, ? for keys.')));
  view.appendChild(searchForm(s, gpts));
  view.appendChild(exportBar(s));
  view.appendChild(h('div', { class: 'search-layout' },
    h('aside', { class: 'sidebar', 'aria-label': 'Facets and saved searches' }, fileHits(s.q), facetsBox, savedBox),
    results));
  renderSaved(savedBox, s);
  await runSearch(results, facetsBox, s, gpts);
}
