import { describe, expect, it } from 'vitest';
import {
  canClose,
  firstUnanswered,
  parseReminderKey,
  solutionStates,
  STEPS,
  transition,
  type Complaint,
  type ComplaintEvent,
  type Step,
} from '../../src/domain/complaint.js';
import { applyAnswer, sinceLast, sinceStep, type Answer, type LogEntry } from '../../src/domain/complaint-answers.js';
import { UsageError } from '../../src/errors.js';

const when = { today: '2026-03-02', at: '2026-03-02 10:00' };

function complaint(over: Partial<Complaint> = {}): Complaint {
  return {
    id: 3, customerId: 1, step: 'listen', openedOn: '2026-03-02', openedAt: '2026-03-02 09:00',
    words: null, channel: null, severity: null, understood: null, wants: null,
    cause: null, finding: null, reasonable: null, ourFault: null,
    round: 1, idea: null, solutions: [], accepted: null, gesture: null, promisedBy: null, promises: 0, confirms: 0, resolvedAt: null,
    satisfied: null, rootCause: null, lesson: null, prevention: null, closedAt: null, ...over,
  };
}

const listened = { words: '坏了', channel: 'phone', severity: 4, understood: true, wants: '换新' };
const analysed = { ...listened, cause: 'product' as const, finding: '', reasonable: true, ourFault: true };
const resolved = { ...analysed, idea: '换新', solutions: ['换新机', '维修'], accepted: 1, gesture: '', resolvedAt: '2026-03-02 10:00', confirms: 2 };
const reviewed = { ...resolved, satisfied: true, rootCause: '批次', lesson: '抽检', prevention: '每批抽检' };

function applyAll(c: Complaint, answers: Answer[]): Complaint {
  return answers.reduce((cur, a) => applyAnswer(cur, a, when).complaint, c);
}

