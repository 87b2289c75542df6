/**
 * `crm complaint report`: the real figures behind the texts' claims. Seed 003 says well-handled
 * complainants become loyal at a high rate (85%); this shows how many here bought again.
 */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { causeName, stepTitle, type Cause, type Step } from '../domain/complaint.js';
import { summarize } from '../domain/complaint-report.js';
import { parseDate } from '../domain/parse.js';
import { t, tDate } from '../i18n.js';
import { printJson } from '../ui/io.js';
import { displayWidth } from '../ui/width.js';
import { whenOf } from './complaint-record.js';

const share = (n: { customers: number; boughtAgain: number }) =>
  n.customers
    ? t('{n} of {total} ({percent}%)', { n: n.boughtAgain, total: n.customers, percent: Math.round((100 * n.boughtAgain) / n.customers) })
    : t('{n} of {total}', { n: n.boughtAgain, total: n.customers });

const indent = (text: string) => '  ' + text;

/** A label and its figure, aligned by display width: Chinese labels take two columns a character. */
const row = (label: string, value: string | number, width: number) => indent(label + ' '.repeat(Math.max(1, width - displayWidth(label))) + value);

function title(from: string | undefined, to: string | undefined, n: number): string {
  if (from && to) return t('Complaints opened {from} to {to}: {n}', { from: tDate(from), to: tDate(to), n });
  if (from) return t('Complaints opened {from} to today: {n}', { from: tDate(from), n });
  if (to) return t('Complaints opened from the start to {to}: {n}', { to: tDate(to), n });
  return t('Complaints opened from the start to today: {n}', { n });
}

export function reportComplaints(opts: { from?: string; to?: string }, deps: Deps): void {
  const { store, io } = deps;
  const from = opts.from === undefined ? undefined : parseDate(opts.from, '--from');
  const to = opts.to === undefined ? undefined : parseDate(opts.to, '--to');
  if (from && to && from > to) throw new UsageError(t('--from must be on or before --to (got {from} and {to})', { from, to }));
  const complaints = store.complaints.list({ from, to });
  const summary = summarize(complaints, store.complaints.logs(complaints.map((c) => c.id)), whenOf(deps).at);
  const repurchase = store.complaints.repurchase(from ?? '0000-01-01', to ?? '9999-12-31');
  if (io.json) return printJson(io, { from: from ?? null, to: to ?? null, ...summary, repurchase });

  const { firstAnswer: fa, promises: p } = summary;
  const count = (label: string, n: number) => row(label, n, 28);
  const again = [
    [t('complainants who bought again after complaining'), share(repurchase.complainants)],
    [indent(t('of them, all complaints closed')), share(repurchase.closedComplainants)],
    [t('customers who never complained, bought on 2+ days'), share(repurchase.neverComplained)],
  ];
  const againWidth = Math.max(...again.map(([label]) => displayWidth(label))) + 3;
  const lines = [
    io.color.bold(title(from, to, summary.complaints)),
    '',
    io.color.bold(t('By cause')),
    ...Object.entries(summary.byCause).filter(([, n]) => n).map(([k, n]) => count(k === 'notAnalysed' ? t('not analysed yet') : causeName(k as Cause), n)),
    io.color.bold(t('By step')),
    ...Object.entries(summary.byStep).filter(([, n]) => n).map(([k, n]) => count(stepTitle(k as Step), n)),
    io.color.bold(t('Time to first answer (opened to the first solution offered or answer promised)')),
    indent(
      fa.answered
        ? t('{n} of {total} answered; median {median} h, slowest {slowest} h', { n: fa.answered, total: summary.complaints, median: fa.medianHours ?? '', slowest: fa.slowestHours ?? '' })
        : t('none answered yet'),
    ),
    io.color.bold(t('Promised answer times (#322: answer by then, whatever the progress)')),
    indent(t('{made} made: {kept} kept, {broken} broken, {pending} not due yet', p)),
    io.color.bold(t('Buying again')),
    ...again.map(([label, value]) => row(label, value, againWidth)),
    indent(t('The texts claim 85% of complainants whose problem is solved well stay loyal (seed 003).')),
  ];
  const n = repurchase.complainants.customers;
  if (n && n < 30) lines.push(indent(t('With {n} complainant(s) these shares are anecdotes, not a rate.', { n })));
  io.stdout(lines.join('\n') + '\n');
}
