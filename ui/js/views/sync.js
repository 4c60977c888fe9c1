// Sync: live progress per resource (polls syncStatus), last run, errors; start a run.
import { gql } from '../gql.js';
import { can } from '../auth.js';
import { h, put, clear, time, ago, number, failure, loading } from '../dom.js';

const STATUS = `{ syncStatus { running startedAt lastSuccessAt lastError warnings outcome nextRetryAt
  resources { resource state fetched indexed failed ratePerSecond startedAt finishedAt lastError note } } }`;

/** Fired on window when someone starts a sync here: status displays refresh at once. */
export const SYNC_STARTED = 'chatwarden:sync-started';

/** The sync page also shows which instance holds which job, and the last backup. */
const DETAILS = `{ syncStatus { running startedAt lastSuccessAt lastError warnings outcome nextRetryAt
  resources { resource state fetched indexed failed ratePerSecond startedAt finishedAt lastError note }
  leases { name holder lastCompletedAt lastCompletedBy } lastSnapshot { name state finishedAt }
  retention { keepFor legalHold keptSince } } }`;

async function fetchStatus(details = false) {
  return (await gql(details ? DETAILS : STATUS)).syncStatus;
}

/** Poll fast for a while after a sync starts, so the end of a short run is seen at once. */
let fastUntil = 0;

function pause(running) {
  return running || Date.now() < fastUntil ? 1000 : 15000;
}

/** The header's small live sync state. */
export function startSyncIndicator(el) {
  let timer = null;
  const tick = async () => {
    clearTimeout(timer);
    try {
      const s = await fetchStatus();
      el.className = `sync-indicator ${s.running ? 'running' : s.lastError ? 'error' : 'ok'}`;
      el.textContent = s.outcome === 'HELD' ? 'Sync waiting for the store' : s.running ? 'Syncing…'
        : s.outcome === 'PARTIAL' ? 'Sync: partial' : s.lastError ? 'Sync: errors' : `Synced ${ago(s.lastSuccessAt)}`;
      el.title = s.lastSuccessAt ? `Last successful sync: ${new Date(s.lastSuccessAt).toISOString()}` : 'No successful sync yet';
      if ((s.warnings || []).length) {
        el.className += ' warning';
        el.title += `\n${s.warnings.join('\n')}`;
      }
      timer = setTimeout(tick, pause(s.running));
    } catch (e) {
      el.className = 'sync-indicator error';
      el.textContent = 'Server unreachable';
      timer = setTimeout(tick, 15000);
    }
  };
  window.addEventListener(SYNC_STARTED, tick);
  tick();
}

/** Running, held (waiting for the store: nothing is lost) or how the last run ended. */
function stateText(s) {
  switch (s.outcome) {
    case 'HELD': return 'Waiting for the data store (nothing is lost)';
    case 'PARTIAL': return s.running ? 'Running' : 'Idle (last run partial: records dead-lettered)';
    case 'FAILED': return s.running ? 'Running' : 'Idle (last run failed)';
    default: return s.running ? 'Running' : 'Idle';
  }
}

