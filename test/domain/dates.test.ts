import { describe, expect, it } from 'vitest';
import { addDays as fnsAddDays } from 'date-fns/addDays';
import { addMonths as fnsAddMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { addDays, addMonths, daysBetween, fromDate, nextWorkingDay, nextYearly, weekday, yearlyDateIn } from '../../src/domain/dates.js';
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

// The arithmetic counts days itself (no Date objects: a large import plans millions of dates);
// date-fns on local-noon Dates, what it replaced, is the oracle for every day of 1896-2104.
describe('date arithmetic agrees with date-fns', () => {
  const days: Date[] = [];
  for (let d = new Date(1896, 0, 1, 12); d.getFullYear() < 2105; d = fnsAddDays(d, 1)) days.push(d);

  it.each([-1461, -400, -31, -1, 0, 1, 2, 29, 365, 366, 1000])('addDays(day, %i) for every day', (n) => {
    const wrong = days.filter((d) => addDays(fromDate(d), n) !== fromDate(fnsAddDays(d, n)));
    expect(wrong.map(fromDate).slice(0, 3)).toEqual([]);
  });

  it.each([-25, -12, -1, 0, 1, 2, 11, 12, 13, 48])('addMonths(day, %i) for every day', (n) => {
    const wrong = days.filter((d) => addMonths(fromDate(d), n) !== fromDate(fnsAddMonths(d, n)));
    expect(wrong.map(fromDate).slice(0, 3)).toEqual([]);
  });

  it('weekday and daysBetween for every day', () => {
    const anchor = new Date(2000, 1, 29, 12);
    const wrong = days.filter((d) => weekday(fromDate(d)) !== d.getDay() || daysBetween('2000-02-29', fromDate(d)) !== differenceInCalendarDays(d, anchor));
    expect(wrong.map(fromDate).slice(0, 3)).toEqual([]);
  });
});

