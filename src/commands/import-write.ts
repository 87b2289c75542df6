/**
 * Carrying out an import plan inside the caller's one transaction: customers first (so referrals
 * and the playbook see them all), then the sales, the buyers' tiers, and each sale's follow-ups
 * in date order.
 */
import { DO_NOT_CONTACT_REASON, plansDiffer, yearlyDaysDiffer, type Customer } from '../domain/customer.js';
import type { Calendar, Rule } from '../domain/playbook.js';
import type { IsoDate } from '../domain/dates.js';
import type { ImportPlan } from '../domain/import-plan.js';
import type { Store } from '../store/index.js';
import type { Progress } from '../ui/progress.js';
import { SalePlanner, type Context, type PlannedCounts } from './sale-planner.js';
import type { Pace, Paced } from './pacing.js';
import type { Sale } from '../domain/sale.js';
import type { SaleFact } from '../domain/value.js';
import { replanCustomer } from './planning.js';
import { buyerThresholds, retierBuyer, type Classification } from './valuing.js';

export interface ImportCounts {
  customers: { created: number; updated: number; unchanged: number };
  sales: { created: number; alreadyOnFile: number };
  /** `older`: passed steps beyond MISSED_KEPT_DAYS, counted but not stored (planning.ts). */
  followUps: PlannedCounts;
  /** Follow-ups due already that were spread over the coming working days (SalePlanner.pace); a sheet only. */
  paced?: Paced | null;
}

export function writePlan(
  store: Store,
  plan: ImportPlan,
  existing: Customer[],
  { calendar, rules, today, progress, pace }: { calendar: Calendar; rules: Rule[]; today: IsoDate; progress: Progress; pace: Pace },
): ImportCounts {
  const ids = new Map<number, number>();
  const id = (ref: number) => (ref > 0 ? ref : ids.get(ref)!);
  const all = new Map(existing.map((c) => [c.id, c]));
  const forward: [number, number][] = [];
  let done = 0;
  for (const [ref, c] of plan.created) {
    // A referrer further down the file has no id yet: linked once everyone is in.
    const referrer = c.referredBy === null ? null : c.referredBy > 0 || ids.has(c.referredBy) ? id(c.referredBy) : undefined;
    const newId = store.transfer.insertCustomer({ ...c, referredBy: referrer ?? null }, { createdOn: today, updatedOn: today });
    ids.set(ref, newId);
    if (referrer === undefined) forward.push([newId, c.referredBy!]);
    all.set(newId, { ...c, id: newId, referredBy: referrer ?? null, createdOn: today, updatedOn: today });
    progress.update(++done);
  }
  for (const [customerId, ref] of forward) {
    store.transfer.setReferrer(customerId, id(ref));
    all.get(customerId)!.referredBy = id(ref);
  }
  // Customers on file whose plans change with the sheet's cells: a birthday or tag added, asked not to be contacted.
  const changed: { customer: Customer; yearlyDaysChanged: boolean }[] = [];
  for (const c of plan.updated) {
    const next = { ...c, referredBy: c.referredBy === null ? null : id(c.referredBy) };
    store.customers.update(next, today);
    const before = all.get(c.id);
    const after = { ...next, updatedOn: today };
    all.set(c.id, after);
    if (before && plansDiffer(before, after)) changed.push({ customer: after, yearlyDaysChanged: yearlyDaysDiffer(before, after) });
    progress.update(++done);
  }
  for (const c of all.values()) c.specialDays.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const sales = plan.sales.map((s) => {
    const sale = { ...s.sale, customerId: id(s.customerRef) };
    const saleId = store.transfer.insertSale(sale, { createdOn: today });
    progress.update(++done);
    return { ...sale, id: saleId, createdOn: today };
  });
  // As add-sale does, each buyer's tier follows their sales and comes first, so their new sales
  // are planned under it once, not planned and re-planned. The thresholds are taken once, not
  // once a customer, so a large import stays linear.
  const newSales = new Map<number, Sale[]>();
  for (const s of sales) {
    const theirs = newSales.get(s.customerId);
    if (theirs) theirs.push(s);
    else newSales.set(s.customerId, [s]);
  }
  // Every sale on file, read once: the thresholds (when derived from the base) and each buyer's facts.
  const facts = newSales.size ? store.values.saleFacts() : new Map<number, SaleFact[]>();
  const thresholds = newSales.size ? buyerThresholds(store, today, facts) : undefined;
  const fresh = new Set(ids.values());
  const contexts = new Map<number, Context>();
  for (const [customerId, theirs] of newSales) {
    const isFresh = fresh.has(customerId);
    const saleIds = new Set(theirs.map((s) => s.id));
    const value = retierBuyer(store, all.get(customerId)!, saleIds, rules, calendar, today, { thresholds, facts: facts.get(customerId), fresh: isFresh });
    if (isFresh) contexts.set(customerId, freshContext(value, theirs, today));
  }
  // Their sales on file are planned again under the new facts (the new ones are planned below), as
  // crm customer edit does; asked not to be contacted, what was planned is skipped.
  for (const { customer: c, yearlyDaysChanged } of changed) {
    if (c.doNotContact) store.reminders.skipOpenForCustomer(c.id, today, DO_NOT_CONTACT_REASON);
    else replanCustomer(store, c.id, rules, calendar, today, { exceptSales: new Set(newSales.get(c.id)?.map((s) => s.id)), yearlyDaysChanged });
  }
  // Into a database with no follow-ups yet (a first import), nobody has a history to read back,
  // so the follow-ups' indexes can be built once at the end instead of row by row.
  const first = newSales.size > 0 && store.transfer.noReminders();
  const planner = new SalePlanner(store, all, calendar, today, first ? { has: () => true } : fresh, rules, contexts);
  const planAll = () => {
    // One customer after another, each one's sales in date order: what a customer's plan depends
    // on is their own history, which is let go once they are done (a 100,000-customer import would
    // otherwise hold every one's keys to the end), and their rows land together in the indexes.
    for (const [customerId, theirs] of [...newSales].sort(([a], [b]) => a - b)) {
      for (const sale of theirs) {
        planner.plan(sale);
        progress.update(++done);
      }
      planner.forget(customerId);
    }
    return planner.pace(pace);
  };
  const paced = first ? store.transfer.withoutReminderIndexes(planAll) : planAll();
  return {
    customers: { created: plan.created.size, updated: plan.updated.length, unchanged: plan.unchanged },
    sales: { created: plan.sales.length, alreadyOnFile: plan.duplicateSales },
    followUps: planner.counts,
    paced,
  };
}

/**
 * What planContext would read back for a customer this import created, from what is in hand: the
 * tier just stored, no review decision yet, and their first and latest purchases ordered as
 * ValueRepo.context orders them (date, then id). `sales` are theirs, in date order.
 */
function freshContext(value: Classification, sales: Sale[], today: IsoDate): Context {
  const bought = sales.filter((s) => s.amountCents > 0);
  const strategy = value.engagement?.strategy ?? undefined;
  return {
    tier: value.verdict.tier, strategy, strategySince: strategy && today,
    firstSaleId: bought[0]?.id, lastSaleId: bought.at(-1)?.id, stopped: false,
  };
}

/** How many steps writePlan reports to the progress bar. */
export function planSize(plan: ImportPlan): number {
  return plan.created.size + plan.updated.length + 2 * plan.sales.length;
}
