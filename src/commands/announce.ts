/**
 * `crm announce`: when a new product comes out, tell the customers who bought related ones (#309).
 * An event, not a date after a sale, so it is a command rather than a playbook rule.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { foldName } from '../domain/customer.js';
import { parseDate, parseText } from '../domain/parse.js';
import type { NewReminder } from '../store/reminders.js';
import { info, printJson } from '../ui/io.js';
import { printTable } from '../ui/table.js';

interface AnnounceOptions {
  product: string;
  toBuyersOf: string[];
  since?: string;
  date?: string;
  dryRun?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function announce(opts: AnnounceOptions, deps: Deps): void {
  const { store, io, today } = deps;
  const product = parseText(opts.product, '--product', { multiline: false }).trim();
  if (!product) throw new UsageError('--product must name the new product (got "")');
  const related = opts.toBuyersOf.map((p) => parseText(p, '--to-buyers-of', { multiline: false }).trim()).filter(Boolean);
  if (!related.length) throw new UsageError('--to-buyers-of must name a product they bought (got "")');
  const since = opts.since ? parseDate(opts.since, '--since') : undefined;
  const due = opts.date ? parseDate(opts.date, '--date') : today;
  if (due < today) throw new UsageError(`--date must be today or later (got "${opts.date}")`);
  const buyers = store.sales.latestByProduct(related, since);
  const planned: NewReminder[] = buyers
    .filter((b) => !b.doNotContact)
    .map((b) => ({
      customerId: b.customerId,
      saleId: b.saleId,
      rule: 'new-product',
      action: 'call',
      title: `Tell ${b.customerName} about ${product}: they bought ${b.product} on ${b.date}`,
      lesson: '#309',
      due,
      state: 'open',
      dedupeKey: `c${b.customerId}:new-product:${foldName(product)}`,
    }));
  const inserted = opts.dryRun ? [] : store.write(() => store.reminders.insertNew(planned, today));
  const skippedDnc = buyers.length - planned.length;
  if (io.json) {
    printJson(io, { product, dryRun: Boolean(opts.dryRun), buyers: buyers.length, doNotContact: skippedDnc, reminders: (opts.dryRun ? planned : inserted).map((r) => ({ id: 'id' in r ? r.id : null, due: r.due, customerId: r.customerId, title: r.title })) });
    return;
  }
  if (!buyers.length) return info(io, `Nobody bought anything matching ${related.map((r) => JSON.stringify(r)).join(' or ')}${since ? ` since ${since}` : ''}.`);
  if (opts.dryRun && planned.length) printTable(io, ['due', 'follow-up'], planned.map((r) => [r.due, r.title]));
  if (inserted.length) printTable(io, ['id', 'due', 'follow-up'], inserted.map((r) => [r.id, r.due, r.title]));
  const already = planned.length - inserted.length;
  info(io, [
    opts.dryRun ? `Would plan ${planned.length} call(s); nothing saved.` : `Planned ${inserted.length} call(s) about ${product}.`,
    !opts.dryRun && already ? `${already} customer(s) were already told about it.` : '',
    skippedDnc ? `${skippedDnc} buyer(s) are do-not-contact and were left out.` : '',
  ].filter(Boolean).join(' '));
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('announce')
    .description('a new product is out: plan a call to everyone who bought a related one (#309)')
    .requiredOption('--product <text>', 'the new product')
    .requiredOption('--to-buyers-of <text>', 'customers who bought a product whose name contains this (repeatable)', collect)
    .option('--since <YYYY-MM-DD>', 'only purchases on or after this day')
    .option('--date <YYYY-MM-DD>', 'when to call (default: today)')
    .option('--dry-run', 'list who would be called, save nothing')
    .addHelpText('after', '\nExample:\n  $ crm announce --product "净化器 X5" --to-buyers-of "净化器 X3" --to-buyers-of 滤网 --date 2026-04-01')
    .action((opts: AnnounceOptions) => run((deps) => announce(opts, deps)));
}
