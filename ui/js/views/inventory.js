// Inventory: GPTs (tools, visibility, owner, knowledge files, finding badges), users, keys
// (with their project and open findings), invites, projects, org users.
import { gql } from '../gql.js';
import { h, put, clear, time, when, number, failure, loading, severityBadge, badge } from '../dom.js';
import { href } from '../router.js';
import { all } from '../lookups.js';
import { KNOWLEDGE_FIELDS, knowledgeFiles } from './files-hits.js';

const TABS = [
  { id: 'gpts', label: 'GPTs' },
  { id: 'users', label: 'Users' },
  { id: 'org-users', label: 'Org users' },
  { id: 'keys', label: 'API keys' },
  { id: 'invites', label: 'Invites' },
  { id: 'projects', label: 'Projects' },
];
const PUBLIC = new Set(['gpt-store', 'anyone-with-link']);
const SEVERITY_ORDER = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

export async function render(view, route) {
  if (route.parts[0] === 'gpt') return gptDetail(view, route.parts[1]);
  const tab = TABS.find((t) => t.id === route.parts[1]) || TABS[0];
  put(view, 
    h('div', { class: 'page-head' }, h('h1', {}, 'Inventory'),
      h('p', { class: 'lede' }, 'What the workspace holds: custom GPTs, people, API keys and invites.')),
    h('nav', { class: 'tabs', 'aria-label': 'Inventory sections' },
      TABS.map((t) => h('a', { href: href('inventory', t.id), 'aria-current': t.id === tab.id ? 'page' : null }, t.label))));
  const body = h('div', { class: 'tab-body' }, loading());
  view.appendChild(body);
  try {
    if (tab.id === 'gpts') await gptsTab(body);
    else if (tab.id === 'users') await usersTab(body);
    else if (tab.id === 'keys') await keysTab(body);
    else await tableTab(body, TABLES[tab.id]);
  } catch (error) {
    clear(body).appendChild(failure(`${tab.label} could not be loaded`, error));
  }
}

/** Open findings by resource id, when the server has findings. */
async function openFindings() {
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

async function gptsTab(body) {
  const fields = ['id', 'name', 'ownerEmail', 'visibility', 'tools', 'knowledgeFiles { id }', 'createdAt', 'conversationCount'];
  const [result, findings] = await Promise.all([all('gpts', fields.join(' ')), openFindings()]);
  const withFindings = true;
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

async function usersTab(body) {
  const fields = ['id', 'email', 'name', 'role', 'status', 'createdAt', 'conversationCount', 'lastActiveAt'];
  const [result, findings] = await Promise.all([all('users', fields.join(' '), { cap: 5000 }), openFindings()]);
  const withFindings = true;
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

const TABLES = {
  'org-users': { field: 'orgUsers', label: 'Organization users', columns: ['name', 'email', 'role', 'addedAt', 'id'] },
  invites: { field: 'invites', label: 'Invites', columns: ['email', 'role', 'status', 'createdAt', 'expiresAt', 'acceptedAt', 'projects { id role }'] },
  projects: { field: 'projects', label: 'Projects', columns: ['name', 'status', 'createdAt', 'archivedAt', 'id'] },
};

async function tableTab(body, table) {
  const result = await all(table.field, table.columns.join(' '), { cap: 2000 });
  const columns = table.columns.map((c) => c.split(' ')[0]);
  put(clear(body), h('section', { class: 'panel' },
    h('h2', {}, `${table.label} (${number(result.total)})`),
    result.nodes.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, humanize(c))))),
      h('tbody', {}, result.nodes.map((n) => h('tr', {}, columns.map((c) => h('td', {}, c === 'projects' ? (n.projects || []).map((p) => badge(`${p.id} (${p.role})`)) : cell(c, n[c]))))))))
      : h('p', { class: 'muted' }, 'None.')));
}

/** Admin and project keys, each with its project and its open findings. */
async function keysTab(body) {
  const [admin, project, projects, findings] = await Promise.all([
    all('adminKeys', 'id name redactedValue createdAt lastUsedAt ownerName ownerRole', { cap: 2000 }),
    all('projectKeys', 'id projectId name redactedValue createdAt lastUsedAt ownerEmail ownerName ownerRole', { cap: 5000 }),
    all('projects', 'id name', { cap: 2000 }),
    openFindings(),
  ]);
  const projectName = new Map(projects.nodes.map((p) => [p.id, p.name || p.id]));
  const eventsBy = (k) => (k.redactedValue ? h('a', { href: href('events', { actor: k.redactedValue }), title: 'Events by this key' }, h('code', {}, k.redactedValue)) : '—');
  put(clear(body),
    h('section', { class: 'panel' },
      h('h2', {}, `Admin keys (${number(admin.total)})`),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data keys-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Key', 'Owner', 'Created', 'Last used', 'Open findings'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, admin.nodes.map((k) => h('tr', {},
          h('th', { scope: 'row' }, k.name || k.id, h('div', { class: 'muted small' }, h('code', {}, k.id))),
          h('td', {}, eventsBy(k)),
          h('td', {}, k.ownerName || '—', k.ownerRole ? h('div', { class: 'muted small' }, k.ownerRole) : null),
          h('td', {}, cell('createdAt', k.createdAt)),
          h('td', {}, cell('lastUsedAt', k.lastUsedAt)),
          h('td', {}, findingBadges(findings.get(k.id), k.id)))))))),
    h('section', { class: 'panel' },
      h('h2', {}, `Project keys (${number(project.total)})`),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data keys-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Project', 'Key', 'Owner', 'Created', 'Last used', 'Open findings'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, project.nodes.map((k) => h('tr', {},
          h('th', { scope: 'row' }, k.name || k.id, h('div', { class: 'muted small' }, h('code', {}, k.id))),
          h('td', { class: 'key-project' }, projectName.get(k.projectId) || k.projectId || '—'),
          h('td', {}, eventsBy(k)),
          h('td', {}, k.ownerEmail ? h('a', { href: href('user', k.ownerEmail) }, k.ownerEmail) : (k.ownerName || '—'), k.ownerRole ? h('div', { class: 'muted small' }, k.ownerRole) : null),
          h('td', {}, cell('createdAt', k.createdAt)),
          h('td', {}, cell('lastUsedAt', k.lastUsedAt)),
          h('td', {}, findingBadges(findings.get(k.id), k.id)))))))));
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

async function gptDetail(view, id) {
  view.appendChild(loading());
  const fields = ['id', 'name', 'description', 'ownerEmail', 'visibility', 'tools', 'createdAt',
    'customActions { domain authType privacyPolicyUrl }', 'recipients { email canWrite }', KNOWLEDGE_FIELDS];
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
  const findings = (await openFindings()).get(g.id) || [];
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
          findings.length ? h('ul', { class: 'plain' }, findings.map((f) => h('li', {}, severityBadge(f.severity), ' ', h('a', { href: href('finding', f.id) }, f.type.name))))
              : h('p', { class: 'muted' }, 'None.')))));
}
