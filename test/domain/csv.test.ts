import { describe, expect, it } from 'vitest';
import { formatCsv, formatCsvRow, neutraliseFormula, parseCsv, restoreFormula, sniffDelimiter } from '../../src/domain/csv.js';
import { UsageError } from '../../src/errors.js';

describe('parseCsv (RFC 4180 and what spreadsheets write)', () => {
  it.each([
    ['plain cells', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['old Mac CR line ends', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted comma', '"1,200",x', [['1,200', 'x']]],
    ['doubled quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['only a doubled quote', '"""",x', [['"', 'x']]],
    ['line breaks inside quotes', '"line 1\nline 2\r\nline 3",x\ny,z', [['line 1\nline 2\r\nline 3', 'x'], ['y', 'z']]],
    ['empty cells', ',,\n', [['', '', '']]],
    ['an empty quoted cell as the last line', 'a\n""', [['a'], ['']]],
    ['a blank line keeps row numbers', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['stray quote inside a cell is kept', 'ab"c,d', [['ab"c', 'd']]],
    ['text after a closing quote is kept', '"ab"c,d', [['abc', 'd']]],
    ['Chinese text and emoji', '姓名,备注\n王芳,"喜欢喝茶, 🍵"\n', [['姓名', '备注'], ['王芳', '喜欢喝茶, 🍵']]],
    ['nothing at all', '', []],
  ])('%s', (_name, text, rows) => {
    expect(parseCsv(text, ',')).toEqual(rows);
  });

  it('refuses an unclosed quote, naming the row where it opened', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n', ',')).toThrow(UsageError);
    expect(() => parseCsv('a,b\n1,"2\n3,4\n', ',')).toThrow(/^row 2: a quoted cell is never closed/);
  });

  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c', ','],
    ['name;amount\n"1,5";2', ';'],
  ] as const)('sniffs the delimiter of %j', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
    expect(parseCsv(text)[0].length).toBeGreaterThan(1);
  });
});

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'],
    ['+1+cmd|\' /C calc\'!A0', "'+1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['+86 138 0013 8000', "'+86 138 0013 8000"],
    ['-12.5', '-12.5'],
    ['+49', '+49'],
    ['1200', '1200'],
    ['王芳', '王芳'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j is written as %j and read back as it was', (cell, written) => {
    expect(neutraliseFormula(cell)).toBe(written);
    expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
  });

  it('leaves an ordinary apostrophe alone on import', () => {
    expect(restoreFormula("'quoted'")).toBe("'quoted'");
    expect(restoreFormula("O'Brien")).toBe("O'Brien");
  });
});

describe('formatCsv', () => {
  it('writes a BOM, CRLF after every line, quotes only what needs it', () => {
    const text = formatCsv(['name', 'note'], [['王芳', 'a, b'], ['Bob "B"', 'line 1\nline 2'], [' padded', null], ['=cmd', 12]]);
    expect(text.startsWith('\ufeffname,note\r\n')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      'name,note', '王芳,"a, b"', '"Bob ""B""","line 1\nline 2"', '" padded",', "'=cmd,12", '',
    ]);
  });

  it('quotes a neutralised tab or CR so the cell survives', () => {
    expect(formatCsvRow(['\tx'])).toBe(`"'\tx"`);
  });

  it('reads back exactly what it wrote', () => {
    const rows = [['a,b', '"q"', 'x\r\ny', '=1+1', '+86 1', '-5', '@me', ' sp ', '王芳 🍵', '']];
    const parsed = parseCsv(formatCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9', 'h10'], rows).slice(1));
    expect(parsed.slice(1).map((r) => r.map(restoreFormula))).toEqual(rows);
  });
});
