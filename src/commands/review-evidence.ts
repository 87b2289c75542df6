/** The evidence a review decision rests on: sales, profit, complaints, flags, follow-ups. */
import type { Customer } from '../domain/customer.js';
import type { IsoDate } from '../domain/dates.js';
import { VALUE_SETTINGS } from '../domain/value-settings.js';
import { profileOf } from '../domain/value.js';
import type { Store } from '../store/index.js';
import type { CustomerFlag, ReviewDecision } from '../store/review.js';

export interface Evidence {
  tier: string | null;
  strategy: string | null;
  deals: number;
  amount: number;
  profit: number;
  /** Percent of the amount, one decimal; null when nothing was paid on balance. */
  margin: number | null;
  profitEstimated: boolean;
  lastPurchase: IsoDate | null;
  complaints: number;
  openFollowUps: number;
  flags: { flag: string; note: string; flaggedOn: IsoDate }[];
}

export interface ReviewEntry {
  customer: { id: number; name: string };
  evidence: Evidence;
  flags: CustomerFlag[];
  decision: ReviewDecision | null;
}

function evidence(store: Store, customerId: number, today: IsoDate, flags: CustomerFlag[], complaints: number): Evidence {
  const margin = store.values.settings().margin ?? VALUE_SETTINGS.margin.fixed;
  const p = profileOf(store.values.saleFacts(customerId).get(customerId) ?? [], margin, today);
  const value = store.values.get(customerId);
  return {
    tier: value?.tier ?? null,
    strategy: value?.strategy ?? null,
    deals: p.deals,
    amount: p.amountCents / 100,
    profit: p.profitCents / 100,
    margin: p.marginPct === null ? null : Number(p.marginPct.toFixed(1)),
    profitEstimated: p.estimated,
    lastPurchase: p.lastPurchase,
    complaints,
    openFollowUps: store.reminders.forCustomer(customerId, { openOnly: true, limit: 100_000 }).length,
    flags: flags.map((f) => ({ flag: f.flag, note: f.note, flaggedOn: f.flaggedOn })),
  };
}

export function evidenceOf(store: Store, customer: Pick<Customer, 'id'>, today: IsoDate): Evidence {
  return evidence(store, customer.id, today, store.review.activeFlags(customer.id), store.review.complaintCounts().get(customer.id) ?? 0);
}

/** Flagged, burden and given-up customers, and those whose follow-ups a review stopped. */
export function reviewList(store: Store, today: IsoDate): ReviewEntry[] {
  const flags = store.review.activeFlags();
  const decisions = store.review.latestDecisions();
  const values = store.values.all();
  const complaints = store.review.complaintCounts();
  const ids = new Set<number>([
    ...flags.map((f) => f.customerId),
    ...[...values].filter(([, v]) => v.tier === 'burden' || v.strategy === 'give-up').map(([id]) => id),
    ...[...decisions.values()].filter((d) => d.decision === 'stop').map((d) => d.customerId),
  ]);
  return store.customers.list({ ids: [...ids] }).map((c) => {
    const own = flags.filter((f) => f.customerId === c.id);
    return {
      customer: { id: c.id, name: c.name },
      evidence: evidence(store, c.id, today, own, complaints.get(c.id) ?? 0),
      flags: own,
      decision: decisions.get(c.id) ?? null,
    };
  });
}
