import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/domain/complaint-answers.js';
import { firstAnswerMinutes, minutesBetween, promiseOutcomes, summarize } from '../../src/domain/complaint-report.js';
import type { Complaint } from '../../src/domain/complaint.js';

const e = (at: string, field: string, value: unknown = true): LogEntry => ({ at, step: 'resolve', field, value });

describe('complaint figures from the log', () => {
  it.each([
    ['2026-03-02 09:00', '2026-03-02 11:30', 150],
    ['2026-03-02 23:00', '2026-03-03 01:00', 120],
    ['2026-03-02', '2026-03-04', 2880],
  ])('minutes from %s to %s: %i', (from, to, want) => expect(minutesBetween(from, to)).toBe(want));

  it.each([
    ['answered by the resolution in time', [e('2026-03-02 10:00', 'promise', '2026-03-04 15:00'), e('2026-03-04 14:59', 'resolved', [2])], ['kept']],
    ['answered a minute late', [e('2026-03-02 10:00', 'promise', '2026-03-04 15:00'), e('2026-03-04 15:01', 'resolved', [2])], ['broken']],
    ['a day-only promise answered that evening', [e('2026-03-02 10:00', 'promise', '2026-03-04'), e('2026-03-04 21:00', 'resolved', [2])], ['kept']],
    ['a progress answer with a new time keeps the first', [e('2026-03-02 10:00', 'promise', '2026-03-04'), e('2026-03-03 10:00', 'promise', '2026-03-06'), e('2026-03-07 09:00', 'resolved', [2])], ['kept', 'broken']],
    ['an open promise not due yet', [e('2026-03-02 10:00', 'promise', '2026-03-05 12:00')], ['pending']],
    ['an open promise past its time', [e('2026-03-01 10:00', 'promise', '2026-03-05 09:00')], ['broken']],
    ['an answer recorded with the day only (crm done)', [e('2026-03-02 10:00', 'promise', '2026-03-05 09:00'), e('2026-03-05', 'resolved', [2])], ['kept']],
  ] as [string, LogEntry[], string[]][])('promise %s', (_, log, want) => {
    expect(promiseOutcomes(log, '2026-03-05 10:00').map((p) => p.state)).toEqual(want);
  });

  it('measures the first answer from opening to the first solution, promise or resolution', () => {
    const log = [e('2026-03-02 09:05', 'words', 'x'), e('2026-03-02 11:00', 'solution', 'a'), e('2026-03-02 12:00', 'promise', '2026-03-03')];
    expect(firstAnswerMinutes({ openedAt: '2026-03-02 09:00' }, log)).toBe(120);
    expect(firstAnswerMinutes({ openedAt: '2026-03-02 09:00' }, log.slice(0, 1))).toBeNull();
  });

  it('summarizes causes, steps, waits and promises', () => {
    const c = (id: number, over: Partial<Complaint>) => ({ id, openedAt: '2026-03-02 09:00', cause: null, step: 'listen', ...over }) as Complaint;
    const complaints = [c(1, { cause: 'product', step: 'closed' }), c(2, { cause: 'product', step: 'resolve' }), c(3, {})];
    const logs = new Map([
      [1, [e('2026-03-02 10:00', 'solution', 'a'), e('2026-03-02 10:00', 'resolved', [2])]],
      [2, [e('2026-03-02 13:00', 'promise', '2026-03-01')]],
    ]);
    const s = summarize(complaints, logs, '2026-03-05 10:00');
    expect(s.complaints).toBe(3);
    expect(s.byCause).toMatchObject({ product: 2, notAnalysed: 1, service: 0 });
    expect(s.byStep).toMatchObject({ closed: 1, resolve: 1, listen: 1 });
    expect(s.firstAnswer).toEqual({ answered: 2, medianHours: 2.5, slowestHours: 4 });
    expect(s.promises).toEqual({ made: 1, kept: 0, broken: 1, pending: 0 });
  });
});
