/**
 * Engagement strategy for dealer and B2B customers (seed 003): by how big our line is in their
 * business. Type 1 earns from us and moves by itself: let go. Type 2 moves only when pushed:
 * persist (an intensive series with the owner). Type 3 will not move: give up when they lack the
 * ability, else persist; until the salesperson judges that, no strategy is forced on them.
 */
import { addMonths, type IsoDate } from './dates.js';
import type { SaleFact, Thresholds } from './value.js';

export const STRATEGIES = ['let-go', 'persist', 'give-up'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Customers with one of these tags are dealers or B2B customers. */
export const DEALER_TAGS = ['dealer', 'b2b'];

export function isDealer(tags: string[]): boolean {
  return tags.some((t) => DEALER_TAGS.includes(t));
}

/** The average monthly amount (net of refunds) over the last `months` months up to today. */
export function monthlyVolume(sales: SaleFact[], today: IsoDate, months: number): number {
  const from = addMonths(today, -months);
  const sum = sales.filter((s) => s.date > from && s.date <= today).reduce((a, s) => a + s.amountCents, 0);
  return Math.round(sum / months);
}

export interface Engagement {
  type: 1 | 2 | 3;
  strategy: Strategy | null;
  reason: string;
}

const units = (cents: number) => (cents / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

/** At type1-volume a dealer is type 1; at type3-volume still type 2 (seed 003: "under 30k" is type 3). */
export function engagementOf(volumeCents: number, capable: boolean | null, t: Thresholds): Engagement {
  const type1 = t.values['type1-volume']!;
  const type3 = t.values['type3-volume']!;
  const vol = `monthly volume ${units(volumeCents)}`;
  if (volumeCents >= type1) return { type: 1, strategy: 'let-go', reason: `${vol} >= type1-volume ${units(type1)}: type 1, let go` };
  if (volumeCents >= type3) {
    return { type: 2, strategy: 'persist', reason: `${vol} between type3-volume ${units(type3)} and type1-volume ${units(type1)}: type 2, persist` };
  }
  const base = `${vol} < type3-volume ${units(type3)}: type 3`;
  if (capable === null) return { type: 3, strategy: null, reason: `${base}; judge whether they are capable (--capable yes|no)` };
  return capable
    ? { type: 3, strategy: 'persist', reason: `${base}, capable: persist` }
    : { type: 3, strategy: 'give-up', reason: `${base}, not capable: give up` };
}
