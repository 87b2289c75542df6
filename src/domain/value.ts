/**
 * Which customers deserve what (DOMAIN.md section 4, seed 000): a value tier per customer from
 * profit per deal and how often they buy again. Pure: the caller passes the sales and today.
 *
 * - new: first purchase less than new-days ago (or none): too little history to judge;
 * - burden: buys only at rock-bottom or loss-making prices (margin at or under burden-margin,
 *   or no profit at all), however often;
 * - gold: loyal, with a profit per deal of at least gold-profit; stream: loyal, less profit;
 * - meteor: not loyal: buys now and then and keeps trying others (seed 000's 流星).
 * Loyal: at least loyal-repeats repeat purchases a year, and a purchase within lapse-days.
 */
import { daysBetween, type IsoDate } from './dates.js';
import { t } from '../i18n.js';
import { SETTING_KEYS, VALUE_SETTINGS, inReadersLanguage, units, type Say, type SettingKey, type ValueSettings } from './value-settings.js';

export const TIERS = ['gold', 'meteor', 'stream', 'burden', 'new'] as const;
export type Tier = (typeof TIERS)[number];

/** A tier as people read it (黄金, 流星 ... in Chinese); ids stay English in --json, flags and files. */
export function tierName(tier: string): string {
  const names: Record<Tier, string> = { gold: t('gold'), meteor: t('meteor'), stream: t('stream'), burden: t('burden'), new: t('new') };
  return names[tier as Tier] ?? tier;
}

export interface SaleFact {
  date: IsoDate;
  amountCents: number;
  costCents: number | null;
}

export interface Profile {
  /** Days with a purchase: several sales on one day are one deal. Refunds are not deals. */
  deals: number;
  /** Net of refunds (sales with a negative amount). */
  amountCents: number;
  profitCents: number;
  profitPerDealCents: number | null;
  /** Profit as a percentage of the net amount; null when nothing was paid on balance. */
  marginPct: number | null;
  repeatsPerYear: number;
  firstPurchase: IsoDate | null;
  lastPurchase: IsoDate | null;
  /** Some profit was assumed from the margin setting: a sale had no cost. */
  estimated: boolean;
}

/** Every threshold resolved to a value, and where each came from. */
export interface Thresholds {
  values: Record<SettingKey, number | null>;
  origin: Record<SettingKey, 'set' | 'default' | 'derived'>;
  /** How many customers with purchases the derived values come from. */
  basis: number;
}

export function saleProfit(s: SaleFact, marginPct: number): number {
  return s.costCents !== null ? s.amountCents - s.costCents : Math.round((s.amountCents * marginPct) / 100);
}

