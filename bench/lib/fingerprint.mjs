/**
 * What a generated database's content depends on: the simulation, the schema and the compiled
 * playbook (the generator's options are compared separately). A database whose recorded
 * fingerprint differs from the current one is stale and is rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesIn(dir, suffix) {
  const abs = join(ROOT, dir);
  return existsSync(abs) ? readdirSync(abs).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f)) : [];
}

export function fingerprint() {
  const files = [
    'bench/lib/people.mjs',
    'bench/lib/simulate.mjs',
    'dist/commands/planning.js',
    ...filesIn('migrations', '.sql'),
    ...filesIn('dist/domain', '.js'),
  ];
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(ROOT, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The metadata written next to a database: `<db>.json`. */
export function readMeta(dbPath) {
  try {
    return JSON.parse(readFileSync(`${dbPath}.json`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A database is current when it exists and was built by this generator, schema and playbook with these options. */
export function isCurrent(dbPath, options) {
  const meta = readMeta(dbPath);
  if (!meta || !existsSync(dbPath) || meta.fingerprint !== fingerprint()) return false;
  return Object.entries(options).every(([k, v]) => meta.options?.[k] === v);
}
