/**
 * Carrying out an import plan inside the caller's one transaction: customers first (so referrals
 * and the playbook see them all), then the sales, the buyers' tiers, and each sale's follow-ups
 * in date order.
 */
import type { Customer } from '../domain/customer.js';
import type { Calendar, Rule } from '../domain/playbook.js';
import type { IsoDate } from '../domain/dates.js';
import type { ImportPlan } from '../domain/import-plan.js';
import type { Store } from '../store/index.js';
import type { Progress } from '../ui/progress.js';
import { SalePlanner } from './sale-planner.js';
import { buyerThresholds, retierBuyer } from './valuing.js';

export interface ImportCounts {
  customers: { created: number; updated: number; unchanged: number };
  sales: { created: number; alreadyOnFile: number };
  /** `older`: passed steps beyond MISSED_KEPT_DAYS, counted but not stored (planning.ts). */
  followUps: { open: number; missed: number; older: number };
}

export function writePlan(
  store: Store,
  plan: ImportPlan,
  existing: Customer[],
  { calendar, rules, today, progress }: { calendar: Calendar; rules: Rule[]; today: IsoDate; progress: Progress },
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
  for (const c of plan.updated) {
    const next = { ...c, referredBy: c.referredBy === null ? null : id(c.referredBy) };
    store.customers.update(next, today);
    all.set(c.id, { ...next, updatedOn: today });
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
  const newSales = new Map<number, Set<number>>();
  for (const s of sales) newSales.set(s.customerId, (newSales.get(s.customerId) ?? new Set()).add(s.id));
  const thresholds = newSales.size ? buyerThresholds(store, today) : undefined;
  for (const [customerId, saleIds] of newSales) retierBuyer(store, all.get(customerId)!, saleIds, rules, calendar, today, thresholds);
  const planner = new SalePlanner(store, all, calendar, today, new Set(ids.values()), rules, true);
  // One customer after another (each one's sales in date order, as before): what one customer's
  // plan depends on is their own history, and their rows land next to each other in the indexes.
  for (const sale of [...sales].sort((a, b) => a.customerId - b.customerId)) {
    planner.plan(sale);
    progress.update(++done);
  }
  return {
    customers: { created: plan.created.size, updated: plan.updated.length, unchanged: plan.unchanged },
    sales: { created: plan.sales.length, alreadyOnFile: plan.duplicateSales },
    followUps: { open: planner.open, missed: planner.missed, older: planner.older },
  };
}

/** How many steps writePlan reports to the progress bar. */
export function planSize(plan: ImportPlan): number {
  return plan.created.size + plan.updated.length + 2 * plan.sales.length;
}
