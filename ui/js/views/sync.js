// Sync: live progress per resource (polls syncStatus), last run, errors; start a run.
import { gql, schema } from '../gql.js';
import { can } from '../auth.js';
import { h, put, clear, time, ago, number, failure, loading } from '../dom.js';

const RESOURCE_FIELDS = ['resource', 'state', 'fetched', 'indexed', 'failed', 'ratePerSecond', 'startedAt', 'finishedAt', 'lastError', 'note'];

async function status() {
  const sc = await schema();
  const top = sc.pick('SyncStatus', ['running', 'startedAt', 'lastSuccessAt', 'lastError', 'warnings', 'outcome', 'nextRetryAt']);
  const resources = sc.has('SyncStatus', 'resources') ? `resources { ${sc.pick('ResourceProgress', RESOURCE_FIELDS).join(' ')} }` : '';
  return { top, resources };
}

async function fetchStatus() {
  const { top, resources } = await status();
  return (await gql(`{ syncStatus { ${top.join(' ')} ${resources} } }`)).syncStatus;
}

/** The header's small live sync state. */
export function startSyncIndicator(el) {
  const tick = async () => {
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
      setTimeout(tick, s.running ? 2000 : 15000);
    } catch (e) {
      el.className = 'sync-indicator error';
      el.textContent = 'Server unreachable';
      setTimeout(tick, 15000);
    }
  };
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
        s.nextRetryAt ? stat('Failed run retried', time(s.nextRetryAt)) : null),
      (s.warnings || []).length
        ? h('section', { class: 'panel warning', role: 'alert', id: 'sync-warnings' }, (s.warnings || []).map((w) => h('p', {}, w)))
        : null,
      s.resources ? resourceTable(s.resources) : null);
  };
  const tick = async () => {
    if (stopped) return;
    try {
      const s = await fetchStatus();
      if (stopped) return;
      draw(s);
      timer = setTimeout(tick, s.running ? 1000 : 5000);
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
    clearTimeout(timer);
    tick();
  });
  await tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
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
      }))));
}
