/**
 * Builds a crm database the way a salesperson would have filled it: day by day over the last two
 * years, each sale entered on its close day and planned by the real playbook (dist/), each
 * follow-up closed on its due day with `crm done`'s writes (a contact row; birthdays and holiday
 * visits roll forward to the next occurrence). A few hundred recent follow-ups are left overdue.
 */
import { openStore } from '../../dist/store/index.js';
import { defaultRules, planForSale, planNextOccurrence, rollsForward } from '../../dist/commands/planning.js';
import * as calendar from '../../dist/domain/calendar.js';
import { addDays, daysBetween } from '../../dist/domain/dates.js';
import { makeCustomer, makeRandom, makeSale } from './people.mjs';

/** Days of follow-ups before today that the user has not cleared yet; the overdue ones come from these. */
const BACKLOG_DAYS = 30;
/** Days per write transaction: large enough to amortise commits, small enough to keep the WAL modest. */
const DAYS_PER_TRANSACTION = 10;
const SKIP_RATE = 0.04;

/** When each customer buys: `sales` close days within the `days` before today, oldest first. */
function scheduleSales(rnd, { customers, sales, days, today }) {
  const byDay = Array.from({ length: days }, () => []);
  for (let c = 0; c < customers; c++) {
    const offsets = Array.from({ length: sales }, () => rnd.int(1, days)).sort((a, b) => b - a);
    offsets.forEach((off, n) => byDay[days - off].push({ c, first: n === 0 }));
  }
  return byDay.map((events, i) => ({ date: addDays(today, i - days), events }));
}

/** Efraimidis-Spirakis weighted sample without replacement: later days weigh more (the user fell behind lately). */
function pickOverdue(rnd, held, count, today) {
  const keyed = held.map((r) => ({ r, key: -Math.log(1 - rnd.next()) / (BACKLOG_DAYS + 1 - daysBetween(r.due, today)) }));
  keyed.sort((a, b) => a.key - b.key);
  return new Set(keyed.slice(0, count).map((k) => k.r.id));
}

export async function simulate(dbPath, opts, log = () => {}) {
  // The shipped playbook, as a new user has it. (add-sale's re-tiering is left out: classification
  // is measured by crm classify, not here.)
  const rules = await defaultRules();
  const rnd = makeRandom(opts.seed);
  const store = openStore(dbPath);
  const { today } = opts;
  const backlogFrom = addDays(today, -BACKLOG_DAYS);
  const buckets = new Map(); // due date -> open follow-ups to close that day
  const held = [];
  const customerIds = [];
  const isCn = [];
  const referrers = [];
  const counts = { customers: 0, sales: 0, planned: 0, closed: 0, contacts: 0 };

  const track = (reminders) => {
    for (const r of reminders) {
      counts.planned++;
      if (r.state !== 'open' || r.due >= today) continue;
      const list = buckets.get(r.due) ?? [];
      list.push({ id: r.id, customerId: r.customerId, saleId: r.saleId, rule: r.rule, due: r.due });
      buckets.set(r.due, list);
    }
  };
  const close = (r, day) => {
    const skipped = rnd.chance(SKIP_RATE);
    const reason = skipped ? 'customer travelling; next time' : null;
    store.reminders.close(r.id, skipped ? 'skipped' : 'done', day, reason);
    store.contacts.insert({ customerId: r.customerId, reminderId: r.id, date: day, kind: skipped ? 'skipped' : 'done', outcome: skipped ? null : 'reached', note: reason });
    counts.closed++;
    counts.contacts++;
    if (rollsForward(rules, r.rule)) track(planNextOccurrence(store, r, rules, calendar, day));
  };
  const runDay = ({ date, events }) => {
    for (const { c, first } of events) {
      if (first) {
        const customer = makeCustomer(rnd, referrers);
        customerIds[c] = store.customers.insert(customer, date);
        isCn[c] = /[\u4e00-\u9fff]/.test(customer.name);
        referrers.push(customerIds[c]);
        counts.customers++;
      }
      const saleId = store.sales.insert(makeSale(rnd, customerIds[c], isCn[c], date, addDays), date);
      counts.sales++;
      track(planForSale(store, store.sales.get(saleId), calendar, date, rules).reminders);
    }
    for (const r of buckets.get(date) ?? []) {
      if (date < backlogFrom) close(r, date);
      else held.push(r);
    }
    buckets.delete(date);
  };

  const days = scheduleSales(rnd, opts);
  const started = process.hrtime.bigint();
  for (let i = 0; i < days.length; i += DAYS_PER_TRANSACTION) {
    store.write(() => days.slice(i, i + DAYS_PER_TRANSACTION).forEach(runDay));
    if ((i / DAYS_PER_TRANSACTION) % 10 === 9) log(`${days[i + DAYS_PER_TRANSACTION - 1].date}: ${counts.customers} customers, ${counts.planned} follow-ups planned`);
  }
  const overdue = pickOverdue(rnd, held, opts.overdue, today);
  store.write(() => held.filter((r) => !overdue.has(r.id)).forEach((r) => close(r, r.due)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { seconds, counts };
}
