// Events: the Compliance Logs Platform (audit, login, app and other logs), newest first,
// filtered by type, action, actor, user, country, IP, id and time (text filters match any case
// by their beginning); types and actions come from the data. IPs, actors and keys are filters
// themselves. Event data comes from the platform as sent, so every field is shown as text only.
import { gql, Forbidden } from '../gql.js';
import { h, put, clear, time, number, failure, loading, badge } from '../dom.js';
import { href } from '../router.js';
import { pager } from '../pager.js';
import { csvFile, saveFile } from '../files.js';

const PAGE = 50;

export const EVENT_FIELDS = 'id type timestamp actorType actor actorEmail actorKeyId action actionResult actionPrivilege clientIp country city userAgent targetEmail oldRole newRole setting settingEnabled data';

const EVENTS = `query events($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

const FACETS = `query eventFacets($filter: EventFilter) { eventFacets(filter: $filter) { types { value count } actions { value count } } }`;

function readFilter(params) {
  return {
    types: params.getAll('type').filter(Boolean),
    action: (params.get('action') || '').trim(),
    actor: (params.get('actor') || '').trim(),
    user: (params.get('user') || '').trim(),
    country: (params.get('country') || '').trim(),
    ip: (params.get('ip') || '').trim(),
    ids: params.getAll('id').filter(Boolean),
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
}

function paramsOf(f) {
  return { type: f.types, action: f.action, actor: f.actor, user: f.user, country: f.country, ip: f.ip, id: f.ids, from: f.from, to: f.to };
}

function toInput(f) {
  const input = {};
  if (f.types.length) input.types = f.types;
  if (f.action) input.actions = split(f.action);
  if (f.actor) input.actors = split(f.actor);
  if (f.user) input.users = split(f.user);
  if (f.country) input.countries = split(f.country);
  if (f.ip) input.ips = split(f.ip);
  if (f.ids.length) input.ids = f.ids;
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
  const form = filterForm(f);
  view.appendChild(form);
  gql(FACETS, { filter: {} }).then((data) => fillChoices(form, f, data.eventFacets)).catch(() => {});
  const body = h('section', { class: 'events-body', 'aria-labelledby': 'events-count' }, loading());
  view.appendChild(body);

  const rows = h('tbody');
  const more = h('div', { class: 'more' });
  try {
    await pager({
      more,
      size: PAGE,
      id: 'events-more',
      fetchPage: async (after) => (await gql(EVENTS, { filter: toInput(f), first: PAGE, after })).events,
      onPage: (page, first) => {
        if (first) {
          put(clear(body),
            h('div', { class: 'toolbar' },
              h('p', { class: 'result-count', id: 'events-count', role: 'status' }, `${number(page.totalCount)} event${page.totalCount === 1 ? '' : 's'}`),
              page.totalCount ? h('button', { type: 'button', class: 'secondary', id: 'events-export', onclick: () => exportEvents(f) }, 'Export CSV') : null),
            f.ids.length ? h('p', { class: 'note' }, `Showing the event${f.ids.length === 1 ? '' : 's'} behind a finding · `, h('a', { href: '#/events' }, 'all events')) : null,
            page.totalCount ? h('table', { class: 'data events-table' },
              h('caption', { class: 'visually-hidden' }, 'Events, newest first'),
              h('thead', {}, h('tr', {}, ['Time', 'Type', 'What (and the raw event)', 'Actor', 'Result', 'Where'].map((t) => h('th', { scope: 'col' }, t)))),
              rows) : h('div', { class: 'panel empty' }, h('p', {}, 'No events match these filters. Text filters match the beginning of a value, in any case.')),
            more);
        }
        for (const { node } of page.edges) rows.appendChild(eventRow(node, f));
        return rows;
      },
    });
  } catch (error) {
    clear(body).appendChild(failure(error instanceof Forbidden ? 'Not allowed' : 'Events could not be loaded', error));
  }
}

function filterForm(f) {
  const form = h('form', { class: 'panel filters-bar events-filters', 'aria-label': 'Event filters' },
    field('e-type', 'Type', h('select', { id: 'e-type', name: 'type' },
      h('option', { value: '' }, 'Any type'),
      f.types.map((t) => h('option', { value: t, selected: true }, t)))),
    field('e-action', 'Action', h('input', { id: 'e-action', name: 'action', type: 'text', list: 'e-actions', value: f.action, placeholder: 'user_role or login', autocomplete: 'off', spellcheck: 'false' }), h('datalist', { id: 'e-actions' })),
    field('e-actor', 'Actor', h('input', { id: 'e-actor', name: 'actor', type: 'text', value: f.actor, placeholder: 'email, user id or sk-…', autocomplete: 'off', spellcheck: 'false' })),
    field('e-user', 'By or about user', h('input', { id: 'e-user', name: 'user', type: 'text', value: f.user, placeholder: 'name@company.com', autocomplete: 'off', spellcheck: 'false' })),
    field('e-country', 'Country', h('input', { id: 'e-country', name: 'country', type: 'text', value: f.country, placeholder: 'US, DE', size: '8', autocomplete: 'off', spellcheck: 'false' })),
    field('e-ip', 'IP', h('input', { id: 'e-ip', name: 'ip', type: 'text', value: f.ip, placeholder: '10.0.0.0/8', size: '12', autocomplete: 'off', spellcheck: 'false' })),
    field('e-from', 'From', h('input', { id: 'e-from', name: 'from', type: 'date', value: f.from })),
    field('e-to', 'To', h('input', { id: 'e-to', name: 'to', type: 'date', value: f.to })),
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'primary' }, 'Filter'),
      h('a', { href: '#/events' }, 'Clear')),
    h('p', { class: 'field-error', id: 'events-date-error', role: 'alert', hidden: true }),
    h('p', { class: 'hint wide' }, 'Text matches any case and the beginning of a value (“login” finds LOGIN_SUCCEEDED). Several values in one field, comma-separated, are alternatives; every field given must match.'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {
      types: data.get('type') ? [String(data.get('type'))] : [],
      action: String(data.get('action') || '').trim(),
      actor: String(data.get('actor') || '').trim(),
      user: String(data.get('user') || '').trim(),
      country: String(data.get('country') || '').trim(),
      ip: String(data.get('ip') || '').trim(),
      ids: [],
      from: String(data.get('from') || ''),
      to: String(data.get('to') || ''),
    };
    if (next.from && next.to && next.from > next.to) {
      const error = form.querySelector('#events-date-error');
      error.hidden = false;
      error.textContent = '“From” is later than “To”: nothing can match.';
      return;
    }
    location.hash = href('events', paramsOf(next)).slice(1);
  });
  form.querySelector('select').addEventListener('change', () => form.requestSubmit());
  return form;
}

/** The type and action choices, from the events in the copy. */
function fillChoices(form, f, facets) {
  const select = form.querySelector('#e-type');
  for (const b of facets.types) {
    if (!f.types.includes(b.value)) select.appendChild(h('option', { value: b.value }, `${b.value} (${number(b.count)})`));
  }
  const actions = form.querySelector('#e-actions');
  for (const b of facets.actions) actions.appendChild(h('option', { value: b.value }, `${number(b.count)} events`));
}

function field(id, label, ...controls) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), ...controls);
}

async function exportEvents(f) {
  const rows = [];
  let after = null;
  do {
    const page = (await gql(EVENTS, { filter: toInput(f), first: 100, after })).events;
    for (const { node: e } of page.edges) rows.push([e.id, e.timestamp, e.type, e.action, e.actor, e.actionResult, e.clientIp, e.country, e.targetEmail, e.data]);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && rows.length < 10000);
  saveFile(csvFile(['id', 'timestamp', 'type', 'action', 'actor', 'result', 'ip', 'country', 'targetEmail', 'raw'], rows), 'chatwarden-events', 'csv');
}

function eventRow(e, f) {
  return h('tr', { class: 'event', id: `event-${e.id}`, dataset: { id: e.id } },
    h('td', { class: 'nowrap' }, h('a', { href: href('events', { id: e.id }), title: 'A link to this event alone (copy it to share)', 'data-key-nav': '' }, time(e.timestamp))),
    h('td', {}, e.type ? h('a', { class: 'badge', href: href('events', paramsOf({ ...f, ids: [], types: [e.type] })) }, e.type) : '—'),
    h('td', {}, what(e), details(e)),
    h('td', {}, actorOf(e, f)),
    h('td', {}, e.actionResult ? badge(e.actionResult, `outcome ${/SUCCESS/i.test(e.actionResult) ? 'ok' : 'bad'}`) : h('span', { class: 'muted' }, '—')),
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

/** The actor as a filter (only their events), with a link to a user's timeline. */
export function actorOf(e, f = null) {
  const base = f ? { ...f, ids: [] } : { types: [], action: '', actor: '', user: '', country: '', ip: '', ids: [], from: '', to: '' };
  const who = e.actorEmail || e.actor;
  if (!who) return h('span', { class: 'muted' }, '—');
  const filter = h('a', { class: e.actorEmail ? 'actor' : 'actor key', href: href('events', paramsOf({ ...base, actor: who })), title: `Only events by ${who}` },
    e.actorEmail ? who : h('code', {}, who));
  return h('span', {}, filter,
    e.actorEmail ? h('a', { class: 'small timeline-link', href: href('user', e.actorEmail), title: `Timeline of ${e.actorEmail}` }, ' timeline') : null,
    e.actorType && e.actorType !== 'ACCOUNT_USER' ? h('div', { class: 'muted small' }, e.actorType) : null);
}

export function where(e, f) {
  const place = [e.city, e.country].filter(Boolean).join(', ');
  const base = f ? { ...f, ids: [] } : { types: [], action: '', actor: '', user: '', country: '', ip: '', ids: [], from: '', to: '' };
  return h('span', {},
    e.country ? h('a', { href: href('events', paramsOf({ ...base, country: e.country })), title: `Only events from ${e.country}` }, place) : place || h('span', { class: 'muted' }, '—'),
    e.clientIp ? h('div', { class: 'small' }, h('a', { class: 'ip', href: href('events', paramsOf({ ...base, ip: e.clientIp })), title: `Only events from ${e.clientIp}` }, h('code', {}, e.clientIp))) : null);
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
