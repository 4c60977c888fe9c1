// Events: the Compliance Logs Platform (audit, login, app and other logs), newest first,
// filtered by type, action, actor, user, country and time; cursor paging. Event data comes
// from the platform as sent, so every field is shown as text only.
import { gql, Unavailable, Forbidden } from '../gql.js';
import { h, put, clear, time, number, failure, loading, unavailable, badge } from '../dom.js';
import { href } from '../router.js';

const PAGE = 50;
const TYPES = ['AUDIT_LOG', 'AUTH_LOG', 'APP_LOG'];

export const EVENT_FIELDS = 'id type timestamp actorType actor actorEmail action actionResult actionPrivilege clientIp country city userAgent targetEmail oldRole newRole setting settingEnabled data';

function readFilter(params) {
  return {
    types: params.getAll('type').filter(Boolean),
    action: (params.get('action') || '').trim(),
    actor: (params.get('actor') || '').trim(),
    user: (params.get('user') || '').trim(),
    country: (params.get('country') || '').trim(),
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
}

function paramsOf(f) {
  return { type: f.types, action: f.action, actor: f.actor, user: f.user, country: f.country, from: f.from, to: f.to };
}

function toInput(f) {
  const input = {};
  if (f.types.length) input.types = f.types;
  if (f.action) input.actions = split(f.action);
  if (f.actor) input.actors = split(f.actor);
  if (f.user) input.users = split(f.user);
  if (f.country) input.countries = split(f.country).map((c) => c.toUpperCase());
  if (f.from) input.from = `${f.from}T00:00:00Z`;
  if (f.to) input.to = `${f.to}T23:59:59Z`;
  return input;
}

function split(value) {
  return value.split(',').map((x) => x.trim()).filter(Boolean);
}

export async function render(view, route) {
  const f = readFilter(route.params);
  put(view, h('div', { class: 'page-head' },
    h('h1', {}, 'Events'),
    h('p', { class: 'lede' }, 'Audit, sign-in and app events from the Compliance Logs Platform, newest first. Event data is shown exactly as the platform sent it.')));
  view.appendChild(filterForm(f));
  const body = h('section', { class: 'events-body', 'aria-labelledby': 'events-count' }, loading());
  view.appendChild(body);

  const rows = h('tbody');
  const more = h('div', { class: 'more' });
  let after = null;
  let shown = 0;
  const load = async () => {
    let page;
    try {
      page = (await gql(`query($filter: EventFilter, $first: Int, $after: String) {
        events(filter: $filter, first: $first, after: $after) {
          totalCount edges { cursor node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
      { filter: toInput(f), first: PAGE, after })).events;
    } catch (error) {
      clear(body).appendChild(error instanceof Unavailable ? unavailable('Events', error.message)
        : failure(error instanceof Forbidden ? 'Not allowed' : 'Events could not be loaded', error));
      return;
    }
    if (after === null) {
      put(clear(body),
        h('p', { class: 'result-count', id: 'events-count', role: 'status' }, `${number(page.totalCount)} event${page.totalCount === 1 ? '' : 's'}`),
        page.totalCount ? h('table', { class: 'data events-table' },
          h('caption', { class: 'visually-hidden' }, 'Events, newest first'),
          h('thead', {}, h('tr', {}, ['Time', 'Type', 'What (and the raw event)', 'Actor', 'Result', 'Where'].map((t) => h('th', { scope: 'col' }, t)))),
          rows) : h('div', { class: 'panel empty' }, h('p', {}, 'No events match these filters.')),
        more);
    }
    for (const { node } of page.edges) rows.appendChild(eventRow(node, f));
    shown += page.edges.length;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    clear(more);
    if (after) {
      const button = h('button', { type: 'button', class: 'secondary', id: 'events-more' }, `Show ${PAGE} more (${number(shown)} of ${number(page.totalCount)})`);
      button.addEventListener('click', async () => {
        button.disabled = true;
        const first = rows.children.length;
        await load();
        const link = rows.children[first] && rows.children[first].querySelector('a, summary');
        if (link) link.focus();
      });
      more.appendChild(button);
    }
  };
  await load();
}

function filterForm(f) {
  const form = h('form', { class: 'panel filters-bar events-filters', 'aria-label': 'Event filters' },
    field('e-type', 'Type', h('select', { id: 'e-type', name: 'type' },
      h('option', { value: '' }, 'Any type'),
      [...new Set([...TYPES, ...f.types])].map((t) => h('option', { value: t, selected: f.types.includes(t) }, t)))),
    field('e-action', 'Action', h('input', { id: 'e-action', name: 'action', type: 'text', value: f.action, placeholder: 'USER_ROLE_UPDATED', autocomplete: 'off', spellcheck: 'false' })),
    field('e-actor', 'Actor', h('input', { id: 'e-actor', name: 'actor', type: 'text', value: f.actor, placeholder: 'email, user id or sk-…', autocomplete: 'off', spellcheck: 'false' })),
    field('e-user', 'By or about user', h('input', { id: 'e-user', name: 'user', type: 'text', value: f.user, placeholder: 'name@company.com', autocomplete: 'off', spellcheck: 'false' })),
    field('e-country', 'Country', h('input', { id: 'e-country', name: 'country', type: 'text', value: f.country, placeholder: 'US, DE', size: '8', autocomplete: 'off', spellcheck: 'false' })),
    field('e-from', 'From', h('input', { id: 'e-from', name: 'from', type: 'date', value: f.from })),
    field('e-to', 'To', h('input', { id: 'e-to', name: 'to', type: 'date', value: f.to })),
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('a', { href: '#/events' }, 'Clear')),
    h('p', { class: 'hint wide' }, 'Several values in one field (comma-separated) are alternatives; every field given must match.'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {
      types: data.get('type') ? [String(data.get('type'))] : [],
      action: String(data.get('action') || '').trim(),
      actor: String(data.get('actor') || '').trim(),
      user: String(data.get('user') || '').trim(),
      country: String(data.get('country') || '').trim(),
      from: String(data.get('from') || ''),
      to: String(data.get('to') || ''),
    };
    location.hash = href('events', paramsOf(next)).slice(1);
  });
  form.querySelector('select').addEventListener('change', () => form.requestSubmit());
  return form;
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function eventRow(e, f) {
  return h('tr', { class: 'event' },
    h('td', { class: 'nowrap' }, time(e.timestamp)),
    h('td', {}, e.type ? h('a', { class: 'badge', href: href('events', paramsOf({ ...f, types: [e.type] })) }, e.type) : '—'),
    h('td', {}, what(e), details(e)),
    h('td', {}, actorOf(e)),
    h('td', {}, e.actionResult ? badge(e.actionResult, `result ${/SUCCESS/i.test(e.actionResult) ? 'ok' : 'bad'}`) : h('span', { class: 'muted' }, '—')),
    h('td', {}, where(e, f)));
}

/** What happened, as one readable line of DOM (never HTML). */
export function what(e) {
  return h('div', { class: 'event-what' },
    h('span', { class: 'event-action' }, e.action || e.type || 'event'),
    e.targetEmail ? h('span', {}, ' · ', h('a', { href: href('user', e.targetEmail) }, e.targetEmail)) : null,
    e.oldRole || e.newRole ? h('span', { class: 'muted' }, ` ${e.oldRole || '—'} → ${e.newRole || '—'}`) : null,
    e.setting ? h('span', {}, ' · ', h('code', {}, e.setting), e.settingEnabled == null ? '' : e.settingEnabled ? ' turned on' : ' turned off') : null,
    e.actionPrivilege ? h('div', { class: 'muted small' }, `needs ${e.actionPrivilege}`) : null);
}

export function actorOf(e) {
  if (e.actorEmail) return h('span', {}, h('a', { href: href('user', e.actorEmail) }, e.actorEmail), e.actorType && e.actorType !== 'ACCOUNT_USER' ? h('div', { class: 'muted small' }, e.actorType) : null);
  if (e.actor) return h('span', {}, h('code', {}, e.actor), e.actorType ? h('div', { class: 'muted small' }, e.actorType) : null);
  return h('span', { class: 'muted' }, '—');
}

export function where(e, f) {
  const place = [e.city, e.country].filter(Boolean).join(', ');
  return h('span', {},
    e.country && f ? h('a', { href: href('events', paramsOf({ ...f, country: e.country })), title: `Only events from ${e.country}` }, place) : place || h('span', { class: 'muted' }, '—'),
    e.clientIp ? h('div', { class: 'muted small' }, h('code', {}, e.clientIp)) : null);
}

/** The whole event as the platform sent it, pretty-printed as text. */
export function details(e) {
  let text = e.data || '';
  try {
    text = JSON.stringify(JSON.parse(text), null, 2);
  } catch (err) {
    // not JSON: show as sent
  }
  return h('details', { class: 'event-data' },
    h('summary', {}, 'Raw event'),
    e.userAgent ? h('p', { class: 'muted small' }, e.userAgent) : null,
    h('pre', {}, text));
}
