/**
 * URL state: the user's choices (never the defaults) in the query string, written with
 * history.replaceState so sharing the URL shares the view and the back button is not flooded.
 */

/** Read parameter `key` from the page URL, parsed by `parse` (default: the string), or `fallback`. */
export function readParam(key, fallback, parse = (value) => value) {
  const value = new URLSearchParams(location.search).get(key);
  if (value === null) return fallback;
  try {
    const parsed = parse(value);
    return parsed === undefined || (typeof parsed === "number" && !Number.isFinite(parsed)) ? fallback : parsed;
  } catch {
    return fallback;
  }
}

/**
 * Write `values` ({key: value}) into the URL; a value equal to its default in `defaults` (or null /
 * undefined) is removed, so the URL holds only what the user changed.
 */
export function writeParams(values, defaults = {}) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(values)) {
    const text = value == null ? null : String(value);
    if (text === null || text === String(defaults[key])) params.delete(key);
    else params.set(key, text);
  }
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}