export function profileOf(sales: SaleFact[], marginPct: number, today: IsoDate): Profile {
  const days = [...new Set(sales.filter((s) => s.amountCents > 0).map((s) => s.date))].sort();
  const amountCents = sales.reduce((a, s) => a + s.amountCents, 0);
  const profitCents = sales.reduce((a, s) => a + saleProfit(s, marginPct), 0);
  const first = days[0] ?? null;
  // A year at least, so two purchases in a customer's first weeks do not count as dozens a year.
  const observed = first ? Math.max(daysBetween(first, today), 365) : 365;
  return {
    deals: days.length,
    amountCents,
    profitCents,
    profitPerDealCents: days.length ? Math.round(profitCents / days.length) : null,
    marginPct: amountCents > 0 ? (profitCents * 100) / amountCents : null,
    repeatsPerYear: days.length > 1 ? ((days.length - 1) * 365) / observed : 0,
    firstPurchase: first,
    lastPurchase: days.at(-1) ?? null,
    estimated: sales.some((s) => s.costCents === null),
  };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * The thresholds in force: what the user set, else the fixed default, else derived from the
 * profiles of every customer who bought (computed with the margin in force).
 */
export function resolveThresholds(set: ValueSettings, profiles: Profile[]): Thresholds {
  const bought = profiles.filter((p) => p.deals > 0);
  const medianProfit = median(bought.map((p) => p.profitPerDealCents!));
  const medianMargin = median(bought.filter((p) => p.marginPct !== null).map((p) => p.marginPct!));
  const derived: Partial<Record<SettingKey, number | null>> = {
    'gold-profit': medianProfit === null ? null : Math.round(medianProfit),
    'burden-margin': medianMargin === null ? null : Math.max(0, Math.round(medianMargin * 2.5) / 10),
  };
  const values = {} as Thresholds['values'];
  const origin = {} as Thresholds['origin'];
  for (const key of SETTING_KEYS) {
    const fixed = (VALUE_SETTINGS[key] as { fixed?: number }).fixed;
    if (set[key] !== undefined) [values[key], origin[key]] = [set[key]!, 'set'];
    else if (fixed !== undefined) [values[key], origin[key]] = [fixed, 'default'];
    else [values[key], origin[key]] = [derived[key] ?? null, 'derived'];
  }
  return { values, origin, basis: bought.length };
}

export interface TierVerdict {
  tier: Tier;
  /** Why, in words, naming each threshold compared against. */
  reasons: string[];
}

const pct = (n: number) => `${Number(n.toFixed(1))}%`;
const rate = (n: number) => Number(n.toFixed(2)).toString();

/** The tier, and why; `t` writes the reasons (english for --json). */
export function tierOf(p: Profile, th: Thresholds, today: IsoDate, t: Say = inReadersLanguage): TierVerdict {
  const v = th.values;
  const newDays = v['new-days']!;
  if (!p.firstPurchase) return { tier: 'new', reasons: [t('no purchase yet')] };
  const age = daysBetween(p.firstPurchase, today);
  if (age < newDays) return { tier: 'new', reasons: [t('first purchase {age} days ago < new-days {newDays}', { age, newDays })] };
  const burdenMargin = v['burden-margin'];
  if (p.profitCents <= 0) return { tier: 'burden', reasons: [t('profit {profit} in all: no profit', { profit: units(p.profitCents) })] };
  if (p.marginPct === null || (burdenMargin !== null && p.profitCents * 100 <= burdenMargin * p.amountCents)) {
    const margin = p.marginPct === null ? t('no net amount') : pct(p.marginPct);
    const limit = burdenMargin === null ? t('n/a') : pct(burdenMargin);
    return { tier: 'burden', reasons: [t('margin {margin} <= burden-margin {limit}: rock-bottom prices', { margin, limit })] };
  }
  const since = daysBetween(p.lastPurchase!, today);
  const repeats = p.repeatsPerYear >= v['loyal-repeats']!;
  const recent = since <= v['lapse-days']!;
  const reasons = [
    t('{rate} repeat purchases a year {op} loyal-repeats {min}', { rate: rate(p.repeatsPerYear), op: repeats ? '>=' : '<', min: v['loyal-repeats']! }),
    t('last purchase {days} days ago {op} lapse-days {max}', { days: since, op: recent ? '<=' : '>', max: v['lapse-days']! }),
  ];
  if (!repeats || !recent) return { tier: 'meteor', reasons: [...reasons, t('not loyal')] };
  const gold = v['gold-profit'];
  // Compared as totals, so a tie is a tie whatever the rounding of a per-deal figure.
  const good = gold !== null && p.profitCents >= gold * p.deals;
  const limit = gold === null ? t('n/a') : units(gold);
  reasons.push(t('profit per deal {profit} {op} gold-profit {limit}', { profit: units(p.profitPerDealCents!), op: good ? '>=' : '<', limit }));
  return { tier: good ? 'gold' : 'stream', reasons };
}

/** A customer's stored tier and strategy (customer_value), and how the last classify run saw them. */
export interface CustomerValue {
  tier: string | null;
  strategy: string | null;
  strategySince: IsoDate | null;
  capable: boolean | null;
  classifiedOn: IsoDate | null;
  runTier: string | null;
  runStrategy: string | null;
}
