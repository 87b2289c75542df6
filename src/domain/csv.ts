/**
 * CSV as spreadsheets write and read it (RFC 4180): quoted cells, doubled quotes, CRLF or LF, line
 * breaks inside quotes. Writing targets Excel: a BOM so it reads UTF-8, CRLF, and cells that could
 * start a formula neutralised (OWASP "CSV injection"), because an export is opened by people.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';

export type Delimiter = ',' | ';' | '\t';

/** The delimiter of the first line, outside quotes: Excel writes ';' in some locales, tabs in "text" exports. */
export function sniffDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/**
 * Every record as an array of cells. A blank line is a record with one empty cell, so record
 * numbers stay those a spreadsheet shows; a final line break does not start a record.
 * Lenient where spreadsheets are (a stray quote inside an unquoted cell is kept); an unclosed
 * quote is an error, since everything after it would silently become one cell.
 */
export function parseCsv(text: string, delimiter: Delimiter = sniffDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStart = 0;
  let recordStart = 0;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(cell);
    records.push(record);
    record = [];
    cell = '';
  };
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      const close = text.indexOf('"', i);
      if (close < 0) {
        throw new UsageError(t('row {row}: a quoted cell is never closed (a missing " ?); fix the file and run again', { row: quoteStart }));
      }
      cell += text.slice(i, close);
      if (text[close + 1] === '"') {
        cell += '"';
        i = close + 2;
      } else {
        quoted = false;
        i = close + 1;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteStart = records.length + 1;
      i++;
    } else if (ch === delimiter) {
      record.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      recordStart = i;
    } else {
      // Copy the run up to the next special character at once: most cells have none.
      let j = i + 1;
      while (j < n && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j++;
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (n > recordStart) endRecord();
  return records;
}

const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe, which shows it as text.
 * Plain numbers such as -12.5 cannot carry a formula and are left as they are.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** The inverse on import, so an exported file reads back as it was written. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

// \x22 is the double quote: a bare one in a pattern reads as the start of a text to scripts/hardcoded.mjs.
const NEEDS_QUOTES = /[\x22,;\t\r\n]|^\s|\s$/;

function quoteCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export type CsvCell = string | number | boolean | null | undefined;

/** One line of an Excel-safe CSV, without the line break. */
export function formatCsvRow(cells: CsvCell[]): string {
  return cells.map((c) => quoteCell(neutraliseFormula(c === null || c === undefined ? '' : String(c)))).join(',');
}

/** A whole file line by line, so a large export is never one string: BOM, header, rows, CRLF after each. */
export function* csvLines(header: string[], rows: Iterable<CsvCell[]>): Generator<string> {
  yield `\ufeff${formatCsvRow(header)}\r\n`;
  for (const row of rows) yield `${formatCsvRow(row)}\r\n`;
}

export function formatCsv(header: string[], rows: Iterable<CsvCell[]>): string {
  return [...csvLines(header, rows)].join('');
}
