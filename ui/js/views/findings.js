// Findings: who and when, by severity with filters, sort, grouping, text filter, bulk triage and
// export; detail with resource, why, what to do, the events or conversations behind it; mute or
// reopen with a reason.
import { gql, Forbidden } from '../gql.js';
import { can, currentRole, currentViewer } from '../auth.js';
import { h, put, clear, time, number, failure, loading, severityBadge, badge } from '../dom.js';
import { href } from '../router.js';
import { findingText } from '../findings-text.js';
import { pager } from '../pager.js';
import { all } from '../lookups.js';
import { csvFile, saveFile } from '../files.js';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const STATUSES = ['OPEN', 'MUTED', 'RESOLVED'];
const ORDERS = [['SEVERITY', 'Most severe first'], ['OCCURRED_AT', 'Most recently occurred first'], ['LAST_SEEN', 'Most recently evaluated first']];
const EXTRA_FIELDS = ['detail', 'matchCount', 'occurrences', 'resolvedAt', 'mutedBy', 'muteReason', 'mutedAt'];
const PAGE = 50;

const ROW_FIELDS = 'id typeId severity status resourceType resourceId resourceName userEmail occurredAt firstSeenAt lastSeenAt eventIds type { id name category severity }';
const LIST = `query findings($filter: FindingFilter, $after: String, $order: FindingOrder, $first: Int) {
  findings(filter: $filter, first: $first, after: $after, orderBy: $order) {
    totalCount edges { node { ${ROW_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const DETAIL = `query finding($id: ID!) { finding(id: $id) {
  ${ROW_FIELDS} detail matchCount occurrences resolvedAt mutedBy muteReason mutedAt
  type { id name category severity description remediation }
  matches: matchingMessages(first: 20) { totalCount edges { node { id conversationId role createdAt dlp { detector masked hash count } } } }
  related: relatedConversations(first: 20) { totalCount edges { node { id title userEmail lastActiveAt messageCount } } } } }`;

export async function render(view, route) {
  if (route.parts[0] === 'finding') return detail(view, route);
  return list(view, route);
}

function readFilter(params) {
  return {
    order: ORDERS.some(([o]) => o === params.get('order')) ? params.get('order') : '',
    severities: params.getAll('severity').filter((s) => SEVERITIES.includes(s)),
    statuses: params.getAll('status').filter((s) => STATUSES.includes(s)),
    types: params.getAll('type').filter(Boolean),
    resource: params.get('resource') || '',
    user: params.get('user') || '',
    text: (params.get('text') || '').trim(),
    group: params.get('group') === 'type' ? 'type' : '',
  };
}

function toInput(f) {
  const input = {};
  if (f.severities.length) input.severities = f.severities;
  if (f.statuses.length) input.statuses = f.statuses;
  if (f.types.length) input.typeIds = f.types;
  if (f.resource) input.resourceId = f.resource;
  if (f.user) input.userEmails = [f.user];
  if (f.text) input.text = f.text;
  return input;
}

function params(f) {
  return { order: f.order, severity: f.severities, status: f.statuses, type: f.types, resource: f.resource, user: f.user, text: f.text, group: f.group };
}

async function list(view, route) {
  const f = readFilter(route.params);
  if (!route.params.has('status') && !route.params.has('all')) f.statuses = ['OPEN'];
  put(view, h('div', { class: 'page-head' },
    h('h1', {}, 'Findings'),
    h('p', { class: 'lede' }, 'Risks found in the workspace copy, re-evaluated after every sync: who they concern and when it happened. Muted findings stay muted.')));
  const summary = h('div', { class: 'severity-cards' });
  const body = h('div', {}, loading());
  put(view, summary);

  let types = [];
  try {
    types = (await gql('{ findingTypes { id name category severity } }')).findingTypes;
  } catch (e) {
    types = [];
  }

  const form = h('form', { class: 'panel filters-bar', 'aria-label': 'Finding filters' },
    h('fieldset', { class: 'checks' }, h('legend', {}, 'Severity'),
      SEVERITIES.map((s) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'severity', value: s, checked: f.severities.includes(s) }), ' ', severityBadge(s)))),
    h('fieldset', { class: 'checks' }, h('legend', {}, 'Status'),
      STATUSES.map((s) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'status', value: s, checked: f.statuses.includes(s) }), ` ${s.charAt(0)}${s.slice(1).toLowerCase()}`))),
    h('div', { class: 'field' }, h('label', { for: 'f-type' }, 'Type'),
      h('select', { id: 'f-type', name: 'type' }, h('option', { value: '' }, 'All types'),
        types.slice().sort((a, b) => a.name.localeCompare(b.name)).map((t) => h('option', { value: t.id, selected: f.types.includes(t.id) }, t.name)))),
    h('div', { class: 'field' }, h('label', { for: 'f-text' }, 'Contains'),
      h('input', { id: 'f-text', name: 'text', type: 'search', value: f.text, placeholder: 'user, resource or type', autocomplete: 'off' })),
    h('div', { class: 'field' }, h('label', { for: 'f-order' }, 'Order'),
      h('select', { id: 'f-order', name: 'order' }, ORDERS.map(([o, label]) => h('option', { value: o === 'SEVERITY' ? '' : o, selected: (f.order || 'SEVERITY') === o }, label)))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'group', value: 'type', id: 'f-group', checked: f.group === 'type' }), ' Group by type'),
    f.resource ? h('p', { class: 'note' }, 'Only findings on resource ', h('code', {}, f.resource), ' · ', h('a', { href: href('findings', { ...params(f), resource: null }) }, 'show all')) : null,
    f.user ? h('p', { class: 'note' }, 'Only findings concerning ', h('code', {}, f.user), ' · ', h('a', { href: href('findings', { ...params(f), user: null }) }, 'show all')) : null,
    h('button', { type: 'submit', class: 'secondary' }, 'Apply'));
  form.addEventListener('change', (event) => { if (event.target.name !== 'text') form.requestSubmit(); });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = { ...f, order: String(data.get('order') || ''), severities: data.getAll('severity').map(String), statuses: data.getAll('status').map(String), types: data.get('type') ? [String(data.get('type'))] : [], text: String(data.get('text') || '').trim(), group: data.get('group') ? 'type' : '' };
    const p = params(next);
    if (!next.statuses.length) p.all = '1';
    location.hash = href('findings', p).slice(1);
  });
  const tools = h('div', { class: 'toolbar findings-tools' });
  put(view, form, tools, body);

  gql('query($f: FindingFilter) { findingCounts(filter: $f) { bySeverity { severity count } } }', { f: toInput({ ...f, severities: [] }) })
    .then((data) => SEVERITIES.forEach((s) => {
      const n = (data.findingCounts.bySeverity.find((x) => x.severity === s) || { count: 0 }).count;
      const active = f.severities.length === 1 && f.severities[0] === s;
      put(summary, h('a', { class: `sev-card sev-${s.toLowerCase()}${active ? ' active' : ''}`, href: href('findings', params({ ...f, severities: [s] })) },
        h('span', { class: 'sev-card-count' }, number(n)), h('span', { class: 'sev-card-label' }, s.charAt(0) + s.slice(1).toLowerCase())));
    }))
    .catch(() => {});

  const selected = new Set();
  const triageAllowed = can('triage');
  if (triageAllowed) tools.appendChild(bulkTriage(selected));
  tools.appendChild(exportButton(f));

  const table = h('table', { class: 'data findings-table' });
  const more = h('div', { class: 'more' });
  const back = location.hash;
  let groups = new Map();
  const tbodyFor = (n) => {
    if (f.group !== 'type') {
      if (!groups.has('')) groups.set('', table.appendChild(h('tbody')));
      return groups.get('');
    }
    const key = n.typeId;
    if (!groups.has(key)) {
      const tbody = h('tbody', { class: 'group' }, h('tr', { class: 'group-head' }, h('th', { colspan: '8', scope: 'rowgroup' }, (n.type && n.type.name) || n.typeId)));
      groups.set(key, table.appendChild(tbody));
    }
    return groups.get(key);
  };
  try {
    await pager({
      more,
      size: PAGE,
      noun: 'more findings',
      id: 'findings-more',
      fetchPage: async (after) => (await gql(LIST, { filter: toInput(f), after, order: f.order || 'SEVERITY', first: PAGE })).findings,
      onPage: (page, first) => {
        if (first) {
          groups = new Map();
          put(clear(body),
            h('p', { class: 'result-count', role: 'status' }, `${number(page.totalCount)} finding${page.totalCount === 1 ? '' : 's'}`),
            page.totalCount ? put(table, h('thead', {}, h('tr', {},
              [triageAllowed ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Select')) : null,
                ...['Severity', 'Finding', 'User', 'Resource', 'Occurred', 'Status', 'Last evaluated'].map((t) => h('th', { scope: 'col' }, t))]))) : h('div', { class: 'panel empty' }, h('p', {}, 'No findings match these filters.')),
            more);
        }
        for (const { node } of page.edges) tbodyFor(node).appendChild(row(node, triageAllowed, selected, back));
        return table;
      },
    });
  } catch (error) {
    clear(body).appendChild(failure('Findings could not be loaded', error));
  }
}

function row(n, selectable, selected, back) {
  const box = selectable ? h('input', { type: 'checkbox', class: 'select', 'aria-label': `Select ${(n.type && n.type.name) || n.typeId} on ${n.resourceName || n.resourceId}`, dataset: { id: n.id } }) : null;
  if (box) box.addEventListener('change', () => { if (box.checked) selected.add(n.id); else selected.delete(n.id); });
  return h('tr', { class: `finding status-${String(n.status).toLowerCase()}`, dataset: { id: n.id } },
    selectable ? h('td', {}, box) : null,
    h('td', {}, severityBadge(n.severity)),
    h('td', {}, h('a', { href: href('finding', n.id, { back }), 'data-key-nav': '' }, (n.type && n.type.name) || n.typeId),
      n.type && n.type.category ? h('div', { class: 'muted small' }, n.type.category) : null),
    h('td', { class: 'finding-user' }, userLink(n.userEmail, false)),
    h('td', {}, h('span', { class: 'muted small' }, n.resourceType), h('div', { class: 'resource-name' }, n.resourceName || n.resourceId)),
    h('td', { class: 'finding-occurred' }, n.occurredAt ? time(n.occurredAt) : h('span', { class: 'muted' }, '—')),
    h('td', {}, badge(n.status, `status ${String(n.status).toLowerCase()}`)),
    h('td', {}, time(n.lastSeenAt)));
}

/** Mute or reopen every selected finding, with one reason. */
function bulkTriage(selected) {
  const reason = h('input', { id: 'bulk-reason', type: 'text', maxlength: '500', placeholder: 'Reason for the selected findings' });
  const message = h('span', { class: 'small', role: 'status', id: 'bulk-message' });
  const act = async (status) => {
    if (!selected.size) { message.textContent = 'Select findings first.'; return; }
    if (status === 'MUTED' && !reason.value.trim()) { message.textContent = 'Give a reason: it is kept with each finding.'; reason.focus(); return; }
    let done = 0;
    for (const id of selected) {
      try {
        await gql('mutation($input: SetFindingStatusInput!) { setFindingStatus(input: $input) { id status } }',
          { input: { id, status, reason: reason.value.trim() || null } });
        done++;
      } catch (error) {
        message.textContent = `Stopped after ${done}: ${error.message}`;
        return;
      }
    }
    message.textContent = `${done} finding${done === 1 ? '' : 's'} marked ${status.toLowerCase()}.`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  };
  return h('div', { class: 'row bulk', role: 'group', 'aria-label': 'Selected findings' },
    h('label', { for: 'bulk-reason', class: 'visually-hidden' }, 'Reason'), reason,
    h('button', { type: 'button', class: 'secondary', id: 'bulk-mute', onclick: () => act('MUTED') }, 'Mute selected'),
    h('button', { type: 'button', class: 'secondary', onclick: () => act('OPEN') }, 'Reopen selected'),
    message);
}

function exportButton(f) {
  const status = h('span', { class: 'small', role: 'status' });
  const button = h('button', { type: 'button', class: 'secondary', id: 'findings-export' }, 'Export CSV');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const result = await all('findings', ROW_FIELDS, { args: 'filter: $filter', argDefs: '$filter: FindingFilter', variables: { filter: toInput(f) }, cap: 10000 });
      saveFile(csvFile(['id', 'type', 'severity', 'status', 'userEmail', 'resourceType', 'resourceId', 'resourceName', 'occurredAt', 'firstSeenAt', 'lastSeenAt'],
        result.nodes.map((n) => [n.id, n.typeId, n.severity, n.status, n.userEmail, n.resourceType, n.resourceId, n.resourceName, n.occurredAt, n.firstSeenAt, n.lastSeenAt])), 'chatwarden-findings', 'csv');
      status.textContent = `Exported ${number(result.nodes.length)} findings${result.complete ? '' : ' (the first 10,000)'}.`;
    } catch (error) {
      status.textContent = `Export failed: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'row' }, button, status);
}