describe('the complaint state machine (DOMAIN.md section 3)', () => {
  const EVENTS: ComplaintEvent[] = ['listened', 'analysed', 'resolved', 'satisfied', 'dissatisfied', 'closed'];
  // Every (step, event) pair: the allowed moves, and nothing else.
  const ALLOWED: Record<Step, Partial<Record<ComplaintEvent, Step>>> = {
    listen: { listened: 'analyse' },
    analyse: { analysed: 'resolve' },
    resolve: { resolved: 'confirm' },
    confirm: { satisfied: 'review', dissatisfied: 'resolve' },
    review: { dissatisfied: 'resolve', closed: 'closed' },
    closed: {},
  };
  it.each(STEPS.flatMap((s) => EVENTS.map((e) => [s, e, ALLOWED[s][e] ?? null] as const)))('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event) ?? null).toBe(to);
  });

  it.each([
    ['nothing answered', {}, 'listen'],
    ['listened but not understood', { ...listened, understood: false }, 'listen'],
    ['listened', { ...listened, step: 'analyse' }, 'analyse'],
    ['analysed', { ...analysed, step: 'resolve' }, 'resolve'],
    ['an answer promised, not resolved', { ...analysed, step: 'resolve', idea: 'x', solutions: ['a'], accepted: 1, promisedBy: '2026-03-04' }, 'resolve'],
    ['resolved', { ...resolved, step: 'confirm' }, 'confirm'],
    ['confirmed satisfied', { ...resolved, step: 'review', satisfied: true }, 'review'],
    ['reviewed, only closing left', { ...reviewed, step: 'review' }, 'closed'],
    ['closed', { ...reviewed, step: 'closed' }, 'closed'],
  ] as [string, Partial<Complaint>, Step][])('first unanswered step when %s: %s', (_, over, want) => {
    expect(firstUnanswered(complaint(over))).toBe(want);
  });

  it.each(['listen', 'analyse', 'resolve', 'confirm'] as const)('cannot close at %s, even with the review answered', (step) => {
    const c = complaint({ ...reviewed, step });
    expect(canClose(c)).toBe(false);
    expect(() => applyAnswer(c, { field: 'closed', value: true }, when)).toThrow(/can be closed only after Review/);
  });

  it('cannot close at Review until cause, lesson and prevention are recorded; then can', () => {
    const c = complaint({ ...resolved, step: 'review', satisfied: true, rootCause: '批次' });
    expect(() => applyAnswer(c, { field: 'closed', value: true }, when)).toThrow(/still needs --lesson TEXT, --prevention TEXT/);
    const done = applyAll(c, [{ field: 'lesson', value: 'l' }, { field: 'prevention', value: 'p' }, { field: 'closed', value: true }]);
    expect(done).toMatchObject({ step: 'closed', closedAt: '2026-03-02 10:00' });
    expect(() => applyAnswer(done, { field: 'lesson', value: 'late' }, when)).toThrow(/it is closed/);
  });

  it.each(['confirm', 'review'] as const)('goes back to Resolve, in a new round, when the customer is not satisfied at %s', (step) => {
    const c = complaint({ ...resolved, step, satisfied: step === 'review' ? true : null, promises: 1 });
    const { complaint: next, log, effects } = applyAnswer(c, { field: 'satisfied', value: false }, when);
    expect(next).toMatchObject({ step: 'resolve', round: 2, idea: null, solutions: [], accepted: null, resolvedAt: null, satisfied: null, promises: 1, confirms: 2 });
    expect(next.words).toBe('坏了');
    expect(log.map((e) => [e.field, e.value])).toEqual([['satisfied', false], ['step', 'resolve']]);
    expect(effects).toEqual([{ kind: 'confirmed', satisfied: false }]);
    expect(firstUnanswered(next)).toBe('resolve');
  });

  it('a satisfied second call at Review is recorded and moves nothing', () => {
    const c = complaint({ ...resolved, step: 'review', satisfied: true });
    expect(applyAnswer(c, { field: 'satisfied', value: true }, when).complaint.step).toBe('review');
  });

  it('walks all five steps with the step always at the first unanswered one', () => {
    const answers: Answer[] = [
      { field: 'words', value: '坏了' }, { field: 'channel', value: 'phone' }, { field: 'severity', value: 5 },
      { field: 'understood', value: false }, { field: 'understood', value: true }, { field: 'wants', value: '换新' },
      { field: 'cause', value: 'misuse' }, { field: 'reasonable', value: false }, { field: 'ourFault', value: false },
      { field: 'idea', value: '退货' }, { field: 'solution', value: 'a' }, { field: 'solution', value: 'b' }, { field: 'accepted', value: 0 },
      { field: 'promise', value: '2026-03-04 15:00' }, { field: 'accepted', value: 2 }, { field: 'resolved', value: [2, 7] },
      { field: 'satisfied', value: true }, { field: 'rootCause', value: 'r' }, { field: 'lesson', value: 'l' }, { field: 'prevention', value: 'p' },
    ];
    let c = complaint();
    const steps: Step[] = [];
    for (const a of answers) {
      c = applyAnswer(c, a, when).complaint;
      steps.push(c.step);
      expect(c.step).toBe(firstUnanswered(c) === 'closed' ? 'review' : firstUnanswered(c));
    }
    expect(steps).toEqual([
      'listen', 'listen', 'listen', 'listen', 'listen', 'analyse', 'analyse', 'analyse', 'resolve',
      'resolve', 'resolve', 'resolve', 'resolve', 'resolve', 'resolve', 'confirm', 'review', 'review', 'review', 'review',
    ]);
  });

  it('plans the promise and the confirmation calls as effects, numbered across rounds', () => {
    const c = complaint({ ...analysed, step: 'resolve', idea: 'x', solutions: ['a'], accepted: 1, promises: 1, confirms: 2 });
    expect(applyAnswer(c, { field: 'promise', value: '2026-03-05' }, when).effects).toEqual([{ kind: 'promise', n: 2, by: '2026-03-05' }]);
    const r = applyAnswer({ ...c, promisedBy: '2026-03-05' }, { field: 'resolved', value: [2, 7] }, when);
    expect(r.effects).toEqual([{ kind: 'resolved', firstN: 3, dues: ['2026-03-04', '2026-03-09'] }]);
    expect(r.complaint).toMatchObject({ step: 'confirm', promisedBy: null, confirms: 4, resolvedAt: '2026-03-02 10:00' });
  });

  it.each([
    ['an Analyse answer at Listen', {}, { field: 'cause', value: 'service' }, /--cause CAUSE belongs to Analyse, but the complaint is at Listen; it still needs --words TEXT/],
    ['a fifth solution', { ...analysed, step: 'resolve', solutions: ['a', 'b', 'c', 'd'] }, { field: 'solution', value: 'e' }, /at most 4 solutions a round .*; "e" would be solution 5$/],
    ['accepting a solution never offered', { ...analysed, step: 'resolve', solutions: ['a'] }, { field: 'accepted', value: 2 }, /--accepted must be none or a solution's rank from 1 to 1 \(got 2\)/],
    ['resolving with nothing accepted', { ...analysed, step: 'resolve', solutions: ['a'], accepted: 0 }, { field: 'resolved', value: [2] }, /--resolved needs the solution the customer accepted/],
    ['a new promise after the resolution', { ...resolved, step: 'confirm' }, { field: 'promise', value: '2026-03-09' }, /belongs to Resolve, but the complaint is at Confirm/],
    ['settled with nothing accepted', { ...analysed, step: 'resolve', solutions: ['a'], accepted: 0 }, { field: 'settled', value: true }, /--resolved needs the solution the customer accepted/],
  ] as [string, Partial<Complaint>, Answer, RegExp][])('refuses %s', (_, over, answer, message) => {
    const attempt = () => applyAnswer(complaint(over), answer, when);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });

  it('accepts corrections of what the customer said at any later open step, and logs them', () => {
    const c = complaint({ ...resolved, step: 'confirm' });
    const r = applyAnswer(c, { field: 'severity', value: 5 }, when);
    expect(r.complaint).toMatchObject({ step: 'confirm', severity: 5 });
    expect(r.log).toEqual([{ at: '2026-03-02 10:00', step: 'listen', field: 'severity', value: 5 }]);
  });

  it.each([
    [null, ['not offered', 'not offered', 'not offered']],
    [0, ['refused', 'refused', 'refused']],
    [1, ['accepted', 'not offered', 'not offered']],
    [3, ['refused', 'refused', 'accepted']],
  ] as const)('solutions are offered best first: accepted %s gives %j', (accepted, want) => {
    expect(solutionStates({ solutions: ['a', 'b', 'c'], accepted })).toEqual(want);
  });

  it('keeps in the log only, moving nothing, that the solutions are all listed and whether it is settled now', () => {
    const c = complaint({ ...analysed, step: 'resolve', idea: 'x', solutions: ['a'] });
    const listed = applyAnswer(c, { field: 'solutionsDone', value: true }, when);
    expect(listed.complaint).toEqual(c);
    expect(listed.log).toEqual([{ at: '2026-03-02 10:00', step: 'resolve', field: 'solutionsDone', value: true }]);
    const notYet = applyAnswer({ ...c, accepted: 1 }, { field: 'settled', value: false }, when);
    expect(notYet.complaint).toEqual({ ...c, accepted: 1 });
    expect(notYet.effects).toEqual([]);
  });

  it('reads a visit of a step from the log: one Resolve round, what came after the last promise', () => {
    const e = (field: string, value: unknown): LogEntry => ({ at: '2026-03-02 10:00', step: 'resolve', field, value });
    const log = [e('opened', {}), e('step', 'resolve'), e('solution', 'a'), e('step', 'confirm'), e('satisfied', false), e('step', 'resolve'), e('solution', 'b'), e('promise', '2026-03-04'), e('accepted', 1)];
    expect(sinceStep(log, 'resolve')).toEqual([e('solution', 'b'), e('promise', '2026-03-04'), e('accepted', 1)]);
    expect(sinceLast(sinceStep(log, 'resolve'), 'promise')).toEqual([e('accepted', 1)]);
    expect(sinceStep(log, 'listen')).toEqual(log);
    expect(sinceLast(log, 'settled')).toEqual(log);
  });

  it('reads back the reminder keys it writes', () => {
    expect(parseReminderKey('k3:promise:1')).toEqual({ complaintId: 3, kind: 'promise', n: 1 });
    expect(parseReminderKey('k12:confirm:4')).toEqual({ complaintId: 12, kind: 'confirm', n: 4 });
    expect(parseReminderKey('s3:thank-you')).toBeUndefined();
  });
});
