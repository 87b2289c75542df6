#!/usr/bin/env node
// The message catalogues from the code: every text wrapped in t('...') is a key. Writes
// locales/en.json (each text to itself), and keeps locales/zh.json in step: new texts are added
// empty (the catalogue test fails until they are translated), texts no longer used are dropped.
// Usage: node scripts/i18n.mjs [--check]
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// A backtick text may hold `$ crm ...` examples, but no ${} (keys must be literal).
const CALL = /(?<![\w.])t\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|\$(?!\{)|[^`\\$])*)`)/g;

export function sourceFiles(dir = join(root, 'src')) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function unescape(s) {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_, c) =>
    c[0] === 'u' && c.length > 1 ? String.fromCodePoint(parseInt(c.replace(/[u{}]/g, ''), 16)) : ({ n: '\n', t: '\t' }[c] ?? c));
}

export function extractKeys(files = sourceFiles()) {
  const keys = new Set();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(CALL)) keys.add(unescape(m[1] ?? m[2] ?? m[3]));
  return [...keys].sort();
}

if (process.argv[1] && process.argv[1].endsWith('i18n.mjs')) {
  const keys = extractKeys();
  const en = Object.fromEntries(keys.map((k) => [k, k.split('\u0004')[0]]));
  const zhPath = join(root, 'locales', 'zh.json');
  const zhOld = JSON.parse(readFileSync(zhPath, 'utf8'));
  const zh = Object.fromEntries(keys.map((k) => [k, zhOld[k] ?? '']));
  const missing = keys.filter((k) => !zh[k]);
  const stale = Object.keys(zhOld).filter((k) => !(k in en));
  if (process.argv.includes('--check')) {
    console.log(`${keys.length} texts; ${missing.length} without Chinese; ${stale.length} stale`);
    for (const k of missing) console.log(`  missing: ${JSON.stringify(k)}`);
    process.exit(missing.length || stale.length ? 1 : 0);
  }
  writeFileSync(join(root, 'locales', 'en.json'), JSON.stringify(en, null, 2) + '\n');
  writeFileSync(zhPath, JSON.stringify(zh, null, 2) + '\n');
  console.log(`${keys.length} texts; ${missing.length} need Chinese in locales/zh.json; ${stale.length} stale dropped`);
}
