/** The catalogues: complete in both languages, and no text for people left outside t(). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain JavaScript tools shared with the command line
import { extractKeys } from '../scripts/i18n.mjs';
// @ts-expect-error plain JavaScript tools shared with the command line
import { hardcoded } from '../scripts/hardcoded.mjs';
import { placeholdersOf } from '../src/i18n.js';

const load = (lang: string) => JSON.parse(readFileSync(new URL(`../locales/${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;

describe('message catalogues', () => {
  const keys: string[] = extractKeys();
  const en = load('en');
  const zh = load('zh');

  it('have exactly the texts the code uses (run node scripts/i18n.mjs after changing texts)', () => {
    expect(Object.keys(en).sort()).toEqual(keys);
    expect(Object.keys(zh).sort()).toEqual(keys);
  });

  it('translate every text into Chinese, keeping its placeholders', () => {
    const bad = keys.filter((k) => !zh[k] || placeholdersOf(zh[k]).join() !== placeholdersOf(k).join() || en[k] !== k.split('\u0004')[0]);
    expect(bad).toEqual([]);
  });

  it('leave no text for people hard-coded outside t() (node scripts/hardcoded.mjs lists them)', () => {
    expect(hardcoded()).toEqual([]);
  });
});
