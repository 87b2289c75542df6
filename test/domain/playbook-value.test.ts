import { describe, expect, it } from 'vitest';
import { planFollowUps, type Condition, type PlannedFollowUp, type Rule } from '../../src/domain/playbook.js';
import { matches } from '../../src/domain/conditions.js';
import { customer, planInput, sale } from '../support/builders.js';

const rule = (c: Condition, when: Rule['when'] = { after: 'close' }): Rule => ({ id: 'r', action: 'call', title: 'Call {customer}', lesson: 'x', when, if: c });
const byRule = (plan: PlannedFollowUp[], id: string) => plan.filter((p) => p.rule === id).map((p) => p.due);

describe('conditions on value: any, not-tiers, not-strategies', () => {
  const goldOrImportant: Condition = { any: [{ tagsAny: ['important'] }, { tiers: ['gold'] }] };
  it.each([
    ['any: neither', goldOrImportant, {}, false],
    ['any: the tag', goldOrImportant, { customer: customer({ tags: ['important'] }) }, true],
    ['any: the tier', goldOrImportant, { tier: 'gold' }, true],
    ['any: another tier', goldOrImportant, { tier: 'stream' }, false],
    ['any and another condition: both must hold', { ...goldOrImportant, verbal: true }, { tier: 'gold' }, false],
    ['not-tiers: an unclassified customer is never excluded', { notTiers: ['burden'] }, {}, true],
    ['not-tiers: excluded', { notTiers: ['burden'] }, { tier: 'burden' }, false],
    ['not-tiers: another tier', { notTiers: ['burden'] }, { tier: 'gold' }, true],
    ['not-strategies: no strategy', { notStrategies: ['give-up'] }, {}, true],
    ['not-strategies: excluded', { notStrategies: ['give-up'] }, { strategy: 'give-up' }, false],
    ['tiers: an unclassified customer has no tier', { tiers: ['new'] }, {}, false],
    ['tiers: new', { tiers: ['new'] }, { tier: 'new' }, true],
    ['strategies', { strategies: ['persist'] }, { strategy: 'persist' }, true],
  ])('%s', (_name, cond, over, want) => {
    expect(matches(rule(cond), planInput(over))).toBe(want);
  });
});

describe('steps counted from the purchase history and the strategy', () => {
  const plan = (when: Rule['when'], over = {}) => planFollowUps({ ...planInput(over), rules: [{ ...rule({}, when), if: undefined }] });
  it.each([
    ['first-purchase, this is the first sale', { after: 'first-purchase', months: 1 }, { firstSaleId: 7 }, ['2026-04-02']],
    ['first-purchase, an earlier sale was the first', { after: 'first-purchase', months: 1 }, { firstSaleId: 3 }, []],
    ['first-purchase without history: this sale', { after: 'first-purchase', months: 1 }, {}, ['2026-04-02']],
    ['last-purchase, this is the latest sale', { after: 'last-purchase', days: 90 }, { lastSaleId: 7 }, ['2026-05-31']],
    ['last-purchase, a later sale exists', { after: 'last-purchase', days: 90 }, { lastSaleId: 9 }, []],
    ['last-purchase, the days have passed: due now', { after: 'last-purchase', days: 90 }, { lastSaleId: 7, today: '2026-07-01' }, ['2026-07-01']],
    ['strategy-start', { after: 'strategy-start', days: 2 }, { strategySince: '2026-03-02' }, ['2026-03-04']],
    ['strategy-start, no strategy', { after: 'strategy-start', days: 2 }, {}, []],
    ['strategy-start, before this sale', { after: 'strategy-start', days: 2 }, { strategySince: '2026-02-01' }, []],
  ] as [string, Rule['when'], object, string[]][])('%s', (_name, when, over, want) => {
    const p = plan(when, over);
    expect(p.map((x) => x.due)).toEqual(want);
    for (const x of p) expect(x.state).toBe('open');
  });

  it('plans one persist series per strategy start, whichever sale plans it', () => {
    const a = plan({ after: 'strategy-start', days: 2 }, { strategySince: '2026-03-02' });
    const b = plan({ after: 'strategy-start', days: 2 }, { strategySince: '2026-03-02', sale: sale({ id: 8, date: '2026-03-01' }) });
    expect(a[0].dedupeKey).toBe('c1:r:2026-03-02');
    expect(b[0].dedupeKey).toBe(a[0].dedupeKey);
  });
});

