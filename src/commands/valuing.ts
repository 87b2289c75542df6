/**
 * Glue between the store and the pure value and engagement rules: classify customers, store the
 * result, and re-plan a customer's future follow-ups when their tier or strategy changes.
 * Called inside the caller's write transaction.
 */
import type { Customer } from '../domain/customer.js';
import type { IsoDate } from '../domain/dates.js';
import { t } from '../i18n.js';
import { engagementOf, isDealer, monthlyVolume, strategyName, type Engagement } from '../domain/engagement.js';
import type { Calendar, Condition, Rule } from '../domain/playbook.js';
import { SETTING_KEYS, VALUE_SETTINGS, inReadersLanguage, type Say } from '../domain/value-settings.js';
import { profileOf, resolveThresholds, tierName, tierOf, type Profile, type SaleFact, type Thresholds, type TierVerdict } from '../domain/value.js';
import type { Store } from '../store/index.js';
import { replanCustomer, type ReplanCount, type ReplanScope } from './planning.js';

export interface Classification {
  customer: Pick<Customer, 'id' | 'name' | 'tags'>;
  profile: Profile;
  verdict: TierVerdict;
  /** Dealers and B2B customers only. */
  engagement: Engagement | null;
  volumeCents: number | null;
}

/** `say` writes the reasons: the reader's language, or english for --json. */
export function classifyOne(customer: Classification['customer'], sales: SaleFact[], th: Thresholds, capable: boolean | null, today: IsoDate, say: Say = inReadersLanguage): Classification {
  const profile = profileOf(sales, th.values.margin!, today);
  const dealer = isDealer(customer.tags);
  const volumeCents = dealer ? monthlyVolume(sales, today, th.values['volume-months']!) : null;
  return {
    customer: { id: customer.id, name: customer.name, tags: customer.tags },
    profile,
    verdict: tierOf(profile, th, today, say),
    engagement: dealer ? engagementOf(volumeCents!, capable, th, say) : null,
    volumeCents,
  };
}

/** The thresholds from the settings and the whole customer base, as of today. */
export function thresholdsNow(store: Store, today: IsoDate, facts = store.values.saleFacts()): Thresholds {
  const settings = store.values.settings();
  const margin = settings.margin ?? VALUE_SETTINGS.margin.fixed;
  return resolveThresholds(settings, [...facts.values()].map((sales) => profileOf(sales, margin, today)));
}

export function classifyAll(store: Store, today: IsoDate, say: Say = inReadersLanguage): { thresholds: Thresholds; results: Classification[] } {
  const facts = store.values.saleFacts();
  const thresholds = thresholdsNow(store, today, facts);
  const values = store.values.all();
  const results = store.customers
    .list()
    .map((c) => classifyOne(c, facts.get(c.id) ?? [], thresholds, values.get(c.id)?.capable ?? null, today, say));
  return { thresholds, results };
}

export interface Applied {
  tierBefore: string | null;
  strategyBefore: string | null;
  /** Set when the tier or strategy changed and the future follow-ups were re-planned. */
  replan: ReplanCount | null;
}

/**
 * Stores a classification. A changed tier or strategy re-plans the customer's future, open
 * follow-ups (never the done ones) under `rules`; a new strategy starts today.
 */
export function applyClassification(
  store: Store, c: Classification, rules: Rule[], calendar: Calendar, today: IsoDate, scope: ReplanScope = {},
  /** False for a customer with nothing planned yet (new in an import): storing is all there is to do. */
  replan = true,
): Applied {
  const before = store.values.get(c.customer.id);
  const tierBefore = before?.tier ?? null;
  const strategyBefore = before?.strategy ?? null;
  const tier = c.verdict.tier;
  const strategy = c.engagement?.strategy ?? null;
  const strategySince = strategy === strategyBefore ? (before?.strategySince ?? null) : strategy && today;
  store.values.save(c.customer.id, { tier, strategy, strategySince, classifiedOn: today });
  const changed = tier !== tierBefore || strategy !== strategyBefore;
  return { tierBefore, strategyBefore, replan: changed && replan ? replanCustomer(store, c.customer.id, rules, calendar, today, scope) : null };
}

/** A change of tier and strategy in a few words: "stream -> gold", "strategy persist -> let-go". */
export function changeText(tierBefore: string | null, tier: string, strategyBefore: string | null, strategy: string | null): string {
  const parts: string[] = [];
  if (tierBefore !== tier) parts.push(t('{before} -> {after}', { before: tierBefore ? tierName(tierBefore) : t('unclassified'), after: tierName(tier) }));
  if (strategyBefore !== strategy) {
    const name = (s: string | null) => (s ? strategyName(s) : t('none'));
    parts.push(t('strategy {before} -> {after}', { before: name(strategyBefore), after: name(strategy) }));
  }
  return parts.join(t(', '));
}

/** Rules that count from the customer's first or latest purchase: a new sale moves them. */
export function purchaseAnchoredRules(rules: Rule[]): string[] {
  // A rule for the first purchase only (a referrer's thanks) moves too when a sale dated earlier comes in.
  const onFirst = (c: Condition | undefined): boolean => c !== undefined && (c.firstPurchase !== undefined || (c.any ?? []).some(onFirst));
  return rules.filter((r) => ('after' in r.when && (r.when.after === 'first-purchase' || r.when.after === 'last-purchase')) || onFirst(r.if)).map((r) => r.id);
}

/** The thresholds a buyer is re-tiered with: the last run's, or derived afresh if it left one open. */
export function buyerThresholds(store: Store, today: IsoDate, facts?: Map<number, SaleFact[]>): Thresholds {
  const last = store.values.lastRun()?.thresholds;
  // A run on an empty base (or by an older crm) left a threshold open: derive them afresh then.
  return last && SETTING_KEYS.every((k) => last.values[k] != null) ? last : thresholdsNow(store, today, facts);
}

/**
 * After new sales: the buyer's tier and strategy again, with the thresholds of the last classify
 * run (derived from the base before the first run), and their earlier sales' follow-ups brought in
 * line. The new sales are left to the caller, who plans them under the new tier, with catch-up.
 */
export function retierBuyer(
  store: Store, customer: Customer, newSales: ReadonlySet<number>, rules: Rule[], calendar: Calendar, today: IsoDate,
  known: Known = {},
): Classification & Applied {
  const thresholds = known.thresholds ?? buyerThresholds(store, today);
  const sales = known.facts ?? store.values.saleFacts(customer.id).get(customer.id) ?? [];
  const c = classifyOne(customer, sales, thresholds, store.values.get(customer.id)?.capable ?? null, today);
  const applied = applyClassification(store, c, rules, calendar, today, { exceptSales: newSales }, !known.fresh);
  const moved = purchaseAnchoredRules(rules);
  if (!known.fresh && !applied.replan && moved.length) replanCustomer(store, customer.id, rules, calendar, today, { exceptSales: newSales, ruleIds: moved });
  return { ...c, ...applied };
}

/** What a large import already knows, so re-tiering each buyer does not ask the database again. */
interface Known {
  /** Taken once for the whole import. */
  thresholds?: Thresholds;
  /** The buyer's sales, new ones included. */
  facts?: SaleFact[];
  /** A customer created by this import: no follow-ups planned yet to bring in line. */
  fresh?: boolean;
}
