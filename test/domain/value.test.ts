import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n.js';
import { profileOf, resolveThresholds, tierName, tierOf, type SaleFact } from '../../src/domain/value.js';
import { english, parseSetting, settingsConflict } from '../../src/domain/value-settings.js';
import { engagementOf, strategyName } from '../../src/domain/engagement.js';
import type { ValueSettings } from '../../src/domain/value-settings.js';

const TODAY = '2026-03-02';
/** A sale in currency units; cost undefined means "recorded without --cost". */
const s = (date: string, amount: number, cost?: number): SaleFact => ({ date, amountCents: amount * 100, costCents: cost === undefined ? null : cost * 100 });
/** gold-profit 1000, burden-margin 10%, the rest at their defaults. */
const SET: ValueSettings = { 'gold-profit': 100_000, 'burden-margin': 10 };
const thresholds = (set: ValueSettings = SET) => resolveThresholds(set, []);
const tier = (sales: SaleFact[], set?: ValueSettings) => tierOf(profileOf(sales, thresholds(set).values.margin!, TODAY), thresholds(set), TODAY);

describe('a customer profile from their sales', () => {
  it.each([
    ['no cost: the margin setting (25%) is assumed', [s('2025-06-01', 1000)], { deals: 1, profitCents: 25_000, estimated: true, marginPct: 25 }],
    ['one sale', [s('2025-06-01', 1000, 600)], { deals: 1, profitCents: 40_000, profitPerDealCents: 40_000, repeatsPerYear: 0, estimated: false }],
    ['two sales on one day are one deal', [s('2025-06-01', 1000, 600), s('2025-06-01', 500, 400)], { deals: 1, profitPerDealCents: 50_000 }],
    ['a refund is no deal and takes its profit back', [s('2025-06-01', 1000, 600), s('2025-06-10', -1000, -600)], { deals: 1, amountCents: 0, profitCents: 0, marginPct: null }],
    ['loss-making', [s('2025-06-01', 1000, 1200)], { profitCents: -20_000, marginPct: -20 }],
    ['repeats over at least a year: 2 in 60 days is 1 a year', [s('2026-01-01', 10, 5), s('2026-02-01', 10, 5)], { repeatsPerYear: 1 }],
    ['repeats over the time since the first purchase', [s('2024-03-02', 10, 5), s('2025-01-01', 10, 5), s('2026-01-01', 10, 5)], { repeatsPerYear: 1 }],
    ['no sales at all', [], { deals: 0, profitPerDealCents: null, firstPurchase: null, lastPurchase: null }],
  ])('%s', (_name, sales, want) => {
    expect(profileOf(sales, 25, TODAY)).toMatchObject(want);
  });
});

