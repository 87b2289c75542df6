#!/usr/bin/env node
/**
 * `npm run bench`: builds (or reuses) the 10k and 100k databases, times the commands a user runs
 * every day against `node -e 0`, reports the peak memory of `crm today` at 100k and the plan of the
 * agenda query. Options: --fresh (rebuild the databases), --runs N (default 20), --warmup N
 * (default 3), --no-hyperfine (use the built-in loop even when hyperfine is installed).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, generate } from './generate.mjs';
import { isCurrent, readMeta, ROOT } from './lib/fingerprint.mjs';
import { hasProgram, median, peakRss, timePaired } from './lib/measure.mjs';
import { agendaPlan } from './lib/plan.mjs';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'no-hyperfine': { type: 'boolean', default: false },
  },
});
const runs = Math.max(15, Number(values.runs));
const warmup = Math.max(3, Number(values.warmup));
const TODAY = DEFAULTS.today;
const SIZES = [['10k', 10_000], ['100k', 100_000]];
const OUT = join(ROOT, 'bench', 'out');
mkdirSync(OUT, { recursive: true });

const db = {};
for (const [label, customers] of SIZES) {
  db[label] = join('bench', 'out', `${label}.db`);
  const wanted = { ...DEFAULTS, customers };
  if (!values.fresh && isCurrent(join(ROOT, db[label]), wanted)) {
    process.stderr.write(`reusing ${db[label]} (current; --fresh rebuilds it)\n`);
  } else {
    await generate({ customers, out: join(ROOT, db[label]) });
  }
}

const node = process.execPath;
// An empty database shows the fixed cost of `crm today`: start-up, opening, one indexed query.
db.empty = join('bench', 'out', 'empty.db');
spawnSync(node, ['bin/crm.js', '--db', db.empty, 'customer', 'list'], { cwd: ROOT, stdio: 'ignore' });
const crm = (label, ...args) => [node, 'bin/crm.js', '--db', db[label], '--today', TODAY, ...args];
const BASELINE = { name: 'node -e 0', argv: [node, '-e', '0'] };
const COMMANDS = [
  { name: 'crm --help', argv: [node, 'bin/crm.js', '--help'] },
  { name: 'crm today @empty', argv: crm('empty', 'today') },
  { name: 'crm customer list @10k', argv: crm('10k', 'customer', 'list') },
  { name: 'crm customer list @100k', argv: crm('100k', 'customer', 'list') },
  { name: 'crm today @10k', argv: crm('10k', 'today') },
  { name: 'crm today --json @10k', argv: crm('10k', '--json', 'today') },
  { name: 'crm today @100k', argv: crm('100k', 'today') },
  { name: 'crm today --json @100k', argv: crm('100k', '--json', 'today') },
  { name: 'crm today --days 0 @100k', argv: crm('100k', 'today', '--days', '0') },
];
// A fixed, isolated environment: no colour decisions from the caller's terminal, no real home.
const env = { PATH: process.env.PATH, HOME: OUT, XDG_DATA_HOME: join(OUT, 'xdg'), TZ: 'UTC', LANG: 'C.UTF-8' };
const hyperfine = !values['no-hyperfine'] && hasProgram('hyperfine');
const opts = { runs, warmup, cwd: ROOT, env, hyperfine };
const loadBefore = loadavg()[0];
process.stderr.write(`timing with ${hyperfine ? 'hyperfine -N' : 'a spawnSync loop'}: ${warmup} warm-up runs, ${runs} runs each, load average ${loadBefore.toFixed(2)}\n`);
const results = timePaired(BASELINE, COMMANDS, opts);
const load = [loadBefore, loadavg()[0]];
const base = median(results.map((r) => r.baseline));
const rss = { today100k: peakRss(crm('100k', 'today'), opts), nodeE0: peakRss([node, '-e', '0'], opts) };
const plans = Object.fromEntries(SIZES.map(([label]) => [label, agendaPlan(join(ROOT, db[label]), TODAY)]));

const pad = (s, n) => String(s).padEnd(n);
const lines = [
  '',
  `${pad('command', 28)} ${pad('median ms', 10)} ${pad('min..max ms', 14)} ${pad('node -e 0 beside', 17)} ${pad('ratio', 6)} ratio of mins`,
  `${pad(BASELINE.name, 28)} ${pad(base.toFixed(1), 10)} ${pad('', 14)} ${pad('', 17)} ${pad('1.00', 6)} 1.00`,
  ...results.map((r) => `${pad(r.name, 28)} ${pad(r.median.toFixed(1), 10)} ${pad(`${r.min.toFixed(0)}..${r.max.toFixed(0)}`, 14)} ` +
    `${pad(`${r.baseline.toFixed(1)} (min ${r.baselineMin.toFixed(0)})`, 17)} ${pad((r.median / r.baseline).toFixed(2), 6)} ${(r.min / r.baselineMin).toFixed(2)}`),
  `(${runs} runs after ${warmup} warm-up; ratio = median / median of node -e 0 timed alongside it; the ratio of mins is`,
  ` less sensitive to other jobs; load average ${load.map((l) => l.toFixed(2)).join(' -> ')} on ${cpus().length} cores)`,
  '',
  `peak RSS, crm today @100k: ${rss.today100k.mib.toFixed(1)} MiB (node -e 0: ${rss.nodeE0.mib.toFixed(1)} MiB; ${rss.today100k.how})`,
  ...SIZES.map(([label]) => {
    const m = readMeta(join(ROOT, db[label]));
    const p = plans[label];
    return `@${label}: ${m.tables.customers} customers, ${m.tables.reminders} follow-ups (${m.states.open} open, ${m.overdue} overdue); ` +
      `agenda to ${p.until}: ${p.rows} rows, query ${p.medianMs.toFixed(1)} ms in-process; built in ${m.seconds} s (${m.rowsPerSecond} rows/s)`;
  }),
  '',
  'agenda query plan @100k:',
  ...plans['100k'].plans.flatMap((p) => [`  ${p.sql}`, ...p.plan.map((l) => `    ${l}`)]),
  '',
];
process.stdout.write(lines.join('\n'));
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, hyperfine, load };
writeFileSync(join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), machine, runs, warmup, baseline: base, results, rss, plans }, null, 2) + '\n');
process.stderr.write(`results written to bench/out/results.json\n`);
