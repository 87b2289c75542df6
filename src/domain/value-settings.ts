/**
 * The thresholds of the classification as settings: each has a default (fixed, or derived from the
 * customer base itself) and can be set with `crm classify --set key=value`. Money is in cents.
 */
import { UsageError } from '../errors.js';
import { parseAmount } from './parse.js';

export type SettingKind = 'money' | 'percent' | 'number' | 'whole';

export interface SettingSpec {
  kind: SettingKind;
  /** A fixed default; derived ones have none (see value.ts). */
  fixed?: number;
  derived?: string;
  help: string;
}

export const VALUE_SETTINGS = {
  'gold-profit': {
    kind: 'money',
    derived: 'the median profit per deal of the customers who bought',
    help: 'profit per deal from which a loyal customer is gold rather than stream',
  },
  'burden-margin': {
    kind: 'percent',
    derived: 'a quarter of the median margin, never under 0%',
    help: 'at or under this margin a customer buys only at rock-bottom prices: burden',
  },
  'loyal-repeats': { kind: 'number', fixed: 1, help: 'repeat purchases a year from which a customer is loyal' },
  'lapse-days': { kind: 'whole', fixed: 365, help: 'days without a purchase after which a customer is not loyal any more' },
  'new-days': { kind: 'whole', fixed: 90, help: 'a customer whose first purchase is more recent is new, not yet tiered' },
  margin: { kind: 'percent', fixed: 25, help: 'profit assumed for a sale recorded without --cost' },
  'type1-volume': { kind: 'money', fixed: 8_000_000, help: "a dealer's monthly volume of our line from which they are type 1: let go" },
  'type3-volume': { kind: 'money', fixed: 3_000_000, help: 'under this a dealer is type 3 (give up unless capable); in between type 2: persist' },
  'volume-months': { kind: 'whole', fixed: 3, help: 'the monthly volume is averaged over this many recent months' },
} satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof VALUE_SETTINGS;
export const SETTING_KEYS = Object.keys(VALUE_SETTINGS) as SettingKey[];
export type ValueSettings = Partial<Record<SettingKey, number>>;

const FORMS: Record<SettingKind, string> = {
  money: 'an amount like 500 or 499.50',
  percent: 'a percentage like 25 or 7.5%',
  number: 'a number like 1 or 0.5',
  whole: 'a whole number like 90',
};

/**
 * One `--set key=value`: the key, and its value in storage units, or null for "back to the
 * default" (an empty value).
 */
export function parseSetting(input: string): { key: SettingKey; value: number | null } {
  const m = /^\s*([a-z0-9-]+)\s*=(.*)$/.exec(input);
  const key = m?.[1] as SettingKey | undefined;
  if (!m || !key || !(key in VALUE_SETTINGS)) {
    throw new UsageError(`--set must be KEY=VALUE with KEY one of ${SETTING_KEYS.join(', ')} (got ${JSON.stringify(input)})`);
  }
  const raw = m[2].trim();
  if (raw === '') return { key, value: null };
  const spec: SettingSpec = VALUE_SETTINGS[key];
  const bad = () => new UsageError(`--set ${key} must be ${FORMS[spec.kind]} (got ${JSON.stringify(raw)})`);
  if (spec.kind === 'money') {
    try {
      return { key, value: parseAmount(raw, `--set ${key}`) };
    } catch {
      throw bad();
    }
  }
  const n = Number(spec.kind === 'percent' ? raw.replace(/%$/, '') : raw);
  if (!/^\d+(\.\d+)?%?$/.test(raw) || !Number.isFinite(n)) throw bad();
  if (spec.kind === 'whole' && (!Number.isInteger(n) || n < 1)) throw bad();
  if (spec.kind === 'percent' && n > 100) throw bad();
  return { key, value: n };
}

/** Settings that contradict each other, as one line naming both; undefined when they fit. */
export function settingsConflict(s: Required<Pick<ValueSettings, 'type1-volume' | 'type3-volume'>>): string | undefined {
  if (s['type3-volume'] > s['type1-volume']) {
    return `type3-volume (${s['type3-volume'] / 100}) must not be above type1-volume (${s['type1-volume'] / 100}); change one of them`;
  }
  return undefined;
}

/** A setting's value as people read it: 1,200 / 25% / 90. */
export function showSetting(key: SettingKey, value: number | null): string {
  if (value === null) return 'n/a';
  const kind: SettingKind = VALUE_SETTINGS[key].kind;
  if (kind === 'money') return (value / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (kind === 'percent') return `${Number(value.toFixed(1))}%`;
  return String(value);
}
