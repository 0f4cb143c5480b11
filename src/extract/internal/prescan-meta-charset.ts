/**
 * A simplified WHATWG "prescan a byte stream to determine its encoding": look through the first
 * bytes (1024 by default) for `<meta charset=...>` or `<meta http-equiv=content-type content="...;
 * charset=...">`, skipping comments. Returns the label as written, or null.
 */
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const META_TAG = /<meta(?=[\s/])([^>]*)>?/gi;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g;
const CONTENT_CHARSET = /charset\s*=\s*["']?([^"';\s]+)/i;

export function prescanMetaCharset(bytes: Uint8Array): string | null {
  // latin1 keeps one character per byte, which is all the ASCII matching below needs.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (head.indexOf('<') === -1) return null;
  const text = head.replace(COMMENT, '');
  META_TAG.lastIndex = 0;
  for (let m = META_TAG.exec(text); m !== null; m = META_TAG.exec(text)) {
    let charset: string | null = null;
    let httpEquivContentType = false;
    let content: string | null = null;
    ATTRIBUTE.lastIndex = 0;
    const attrs = m[1] ?? '';
    for (let a = ATTRIBUTE.exec(attrs); a !== null; a = ATTRIBUTE.exec(attrs)) {
      const name = a[1]!.toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (name === 'charset' && charset === null) charset = value.trim();
      else if (name === 'http-equiv') httpEquivContentType = value.trim().toLowerCase() === 'content-type';
      else if (name === 'content' && content === null) content = value;
    }
    if (charset !== null && charset.length > 0) return charset;
    if (httpEquivContentType && content !== null) {
      const c = CONTENT_CHARSET.exec(content);
      if (c !== null) return c[1]!;
    }
  }
  return null;
}
