/**
 * `crm complaint report`: the real figures behind the texts' claims. Seed 003 says well-handled
 * complainants become loyal at a high rate (85%); this shows how many here bought again.
 */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { CAUSE_NAMES, STEP_TITLES, type Cause, type Step } from '../domain/complaint.js';
import { summarize } from '../domain/complaint-report.js';
import { parseDate } from '../domain/parse.js';
import { printJson } from '../ui/io.js';
import { whenOf } from './complaint-record.js';

const share = (n: { customers: number; boughtAgain: number }) =>
  `${n.boughtAgain} of ${n.customers}${n.customers ? ` (${Math.round((100 * n.boughtAgain) / n.customers)}%)` : ''}`;

export function reportComplaints(opts: { from?: string; to?: string }, deps: Deps): void {
  const { store, io } = deps;
  const from = opts.from === undefined ? undefined : parseDate(opts.from, '--from');
  const to = opts.to === undefined ? undefined : parseDate(opts.to, '--to');
  if (from && to && from > to) throw new UsageError(`--from must be on or before --to (got ${from} and ${to})`);
  const complaints = store.complaints.list({ from, to });
  const summary = summarize(complaints, store.complaints.logs(complaints.map((c) => c.id)), whenOf(deps).at);
  const repurchase = store.complaints.repurchase(from ?? '0000-01-01', to ?? '9999-12-31');
  if (io.json) return printJson(io, { from: from ?? null, to: to ?? null, ...summary, repurchase });

  const { firstAnswer: fa, promises: p } = summary;
  const count = (label: string, n: number) => `  ${label.padEnd(28)}${n}`;
  const lines = [
    io.color.bold(`Complaints opened ${from ?? 'from the start'} to ${to ?? 'today'}: ${summary.complaints}`),
    '',
    io.color.bold('By cause'),
    ...Object.entries(summary.byCause).filter(([, n]) => n).map(([k, n]) => count(CAUSE_NAMES[k as Cause] ?? 'not analysed yet', n)),
    io.color.bold('By step'),
    ...Object.entries(summary.byStep).filter(([, n]) => n).map(([k, n]) => count(STEP_TITLES[k as Step], n)),
    io.color.bold('Time to first answer (opened to the first solution offered or answer promised)'),
    fa.answered
      ? `  ${fa.answered} of ${summary.complaints} answered; median ${fa.medianHours} h, slowest ${fa.slowestHours} h`
      : '  none answered yet',
    io.color.bold('Promised answer times (#322: answer by then, whatever the progress)'),
    `  ${p.made} made: ${p.kept} kept, ${p.broken} broken, ${p.pending} not due yet`,
    io.color.bold('Buying again'),
    `  complainants who bought again after complaining     ${share(repurchase.complainants)}`,
    `    of them, all complaints closed                    ${share(repurchase.closedComplainants)}`,
    `  customers who never complained, bought on 2+ days   ${share(repurchase.neverComplained)}`,
    '  The texts claim 85% of complainants whose problem is solved well stay loyal (seed 003).',
  ];
  const n = repurchase.complainants.customers;
  if (n && n < 30) lines.push(`  With ${n} complainant${n === 1 ? '' : 's'} these shares are anecdotes, not a rate.`);
  io.stdout(lines.join('\n') + '\n');
}
