/** `crm demo`: a sample file to try crm on, kept apart from the user's real database. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { info } from '../ui/io.js';
import { DEMO_CUSTOMERS } from './demo-data.js';
import { listCustomers } from './customer.js';
import { join, dirname } from 'node:path';

/** The demo never writes to the real database unless --db names it explicitly. */
export function demoDbPath(deps: Pick<Deps, 'dbPath' | 'env'>, explicitDb: boolean): string {
  return explicitDb ? deps.dbPath : join(dirname(deps.dbPath), 'demo.db');
}

export function runDemo(deps: Deps): void {
  const { store, io, today } = deps;
  const added = store.write(() => {
    let n = 0;
    for (const c of DEMO_CUSTOMERS) {
      if (store.customers.findByName(c.name).exact.length) continue;
      store.customers.insert(c, today);
      n++;
    }
    return n;
  });
  info(io, `Demo database: ${deps.dbPath} (${added} customers added, ${store.customers.count()} in all)`);
  listCustomers({}, deps);
  info(io, `\nTry next:\n  crm --db ${deps.dbPath} customer show 王芳\n  crm --db ${deps.dbPath} customer list --tag important`);
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('demo')
    .description('fill a separate demo database with sample customers and show them')
    .addHelpText('after', '\nThe demo uses demo.db next to your database, never your real file unless --db names it.\n\nExample:\n  $ crm demo')
    .action(() =>
      run(async (deps) => {
        const explicit = Boolean(program.opts().db);
        const path = demoDbPath(deps, explicit);
        if (path === deps.dbPath) return runDemo(deps);
        const { openStore } = await import('../store/index.js');
        const store = openStore(path);
        try {
          runDemo({ ...deps, dbPath: path, store });
        } finally {
          store.close();
        }
      }),
    );
}
