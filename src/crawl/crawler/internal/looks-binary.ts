/**
 * True when the first 1024 bytes hold a WHATWG "binary data byte" (0x00-0x08, 0x0B, 0x0E-0x1A,
 * 0x1C-0x1F): an image or archive served as text/html. A UTF-16 body (BOM FE FF / FF FE) is text
 * full of NULs, so it is never binary here.
 */
export function looksBinary(body: Uint8Array): boolean {
  const n = Math.min(body.length, 1024);
  if (n >= 2 && ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe))) return false;
  for (let i = 0; i < n; i++) {
    const c = body[i]!;
    if (c <= 0x08 || c === 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f)) return true;
  }
  return false;
}
