/**
 * The language a person reads: --lang, else CRM_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG),
 * else English. Catalogues are plain JSON files in locales/, one per language, with the same keys
 * and the same {placeholders}; machine output (--json, CSV, ICS, exit codes) is never translated.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import type { IsoDate } from './domain/dates.js';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export type Vars = Record<string, string | number>;
export type Catalogue = Record<string, string>;

export interface Translator {
  lang: Lang;
  /** The text for `key` with {placeholders} filled in as text. */
  t(key: string, vars?: Vars): string;
  /** A date the way the language writes it: "Mon 2026-03-02" / "2026年3月2日 周一". */
  date(iso: IsoDate): string;
  /** A weekday alone: "Mon" / "周一". */
  weekday(iso: IsoDate): string;
}

export function parseLang(value: string, field: string): Lang {
  const v = value.trim().toLowerCase();
  if (v.startsWith('zh')) return 'zh';
  if (v.startsWith('en')) return 'en';
  throw new UsageError(`${field} must be one of ${LANGS.join(', ')} (got ${JSON.stringify(value)})`);
}

export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag) return parseLang(flag, '--lang');
  if (env.CRM_LANG) return parseLang(env.CRM_LANG, 'CRM_LANG');
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function catalogueUrl(lang: Lang): URL {
  return new URL(`../locales/${lang}.json`, import.meta.url);
}

const cache = new Map<Lang, Catalogue>();
export function loadCatalogue(lang: Lang): Catalogue {
  let c = cache.get(lang);
  if (!c) {
    c = JSON.parse(readFileSync(catalogueUrl(lang), 'utf8')) as Catalogue;
    cache.set(lang, c);
  }
  return c;
}

const PLACEHOLDER = /\{(\w+)\}/g;
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

function weekdayIndex(iso: IsoDate): number {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function makeTranslator(lang: Lang, catalogue: Catalogue = loadCatalogue(lang)): Translator {
  const t = (key: string, vars: Vars = {}) => {
    const text = catalogue[key];
    // A missing key shows itself rather than crashing: the catalogue test keeps this from shipping.
    if (text === undefined) return key;
    return text.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
  const weekday = (iso: IsoDate) => t(`weekday.${weekdayIndex(iso)}`);
  const date = (iso: IsoDate) => {
    const [y, m, d] = iso.split('-').map(Number);
    return t('date.full', { year: y, month: m, day: d, iso, weekday: weekday(iso) });
  };
  return { lang, t, date, weekday };
}
