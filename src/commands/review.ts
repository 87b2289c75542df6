/**
 * `crm review`: customers to consider giving up (seed 000). Flagged, burden and given-up customers
 * with the evidence, so the salesperson decides; the decision and its reason are kept. Stopping
 * skips the open follow-ups and plans nothing new; nothing is ever deleted.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { parseChoice, parseText } from '../domain/parse.js';
import { FLAG_IDS, FLAGS, STOP_REASON_PREFIX, type Flag } from '../domain/review.js';
import { info, printJson } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import { activeRules, replanCustomer } from './planning.js';
import { resolveCustomer } from './resolve.js';
import { evidenceOf, reviewList, type ReviewEntry } from './review-evidence.js';

function requiredText(raw: string | undefined, field: string, what: string): string {
  const text = raw === undefined ? '' : parseText(raw, field).trim();
  if (!text) throw new UsageError(`${field} must say ${what} (got ${JSON.stringify(raw ?? '')})`);
  return text;
}

function parseFlags(raw: string[]): Flag[] {
  return [...new Set(raw.flatMap((r) => r.split(',')).map((f) => parseChoice(f, 'flag', FLAG_IDS)))];
}

export function listReview(deps: Deps): void {
  const { io } = deps;
  const entries = reviewList(deps.store, deps.today);
  if (io.json) return printJson(io, entries);
  if (!entries.length) return info(io, 'Nobody to review: no flagged, burden or given-up customers.');
  const short = (e: ReviewEntry) => e.flags.map((f) => `${f.flag} (${f.flaggedOn.slice(5)}): ${f.note}`).join('; ');
  printTable(
    io,
    ['id', 'customer', 'tier', 'deals', 'profit', 'margin', 'last purchase', 'complaints', 'flags', 'decision'],
    entries.map((e) => {
      const x = e.evidence;
      const decision = e.decision ? `${e.decision.decision} ${e.decision.decidedOn}: ${e.decision.reason}` : 'to decide';
      return [e.customer.id, e.customer.name, [x.tier, x.strategy].filter(Boolean).join(', '), x.deals, x.profit.toLocaleString('en-US'),
        x.margin === null ? '' : `${x.margin}%`, x.lastPurchase, x.complaints, short(e), decision];
    }),
  );
  info(io, 'Decide with: crm review decide CUSTOMER --keep|--stop --reason "..."');
}

export function flagCustomer(ref: string, flags: string[], opts: { note?: string }, deps: Deps): void {
  const { store, today } = deps;
  const customer = resolveCustomer(store, ref);
  const list = parseFlags(flags);
  const note = requiredText(opts.note, '--note', 'what happened');
  const ids = store.write(() => list.map((f) => store.review.addFlag(customer.id, f, note, today)));
  if (deps.io.json) printJson(deps.io, { customerId: customer.id, flags: list, ids });
  else deps.io.stdout(`Flagged ${customer.name}: ${list.map((f) => `${f} (${FLAGS[f]})`).join(', ')}. It shows in crm review; nothing changes until you decide.\n`);
}

export function unflagCustomer(ref: string, flags: string[], opts: { note?: string }, deps: Deps): void {
  const { store, today } = deps;
  const customer = resolveCustomer(store, ref);
  const list = parseFlags(flags);
  const note = opts.note === undefined ? null : parseText(opts.note, '--note').trim() || null;
  store.write(() => {
    for (const f of list) {
      if (!store.review.clearFlag(customer.id, f, today, note)) throw new UsageError(`${customer.name} has no active flag ${f}; see crm customer show ${customer.id}`);
    }
  });
  if (deps.io.json) printJson(deps.io, { customerId: customer.id, cleared: list });
  else deps.io.stdout(`Cleared ${list.join(', ')} for ${customer.name} (kept in the history).\n`);
}

export async function decide(ref: string, opts: { keep?: boolean; stop?: boolean; reason?: string }, deps: Deps): Promise<void> {
  const { store, today, io } = deps;
  const customer = resolveCustomer(store, ref);
  if (Boolean(opts.keep) === Boolean(opts.stop)) throw new UsageError('give --keep or --stop: keep the customer, or stop their active follow-ups');
  const reason = requiredText(opts.reason, '--reason', 'why you decided so');
  const decision = opts.keep ? 'keep' : 'stop';
  const wasStopped = store.review.latestDecisions(customer.id).get(customer.id)?.decision === 'stop';
  const resume = decision === 'keep' && wasStopped;
  const calendar = resume ? await import('../domain/calendar.js') : undefined;
  const rules = resume ? await activeRules(store) : [];
  const result = store.write(() => {
    const id = store.review.decide(customer.id, decision, reason, evidenceOf(store, customer, today), today);
    if (decision === 'stop') return { id, skipped: store.reminders.skipOpenForCustomer(customer.id, today, STOP_REASON_PREFIX + reason), reopened: 0, added: 0 };
    const reopened = calendar ? store.review.reopenStopped(customer.id, today) : 0;
    const added = calendar ? replanCustomer(store, customer.id, rules, calendar, today).added : 0;
    return { id, skipped: 0, reopened, added };
  });
  if (io.json) return printJson(io, { customerId: customer.id, decision, reason, ...result });
  if (decision === 'stop') {
    io.stdout(`Stopped active follow-ups of ${customer.name}: ${result.skipped} skipped, nothing new will be planned. The file is kept; crm review decide ${customer.id} --keep --reason "..." resumes.\n`);
  } else {
    io.stdout(`Keeping ${customer.name}${resume ? `: follow-ups resumed, ${result.reopened} reopened, ${result.added} planned` : ''}.\n`);
  }
}

export function register(program: Command, run: RunCommand): void {
  const review = program
    .command('review')
    .description('customers to consider giving up: the evidence, your flags and decisions')
    .addHelpText('after', '\nExamples:\n  $ crm review\n  $ crm review decide 张伟 --stop --reason "only buys below cost"');
  review.command('list', { isDefault: true }).description('flagged, burden and given-up customers with sales, profit and complaints')
    .addHelpText('after', '\nExamples:\n  $ crm review\n  $ crm review list --json')
    .action(() => run((deps) => listReview(deps)));
  review.command('flag').description(`flag a customer: ${FLAG_IDS.join(', ')}`)
    .argument('<customer>', 'id or name').argument('<flag...>', 'one or more flags')
    .option('--note <text>', 'what happened (required)')
    .addHelpText('after', `\nFlags (seed 000):\n${FLAG_IDS.map((f) => `  ${f.padEnd(18)}${FLAGS[f]}`).join('\n')}\n\nExample:\n  $ crm review flag 张伟 price-only --note "moved the order to a competitor for 2% less"`)
    .action((ref: string, flags: string[], opts) => run((deps) => flagCustomer(ref, flags, opts, deps)));
  review.command('unflag').description('clear flags (kept in the history)')
    .argument('<customer>', 'id or name').argument('<flag...>', 'one or more flags')
    .option('--note <text>', 'why the flag no longer holds')
    .addHelpText('after', '\nExample:\n  $ crm review unflag 张伟 price-only --note "accepted our prices this year"')
    .action((ref: string, flags: string[], opts) => run((deps) => unflagCustomer(ref, flags, opts, deps)));
  review.command('decide').description('record your decision: keep the customer, or stop active follow-ups')
    .argument('<customer>', 'id or name')
    .option('--keep', 'keep looking after them (resumes follow-ups a stop had skipped)')
    .option('--stop', 'skip their open follow-ups and plan no new ones; never deletes anything')
    .option('--reason <text>', 'why (required)')
    .addHelpText('after', '\nExample:\n  $ crm review decide 张伟 --stop --reason "only buys below cost; abusive to staff twice"')
    .action((ref: string, opts) => run((deps) => decide(ref, opts, deps)));
}
