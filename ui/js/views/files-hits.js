// Files: GPT knowledge files and chat attachments matching a search (shown beside the
// conversation hits), and a GPT's knowledge files with the status of their content.
import { gql } from '../gql.js';
import { h, put, clear, snippet, time, number, failure, loading, badge } from '../dom.js';
import { href } from '../router.js';

const STATUS_KIND = { INDEXED: 'file-ok', PENDING: 'file-pending' };

function statusBadge(status, reason) {
  const el = badge(String(status || 'PENDING').replace('_', ' ').toLowerCase(), `file-status ${STATUS_KIND[status] || 'file-problem'}`);
  if (reason) el.title = reason;
  return el;
}

/** The panel of files matching `q`; nothing when the query is blank. */
export function fileHits(q) {
  if (!q) return null;
  const box = h('section', { class: 'panel file-hits', id: 'file-hits', 'aria-labelledby': 'file-hits-heading' },
    h('h2', { id: 'file-hits-heading' }, 'Files'), loading('Searching files…'));
  load(box, q);
  return box;
}

async function load(box, q) {
  let page;
  try {
    page = (await gql(`query($q: String!) { searchFiles(query: $q, first: 10) { totalCount
      edges { highlights node { id name kind contentStatus contentReason userEmail gpt { id name } conversation { id title } } } } }`, { q })).searchFiles;
  } catch (error) {
    put(clear(box), h('h2', { id: 'file-hits-heading' }, 'Files'), failure('The file search failed', error));
    return;
  }
  put(clear(box),
    h('h2', { id: 'file-hits-heading' }, `Files (${number(page.totalCount)})`),
    page.edges.length ? h('ol', { class: 'mini-list file-list' }, page.edges.map(fileItem))
      : h('p', { class: 'muted' }, 'No knowledge file or attachment matches.'),
    page.totalCount > page.edges.length ? h('p', { class: 'muted small' }, `Showing the best ${page.edges.length}.`) : null);
}

function fileItem({ node: f, highlights }) {
  const where = f.gpt ? h('a', { class: 'badge gpt', href: href('gpt', f.gpt.id) }, f.gpt.name || f.gpt.id)
    : f.conversation ? h('a', { href: href('conversation', f.conversation.id) }, f.conversation.title || 'Untitled conversation') : null;
  return h('li', { class: 'file-hit' },
    h('div', {}, h('span', { class: 'file-icon', 'aria-hidden': 'true' }, '▤'), ' ', h('strong', {}, f.name || f.id), ' ',
      badge(f.kind === 'knowledge' ? 'knowledge' : 'attachment'), statusBadge(f.contentStatus, f.contentReason)),
    h('div', { class: 'muted small' }, where, f.userEmail ? ` ${f.userEmail}` : ''),
    (highlights || []).length ? h('ul', { class: 'highlights' }, highlights.slice(0, 2).map((t) => h('li', {}, snippet(t)))) : null);
}

/** The knowledge-file fields a GPT query asks for. */
export const KNOWLEDGE_FIELDS = 'knowledgeFiles { id name createdAt contentStatus contentReason }';

/** A GPT's knowledge files, each with the status of its content and why. */
export function knowledgeFiles(files) {
  const list = files || [];
  return h('section', { class: 'panel', id: 'knowledge-files' }, h('h2', {}, `Knowledge files (${number(list.length)})`),
    list.length ? h('ul', { class: 'files' }, list.map((f) => h('li', {},
      h('span', { class: 'file-icon', 'aria-hidden': 'true' }, '▤'), ' ', f.name || f.id, ' ',
      f.contentStatus ? statusBadge(f.contentStatus, f.contentReason) : null,
      h('span', { class: 'muted small' }, ' ', time(f.createdAt)),
      f.contentReason ? h('div', { class: 'muted small file-reason' }, f.contentReason) : null)))
      : h('p', { class: 'muted' }, 'None.'));
}
