/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a substring of 13 or
 * more characters (and a concatenation) as a view into its parts, so a string cut from a page and kept
 * in a long-lived cache would keep that page's whole text alive for as long as it stays cached.
 * @example cache.set(detachedString(host), domain)
 */
export function detachedString(s: string): string {
  // The concatenation is flattened into a new string of s.length + 1 characters; the slice views that.
  return (' ' + s).slice(1);
}
