/** `crm complaint list` and `crm complaint show`: where each complaint stands, and how it got there. */
import type { Deps } from '../deps.js';
import { parsePositiveInt } from '../domain/parse.js';
import { channelLabel } from '../domain/labels.js';
import { causeName, solutionStates, stepTitle, type Cause, type Complaint, type SolutionState, type Step } from '../domain/complaint.js';
import { sinceStep, type AnswerField, type LogEntry } from '../domain/complaint-answers.js';
import { currentLang, t, tDate } from '../i18n.js';
import type { ReminderState } from '../domain/reminder.js';
import type { Store } from '../store/index.js';
import { info, printJson, type Io } from '../ui/io.js';
import { printTable, renderTable } from '../ui/table.js';
import { displayWidth } from '../ui/width.js';
import { complaintReminders, getComplaint } from './complaint-record.js';

/** The JSON of one complaint: every answer, the customer named, the solutions with their fate. */
export function complaintJson(c: Complaint, customerName: string) {
  const states = solutionStates(c);
  return {
    ...c,
    customer: { id: c.customerId, name: customerName },
    solutions: c.solutions.map((text, i) => ({ rank: i + 1, text, state: states[i] })),
  };
}

/** 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD' as people read it: "Wed 2026-03-04 15:00" / "2026年3月4日 周三 15:00". */
export function tMoment(m: string): string {
  return m.length > 10 ? `${tDate(m.slice(0, 10))} ${m.slice(11)}` : tDate(m);
}

/** In a list, English shows the ids one types (crm complaint step 3 resolve); Chinese names them. */
export const stepCell = (s: Step) => (currentLang() === 'en' ? s : stepTitle(s));
export const causeCell = (c: Cause | null) => c && (currentLang() === 'en' ? c : causeName(c));

const yesNo = (v: boolean | null) => (v === null ? null : v ? t('yes') : t('no'));
const moment = (m: string | null) => m && tMoment(m);

function solutionText(rank: number, text: string, state: SolutionState): string {
  if (state === 'accepted') return t('{rank}. {text} (accepted)', { rank, text });
  if (state === 'refused') return t('{rank}. {text} (refused)', { rank, text });
  return t('{rank}. {text} (not offered)', { rank, text });
}

/**
 * What the customer said on the confirmation call that led where the complaint stands (Confirm,
 * Review or closed), from the log: the complaint keeps no note of its own.
 */
function callNotes(c: Complaint, log: readonly LogEntry[]): string | null {
  if (c.step !== 'confirm' && c.step !== 'review' && c.step !== 'closed') return null;
  const notes = sinceStep(log, 'confirm').filter((e) => e.field === 'confirmNote' && e.value !== '');
  return notes.map((e) => String(e.value)).join('\n') || null;
}

/** What is known so far, step by step; the blank answers are left out. */
export function renderComplaint(io: Io, c: Complaint, customerName: string, log: readonly LogEntry[]): string {
  const states = solutionStates(c);
  const sections: [Step, [string, string | number | null][]][] = [
    ['listen', [
      [t('Words'), c.words],
      [t('Channel'), c.channel && channelLabel(c.channel)],
      [t('Severity'), c.severity && t('{n} of 5', { n: c.severity })],
      [t('Understood'), yesNo(c.understood)],
      [t('Wants'), c.wants],
    ]],
    ['analyse', [[t('Cause'), c.cause && causeName(c.cause)], [t('Finding'), c.finding], [t('Reasonable'), yesNo(c.reasonable)], [t('Our fault'), yesNo(c.ourFault)]]],
    ['resolve', [
      [t('Round'), c.round > 1 ? c.round : null],
      [t('Their idea'), c.idea],
      [t('Solutions'), c.solutions.map((s, i) => solutionText(i + 1, s, states[i])).join('\n') || null],
      [t('Gesture'), c.gesture],
      [t('Promised by'), moment(c.promisedBy)],
      [t('Resolved'), moment(c.resolvedAt)],
    ]],
    ['confirm', [[t('Call note'), callNotes(c, log)], [t('Satisfied'), yesNo(c.satisfied)]]],
    ['review', [[t('Root cause'), c.rootCause], [t('Lesson'), c.lesson], [t('Prevention'), c.prevention], [t('Closed'), moment(c.closedAt)]]],
  ];
  const complaint = io.color.bold(t('Complaint #{id}', { id: c.id }));
  const vars = { complaint, name: customerName, customerId: c.customerId, step: stepTitle(c.step), opened: tMoment(c.openedAt) };
  const lines = [t('{complaint}  {name} (customer {customerId})  at {step}, opened {opened}', vars)];
  const known = sections.map(([step, rows]) => [step, rows.filter(([, v]) => v !== null && v !== '')] as const).filter(([, rows]) => rows.length);
  // Labels take 12 columns, more if a language's longest label needs them.
  const width = Math.max(12, ...known.flatMap(([, rows]) => rows.map(([label]) => displayWidth(label) + 1)));
  for (const [step, rows] of known) {
    lines.push(io.color.bold(stepTitle(step)));
    for (const [label, v] of rows) lines.push(`  ${label}${' '.repeat(width - displayWidth(label))}${String(v).replace(/\n/g, '\n' + ' '.repeat(width + 2))}`);
  }
  return lines.join('\n') + '\n';
}

