// Findings: by severity with filters; detail with resource, why, what to do; mute or
// resolve with a reason; one click to the related conversations.
import { gql, schema, Unavailable, Forbidden } from '../gql.js';
import { can, currentRole, currentViewer } from '../auth.js';
import { h, put, clear, time, number, failure, loading, unavailable, severityBadge, badge } from '../dom.js';
import { href } from '../router.js';
import { findingText } from '../findings-text.js';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const STATUSES = ['OPEN', 'MUTED', 'RESOLVED'];
const EXTRA_FIELDS = ['detail', 'matchCount', 'occurrences', 'resolvedAt', 'mutedBy', 'muteReason', 'mutedAt'];

export async function render(view, route) {
  const sc = await schema();
  if (!sc.has('Query', 'findings')) {
    put(view, h('div', { class: 'page-head' }, h('h1', {}, 'Findings')), unavailable('Findings'));
    return;
  }
  if (route.parts[0] === 'finding') return detail(view, route, sc);
  return list(view, route, sc);
}

function readFilter(params) {
  return {
    order: params.get('order') || '',
    severities: params.getAll('severity').filter((s) => SEVERITIES.includes(s)),
    statuses: params.getAll('status').filter((s) => STATUSES.includes(s)),
    types: params.getAll('type').filter(Boolean),
    resource: params.get('resource') || '',
  };
}

function toInput(f) {
  const input = {};
  if (f.severities.length) input.severities = f.severities;
  if (f.statuses.length) input.statuses = f.statuses;
  if (f.types.length) input.typeIds = f.types;
  if (f.resource) input.resourceId = f.resource;
  return input;
}

function params(f) {
  return { order: f.order, severity: f.severities, status: f.statuses, type: f.types, resource: f.resource };
}

