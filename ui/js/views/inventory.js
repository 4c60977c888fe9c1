// Inventory: GPTs (tools, visibility, owner, knowledge files, finding badges), users, keys,
// invites, projects. Tables of keys, invites and projects are built from whatever the
// server's schema offers for them.
import { gql, schema } from '../gql.js';
import { h, put, clear, time, when, number, failure, loading, unavailable, severityBadge, badge } from '../dom.js';
import { href } from '../router.js';
import { all } from '../lookups.js';
import { knowledgeFields, knowledgeFiles } from './files-hits.js';

const TABS = [
  { id: 'gpts', label: 'GPTs' },
  { id: 'users', label: 'Users' },
  { id: 'org-users', label: 'Org users', match: /^orgUsers$/ },
  { id: 'keys', label: 'API keys', match: /keys$/i },
  { id: 'invites', label: 'Invites', match: /invites$/i },
  { id: 'projects', label: 'Projects', match: /^projects$/i },
];
const PUBLIC = new Set(['gpt-store', 'anyone-with-link']);
const SEVERITY_ORDER = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

export async function render(view, route) {
  const sc = await schema();
  if (route.parts[0] === 'gpt') return gptDetail(view, route.parts[1], sc);
  const tab = TABS.find((t) => t.id === route.parts[1]) || TABS[0];
  put(view, 
    h('div', { class: 'page-head' }, h('h1', {}, 'Inventory'),
      h('p', { class: 'lede' }, 'What the workspace holds: custom GPTs, people, API keys and invites.')),
    h('nav', { class: 'tabs', 'aria-label': 'Inventory sections' },
      TABS.map((t) => h('a', { href: href('inventory', t.id), 'aria-current': t.id === tab.id ? 'page' : null }, t.label))));
  const body = h('div', { class: 'tab-body' }, loading());
  view.appendChild(body);
  try {
    if (tab.id === 'gpts') await gptsTab(body, sc);
    else if (tab.id === 'users') await usersTab(body, sc);
    else await genericTab(body, sc, tab);
  } catch (error) {
    clear(body).appendChild(failure(`${tab.label} could not be loaded`, error));
  }
}

/** Open findings by resource id, when the server has findings. */
async function openFindings(sc) {
  if (!sc.has('Query', 'findings')) return new Map();
  try {
    const result = await all('findings', 'id severity resourceId type { name }', {
      args: 'filter: $filter', argDefs: '$filter: FindingFilter', variables: { filter: { statuses: ['OPEN'] } }, cap: 5000,
    });
    const map = new Map();
    for (const f of result.nodes) {
      if (!map.has(f.resourceId)) map.set(f.resourceId, []);
      map.get(f.resourceId).push(f);
    }
    for (const list of map.values()) list.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return map;
  } catch (e) {
    return new Map();
  }
}

function findingBadges(list, resourceId) {
  if (!list || !list.length) return h('span', { class: 'muted small' }, 'none');
  const bySeverity = {};
  for (const f of list) bySeverity[f.severity] = (bySeverity[f.severity] || 0) + 1;
  return h('a', { class: 'finding-badges', href: href('findings', { resource: resourceId }), title: list.map((f) => f.type.name).join(', ') },
    Object.entries(bySeverity).map(([s, n]) => h('span', { class: `badge sev sev-${s.toLowerCase()}` }, `${n} ${s.toLowerCase()}`)));
}

async function gptsTab(body, sc) {
  const fields = sc.pick('Gpt', ['id', 'name', 'ownerEmail', 'visibility', 'tools', 'knowledgeFiles { id }', 'createdAt', 'conversationCount']);
  const [result, findings] = await Promise.all([all('gpts', fields.join(' ')), openFindings(sc)]);
  const withFindings = sc.has('Query', 'findings');
  put(clear(body), 
    h('p', { class: 'result-count' }, `${number(result.total)} GPTs`),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Name', 'Owner', 'Visibility', 'Tools', 'Knowledge files', 'Conversations', withFindings ? 'Open findings' : null, 'Created'].filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.nodes.map((g) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: href('gpt', g.id) }, g.name || g.id), h('div', { class: 'muted small' }, h('code', {}, g.id))),
        h('td', {}, g.ownerEmail ? h('a', { href: href('search', { user: g.ownerEmail }) }, g.ownerEmail) : '—'),
        h('td', {}, visibilityBadge(g.visibility)),
        h('td', {}, (g.tools || []).length ? g.tools.map((t) => badge(t, t === 'custom_action' ? 'tool risky' : 'tool')) : h('span', { class: 'muted small' }, 'none')),
        h('td', { class: 'num' }, number((g.knowledgeFiles || []).length)),
        h('td', { class: 'num' }, g.conversationCount == null ? h('a', { href: href('search', { gpt: g.id }) }, 'open') : h('a', { href: href('search', { gpt: g.id }) }, number(g.conversationCount))),
        withFindings ? h('td', {}, findingBadges(findings.get(g.id), g.id)) : null,
        h('td', {}, time(g.createdAt)))))));
}

