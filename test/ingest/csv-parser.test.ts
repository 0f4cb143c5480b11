import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvParser } from '../../src/ingest/import/csv-parser.js';
import type { CsvIssue, CsvRecord } from '../../src/ingest/import/csv-parser.js';

/** Parse `text` fed in pieces of `step` characters (Infinity: all at once). */
function parse(text: string, options: { delimiter?: string; maxRecordChars?: number; step?: number } = {}): { records: CsvRecord[]; issues: CsvIssue[] } {
  const parser = new CsvParser(options);
  const records: CsvRecord[] = [];
  const issues: CsvIssue[] = [];
  const step = options.step ?? Infinity;
  for (let i = 0; i < text.length; i += step) parser.push(text.slice(i, i + step), records, issues);
  parser.end(records, issues);
  return { records, issues };
}

const rows = (text: string, options = {}): string[][] => parse(text, options).records.map((r) => r.fields);

describe('CsvParser', () => {
  it('reads plain records with LF, CRLF and lone CR line ends', () => {
    assert.deepEqual(rows('a,b\n1,2\r\n3,4\r5,6'), [['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
  });

  it('keeps delimiters, escaped quotes and line breaks inside quoted fields, and the start line of each record', () => {
    const text = 'h1,h2,h3\n"a,b","say ""hi""","line one\r\nline two"\nx,"",z\n';
    const { records } = parse(text);
    assert.deepEqual(records.map((r) => r.fields), [['h1', 'h2', 'h3'], ['a,b', 'say "hi"', 'line one\r\nline two'], ['x', '', 'z']]);
    assert.deepEqual(records.map((r) => r.line), [1, 2, 4]);
  });

  it('gives the same records whatever the chunking, including a split \\r\\n and a split "" escape', () => {
    const text = 'a;b;c\r\n"q""uoted";"multi\r\nline";3\r\n;;\r\n"last"";";x;"y"\r\n';
    const whole = parse(text, { delimiter: ';' });
    for (const step of [1, 2, 3, 5, 7]) assert.deepEqual(parse(text, { delimiter: ';', step }), whole, `step ${step}`);
    assert.deepEqual(whole.records.map((r) => r.fields), [['a', 'b', 'c'], ['q"uoted', 'multi\r\nline', '3'], ['', '', ''], ['last";', 'x', 'y']]);
    assert.deepEqual(whole.records.map((r) => r.line), [1, 2, 4, 5]);
  });

  it('reads tab-separated text and keeps an empty last field after a trailing delimiter', () => {
    assert.deepEqual(rows('a\tb\t\n1\t\t3', { delimiter: '\t' }), [['a', 'b', ''], ['1', '', '3']]);
  });

  it('skips blank lines but counts them', () => {
    const { records } = parse('a\n\n\r\nb\n');
    assert.deepEqual(records.map((r) => [r.fields[0], r.line]), [['a', 1], ['b', 4]]);
  });

  it('is lenient with text after a closing quote and with quotes inside unquoted fields', () => {
    assert.deepEqual(rows('"a"b,c"d\n'), [['ab', 'c"d']]);
  });

  it('reports a quote that never closes at its line and goes on with the next line', () => {
    const { records, issues } = parse('h1,h2\nok,1\n"broken,2\nnext,3\n', { step: 4 });
    assert.deepEqual(issues, [{ line: 3, message: 'quoted field is never closed' }]);
    assert.deepEqual(records.map((r) => [r.fields, r.line]), [[['h1', 'h2'], 1], [['ok', '1'], 2], [['next', '3'], 4]]);
  });

  it('gives up on a record longer than maxRecordChars while it streams, so memory stays bounded', () => {
    const long = '"' + 'x'.repeat(5000) + '\nstill,open\n' + 'y'.repeat(5000);
    const { records, issues } = parse(`a,b\n${long}\nlater,row\n"`, { maxRecordChars: 1000, step: 100 });
    assert.equal(issues[0]!.line, 2);
    assert.match(issues[0]!.message, /longer than 1000 characters/);
    // Parsing restarted on line 3; the rest is read as ordinary lines.
    assert.deepEqual(records[0]!.fields, ['a', 'b']);
    assert.ok(records.some((r) => r.fields[0] === 'still' && r.line === 3));
    assert.ok(records.some((r) => r.fields[0] === 'later'));
  });

  it('rejects a delimiter that cannot work', () => {
    assert.throws(() => new CsvParser({ delimiter: '"' }), RangeError);
    assert.throws(() => new CsvParser({ delimiter: ',,' }), RangeError);
  });
});