/** The user a finding concerns: a link to their timeline when it is an email, else the name. */
function userLink(email, detailPage = true) {
  const id = detailPage ? 'finding-user' : null;
  if (!email) return h('span', { class: 'muted', id }, '—');
  return email.includes('@') ? h('a', { href: href('user', email), id }, email) : h('span', { id }, email);
}

function resourceLink(n) {
  const name = n.resourceName || n.resourceId;
  switch (n.resourceType) {
    case 'gpt': return h('a', { href: href('gpt', n.resourceId) }, name);
    case 'conversation': return h('a', { href: href('conversation', n.resourceId, { finding: n.id, back: location.hash }) }, name);
    case 'user': return h('a', { href: href('user', n.resourceName && n.resourceName.includes('@') ? n.resourceName : n.resourceId) }, name);
    case 'secret': return h('a', { href: href('search', { q: `secret:${n.resourceId}` }) }, name);
    default: return h('span', {}, name);
  }
}

function allConversationsLink(n) {
  if (n.resourceType === 'gpt') return href('search', { gpt: n.resourceId });
  if (n.resourceType === 'user' && n.resourceName && n.resourceName.includes('@')) return href('search', { user: n.resourceName });
  return null;
}

/** Where the events behind a finding are: its own events, the key's events, the user's events. */
async function eventsLink(n) {
  if (n.eventIds && n.eventIds.length) {
    return { href: href('events', { id: n.eventIds }), label: n.eventIds.length === 1 ? 'The event behind it' : `The ${n.eventIds.length} events behind it` };
  }
  if (n.resourceType === 'key') return { href: href('events', { actor: n.resourceId }), label: 'Events by this key' };
  if (n.resourceType === 'admin-key' || n.resourceType === 'project-key') {
    const field = n.resourceType === 'admin-key' ? 'adminKeys' : 'projectKeys';
    const keys = await all(field, 'id redactedValue', { cap: 5000 }).catch(() => ({ nodes: [] }));
    const key = keys.nodes.find((k) => k.id === n.resourceId);
    return key && key.redactedValue ? { href: href('events', { actor: key.redactedValue }), label: `Events by this key (${key.redactedValue})` } : null;
  }
  if (n.type && n.type.category === 'events' && n.userEmail) {
    const day = n.occurredAt ? n.occurredAt.slice(0, 10) : '';
    return { href: href('events', { user: n.userEmail, from: day, to: day, type: n.typeId === 'login-new-country' ? 'AUTH_LOG' : null }), label: `Events of ${n.userEmail} that day` };
  }
  return null;
}

