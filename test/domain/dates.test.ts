import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, nextWorkingDay, nextYearly, yearlyDateIn } from '../../src/domain/dates.js';
import { tWeekday } from '../../src/i18n.js';

describe('date arithmetic on YYYY-MM-DD', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-29', 1, '2026-03-30'], // a DST change in Europe happens that night
    ['2026-03-02', -2, '2026-02-28'],
  ])('addDays(%s, %i) = %s', (d, n, want) => expect(addDays(d, n)).toBe(want));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
  ])('addMonths(%s, %i) = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));

  it('counts calendar days', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });

  it.each([
    ['2026-03-06', '2026-03-09'], // Friday -> Monday
    ['2026-03-07', '2026-03-09'], // Saturday -> Monday
    ['2026-03-02', '2026-03-03'],
  ])('next working day after %s is %s', (d, want) => expect(nextWorkingDay(d)).toBe(want));

  it('names weekdays', () => expect(tWeekday('2026-03-02')).toBe('Mon'));

  it.each([
    ['02-29', 2027, '2027-02-28'],
    ['02-29', 2028, '2028-02-29'],
    ['12-31', 2026, '2026-12-31'],
  ])('yearly day %s in %i falls on %s', (md, y, want) => expect(yearlyDateIn(md, y)).toBe(want));

  it.each([
    ['03-15', '2026-03-15', '2026-03-15'],
    ['03-15', '2026-03-16', '2027-03-15'],
    ['02-29', '2026-03-01', '2027-02-28'],
  ])('next %s on or after %s is %s', (md, from, want) => expect(nextYearly(md, from)).toBe(want));
});
