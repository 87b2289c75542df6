/** `crm complaint list` and `crm complaint show`: where each complaint stands, and how it got there. */
import type { Deps } from '../deps.js';
import { parsePositiveInt } from '../domain/parse.js';
import { CAUSE_NAMES, solutionStates, STEP_TITLES, type Complaint, type Step } from '../domain/complaint.js';
import type { LogEntry } from '../domain/complaint-answers.js';
import type { Store } from '../store/index.js';
import { info, printJson, type Io } from '../ui/io.js';
import { printTable, renderTable } from '../ui/table.js';
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

const yesNo = (v: boolean | null) => (v === null ? null : v ? 'yes' : 'no');

/** What is known so far, step by step; the blank answers are left out. */
export function renderComplaint(io: Io, c: Complaint, customerName: string): string {
  const states = solutionStates(c);
  const sections: [Step, [string, string | number | null][]][] = [
    ['listen', [['Words', c.words], ['Channel', c.channel], ['Severity', c.severity && `${c.severity} of 5`], ['Understood', yesNo(c.understood)], ['Wants', c.wants]]],
    ['analyse', [['Cause', c.cause && CAUSE_NAMES[c.cause]], ['Finding', c.finding], ['Reasonable', yesNo(c.reasonable)], ['Our fault', yesNo(c.ourFault)]]],
    ['resolve', [
      ['Round', c.round > 1 ? c.round : null],
      ['Their idea', c.idea],
      ['Solutions', c.solutions.map((s, i) => `${i + 1}. ${s} (${states[i]})`).join('\n') || null],
      ['Gesture', c.gesture],
      ['Promised by', c.promisedBy],
      ['Resolved', c.resolvedAt],
    ]],
    ['confirm', [['Satisfied', yesNo(c.satisfied)]]],
    ['review', [['Root cause', c.rootCause], ['Lesson', c.lesson], ['Prevention', c.prevention], ['Closed', c.closedAt]]],
  ];
  const lines = [`${io.color.bold(`Complaint #${c.id}`)}  ${customerName} (customer ${c.customerId})  at ${STEP_TITLES[c.step]}, opened ${c.openedAt}`];
  for (const [step, rows] of sections) {
    const known = rows.filter(([, v]) => v !== null && v !== '');
    if (!known.length) continue;
    lines.push(io.color.bold(STEP_TITLES[step]));
    for (const [label, v] of known) lines.push(`  ${label.padEnd(12)}${String(v).replace(/\n/g, '\n' + ' '.repeat(14))}`);
  }
  return lines.join('\n') + '\n';
}

const LABELS: Record<string, string> = {
  ourFault: 'our fault', rootCause: 'root cause', confirmNote: 'call note', idea: 'their idea', promise: 'answer promised by',
  resolved: 'resolved; confirmation calls after (days)', satisfied: 'satisfied', understood: 'understood',
};

function entryText(e: LogEntry): string {
  if (e.field === 'opened') return 'opened';
  if (e.field === 'step') return `→ ${STEP_TITLES[e.value as Step]}`;
  if (e.field === 'accepted') return e.value === 0 ? 'no solution accepted' : `solution ${e.value} accepted`;
  if (e.field === 'closed') return 'closed';
  const v = e.value;
  const shown = typeof v === 'boolean' ? (v ? 'yes' : 'no') : Array.isArray(v) ? v.join(', ') : String(v);
  return `${LABELS[e.field] ?? e.field}: ${shown === '' ? '(none)' : shown.replace(/\n/g, ' ⏎ ')}`;
}

function customerName(store: Store, c: Complaint): string {
  return store.customers.get(c.customerId)?.name ?? '?';
}

export function showComplaint(ref: string, deps: Deps): void {
  const { store, io } = deps;
  const c = getComplaint(store, parsePositiveInt(ref, 'complaint id'));
  const name = customerName(store, c);
  const timeline = store.complaints.log(c.id);
  const followUps = complaintReminders(store, c, undefined, false);
  if (io.json) return printJson(io, { complaint: complaintJson(c, name), timeline, followUps });
  let text = renderComplaint(io, c, name);
  if (followUps.length) {
    text += `\n${io.color.bold('Follow-ups')}\n` + renderTable(io, ['id', 'due', 'state', 'title'], followUps.map((r) => [r.id, r.due, r.state, r.title]));
  }
  text += `\n${io.color.bold('Timeline')}\n`;
  text += renderTable(io, ['at', 'step', 'what'], timeline.map((e) => [e.at, STEP_TITLES[e.step], entryText(e)]));
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
  if (!rows.length) return info(io, opts.open ? 'No open complaints.' : 'No complaints yet: crm complaint open records one.');
  printTable(
    io,
    ['id', 'opened', 'customer', 'step', 'severity', 'cause', 'answer promised by', 'words'],
    rows.map((c) => [c.id, c.openedOn, c.customerName, c.step, c.severity, c.cause, c.promisedBy, excerpt(c.words)]),
  );
}
