import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../src/reports/index.js';

describe('toCsv', () => {
  const columns = [{ key: 'a', header: 'A' }, { key: 'b', header: 'B' }] as const;
  it('writes RFC 4180 records with CRLF, quoting only when needed', () => {
    const csv = toCsv([{ a: 'plain', b: 'with, comma' }, { a: 'say "hi"', b: 'two\nlines' }, { a: null, b: 3 }], columns);
    assert.equal(csv, 'a,b\r\nplain,"with, comma"\r\n"say ""hi""","two\nlines"\r\n,3\r\n');
  });
  it('writes dates as ISO, lists joined, defuses formulas, and adds a BOM on request', () => {
    const csv = toCsv([{ a: new Date('2026-01-02T03:04:05Z'), b: ['x', 'y'] }, { a: '=HYPERLINK("x")', b: '-1' }], columns, { bom: true });
    assert.ok(csv.startsWith('\uFEFFa,b\r\n'));
    assert.ok(csv.includes('2026-01-02T03:04:05.000Z,x|y\r\n'));
    assert.ok(csv.includes(`"'=HYPERLINK(""x"")",'-1\r\n`));
    assert.equal(toCsv([{ a: 1, b: 2 }], columns, { header: false }), '1,2\r\n');
  });
});
