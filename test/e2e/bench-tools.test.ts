/**
 * The benchmark's own tools run against the compiled crm (dist/): a change to planning or the
 * store that they do not follow breaks `npm run bench` only when its databases are next rebuilt,
 * long after the change. Small sizes here, so the suite notices at once.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachInTempDir, queryDb } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let env: NodeJS.ProcessEnv;
eachInTempDir((t) => ({ dir, env } = t));

const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });

describe('the benchmark tools', () => {
  it('bench/generate.mjs fills a database the way add-sale, done and the rolling yearly steps do', () => {
    const out = join(dir, 'g.db');
    const r = node('bench/generate.mjs', '--customers', '40', '--overdue', '5', '--out', out);
    expect(r.stderr).toMatch(/done in [\d.]+ s: \d+ rows/);
    expect(r.status).toBe(0);
    const meta = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(meta.tables).toMatchObject({ customers: 40, sales: 120 });
    expect(meta.states.done).toBeGreaterThan(meta.tables.sales);
    expect(meta.states.open).toBeGreaterThan(0);
    expect(meta.overdue).toBe(5);
    expect(queryDb(out, "SELECT count(*) AS n FROM contacts WHERE kind = 'done'")[0].n).toBe(meta.states.done);
  });

  it('bench/import-file.mjs writes a sheet crm import reads', () => {
    const sheet = join(dir, 'sheet.csv');
    expect(node('bench/import-file.mjs', '--rows', '60', '--out', sheet).status).toBe(0);
    const r = node('bin/crm.js', '--db', join(dir, 'i.db'), '--today', '2026-03-02', '--json', 'import', sheet);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: true, rows: 60, sales: { created: 60 } });
  });
});