describe('tiers (seed 000)', () => {
  const loyal = (last: { amount: number; cost: number }) => [s('2025-03-02', 2000, 1000), s('2025-09-01', 2000, 1000), s(TODAY, last.amount, last.cost)];
  it.each([
    ['no purchase yet', [], 'new'],
    ['first purchase 89 days ago', [s('2025-12-03', 5000, 1000)], 'new'],
    ['first purchase exactly new-days (90) ago: judged', [s('2025-12-02', 5000, 1000)], 'meteor'],
    ['one sale long ago, good profit: not loyal', [s('2025-01-10', 5000, 1000)], 'meteor'],
    ['one sale long ago, small profit at a normal margin: still meteor, not burden', [s('2025-01-10', 50, 30)], 'meteor'],
    ['loyal, profit per deal exactly gold-profit (tie)', loyal({ amount: 2000, cost: 1000 }), 'gold'],
    ['loyal, profit per deal a cent under gold-profit', [s('2025-03-02', 2000, 1000.01), s('2025-09-01', 2000, 1000), s(TODAY, 2000, 1000)], 'stream'],
    ['loyal, many small deals', [s('2025-03-02', 200, 100), s('2025-09-01', 200, 100), s(TODAY, 200, 100)], 'stream'],
    ['margin exactly burden-margin (tie)', [s('2025-03-02', 1000, 900), s(TODAY, 1000, 900)], 'burden'],
    ['margin just over burden-margin', [s('2025-03-02', 1000, 899), s(TODAY, 1000, 899)], 'stream'],
    ['loyal but loss-making', [s('2025-03-02', 1000, 1100), s(TODAY, 1000, 1100)], 'burden'],
    ['refunded to nothing', [s('2025-06-01', 1000, 600), s('2025-06-10', -1000, -600)], 'burden'],
    ['no cost known: the assumed 25% is no rock-bottom price', [s('2025-03-02', 100), s(TODAY, 100)], 'stream'],
    ['exactly loyal-repeats a year, last purchase exactly lapse-days ago (ties)', [s('2024-03-02', 3000, 1000), s('2024-09-01', 3000, 1000), s('2025-03-02', 3000, 1000)], 'gold'],
    ['last purchase one day past lapse-days', [s('2024-03-02', 3000, 1000), s('2024-09-01', 3000, 1000), s('2025-03-01', 3000, 1000)], 'meteor'],
    ['repeats under loyal-repeats', [s('2023-03-02', 3000, 1000), s(TODAY, 3000, 1000)], 'meteor'],
  ])('%s: %s', (_name, sales, want) => {
    expect(tier(sales).tier).toBe(want);
  });

  it('names every threshold it compares against', () => {
    expect(tier([s('2025-03-02', 2000, 1000), s(TODAY, 2000, 1000)]).reasons).toEqual([
      '1 repeat purchases a year >= loyal-repeats 1',
      'last purchase 0 days ago <= lapse-days 365',
      'profit per deal 1,000 >= gold-profit 1,000',
    ]);
    expect(tier([s('2025-03-02', 1000, 950)]).reasons).toEqual(['margin 5% <= burden-margin 10%: rock-bottom prices']);
    expect(tier([s('2026-02-01', 1000, 950)]).reasons).toEqual(['first purchase 29 days ago < new-days 90']);
  });

  it('follows the settings: a higher assumed margin, a higher burden-margin', () => {
    const noCost = [s('2025-03-02', 100), s(TODAY, 100)];
    expect(tier(noCost, { ...SET, 'burden-margin': 25 }).tier).toBe('burden');
    expect(tier(noCost, { ...SET, 'burden-margin': 25, margin: 30 }).tier).toBe('stream');
    expect(tier([s('2025-01-10', 5000, 1000)], { ...SET, 'new-days': 500 }).tier).toBe('new');
  });
});

describe('thresholds derived from the customer base', () => {
  const profiles = (perDeal: number[]) => perDeal.map((p) => profileOf([s('2025-01-01', p * 4, p * 3)], 25, TODAY));

  it.each([
    ['odd count: the middle one', [100, 300, 200], 20_000],
    ['even count: the mean of the middle two', [100, 200, 300, 400], 25_000],
    ['one customer', [120], 12_000],
  ])('gold-profit is the median profit per deal, %s', (_name, perDeal, want) => {
    const t = resolveThresholds({}, profiles(perDeal));
    expect(t.values['gold-profit']).toBe(want);
    expect(t.origin['gold-profit']).toBe('derived');
  });

  it('burden-margin is a quarter of the median margin, never under 0', () => {
    expect(resolveThresholds({}, profiles([100, 200])).values['burden-margin']).toBe(6.3);
    const losses = [s('2025-01-01', 100, 200)];
    expect(resolveThresholds({}, [profileOf(losses, 25, TODAY)]).values['burden-margin']).toBe(0);
  });

  it('a value set wins over the derived and the fixed defaults; with no buyers the derived ones are n/a', () => {
    const t = resolveThresholds({ 'gold-profit': 50_000, 'lapse-days': 180 }, profiles([100]));
    expect([t.values['gold-profit'], t.origin['gold-profit'], t.values['lapse-days'], t.origin['lapse-days']]).toEqual([50_000, 'set', 180, 'set']);
    expect(t.origin['new-days']).toBe('default');
    const none = resolveThresholds({}, [profileOf([], 25, TODAY)]);
    expect([none.values['gold-profit'], none.values['burden-margin'], none.basis]).toEqual([null, null, 0]);
  });
});

