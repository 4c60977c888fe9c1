// A conversation as a readable transcript: who said what, tool calls, GPTs, files; DLP
// matches masked; scrolled to the matched message; pivots to the same user's other chats.
import { gql } from '../gql.js';
import { h, put, clear, time, number, failure, loading, badge, severityBadge } from '../dom.js';
import { csvFile, saveFile } from '../files.js';
import { safeBack } from './findings.js';
import { href } from '../router.js';
import { gptMap, gptName } from '../lookups.js';
import { segments } from '../mask.js';

const CONVERSATION = `query conversation($id: ID!, $after: String, $related: Boolean!) { conversation(id: $id) {
  id title userEmail userId createdAt lastActiveAt messageCount gptIds tools
  relatedConversations(days: 7, first: 8) @include(if: $related) { totalCount edges { node { id title lastActiveAt } } }
  messages(first: 100, after: $after) { totalCount
    edges { node { id position role toolName text createdAt gptId files { id name } citationUrls dlp { detector severity masked hash count } } }
    pageInfo { hasNextPage endCursor } } } }`;

export async function render(view, route) {
  const id = route.parts[1];
  const target = route.params.get('m');
  const q = route.params.get('q') || '';
  view.appendChild(loading('Loading the conversation…'));
  const gpts = await gptMap();
  let conversation = null;
  let related = null;
  const messages = [];
  let after = null;
  try {
    do {
      const first = after === null;
      // The week's related chats come with the first page: every conversation(id) read is
      // audited as a view, so the page reads it once (plus once per further 100 messages).
      const data = await gql(CONVERSATION, { id, after, related: first });
      conversation = data.conversation;
      if (first && conversation) related = conversation.relatedConversations || null;
      if (!conversation) break;
      for (const edge of conversation.messages.edges) messages.push(edge.node);
      after = conversation.messages.pageInfo.hasNextPage ? conversation.messages.pageInfo.endCursor : null;
    } while (after && messages.length < 5000);
  } catch (error) {
    clear(view).appendChild(failure('The conversation could not be loaded', error));
    return;
  }
  clear(view);
  if (!conversation) {
    put(view, h('h1', {}, 'Conversation not found'),
      h('p', {}, 'No synced conversation has this id. It may not have been synced yet.'),
      h('p', {}, h('a', { href: '#/search' }, 'Back to search')));
    return;
  }

  const c = conversation;
  const terms = queryTerms(q);
  const transcript = h('ol', { class: 'transcript', 'aria-label': 'Messages' });
  let firstDlp = null;
  let dlpCount = 0;
  for (const m of messages) {
    const item = messageItem(m, gpts, terms, m.id === target);
    if (item.dataset.dlp && !firstDlp) firstDlp = item;
    if (item.dataset.dlp) dlpCount++;
    transcript.appendChild(item);
  }

  // Back to where the investigator came from, filters and all: a search or a finding.
  const origin = safeBack(route.params.get('back'));
  const back = origin
    ? h('a', { class: 'back', href: origin, id: 'back' }, origin.startsWith('#/finding') ? '← Finding' : q ? `← Results for ${q}` : '← Results')
    : route.params.get('finding') ? h('a', { class: 'back', href: href('finding', route.params.get('finding')), id: 'back' }, '← Finding')
      : h('a', { class: 'back', href: q ? href('search', { q }) : '#/search', id: 'back' }, q ? `← Results for ${q}` : '← Search');
  put(view, 
    h('div', { class: 'page-head' },
      back,
      h('h1', {}, c.title || 'Untitled conversation'),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, 'User'), h('dd', {}, c.userEmail ? h('a', { href: href('user', c.userEmail), title: `Timeline of ${c.userEmail}` }, c.userEmail) : '—')),
        h('div', {}, h('dt', {}, 'Started'), h('dd', {}, time(c.createdAt))),
        h('div', {}, h('dt', {}, 'Last active'), h('dd', {}, time(c.lastActiveAt))),
        h('div', {}, h('dt', {}, 'Messages'), h('dd', {}, number(c.messageCount))),
        (c.gptIds || []).length ? h('div', {}, h('dt', {}, 'GPTs'), h('dd', {}, c.gptIds.map((g) => h('a', { class: 'badge gpt', href: href('gpt', g) }, gptName(gpts, g))))) : null,
        (c.tools || []).length ? h('div', {}, h('dt', {}, 'Tools'), h('dd', {}, c.tools.map((t) => badge(t, 'tool')))) : null,
        h('div', {}, h('dt', {}, 'ID'), h('dd', {}, h('code', {}, c.id)))),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', id: 'export-conversation', onclick: () => exportConversation(c, messages) }, 'Export this conversation (CSV)'))),
    h('div', { class: 'conversation-layout' },
      h('section', { class: 'panel transcript-panel', 'aria-label': 'Transcript' },
        dlpCount ? h('p', { class: 'note dlp-note' }, `${dlpCount} message${dlpCount === 1 ? ' holds' : 's hold'} sensitive values, shown masked.`) : null,
        transcript,
        messages.length < c.messageCount ? h('p', { class: 'note' }, `Showing ${number(messages.length)} of ${number(c.messageCount)} messages.`) : null),
      pivots(c, gpts, related)));

  const focus = (target && view.querySelector(`[data-id="${CSS.escape(target)}"]`)) || (route.params.get('finding') ? firstDlp : null);
  if (focus) {
    focus.classList.add('target');
    focus.setAttribute('tabindex', '-1');
    requestAnimationFrame(() => {
      focus.scrollIntoView({ block: 'center' });
      focus.focus({ preventScroll: true });
    });
  }
}