async function detail(view, route) {
  const id = route.parts[1];
  const backTo = safeBack(route.params.get('back')) || '#/findings';
  view.appendChild(loading());
  let n;
  try {
    n = (await gql(DETAIL, { id })).finding;
  } catch (error) {
    clear(view).appendChild(failure('The finding could not be loaded', error));
    return;
  }
  clear(view);
  if (!n) {
    put(view, h('h1', {}, 'Finding not found'), h('p', {}, h('a', { href: backTo }, 'Back to findings')));
    return;
  }
  const text = findingText(n.typeId) || [];
  const why = (n.type && n.type.description) || text[0] || '—';
  const todo = (n.type && n.type.remediation) || text[1] || '—';
  const extras = EXTRA_FIELDS.filter((k) => n[k] !== undefined && n[k] !== null && !(k === 'matchCount' && !n[k]));
  const related = n.related;
  const allLink = allConversationsLink(n);
  const events = await eventsLink(n);

  put(view,
    h('div', { class: 'page-head' },
      h('a', { class: 'back', href: backTo }, '← Findings'),
      h('h1', {}, (n.type && n.type.name) || n.typeId),
      h('div', { class: 'head-badges' }, severityBadge(n.severity), badge(n.status, `status ${String(n.status).toLowerCase()}`), n.type && n.type.category ? badge(n.type.category) : null)),
    h('div', { class: 'detail-layout' },
      h('div', {},
        h('section', { class: 'panel' },
          h('h2', {}, 'Who, what and when'),
          h('dl', { class: 'facts' },
            h('div', {}, h('dt', {}, 'User'), h('dd', {}, userLink(n.userEmail))),
            h('div', {}, h('dt', {}, 'Occurred'), h('dd', { id: 'finding-occurred' }, n.occurredAt ? time(n.occurredAt) : '—')),
            h('div', {}, h('dt', {}, 'Resource'), h('dd', {}, h('span', { class: 'muted small' }, `${n.resourceType} `), resourceLink(n))),
            h('div', {}, h('dt', {}, 'Resource ID'), h('dd', {}, h('code', {}, n.resourceId))),
            h('div', {}, h('dt', {}, 'First evaluated'), h('dd', {}, time(n.firstSeenAt))),
            h('div', {}, h('dt', {}, 'Last evaluated'), h('dd', {}, time(n.lastSeenAt))),
            ...extras.map((k) => h('div', {}, h('dt', {}, humanize(k)), h('dd', {}, /At$/.test(k) ? time(n[k]) : String(n[k])))),
            h('div', {}, h('dt', {}, 'Finding ID'), h('dd', {}, h('code', {}, n.id)))),
          events ? h('p', {}, h('a', { class: 'button secondary', href: events.href, id: 'finding-events' }, events.label)) : null),
        h('section', { class: 'panel' }, h('h2', {}, 'Why it fired'), h('p', {}, why)),
        n.matches && n.matches.totalCount ? h('section', { class: 'panel' },
          h('h2', {}, `Matching messages (${number(n.matches.totalCount)})`),
          h('ol', { class: 'mini-list related' }, n.matches.edges.map(({ node: m }) => h('li', {},
            h('a', { href: href('conversation', m.conversationId, { m: m.id, finding: n.id, back: location.hash }) }, `${m.role} message`),
            h('span', { class: 'muted small' }, ' ', time(m.createdAt), ' '),
            ...(m.dlp || []).map((d) => h('span', { class: 'small' }, d.detector, ' ', h('code', {}, d.masked), d.count > 1 ? ` ×${d.count}` : '', ' ',
              h('a', { href: href('search', { q: `secret:${d.hash}` }), class: 'where-else' }, 'where else?'))))))) : null,
        h('section', { class: 'panel' }, h('h2', {}, 'What to do'), h('p', {}, todo)),
        h('section', { class: 'panel', 'aria-labelledby': 'related-heading' },
          h('div', { class: 'panel-head' },
            h('h2', { id: 'related-heading' }, `Related conversations (${number(related.totalCount)})`),
            h('div', { class: 'row' },
              n.userEmail ? h('a', { class: 'button secondary', href: href('user', n.userEmail), id: 'open-timeline' }, 'User timeline') : null,
              allLink ? h('a', { class: 'button secondary', href: allLink, id: 'open-related' }, 'Open all in search') : null)),
          related.edges.length ? h('ol', { class: 'mini-list related' }, related.edges.map(({ node: c }) => h('li', {},
            h('a', { href: href('conversation', c.id, { finding: n.id, back: location.hash }) }, c.title || 'Untitled conversation'),
            h('span', { class: 'muted small' }, ` ${c.userEmail || ''} · ${number(c.messageCount)} messages · `, time(c.lastActiveAt)))))
            : h('p', { class: 'muted' }, /key/.test(n.resourceType) ? 'Keys have no conversations; their events are linked above.' : 'No conversations are related to this finding.'))),
      triage(n)));
}

