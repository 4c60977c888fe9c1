// Saved searches, kept in this browser's local storage: a name and the search's URL parameters.
const KEY = 'chatwarden.savedSearches.v1';

export function savedSearches() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(value) ? value.filter((x) => x && typeof x.name === 'string' && typeof x.params === 'string') : [];
  } catch (e) {
    return [];
  }
}

export function saveSearch(name, params) {
  const list = savedSearches().filter((x) => x.name !== name);
  list.push({ name, params, savedAt: new Date().toISOString() });
  list.sort((a, b) => a.name.localeCompare(b.name));
  localStorage.setItem(KEY, JSON.stringify(list));
}

export function deleteSearch(name) {
  localStorage.setItem(KEY, JSON.stringify(savedSearches().filter((x) => x.name !== name)));
}
