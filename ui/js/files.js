// Files the browser saves: CSV and JSON built from data already loaded, as text only.

/** A CSV file's text: a header row, then one row per record, every value quoted when needed. */
export function csvFile(columns, rows) {
  const cell = (v) => {
    const text = v === null || v === undefined ? '' : String(v);
    // A leading =, +, - or @ would make a spreadsheet evaluate the cell.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a download named <base>-<time>.<extension>. */
export function saveFile(text, base, extension) {
  const type = extension === 'csv' ? 'text/csv' : extension === 'json' ? 'application/json' : 'application/x-ndjson';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${base}-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.${extension}`;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
