// The one "show more" pager: loads a first page, then a button loads each next one after the
// last cursor, says how many are shown, and moves focus to the first new row.
import { h, clear, number } from './dom.js';

/**
 * fetchPage(after) resolves to a connection ({ totalCount, edges, pageInfo }); onPage(page, first)
 * adds its rows (first is true for the first page) and returns the container the rows go into.
 * Resolves after the first page; rejects if it fails (later failures show on the button).
 */
export async function pager({ more, fetchPage, onPage, size, noun = 'more', id = null }) {
  let after = null;
  let shown = 0;
  const load = async () => {
    const page = await fetchPage(after);
    const rows = onPage(page, after === null);
    shown += page.edges.length;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    clear(more);
    if (!after) return;
    const button = h('button', { type: 'button', class: 'secondary', id },
      `Show ${size} ${noun} (${number(shown)} of ${number(page.totalCount)})`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      button.textContent = 'Loading…';
      const firstNew = rows ? rows.children.length : 0;
      try {
        await load();
      } catch (error) {
        button.disabled = false;
        button.textContent = `Could not load more: ${error.message} Try again`;
        return;
      }
      const link = rows && rows.children[firstNew] && rows.children[firstNew].querySelector('a, summary, button');
      if (link) link.focus();
    });
    more.appendChild(button);
  };
  await load();
}
