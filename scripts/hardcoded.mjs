// Finds user-facing text left outside t(): string literals with words in them, in the files a
// person's output comes from. Used by test/i18n.test.ts; run alone to list them.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { sourceFiles } from './i18n.mjs';

const LITERAL = /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;
const PROSE = /[A-Za-z]{2,}[ ,.:;!?'"()-]+[A-Za-z]{2,}|[\u4e00-\u9fff]/;
// Not for people: SQL, module paths, flags and their value names, formats, regular expressions.
const MACHINE = /^(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|PRAGMA|BEGIN|ON CONFLICT|DROP)\b|^\.{0,2}\/|^--?[a-z]|^<[^>]+>$|^[a-z0-9-]+$/;

function isWrapped(src, index) {
  const before = src.slice(Math.max(0, index - 40), index);
  if (/(?<![\w.])t\(\s*$/.test(before)) return true;
  // `// i18n-ignore: why` on the line before, or a block between i18n-ignore-start and -end.
  if (/\/\/ i18n-ignore[^\n]*\n[^\n]*$/.test(src.slice(Math.max(0, index - 300), index))) return true;
  const upTo = src.slice(0, index);
  return upTo.lastIndexOf('// i18n-ignore-start') > upTo.lastIndexOf('// i18n-ignore-end');
}

// Data, not interface: the store's SQL, festival names (both languages already), the demo's sample
// customers, and the language machinery itself.
const SKIP = /\/store\/|\/domain\/calendar\.ts$|\/commands\/demo-data\.ts$|\/i18n\.ts$/;

export function hardcoded(files = sourceFiles().filter((f) => !SKIP.test(f))) {
  const hits = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    // Comments and import lines carry no output.
    const code = src.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, p) => p + ' '.repeat(m.length - p.length));
    for (const m of code.matchAll(LITERAL)) {
      const text = m[0].slice(1, -1);
      const line = code.slice(0, m.index).split('\n').length;
      const lineText = code.split('\n')[line - 1];
      if (/^\s*(import|export \* from|} from)/.test(lineText) || / from '[^']*'\s*;?\s*$/.test(lineText) && text.endsWith('.js')) continue;
      if (!PROSE.test(text.replace(/\$\{[^}]*\}/g, ' ')) || MACHINE.test(text.trim())) continue;
      if (/\bnew RegExp\(|\.test\(|\.match\(|\.replace\(/.test(lineText) && /\\[dswb]/.test(text)) continue;
      if (isWrapped(src, m.index)) continue;
      hits.push(`${relative(process.cwd(), f)}:${line}: ${m[0].slice(0, 80)}`);
    }
  }
  return hits;
}

if (process.argv[1] && process.argv[1].endsWith('hardcoded.mjs')) {
  const hits = hardcoded();
  for (const h of hits) console.log(h);
  console.log(`${hits.length} texts outside t()`);
}
