import { describe, expect, it } from 'vitest';
import { engagementOf, isDealer, monthlyVolume } from '../../src/domain/engagement.js';
import { resolveThresholds, type SaleFact } from '../../src/domain/value.js';

const t = resolveThresholds({}, []);
const s = (date: string, amount: number): SaleFact => ({ date, amountCents: amount * 100, costCents: null });

describe('engagement strategy for dealers (seed 003: 80k / 50k / 30k)', () => {
  it.each([
    [120_000, null, 1, 'let-go'],
    [80_000, null, 1, 'let-go'],
    [79_999.99, null, 2, 'persist'],
    [50_000, null, 2, 'persist'],
    [30_000, null, 2, 'persist'],
    [29_999.99, null, 3, null],
    [29_999.99, true, 3, 'persist'],
    [10_000, false, 3, 'give-up'],
    [0, false, 3, 'give-up'],
    [-500, true, 3, 'persist'],
    [90_000, false, 1, 'let-go'],
  ])('monthly volume %d, capable %s: type %d, %s', (volume, capable, type, strategy) => {
    expect(engagementOf(Math.round(volume * 100), capable, t)).toMatchObject({ type, strategy });
  });

  it('says why, naming the thresholds, and asks for a judgement of a type 3 dealer', () => {
    expect(engagementOf(5_000_000, null, t).reason).toBe('monthly volume 50,000 between type3-volume 30,000 and type1-volume 80,000: type 2, persist');
    expect(engagementOf(1_000_000, null, t).reason).toBe('monthly volume 10,000 < type3-volume 30,000: type 3; judge whether they are capable (--capable yes|no)');
  });

  it('follows thresholds that were set', () => {
    const low = resolveThresholds({ 'type1-volume': 1_000_000, 'type3-volume': 200_000 }, []);
    expect(engagementOf(1_000_000, null, low).strategy).toBe('let-go');
    expect(engagementOf(199_999, false, low).strategy).toBe('give-up');
  });

  it.each([
    ['three months back, today included, the day three months ago not', [s('2025-12-02', 90_000), s('2025-12-03', 60_000), s('2026-03-02', 30_000)], 3, 3_000_000],
    ['refunds count against the volume', [s('2026-02-01', 90_000), s('2026-02-10', -30_000)], 3, 2_000_000],
    ['a future-dated order is not volume yet', [s('2026-03-03', 90_000)], 3, 0],
    ['over one month', [s('2026-02-15', 40_000), s('2026-01-15', 90_000)], 1, 4_000_000],
  ])('monthly volume: %s', (_name, sales, months, want) => {
    expect(monthlyVolume(sales, '2026-03-02', months)).toBe(want);
  });

  it.each([
    [['dealer'], true],
    [['vip', 'b2b'], true],
    [['important'], false],
    [[], false],
  ])('tags %j make a dealer: %s', (tags, want) => {
    expect(isDealer(tags)).toBe(want);
  });
});
