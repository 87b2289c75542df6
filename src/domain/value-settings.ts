/**
 * The thresholds of the classification as settings: each has a default (fixed, or derived from the
 * customer base itself) and can be set with `crm classify --set key=value`. Money is in cents.
 */
import { UsageError } from '../errors.js';
import { t, type Vars } from '../i18n.js';
import { parseAmount } from './parse.js';

/**
 * Writes a text: t() in the reader's language, or english() for --json, which reads the same in
 * every language. Functions whose words also go into --json take it as their parameter `t`.
 */
export type Say = (text: string, vars?: Vars) => string;

export const english: Say = (text, vars = {}) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** The default of such a parameter (a parameter named t cannot default to the imported t). */
export const inReadersLanguage: Say = t;

export type SettingKind = 'money' | 'percent' | 'number' | 'whole';

export interface SettingSpec {
  kind: SettingKind;
  /** A fixed default; the others are derived from the customer base (see value.ts). */
  fixed?: number;
}

export const VALUE_SETTINGS = {
  'gold-profit': { kind: 'money' },
  'burden-margin': { kind: 'percent' },
  'loyal-repeats': { kind: 'number', fixed: 1 },
  'lapse-days': { kind: 'whole', fixed: 365 },
  'new-days': { kind: 'whole', fixed: 90 },
  margin: { kind: 'percent', fixed: 25 },
  'type1-volume': { kind: 'money', fixed: 8_000_000 },
  'type3-volume': { kind: 'money', fixed: 3_000_000 },
  'volume-months': { kind: 'whole', fixed: 3 },
} satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof VALUE_SETTINGS;
export const SETTING_KEYS = Object.keys(VALUE_SETTINGS) as SettingKey[];
export type ValueSettings = Partial<Record<SettingKey, number>>;

/** What each setting means, and how a derived one is found; a function, as the language is chosen at run time. */
export function settingTexts(t: Say = inReadersLanguage): Record<SettingKey, { help: string; derived?: string }> {
  return {
    'gold-profit': {
      derived: t('the median profit per deal of the customers who bought'),
      help: t('profit per deal from which a loyal customer is gold rather than stream'),
    },
    'burden-margin': {
      derived: t('a quarter of the median margin, never under 0%'),
      help: t('at or under this margin a customer buys only at rock-bottom prices: burden'),
    },
    'loyal-repeats': { help: t('repeat purchases a year from which a customer is loyal') },
    'lapse-days': { help: t('days without a purchase after which a customer is not loyal any more') },
    'new-days': { help: t('a customer whose first purchase is more recent is new, not yet tiered') },
    margin: { help: t('profit assumed for a sale recorded without --cost') },
    'type1-volume': { help: t("a dealer's monthly volume of our line from which they are type 1: let go") },
    'type3-volume': { help: t('under this a dealer is type 3 (give up unless capable); in between type 2: persist') },
    'volume-months': { help: t('the monthly volume is averaged over this many recent months') },
  };
}

function badValue(kind: SettingKind, key: string, got: string): UsageError {
  const vars = { key, got: JSON.stringify(got) };
  switch (kind) {
    case 'money':
      return new UsageError(t('--set {key} must be an amount like 500 or 499.50 (got {got})', vars));
    case 'percent':
      return new UsageError(t('--set {key} must be a percentage like 25 or 7.5% (got {got})', vars));
    case 'number':
      return new UsageError(t('--set {key} must be a number like 1 or 0.5 (got {got})', vars));
    case 'whole':
      return new UsageError(t('--set {key} must be a whole number like 90 (got {got})', vars));
  }
}

/**
 * One `--set key=value`: the key, and its value in storage units, or null for "back to the
 * default" (an empty value).
 */
export function parseSetting(input: string): { key: SettingKey; value: number | null } {
  const m = /^\s*([a-z0-9-]+)\s*=(.*)$/.exec(input);
  const key = m?.[1] as SettingKey | undefined;
  if (!m || !key || !(key in VALUE_SETTINGS)) {
    throw new UsageError(t('--set must be KEY=VALUE with KEY one of {keys} (got {got})', { keys: SETTING_KEYS.join(', '), got: JSON.stringify(input) }));
  }
  const raw = m[2].trim();
  if (raw === '') return { key, value: null };
  const spec: SettingSpec = VALUE_SETTINGS[key];
  if (spec.kind === 'money') {
    try {
      return { key, value: parseAmount(raw, `--set ${key}`) };
    } catch {
      throw badValue(spec.kind, key, raw);
    }
  }
  const n = Number(spec.kind === 'percent' ? raw.replace(/%$/, '') : raw);
  if (!/^\d+(\.\d+)?%?$/.test(raw) || !Number.isFinite(n)) throw badValue(spec.kind, key, raw);
  if (spec.kind === 'whole' && (!Number.isInteger(n) || n < 1)) throw badValue(spec.kind, key, raw);
  if (spec.kind === 'percent' && n > 100) throw badValue(spec.kind, key, raw);
  return { key, value: n };
}

/** Settings that contradict each other, as one line naming both; undefined when they fit. */
export function settingsConflict(s: Required<Pick<ValueSettings, 'type1-volume' | 'type3-volume'>>): string | undefined {
  if (s['type3-volume'] > s['type1-volume']) {
    return t('type3-volume ({low}) must not be above type1-volume ({high}); change one of them', { low: s['type3-volume'] / 100, high: s['type1-volume'] / 100 });
  }
  return undefined;
}

/** Amounts read 1,200.5 in both languages. */
// One formatter: toLocaleString builds a new one on every call, which classifying a large
// import paid for tens of thousands of times.
// i18n-ignore: the number format, not a language: amounts read 1,200 in English and Chinese alike
const UNITS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function units(cents: number): string {
  return UNITS.format(cents / 100);
}

/** A setting's value as people read it: 1,200 / 25% / 90. */
export function showSetting(key: SettingKey, value: number | null): string {
  if (value === null) return t('n/a');
  const kind: SettingKind = VALUE_SETTINGS[key].kind;
  if (kind === 'money') return units(value);
  if (kind === 'percent') return `${Number(value.toFixed(1))}%`;
  return String(value);
}