describe('the default playbook: cadence follows value', () => {
  const anna = customer({ birthday: '05-10' });
  const plan = (over: object) => planFollowUps(planInput({ customer: anna, firstSaleId: 7, lastSaleId: 7, ...over }));
  const cards = (p: PlannedFollowUp[]) => p.filter((x) => x.action === 'card').length;

  it('gold: the holiday visit and a proactive check every month', () => {
    const p = plan({ tier: 'gold' });
    expect(byRule(p, 'holiday-visit')).toHaveLength(2);
    expect(byRule(p, 'proactive-check-gold')).toEqual(['2026-04-02', '2026-05-02', '2026-06-02', '2026-07-02', '2026-08-02', '2026-09-02', '2026-10-02', '2026-11-02', '2026-12-02', '2027-01-02', '2027-02-02', '2027-03-02']);
    expect(byRule(p, 'proactive-check')).toEqual([]);
  });

  it('stream and meteor: a proactive check every quarter, no holiday visit', () => {
    for (const tier of ['stream', 'meteor']) {
      const p = plan({ tier });
      expect(byRule(p, 'proactive-check')).toEqual(['2026-06-02', '2026-09-02', '2026-12-02', '2027-03-02']);
      expect(byRule(p, 'holiday-visit')).toEqual([]);
    }
  });

  it('meteor: a win-back call 90 days after the latest purchase, none for an earlier sale', () => {
    expect(byRule(plan({ tier: 'meteor' }), 'win-back')).toEqual(['2026-06-01']);
    expect(byRule(plan({ tier: 'meteor', lastSaleId: 9 }), 'win-back')).toEqual([]);
    expect(byRule(plan({ tier: 'stream' }), 'win-back')).toEqual([]);
  });

  it('burden, and dealers given up on: no cards, no proactive checks, but the service each sale is owed', () => {
    for (const over of [{ tier: 'burden' }, { tier: 'stream', strategy: 'give-up' }]) {
      const p = plan(over);
      expect(cards(p)).toBe(0);
      expect(p.filter((x) => x.rule.startsWith('proactive-check'))).toEqual([]);
      expect(p.map((x) => x.rule)).toEqual(expect.arrayContaining(['thank-you', 'call-day-2', 'call-day-5', 'call-day-12']));
    }
    expect(cards(plan({ tier: 'stream' }))).toBe(13);
  });

  it('new: the loyalty survey a month after the first purchase only', () => {
    expect(byRule(plan({ tier: 'new' }), 'loyalty-survey')).toEqual(['2026-04-02']);
    expect(byRule(plan({ tier: 'new', firstSaleId: 3 }), 'loyalty-survey')).toEqual([]);
    expect(byRule(plan({ tier: 'meteor' }), 'loyalty-survey')).toEqual([]);
  });

  it('persist: three activities with the owner within two weeks of the strategy starting', () => {
    const p = plan({ strategy: 'persist', strategySince: '2026-03-02' });
    const series = ['persist-activity-1', 'persist-activity-2', 'persist-activity-3'].flatMap((id) => byRule(p, id));
    expect(series).toEqual(['2026-03-04', '2026-03-09', '2026-03-13']);
    expect(p.filter((x) => x.rule.startsWith('persist')).every((x) => x.action === 'visit')).toBe(true);
    expect(byRule(plan({ strategy: 'let-go', strategySince: '2026-03-02' }), 'persist-activity-1')).toEqual([]);
  });

  it('an unclassified customer gets what the rules say without tiers', () => {
    const p = plan({});
    expect(byRule(p, 'proactive-check')).toHaveLength(4);
    for (const id of ['win-back', 'loyalty-survey', 'proactive-check-gold', 'holiday-visit', 'persist-activity-1']) expect(byRule(p, id)).toEqual([]);
  });
});
