/**
 * One answer at a time: what it changes in a complaint, the log entries that keep it, the step it
 * moves to, and the reminders it asks for. Pure, so the walk, the flags and `crm done` all record
 * answers the same way, and a refused answer is refused before anything is written.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { addDays, type IsoDate } from './dates.js';
import type { Reminder } from './reminder.js';
import {
  canClose,
  MAX_SOLUTIONS,
  missingAnswers,
  reminderKey,
  STEPS,
  stepComplete,
  stepTitle,
  transition,
  type Cause,
  type Complaint,
  type ComplaintEvent,
  type Moment,
  type OpenStep,
  type Step,
} from './complaint.js';

export type TextField = 'words' | 'channel' | 'wants' | 'finding' | 'idea' | 'solution' | 'gesture' | 'confirmNote' | 'rootCause' | 'lesson' | 'prevention';
export type Answer =
  | { field: TextField; value: string }
  | { field: 'severity' | 'accepted'; value: number }
  | { field: 'understood' | 'reasonable' | 'ourFault' | 'satisfied'; value: boolean }
  | { field: 'cause'; value: Cause }
  /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM': the customer gets an answer by then, whatever the progress. */
  | { field: 'promise'; value: string }
  /** The accepted solution is carried out; the value: days after today of the confirmation calls. */
  | { field: 'resolved'; value: number[] }
  | { field: 'closed'; value: true }
  /**
   * Said in the walk and kept in the log only, so a resumed walk does not ask them again: the
   * solutions are all listed (an empty "Solution n"), and "is it settled now?" was answered.
   */
  | { field: 'solutionsDone'; value: true }
  | { field: 'settled'; value: boolean };
export type AnswerField = Answer['field'];

export const FIELD_STEP: Readonly<Record<AnswerField, OpenStep>> = {
  words: 'listen', channel: 'listen', severity: 'listen', understood: 'listen', wants: 'listen',
  cause: 'analyse', finding: 'analyse', reasonable: 'analyse', ourFault: 'analyse',
  idea: 'resolve', solution: 'resolve', solutionsDone: 'resolve', accepted: 'resolve', gesture: 'resolve', settled: 'resolve', promise: 'resolve', resolved: 'resolve',
  satisfied: 'confirm', confirmNote: 'confirm',
  rootCause: 'review', lesson: 'review', prevention: 'review', closed: 'review',
};

const FLAGS: Readonly<Record<Exclude<AnswerField, 'resolved' | 'settled'>, string>> = {
  words: '--words TEXT', channel: '--channel CHANNEL', severity: '--severity 1-5', understood: '--understood yes|no', wants: '--wants TEXT',
  cause: '--cause CAUSE', finding: '--finding TEXT', reasonable: '--reasonable yes|no', ourFault: '--our-fault yes|no',
  idea: '--idea TEXT', solution: '--solution TEXT', solutionsDone: '--solution TEXT', accepted: '--accepted N|none', gesture: '--gesture TEXT', promise: '--promise DATE',
  satisfied: '--satisfied yes|no', confirmNote: '--note TEXT',
  rootCause: '--root-cause TEXT', lesson: '--lesson TEXT', prevention: '--prevention TEXT',
  // i18n-ignore: a command line, typed the same in every language
  closed: 'crm complaint close',
};

/** What the user types instead of answering a question: named in every refusal. */
export function flagOf(field: AnswerField): string {
  return field === 'resolved' || field === 'settled' ? t('--resolved (or --promise DATE)') : FLAGS[field];
}

/** Facts about the customer's call that may be corrected later; the log keeps what was said first. */
const CORRECTABLE: ReadonlySet<AnswerField> = new Set(['words', 'channel', 'severity', 'wants', 'cause', 'finding', 'reasonable', 'ourFault']);

export interface LogEntry {
  at: Moment;
  step: Step;
  /** The answer's field, 'opened', or 'step' for a change of step. */
  field: string;
  value: unknown;
}

export type Effect =
  | { kind: 'promise'; n: number; by: string }
  | { kind: 'resolved'; firstN: number; dues: IsoDate[] }
  | { kind: 'confirmed'; satisfied: boolean }
  | { kind: 'closed' };

export interface Applied {
  complaint: Complaint;
  log: LogEntry[];
  effects: Effect[];
}

export type PlannedReminder = Omit<Reminder, 'id' | 'closedOn' | 'reason' | 'createdOn'>;

const order = (s: Step) => STEPS.indexOf(s);

/**
 * The log since the complaint last came to `step` (all of it for Listen, where it starts): one
 * Resolve round, one confirmation call. What a resumed walk was already told in it is not asked again.
 */
export function sinceStep(log: readonly LogEntry[], step: Step): LogEntry[] {
  return log.slice(log.findLastIndex((e) => e.field === 'step' && e.value === step) + 1);
}

/** The entries after the last one of `field` (all of them when there is none). */
export function sinceLast(log: readonly LogEntry[], field: AnswerField): LogEntry[] {
  return log.slice(log.findLastIndex((e) => e.field === field) + 1);
}

/** The flags that would complete `step`; a customer who did not feel understood must say so first. */
export function flagsToComplete(c: Complaint, step: OpenStep): string[] {
  const flags = missingAnswers(c, step).map((f) => flagOf(f));
  if (step === 'listen' && c.understood === false) flags.push(t('--understood yes (once the customer confirms)'));
  return flags;
}

function refuse(message: string): never {
  throw new UsageError(message);
}

