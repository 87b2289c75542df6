/**
 * Reading the file `crm import` was given: its bytes decoded (UTF-8, UTF-16, GB18030), then either
 * a sheet (CSV, or a JSON list of rows with the same column names) or a crm JSON export.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { parseCsv } from '../domain/csv.js';
import { BOM, decodeText, startsWith } from '../domain/decode.js';
import { parseExportLines } from '../domain/export-lines.js';
import { sheetPlace } from '../domain/import-row.js';
import { t } from '../i18n.js';

export type Source =
  | { kind: 'rows'; header: string[]; records: string[][]; firstRow: number; encoding: string; size: number }
  | { kind: 'document'; doc: unknown; encoding: string; size: number };

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(t('{file}: no such file; check the path', { file }));
    if (code === 'EISDIR') throw new UsageError(t('{file} is a directory; give a .csv or .json file', { file }));
    if (code === 'ERR_FS_FILE_TOO_LARGE') tooLarge(file, new RangeError(code));
    throw new UsageError(t('cannot read {file}: {reason}', { file, reason: (e as Error).message }));
  }
}

function cellText(v: unknown, row: number, key: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  // Tags and special days as lists: ';' separates both when the cell is read.
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(';');
  throw new UsageError(t('{field} must be text, a number, true/false or a list of text (got {got})', { field: sheetPlace(row, key), got: JSON.stringify(v) }));
}

/** A JSON list of objects read as a sheet: the keys seen are the header, in first-seen order. */
function jsonRows(list: unknown[], encoding: string): Source {
  const header: string[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new UsageError(t('{row} must be an object like {"name": "王芳", "phone": "..."} (got {got})', { row: sheetPlace(i + 1), got: JSON.stringify(item) }));
    }
    for (const k of Object.keys(item)) if (!seen.has(k)) seen.add(k) && header.push(k);
  });
  const records = list.map((item, i) => header.map((k) => cellText((item as Record<string, unknown>)[k], i + 1, k)));
  return { kind: 'rows', header, records, firstRow: 1, encoding, size: records.length };
}

function tooLarge(file: string, e: unknown): never {
  if (!(e instanceof RangeError)) throw e;
  throw new UsageError(t('{file} is too large to read at once; split it into smaller files (a whole database is copied with crm backup)', { file }));
}

/** A crm export as the parsed document, with its size: every record of every section, as crm export counted them. */
function documentSource(doc: object, encoding: string): Source {
  const size = Object.values(doc).filter(Array.isArray).reduce((n, list) => n + list.length, 0);
  return { kind: 'document', doc, encoding, size };
}

/** A workbook (.xlsx, .ods: a zip; .xls: an OLE file) or other binary file is refused for what it is. */
function refuseBinary(file: string, bytes: Buffer, forcedEncoding?: string): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new UsageError(t('{file} is a spreadsheet workbook, not a sheet of text: save it from Excel or WPS as "CSV UTF-8" and import that file', { file }));
  }
  const utf16 = startsWith(bytes, BOM.utf16le) || startsWith(bytes, BOM.utf16be);
  // UTF-16 holds NUL bytes: with a BOM, or named with --encoding.
  if (!utf16 && !forcedEncoding && bytes.subarray(0, 4096).includes(0)) {
    throw new UsageError(t('{file} is not a text file; crm imports CSV sheets and JSON files', { file }));
  }
}

/** Names that say "a sheet of text", whatever its first character. */
const SHEET_EXTENSIONS = ['.csv', '.tsv', '.txt'];

export function readSource(file: string, forcedEncoding?: string): Source {
  const bytes = readBytes(file);
  refuseBinary(file, bytes, forcedEncoding);
  const ext = extname(file).toLowerCase();
  const sheet = SHEET_EXTENSIONS.includes(ext);
  // A crm export is read a record a line, never as one string (export-lines.ts); any other JSON whole.
  if (!forcedEncoding && !sheet) {
    const doc = parseExportLines(bytes);
    if (doc) return documentSource(doc, 'utf-8');
  }
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes, forcedEncoding);
  } catch (e) {
    tooLarge(file, e);
  }
  const { text, encoding } = decoded;
  const looksJson = ext === '.json' || (!sheet && /^\s*[[{]/.test(text));
  if (looksJson) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      if (!(e instanceof SyntaxError)) tooLarge(file, e);
      throw new UsageError(t('{file} is not valid JSON ({reason}); fix it, or save the sheet as CSV', { file, reason: (e as Error).message }));
    }
    if (Array.isArray(doc)) return jsonRows(doc, encoding);
    if (typeof doc !== 'object' || doc === null) return { kind: 'document', doc, encoding, size: 0 };
    return documentSource(doc, encoding);
  }
  const records = parseCsv(text);
  // Blank rows above the header carry nothing: the header is the first row with a cell in it.
  const at = records.findIndex((r) => r.some((h) => h.trim() !== ''));
  if (at < 0) throw new UsageError(t('{file} is empty; a sheet needs a header row like name,phone,product,amount,date', { file }));
  // Rows keep the numbers the spreadsheet shows: the header is row at + 1.
  return { kind: 'rows', header: records[at], records: records.slice(at + 1), firstRow: at + 2, encoding, size: records.length - at - 1 };
}
