/** `crm demo`: a sample file to try crm on, kept apart from the user's real database. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { addDays } from '../domain/dates.js';
import type { Calendar } from '../domain/playbook.js';
import type { Store } from '../store/index.js';
import { info } from '../ui/io.js';
import { DEMO_CUSTOMERS, DEMO_SALES } from './demo-data.js';
import { buildAgenda, printAgenda } from './today.js';
import { activeRules, planForSale } from './planning.js';
import type { Rule } from '../domain/playbook.js';
import { t } from '../i18n.js';

type Recorder = typeof import('./complaint-record.js');
import { dirname, join } from 'node:path';

/** Follow-ups older than this were done in the demo's made-up past; the rest are on the agenda. */
const DEMO_DONE_BEFORE_DAYS = 2;

function addDemoData(store: Store, rules: Rule[], calendar: Calendar, recorder: Recorder, today: string): number {
  const ids = new Map<string, number>();
  for (const c of DEMO_CUSTOMERS) {
    if (store.customers.findByName(c.name).exact.length) continue;
    // i18n-ignore: sample names. 周杰 came through 王芳: the demo shows a referral thank-you.
    const referredBy = c.name === '周杰' ? (ids.get('王芳') ?? null) : c.referredBy;
    ids.set(c.name, store.customers.insert({ ...c, referredBy }, addDays(today, -400)));
  }
  for (const s of DEMO_SALES) {
    const customerId = ids.get(s.customer);
    if (customerId === undefined) continue;
    const date = addDays(today, -s.daysAgo);
    const saleId = store.sales.insert(
      {
        customerId, product: s.product, amountCents: Math.round(s.amount * 100), costCents: s.cost ? s.cost * 100 : null,
        quantity: 1, date, delivery: s.delivery !== undefined ? addDays(date, s.delivery) : null,
        warrantyMonths: s.warrantyMonths ?? null, useUpDays: s.useUpDays ?? null, verbal: Boolean(s.verbal), channel: null, note: null,
      },
      date,
    );
    // Planned as if entered on the day of the sale; what lies well in the past was done back then.
    for (const r of planForSale(store, store.sales.get(saleId)!, calendar, date, rules).reminders) {
      if (r.due < addDays(today, -DEMO_DONE_BEFORE_DAYS)) store.reminders.close(r.id, 'done', r.due, null);
    }
  }
  // i18n-ignore: a sample name
  if (ids.has('赵丽')) addDemoComplaint(store, recorder, ids.get('赵丽')!, today);
  return ids.size;
}

/** 赵丽 called yesterday: heard and analysed, an answer promised for tomorrow afternoon. */
function addDemoComplaint(store: Store, { openIn, recordIn }: Recorder, customerId: number, today: string): void {
  const when = { today: addDays(today, -1), at: `${addDays(today, -1)} 16:20` };
  const c = openIn(store, customerId, when);
  // i18n-ignore: sample data, the customer's own words as she said them
  const words = '美容仪用了三个月就充不进电了，我每天都按说明书用的，太失望了！';
  // i18n-ignore: sample data
  const [wants, finding, idea, replace, repair] = ['换一台新的', '同批次充电模块有故障记录', '换新', '换新机', '免费更换充电模块'];
  recordIn(store, c.id, [
    { field: 'words', value: words },
    { field: 'channel', value: 'phone' },
    { field: 'severity', value: 4 },
    { field: 'understood', value: true },
    { field: 'wants', value: wants },
    { field: 'cause', value: 'product' },
    { field: 'reasonable', value: true },
    { field: 'ourFault', value: true },
    { field: 'finding', value: finding },
    { field: 'idea', value: idea },
    { field: 'solution', value: replace },
    { field: 'solution', value: repair },
    { field: 'promise', value: `${addDays(today, 1)} 15:00` },
  ], when);
}

export async function runDemo(deps: Deps): Promise<void> {
  const { store, io, today } = deps;
  const calendar = await import('../domain/calendar.js');
  const rules = await activeRules(store);
  const recorder = await import('./complaint-record.js');
  const added = store.write(() => addDemoData(store, rules, calendar, recorder, today));
  info(io, t('Demo database: {path}', { path: deps.dbPath }));
  info(io, (added ? t('Added {n} sample customers with their sales and follow-ups.', { n: added }) : t('The sample data is already there.')) + '\n');
  printAgenda(io, buildAgenda(store, today, 7), 7);
  const db = `--db ${JSON.stringify(deps.dbPath)}`;
  info(
    io,
    t('\nTry next:\n  crm {db} customer show 王芳\n  crm {db} add-sale --customer "Tom Baker" --product "Bike lock" --amount 45\n  crm {db} done <id> --note "happy with it"\n  crm {db} today --days 30', { db }),
  );
}

/** The demo never writes to the real database unless --db names it explicitly. */
export function demoDbPath(dbPath: string, explicitDb: boolean): string {
  // i18n-ignore: a file name
  return explicitDb ? dbPath : join(dirname(dbPath), 'demo.db');
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('demo')
    .description(t('fill a separate demo database with sample customers and sales, and show the agenda'))
    .addHelpText('after', t('\nThe demo uses demo.db next to your database, never your real file unless --db names it.\n\nExample:\n  $ crm demo'))
    .action(() =>
      run(async (deps) => {
        const path = demoDbPath(deps.dbPath, Boolean(program.opts().db));
        if (path === deps.dbPath) return runDemo(deps);
        const { openStore } = await import('../store/index.js');
        const store = openStore(path);
        try {
          // Not {...deps}: spreading would evaluate the store getter and open the real database.
          await runDemo({ io: deps.io, today: deps.today, env: deps.env, dbPath: path, store });
        } finally {
          store.close();
        }
      }),
    );
}
