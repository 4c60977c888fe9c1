// Admin (ADMIN role only; the server enforces it): API tokens — list, create (the value is
// shown once, with a copy button), revoke — and the audit log of every look and change.
import { gql, Unavailable, Forbidden } from '../gql.js';
import { h, put, clear, time, number, failure, loading, unavailable, badge } from '../dom.js';
import { href } from '../router.js';
import { can, currentRole } from '../auth.js';

const TABS = [
  { id: 'tokens', label: 'API tokens' },
  { id: 'audit', label: 'Audit log' },
];
const ROLES = ['VIEWER', 'INVESTIGATOR', 'ADMIN'];
const ACTIONS = ['search', 'conversation.view', 'export', 'finding.status', 'token.create', 'token.revoke', 'sync.start'];

export async function render(view, route) {
  const tab = TABS.find((t) => t.id === route.parts[1]) || TABS[0];
  put(view,
    h('div', { class: 'page-head' }, h('h1', {}, tab.id === 'audit' ? 'Audit log' : 'API tokens'),
      h('p', { class: 'lede' }, 'Who may use Chatwarden, and a record of every search, conversation view, export and change.')),
    h('nav', { class: 'tabs', 'aria-label': 'Admin sections' },
      TABS.map((t) => h('a', { href: href('admin', t.id), 'aria-current': t.id === tab.id ? 'page' : null }, t.label))));
  const body = h('div', { class: 'tab-body' });
  view.appendChild(body);
  if (!can('admin')) {
    body.appendChild(failure('Administrators only', new Error(`Your role (${currentRole()}) cannot manage tokens or read the audit log.`)));
    return;
  }
  if (tab.id === 'audit') await audit(body, route.params);
  else await tokens(body);
}

function problem(what, error) {
  if (error instanceof Unavailable) return unavailable(what, error.message);
  return failure(error instanceof Forbidden ? 'Not allowed' : `${what} could not be loaded`, error);
}

async function tokens(body) {
  const reveal = h('div', { id: 'token-reveal' });
  const listBox = h('div', {}, loading());
  const name = h('input', { id: 'token-name', name: 'name', type: 'text', required: true, maxlength: '200', placeholder: 'e.g. alice@company.com or siem-export', autocomplete: 'off' });
  const role = h('select', { id: 'token-role', name: 'role' }, ROLES.map((r) => h('option', { value: r, selected: r === 'VIEWER' }, r)));
  const message = h('p', { class: 'note', role: 'status' });
  const form = h('form', { class: 'panel', id: 'create-token', 'aria-labelledby': 'create-token-heading' },
    h('h2', { id: 'create-token-heading' }, 'Create a token'),
    h('div', { class: 'row align-end' },
      h('div', { class: 'field' }, h('label', { for: 'token-name' }, 'Name (who or what uses it)'), name),
      h('div', { class: 'field' }, h('label', { for: 'token-role' }, 'Role'), role),
      h('button', { type: 'submit', class: 'primary' }, 'Create token')),
    h('p', { class: 'hint' }, 'VIEWER: findings, inventory, metadata and the full text of messages (only DLP matches are masked, for every role). INVESTIGATOR: also export and finding triage (mute, reopen). ADMIN: also sync, tokens, finding-type settings and the audit log.'),
    message);

  const refresh = async () => {
    let list;
    try {
      list = (await gql('{ apiTokens { id name role createdAt createdBy revokedAt } }')).apiTokens;
    } catch (error) {
      clear(listBox).appendChild(problem('API tokens', error));
      return;
    }
    const active = list.filter((t) => !t.revokedAt).length;
    put(clear(listBox),
      h('section', { class: 'panel', 'aria-labelledby': 'tokens-heading' },
        h('h2', { id: 'tokens-heading' }, `Tokens (${number(active)} active, ${number(list.length - active)} revoked)`),
        list.length ? h('table', { class: 'data tokens-table' },
          h('thead', {}, h('tr', {}, ['Name', 'Role', 'Created', 'Created by', 'Status', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, list.map((t) => tokenRow(t, refresh, message))))
          : h('p', { class: 'muted' }, 'No tokens yet. The bootstrap admin token (from the server’s configuration) is not listed.')));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      message.textContent = 'Give the token a name.';
      name.focus();
      return;
    }
    message.textContent = 'Creating…';
    let created;
    try {
      created = (await gql('mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { value token { id name role } } }',
        { input: { name: name.value.trim(), role: role.value } })).createApiToken;
    } catch (error) {
      message.textContent = error instanceof Forbidden ? error.message : `Could not create the token: ${error.message}`;
      return;
    }
    message.textContent = '';
    name.value = '';
    showOnce(reveal, created);
    await refresh();
  });

  put(clear(body), reveal, form, listBox);
  await refresh();
}