async function list(view, route, sc) {
  const f = readFilter(route.params);
  if (!route.params.has('status') && !route.params.has('all')) f.statuses = ['OPEN'];
  put(view, h('div', { class: 'page-head' },
    h('h1', {}, 'Findings'),
    h('p', { class: 'lede' }, 'Risks found in the workspace copy, re-evaluated after every sync. Muted findings stay muted.')));
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
    sc.hasArg('Query', 'findings', 'orderBy') ? h('div', { class: 'field' }, h('label', { for: 'f-order' }, 'Order'),
      h('select', { id: 'f-order', name: 'order' },
        h('option', { value: '' }, 'Most severe first'),
        h('option', { value: 'LAST_SEEN', selected: f.order === 'LAST_SEEN' }, 'Most recently seen first'))) : null,
    f.resource ? h('p', { class: 'note' }, 'Only findings on resource ', h('code', {}, f.resource), ' · ', h('a', { href: href('findings', { ...params(f), resource: null }) }, 'show all')) : null,
    h('button', { type: 'submit', class: 'secondary' }, 'Apply'));
  form.addEventListener('change', () => form.requestSubmit());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = { order: String(data.get('order') || ''), severities: data.getAll('severity').map(String), statuses: data.getAll('status').map(String), types: data.get('type') ? [String(data.get('type'))] : [], resource: f.resource };
    const p = params(next);
    if (!next.statuses.length) p.all = '1';
    location.hash = href('findings', p).slice(1);
  });
  put(view, form, body);

  // Counts per severity, with the other filters applied.
  const drawCards = (countOf) => {
    SEVERITIES.forEach((s) => {
      const n = countOf(s);
      const active = f.severities.length === 1 && f.severities[0] === s;
      put(summary, h('a', { class: `sev-card sev-${s.toLowerCase()}${active ? ' active' : ''}`, href: href('findings', params({ ...f, severities: [s] })) },
        h('span', { class: 'sev-card-count' }, number(n)), h('span', { class: 'sev-card-label' }, s.charAt(0) + s.slice(1).toLowerCase())));
    });
  };
  const countsQuery = sc.known && sc.has('Query', 'findingCounts')
    ? gql('query($f: FindingFilter) { findingCounts(filter: $f) { bySeverity { severity count } } }', { f: toInput({ ...f, severities: [] }) })
      .then((data) => drawCards((s) => (data.findingCounts.bySeverity.find((x) => x.severity === s) || { count: 0 }).count))
    : null;
  const counts = SEVERITIES.map((s, i) => `s${i}: findings(filter: $f${i}, first: 1) { totalCount }`).join(' ');
  const vars = {};
  SEVERITIES.forEach((s, i) => { vars[`f${i}`] = { ...toInput({ ...f, severities: [s] }) }; });
  (countsQuery || gql(`query(${SEVERITIES.map((s, i) => `$f${i}: FindingFilter`).join(', ')}) { ${counts} }`, vars)
    .then((data) => drawCards((s) => data[`s${SEVERITIES.indexOf(s)}`].totalCount)))
    .catch(() => {});

  const fields = findingFields(sc, false);
  const table = h('tbody');
  const more = h('div', { class: 'more' });
  let after = null;
  const load = async () => {
    let data;
    try {
      const ordered = sc.hasArg('Query', 'findings', 'orderBy');
      data = await gql(`query($filter: FindingFilter, $after: String${ordered ? ', $order: FindingOrder' : ''}) { findings(filter: $filter, first: 50, after: $after${ordered ? ', orderBy: $order' : ''}) {
        totalCount edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`, { filter: toInput(f), after, order: f.order || 'SEVERITY' });
    } catch (error) {
      clear(body).appendChild(error instanceof Unavailable ? unavailable('Findings', error.message) : failure('Findings could not be loaded', error));
      return;
    }
    const page = data.findings;
    if (after === null) {
      put(clear(body), 
        h('p', { class: 'result-count', role: 'status' }, `${number(page.totalCount)} finding${page.totalCount === 1 ? '' : 's'}`),
        page.totalCount ? h('table', { class: 'data findings-table' },
          h('thead', {}, h('tr', {}, ['Severity', 'Finding', 'Resource', 'Status', 'First seen', 'Last seen'].map((t) => h('th', { scope: 'col' }, t)))),
          table) : h('div', { class: 'panel empty' }, h('p', {}, 'No findings match these filters.')),
        more);
    }
    for (const { node } of page.edges) table.appendChild(row(node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    clear(more);
    if (after) more.appendChild(h('button', { type: 'button', class: 'secondary', onclick: load }, 'Show more'));
  };
  await load();
}

function findingFields(sc, detailed) {
  const base = sc.pick('Finding', ['id', 'typeId', 'severity', 'status', 'resourceType', 'resourceId', 'resourceName', 'firstSeenAt', 'lastSeenAt']);
  const typeFields = sc.pick('FindingType', ['id', 'name', 'category', 'severity', ...(detailed && sc.known ? ['description', 'remediation'] : [])]);
  const extras = detailed && sc.known ? sc.pick('Finding', EXTRA_FIELDS) : [];
  return [...base, `type { ${typeFields.join(' ')} }`, ...extras].join(' ');
}

function row(n) {
  return h('tr', { class: `status-${String(n.status).toLowerCase()}` },
    h('td', {}, severityBadge(n.severity)),
    h('td', {}, h('a', { href: href('finding', n.id) }, (n.type && n.type.name) || n.typeId),
      n.type && n.type.category ? h('div', { class: 'muted small' }, n.type.category) : null),
    h('td', {}, h('span', { class: 'muted small' }, n.resourceType), h('div', {}, n.resourceName || n.resourceId)),
    h('td', {}, badge(n.status, `status ${String(n.status).toLowerCase()}`)),
    h('td', {}, time(n.firstSeenAt)),
    h('td', {}, time(n.lastSeenAt)));
}

function resourceLink(n) {
  const name = n.resourceName || n.resourceId;
  switch (n.resourceType) {
    case 'gpt': return h('a', { href: href('gpt', n.resourceId) }, name);
    case 'conversation': return h('a', { href: href('conversation', n.resourceId, { finding: n.id }) }, name);
    case 'user': return h('a', { href: href('user', n.resourceName && n.resourceName.includes('@') ? n.resourceName : n.resourceId), id: 'finding-user' }, name);
    default: return h('span', {}, name);
  }
}

function allConversationsLink(n) {
  if (n.resourceType === 'gpt') return href('search', { gpt: n.resourceId });
  if (n.resourceType === 'user' && n.resourceName && n.resourceName.includes('@')) return href('search', { user: n.resourceName });
  return null;
}

async function detail(view, route, sc) {
  const id = route.parts[1];
  view.appendChild(loading());
  let n;
  try {
    n = (await gql(`query($id: ID!) { finding(id: $id) { ${findingFields(sc, true)}
      ${sc.known && sc.has('Finding', 'matchingMessages') ? `matches: matchingMessages(first: 20) { totalCount edges { node { id conversationId role createdAt ${sc.has('Message', 'dlp') ? 'dlp { detector masked count }' : ''} } } }` : ''}
      related: relatedConversations(first: 20) { totalCount edges { node { id title userEmail lastActiveAt messageCount } } } } }`, { id })).finding;
  } catch (error) {
    clear(view).appendChild(error instanceof Unavailable ? unavailable('Finding details', error.message) : failure('The finding could not be loaded', error));
    return;
  }
  clear(view);
  if (!n) {
    put(view, h('h1', {}, 'Finding not found'), h('p', {}, h('a', { href: '#/findings' }, 'Back to findings')));
    return;
  }
  const text = findingText(n.typeId) || [];
  const why = (n.type && n.type.description) || text[0] || '—';
  const todo = (n.type && n.type.remediation) || text[1] || '—';
  const extras = EXTRA_FIELDS.filter((k) => n[k] !== undefined && n[k] !== null && !(k === 'matchCount' && !n[k]));
  const related = n.related;
  const all = allConversationsLink(n);

  put(view, 
    h('div', { class: 'page-head' },
      h('a', { class: 'back', href: '#/findings' }, '← Findings'),
      h('h1', {}, (n.type && n.type.name) || n.typeId),
      h('div', { class: 'head-badges' }, severityBadge(n.severity), badge(n.status, `status ${String(n.status).toLowerCase()}`), n.type && n.type.category ? badge(n.type.category) : null)),
    h('div', { class: 'detail-layout' },
      h('div', {},
        h('section', { class: 'panel' },
          h('h2', {}, 'Resource'),
          h('dl', { class: 'facts' },
            h('div', {}, h('dt', {}, 'Kind'), h('dd', {}, n.resourceType)),
            h('div', {}, h('dt', {}, 'Name'), h('dd', {}, resourceLink(n))),
            h('div', {}, h('dt', {}, 'ID'), h('dd', {}, h('code', {}, n.resourceId))),
            h('div', {}, h('dt', {}, 'First seen'), h('dd', {}, time(n.firstSeenAt))),
            h('div', {}, h('dt', {}, 'Last seen'), h('dd', {}, time(n.lastSeenAt))),
            ...extras.map((k) => h('div', {}, h('dt', {}, humanize(k)), h('dd', {}, /At$/.test(k) ? time(n[k]) : String(n[k])))),
            h('div', {}, h('dt', {}, 'Finding ID'), h('dd', {}, h('code', {}, n.id))))),
        h('section', { class: 'panel' }, h('h2', {}, 'Why it fired'), h('p', {}, why)),
        n.matches && n.matches.totalCount ? h('section', { class: 'panel' },
          h('h2', {}, `Matching messages (${number(n.matches.totalCount)})`),
          h('ol', { class: 'mini-list related' }, n.matches.edges.map(({ node: m }) => h('li', {},
            h('a', { href: href('conversation', m.conversationId, { m: m.id, finding: n.id }) }, `${m.role} message`),
            h('span', { class: 'muted small' }, ' ', time(m.createdAt), ' '),
            ...(m.dlp || []).map((d) => h('span', { class: 'small' }, d.detector, ' ', h('code', {}, d.masked), d.count > 1 ? ` ×${d.count}` : '')))))) : null,
        h('section', { class: 'panel' }, h('h2', {}, 'What to do'), h('p', {}, todo)),
        h('section', { class: 'panel', 'aria-labelledby': 'related-heading' },
          h('div', { class: 'panel-head' },
            h('h2', { id: 'related-heading' }, `Related conversations (${number(related.totalCount)})`),
            h('div', { class: 'row' },
              n.resourceType === 'user' ? h('a', { class: 'button secondary', href: href('user', n.resourceName && n.resourceName.includes('@') ? n.resourceName : n.resourceId), id: 'open-timeline' }, 'User timeline') : null,
              all ? h('a', { class: 'button secondary', href: all, id: 'open-related' }, 'Open all in search') : null)),
          related.edges.length ? h('ol', { class: 'mini-list related' }, related.edges.map(({ node: c }) => h('li', {},
            h('a', { href: href('conversation', c.id, { finding: n.id }) }, c.title || 'Untitled conversation'),
            h('span', { class: 'muted small' }, ` ${c.userEmail || ''} · ${number(c.messageCount)} messages · `, time(c.lastActiveAt)))))
            : h('p', { class: 'muted' }, n.resourceType === 'key' || /key/.test(n.typeId) ? 'Keys have no conversations.' : 'No conversations are related to this finding.'))),
      triage(n, sc)));
}

function humanize(key) {
  return key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

function triage(n, sc) {
  if (!can('triage')) {
    return h('aside', {}, h('section', { class: 'panel triage' }, h('h2', {}, 'Triage'),
      h('p', { class: 'muted' }, `Your role (${currentRole()}) can read findings but not mute or reopen them. Investigators and administrators can.`)));
  }
  const inputFields = sc.inputFields('SetFindingStatusInput');
  const idField = ['id', 'findingId'].find((f) => inputFields.includes(f)) || 'id';
  const reasonField = ['reason', 'note', 'comment'].find((f) => inputFields.includes(f)) || 'reason';
  // Signed-in callers are recorded by the server under their own name.
  const byField = inputFields.includes('by') && !currentViewer() ? 'by' : null;
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
      message.textContent = error instanceof Unavailable ? 'Changing a finding\'s status is not available on this server yet.' : error instanceof Forbidden ? error.message : `Could not change the status: ${error.message}`;
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
