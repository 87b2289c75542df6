/**
 * Engagement strategy for dealer and B2B customers (seed 003): by how big our line is in their
 * business. Type 1 earns from us and moves by itself: let go. Type 2 moves only when pushed:
 * persist (an intensive series with the owner). Type 3 will not move: give up when they lack the
 * ability, else persist; until the salesperson judges that, no strategy is forced on them.
 */
import { addMonths, type IsoDate } from './dates.js';
import { t } from '../i18n.js';
import { inReadersLanguage, units, type Say } from './value-settings.js';
import type { SaleFact, Thresholds } from './value.js';

export const STRATEGIES = ['let-go', 'persist', 'give-up'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** A strategy as people read it (放手, 死磕, 放弃 in Chinese); ids stay English in --json, flags and files. */
export function strategyName(strategy: string): string {
  const names: Record<Strategy, string> = { 'let-go': t('let-go'), persist: t('persist'), 'give-up': t('give-up') };
  return names[strategy as Strategy] ?? strategy;
}

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

/**
 * At type1-volume a dealer is type 1; at type3-volume still type 2 (seed 003: "under 30k" is type 3).
 * `t` writes the reason (english for --json).
 */
export function engagementOf(volumeCents: number, capable: boolean | null, th: Thresholds, t: Say = inReadersLanguage): Engagement {
  const vars = { volume: units(volumeCents), type1: units(th.values['type1-volume']!), type3: units(th.values['type3-volume']!) };
  if (volumeCents >= th.values['type1-volume']!) return { type: 1, strategy: 'let-go', reason: t('monthly volume {volume} >= type1-volume {type1}: type 1, let go', vars) };
  if (volumeCents >= th.values['type3-volume']!) {
    return { type: 2, strategy: 'persist', reason: t('monthly volume {volume} between type3-volume {type3} and type1-volume {type1}: type 2, persist', vars) };
  }
  if (capable === null) return { type: 3, strategy: null, reason: t('monthly volume {volume} < type3-volume {type3}: type 3; judge whether they are capable (--capable yes|no)', vars) };
  return capable
    ? { type: 3, strategy: 'persist', reason: t('monthly volume {volume} < type3-volume {type3}: type 3, capable: persist', vars) }
    : { type: 3, strategy: 'give-up', reason: t('monthly volume {volume} < type3-volume {type3}: type 3, not capable: give up', vars) };
}