/** The words of the query worth marking: no operators, exclusions or OR; "pass*" stays a prefix. */
function queryTerms(q) {
  const words = q.replace(/"/g, ' ').split(/\s+/)
    .filter((w) => w && !w.startsWith('-') && !/^[a-z]+:/i.test(w) && w !== 'OR');
  return [...new Set(words.flatMap((w) => (w.toLowerCase().match(/[\p{L}\p{N}_]+\*?/gu) || [])))].filter((w) => w.replace('*', '').length > 1);
}

const ROLE_LABELS = { user: 'User', assistant: 'Assistant', system: 'System', tool: 'Tool' };

function messageItem(m, gpts, terms, isTarget) {
  const role = m.role || 'unknown';
  const parts = m.text ? segments(m.text) : [];
  const sensitive = parts.some((p) => p.masked) || (m.dlp && m.dlp.length);
  const body = h('div', { class: `message-text${role === 'tool' ? ' tool-output' : ''}` });
  if (!m.text) body.appendChild(h('span', { class: 'muted' }, role === 'system' ? '(system message, no text)' : '(no text served by the API)'));
  for (const part of parts) {
    if (part.masked) {
      body.appendChild(h('mark', { class: 'dlp', title: `${part.name} (masked)`, 'aria-label': `${part.name}, masked: ${part.masked}` }, part.masked));
    } else {
      appendWithTerms(body, part.text, terms);
    }
  }
  const label = role === 'tool' ? `Tool · ${m.toolName || 'unknown'}` : (ROLE_LABELS[role] || role);
  return h('li', { class: `message role-${role}${isTarget ? ' matched' : ''}`, id: `msg-${m.id}`, dataset: { id: m.id, dlp: sensitive ? '1' : null } },
    h('div', { class: 'message-head' },
      h('span', { class: 'role' }, label),
      m.gptId ? h('a', { class: 'badge gpt', href: href('gpt', m.gptId) }, gptName(gpts, m.gptId)) : null,
      sensitive ? h('span', { class: 'badge sev sev-high' }, 'Sensitive') : null,
      isTarget ? h('span', { class: 'badge match' }, 'Matched') : null,
      h('span', { class: 'message-time' }, m.createdAt ? time(m.createdAt) : ''),
      copyLink(m)),
    body,
    (m.dlp && m.dlp.length) ? h('ul', { class: 'dlp-list', 'aria-label': 'DLP matches' }, m.dlp.map((d) => h('li', {},
      d.severity ? severityBadge(d.severity) : null, ' ', h('span', {}, d.detector || 'match'), ' ', d.masked ? h('code', {}, d.masked) : null, d.count > 1 ? ` ×${d.count}` : '',
      d.hash ? h('a', { class: 'where-else', href: href('search', { q: `secret:${d.hash}` }), title: 'Other messages holding the same value (matched by its salted hash; the value is never shown)' }, ' Where else was this pasted?') : null))) : null,
    (m.files && m.files.length) ? h('ul', { class: 'files', 'aria-label': 'Attached files' }, m.files.map((f) => h('li', {}, h('span', { class: 'file-icon', 'aria-hidden': 'true' }, '▤'), ' ', f.name || f.id))) : null,
    (m.citationUrls && m.citationUrls.length) ? h('details', { class: 'citations' }, h('summary', {}, `${m.citationUrls.length} cited page${m.citationUrls.length === 1 ? '' : 's'}`),
      h('ul', {}, m.citationUrls.map((u) => h('li', {}, h('code', {}, u))))) : null);
}

/**
 * Whether a whole token matches a query word: the same word, another English form of it
 * (invoice, invoices, invoicing), or, for "pass*", any word starting with "pass". Never a part
 * of a word: "test" does not mark "latest".
 */
export function tokenMatches(token, term) {
  const t = token.toLowerCase();
  if (term.endsWith('*')) return t.startsWith(term.slice(0, -1));
  if (t === term) return true;
  const base = term.replace(/(es|s|e|ing|ed)$/, '');
  return base.length > 2 && t.startsWith(base) && /^(e|es|s|ed|ing|er|ers|ion|ions|ly)?$/.test(t.slice(base.length));
}

/** Adds text, marking whole tokens that match the search terms (as DOM text nodes, never HTML). */
function appendWithTerms(el, text, terms) {
  if (!terms.length) {
    el.appendChild(document.createTextNode(text));
    return;
  }
  const re = /[\p{L}\p{N}_]+/gu;
  let at = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (!terms.some((term) => tokenMatches(m[0], term))) continue;
    if (m.index > at) el.appendChild(document.createTextNode(text.slice(at, m.index)));
    el.appendChild(h('mark', {}, m[0]));
    at = m.index + m[0].length;
  }
  if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
}