/** The new token's value, shown this once, with a copy button. */
function showOnce(box, created) {
  const value = h('input', { id: 'token-value', type: 'text', readonly: true, value: created.value, spellcheck: 'false', 'aria-describedby': 'token-value-help', class: 'token-value' });
  const copied = h('span', { class: 'small', role: 'status' });
  const copy = h('button', { type: 'button', class: 'primary', id: 'copy-token' }, 'Copy');
  copy.addEventListener('click', async () => {
    value.select();
    try {
      await navigator.clipboard.writeText(created.value);
      copied.textContent = 'Copied.';
    } catch (e) {
      // Clipboard API refused (e.g. not a secure context): the value is selected for Ctrl+C.
      copied.textContent = 'Selected: press Ctrl+C to copy.';
    }
  });
  const done = h('button', { type: 'button', class: 'secondary' }, 'I have stored it');
  done.addEventListener('click', () => {
    clear(box);
    document.getElementById('token-name')?.focus();
  });
  put(clear(box), h('section', { class: 'panel reveal', role: 'region', 'aria-labelledby': 'token-created-heading' },
    h('h2', { id: 'token-created-heading', tabindex: '-1' }, `Token “${created.token.name}” (${created.token.role}) created`),
    h('p', { id: 'token-value-help' }, 'Copy it now: it is shown this once and stored only as a hash. It is sent as ', h('code', {}, 'Authorization: Bearer <token>'), '.'),
    h('div', { class: 'row' }, h('label', { for: 'token-value', class: 'visually-hidden' }, 'New token value'), value, copy, copied),
    h('div', { class: 'row spaced' }, done)));
  box.querySelector('h2').focus();
}

function tokenRow(t, refresh, message) {
  const actions = h('td', {});
  const revokeButton = () => h('button', { type: 'button', class: 'secondary danger', 'aria-label': `Revoke ${t.name}`, onclick: confirmRevoke }, 'Revoke');
  function confirmRevoke() {
    const yes = h('button', { type: 'button', class: 'danger-solid', 'aria-label': `Confirm: revoke ${t.name}` }, 'Revoke now');
    const no = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await gql('mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id revokedAt } }', { input: { id: t.id } });
        message.textContent = `Token “${t.name}” revoked: it stopped working at once.`;
        await refresh();
      } catch (error) {
        message.textContent = error instanceof Forbidden ? error.message : `Could not revoke: ${error.message}`;
        put(clear(actions), revokeButton());
      }
    });
    no.addEventListener('click', () => {
      const b = revokeButton();
      put(clear(actions), b);
      b.focus();
    });
    put(clear(actions), h('span', { class: 'small' }, 'Stops working at once. '), yes, ' ', no);
    no.focus();
  }
  if (!t.revokedAt) actions.appendChild(revokeButton());
  return h('tr', { class: t.revokedAt ? 'status-muted' : '' },
    h('th', { scope: 'row' }, t.name, h('div', { class: 'muted small' }, h('code', {}, t.id))),
    h('td', {}, badge(t.role, 'role')),
    h('td', {}, time(t.createdAt)),
    h('td', {}, t.createdBy || '—'),
    h('td', {}, t.revokedAt ? h('span', {}, badge('revoked', 'status muted'), ' ', time(t.revokedAt)) : badge('active', 'state active')),
    actions);
}

