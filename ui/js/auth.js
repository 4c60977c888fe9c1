// Who is signed in. The API token lives in sessionStorage (this tab only, gone when it
// closes; never localStorage) and goes with every request as `Authorization: Bearer …`.
// A 401 opens the sign-in dialog; every request waiting on it is retried once a token works.
import { h, clear, put } from './dom.js';

const KEY = 'chatwarden.token';
const RANK = { VIEWER: 1, INVESTIGATOR: 2, ADMIN: 3 };

let viewer = null;
let pending = null;
const listeners = new Set();

export function token() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch (e) {
    return '';
  }
}

export function authHeaders() {
  const value = token();
  return value ? { Authorization: `Bearer ${value}` } : {};
}

export function currentViewer() {
  return viewer;
}

export function currentRole() {
  return viewer && viewer.role ? viewer.role : null;
}

/** Whether the signed-in role may do it: 'export' and 'triage' need INVESTIGATOR, 'admin' needs ADMIN. */
export function can(action) {
  const role = currentRole();
  if (!role) return true; // unknown (e.g. an older server): the server decides.
  const needed = { export: 'INVESTIGATOR', triage: 'INVESTIGATOR', admin: 'ADMIN', sync: 'ADMIN' }[action] || 'VIEWER';
  return (RANK[role] || 0) >= RANK[needed];
}

export function onViewer(listener) {
  listeners.add(listener);
  listener(viewer);
}

export function setViewer(next) {
  viewer = next;
  for (const listener of listeners) listener(viewer);
}

/** Forgets the token and starts over (the server asks again if it needs one). */
export function signOut() {
  try {
    sessionStorage.removeItem(KEY);
  } catch (e) {
    // nothing stored
  }
  location.reload();
}

/**
 * Asks for a token; resolves once one is accepted, rejects if the person cancels.
 * Concurrent callers share one dialog.
 */
export function signIn() {
  if (pending) return pending;
  const stale = Boolean(token());
  if (stale) sessionStorage.removeItem(KEY);
  pending = new Promise((resolve, reject) => {
    const dialog = dialogElement();
    const input = dialog.querySelector('#signin-token');
    const error = dialog.querySelector('#signin-error');
    const reason = dialog.querySelector('#signin-reason');
    reason.textContent = stale
      ? 'Your token is no longer accepted (it may have been revoked). Sign in with another one.'
      : 'This Chatwarden server needs an API token for every request.';
    error.textContent = '';
    input.value = '';
    const done = (ok, value) => {
      dialog.onsubmit = null;
      dialog.oncancel = null;
      dialog.querySelector('#signin-cancel').onclick = null;
      if (dialog.open) dialog.close();
      pending = null;
      if (ok) resolve(value);
      else {
        showSignInButton();
        reject(new Error('Signing in is needed to see this page. Use “Sign in” in the header.'));
      }
    };
    dialog.onsubmit = async (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        error.textContent = 'Paste a token first.';
        input.focus();
        return;
      }
      error.textContent = 'Checking…';
      const who = await check(value);
      if (!who) {
        error.textContent = 'This token was not accepted: it may be mistyped, expired or revoked.';
        input.select();
        input.focus();
        return;
      }
      sessionStorage.setItem(KEY, value);
      setViewer(who);
      done(true, who);
    };
    dialog.oncancel = (event) => {
      event.preventDefault();
      done(false);
    };
    dialog.querySelector('#signin-cancel').onclick = () => done(false);
    if (!dialog.open) dialog.showModal();
    input.focus();
  });
  return pending;
}

/** The caller a token stands for, or null when the server does not accept it. */
async function check(value) {
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${value}` },
      body: JSON.stringify({ query: '{ viewer { name kind role } }' }),
    });
    if (!response.ok) return null;
    const body = await response.json();
    return body && body.data && body.data.viewer ? body.data.viewer : null;
  } catch (e) {
    return null;
  }
}

function dialogElement() {
  let dialog = document.getElementById('signin');
  if (dialog) return dialog;
  dialog = h('dialog', { id: 'signin', class: 'signin', 'aria-labelledby': 'signin-title', 'aria-describedby': 'signin-reason' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'signin-title' }, 'Sign in to Chatwarden'),
      h('p', { id: 'signin-reason' }),
      h('label', { for: 'signin-token' }, 'API token'),
      h('input', { id: 'signin-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'signin-help signin-error' }),
      h('p', { id: 'signin-error', class: 'error-text', role: 'alert' }),
      h('div', { id: 'signin-help', class: 'hint' },
        h('p', {}, 'How to get one: an administrator creates a token under Admin → API tokens (the ',
          h('code', {}, 'createApiToken'), ' GraphQL mutation) and gives it to you once. For first start and automation, the server’s ',
          h('code', {}, 'chatwarden.security.bootstrap-admin-token'), ' setting is an admin token.'),
        h('p', {}, 'The token is kept in this browser tab only (session storage) and is forgotten when the tab closes.')),
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, 'Sign in'),
        h('button', { type: 'button', class: 'secondary', id: 'signin-cancel' }, 'Cancel'))));
  document.body.appendChild(dialog);
  return dialog;
}

let headerBox = null;

/** The header's "who am I" with sign-in and sign-out controls. */
export function startViewerBox(el) {
  headerBox = el;
  onViewer(drawViewer);
}

function drawViewer(v) {
  if (!headerBox) return;
  clear(headerBox);
  if (v) {
    put(headerBox,
      h('span', { class: 'viewer-name', id: 'viewer-name', title: v.kind ? `Signed in (${v.kind})` : null }, v.name),
      v.role ? h('span', { class: 'badge role-badge', id: 'viewer-role' }, v.role) : null);
  }
  if (token()) {
    headerBox.appendChild(h('button', { type: 'button', class: 'header-button', id: 'sign-out', onclick: signOut }, 'Sign out'));
  } else {
    headerBox.appendChild(h('button', { type: 'button', class: 'header-button', id: 'sign-in', onclick: () => signIn().then(() => location.reload(), () => {}) },
      v ? 'Use a token' : 'Sign in'));
  }
}

function showSignInButton() {
  drawViewer(viewer);
}
