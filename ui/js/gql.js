// The only way the UI talks to the server: POST /graphql with fixed query documents (the UI
// ships in the same jar as the API, so both always agree; no introspection). Sends the API
// token (see auth.js) on every request.
import { authHeaders, signIn, currentRole } from './auth.js';

/** A feature the server does not offer (a GraphQL validation error or a missing field). */
export class Unavailable extends Error {
  constructor(message) {
    super(message);
    this.name = 'Unavailable';
  }
}

/** The server did not answer at all (down, restarting, or the network is gone). */
export class Unreachable extends Error {
  constructor() {
    super('The Chatwarden server cannot be reached. Is it running? This page tries again when you reload it.');
    this.name = 'Unreachable';
  }
}

/** A request the caller's role may not make (GraphQL FORBIDDEN, HTTP 403). */
export class Forbidden extends Error {
  constructor(message) {
    super(message);
    this.name = 'Forbidden';
  }
}

export async function gql(query, variables = {}) {
  let response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeaders() },
        body: JSON.stringify({ query, variables }),
      });
    } catch (e) {
      throw new Unreachable();
    }
    // 401: ask for a token (once for all requests waiting), then try again with it.
    if (response.status !== 401 || attempt > 3) break;
    await signIn();
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error(`The server answered HTTP ${response.status} without a GraphQL response.`);
  }
  const errors = body.errors || [];
  if (errors.length) {
    const classOf = (e) => (e.extensions && e.extensions.classification) || '';
    const validation = errors.find((e) => classOf(e) === 'ValidationError');
    if (validation) throw new Unavailable(validation.message);
    if (errors.some((e) => classOf(e) === 'FORBIDDEN')) throw new Forbidden(forbiddenMessage());
    throw new Error(errors.map((e) => e.message).join('; '));
  }
  if (response.status === 403) throw new Forbidden(forbiddenMessage());
  if (!response.ok) throw new Error(`The server answered HTTP ${response.status}.`);
  return body.data;
}

export function forbiddenMessage() {
  const role = currentRole();
  return `Your role${role ? ` (${role})` : ''} may not do this. Ask an administrator for a token with a higher role.`;
}
