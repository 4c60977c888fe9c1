// A user's page: who they are and their timeline — conversations they started and events by
// or about them, newest first, grouped by day. #/user/<email or user id>?from=…&to=…
import { gql, Forbidden } from '../gql.js';
import { h, put, clear, time, number, failure, loading, badge } from '../dom.js';
import { pager } from '../pager.js';
import { csvFile, saveFile } from '../files.js';
import { href } from '../router.js';
import { gptMap, gptName } from '../lookups.js';
import { EVENT_FIELDS, what, actorOf, where, details } from './events.js';

const PAGE = 40;
const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export async function render(view, route) {
  const key = route.parts[1] || '';
  const from = route.params.get('from') || '';
  const to = route.params.get('to') || '';
  view.appendChild(loading());
  const gpts = await gptMap();
  const userFields = 'id email name role status createdAt lastActiveAt conversationCount';
  let user = null;
  try {
    if (key.includes('@')) {
      const data = await gql(`query($emails: [String!]) { users(filter: { emails: $emails }, first: 1) { edges { node { ${userFields} } } } }`, { emails: [key] });
      user = data.users.edges.length ? data.users.edges[0].node : null;
    } else {
      user = (await gql(`query($id: ID!) { user(id: $id) { ${userFields} } }`, { id: key })).user;
    }
  } catch (error) {
    user = null;
  }
  const email = user ? user.email : key;
  clear(view);
  if (!email.includes('@')) {
    put(view, h('h1', {}, 'User not found'), h('p', {}, 'No synced user has this id.'), h('p', {}, h('a', { href: '#/inventory/users' }, 'All users')));
    return;
  }

  put(view,
    h('div', { class: 'page-head' },
      h('a', { class: 'back', href: '#/inventory/users' }, '← Users'),
      h('h1', {}, user && user.name ? `${user.name}` : email),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, 'Email'), h('dd', {}, email)),
        user && user.role ? h('div', {}, h('dt', {}, 'Role'), h('dd', {}, badge(user.role, 'role'))) : null,
        user && user.status ? h('div', {}, h('dt', {}, 'Status'), h('dd', {}, badge(user.status, `state ${user.status}`))) : null,
        user && user.createdAt ? h('div', {}, h('dt', {}, 'Joined'), h('dd', {}, time(user.createdAt))) : null,
        user && user.lastActiveAt ? h('div', {}, h('dt', {}, 'Last active'), h('dd', {}, time(user.lastActiveAt))) : null,
        user ? null : h('div', {}, h('dt', {}, 'Directory'), h('dd', { class: 'muted' }, 'not a synced workspace user'))),
      h('ul', { class: 'pivot-links inline' },
        h('li', {}, h('a', { href: href('search', { user: email }) }, 'All chats in search')),
        h('li', {}, h('a', { href: href('events', { user: email }) }, 'Events by or about this user')),
        h('li', {}, h('a', { href: href('findings', { user: email, all: '1' }), id: 'user-findings' }, 'Findings concerning this user')),
        h('li', {}, h('button', { type: 'button', class: 'link', id: 'export-timeline', onclick: () => exportTimeline(email, from, to) }, 'Export the timeline (CSV)')))));

  const form = h('form', { class: 'panel filters-bar', 'aria-label': 'Timeline range' },
    h('div', { class: 'field' }, h('label', { for: 't-from' }, 'From'), h('input', { id: 't-from', name: 'from', type: 'date', value: from })),
    h('div', { class: 'field' }, h('label', { for: 't-to' }, 'To'), h('input', { id: 't-to', name: 'to', type: 'date', value: to })),
    h('button', { type: 'submit', class: 'secondary' }, 'Show'),
    from || to ? h('a', { href: href('user', key) }, 'All time') : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = href('user', key, { from: String(data.get('from') || ''), to: String(data.get('to') || '') }).slice(1);
  });

  const body = h('section', { class: 'timeline-body', 'aria-labelledby': 'timeline-heading' }, loading());
  put(view, h('h2', { id: 'timeline-heading', class: 'section-title' }, 'Timeline'), form, body);

  const list = h('ol', { class: 'timeline', 'aria-label': 'Timeline, newest first' });
  const more = h('div', { class: 'more' });
  const count = h('p', { class: 'result-count', role: 'status' });
  let lastDay = null;
  try {
    await pager({
      more,
      size: PAGE,
      noun: 'older',
      fetchPage: (after) => timelinePage(email, from, to, PAGE, after),
      onPage: (page, first) => {
        if (first) {
          count.textContent = `${number(page.totalCount)} conversation${page.totalCount === 1 ? '' : 's'} and events`;
          put(clear(body), count, page.totalCount ? list : h('div', { class: 'panel empty' }, h('p', {}, 'Nothing in this range.')), more);
        }
        for (const { node } of page.edges) {
          const day = node.at ? node.at.slice(0, 10) : 'unknown';
          if (day !== lastDay) {
            lastDay = day;
            list.appendChild(h('li', { class: 'timeline-day' }, h('h3', {}, day === 'unknown' ? 'Unknown date' : dayFormat.format(new Date(`${day}T00:00:00Z`)))));
          }
          list.appendChild(entry(node, gpts));
        }
        return list;
      },
    });
  } catch (error) {
    clear(body).appendChild(failure(error instanceof Forbidden ? 'Not allowed' : 'The timeline could not be loaded', error));
  }
}

