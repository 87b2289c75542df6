#!/usr/bin/env node
/**
 * Builds a benchmark database of a given size with the compiled crm (run `npm run build` first):
 *   node bench/generate.mjs --customers 10000 --out bench/out/10k.db [--today 2026-03-02] [--seed 1]
 * The build goes to a temporary file renamed into place at the end, with `<out>.json` beside it
 * recording the options, the row counts and the fingerprint `bench/run.mjs` uses to reuse it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { fingerprint, ROOT } from './lib/fingerprint.mjs';

export const DEFAULTS = { today: '2026-03-02', seed: 20260302, sales: 3, days: 730, overdue: 300 };

function removeDb(path) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** Row counts by table, and follow-ups by state, as `crm today` will find them. */
function census(dbPath, today) {
  return import('../dist/store/index.js').then(({ openStore }) => {
    const store = openStore(dbPath);
    try {
      const count = (table) => store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n;
      const tables = Object.fromEntries(['customers', 'customer_tags', 'special_days', 'sales', 'reminders', 'contacts'].map((t) => [t, count(t)]));
      const states = Object.fromEntries(store.db.prepare('SELECT state, count(*) AS n FROM reminders GROUP BY state').all().map((r) => [r.state, r.n]));
      const overdue = store.db.prepare("SELECT count(*) AS n FROM reminders WHERE state = 'open' AND due < ?").get(today).n;
      return { tables, states, overdue };
    } finally {
      store.close();
    }
  });
}

export async function generate({ customers, out, ...rest }, log = (s) => process.stderr.write(s + '\n')) {
  const opts = { ...DEFAULTS, ...rest, customers };
  if (!existsSync(resolve(ROOT, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const { simulate } = await import('./lib/simulate.mjs');
  const target = resolve(out);
  const tmp = `${target}.tmp-${process.pid}`;
  mkdirSync(dirname(target), { recursive: true });
  removeDb(tmp);
  log(`generating ${customers} customers into ${out} (today ${opts.today}, seed ${opts.seed})`);
  const { seconds, counts } = await simulate(tmp, opts, (line) => log(`  ${line}`));
  removeDb(target);
  rmSync(`${target}.json`, { force: true });
  renameSync(tmp, target);
  const { tables, states, overdue } = await census(target, opts.today);
  const written = Object.values(tables).reduce((a, b) => a + b, 0);
  const meta = {
    fingerprint: fingerprint(),
    options: opts,
    generatedAt: new Date().toISOString(),
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(written / seconds),
    followUpsPlanned: counts.planned,
    followUpsClosed: counts.closed,
    tables,
    states,
    overdue,
    bytes: statSync(target).size,
  };
  writeFileSync(`${target}.json`, JSON.stringify(meta, null, 2) + '\n');
  log(`done in ${meta.seconds} s: ${written} rows (${meta.rowsPerSecond} rows/s), ${tables.reminders} follow-ups ` +
    `(${JSON.stringify(states)}, ${overdue} overdue), ${(meta.bytes / 1048576).toFixed(0)} MiB`);
  return meta;
}

const USAGE = 'usage: node bench/generate.mjs --customers N --out FILE [--today YYYY-MM-DD] [--seed N] [--sales N] [--overdue N]\n';

function parseCli(argv) {
  const options = {
    customers: { type: 'string' },
    out: { type: 'string' },
    today: { type: 'string', default: DEFAULTS.today },
    seed: { type: 'string', default: String(DEFAULTS.seed) },
    sales: { type: 'string', default: String(DEFAULTS.sales) },
    overdue: { type: 'string', default: String(DEFAULTS.overdue) },
  };
  const { values: v } = parseArgs({ args: argv, options });
  const opts = { customers: Number(v.customers), out: v.out, today: v.today, seed: Number(v.seed), sales: Number(v.sales), overdue: Number(v.overdue) };
  const whole = [opts.seed, opts.sales, opts.overdue].every((x) => Number.isInteger(x) && x >= 0);
  if (!Number.isInteger(opts.customers) || opts.customers < 1 || !opts.out || !/^\d{4}-\d{2}-\d{2}$/.test(opts.today) || !whole) throw new Error('bad options');
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  await generate(opts);
}
