/**
 * `crm review`: customers to consider giving up (seed 000). Flagged, burden and given-up customers
 * with the evidence, so the salesperson decides; the decision and its reason are kept. Stopping
 * skips the open follow-ups and plans nothing new; nothing is ever deleted.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { parseChoice, parseText } from '../domain/parse.js';
import { strategyName } from '../domain/engagement.js';
import { FLAG_IDS, STOP_REASON_PREFIX, flagMeaning, type Flag } from '../domain/review.js';
import { units } from '../domain/value-settings.js';
import { tierName } from '../domain/value.js';
import { info, printJson } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import { activeRules, replanCustomer } from './planning.js';
import { resolveCustomer } from './resolve.js';
import { evidenceOf, reviewList, type ReviewEntry } from './review-evidence.js';

/** A text the user must give: `missing` is the whole error, with {got} for what they gave. */
function requiredText(raw: string | undefined, field: string, missing: (got: string) => string): string {
  const text = raw === undefined ? '' : parseText(raw, field).trim();
  if (!text) throw new UsageError(missing(JSON.stringify(raw ?? '')));
  return text;
}

function parseFlags(raw: string[]): Flag[] {
  return [...new Set(raw.flatMap((r) => r.split(',')).map((f) => parseChoice(f, 'flag', FLAG_IDS)))];
}

export function listReview(deps: Deps): void {
  const { io } = deps;
  const entries = reviewList(deps.store, deps.today);
  if (io.json) return printJson(io, entries);
  if (!entries.length) return info(io, t('Nobody to review: no flagged, burden or given-up customers.'));
  const short = (e: ReviewEntry) => e.flags.map((f) => t('{flag} ({date}): {note}', { flag: f.flag, date: f.flaggedOn.slice(5), note: f.note })).join('; ');
  const decided = (d: NonNullable<ReviewEntry['decision']>) =>
    d.decision === 'stop' ? t('stop {date}: {reason}', { date: d.decidedOn, reason: d.reason }) : t('keep {date}: {reason}', { date: d.decidedOn, reason: d.reason });
  printTable(
    io,
    [t('id'), t('customer'), t('tier'), t('deals'), t('profit'), t('margin'), t('last purchase'), t('complaints'), t('flags'), t('decision')],
    entries.map((e) => {
      const x = e.evidence;
      const value = [x.tier && tierName(x.tier), x.strategy && strategyName(x.strategy)].filter(Boolean).join(t(', '));
      return [e.customer.id, e.customer.name, value, x.deals, units(Math.round(x.profit * 100)),
        x.margin === null ? '' : `${x.margin}%`, x.lastPurchase, x.complaints, short(e), e.decision ? decided(e.decision) : t('to decide')];
    }),
  );
  info(io, t('Decide with: crm review decide CUSTOMER --keep|--stop --reason "..."'));
}

export function flagCustomer(ref: string, flags: string[], opts: { note?: string }, deps: Deps): void {
  const { store, today } = deps;
  const customer = resolveCustomer(store, ref);
  const list = parseFlags(flags);
  const note = requiredText(opts.note, '--note', (got) => t('--note must say what happened (got {got})', { got }));
  const ids = store.write(() => list.map((f) => store.review.addFlag(customer.id, f, note, today)));
  if (deps.io.json) printJson(deps.io, { customerId: customer.id, flags: list, ids });
  else {
    const flagged = list.map((f) => t('{flag} ({meaning})', { flag: f, meaning: flagMeaning(f) })).join(t(', '));
    deps.io.stdout(t('Flagged {name}: {flags}. It shows in crm review; nothing changes until you decide.', { name: customer.name, flags: flagged }) + '\n');
  }
}