/** Copies a link to this message (the page's address, pointing at it) to the clipboard. */
function copyLink(m) {
  const button = h('button', { type: 'button', class: 'icon copy-link', title: 'Copy a link to this message', 'aria-label': 'Copy a link to this message' }, 'Copy link');
  button.addEventListener('click', async () => {
    const url = new URL(location.href);
    const [path, query = ''] = url.hash.slice(1).split('?');
    const params = new URLSearchParams(query);
    params.set('m', m.id);
    params.delete('back');
    url.hash = `${path}?${params}`;
    try {
      await navigator.clipboard.writeText(url.toString());
      button.textContent = 'Copied';
    } catch (e) {
      window.prompt('Copy this link', url.toString());
    }
  });
  return button;
}

function exportConversation(c, messages) {
  saveFile(csvFile(['conversationId', 'title', 'userEmail', 'messageId', 'position', 'role', 'toolName', 'createdAt', 'gptId', 'files', 'citationUrls', 'dlp', 'text'],
    messages.map((m) => [c.id, c.title, c.userEmail, m.id, m.position, m.role, m.toolName, m.createdAt, m.gptId,
      (m.files || []).map((f) => f.name || f.id).join(' '), (m.citationUrls || []).join(' '),
      (m.dlp || []).map((d) => `${d.detector}:${d.masked}`).join(' '), m.text])), `chatwarden-conversation-${c.id}`, 'csv');
}

function pivots(c, gpts, week) {
  const related = week ? h('ol', { class: 'mini-list' }) : null;
  const others = h('ol', { class: 'mini-list' }, h('li', { class: 'muted' }, 'Loading…'));
  const aside = h('aside', { class: 'pivots', 'aria-label': 'Pivots' },
    h('section', { class: 'panel' },
      h('h2', {}, 'Pivot'),
      h('ul', { class: 'pivot-links' },
        c.userEmail ? h('li', {}, h('a', { href: href('user', c.userEmail), id: 'user-timeline' }, 'This user’s timeline (chats and events)')) : null,
        c.userEmail ? h('li', {}, h('a', { href: href('search', { user: c.userEmail }) }, 'All chats of this user')) : null,
        c.userEmail && c.lastActiveAt ? h('li', {}, h('a', { href: href('search', windowAround(c)) }, 'This user’s chats within ±7 days')) : null,
        ...(c.gptIds || []).map((g) => h('li', {}, h('a', { href: href('search', { gpt: g }) }, `Chats with ${gptName(gpts, g)}`))),
        h('li', {}, h('a', { href: href('findings', { resource: c.id }) }, 'Findings on this conversation')))),
    c.userEmail ? h('section', { class: 'panel' }, h('h2', {}, 'Same user, other chats'), others) : null,
    related ? h('section', { class: 'panel' }, h('h2', {}, 'Same user, ±7 days'), related) : null);
  if (related) {
    if (!week.edges.length) put(related, h('li', { class: 'muted' }, 'None within a week.'));
    for (const e of week.edges) {
      put(related, h('li', {}, h('a', { href: href('conversation', e.node.id) }, e.node.title || 'Untitled'), h('span', { class: 'muted small' }, time(e.node.lastActiveAt))));
    }
  }
  if (c.userEmail) {
    gql(`query($filter: ConversationFilter) { conversations(filter: $filter, first: 8) { totalCount edges { node { id title lastActiveAt } } } }`,
      { filter: { userEmails: [c.userEmail] } })
      .then((data) => {
        clear(others);
        const edges = data.conversations.edges.filter((e) => e.node.id !== c.id).slice(0, 7);
        if (!edges.length) others.appendChild(h('li', { class: 'muted' }, 'No other conversations.'));
        for (const e of edges) {
          others.appendChild(h('li', {}, h('a', { href: href('conversation', e.node.id) }, e.node.title || 'Untitled'), h('span', { class: 'muted small' }, time(e.node.lastActiveAt))));
        }
        if (data.conversations.totalCount > edges.length + 1) {
          others.appendChild(h('li', {}, h('a', { href: href('search', { user: c.userEmail }) }, `All ${number(data.conversations.totalCount)} →`)));
        }
      })
      .catch(() => { clear(others).appendChild(h('li', { class: 'muted' }, 'Could not load.')); });
  }
  return aside;
}

function windowAround(c) {
  const at = new Date(c.lastActiveAt).getTime();
  const day = 86400000;
  return {
    user: c.userEmail,
    from: new Date(at - 7 * day).toISOString().slice(0, 10),
    to: new Date(at + 7 * day).toISOString().slice(0, 10),
  };
}
