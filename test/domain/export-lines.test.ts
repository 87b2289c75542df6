import { describe, expect, it } from 'vitest';
import { parseExportLines } from '../../src/domain/export-lines.js';

// Laid out as crm export writes it: a record a line, sections opened and closed on lines of their own.
const EXPORT = [
  '{',
  '  "version": 1,',
  '  "databaseId": "6b257f54-8144",',
  '  "customers": [',
  '    {"id":1,"name":"王芳","notes":"line one\\nline two, with a comma,","tags":["vip"]},',
  '    {"id":2,"name":"Bob \\"Bobby\\" Li","company":null}',
  '  ],',
  '  "sales": [',
  '  ],',
  '  "contacts": [],',
  '  "reminders": [',
  '    {"id":7,"vars":{"festival":"春节"}}',
  '  ],',
  '  "settings": {"classify.margin":"30"}',
  '}',
  '',
].join('\n');

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('reading a crm export a line at a time', () => {
  it.each([
    ['as crm export writes it', EXPORT],
    ['with a BOM', `\ufeff${EXPORT}`],
    ['with CRLF line ends', EXPORT.replaceAll('\n', '\r\n')],
    ['without the last newline', EXPORT.trimEnd()],
  ])('gives what JSON.parse gives, %s', (_, text) => {
    expect(parseExportLines(bytes(text))).toEqual(JSON.parse(text.replace(/^\ufeff/, '')));
  });

  it('keeps a key named __proto__ as data, as JSON.parse does', () => {
    const text = '{\n  "__proto__": {"polluted": true},\n  "version": 1\n}\n';
    const doc = parseExportLines(bytes(text))!;
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['__proto__', 'version']);
    expect(doc).toEqual(JSON.parse(text));
  });

  // Undefined: the caller parses the whole text instead, which reads any valid JSON and reports
  // what is wrong with an invalid file.
  const lines = EXPORT.split('\n');
  it.each([
    ['re-indented by another program', JSON.stringify(JSON.parse(EXPORT), null, 2)],
    ['on one line', JSON.stringify(JSON.parse(EXPORT))],
    ['a record split over two lines', EXPORT.replace('"tags":["vip"]},', '"tags":[\n"vip"]},')],
    ['a missing comma between records', EXPORT.replace('["vip"]},', '["vip"]}')],
    ['a comma after the last record', EXPORT.replace('"company":null}', '"company":null},')],
    ['a missing comma between sections', EXPORT.replace('  "contacts": [],', '  "contacts": []')],
    ['a comma after the last section', EXPORT.replace('"30"}\n}', '"30"},\n}')],
    ['cut off in the middle', EXPORT.slice(0, EXPORT.indexOf('"sales"'))],
    ['a broken record', EXPORT.replace('{"id":7,', '{"id":7')],
    ['text after the end', `${EXPORT}{}\n`],
    ['no opening brace', lines.slice(1).join('\n')],
    ['a list, not a document', '[\n  {"name": "王芳"}\n]\n'],
    ['empty', ''],
  ])('gives undefined for a file %s', (_, text) => {
    expect(parseExportLines(bytes(text))).toBeUndefined();
  });

  it('gives undefined for bytes that are not UTF-8 (GB18030 from Excel)', () => {
    const gbk = Buffer.from([...bytes('{\n  "name": "'), 0xcd, 0xf5, 0xb7, 0xbc, ...bytes('"\n}\n')]);
    expect(parseExportLines(gbk)).toBeUndefined();
  });
});
