/**
 * What the complaint records say, measured: causes, where complaints stand, how fast the customer
 * got a first answer, and whether promised answer times were kept. Computed from the append-only log,
 * so a later correction cannot rewrite how fast or how late an answer really came.
 */
import { daysBetween } from './dates.js';
import { CAUSES, STEPS, type Cause, type Complaint, type Moment, type Step } from './complaint.js';
import type { LogEntry } from './complaint-answers.js';

export type PromiseState = 'kept' | 'broken' | 'pending';

export interface PromiseOutcome {
  by: string;
  answeredAt: Moment | null;
  state: PromiseState;
}

function minutesOf(m: Moment): number {
  return m.length > 10 ? Number(m.slice(11, 13)) * 60 + Number(m.slice(14, 16)) : 0;
}

export function minutesBetween(from: Moment, to: Moment): number {
  return daysBetween(from.slice(0, 10), to.slice(0, 10)) * 1440 + minutesOf(to) - minutesOf(from);
}

/** In time when answered by the promised minute, or the promised day when either has no time of day. */
function inTime(at: Moment, by: string): boolean {
  return at.length > 10 && by.length > 10 ? at <= by : at.slice(0, 10) <= by.slice(0, 10);
}

/**
 * Each promise is answered by the next promise (a progress answer with a new time) or by the
 * resolution; one still open is broken once its time has passed.
 */
export function promiseOutcomes(log: LogEntry[], now: Moment): PromiseOutcome[] {
  const out: PromiseOutcome[] = [];
  let open: string | null = null;
  const answer = (at: Moment) => {
    if (open !== null) out.push({ by: open, answeredAt: at, state: inTime(at, open) ? 'kept' : 'broken' });
    open = null;
  };
  for (const e of log) {
    if (e.field === 'promise') {
      answer(e.at);
      open = e.value as string;
    } else if (e.field === 'resolved') answer(e.at);
  }
  if (open !== null) out.push({ by: open, answeredAt: null, state: inTime(now, open) ? 'pending' : 'broken' });
  return out;
}

/** Opened to the first solution offered, answer promised or resolution: how long the customer waited. */
export function firstAnswerMinutes(c: Pick<Complaint, 'openedAt'>, log: LogEntry[]): number | null {
  const first = log.find((e) => e.field === 'solution' || e.field === 'promise' || e.field === 'resolved');
  return first ? minutesBetween(c.openedAt, first.at) : null;
}

export interface ComplaintSummary {
  complaints: number;
  byCause: Record<Cause | 'notAnalysed', number>;
  byStep: Record<Step, number>;
  firstAnswer: { answered: number; medianHours: number | null; slowestHours: number | null };
  promises: { made: number } & Record<PromiseState, number>;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(complaints: Complaint[], logs: Map<number, LogEntry[]>, now: Moment): ComplaintSummary {
  const byCause = Object.fromEntries([...CAUSES, 'notAnalysed'].map((k) => [k, 0])) as ComplaintSummary['byCause'];
  const byStep = Object.fromEntries(STEPS.map((s) => [s, 0])) as ComplaintSummary['byStep'];
  const waits: number[] = [];
  const promises = { made: 0, kept: 0, broken: 0, pending: 0 };
  for (const c of complaints) {
    const log = logs.get(c.id) ?? [];
    byCause[c.cause ?? 'notAnalysed']++;
    byStep[c.step]++;
    const wait = firstAnswerMinutes(c, log);
    if (wait !== null) waits.push(wait);
    for (const p of promiseOutcomes(log, now)) {
      promises.made++;
      promises[p.state]++;
    }
  }
  waits.sort((a, b) => a - b);
  return {
    complaints: complaints.length,
    byCause,
    byStep,
    firstAnswer: {
      answered: waits.length,
      medianHours: waits.length ? hours(median(waits)) : null,
      slowestHours: waits.length ? hours(waits[waits.length - 1]) : null,
    },
    promises,
  };
}
