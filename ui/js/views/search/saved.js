// Saved searches, kept on the server for everyone, each with its live number of matches.
import { gql } from '../../gql.js';
import { h, put, clear, number } from '../../dom.js';
import { toQuery } from '../../router.js';
import { filterOf, searchParams, sortOf } from './model.js';

const LIST = `{ savedSearches(first: 100) { edges { node { id name query sort hitCount
  filter { userEmails gptIds from to tools hasDlpMatch } } } } }`;

async function list() {
  const data = await gql(LIST);
  return data.savedSearches.edges.map(({ node: n }) => {
    const f = n.filter || {};
    return {
      id: n.id,
      name: n.name,
      count: n.hitCount,
      params: toQuery(searchParams({
        q: n.query,
        users: f.userEmails || [],
        gpts: f.gptIds || [],
        tools: f.tools || [],
        range: '',
        from: f.from ? f.from.slice(0, 10) : '',
        to: f.to ? f.to.slice(0, 10) : '',
        dlp: f.hasDlpMatch == null ? '' : f.hasDlpMatch ? 'yes' : 'no',
        sort: n.sort === 'RECENT' && n.query ? 'recent' : '',
      })),
    };
  });
}

export function renderSaved(box, s) {
  clear(box);
  const items = h('ul', { class: 'saved-list' });
  const message = h('p', { class: 'hint', role: 'status' });
  const fill = async () => {
    let saved;
    try {
      saved = await list();
    } catch (error) {
      put(clear(items), h('li', { class: 'muted' }, `Could not load saved searches: ${error.message}`));
      return;
    }
    clear(items);
    if (!saved.length) put(items, h('li', { class: 'muted' }, 'None yet. Save a search to watch its count.'));
    for (const item of saved) {
      put(items, h('li', {},
        h('a', { href: `#/search?${item.params}` }, h('span', {}, item.name),
          h('span', { class: 'count', title: 'conversations matching now' }, number(item.count))),
        h('button', {
          type: 'button', class: 'icon', 'aria-label': `Delete saved search ${item.name}`,
          onclick: async () => {
            try {
              await gql('mutation($input: DeleteSavedSearchInput!) { deleteSavedSearch(input: $input) { deletedId } }', { input: { id: item.id } });
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
      await gql('mutation($input: CreateSavedSearchInput!) { createSavedSearch(input: $input) { savedSearch { id } } }',
        { input: { name, query: s.q, filter: filterOf(s), sort: sortOf(s) } });
      nameInput.value = '';
      message.textContent = `Saved “${name}”.`;
    } catch (error) {
      message.textContent = `Could not save: ${error.message}`;
    }
    fill();
  });
  put(box, h('h2', { id: 'saved-heading' }, 'Saved searches'), items, form, message,
    h('p', { class: 'hint' }, 'Saved on the server for everyone. Counts are live.'));
  fill();
}