async function audit(body, params) {
  const f = {
    actor: (params.get('actor') || '').trim(),
    action: params.get('action') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
  const form = h('form', { class: 'panel filters-bar', 'aria-label': 'Audit log filters' },
    h('div', { class: 'field' }, h('label', { for: 'a-actor' }, 'Actor'), h('input', { id: 'a-actor', name: 'actor', type: 'text', value: f.actor, placeholder: 'token name or subject', autocomplete: 'off' })),
    h('div', { class: 'field' }, h('label', { for: 'a-action' }, 'Action'),
      h('select', { id: 'a-action', name: 'action' }, h('option', { value: '' }, 'Any action'),
        [...new Set([...ACTIONS, f.action].filter(Boolean))].map((a) => h('option', { value: a, selected: a === f.action }, a)))),
    h('div', { class: 'field' }, h('label', { for: 'a-from' }, 'From'), h('input', { id: 'a-from', name: 'from', type: 'date', value: f.from })),
    h('div', { class: 'field' }, h('label', { for: 'a-to' }, 'To'), h('input', { id: 'a-to', name: 'to', type: 'date', value: f.to })),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    h('a', { href: href('admin', 'audit') }, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = href('admin', 'audit', { actor: String(data.get('actor') || '').trim(), action: String(data.get('action') || ''), from: String(data.get('from') || ''), to: String(data.get('to') || '') }).slice(1);
  });
  form.querySelector('select').addEventListener('change', () => form.requestSubmit());
  const results = h('section', { 'aria-labelledby': 'audit-count' }, loading());
  put(clear(body), form, results);

  const filter = {};
  if (f.actor) filter.actor = f.actor;
  if (f.action) filter.action = f.action;
  if (f.from) filter.from = `${f.from}T00:00:00Z`;
  if (f.to) filter.to = `${f.to}T23:59:59Z`;
  const rows = h('tbody');
  const more = h('div', { class: 'more' });
  let after = null;
  let shown = 0;
  const load = async () => {
    let page;
    try {
      page = (await gql(`query($filter: AuditFilter, $after: String) { auditLog(filter: $filter, first: 50, after: $after) {
        totalCount edges { node { id at actor actorKind tokenId role action target query resultCount } } pageInfo { hasNextPage endCursor } } }`,
      { filter, after })).auditLog;
    } catch (error) {
      clear(results).appendChild(problem('The audit log', error));
      return;
    }
    if (after === null) {
      put(clear(results),
        h('p', { class: 'result-count', id: 'audit-count', role: 'status' }, `${number(page.totalCount)} entr${page.totalCount === 1 ? 'y' : 'ies'}, newest first`),
        page.totalCount ? h('table', { class: 'data audit-table' },
          h('thead', {}, h('tr', {}, ['When', 'Actor', 'Role', 'Action', 'Target', 'Query', 'Results'].map((t) => h('th', { scope: 'col' }, t)))),
          rows) : h('div', { class: 'panel empty' }, h('p', {}, 'No audit entries match.')),
        more);
    }
    for (const { node: a } of page.edges) {
      rows.appendChild(h('tr', {},
        h('td', { class: 'nowrap' }, time(a.at)),
        h('td', {}, h('a', { href: href('admin', 'audit', { ...f, actor: a.actor }) }, a.actor), a.actorKind ? h('div', { class: 'muted small' }, a.actorKind) : null),
        h('td', {}, a.role ? badge(a.role, 'role') : '—'),
        h('td', {}, h('a', { class: 'badge', href: href('admin', 'audit', { ...f, action: a.action }) }, a.action)),
        h('td', {}, a.target ? targetLink(a) : h('span', { class: 'muted' }, '—')),
        h('td', { class: 'audit-query' }, a.query ? h('code', {}, a.query) : h('span', { class: 'muted' }, '—')),
        h('td', { class: 'num' }, a.resultCount == null ? '—' : number(a.resultCount))));
    }
    shown += page.edges.length;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    clear(more);
    if (after) {
      const button = h('button', { type: 'button', class: 'secondary', id: 'audit-more' }, `Show older (${number(shown)} of ${number(page.totalCount)})`);
      button.addEventListener('click', async () => {
        button.disabled = true;
        const first = rows.children.length;
        await load();
        const link = rows.children[first] && rows.children[first].querySelector('a');
        if (link) link.focus();
      });
      more.appendChild(button);
    }
  };
  await load();
}

function targetLink(a) {
  if (a.action === 'conversation.view') return h('a', { href: href('conversation', a.target) }, h('code', {}, a.target));
  if (a.action === 'finding.status') return h('a', { href: href('finding', a.target) }, h('code', {}, a.target));
  return h('code', {}, a.target);
}
