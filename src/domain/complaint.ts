/**
 * Complaint handling as a state machine: the five steps of DOMAIN.md section 3 (#316-#323).
 * The step moves only through TRANSITIONS; what a step still needs is read from the answers, so
 * "where to resume" is never stored apart from what was said. Pure: no database, no clock.
 */
import { t } from '../i18n.js';
import type { IsoDate } from './dates.js';

export const STEPS = ['listen', 'analyse', 'resolve', 'confirm', 'review', 'closed'] as const;
export type Step = (typeof STEPS)[number];
export type OpenStep = Exclude<Step, 'closed'>;
export const OPEN_STEPS = STEPS.filter((s): s is OpenStep => s !== 'closed');

/** The step as people read it; in Chinese the method's own words (倾听, 分析, 解决, 确认, 总结). */
export function stepTitle(step: Step): string {
  const titles: Record<Step, string> = {
    listen: t('Listen'),
    analyse: t('Analyse'),
    resolve: t('Resolve'),
    confirm: t('Confirm'),
    review: t('Review\u0004complaint step'),
    closed: t('Closed'),
  };
  return titles[step];
}

/** The typical causes seed 004 names, and a way out for the rest. */
export const CAUSES = ['product', 'misuse', 'service', 'expectations', 'misunderstanding', 'other'] as const;
export type Cause = (typeof CAUSES)[number];
/** The cause as people read it; the id (--cause, --json) stays as it is. */
export function causeName(cause: Cause): string {
  const names: Record<Cause, string> = {
    product: t('product quality'),
    misuse: t('wrong use by the customer'),
    service: t('poor service'),
    expectations: t('expectations set too high'),
    misunderstanding: t('misunderstanding'),
    other: t('other'),
  };
  return names[cause];
}

export const MAX_SOLUTIONS = 4;
/** Confirmation calls, in days after the resolution, when the salesperson names none (#322: once or twice). */
export const DEFAULT_CONFIRM_DAYS: readonly number[] = [2, 7];

/** 'YYYY-MM-DD HH:MM' (the tool's day and the clock's time), or 'YYYY-MM-DD' when no time is known. */
export type Moment = string;

export interface Complaint {
  id: number;
  customerId: number;
  step: Step;
  openedOn: IsoDate;
  openedAt: Moment;
  // Listen
  words: string | null;
  channel: string | null;
  severity: number | null;
  understood: boolean | null;
  wants: string | null;
  // Analyse
  cause: Cause | null;
  /** Optional; '' once asked and left empty, so a resumed walk does not ask again. */
  finding: string | null;
  reasonable: boolean | null;
  ourFault: boolean | null;
  // Resolve: the current round; a dissatisfied customer starts a new one, the log keeps the old.
  round: number;
  idea: string | null;
  solutions: string[];
  /** 1-based rank of the accepted solution; 0: all refused so far; null: not asked. */
  accepted: number | null;
  gesture: string | null;
  /** The open promise to answer by ('YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'); null once answered. */
  promisedBy: string | null;
  /** Promises and confirmation calls made so far, numbering their reminders across rounds. */
  promises: number;
  confirms: number;
  resolvedAt: Moment | null;
  // Confirm
  satisfied: boolean | null;
  // Review
  rootCause: string | null;
  lesson: string | null;
  prevention: string | null;
  closedAt: Moment | null;
}

export type ComplaintEvent = 'listened' | 'analysed' | 'resolved' | 'satisfied' | 'dissatisfied' | 'closed';

/**
 * Every move the machine allows. A dissatisfied customer sends the complaint back to Resolve from
 * Confirm, and from Review too (the second confirmation call can still go wrong, #322). Closed is final.
 */
export const TRANSITIONS: Readonly<Record<Step, Readonly<Partial<Record<ComplaintEvent, Step>>>>> = {
  listen: { listened: 'analyse' },
  analyse: { analysed: 'resolve' },
  resolve: { resolved: 'confirm' },
  confirm: { satisfied: 'review', dissatisfied: 'resolve' },
  review: { dissatisfied: 'resolve', closed: 'closed' },
  closed: {},
};

export function transition(from: Step, event: ComplaintEvent): Step | undefined {
  return TRANSITIONS[from][event];
}

/** The answers each step cannot do without (optional ones, like the gesture, are not listed). */
export const REQUIRED = {
  listen: ['words', 'channel', 'severity', 'understood', 'wants'],
  analyse: ['cause', 'reasonable', 'ourFault'],
  resolve: ['idea', 'solution', 'accepted', 'resolved'],
  confirm: ['satisfied'],
  review: ['rootCause', 'lesson', 'prevention'],
} as const satisfies Record<OpenStep, readonly string[]>;
export type RequiredAnswer = (typeof REQUIRED)[OpenStep][number];

function given(c: Complaint, a: RequiredAnswer): boolean {
  switch (a) {
    case 'solution':
      return c.solutions.length > 0;
    case 'resolved':
      return c.resolvedAt !== null;
    default:
      return c[a] !== null;
  }
}

/** The required answers of `step` not given yet. */
export function missingAnswers(c: Complaint, step: OpenStep): RequiredAnswer[] {
  return (REQUIRED[step] as readonly RequiredAnswer[]).filter((a) => !given(c, a));
}

/** Given answers can still leave a step open: the customer must confirm being understood and be satisfied. */
export function stepComplete(c: Complaint, step: OpenStep): boolean {
  if (missingAnswers(c, step).length) return false;
  if (step === 'listen') return c.understood === true;
  if (step === 'confirm') return c.satisfied === true;
  return true;
}

/** Where a resumed walk continues; 'closed' when only closing is left (or it is closed). */
export function firstUnanswered(c: Complaint): Step {
  if (c.step === 'closed') return 'closed';
  return OPEN_STEPS.find((s) => !stepComplete(c, s)) ?? 'closed';
}

/** Closing is allowed only from Review with its three answers: the lesson is the point (#322). */
export function canClose(c: Complaint): boolean {
  return transition(c.step, 'closed') !== undefined && stepComplete(c, 'review');
}

// i18n-ignore: states in --json; complaint show words them for people
export type SolutionState = 'accepted' | 'refused' | 'not offered';

/** Offered best first, the next if refused (#322): those ranked above the accepted one were refused. */
export function solutionStates(c: Pick<Complaint, 'solutions' | 'accepted'>): SolutionState[] {
  return c.solutions.map((_, i) => {
    // i18n-ignore: a state, as above
    if (c.accepted === null) return 'not offered';
    if (c.accepted === 0 || i + 1 < c.accepted) return 'refused';
    // i18n-ignore: a state, as above
    return i + 1 === c.accepted ? 'accepted' : 'not offered';
  });
}

/** Dedupe keys of the reminders a complaint plans: 'k3:promise:1', 'k3:confirm:2'. */
export function reminderKey(complaintId: number, kind: 'promise' | 'confirm', n: number): string {
  return `k${complaintId}:${kind}:${n}`;
}

export function parseReminderKey(key: string): { complaintId: number; kind: 'promise' | 'confirm'; n: number } | undefined {
  const m = /^k(\d+):(promise|confirm):(\d+)$/.exec(key);
  return m ? { complaintId: Number(m[1]), kind: m[2] as 'promise' | 'confirm', n: Number(m[3]) } : undefined;
}
