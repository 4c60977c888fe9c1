import { h, clear, failure } from './dom.js';
import { current } from './router.js';
import { startSyncIndicator } from './views/sync.js';
import { gql, Unreachable } from './gql.js';
import { setViewer, startViewerBox, onViewer } from './auth.js';

const views = {
  search: () => import('./views/search.js'),
  conversation: () => import('./views/conversation.js'),
  findings: () => import('./views/findings.js'),
  finding: () => import('./views/findings.js'),
  inventory: () => import('./views/inventory.js'),
  gpt: () => import('./views/inventory.js'),
  dashboard: () => import('./views/dashboard.js'),
  sync: () => import('./views/sync.js'),
  events: () => import('./views/events.js'),
  user: () => import('./views/user.js'),
  admin: () => import('./views/admin.js'),
};

// Who is calling (a 401 here opens the sign-in dialog first). Screens wait for it so they can
// hide what the role may not do; the server enforces it anyway.
const viewerReady = gql('{ viewer { name kind role } }')
  .then((data) => setViewer(data.viewer))
  .catch(() => setViewer(null));

const main = document.getElementById('main');
let cleanup = null;
let renderId = 0;

async function render() {
  const route = current();
  const name = views[route.parts[0]] ? route.parts[0] : 'search';
  const id = ++renderId;
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  for (const link of document.querySelectorAll('nav.primary a')) {
    const active = link.dataset.section === section(name);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  delete main.dataset.ready;
  const view = h('div', { class: 'view' });
  clear(main).appendChild(view);
  try {
    await viewerReady;
    const module = await views[name]();
    if (id !== renderId) return;
    const result = await module.render(view, route);
    if (id !== renderId) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
  } catch (error) {
    if (id === renderId) clear(view).appendChild(unreachable(error) ? serverDown() : failure('This page could not be shown', error));
    if (!unreachable(error)) console.error(error);
  }
  const heading = view.querySelector('h1');
  if (heading && document.activeElement === document.body) {
    heading.setAttribute('tabindex', '-1');
  }
  document.title = (heading ? heading.textContent + ' · ' : '') + 'Chatwarden';
  // Tells tests (and assistive tooling) which route finished rendering.
  main.dataset.ready = location.hash || '#/search';
}

/** The server is down: a failed fetch, or a view module that could not be loaded. */
function unreachable(error) {
  return error instanceof Unreachable || (error instanceof TypeError && /fetch|import|module/i.test(error.message));
}

function serverDown() {
  return h('section', { class: 'panel error server-down', role: 'alert' },
    h('h1', {}, 'The server is unreachable'),
    h('p', {}, 'Chatwarden does not answer. It may be stopped or restarting. Nothing is lost: the copy lives in OpenSearch.'),
    h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, 'Try again'));
}

function section(name) {
  return { conversation: 'search', finding: 'findings', gpt: 'inventory', user: 'events' }[name] || name;
}

window.addEventListener('hashchange', () => {
  render().then(() => {
    const heading = main.querySelector('h1');
    if (heading) heading.focus({ preventScroll: true });
  });
});

// Keyboard: "/" focuses the search box, j/k move between results (rows marked data-key-nav),
// Enter opens the focused one (it is a link), "?" shows this help. Never while typing.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '/') {
    const box = document.getElementById('q');
    event.preventDefault();
    if (box) box.focus();
    else location.hash = '#/search';
  } else if (event.key === 'j' || event.key === 'k') {
    const items = [...main.querySelectorAll('[data-key-nav]')];
    if (!items.length) return;
    const at = items.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
    items[at < 0 ? 0 : next].focus();
    event.preventDefault();
  } else if (event.key === '?') {
    event.preventDefault();
    keyboardHelp();
  }
});

function keyboardHelp() {
  let dialog = document.getElementById('keyboard-help');
  if (!dialog) {
    dialog = h('dialog', { id: 'keyboard-help', 'aria-labelledby': 'keyboard-help-title' },
      h('h2', { id: 'keyboard-help-title' }, 'Keyboard'),
      h('dl', { class: 'keys' },
        h('dt', {}, h('kbd', {}, '/')), h('dd', {}, 'search'),
        h('dt', {}, h('kbd', {}, 'j'), ' ', h('kbd', {}, 'k')), h('dd', {}, 'next / previous result, finding or event'),
        h('dt', {}, h('kbd', {}, 'Enter')), h('dd', {}, 'open it'),
        h('dt', {}, h('kbd', {}, '?')), h('dd', {}, 'this help'),
        h('dt', {}, h('kbd', {}, 'Esc')), h('dd', {}, 'close')),
      h('form', { method: 'dialog' }, h('button', { class: 'secondary' }, 'Close')));
    document.body.appendChild(dialog);
  }
  if (!dialog.open) dialog.showModal();
}

startViewerBox(document.getElementById('viewer'));
onViewer((v) => {
  document.getElementById('nav-admin').hidden = !(v && v.role === 'ADMIN');
});
viewerReady.then(() => startSyncIndicator(document.getElementById('sync-indicator')));
render();
