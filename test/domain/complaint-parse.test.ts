import { describe, expect, it } from 'vitest';
import { parseAccepted, parseConfirmDays, parsePromise, parseSeverity, parseYesNo } from '../../src/domain/complaint-parse.js';

describe('complaint answers typed as flags or at prompts', () => {
  it.each([
    ['2026-03-04', '2026-03-04'],
    ['2026-03-04 15:00', '2026-03-04 15:00'],
    ['2026-03-04T9:30', '2026-03-04 09:30'],
    [' 2026-03-04 15 ', '2026-03-04 15:00'],
    ['2026-03-02 08:00', '2026-03-02 08:00'],
    ['２０２６－０３－０４　１５：００', '2026-03-04 15:00'],
  ])('--promise %j is %j', (input, want) => expect(parsePromise(input, '2026-03-02')).toBe(want));

  it.each(['tomorrow', '2026-02-30', '2026-03-04 24:00', '2026-03-04 15:60', '04.03.2026'])('--promise %j is refused, naming the form', (input) => {
    expect(() => parsePromise(input, '2026-03-02')).toThrow(/^--promise must be a date like 2026-03-04, optionally with a time like "2026-03-04 15:00" \(got /);
  });

  it('refuses a time today that has passed, by the clock, only when the clock is on that day', () => {
    const now = '2026-03-02T17:35:10';
    expect(() => parsePromise('2026-03-02 09:00', '2026-03-02', '--promise', now)).toThrow('--promise must be later than now (17:35), or another day (got "2026-03-02 09:00")');
    expect(() => parsePromise('2026-03-02 17:35', '2026-03-02', '--promise', now)).toThrow(/later than now/);
    expect(parsePromise('2026-03-02 17:36', '2026-03-02', '--promise', now)).toBe('2026-03-02 17:36');
    expect(parsePromise('2026-03-02', '2026-03-02', '--promise', now)).toBe('2026-03-02');
    expect(parsePromise('2026-03-03 09:00', '2026-03-02', '--promise', now)).toBe('2026-03-03 09:00');
    // --today back-dated (or ahead): the clock's time of day says nothing about that day.
    expect(parsePromise('2026-03-02 09:00', '2026-03-02', '--promise', '2026-03-05T17:35:00')).toBe('2026-03-02 09:00');
  });

  it('refuses a promise in the past', () => {
    expect(() => parsePromise('2026-03-01 18:00', '2026-03-02')).toThrow('--promise must be today (2026-03-02) or later (got "2026-03-01 18:00")');
  });

  it.each([['2,7', [2, 7]], ['3', [3]], [' 1 , 14 ', [1, 14]], ['２，７', [2, 7]], ['2、7', [2, 7]]] as const)('--confirm-days %j is %j', (input, want) => {
    expect(parseConfirmDays(input)).toEqual(want);
  });

  it.each(['0', '7,2', '2,7,14', 'two', '', '2,2'])('--confirm-days %j is refused', (input) => {
    expect(() => parseConfirmDays(input)).toThrow(/--confirm-days must be one or two day counts after the resolution/);
  });

  it.each([
    ['yes', true], ['Y', true], ['是', true], ['对', true], ['ＹＥＳ', true], ['no', false], ['FALSE', false], ['否', false], ['不是', false], ['不', false], ['ｎ', false],
  ] as const)('yes/no %j is %s', (input, want) => {
    expect(parseYesNo(input, '--satisfied')).toBe(want);
  });

  it('refuses what is neither yes nor no, and severities and ranks out of range', () => {
    expect(() => parseYesNo('maybe', '--satisfied')).toThrow('--satisfied must be yes or no (got "maybe")');
    expect(parseSeverity('４')).toBe(4);
    expect(parseAccepted('２')).toBe(2);
    expect(() => parseSeverity('6')).toThrow(/--severity must be how upset the customer is, from 1 \(calm\) to 5 \(furious\)/);
    expect(parseAccepted('none')).toBe(0);
    expect(() => parseAccepted('5')).toThrow(/--accepted must be the accepted solution's rank, 1 to 4, or none/);
  });
});
