// Dashboard: activity over time, top users and GPTs, tool use, findings by severity.
// Every figure is an aggregation the server computes over the whole copy.
import { gql } from '../gql.js';
import { h, put, clear, number, failure, loading } from '../dom.js';
import { href } from '../router.js';
import { gptMap, gptName } from '../lookups.js';
import { columns, bars } from '../charts.js';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export async function render(view) {
  put(view, h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'),
    h('p', { class: 'lede' }, 'Activity and risk across the workspace copy.')));
  const body = h('div', {}, loading('Computing…'));
  view.appendChild(body);
  try {
    await fromServer(body);
  } catch (error) {
    clear(body).appendChild(failure('The dashboard could not be computed', error));
  }
}

async function fromServer(body) {
  const [data, gpts, severities] = await Promise.all([
    gql(`{ daily: activity(interval: DAY) { start conversations messages }
           weekly: activity(interval: WEEK) { start conversations messages }
           topUsers(size: 10) { key count } topGpts(size: 10) { key count } toolUsage(size: 10) { key count }
           conversations { totalCount } users { totalCount } }`),
    gptMap(),
    findingsBySeverity(),
  ]);
  const points = data.daily.length > 120 ? data.weekly : data.daily;
  const weekly = points === data.weekly;
  const series = points.map((p) => ({ label: p.start.slice(5, 10), value: p.conversations }));
  const messages = points.map((p) => ({ label: p.start.slice(5, 10), value: p.messages }));
  const item = (link) => (b) => ({ label: b.key, value: b.count, href: link ? link(b.key) : null });
  put(clear(body),
    h('section', { class: 'panel summary-grid' },
      stat('Conversations', number(data.conversations.totalCount)),
      stat('Messages', number(points.reduce((s, p) => s + p.messages, 0))),
      stat('Workspace users', number(data.users.totalCount)),
      stat('Open findings', severities ? number(severities.reduce((s, x) => s + x.value, 0)) : '—')),
    h('section', { class: 'panel' }, h('h2', {}, `Conversations active per ${weekly ? 'week' : 'day'}`),
      columns(series, { title: `Conversations per ${weekly ? 'week' : 'day'}`, unit: 'conversations' })),
    h('section', { class: 'panel' }, h('h2', {}, `Messages per ${weekly ? 'week' : 'day'}`),
      columns(messages, { title: `Messages per ${weekly ? 'week' : 'day'}`, unit: 'messages', height: 180 })),
    h('div', { class: 'grid-2' },
      h('section', { class: 'panel' }, h('h2', {}, 'Top users'), bars(data.topUsers.map(item((k) => href('search', { user: k }))), { title: 'Conversations per user', unit: 'conversations' })),
      h('section', { class: 'panel' }, h('h2', {}, 'Top GPTs'), bars(data.topGpts.map((b) => ({ label: gptName(gpts, b.key), value: b.count, href: href('search', { gpt: b.key }) })), { title: 'Conversations per GPT', unit: 'conversations' })),
      h('section', { class: 'panel' }, h('h2', {}, 'Tool use'), bars(data.toolUsage.map(item((k) => href('search', { tool: k }))), { title: 'Tool use', unit: 'uses' })),
      h('section', { class: 'panel' }, h('h2', {}, 'Open findings by severity'),
        severities ? bars(severities, { title: 'Open findings by severity', unit: 'findings' }) : h('p', { class: 'muted' }, 'Findings are not available on this server yet.'))));
}

async function findingsBySeverity() {
  try {
    const data = await gql('{ findingCounts(filter: { statuses: [OPEN] }) { bySeverity { severity count } } }');
    return SEVERITIES.map((s) => ({ label: s.charAt(0) + s.slice(1).toLowerCase(), value: (data.findingCounts.bySeverity.find((x) => x.severity === s) || { count: 0 }).count, kind: `sev-${s.toLowerCase()}`, href: href('findings', { severity: s }) }));
  } catch (e) {
    return null;
  }
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
}
