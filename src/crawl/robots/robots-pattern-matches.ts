/**
 * Google's `RobotsMatchStrategy::Matches`: does `pattern` match `path` from its start? `*` matches
 * any run of bytes, and `$` anchors the end only as the pattern's last char.
 *
 * Keeps the sorted set of path offsets that the pattern prefix can end at (the C++ `pos[]`), so
 * the worst case is O(|path| x |pattern|) time and O(|path|) memory, whatever the webmaster writes.
 */
export function robotsPatternMatches(path: string, pattern: string): boolean {
  if (pattern.indexOf('*') === -1) {
    if (pattern.endsWith('$')) return path === pattern.slice(0, -1);
    return path.startsWith(pattern);
  }
  const pathLength = path.length;
  const pos = new Int32Array(pathLength + 1);
  let count = 1;
  for (let p = 0; p < pattern.length; p++) {
    const ch = pattern.charCodeAt(p);
    if (ch === 0x24 /* $ */ && p === pattern.length - 1) return pos[count - 1] === pathLength;
    if (ch === 0x2a /* * */) {
      count = pathLength - pos[0]! + 1;
      for (let i = 1; i < count; i++) pos[i] = pos[i - 1]! + 1;
    } else {
      let next = 0;
      for (let i = 0; i < count; i++) {
        const at = pos[i]!;
        if (at < pathLength && path.charCodeAt(at) === ch) pos[next++] = at + 1;
      }
      count = next;
      if (count === 0) return false;
    }
  }
  return true;
}
