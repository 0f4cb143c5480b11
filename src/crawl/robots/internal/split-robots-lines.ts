/**
 * Google's line splitter (robots.cc `RobotsTxtParser::Parse`): skips a UTF-8 BOM prefix (even a
 * partial one), ends lines at \n, \r or \r\n, and keeps at most 16,663 bytes of a line (its
 * 2083 * 8 byte buffer, less the terminator); the rest of a long line is dropped.
 */
const MAX_LINE_BYTES = 2083 * 8 - 1;
const BOM = [0xef, 0xbb, 0xbf];

/** Calls `onLine(lineNumber, binaryLine)` for every line, the last one included even when empty. */
export function splitRobotsLines(bytes: Uint8Array, onLine: (line: number, text: string) => void): number {
  let lineNumber = 0;
  let start = 0;
  let bomPos = 0;
  let lastWasCr = false;
  // NOTE: lines are sliced as latin1 so that each char is one byte, as the C++ sees them.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (bomPos < BOM.length && ch === BOM[bomPos++]) {
      start = i + 1;
      continue;
    }
    bomPos = BOM.length;
    if (ch !== 0x0a && ch !== 0x0d) continue;
    const isCrLfContinuation = i === start && lastWasCr && ch === 0x0a;
    if (!isCrLfContinuation) onLine(++lineNumber, clip(text, start, i));
    start = i + 1;
    lastWasCr = ch === 0x0d;
  }
  onLine(++lineNumber, clip(text, start, text.length));
  return lineNumber;
}

function clip(text: string, start: number, end: number): string {
  return text.slice(start, Math.min(end, start + MAX_LINE_BYTES));
}