function visibilityBadge(v) {
  if (!v) return h('span', { class: 'muted small' }, '—');
  return badge(v, PUBLIC.has(v) ? 'vis public' : 'vis');
}

async function usersTab(body, sc) {
  const fields = sc.pick('WorkspaceUser', ['id', 'email', 'name', 'role', 'status', 'createdAt', 'conversationCount', 'lastActiveAt']);
  const [result, findings] = await Promise.all([all('users', fields.join(' '), { cap: 5000 }), openFindings(sc)]);
  const withFindings = sc.has('Query', 'findings');
  put(clear(body), 
    h('p', { class: 'result-count' }, `${number(result.total)} users`),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Email', 'Name', 'Role', 'Status', withFindings ? 'Open findings' : null, 'Joined', 'Last active', 'Conversations'].filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, result.nodes.map((u) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: href('user', u.email), title: `Timeline of ${u.email}` }, u.email)),
        h('td', {}, u.name || '—'),
        h('td', {}, u.role ? badge(u.role, u.role === 'account-owner' ? 'role owner' : 'role') : '—'),
        h('td', {}, u.status ? badge(u.status, `state ${u.status}`) : '—'),
        withFindings ? h('td', {}, findingBadges(findings.get(u.id), u.id)) : null,
        h('td', {}, time(u.createdAt)),
        h('td', {}, u.lastActiveAt === undefined ? '—' : time(u.lastActiveAt)),
        h('td', { class: 'num' }, h('a', { href: href('search', { user: u.email }) }, u.conversationCount == null ? 'Open chats' : number(u.conversationCount))))))));
}

async function genericTab(body, sc, tab) {
  const query = sc.known ? sc.type('Query') : null;
  const fields = query ? query.fields.filter((f) => tab.match.test(f.name) && sc.fieldType('Query', f.name)) : [];
  const sections = [];
  for (const f of fields) {
    const conn = sc.fieldType('Query', f.name);
    const edge = sc.fieldType(conn.name, 'edges');
    const node = edge && sc.fieldType(edge.name, 'node');
    if (!node) continue;
    // Ids of other records are noise in a table: keep the record's own id, drop the rest.
    const columns = sc.scalarFields(node.name).filter((c) => c === 'id' || !/Id$/.test(c));
    if (!columns.length) continue;
    const result = await all(f.name, columns.join(' '), { cap: 2000 });
    sections.push(h('section', { class: 'panel' },
      h('h2', {}, `${humanize(f.name)} (${number(result.total)})`),
      result.nodes.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, humanize(c))))),
        h('tbody', {}, result.nodes.map((n) => h('tr', {}, columns.map((c) => h('td', {}, cell(c, n[c]))))))))
        : h('p', { class: 'muted' }, 'None.')));
  }
  clear(body);
  if (!sections.length) body.appendChild(unavailable(tab.label));
  else put(body, ...sections);
}