describe('crm classify --set KEY=VALUE', () => {
  it.each([
    ['gold-profit=500', { key: 'gold-profit', value: 50_000 }],
    ['gold-profit=1,200.50', { key: 'gold-profit', value: 120_050 }],
    ['margin=30%', { key: 'margin', value: 30 }],
    ['burden-margin=7.5', { key: 'burden-margin', value: 7.5 }],
    ['lapse-days=180', { key: 'lapse-days', value: 180 }],
    ['loyal-repeats=0.5', { key: 'loyal-repeats', value: 0.5 }],
    ['gold-profit=', { key: 'gold-profit', value: null }],
  ])('%s', (input, want) => {
    expect(parseSetting(input)).toEqual(want);
  });

  it.each([
    ['gold-profit', /^--set must be KEY=VALUE with KEY one of gold-profit, burden-margin, /],
    ['gold=5', /^--set must be KEY=VALUE .* \(got "gold=5"\)$/],
    ['gold-profit=lots', /^--set gold-profit must be an amount like 500 or 499.50 \(got "lots"\)$/],
    ['margin=120', /^--set margin must be a percentage like 25 or 7.5% \(got "120"\)$/],
    ['margin=-5', /^--set margin must be a percentage/],
    ['new-days=1.5', /^--set new-days must be a whole number like 90 \(got "1.5"\)$/],
    ['volume-months=0', /^--set volume-months must be a whole number/],
  ])('refuses %s', (input, message) => {
    expect(() => parseSetting(input)).toThrow(message);
  });

  it('refuses a type3-volume above type1-volume, naming both', () => {
    expect(settingsConflict({ 'type1-volume': 5_000_000, 'type3-volume': 6_000_000 })).toBe('type3-volume (60000) must not be above type1-volume (50000); change one of them');
    expect(settingsConflict({ 'type1-volume': 5_000_000, 'type3-volume': 5_000_000 })).toBeUndefined();
  });
});

describe('in Chinese', () => {
  afterEach(() => setLanguage('en'));
  const gina = [s('2025-03-02', 2000, 1000), s('2025-09-01', 2000, 1000)];
  const profile = profileOf(gina, 25, TODAY);

  it('gives the reasons in the language in force, and in English when asked (for --json)', () => {
    setLanguage('zh');
    expect(tierOf(profile, thresholds(), TODAY).reasons).toEqual([
      '每年复购 1 次 >= loyal-repeats 1',
      '最近一次购买在 182 天前 <= lapse-days 365',
      '每单利润 1,000 >= gold-profit 1,000',
    ]);
    expect(tierOf(profile, thresholds(), TODAY, english).reasons).toEqual([
      '1 repeat purchases a year >= loyal-repeats 1',
      'last purchase 182 days ago <= lapse-days 365',
      'profit per deal 1,000 >= gold-profit 1,000',
    ]);
    expect(engagementOf(10_000_000, null, thresholds(), english).reason).toBe('monthly volume 100,000 >= type1-volume 80,000: type 1, let go');
    expect(engagementOf(10_000_000, null, thresholds()).reason).toBe('月进货量 100,000 >= type1-volume 80,000：第1类，放手');
  });

  it.each([
    ['gold', '黄金'], ['meteor', '流星'], ['stream', '小溪'], ['burden', '负担'], ['new', '新客户'],
  ])('names the tier %s %s, and keeps an unknown id as it is', (id, name) => {
    setLanguage('zh');
    expect(tierName(id)).toBe(name);
    expect(tierName('platinum')).toBe('platinum');
  });

  it.each([
    ['let-go', '放手'], ['persist', '死磕'], ['give-up', '放弃'],
  ])('names the strategy %s %s', (id, name) => {
    setLanguage('zh');
    expect(strategyName(id)).toBe(name);
    setLanguage('en');
    expect(strategyName(id)).toBe(id);
  });

  it('refuses a bad setting in Chinese', () => {
    setLanguage('zh');
    expect(() => parseSetting('margin=lots')).toThrow('--set margin 必须是百分比，如 25 或 7.5%（收到 "lots"）');
  });
});