function check(c: Complaint, a: Answer): void {
  const id = c.id;
  if (c.step === 'closed') refuse(t('complaint #{id}: it is closed; nothing more can be recorded (see crm complaint show {id})', { id }));
  if (a.field === 'closed') {
    if (canClose(c)) return;
    const missing = c.step === 'review' ? missingAnswers(c, 'review').map((f) => flagOf(f)).join(', ') : '';
    if (missing) refuse(t('complaint #{id}: it can be closed only after Review; it still needs {flags}', { id, flags: missing }));
    refuse(t('complaint #{id}: it can be closed only after Review; it is at {step}', { id, step: stepTitle(c.step) }));
  }
  const step = FIELD_STEP[a.field];
  const late = order(step) < order(c.step) && !CORRECTABLE.has(a.field) && !(step === 'confirm' && c.step === 'review');
  if (order(step) > order(c.step) || late) {
    const missing = flagsToComplete(c, c.step);
    const vars = { id, flag: flagOf(a.field), step: stepTitle(step), current: stepTitle(c.step), flags: missing.join(', ') };
    if (missing.length) refuse(t('complaint #{id}: {flag} belongs to {step}, but the complaint is at {current}; it still needs {flags}', vars));
    refuse(t('complaint #{id}: {flag} belongs to {step}, but the complaint is at {current}', vars));
  }
  if (a.field === 'solution' && c.solutions.length >= MAX_SOLUTIONS) {
    // Several --solution flags are applied one by one: name the one that does not fit, not a count
    // that already includes the others given with it.
    refuse(t('complaint #{id}: at most {max} solutions a round (#322: prepare 3-4, best first); "{solution}" would be solution {n}', { id, max: MAX_SOLUTIONS, solution: String(a.value), n: c.solutions.length + 1 }));
  }
  if (a.field === 'accepted' && a.value > c.solutions.length) {
    refuse(t("complaint #{id}: --accepted must be none or a solution's rank from 1 to {n} (got {got})", { id, n: c.solutions.length, got: a.value }));
  }
  if ((a.field === 'resolved' || (a.field === 'settled' && a.value)) && !(c.accepted && c.accepted > 0)) {
    refuse(t('complaint #{id}: --resolved needs the solution the customer accepted: --accepted N', { id }));
  }
}

/** A customer still unhappy starts a new Resolve round; the refused round stays in the log. */
function newRound(c: Complaint): Complaint {
  return { ...c, round: c.round + 1, idea: null, solutions: [], accepted: null, gesture: null, promisedBy: null, resolvedAt: null, satisfied: null };
}

function eventAfter(c: Complaint, a: Answer): ComplaintEvent | undefined {
  if (a.field === 'closed') return 'closed';
  if (a.field === 'resolved') return 'resolved';
  if (a.field === 'satisfied') return a.value ? (c.step === 'confirm' ? 'satisfied' : undefined) : 'dissatisfied';
  if (c.step === 'listen' && stepComplete(c, 'listen')) return 'listened';
  if (c.step === 'analyse' && stepComplete(c, 'analyse')) return 'analysed';
  return undefined;
}

export function applyAnswer(c: Complaint, a: Answer, when: { today: IsoDate; at: Moment }): Applied {
  check(c, a);
  const log: LogEntry[] = [{ at: when.at, step: FIELD_STEP[a.field], field: a.field, value: a.value }];
  const effects: Effect[] = [];
  let next: Complaint = { ...c };
  switch (a.field) {
    case 'solution':
      next.solutions = [...c.solutions, a.value];
      break;
    case 'promise':
      next = { ...next, promises: c.promises + 1, promisedBy: a.value };
      effects.push({ kind: 'promise', n: next.promises, by: a.value });
      break;
    case 'resolved': {
      const dues = a.value.map((d) => addDays(when.today, d));
      next = { ...next, resolvedAt: when.at, promisedBy: null, confirms: c.confirms + dues.length };
      effects.push({ kind: 'resolved', firstN: c.confirms + 1, dues });
      break;
    }
    case 'satisfied':
      next.satisfied = a.value;
      effects.push({ kind: 'confirmed', satisfied: a.value });
      break;
    case 'closed':
      next.closedAt = when.at;
      effects.push({ kind: 'closed' });
      break;
    case 'confirmNote':
    case 'solutionsDone':
    case 'settled':
      break;
    default:
      next = { ...next, [a.field]: a.value };
  }
  const event = eventAfter(next, a);
  const to = event && transition(next.step, event);
  if (to) {
    next = event === 'dissatisfied' ? newRound({ ...next, step: to }) : { ...next, step: to };
    log.push({ at: when.at, step: to, field: 'step', value: to });
  }
  return { complaint: next, log, effects };
}

// A reminder's title is stored: it reads in the language in force when it was planned, as the playbook's do.
export function promiseReminder(c: Pick<Complaint, 'id' | 'customerId'>, n: number, by: string): PlannedReminder {
  return {
    customerId: c.customerId, saleId: null, rule: 'complaint-promise', action: 'call', lesson: '#322', state: 'open',
    title: t('Complaint #{id}: answer promised by {by} — call back with the result', { id: c.id, by }),
    due: by.slice(0, 10),
    dedupeKey: reminderKey(c.id, 'promise', n),
  };
}

/** The `which`-th of `of` confirmation calls planned at once; `n` numbers it across rounds. */
export function confirmReminder(c: Pick<Complaint, 'id' | 'customerId'>, n: number, due: IsoDate, which: number, of: number): PlannedReminder {
  return {
    customerId: c.customerId, saleId: null, rule: 'complaint-confirm', action: 'call', lesson: '#322', state: 'open',
    title: t('Complaint #{id}: confirmation call {which} of {of} — satisfied with the fix and the compensation? thank them, ask for a referral', { id: c.id, which, of }),
    due,
    dedupeKey: reminderKey(c.id, 'confirm', n),
  };
}
