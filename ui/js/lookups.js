// Small, cached look-ups shared by screens: GPT names, user emails, every page of a connection.
import { gql } from './gql.js';

/** Every node of a connection, page by page (100 at a time), up to a cap. */
export async function all(field, nodeFields, { args = '', variables = {}, argDefs = '', cap = 2000 } = {}) {
  const nodes = [];
  let after = null;
  let total = 0;
  do {
    const defs = ['$after: String', argDefs].filter(Boolean).join(', ');
    const data = await gql(
      `query(${defs}) { page: ${field}(first: 100, after: $after${args ? ', ' + args : ''}) {
         totalCount edges { node { ${nodeFields} } } pageInfo { hasNextPage endCursor } } }`,
      { ...variables, after });
    total = data.page.totalCount;
    for (const edge of data.page.edges) nodes.push(edge.node);
    after = data.page.pageInfo.hasNextPage ? data.page.pageInfo.endCursor : null;
  } while (after && nodes.length < cap);
  return { nodes, total, complete: !after };
}

let gptsPromise = null;

/** GPT id → {id, name, …}. */
export function gptMap() {
  if (!gptsPromise) {
    gptsPromise = all('gpts', 'id name visibility ownerEmail tools')
      .then((r) => new Map(r.nodes.map((g) => [g.id, g])))
      .catch(() => new Map());
  }
  return gptsPromise;
}

let usersPromise = null;

export function userList() {
  if (!usersPromise) {
    usersPromise = all('users', 'id email name role status')
      .then((r) => r.nodes)
      .catch(() => []);
  }
  return usersPromise;
}

export function gptName(map, id) {
  const gpt = map.get(id);
  return (gpt && gpt.name) || id;
}
