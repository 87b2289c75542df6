/**
 * Reading a crm JSON export a line at a time. crm export writes one record a line, so a large
 * export can be parsed record by record from its bytes instead of as one string: the 381 MB export
 * of a 100,000-customer database is 711 MB of text on the heap (two bytes a character once it holds
 * Chinese) before JSON.parse starts, and the restore ran out of memory where the export had not.
 *
 * The result is exactly what JSON.parse of the whole text gives. A file laid out any other way
 * (re-indented, hand-edited, not UTF-8, even invalid) gives undefined, and the caller parses the
 * whole text, which also reports what is wrong with it.
 */

import { BOM, startsWith } from './decode.js';

/** `"key": [` opens a section of records, one a line; `"key": value` is a value on one line. */
const ENTRY = /^ {2}("(?:[^"\\]|\\.)*"): (.*)$/;
const RECORD = /^ {4}(\S.*)$/;
const CLOSE = /^ {2}\](,?)$/;

/** One value of a JSON text, and whether a comma followed it on its line. */
function value(text: string): { value: unknown; comma: boolean } {
  const comma = text.endsWith(',');
  return { value: JSON.parse(comma ? text.slice(0, -1) : text), comma };
}

/** As JSON.parse sets a key: an own property, even one named __proto__. */
function set(target: Record<string, unknown>, key: string, v: unknown): void {
  Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
}

export function parseExportLines(bytes: Buffer): Record<string, unknown> | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const doc: Record<string, unknown> = {};
  let state: 'start' | 'top' | 'list' | 'end' = 'start';
  let list: unknown[] = [];
  // Whether the entry before ended with a comma: required before another, refused before a close.
  let comma = false;
  let first = true;
  let at = startsWith(bytes, BOM.utf8) ? BOM.utf8.length : 0;
  // Not "{" on a line of its own: not this layout, and no need to decode anything (a one-line file
  // would otherwise be decoded whole here and again by the caller).
  if (bytes[at] !== 0x7b || (bytes[at + 1] !== 0x0a && !(bytes[at + 1] === 0x0d && bytes[at + 2] === 0x0a))) return undefined;
  try {
    while (at < bytes.length) {
      let end = bytes.indexOf(0x0a, at);
      if (end < 0) end = bytes.length;
      let line = decoder.decode(bytes.subarray(at, end));
      at = end + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (state === 'start') {
        if (line !== '{') return undefined;
        state = 'top';
      } else if (state === 'top') {
        if (line === '}') {
          if (comma) return undefined;
          state = 'end';
          continue;
        }
        const m = ENTRY.exec(line);
        if (!m || (!first && !comma)) return undefined;
        first = false;
        const key = JSON.parse(m[1]) as string;
        if (m[2] === '[') {
          set(doc, key, (list = []));
          state = 'list';
          comma = false;
        } else {
          const v = value(m[2]);
          set(doc, key, v.value);
          comma = v.comma;
        }
      } else if (state === 'list') {
        const close = CLOSE.exec(line);
        if (close) {
          if (comma) return undefined;
          comma = close[1] === ',';
          state = 'top';
          continue;
        }
        const m = RECORD.exec(line);
        if (!m || (list.length && !comma)) return undefined;
        const v = value(m[1]);
        list.push(v.value);
        comma = v.comma;
      } else if (line.trim() !== '') {
        return undefined;
      }
    }
  } catch {
    return undefined;
  }
  return state === 'end' ? doc : undefined;
}