export function unflagCustomer(ref: string, flags: string[], opts: { note?: string }, deps: Deps): void {
  const { store, today } = deps;
  const customer = resolveCustomer(store, ref);
  const list = parseFlags(flags);
  const note = opts.note === undefined ? null : parseText(opts.note, '--note').trim() || null;
  store.write(() => {
    for (const f of list) {
      if (!store.review.clearFlag(customer.id, f, today, note)) {
        throw new UsageError(t('{name} has no active flag {flag}; see crm customer show {id}', { name: customer.name, flag: f, id: customer.id }));
      }
    }
  });
  if (deps.io.json) printJson(deps.io, { customerId: customer.id, cleared: list });
  else deps.io.stdout(t('Cleared {flags} for {name} (kept in the history).', { flags: list.join(t(', ')), name: customer.name }) + '\n');
}

export async function decide(ref: string, opts: { keep?: boolean; stop?: boolean; reason?: string }, deps: Deps): Promise<void> {
  const { store, today, io } = deps;
  const customer = resolveCustomer(store, ref);
  if (Boolean(opts.keep) === Boolean(opts.stop)) throw new UsageError(t('give --keep or --stop: keep the customer, or stop their active follow-ups'));
  const reason = requiredText(opts.reason, '--reason', (got) => t('--reason must say why you decided so (got {got})', { got }));
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
  const vars = { name: customer.name, id: customer.id, skipped: result.skipped, reopened: result.reopened, added: result.added };
  if (decision === 'stop') {
    io.stdout(t('Stopped active follow-ups of {name}: {skipped} skipped, nothing new will be planned. The file is kept; crm review decide {id} --keep --reason "..." resumes.', vars) + '\n');
  } else if (resume) {
    io.stdout(t('Keeping {name}: follow-ups resumed, {reopened} reopened, {added} planned.', vars) + '\n');
  } else {
    io.stdout(t('Keeping {name}.', vars) + '\n');
  }
}

export function register(program: Command, run: RunCommand): void {
  const review = program
    .command('review')
    .description(t('customers to consider giving up: the evidence, your flags and decisions'))
    .addHelpText('after', t('\nExamples:\n  $ crm review\n  $ crm review decide 张伟 --stop --reason "only buys below cost"'));
  review.command('list', { isDefault: true }).description(t('flagged, burden and given-up customers with sales, profit and complaints'))
    .addHelpText('after', t('\nExamples:\n  $ crm review\n  $ crm review list --json'))
    .action(() => run((deps) => listReview(deps)));
  const meanings = FLAG_IDS.map((f) => `  ${f.padEnd(18)}${flagMeaning(f)}`).join('\n');
  review.command('flag').description(t('flag a customer: {flags}', { flags: FLAG_IDS.join(', ') }))
    .argument('<customer>', t('id or name')).argument('<flag...>', t('one or more flags'))
    .option('--note <text>', t('what happened (required)'))
    .addHelpText('after', t('\nFlags (seed 000):\n{flags}\n\nExample:\n  $ crm review flag 张伟 price-only --note "moved the order to a competitor for 2% less"', { flags: meanings }))
    .action((ref: string, flags: string[], opts) => run((deps) => flagCustomer(ref, flags, opts, deps)));
  review.command('unflag').description(t('clear flags (kept in the history)'))
    .argument('<customer>', t('id or name')).argument('<flag...>', t('one or more flags'))
    .option('--note <text>', t('why the flag no longer holds'))
    .addHelpText('after', t('\nExample:\n  $ crm review unflag 张伟 price-only --note "accepted our prices this year"'))
    .action((ref: string, flags: string[], opts) => run((deps) => unflagCustomer(ref, flags, opts, deps)));
  review.command('decide').description(t('record your decision: keep the customer, or stop active follow-ups'))
    .argument('<customer>', t('id or name'))
    .option('--keep', t('keep looking after them (resumes follow-ups a stop had skipped)'))
    .option('--stop', t('skip their open follow-ups and plan no new ones; never deletes anything'))
    .option('--reason <text>', t('why (required)'))
    .addHelpText('after', t('\nExample:\n  $ crm review decide 张伟 --stop --reason "only buys below cost; abusive to staff twice"'))
    .action((ref: string, opts) => run((deps) => decide(ref, opts, deps)));
}
