/** `crm customer add|list|show|edit`: the customer file (DOMAIN.md section 1). */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { CUSTOMER_TEXT_FIELDS, DO_NOT_CONTACT_REASON, DO_NOT_CONTACT_REASONS, plansDiffer, yearlyDaysDiffer, type Customer, type CustomerDetails, type NewCustomer } from '../domain/customer.js';
import {
  channelHelp,
  parseChannel,
  parseChoice,
  parseEmail,
  parseName,
  parsePhone,
  parseSpecialDay,
  parseTags,
  parseText,
  parseYearlyDay,
} from '../domain/parse.js';
import { TIERS } from '../domain/value.js';
import { channelLabel } from '../domain/labels.js';
import { info, printJson, warn } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import { activeRules, planForSale, replanCustomer } from './planning.js';
import { resolveCustomer } from './resolve.js';
import { showCustomer } from './customer-show.js';
import { t } from '../i18n.js';

type FieldOptions = Partial<Record<(typeof CUSTOMER_TEXT_FIELDS)[number], string>>;
interface AddOptions extends FieldOptions {
  special?: string[];
  tag?: string[];
  referredBy?: string;
  doNotContact?: boolean;
}
interface EditOptions extends AddOptions {
  name?: string;
  untag?: string[];
  removeSpecial?: string[];
  contactOk?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function flag(field: string): string {
  return '--' + field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** Validates one typed field; '' means "clear it". */
function parseField(field: keyof CustomerDetails, raw: string): string | null {
  if (raw.trim() === '') return null;
  const name = flag(field);
  switch (field) {
    case 'email':
      return parseEmail(raw, name);
    case 'phone':
      return parsePhone(raw, name);
    case 'birthday':
      return parseYearlyDay(raw, name);
    case 'channel':
      return parseChannel(raw, name);
    default:
      return parseText(raw, name, { multiline: field === 'notes' || field === 'address' }).trim();
  }
}

function detailsFrom(opts: FieldOptions, base?: CustomerDetails): CustomerDetails {
  const out = {} as CustomerDetails;
  for (const f of CUSTOMER_TEXT_FIELDS) {
    const raw = opts[f];
    out[f] = raw === undefined ? (base?.[f] ?? null) : parseField(f, raw);
  }
  return out;
}

function addFieldOptions(cmd: Command): Command {
  return cmd
    .option('--company <text>', t('company or organisation'))
    .option('--address <text>', t('postal address'))
    .option('--phone <number>', t('phone number, e.g. "+86 138 0013 8000"'))
    .option('--email <address>', t('email address'))
    .option('--birthday <day>', t('MM-DD or YYYY-MM-DD'))
    .option('--special <"MM-DD label">', t('another yearly day, e.g. "06-18 wedding anniversary" (repeatable)'), collect)
    .option('--role <text>', t('owner, manager, buyer, ...'))
    .option('--character <text>', t('what the person is like'))
    .option('--hobbies <text>', t('interests: topics for later contact'))
    .option('--family <text>', t('family notes'))
    .option('--channel <channel>', t('preferred contact channel: {channels}', { channels: channelHelp() }))
    .option('--source <text>', t('how they came to us'))
    .option('--referred-by <customer>', t('the customer who referred them (id or name)'))
    .option('--credit <text>', t('credit standing and payment terms'))
    .option('--competitors <text>', t('their relationship with competitors'))
    .option('--tag <tags>', t('tags, comma-separated (repeatable), e.g. important,vip'), collect)
    .option('--notes <text>', t('free notes'));
}

function warnDuplicateName(deps: Deps, name: string, exceptId?: number): void {
  const same = deps.store.customers.findByName(name).exact.filter((c) => c.id !== exceptId);
  if (same.length) warn(deps.io, t('another customer is named {name} (id {ids})', { name: JSON.stringify(name), ids: same.map((c) => c.id).join(', ') }));
}

export function addCustomer(name: string, opts: AddOptions, deps: Deps): Customer {
  const c: NewCustomer = {
    name: parseName(name),
    ...detailsFrom(opts),
    referredBy: opts.referredBy ? resolveCustomer(deps.store, opts.referredBy, '--referred-by').id : null,
    doNotContact: Boolean(opts.doNotContact),
    tags: [...new Set((opts.tag ?? []).flatMap(parseTags))],
    specialDays: (opts.special ?? []).map(parseSpecialDay),
  };
  const { store, io } = deps;
  warnDuplicateName(deps, c.name);
  const id = store.write(() => store.customers.insert(c, deps.today));
  const saved = store.customers.get(id)!;
  if (io.json) printJson(io, saved);
  else io.stdout(t('Added customer {id}: {name}', { id, name: saved.name }) + '\n');
  return saved;
}

export async function editCustomer(ref: string, opts: EditOptions, deps: Deps): Promise<Customer> {
  const { store, io, today } = deps;
  const current = resolveCustomer(store, ref);
  if (Object.values(opts).every((v) => v === undefined)) {
    throw new UsageError(t('nothing to change: say what, e.g. --phone "+86 138 0013 8000" or --tag vip (crm customer edit --help lists them all)'));
  }
  const untag = new Set((opts.untag ?? []).flatMap(parseTags));
  const removeDays = new Set((opts.removeSpecial ?? []).map((d) => parseYearlyDay(d, '--remove-special')));
  if (opts.doNotContact && opts.contactOk) throw new UsageError(t('--do-not-contact and --contact-ok contradict each other; give one'));
  const next: Customer = {
    ...current,
    ...detailsFrom(opts, current),
    name: opts.name !== undefined ? parseName(opts.name, '--name') : current.name,
    referredBy: opts.referredBy !== undefined ? (opts.referredBy === '' ? null : resolveCustomer(store, opts.referredBy, '--referred-by').id) : current.referredBy,
    doNotContact: opts.doNotContact ? true : opts.contactOk ? false : current.doNotContact,
    tags: [...new Set([...current.tags, ...(opts.tag ?? []).flatMap(parseTags)])].filter((tag) => !untag.has(tag)),
    specialDays: [...current.specialDays.filter((d) => !removeDays.has(d.day)), ...(opts.special ?? []).map(parseSpecialDay)],
  };
  if (next.referredBy === current.id) throw new UsageError(t('--referred-by: a customer cannot refer themselves'));
  if (opts.name !== undefined) warnDuplicateName(deps, next.name, current.id);
  const stopping = next.doNotContact && !current.doNotContact;
  const resumed = current.doNotContact && !next.doNotContact;
  // A new birthday, tag or name changes what the playbook plans: their follow-ups follow at once.
  const replan = !next.doNotContact && plansDiffer(current, next);
  const [calendar, rules] = replan ? await Promise.all([import('../domain/calendar.js'), activeRules(store)]) : [];
  const result = store.write(() => {
    store.customers.update(next, today);
    // Asked not to be contacted: what was planned is skipped with the reason, never deleted.
    if (stopping) return { stopped: store.reminders.skipOpenForCustomer(current.id, today, DO_NOT_CONTACT_REASON), reopened: 0 };
    const reopened = resumed ? store.reminders.reopenSkipped(current.id, today, DO_NOT_CONTACT_REASONS) : 0;
    if (!calendar || !rules) return { stopped: 0, reopened };
    // The sales recorded while contact was unwelcome got nothing planned: they are planned now as
    // add-sale plans a sale entered late (a thank-you caught up, what passed listed as missed).
    const planned = resumed ? new Set(store.reminders.forCustomer(current.id, { limit: 100_000 }).map((r) => r.saleId)) : undefined;
    const meanwhile = planned ? store.sales.forCustomer(current.id).filter((s) => !planned.has(s.id)) : [];
    const added = meanwhile.reduce((n, s) => n + planForSale(store, s, calendar, today, rules).reminders.filter((r) => r.state === 'open').length, 0);
    const yearlyDaysChanged = yearlyDaysDiffer(current, next);
    const count = replanCustomer(store, current.id, rules, calendar, today, { exceptSales: new Set(meanwhile.map((s) => s.id)), yearlyDaysChanged });
    return { stopped: 0, reopened, count: { ...count, added: count.added + added } };
  });
  const vars = { name: next.name, n: result.stopped, reopened: result.reopened, ...result.count };
  if (result.stopped) info(io, t('{n} open follow-up(s) of {name} skipped: do not contact.', vars));
  else if (resumed) {
    // What is open now, not what was reopened: a playbook changed meanwhile drops some of those.
    const open = store.reminders.forCustomer(current.id, { openOnly: true, limit: 100_000 }).filter((r) => r.due >= today).length;
    info(io, t('Contact is welcome again: {name} has {open} follow-up(s) to come ({added} newly planned).', { added: 0, ...vars, open }));
  }
  else if (result.count && result.count.added + result.count.changed + result.count.removed > 0) {
    info(io, t('Follow-ups of {name} brought in line: {added} planned, {changed} changed, {removed} no longer due.', vars));
  }
  const saved = store.customers.get(current.id)!;
  if (io.json) printJson(io, saved);
  else io.stdout(t('Updated customer {id}: {name}', { id: saved.id, name: saved.name }) + '\n');
  return saved;
}

export function listCustomers(opts: { search?: string; tag?: string; tier?: string; limit?: string }, deps: Deps): void {
  const { io } = deps;
  const limit = opts.limit ? Number(opts.limit) : undefined;
  if (opts.limit && (!Number.isInteger(limit) || limit! < 1)) throw new UsageError(t('--limit must be a whole number like 50 (got "{got}")', { got: opts.limit }));
  const tier = opts.tier !== undefined ? parseChoice(opts.tier, '--tier', TIERS) : undefined;
  const customers = deps.store.customers.list({ search: opts.search, tag: opts.tag, tier, limit });
  if (io.json) return printJson(io, customers);
  if (!customers.length) return info(io, opts.search || opts.tag || tier ? t('No customer matches.') : t('No customers yet: add one with crm customer add NAME'));
  printTable(
    io,
    [t('id'), t('name'), t('company'), t('phone'), t('email'), t('channel'), t('tags')],
    customers.map((c) => [c.id, c.doNotContact ? t('{name} (do not contact)', { name: c.name }) : c.name, c.company, c.phone, c.email, c.channel && channelLabel(c.channel), c.tags.join(',')]),
  );
}

export function register(program: Command, run: RunCommand): void {
  const customer = program.command('customer').description(t('the customer file: add, list, show, edit'))
    .addHelpText('after', t('\nExamples:\n  $ crm customer add "王芳" --company 华星贸易 --channel wechat\n  $ crm customer list 王\n  $ crm customer show 王芳\n  $ crm customer edit 王芳 --phone "+86 138 0013 8000"'));
  addFieldOptions(customer.command('add').description(t('add a customer')).argument('<name>', t('full name, in any script')))
    .option('--do-not-contact', t('never plan contact with this customer'))
    .addHelpText('after', t('\nExample:\n  $ crm customer add "王芳" --company 华星贸易 --phone "+86 138 0013 8000" --birthday 03-15 --tag important'))
    .action((name: string, opts: AddOptions) => run((deps) => addCustomer(name, opts, deps)));
  customer
    .command('list')
    .description(t('list customers, optionally searched by text or filtered by tag'))
    .argument('[search]', t('text found in name, company, phone, email, notes or tags'))
    .option('--tag <tag>', t('only customers with this tag'))
    .option('--tier <tier>', t('only customers of this value tier (crm classify): {tiers}', { tiers: TIERS.join(', ') }))
    .option('--limit <n>', t('at most this many'))
    .addHelpText('after', t('\nExamples:\n  $ crm customer list\n  $ crm customer list 王 --tag important\n  $ crm customer list --tier gold\n  $ crm customer list --json'))
    .action((search: string | undefined, opts: { tag?: string; tier?: string; limit?: string }) => run((deps) => listCustomers({ ...opts, search }, deps)));
  customer
    .command('show')
    .description(t('the whole file: details, sales, contacts, complaints, next follow-ups'))
    .argument('<customer>', t('id or name'))
    .addHelpText('after', t('\nExample:\n  $ crm customer show 王芳'))
    .action((ref: string) => run((deps) => showCustomer(ref, deps)));
  addFieldOptions(customer.command('edit').description(t('change a customer; an empty value ("") clears a field')).argument('<customer>', t('id or name')))
    .option('--name <name>', t('new name'))
    .option('--untag <tags>', t('remove tags, comma-separated (repeatable)'), collect)
    .option('--remove-special <day>', t('remove the special day on this MM-DD (repeatable)'), collect)
    .option('--do-not-contact', t('never plan contact with this customer'))
    .option('--contact-ok', t('contact is welcome again'))
    .addHelpText('after', t('\nExample:\n  $ crm customer edit 王芳 --email wang@example.com --tag vip --phone ""'))
    .action((ref: string, opts: EditOptions) => run((deps) => editCustomer(ref, opts, deps)));
}
