import { h, clear, failure } from './dom.js';
import { current } from './router.js';
import { startSyncIndicator } from './views/sync.js';
import { gql } from './gql.js';
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
    console.error(error);
    if (id === renderId) clear(view).appendChild(failure('This page could not be shown', error));
  }
  const heading = view.querySelector('h1');
  if (heading && document.activeElement === document.body) {
    heading.setAttribute('tabindex', '-1');
  }
  document.title = (heading ? heading.textContent + ' · ' : '') + 'Chatwarden';
  // Tells tests (and assistive tooling) which route finished rendering.
  main.dataset.ready = location.hash || '#/search';
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

// "/" focuses the search box from anywhere (unless typing in a field).
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
    const box = document.getElementById('q');
    event.preventDefault();
    if (box) box.focus();
    else location.hash = '#/search';
  }
});

startViewerBox(document.getElementById('viewer'));
onViewer((v) => {
  document.getElementById('nav-admin').hidden = !(v && v.role === 'ADMIN');
});
viewerReady.then(() => startSyncIndicator(document.getElementById('sync-indicator')));
render();
