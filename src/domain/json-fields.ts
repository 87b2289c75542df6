/**
 * Checking the fields of a JSON document record by record, for `crm import` of a JSON export: each
 * reader takes the value and the field's path ("sales[2].amount") and returns the value or throws
 * the one-line UsageError that names the path and the accepted form.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { isValidIsoDate } from './dates.js';
import type { RowError } from './import-row.js';
import { parseText } from './parse.js';

export type Read<T> = (v: unknown, f: string) => T;
export type Getter = <V>(key: string, parse: Read<V>) => V;
export type Fields = Record<string, unknown>;

export function fail(field: string, form: string, got: unknown): never {
  throw new UsageError(t('{field} must be {form} (got {got})', { field, form, got: JSON.stringify(got) ?? t('nothing') }));
}

const isWhole = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;

export const text: Read<string> = (v, f) => (typeof v === 'string' ? parseText(v, f) : fail(f, t('text'), v));
export const line: Read<string> = (v, f) => (typeof v === 'string' && v.trim() ? parseText(v, f, { multiline: false }) : fail(f, t('one line of text'), v));
export const date: Read<string> = (v, f) => (typeof v === 'string' && isValidIsoDate(v) ? v : fail(f, t('a date like 2026-03-02'), v));
export const bool: Read<boolean> = (v, f) => (typeof v === 'boolean' ? v : fail(f, t('true or false'), v));
export const id: Read<number> = (v, f) => (isWhole(v, 1) ? v : fail(f, t('a whole number id like 12'), v));
export const count: Read<number> = (v, f) => (isWhole(v, 1) ? v : fail(f, t('a whole number like 1, 3 or 12'), v));
export const countFromZero: Read<number> = (v, f) => (isWhole(v, 0) ? v : fail(f, t('a whole number like 0, 3 or 12'), v));

export const cents: Read<number> = (v, f) => {
  const c = typeof v === 'number' ? Math.round(v * 100) : NaN;
  return Number.isSafeInteger(c) && Math.abs(c / 100 - (v as number)) < 1e-9 ? c : fail(f, t('an amount like 1200 or 1200.5'), v);
};

export const nullable = <T>(read: Read<T>): Read<T | null> => (v, f) => (v === null || v === undefined ? null : read(v, f));

export const oneOf = <T extends string>(choices: readonly T[]): Read<T> => (v, f) =>
  typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : fail(f, t('one of {choices}', { choices: choices.join(', ') }), v);

/** Where each record section() returned stood in its list: records with errors are left out, and messages name the file's place. */
const positions = new WeakMap<object, number>();

export const positionOf = (record: object, fallback: number): number => positions.get(record) ?? fallback;

/** Reads one section; `read` gets a getter that records each field's error and carries on. */
export function section<T>(doc: Fields, name: string, errors: RowError[], read: (get: Getter, index: number) => T): T[] {
  const list = doc[name];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    errors.push({ row: 0, column: name, value: JSON.stringify(list), message: t('{field} must be a list [...] (got {got})', { field: name, got: typeof list }) });
    return [];
  }
  const out: T[] = [];
  list.forEach((item: unknown, i) => {
    const at = `${name}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row: i + 1, column: at, value: JSON.stringify(item), message: t('{field} must be an object {...}', { field: at }) });
      return;
    }
    const before = errors.length;
    const get: Getter = (key, parse) => {
      const v = (item as Fields)[key];
      try {
        return parse(v, `${at}.${key}`);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        errors.push({ row: i + 1, column: `${at}.${key}`, value: JSON.stringify(v) ?? '', message: e.message });
        return undefined as never;
      }
    };
    const value = read(get, i);
    if (errors.length > before) return;
    out.push(value);
    if (typeof value === 'object' && value !== null) positions.set(value, i);
  });
  return out;
}
