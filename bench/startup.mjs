#!/usr/bin/env node
/**
 * Where `crm today` spends its start-up: the import cost of each dependency and of crm's own layers
 * (each alone, in a fresh process), the modules it loads, and start-up versus work in-process.
 *   node bench/startup.mjs [--db bench/out/100k.db]   (run `npm run build` first)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/fingerprint.mjs';
import { median } from './lib/measure.mjs';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'bench/out/10k.db' }, runs: { type: 'string', default: '9' } } });
const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
const TARGETS = [
  ['commander', 'commander'], ['chalk', 'chalk'], ['better-sqlite3', 'better-sqlite3'], ['cli-table3', 'cli-table3'],
  ['lunar calendar (not on the today path)', dist('domain/calendar.js')],
  ['dist/domain/dates.js', dist('domain/dates.js')], ['dist/store/index.js', dist('store/index.js')],
  ['dist/commands/today.js', dist('commands/today.js')], ['dist/commands/index.js (every command)', dist('commands/index.js')],
  ['dist/cli.js (all of crm)', dist('cli.js')],
];

const importMs = (spec) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/lib/import-one.mjs'), spec], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`importing ${spec} failed: ${r.stderr}`);
  return Number(r.stdout);
};
const out = ['import alone, fresh process, median of ' + values.runs + ' (ms):'];
for (const [label, spec] of TARGETS) {
  out.push(`  ${label.padEnd(42)} ${median(Array.from({ length: Number(values.runs) }, () => importMs(spec))).toFixed(1)}`);
}

const crmArgs = ['bin/crm.js', '--db', values.db, '--today', '2026-03-02', 'today'];
const loaded = spawnSync(process.execPath, ['--import', pathToFileURL(join(ROOT, 'bench/lib/load-hook.mjs')).href, ...crmArgs], { cwd: ROOT, encoding: 'utf8' })
  .stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
const groups = new Map();
for (const url of loaded) {
  const key = url.startsWith('node:') ? 'node: built-ins' : /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/dist/') ? 'crm dist/' : url.replace(/.*\//, ''));
  groups.set(key, (groups.get(key) ?? 0) + 1);
}
out.push('', `ES modules loaded by crm today: ${loaded.length} (CommonJS files they require not counted)`);
for (const [k, n] of [...groups].sort((a, b) => b[1] - a[1])) out.push(`  ${k.padEnd(42)} ${n}`);

const phases = `
  const t0 = performance.now();
  const { main } = await import(${JSON.stringify(dist('cli.js'))});
  const t1 = performance.now();
  let bytes = 0;
  const code = await main(['node', 'crm', ...${JSON.stringify(crmArgs.slice(1))}], { stdout: (s) => void (bytes += s.length), stderr: () => {}, stdoutIsTTY: false, stdinIsTTY: false });
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ importMs: t1 - t0, runMs: t2 - t1, bytes, code, sinceStart: t2 }));`;
const runs = Array.from({ length: 5 }, () => JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', phases], { cwd: ROOT, encoding: 'utf8' }).stdout));
const m = (k) => median(runs.map((r) => r[k])).toFixed(1);
out.push('', `crm today on ${values.db}, in-process, median of 5: node start-up ${(m('sinceStart') - m('importMs') - m('runMs')).toFixed(1)} ms, ` +
  `import dist/cli.js ${m('importMs')} ms, main() ${m('runMs')} ms (${runs[0].bytes} characters of output)`);
process.stdout.write(out.join('\n') + '\n');