const TIMELINE = `query timeline($email: String!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  userTimeline(email: $email, from: $from, to: $to, first: $first, after: $after) {
    totalCount edges { cursor node { at kind conversation { id title messageCount gptIds tools lastActiveAt } event { ${EVENT_FIELDS} } } }
    pageInfo { hasNextPage endCursor } } }`;

async function timelinePage(email, from, to, first, after) {
  return (await gql(TIMELINE, { email, from: from ? `${from}T00:00:00Z` : null, to: to ? `${to}T23:59:59Z` : null, first, after })).userTimeline;
}

async function exportTimeline(email, from, to) {
  const rows = [];
  let after = null;
  do {
    const page = await timelinePage(email, from, to, 100, after);
    for (const { node: n } of page.edges) {
      const c = n.conversation || {};
      const e = n.event || {};
      rows.push([n.at, n.kind, c.id || e.id, c.title || e.action || e.type, e.actor, e.clientIp, e.country, e.actionResult]);
    }
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && rows.length < 10000);
  saveFile(csvFile(['at', 'kind', 'id', 'what', 'actor', 'ip', 'country', 'result'], rows), `chatwarden-timeline-${email}`, 'csv');
}

function entry(node, gpts) {
  const at = node.at ? h('time', { datetime: node.at, class: 'timeline-time' }, hourFormat.format(new Date(node.at))) : h('span', { class: 'timeline-time muted' }, '—');
  if (node.kind === 'CONVERSATION' && node.conversation) {
    const c = node.conversation;
    return h('li', { class: 'timeline-entry kind-conversation' },
      at,
      h('span', { class: 'badge kind' }, 'Chat'),
      h('div', { class: 'timeline-main' },
        h('a', { class: 'timeline-title', href: href('conversation', c.id) }, c.title || 'Untitled conversation'),
        h('div', { class: 'result-meta' },
          c.messageCount != null ? h('span', {}, `${number(c.messageCount)} messages`) : null,
          ...(c.gptIds || []).map((id) => h('a', { class: 'badge gpt', href: href('gpt', id) }, gptName(gpts, id))),
          ...(c.tools || []).map((t) => badge(t, 'tool')))));
  }
  const e = node.event || {};
  return h('li', { class: 'timeline-entry kind-event' },
    at,
    h('span', { class: 'badge kind event' }, e.type ? e.type.replace(/_LOG$/, '').toLowerCase() : 'event'),
    h('div', { class: 'timeline-main' },
      what(e),
      h('div', { class: 'result-meta' }, h('span', {}, 'by '), actorOf(e), where(e, null), e.actionResult ? badge(e.actionResult) : null),
      details(e)));
}