function humanize(key) {
  return key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

function cell(name, value) {
  if (value === null || value === undefined) return h('span', { class: 'muted small' }, '—');
  if (Array.isArray(value)) return value.map((v) => badge(String(v)));
  if (/At$/.test(name) && typeof value === 'string') return h('time', { datetime: value, title: when(value) }, value.slice(0, 10));
  if (name === 'id') return h('code', {}, value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (/role|status|state|visibility/i.test(name)) return badge(String(value));
  return String(value);
}

async function gptDetail(view, id, sc) {
  view.appendChild(loading());
  const fields = sc.pick('Gpt', ['id', 'name', 'description', 'ownerEmail', 'visibility', 'tools', 'createdAt',
    'customActions { domain authType privacyPolicyUrl }', 'recipients { email canWrite }', knowledgeFields(sc)]);
  let g;
  try {
    g = (await gql(`query($id: ID!) { gpt(id: $id) { ${fields.join(' ')}
      conversations(first: 10) { totalCount edges { node { id title userEmail lastActiveAt messageCount } } } } }`, { id })).gpt;
  } catch (error) {
    clear(view).appendChild(failure('The GPT could not be loaded', error));
    return;
  }
  clear(view);
  if (!g) {
    put(view, h('h1', {}, 'GPT not found'), h('p', {}, h('a', { href: '#/inventory/gpts' }, 'Back to GPTs')));
    return;
  }
  const findings = (await openFindings(sc)).get(g.id) || [];
  put(view, 
    h('div', { class: 'page-head' },
      h('a', { class: 'back', href: '#/inventory/gpts' }, '← GPTs'),
      h('h1', {}, g.name || g.id),
      g.description ? h('p', { class: 'lede' }, g.description) : null),
    h('div', { class: 'detail-layout' },
      h('div', {},
        h('section', { class: 'panel' },
          h('h2', {}, 'Configuration'),
          h('dl', { class: 'facts' },
            h('div', {}, h('dt', {}, 'Owner'), h('dd', {}, g.ownerEmail ? h('a', { href: href('search', { user: g.ownerEmail }) }, g.ownerEmail) : '—')),
            h('div', {}, h('dt', {}, 'Visibility'), h('dd', {}, visibilityBadge(g.visibility))),
            h('div', {}, h('dt', {}, 'Tools'), h('dd', {}, (g.tools || []).length ? g.tools.map((t) => badge(t, t === 'custom_action' ? 'tool risky' : 'tool')) : 'none')),
            h('div', {}, h('dt', {}, 'Created'), h('dd', {}, time(g.createdAt))),
            h('div', {}, h('dt', {}, 'ID'), h('dd', {}, h('code', {}, g.id))))),
        (g.customActions || []).length ? h('section', { class: 'panel' }, h('h2', {}, 'Custom actions'),
          h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['Domain', 'Authentication', 'Privacy policy'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, g.customActions.map((a) => h('tr', {}, h('td', {}, h('code', {}, a.domain || '—')), h('td', {}, a.authType || '—'), h('td', {}, a.privacyPolicyUrl ? h('code', {}, a.privacyPolicyUrl) : '—')))))) : null,
        knowledgeFiles(g.knowledgeFiles),
        (g.recipients || []).length ? h('section', { class: 'panel' }, h('h2', {}, `Shared with (${g.recipients.length})`),
          h('ul', { class: 'plain' }, g.recipients.map((r) => h('li', {}, r.email || '—', r.canWrite ? badge('can edit') : null)))) : null,
        h('section', { class: 'panel' },
          h('div', { class: 'panel-head' },
            h('h2', {}, `Conversations (${number(g.conversations.totalCount)})`),
            h('a', { class: 'button secondary', id: 'gpt-conversations', href: href('search', { gpt: g.id }) }, 'Open all in search')),
          g.conversations.edges.length ? h('ol', { class: 'mini-list related' }, g.conversations.edges.map(({ node: c }) => h('li', {},
            h('a', { href: href('conversation', c.id) }, c.title || 'Untitled conversation'),
            h('span', { class: 'muted small' }, ` ${c.userEmail || ''} · ${number(c.messageCount)} messages · `, time(c.lastActiveAt))))) : h('p', { class: 'muted' }, 'Nobody used it yet.'))),
      h('aside', {},
        h('section', { class: 'panel' }, h('h2', {}, 'Open findings'),
          !sc.has('Query', 'findings') ? h('p', { class: 'muted' }, 'Findings are not available on this server yet.')
            : findings.length ? h('ul', { class: 'plain' }, findings.map((f) => h('li', {}, severityBadge(f.severity), ' ', h('a', { href: href('finding', f.id) }, f.type.name))))
              : h('p', { class: 'muted' }, 'None.')))));
}
