/**
 * Several crm at once, and a crm killed halfway, with real processes on real files. Runs the
 * compiled dist/ (npm test builds first).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, crmIn, indexesOf, isolatedEnv, queryDb, spawnCrm, tempDir, type CrmRunner } from '../support/cli.js';
import { writeHistory } from '../support/sheets.js';

const TODAY = '2026-03-02';
const ADD_SALES = fileURLToPath(new URL('../fixtures/add-sales.mjs', import.meta.url));

let dir: string;
let cleanup: () => void;
let crm: CrmRunner;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir, { today: TODAY });
  env = isolatedEnv(dir, { CRM_TODAY: TODAY });
});
afterEach(() => cleanup());

function child(args: string[]): { done: Promise<{ code: number | null; signal: string | null; stderr: string }>; kill: () => void; alive: () => boolean } {
  const p = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exited = false;
  p.stderr.on('data', (d) => void (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    p.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stderr });
    }),
  );
  return { done, kill: () => p.kill('SIGKILL'), alive: () => !exited };
}


describe('concurrent use', () => {
  it('two processes adding 500 sales each end with 1000 sales and the follow-ups a serial run plans: no error, no duplicate', async () => {
    const customers = async (run: CrmRunner) => {
      for (let i = 1; i <= 12; i++) await run('customer', 'add', `Customer ${i}`, '--birthday', `${String(i).padStart(2, '0')}-1${i % 10}`, '--tag', i % 2 ? 'important' : 'x');
    };
    await customers(crm);
    const runs = ['A', 'B'].map((label) => child([ADD_SALES, crm.db, label, '500', '12']));
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results).toEqual([{ code: 0, signal: null, stderr: '' }, { code: 0, signal: null, stderr: '' }]);

    const sales = queryDb(crm.db, 'SELECT id, customer_id, product, date FROM sales ORDER BY id');
    expect(sales).toHaveLength(1000);
    expect(new Set(sales.map((s) => s.product)).size).toBe(1000);
    // Both really ran at once: their sales interleave.
    const firstB = sales.findIndex((s) => String(s.product).startsWith('B-'));
    expect(sales.slice(firstB).some((s) => String(s.product).startsWith('A-'))).toBe(true);

    // The same sales entered one after the other, in the order they were committed.
    const serial = crmIn(join(dir, 'serial'), { today: TODAY });
    await customers(serial);
    for (const s of sales) {
      await serial('add-sale', '--customer', String(s.customer_id), '--product', String(s.product), '--amount', '100', '--date', String(s.date));
    }
    const plan = 'SELECT customer_id, sale_id, rule, due, state, title, dedupe_key FROM reminders ORDER BY dedupe_key';
    const reminders = queryDb(crm.db, plan);
    expect(reminders.length).toBeGreaterThan(4000);
    expect(reminders).toEqual(queryDb(serial.db, plan));
  }, 120_000);
});

describe('a crm killed in the middle of an import', () => {
  // Into an empty database the import sets the follow-ups' indexes aside and builds them at the
  // end: a kill meanwhile must leave them, as the rest, as they were.
  it.each([
    ['a database with follow-ups on file', true],
    ['an empty database', false],
  ])('leaves %s as it was before the import, and the next run works', async (_, withSale) => {
    if (withSale) {
      await crm('customer', 'add', 'Before', '--phone', '555 010 0000');
      await crm('add-sale', '--customer', 'Before', '--product', 'Pen', '--amount', '3');
    }
    const before = (await crm('export')).stdout;
    const indexes = indexesOf(crm.db);
    expect(indexes.map((i) => i.name)).toContain('reminders_open_due');
    // Sales of the last two years, so that the follow-ups planned (not history) outgrow SQLite's
    // page cache and spill into the WAL while the transaction is open, long before its commit.
    const file = writeHistory(join(dir, 'history.csv'), 20000, 5, '2024-04-01');

    const run = child([BIN, '--db', crm.db, 'import', file]);
    const wal = `${crm.db}-wal`;
    // Killed once the transaction has spilled megabytes into the WAL: well inside the write (here
    // the WAL passes 2 MB about 1 s before the commit).
    while (run.alive() && !(existsSync(wal) && statSync(wal).size > 2_000_000)) await new Promise((r) => setTimeout(r, 5));
    run.kill();
    const killed = await run.done;
    expect(killed).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(killed.stderr).toBe(`Checked 20000 rows of ${file}; writing...\n`);

    expect((await crm('export')).stdout).toBe(before);
    expect(indexesOf(crm.db)).toEqual(indexes);
    expect(spawnCrm(['--db', crm.db, 'doctor'], { env })).toMatchObject({ code: 0 });
    const again = spawnCrm(['--db', crm.db, 'import', file], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('customers: 4000 new, 0 updated, 0 unchanged\n  sales: 20000 new, 0 already on file\n');
    expect(queryDb(crm.db, 'SELECT count(*) AS n FROM sales')).toEqual([{ n: withSale ? 20001 : 20000 }]);
    expect(indexesOf(crm.db)).toEqual(indexes);
  }, 120_000);
});
