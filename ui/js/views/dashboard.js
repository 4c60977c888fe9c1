// Dashboard: activity over time, top users and GPTs, tool use, findings by severity.
// Charts are computed from the latest conversations the API lists (capped, and said so).
import { gql, schema } from '../gql.js';
import { h, put, clear, number, failure, loading } from '../dom.js';
import { href } from '../router.js';
import { all, gptMap, gptName } from '../lookups.js';
import { columns, bars } from '../charts.js';

const CAP = 2000;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export async function render(view) {
  put(view, h('div', { class: 'page-head' }, h('h1', {}, 'Dashboard'),
    h('p', { class: 'lede' }, 'Activity and risk across the workspace copy.')));
  const body = h('div', {}, loading('Computing…'));
  view.appendChild(body);
  const sc = await schema();
  if (sc.known && ['activity', 'topUsers', 'topGpts', 'toolUsage'].every((f) => sc.has('Query', f))) {
    try {
      await fromServer(body, sc);
      return;
    } catch (error) {
      console.warn('Server aggregations failed; computing in the browser', error);
    }
  }
  let conversations;
  let gpts;
  try {
    [conversations, gpts] = await Promise.all([
      all('conversations', sc.pick('Conversation', ['id', 'userEmail', 'createdAt', 'lastActiveAt', 'messageCount', 'gptIds', 'tools']).join(' '), { cap: CAP }),
      gptMap(),
    ]);
  } catch (error) {
    clear(body).appendChild(failure('The dashboard could not be computed', error));
    return;
  }
  const nodes = conversations.nodes;
  const severities = await findingsBySeverity(sc);

  const byDay = new Map();
  for (const c of nodes) {
    const day = (c.createdAt || c.lastActiveAt || '').slice(0, 10);
    if (day) byDay.set(day, (byDay.get(day) || 0) + 1);
  }
  const days = [...byDay.keys()].sort();
  const series = [];
  if (days.length) {
    const start = new Date(`${days[0]}T00:00:00Z`);
    const end = new Date(`${days[days.length - 1]}T00:00:00Z`);
    const spanDays = Math.round((end - start) / 86400000) + 1;
    const bucket = spanDays > 120 ? 'week' : 'day';
    const agg = new Map();
    for (let t = start.getTime(); t <= end.getTime(); t += 86400000) {
      const d = new Date(t);
      const key = bucket === 'day' ? d.toISOString().slice(0, 10) : weekStart(d);
      if (!agg.has(key)) agg.set(key, 0);
      agg.set(key, agg.get(key) + (byDay.get(d.toISOString().slice(0, 10)) || 0));
    }
    for (const [label, value] of agg) series.push({ label: label.slice(5), value });
  }

  const count = (pick) => {
    const m = new Map();
    for (const c of nodes) for (const k of pick(c)) if (k) m.set(k, (m.get(k) || 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  };
  const topUsers = count((c) => [c.userEmail]).slice(0, 10).map(([k, v]) => ({ label: k, value: v, href: href('search', { user: k }) }));
  const topGpts = count((c) => c.gptIds || []).slice(0, 10).map(([k, v]) => ({ label: gptName(gpts, k), value: v, href: href('search', { gpt: k }) }));
  const tools = count((c) => c.tools || []).slice(0, 10).map(([k, v]) => ({ label: k, value: v }));
  const messages = nodes.reduce((s, c) => s + (c.messageCount || 0), 0);

  put(clear(body), 
    h('section', { class: 'panel summary-grid' },
      stat('Conversations', number(conversations.total)),
      stat('Messages (in the charted conversations)', number(messages)),
      stat('Users active', number(new Set(nodes.map((c) => c.userEmail)).size)),
      stat('Open findings', severities ? number(severities.reduce((s, x) => s + x.value, 0)) : '—')),
    conversations.complete ? null : h('p', { class: 'note' }, `Charts cover the ${number(nodes.length)} most recently active conversations of ${number(conversations.total)}.`),
    h('section', { class: 'panel' }, h('h2', {}, 'Conversations started over time'), columns(series, { title: 'Conversations started per period', unit: 'conversations' })),
    h('div', { class: 'grid-2' },
      h('section', { class: 'panel' }, h('h2', {}, 'Top users'), bars(topUsers, { title: 'Conversations per user', unit: 'conversations' })),
      h('section', { class: 'panel' }, h('h2', {}, 'Top GPTs'), bars(topGpts, { title: 'Conversations per GPT', unit: 'conversations' })),
      h('section', { class: 'panel' }, h('h2', {}, 'Tool use'), bars(tools, { title: 'Conversations using each tool', unit: 'conversations' })),
      h('section', { class: 'panel' }, h('h2', {}, 'Open findings by severity'),
        severities ? bars(severities, { title: 'Open findings by severity', unit: 'findings' }) : h('p', { class: 'muted' }, 'Findings are not available on this server yet.'))));
}

/** The charts from the server's aggregations over every conversation. */
async function fromServer(body, sc) {
  const [data, gpts, severities] = await Promise.all([
    gql(`{ daily: activity(interval: DAY) { start conversations messages }
           weekly: activity(interval: WEEK) { start conversations messages }
           topUsers(size: 10) { key count } topGpts(size: 10) { key count } toolUsage(size: 10) { key count }
           conversations { totalCount } users { totalCount } }`),
    gptMap(),
    findingsBySeverity(sc),
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

async function findingsBySeverity(sc) {
  if (!sc.has('Query', 'findings')) return null;
  if (sc.known && sc.has('Query', 'findingCounts')) {
    try {
      const data = await gql('{ findingCounts(filter: { statuses: [OPEN] }) { bySeverity { severity count } } }');
      return SEVERITIES.map((s) => ({ label: s.charAt(0) + s.slice(1).toLowerCase(), value: (data.findingCounts.bySeverity.find((x) => x.severity === s) || { count: 0 }).count, kind: `sev-${s.toLowerCase()}`, href: href('findings', { severity: s }) }));
    } catch (e) {
      // fall through to counting per severity
    }
  }
  try {
    const defs = SEVERITIES.map((s, i) => `$f${i}: FindingFilter`).join(', ');
    const fields = SEVERITIES.map((s, i) => `s${i}: findings(filter: $f${i}, first: 1) { totalCount }`).join(' ');
    const vars = {};
    SEVERITIES.forEach((s, i) => { vars[`f${i}`] = { severities: [s], statuses: ['OPEN'] }; });
    const data = await gql(`query(${defs}) { ${fields} }`, vars);
    return SEVERITIES.map((s, i) => ({ label: s.charAt(0) + s.slice(1).toLowerCase(), value: data[`s${i}`].totalCount, kind: `sev-${s.toLowerCase()}`, href: href('findings', { severity: s }) }));
  } catch (e) {
    return null;
  }
}

function weekStart(d) {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - day * 86400000).toISOString().slice(0, 10);
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
}
