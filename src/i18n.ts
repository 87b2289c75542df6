/**
 * The language a person reads: --lang, else CRM_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG),
 * else English. Texts are written in English in the code, wrapped in t(); locales/<lang>.json maps
 * each English text to the language's (en.json maps it to itself, so both catalogues have the same
 * keys). Machine output (--json, CSV, ICS, rule ids, exit codes) is never translated.
 */
import { readFileSync } from 'node:fs';
import { weekday } from './domain/dates.js';
import { escapeRegExp, splitPlaceholders } from './domain/template.js';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export type Vars = Record<string, string | number>;
export type Catalogue = Record<string, string>;

let lang: Lang = 'en';
let catalogue: Catalogue = {};

/** A language name as people write it: zh, zh-CN, zh_CN.UTF-8, en, en_GB ...; undefined if neither. */
export function langOf(value: string): Lang | undefined {
  const v = value.trim().toLowerCase();
  return v.startsWith('zh') ? 'zh' : v.startsWith('en') ? 'en' : undefined;
}

export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): { lang: Lang; bad?: string } {
  for (const [source, value] of [['--lang', flag], ['CRM_LANG', env.CRM_LANG]] as const) {
    if (value === undefined || value === '') continue;
    const l = langOf(value);
    return l ? { lang: l } : { lang: 'en', bad: `${source} must be one of ${LANGS.join(', ')} (got ${JSON.stringify(value)})` };
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return { lang: langOf(locale) === 'zh' ? 'zh' : 'en' };
}

export function catalogueFile(l: Lang): URL {
  return new URL(`../locales/${l}.json`, import.meta.url);
}

/** Chosen once per run by src/cli.ts, before any text is produced. */
export function setLanguage(l: Lang, c?: Catalogue): void {
  lang = l;
  catalogue = c ?? (l === 'en' ? {} : (JSON.parse(readFileSync(catalogueFile(l), 'utf8')) as Catalogue));
}

export function currentLang(): Lang {
  return lang;
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/**
 * The text in the current language, {placeholders} filled in as text. One English word can need
 * two translations (the complaint step "Review" is 总结, a review decision 审视): such a key
 * carries its context after \u0004, which English output leaves out.
 */
export function t(text: string, vars: Vars = {}): string {
  const parts = compiledText(text);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += (name in vars ? String(vars[name]) : `{${name}}`) + parts[i + 1];
  }
  return out;
}

/**
 * The translated text split once into text (even places) and placeholder names (odd places): an
 * import of 100,000 rows names a row and column in a message-ready text for every cell it reads.
 */
let compiled = new Map<string, string[]>();
let compiledFor: Catalogue | undefined;

function compiledText(text: string): string[] {
  if (compiledFor !== catalogue) [compiled, compiledFor] = [new Map(), catalogue];
  let parts = compiled.get(text);
  if (!parts) compiled.set(text, (parts = splitPlaceholders(catalogue[text] || text.split('\u0004')[0], PLACEHOLDER)));
  return parts;
}

/** The other languages' catalogues, read when a text written in one of them must be recognised. */
const others = new Map<Lang, Catalogue>();

function catalogueOf(l: Lang): Catalogue {
  if (l === lang) return catalogue;
  let c = others.get(l);
  if (!c) others.set(l, (c = l === 'en' ? {} : (JSON.parse(readFileSync(catalogueFile(l), 'utf8')) as Catalogue)));
  return c;
}

/**
 * The values of a text crm wrote with t(key, vars) in any language, stored as text: "from
 * 2026-03-03 to 2026-03-05" and "从 2026-03-03 改到 2026-03-05" both give {from, to}, for saying it
 * again in the language in force. Undefined when the text is not one of them.
 */
export function valuesOf(key: string, text: string): Vars | undefined {
  const forms = new Set([key.split('\u0004')[0], ...LANGS.map((l) => catalogueOf(l)[key]).filter(Boolean)]);
  for (const form of forms) {
    const names: string[] = [];
    const source = form
      .split(/\{(\w+)\}/)
      .map((part, i) => (i % 2 ? (names.push(part), '(.+?)') : escapeRegExp(part)))
      .join('');
    const m = new RegExp(`^${source}$`, 's').exec(text);
    if (m) return Object.fromEntries(names.map((name, i) => [name, m[i + 1]]));
  }
  return undefined;
}

const WEEKDAYS: Record<Lang, string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
};

/** "Mon" / "周一". */
export function tWeekday(iso: string): string {
  return WEEKDAYS[lang][weekday(iso)];
}

/** A date the way the language writes it: "Mon 2026-03-02" / "2026年3月2日 周一". */
export function tDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return lang === 'zh' ? `${y}年${m}月${d}日 ${tWeekday(iso)}` : `${tWeekday(iso)} ${iso}`;
}

/** "03-02" / "3月2日", for short lists. */
export function tShortDate(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return lang === 'zh' ? `${m}月${d}日` : iso.slice(5);
}