/** A back link only ever goes to a route of this app. */
export function safeBack(value) {
  return value && /^#\/[a-z]/.test(value) ? value : null;
}

function humanize(key) {
  return key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

function triage(n) {
  if (!can('triage')) {
    return h('aside', {}, h('section', { class: 'panel triage' }, h('h2', {}, 'Triage'),
      h('p', { class: 'muted' }, `Your role (${currentRole()}) can read findings but not mute or reopen them. Investigators and administrators can.`)));
  }
  const idField = 'id';
  const reasonField = 'reason';
  // Signed-in callers are recorded by the server under their own name.
  const byField = !currentViewer() ? 'by' : null;
  const by = byField ? h('input', { id: 'triage-by', type: 'text', maxlength: '120', value: localStorage.getItem('chatwarden.investigator') || '', autocomplete: 'name' }) : null;
  const reason = h('textarea', { id: 'triage-reason', rows: '3', maxlength: '500', required: true, placeholder: 'e.g. Approved by the security team on 2026-11-20 (ticket SEC-123)' });
  const message = h('p', { class: 'note', role: 'status' });
  const act = async (status) => {
    if (!reason.value.trim() && status !== 'OPEN') {
      message.textContent = 'Give a reason: it is kept with the finding.';
      reason.focus();
      return;
    }
    const input = { [idField]: n.id, status };
    if (reason.value.trim()) input[reasonField] = reason.value.trim();
    if (by && by.value.trim()) {
      input[byField] = by.value.trim();
      localStorage.setItem('chatwarden.investigator', by.value.trim());
    }
    try {
      await gql('mutation($input: SetFindingStatusInput!) { setFindingStatus(input: $input) { id status } }', { input });
      message.textContent = `Marked ${status.toLowerCase()}.`;
      location.hash = href('finding', n.id).slice(1);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      message.textContent = error instanceof Forbidden ? error.message : `Could not change the status: ${error.message}`;
    }
  };
  const form = h('form', { class: 'panel triage' },
    h('h2', {}, 'Triage'),
    h('label', { for: 'triage-reason' }, 'Reason (kept with the finding)'),
    reason,
    by ? h('label', { for: 'triage-by', class: 'spaced' }, 'Your name (recorded with the change)') : null,
    by,
    h('div', { class: 'row' },
      n.status !== 'MUTED' ? h('button', { type: 'button', class: 'secondary', onclick: () => act('MUTED') }, 'Mute') : null,
      n.status !== 'OPEN' ? h('button', { type: 'button', class: 'secondary', onclick: () => act('OPEN') }, 'Reopen') : null),
    h('p', { class: 'hint' }, 'Muted findings stay muted when rules run again. Findings resolve by themselves when their condition no longer holds, and reopen if it comes back.'),
    message);
  form.addEventListener('submit', (e) => e.preventDefault());
  return h('aside', {}, form);
}
