// Export of the matching messages, streamed with the bearer token and saved as a file.
import { authHeaders, signIn, can, currentRole } from '../../auth.js';
import { h, put, number } from '../../dom.js';
import { exportUrl } from './model.js';

export function exportBar(s) {
  const bar = h('div', { class: 'export-bar', role: 'group', 'aria-label': 'Export these results' });
  if (!can('export')) {
    bar.appendChild(h('p', { class: 'muted small', id: 'export-disabled' }, `Export needs the INVESTIGATOR role (yours is ${currentRole()}).`));
    return bar;
  }
  const format = h('select', { id: 'export-format', name: 'format' },
    h('option', { value: 'csv' }, 'CSV'), h('option', { value: 'ndjson' }, 'NDJSON'));
  const button = h('button', { type: 'button', class: 'secondary', id: 'export' }, 'Export');
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel');
  const progress = h('span', { class: 'small', id: 'export-progress', role: 'status', 'aria-live': 'polite' });
  let controller = null;
  cancel.addEventListener('click', () => controller && controller.abort());
  button.addEventListener('click', async () => {
    button.disabled = true;
    cancel.hidden = false;
    controller = new AbortController();
    try {
      const bytes = await download(exportUrl(s, format.value), format.value, controller.signal, (n) => {
        progress.textContent = `Exporting… ${number(n)} bytes`;
      });
      progress.textContent = `Exported ${number(bytes)} bytes.`;
    } catch (error) {
      progress.textContent = error.name === 'AbortError' ? 'Export cancelled.' : `Export failed: ${error.message}`;
    } finally {
      button.disabled = false;
      cancel.hidden = true;
      controller = null;
    }
  });
  put(bar, h('label', { for: 'export-format' }, 'Export matching messages as'), format, button, cancel, progress);
  return bar;
}

/** Fetches the export with the bearer token, reading the stream to count bytes, and saves it. */
export async function download(url, format, signal, onProgress) {
  let response;
  for (let attempt = 0; ; attempt++) {
    response = await fetch(url, { headers: { ...authHeaders() }, signal });
    if (response.status !== 401 || attempt > 2) break;
    await signIn();
  }
  if (response.status === 403) throw new Error(`your role${currentRole() ? ` (${currentRole()})` : ''} may not export.`);
  if (!response.ok) {
    let detail = '';
    try {
      const body = await response.json();
      detail = body.message || body.error || '';
    } catch (e) {
      // no JSON body
    }
    throw new Error(`the server answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`);
  }
  const chunks = [];
  let bytes = 0;
  if (response.body && response.body.getReader) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      onProgress(bytes);
    }
  } else {
    const whole = await response.arrayBuffer();
    chunks.push(whole);
    bytes = whole.byteLength;
    onProgress(bytes);
  }
  const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const blob = new Blob(chunks, { type });
  const link = h('a', { href: URL.createObjectURL(blob), download: `chatwarden-export-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.${format}`, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return bytes;
}