type Labelled = Exclude<AnswerField, 'accepted' | 'closed' | 'solutionsDone'>;

/** What the timeline calls each answer. */
function answerLabel(field: Labelled): string {
  const labels: Record<Labelled, string> = {
    words: t('Words'), channel: t('Channel'), severity: t('Severity'), understood: t('Understood'), wants: t('Wants'),
    cause: t('Cause'), finding: t('Finding'), reasonable: t('Reasonable'), ourFault: t('Our fault'),
    idea: t('Their idea'), solution: t('Solution'), gesture: t('Gesture'), settled: t('Settled now'), promise: t('Answer promised by'),
    resolved: t('Resolved; confirmation calls after (days)'), satisfied: t('Satisfied'), confirmNote: t('Call note'),
    rootCause: t('Root cause'), lesson: t('Lesson'), prevention: t('Prevention'),
  };
  return labels[field];
}

function entryText(e: LogEntry): string {
  if (e.field === 'opened') return t('complaint opened');
  if (e.field === 'step') return `→ ${stepTitle(e.value as Step)}`;
  if (e.field === 'accepted') return e.value === 0 ? t('no solution accepted') : t('solution {n} accepted', { n: e.value as number });
  if (e.field === 'closed') return t('complaint closed');
  if (e.field === 'solutionsDone') return t('no more solutions');
  const shown = valueText(e);
  return t('{label}: {value}', { label: answerLabel(e.field as Labelled), value: shown === '' ? t('(none)') : shown.replace(/\n/g, ' ⏎ ') });
}

function valueText({ field, value: v }: LogEntry): string {
  if (field === 'cause') return causeName(v as Cause);
  if (field === 'channel' && typeof v === 'string') return channelLabel(v);
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  return Array.isArray(v) ? v.join(', ') : String(v);
}

function reminderState(state: ReminderState): string {
  const states: Record<ReminderState, string> = { open: t('open'), done: t('done'), skipped: t('skipped'), missed: t('missed') };
  return states[state];
}

function customerName(store: Store, c: Complaint): string {
  return store.customers.get(c.customerId)?.name ?? '?';
}

export function showComplaint(ref: string, deps: Deps): void {
  const { store, io } = deps;
  const c = getComplaint(store, parsePositiveInt(ref, t('complaint id')));
  const name = customerName(store, c);
  const timeline = store.complaints.log(c.id);
  const followUps = complaintReminders(store, c, undefined, false);
  if (io.json) return printJson(io, { complaint: complaintJson(c, name), timeline, followUps });
  let text = renderComplaint(io, c, name, timeline);
  if (followUps.length) {
    const head = [t('id'), t('due'), t('state'), t('title')];
    text += `\n${io.color.bold(t('Follow-ups'))}\n` + renderTable(io, head, followUps.map((r) => [r.id, r.due, reminderState(r.state), r.title]));
  }
  text += `\n${io.color.bold(t('Timeline'))}\n`;
  text += renderTable(io, [t('at'), t('step'), t('what')], timeline.map((e) => [e.at, stepTitle(e.step), entryText(e)]));
  io.stdout(text);
}

/** The start of the customer's words, for a table cell. */
export function excerpt(s: string | null, width = 30): string {
  const line = (s ?? '').split('\n')[0];
  return line.length > width ? line.slice(0, width - 1) + '…' : line;
}

export function listComplaints(opts: { open?: boolean }, deps: Deps): void {
  const { store, io } = deps;
  const rows = store.complaints.list({ openOnly: Boolean(opts.open) });
  if (io.json) return printJson(io, rows.map((c) => complaintJson(c, c.customerName)));
  if (!rows.length) return info(io, opts.open ? t('No open complaints.') : t('No complaints yet: crm complaint open records one.'));
  printTable(
    io,
    [t('id'), t('opened'), t('customer'), t('step'), t('severity'), t('cause'), t('answer promised by'), t('words')],
    rows.map((c) => [c.id, c.openedOn, c.customerName, stepCell(c.step), c.severity, causeCell(c.cause), c.promisedBy, excerpt(c.words)]),
  );
}
