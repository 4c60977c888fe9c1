// The only way the UI talks to the server: POST /graphql. Also knows, by introspection,
// which fields this server has, so screens can ask only for what exists and say plainly
// when a feature has not landed yet. Sends the API token (see auth.js) on every request.
import { authHeaders, signIn, currentRole } from './auth.js';

/** A feature the server does not offer (a GraphQL validation error or a missing field). */
export class Unavailable extends Error {
  constructor(message) {
    super(message);
    this.name = 'Unavailable';
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
      throw new Error('The server cannot be reached.');
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

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema { types { name kind
  fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } }
  inputFields { name type { ${TYPE_REF} } }
  enumValues { name } } } }`;

let schemaPromise = null;

/** The server's schema, loaded once. When introspection is off, `known` is false and every check says yes. */
export function schema() {
  if (!schemaPromise) {
    schemaPromise = gql(INTROSPECTION)
      .then((data) => new Schema(data.__schema.types))
      .catch(() => new Schema(null));
  }
  return schemaPromise;
}

export class Schema {
  constructor(types) {
    this.known = types !== null;
    this.types = new Map((types || []).map((t) => [t.name, t]));
  }

  type(name) {
    return this.types.get(name);
  }

  field(typeName, fieldName) {
    const type = this.types.get(typeName);
    return type && (type.fields || []).find((f) => f.name === fieldName);
  }

  /** Whether a type has a field (yes when the schema is unknown: the query then says so itself). */
  has(typeName, fieldName) {
    return !this.known || Boolean(this.field(typeName, fieldName));
  }

  hasArg(typeName, fieldName, argName) {
    if (!this.known) return false;
    const field = this.field(typeName, fieldName);
    return Boolean(field && field.args.some((a) => a.name === argName));
  }

  hasInput(typeName, fieldName) {
    if (!this.known) return false;
    const type = this.types.get(typeName);
    return Boolean(type && (type.inputFields || []).some((f) => f.name === fieldName));
  }

  inputFields(typeName) {
    const type = this.types.get(typeName);
    return type ? (type.inputFields || []).map((f) => f.name) : [];
  }

  enumValues(typeName) {
    const type = this.types.get(typeName);
    return type && type.enumValues ? type.enumValues.map((v) => v.name) : [];
  }

  /** Those of the wanted fields that the type has (all of them when the schema is unknown). */
  pick(typeName, wanted) {
    return wanted.filter((f) => this.has(typeName, f.split(/[ {(]/)[0]));
  }

  /** The named type under NON_NULL/LIST wrappers of a field. */
  fieldType(typeName, fieldName) {
    const field = this.field(typeName, fieldName);
    return field ? unwrap(field.type) : null;
  }

  /** Scalar and enum fields of a type, for generic tables. */
  scalarFields(typeName) {
    const type = this.types.get(typeName);
    if (!type) return [];
    return (type.fields || [])
      .filter((f) => !f.args.some((a) => unwrapNonNull(a.type)))
      .filter((f) => {
        const t = unwrap(f.type);
        return t.kind === 'SCALAR' || t.kind === 'ENUM' || (isList(f.type) && (t.kind === 'SCALAR' || t.kind === 'ENUM'));
      })
      .map((f) => f.name);
  }
}

function unwrap(ref) {
  let t = ref;
  while (t && t.ofType) t = t.ofType;
  return t;
}

function unwrapNonNull(ref) {
  return ref && ref.kind === 'NON_NULL';
}

function isList(ref) {
  let t = ref;
  while (t) {
    if (t.kind === 'LIST') return true;
    t = t.ofType;
  }
  return false;
}