export async function render(view) {
  const body = h('div', { class: 'sync-body' }, loading());
  const button = h('button', { type: 'button', class: 'primary', id: 'start-sync' }, 'Sync now');
  const message = h('p', { class: 'note', role: 'status' });
  const allowed = can('sync');
  if (!allowed) message.textContent = 'Only administrators can start a sync.';
  put(view, 
    h('div', { class: 'page-head' },
      h('h1', {}, 'Sync'),
      h('p', { class: 'lede' }, 'The copy of the workspace is refreshed on a schedule and at start-up. Each resource resumes from its checkpoint.')),
    h('div', { class: 'toolbar' }, button, message),
    body);

  let timer = null;
  let stopped = false;
  const draw = (s) => {
    button.disabled = s.running || !allowed;
    button.textContent = s.running ? 'Sync running…' : 'Sync now';
    put(clear(body), 
      h('section', { class: 'panel summary-grid' },
        stat('State', stateText(s), s.running ? 'running' : ''),
        stat('Current or last run started', s.startedAt ? time(s.startedAt) : '—'),
        stat('Last successful run', s.lastSuccessAt ? h('span', {}, time(s.lastSuccessAt), h('span', { class: 'muted small' }, ` (${ago(s.lastSuccessAt)})`)) : 'never'),
        stat('Last run errors', s.lastError ? h('span', { class: 'error-text' }, s.lastError) : 'none'),
        s.nextRetryAt ? stat('Failed run retried', time(s.nextRetryAt)) : null,
        s.leases ? stat('Sync runs on', (s.leases.find((l) => l.name === 'sync') || {}).holder || 'no instance now') : null,
        s.leases !== undefined ? stat('Last snapshot', s.lastSnapshot
          ? h('span', { id: 'last-snapshot' }, `${s.lastSnapshot.state} `, s.lastSnapshot.finishedAt ? time(s.lastSnapshot.finishedAt) : '')
          : 'none yet') : null,
        s.retention ? stat('Messages and events kept', retentionText(s.retention)) : null,
        s.retention ? stat('Legal hold', h('span', { id: 'legal-hold' },
          s.retention.legalHold ? 'On: nothing is deleted' : 'Off'), s.retention.legalHold ? 'running' : '') : null),
      (s.warnings || []).length
        ? h('section', { class: 'panel warning', role: 'alert', id: 'sync-warnings' }, (s.warnings || []).map((w) => h('p', {}, w)))
        : null,
      s.resources ? resourceTable(s.resources) : null);
  };
  const tick = async () => {
    if (stopped) return;
    try {
      const s = await fetchStatus(true);
      if (stopped) return;
      draw(s);
      timer = setTimeout(tick, Math.min(pause(s.running), 5000));
    } catch (error) {
      clear(body).appendChild(failure('The sync status could not be read', error));
      timer = setTimeout(tick, 5000);
    }
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const s = (await gql('mutation { startSync { running } }')).startSync;
      message.textContent = s.running ? 'A sync is running.' : 'The sync did not start.';
    } catch (error) {
      message.textContent = `Could not start a sync: ${error.message}`;
    }
    fastUntil = Date.now() + 30000;
    window.dispatchEvent(new Event(SYNC_STARTED));
    clearTimeout(timer);
    tick();
  });
  await tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** "forever", or the retention in days and since when data is kept. */
function retentionText(r) {
  const days = /^P(\d+)D$/.exec(r.keepFor || '');
  const keep = !r.keepFor ? 'Forever' : days ? `${days[1]} days` : r.keepFor;
  return h('span', { id: 'retention' }, keep,
    r.keptSince ? h('span', { class: 'muted small' }, ' (older deleted; kept since ', time(r.keptSince), ')') : null);
}

function stat(label, value, kind = '') {
  return h('div', { class: `stat ${kind}` }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
}

function resourceTable(resources) {
  return h('section', { class: 'panel' },
    h('h2', {}, 'Resources'),
    h('table', { class: 'data sync-table' },
      h('thead', {}, h('tr', {},
        ['Resource', 'State', 'Progress', 'Fetched', 'Indexed', 'Failed', 'Rate', 'Finished', 'Last error', 'Note'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, resources.map((r) => {
        const state = String(r.state || 'IDLE');
        const done = state === 'DONE' || state === 'SKIPPED' || state === 'RETIRED';
        const progress = h('progress', { max: '1', 'aria-label': `${r.resource} progress` });
        // The API does not know totals in advance: a running resource is indeterminate.
        if (state !== 'RUNNING') progress.value = done || state === 'FAILED' ? 1 : 0;
        return h('tr', { class: `state-${state.toLowerCase()}` },
          h('th', { scope: 'row' }, r.resource),
          h('td', {}, h('span', { class: `badge state ${state.toLowerCase()}` }, state)),
          h('td', { class: 'progress-cell' }, progress),
          h('td', { class: 'num' }, number(r.fetched)),
          h('td', { class: 'num' }, number(r.indexed)),
          h('td', { class: `num${r.failed ? ' error-text' : ''}` }, number(r.failed)),
          h('td', { class: 'num' }, r.ratePerSecond != null ? `${number(Math.round(r.ratePerSecond))}/s` : '—'),
          h('td', {}, r.finishedAt ? time(r.finishedAt) : '—'),
          h('td', { class: 'error-text' }, r.lastError || ''),
          h('td', { class: 'muted small' }, r.note || ''));
      }))),
    h('p', { class: 'hint', id: 'sync-counts-help' },
      '“Fetched” counts records read from OpenAI in this run; “Indexed” counts documents written to OpenSearch. ',
      'They differ on purpose: a conversation is one document plus one per message, and for “logs” each fetched record ',
      'is an event read from a log file (a file holds many events; the files themselves are not counted). ',
      '“Failed” records went to the dead-letter index with their reason.'));
}
