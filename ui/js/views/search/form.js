// The search form: query box with its syntax help, and the filters (tools come from the data).
import { gql } from '../../gql.js';
import { h, put, day } from '../../dom.js';
import { href } from '../../router.js';
import { userList } from '../../lookups.js';
import { RANGES, searchParams } from './model.js';

let toolsPromise = null;

/** Every tool the synced conversations used (from the data, not a fixed list). */
function toolsInData() {
  if (!toolsPromise) {
    toolsPromise = gql(`{ searchConversations(query: "", first: 1) { facets(size: 100) { tools { buckets { value } } } } }`)
      .then((data) => data.searchConversations.facets.tools.buckets.map((b) => b.value).sort())
      .catch(() => { toolsPromise = null; return []; });
  }
  return toolsPromise;
}

export function searchForm(s, gpts) {
  const form = h('form', { class: 'search-form panel', role: 'search', 'aria-label': 'Conversation search', novalidate: true });
  const userInput = h('input', { id: 'f-user', name: 'user', type: 'text', list: 'user-options', value: s.users.join(', '), placeholder: 'name@company.com', autocomplete: 'off' });
  const userOptions = h('datalist', { id: 'user-options' });
  userList().then((users) => users.forEach((u) => userOptions.appendChild(h('option', { value: u.email }, u.name || u.email))));
  const gptSelect = h('select', { id: 'f-gpt', name: 'gpt' },
    h('option', { value: '' }, 'Any GPT'),
    [...gpts.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)))
      .map((g) => h('option', { value: g.id, selected: s.gpts.includes(g.id) }, g.name || g.id)));
  const toolSelect = h('select', { id: 'f-tool', name: 'tool' },
    h('option', { value: '' }, 'Any tool'),
    s.tools.map((t) => h('option', { value: t, selected: true }, t)));
  toolsInData().then((tools) => tools.filter((t) => !s.tools.includes(t))
    .forEach((t) => toolSelect.appendChild(h('option', { value: t }, t))));
  const from = h('input', { id: 'f-from', name: 'from', type: 'date', value: s.from });
  const to = h('input', { id: 'f-to', name: 'to', type: 'date', value: s.to });
  const range = h('select', { id: 'f-range', name: 'range' },
    RANGES.map(([value, label]) => h('option', { value, selected: s.range === value }, label)));
  const dateError = h('p', { class: 'field-error', id: 'date-error', role: 'alert', hidden: true });
  const shown = s.from || s.to ? h('p', { class: 'hint', id: 'date-shown' },
    `Conversations active ${s.from ? `from ${day(`${s.from}T00:00:00Z`)}` : ''}`
    + `${s.to ? ` until ${day(`${s.to}T23:59:59Z`)}` : ''} (UTC days)`) : null;

  put(form,
    h('div', { class: 'query-row' },
      h('label', { for: 'q', class: 'visually-hidden' }, 'Search messages'),
      h('input', { id: 'q', name: 'q', type: 'search', value: s.q, placeholder: 'Search every message, e.g. invoices  pass*  file:payroll  "exact phrase"', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'syntax-help' }),
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
      h('label', { for: 'f-sort', class: 'inline-label' }, 'Sort'),
      h('select', { id: 'f-sort', name: 'sort' },
        h('option', { value: '' }, s.q ? 'Best match' : 'Most recent'),
        h('option', { value: 'recent', selected: s.sort === 'recent' && s.q }, 'Most recent'))),
    h('details', { class: 'syntax', id: 'syntax-help' },
      h('summary', {}, 'Search syntax'),
      h('dl', {},
        h('dt', {}, 'words'), h('dd', {}, 'all words in one message, any word form (invoice finds invoices; exact forms first)'),
        h('dt', {}, 'pass*'), h('dd', {}, 'words starting with pass'),
        h('dt', {}, '"exact phrase"'), h('dd', {}, 'words next to each other, in this order'),
        h('dt', {}, 'a OR b'), h('dd', {}, 'either term is enough'),
        h('dt', {}, '-word  -user:…'), h('dd', {}, 'exclude messages holding it'),
        h('dt', {}, 'user:ana  gpt:g-…  gpt:none'), h('dd', {}, 'a user (email or its beginning), a GPT, or no GPT'),
        h('dt', {}, 'file:payroll.xlsx  url:irs.gov'), h('dd', {}, 'an uploaded file’s name, a cited page’s address (any part)'),
        h('dt', {}, 'detector:openai-api-key'), h('dd', {}, 'messages with that DLP match'),
        h('dt', {}, 'tool:python  tool:none'), h('dd', {}, 'conversations that used a tool (or none)'),
        h('dt', {}, 'role:user  title:…'), h('dd', {}, 'messages by this role, conversations with this title')),
      h('p', {}, 'Anything else is literal text: special characters never cause an error.')),
    h('fieldset', { class: 'filters' },
      h('legend', {}, 'Filters'),
      field('f-user', 'User email', userInput, userOptions),
      field('f-gpt', 'GPT', gptSelect),
      field('f-tool', 'Tool used', toolSelect),
      field('f-range', 'When', range),
      field('f-from', 'Active from', from),
      field('f-to', 'Created until', to),
      field('f-dlp', 'DLP matches', h('select', { id: 'f-dlp', name: 'dlp' },
        h('option', { value: '' }, 'Any'),
        h('option', { value: 'yes', selected: s.dlp === 'yes' }, 'With DLP matches'),
        h('option', { value: 'no', selected: s.dlp === 'no' }, 'Without'))),
      h('a', { class: 'reset', href: '#/search' }, 'Clear all'),
      dateError, shown));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {
      q: String(data.get('q') || '').trim(),
      users: String(data.get('user') || '').split(',').map((x) => x.trim()).filter(Boolean),
      gpts: data.get('gpt') ? [String(data.get('gpt'))] : [],
      tools: data.get('tool') ? [String(data.get('tool'))] : [],
      range: String(data.get('range') || ''),
      from: String(data.get('from') || ''),
      to: String(data.get('to') || ''),
      dlp: String(data.get('dlp') || ''),
      sort: String(data.get('sort') || ''),
    };
    if (next.from && next.to && next.from > next.to) {
      dateError.hidden = false;
      dateError.textContent = '“Active from” is later than “Created until”: nothing can match. Swap them or clear one.';
      from.setAttribute('aria-invalid', 'true');
      from.focus();
      return;
    }
    if (next.from || next.to) next.range = '';
    location.hash = href('search', searchParams(next)).slice(1);
  });
  range.addEventListener('change', () => {
    from.value = '';
    to.value = '';
  });
  for (const select of form.querySelectorAll('select')) {
    select.addEventListener('change', () => form.requestSubmit());
  }
  return form;
}

function field(id, label, ...controls) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), ...controls);
}
