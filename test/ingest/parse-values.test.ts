import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlag } from '../../src/ingest/import/parse-flag.js';
import { parseImportDate } from '../../src/ingest/import/parse-import-date.js';
import type { DateOrder } from '../../src/ingest/import/parse-import-date.js';
import { parseLinkType } from '../../src/ingest/import/parse-link-type.js';
import { parseLocaleNumber } from '../../src/ingest/import/parse-locale-number.js';
import { sniffDelimiter } from '../../src/ingest/import/sniff-delimiter.js';

function iso(text: string, order: DateOrder = { order: 'auto' }): string {
  const d = parseImportDate(text, order);
  if (d === null) return 'null';
  return d instanceof Date ? d.toISOString() : `error: ${d.error}`;
}

describe('parseImportDate', () => {
  it('reads the formats vendors export, as UTC', () => {
    const cases: Array<[string, string]> = [
      ['2026-11-24', '2026-11-24T00:00:00.000Z'],
      ['2026-11-24 10:00:00', '2026-11-24T10:00:00.000Z'],
      ['2026-11-24T10:00:00Z', '2026-11-24T10:00:00.000Z'],
      ['2026-11-24T10:00:00.123+02:00', '2026-11-24T08:00:00.000Z'],
      ['2026/11/24', '2026-11-24T00:00:00.000Z'],
      ['24.11.2026', '2026-11-24T00:00:00.000Z'],
      ['24.11.26', '2026-11-24T00:00:00.000Z'],
      ['24-11-2026 09:30', '2026-11-24T09:30:00.000Z'],
      ['Nov 24, 2026', '2026-11-24T00:00:00.000Z'],
      ['November 24 2026', '2026-11-24T00:00:00.000Z'],
      ['24 Nov 2026', '2026-11-24T00:00:00.000Z'],
      ['24-Nov-2026', '2026-11-24T00:00:00.000Z'],
      ['Tue, 24 Nov 2026 10:00:00 GMT', '2026-11-24T10:00:00.000Z'],
      ['Nov 24, 2026 10:15 PM', '2026-11-24T22:15:00.000Z'],
      ['1795514400', '2026-11-24T10:00:00.000Z'],
      ['1795514400000', '2026-11-24T10:00:00.000Z'],
    ];
    for (const [text, want] of cases) assert.equal(iso(text), want, text);
  });

  it('treats empty cells and placeholders as no date', () => {
    for (const text of ['', '  ', '-', 'n/a', 'N/A', 'never']) assert.equal(parseImportDate(text), null);
  });

  it('rejects impossible dates and text that is not a date', () => {
    for (const text of ['2026-02-30', '31.04.2026', '2026-13-01', '13/13/2026', 'yesterday', '12:00', '2026-11-24 25:00']) {
      assert.match(iso(text), /^error: /, text);
    }
  });

  it('reads a/b/yyyy month-first until a value settles it, then keeps the file to that order', () => {
    const order: DateOrder = { order: 'auto' };
    assert.equal(iso('03/04/2026', order), '2026-03-04T00:00:00.000Z');
    assert.equal(iso('24/11/2026', order), '2026-11-24T00:00:00.000Z');
    assert.equal(order.locked, 'dmy');
    assert.equal(iso('03/04/2026', order), '2026-04-03T00:00:00.000Z');
    assert.equal(iso('03/04/2026', { order: 'dmy' }), '2026-04-03T00:00:00.000Z');
    assert.equal(iso('11/24/2026', { order: 'auto' }), '2026-11-24T00:00:00.000Z');
  });
});

describe('parseLocaleNumber', () => {
  it('reads thousands separators and decimal marks of any locale', () => {
    const cases: Array<[string, number]> = [
      ['1234.5', 1234.5], ['1,234.5', 1234.5], ['1.234,5', 1234.5], ['1 234,5', 1234.5], ['1\u00a0234,5', 1234.5], ['1\u202f234,5', 1234.5],
      ["1'234.5", 1234.5], ['1,234,567', 1234567], ['1.234.567', 1234567], ['1,5', 1.5], ['0.25', 0.25], ['-3', -3], ['12%', 12], ['1,234', 1234],
    ];
    for (const [text, want] of cases) assert.equal(parseLocaleNumber(text), want, text);
  });

  it('reads a lone group of three after a comma as decimals where the file uses decimal commas', () => {
    assert.equal(parseLocaleNumber('1,234', { decimalComma: true }), 1.234);
    assert.equal(parseLocaleNumber('1.234', { decimalComma: true }), 1234);
  });

  it('returns null for text that is not a number', () => {
    for (const text of ['', 'abc', '1.2.3,4,5', '1,2,3', '--1', '1e5x']) assert.equal(parseLocaleNumber(text), null, text);
  });
});

describe('parseFlag', () => {
  it('reads the ways exports say yes and no; empty is no', () => {
    for (const t of ['true', 'TRUE', 'Yes', 'y', '1', '1,0', 'x', '✓', '+', 'wahr']) assert.equal(parseFlag(t), true, t);
    for (const t of ['false', 'No', '0', '', ' ', '-', 'falsch']) assert.equal(parseFlag(t), false, t);
    for (const t of ['maybe', 'nofollow?']) assert.equal(parseFlag(t), null, t);
  });
});

describe('parseLinkType', () => {
  it('reads kinds and rel flags from vendor link-type cells', () => {
    assert.deepEqual(parseLinkType('nofollow'), { kind: 'a', nofollow: true, ugc: false, sponsored: false, httpStatus: null });
    assert.deepEqual(parseLinkType('follow'), { kind: 'a', nofollow: false, ugc: false, sponsored: false, httpStatus: null });
    assert.deepEqual(parseLinkType('ugc, sponsored'), { kind: 'a', nofollow: false, ugc: true, sponsored: true, httpStatus: null });
    assert.deepEqual(parseLinkType('Redirect 301'), { kind: 'redirect', nofollow: false, ugc: false, sponsored: false, httpStatus: 301 });
    assert.equal(parseLinkType('image').kind, 'img');
    assert.equal(parseLinkType('canonical').kind, 'canonical');
    assert.equal(parseLinkType('').kind, 'a');
  });
});

describe('sniffDelimiter', () => {
  it('picks the delimiter of the header line, ignoring quoted text', () => {
    assert.deepEqual(sniffDelimiter('a,b,c\n1;2;3;4;5'), { delimiter: ',', sepLineChars: 0 });
    assert.deepEqual(sniffDelimiter('a\tb,c\tx\n'), { delimiter: '\t', sepLineChars: 0 });
    assert.deepEqual(sniffDelimiter('"a,b";c;d\n'), { delimiter: ';', sepLineChars: 0 });
    assert.deepEqual(sniffDelimiter('single\n'), { delimiter: ',', sepLineChars: 0 });
  });

  it("honours Excel's sep= line", () => {
    assert.deepEqual(sniffDelimiter('sep=;\r\na,b;c\n'), { delimiter: ';', sepLineChars: 7 });
  });
});
