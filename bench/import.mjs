#!/usr/bin/env node
/**
 * `npm run bench:import`: how long `crm import` takes on sheets of 20k and 100k rows, each into a
 * new database, and a JSON export read back into an empty one. Sheets are made by
 * bench/import-file.mjs once and reused. Options: --runs N (default 3), --only NAME.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/fingerprint.mjs';
import { hasProgram, median } from './lib/measure.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs));
const OUT = join(ROOT, 'bench', 'out');
const TODAY = '2026-03-02';
mkdirSync(OUT, { recursive: true });

const SHEETS = [
  { name: '100k customer rows', file: 'import-100k-customers.csv', args: ['--rows', '100000', '--per-customer', '0'] },
  { name: '20k sale rows, ~4 a customer', file: 'import-20k.csv', args: ['--rows', '20000'] },
  { name: '100k sale rows, ~4 a customer', file: 'import-100k.csv', args: ['--rows', '100000'] },
  { name: '100k sale rows, 1 a customer', file: 'import-100k-1each.csv', args: ['--rows', '100000', '--per-customer', '1'] },
].filter((s) => !values.only || s.name.includes(values.only));

const env = { PATH: process.env.PATH, HOME: OUT, XDG_DATA_HOME: join(OUT, 'xdg'), TZ: 'UTC', LANG: 'C.UTF-8' };
const timed = hasProgram('/usr/bin/time', ['-v', 'true']);

/** Wall seconds and peak RSS (MiB) of one crm run; its stdout is the --json report. */
function run(args) {
  const argv = [process.execPath, 'bin/crm.js', '--today', TODAY, ...args];
  const t0 = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-v', ...argv], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`crm ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  return { seconds, mib: kb / 1024, stdout: r.stdout };
}

const fresh = (db) => {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  return db;
};

const results = [];
for (const sheet of SHEETS) {
  const file = join(OUT, sheet.file);
  if (!existsSync(file)) spawnSync(process.execPath, ['bench/import-file.mjs', ...sheet.args, '--out', file], { cwd: ROOT, stdio: 'inherit' });
  const db = join(OUT, 'import.db');
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = run(['--db', fresh(db), '--json', 'import', file]);
    times.push(last);
  }
  const report = JSON.parse(last.stdout);
  const json = join(OUT, 'import.json');
  const exported = run(['--db', db, 'export', '--format', 'json', '--out', json]);
  const restored = run(['--db', fresh(join(OUT, 'restore.db')), 'import', json]);
  results.push({
    name: sheet.name, rows: report.rows, median: median(times.map((t) => t.seconds)), min: Math.min(...times.map((t) => t.seconds)),
    mib: Math.max(...times.map((t) => t.mib)), followUps: report.followUps, exportSeconds: exported.seconds, restoreSeconds: restored.seconds, restoreMib: restored.mib,
  });
  process.stderr.write(`${sheet.name}: ${times.map((t) => t.seconds.toFixed(1)).join(', ')} s\n`);
}

const pad = (s, n) => String(s).padEnd(n);
const lines = [
  '',
  `${pad('sheet', 32)} ${pad('median s', 9)} ${pad('min s', 6)} ${pad('peak MiB', 9)} ${pad('follow-ups open/missed/history', 31)} export json s, restore s (peak MiB)`,
  ...results.map((r) => `${pad(r.name, 32)} ${pad(r.median.toFixed(1), 9)} ${pad(r.min.toFixed(1), 6)} ${pad(r.mib.toFixed(0), 9)} ` +
    `${pad(`${r.followUps.open}/${r.followUps.missed}/${r.followUps.older}`, 31)} ${r.exportSeconds.toFixed(1)}, ${r.restoreSeconds.toFixed(1)} (${r.restoreMib.toFixed(0)})`),
  `(${runs} run(s) each into a new database; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores)`,
  '',
];
process.stdout.write(lines.join('\n'));
writeFileSync(join(OUT, 'import-results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
