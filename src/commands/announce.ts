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
import { currentLang, t } from '../i18n.js';

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
  if (!product) throw new UsageError(t('--product must name the new product (got "")'));
  const related = opts.toBuyersOf.map((p) => parseText(p, '--to-buyers-of', { multiline: false }).trim()).filter(Boolean);
  if (!related.length) throw new UsageError(t('--to-buyers-of must name a product they bought (got "")'));
  const since = opts.since ? parseDate(opts.since, '--since') : undefined;
  const due = opts.date ? parseDate(opts.date, '--date') : today;
  if (due < today) throw new UsageError(t('--date must be today or later (got "{got}")', { got: String(opts.date) }));
  const buyers = store.sales.latestByProduct(related, since);
  const planned: NewReminder[] = buyers
    .filter((b) => !b.doNotContact)
    .map((b) => ({
      customerId: b.customerId,
      saleId: b.saleId,
      rule: 'new-product',
      action: 'call',
      title: t('Tell {name} about {product}: they bought {bought} on {date}', { name: b.customerName, product, bought: b.product, date: b.date }),
      lesson: '#309',
      due,
      state: 'open',
      // i18n-ignore: a key that keeps a customer from being told twice, not text
      dedupeKey: `c${b.customerId}:new-product:${foldName(product)}`,
    }));
  const inserted = opts.dryRun ? [] : store.write(() => store.reminders.insertNew(planned, today));
  const skippedDnc = buyers.length - planned.length;
  if (io.json) {
    printJson(io, { product, dryRun: Boolean(opts.dryRun), buyers: buyers.length, doNotContact: skippedDnc, reminders: (opts.dryRun ? planned : inserted).map((r) => ({ id: 'id' in r ? r.id : null, due: r.due, customerId: r.customerId, title: r.title })) });
    return;
  }
  if (!buyers.length) {
    // "a" or "b" in the words of the language in force.
    const products = new Intl.ListFormat(currentLang(), { type: 'disjunction' }).format(related.map((r) => JSON.stringify(r)));
    return info(io, since ? t('Nobody bought anything matching {products} since {since}.', { products, since }) : t('Nobody bought anything matching {products}.', { products }));
  }
  if (opts.dryRun && planned.length) printTable(io, [t('due'), t('follow-up')], planned.map((r) => [r.due, r.title]));
  if (inserted.length) printTable(io, [t('id'), t('due'), t('follow-up')], inserted.map((r) => [r.id, r.due, r.title]));
  const already = planned.length - inserted.length;
  info(io, [
    opts.dryRun ? t('Would plan {n} call(s); nothing saved.', { n: planned.length }) : t('Planned {n} call(s) about {product}.', { n: inserted.length, product }),
    !opts.dryRun && already ? t('{n} customer(s) were already told about it.', { n: already }) : '',
    skippedDnc ? t('{n} buyer(s) are do-not-contact and were left out.', { n: skippedDnc }) : '',
  ].filter(Boolean).join(' '));
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('announce')
    .description(t('a new product is out: plan a call to everyone who bought a related one (#309)'))
    .requiredOption('--product <text>', t('the new product'))
    .requiredOption('--to-buyers-of <text>', t('customers who bought a product whose name contains this (repeatable)'), collect)
    .option('--since <YYYY-MM-DD>', t('only purchases on or after this day'))
    .option('--date <YYYY-MM-DD>', t('when to call (default: today)'))
    .option('--dry-run', t('list who would be called, save nothing'))
    .addHelpText('after', t('\nExample:\n  $ crm announce --product "净化器 X5" --to-buyers-of "净化器 X3" --to-buyers-of 滤网 --date 2026-04-01'))
    .action((opts: AnnounceOptions) => run((deps) => announce(opts, deps)));
}
