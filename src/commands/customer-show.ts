/** `crm customer show`: everything known about one customer, on one screen. */
import type { Deps } from '../deps.js';
import { actionLabel, channelLabel, contactKindLabel, contactNote, outcomeLabel } from '../domain/labels.js';
import { needsRefresh, REFRESH_AFTER_DAYS, type Customer } from '../domain/customer.js';
import { saleJson } from '../domain/sale.js';
import { t, tWeekday } from '../i18n.js';
import { formatMoney, printJson, type Io } from '../ui/io.js';
import { renderTable } from '../ui/table.js';
import { displayWidth } from '../ui/width.js';
import { resolveCustomer } from './resolve.js';
import { causeCell, complaintJson, excerpt, stepCell } from './complaint-show.js';
import { surveyBody, valueFile, valueLines } from './customer-value.js';

/** Made when shown, not at import: the language is chosen after modules load. */
function labels(): [keyof Customer, string][] {
  return [
    ['company', t('Company')],
    ['role', t('Role')],
    ['phone', t('Phone')],
    ['email', t('Email')],
    ['address', t('Address')],
    ['channel', t('Prefers')],
    ['birthday', t('Birthday')],
    ['character', t('Character')],
    ['hobbies', t('Hobbies')],
    ['family', t('Family')],
    ['source', t('Came via')],
    ['credit', t('Credit/terms')],
    ['competitors', t('Competitors')],
    ['notes', t('Notes')],
  ];
}

const LABEL_WIDTH = 13;

/** The label column, measured in terminal columns so Chinese labels line up too. */
function label(text: string): string {
  return `  ${text}${' '.repeat(Math.max(1, LABEL_WIDTH - displayWidth(text)))}`;
}

function section(io: Io, title: string, body: string): string {
  return `\n${io.color.bold(title)}\n${body || '  ' + t('none yet') + '\n'}`;
}

export function showCustomer(ref: string, deps: Deps): void {
  const { store, io, today } = deps;
  const customer = resolveCustomer(store, ref);
  const sales = store.sales.forCustomer(customer.id);
  const contacts = store.contacts.forCustomer(customer.id);
  const followUps = store.reminders.forCustomer(customer.id, { openOnly: true, limit: 10 });
  const complaints = store.complaints.list({ customerId: customer.id });
  const referrer = customer.referredBy ? store.customers.get(customer.referredBy) : undefined;
  const stale = needsRefresh(customer, today);
  const value = valueFile(store, customer.id);
  if (io.json) {
    printJson(io, { customer, needsRefresh: stale, sales: sales.map(saleJson), contacts, complaints: complaints.map((c) => complaintJson(c, customer.name)), followUps, ...value });
    return;
  }
  const lines = [t('{name}  (id {id})', { name: io.color.bold(customer.name), id: customer.id })];
  if (customer.doNotContact) lines.push(io.color.red('  ' + t('DO NOT CONTACT: no follow-ups are planned')));
  if (stale) {
    const since = { date: customer.updatedOn, days: REFRESH_AFTER_DAYS };
    lines.push(io.color.yellow('  ' + t('needs refresh: not updated since {date} (over {days} days); check the details with the customer', since)));
  }
  const indent = ' '.repeat(LABEL_WIDTH + 2);
  for (const [key, text] of labels()) {
    const v = key === 'channel' && customer.channel ? channelLabel(customer.channel) : customer[key];
    if (v) lines.push(`${label(text)}${String(v).replace(/\n/g, '\n' + indent)}`);
  }
  if (referrer) lines.push(label(t('Referred by')) + t('{name} (id {id})', { name: referrer.name, id: referrer.id }));
  if (customer.tags.length) lines.push(label(t('Tags')) + customer.tags.join(', '));
  for (const d of customer.specialDays) lines.push(`${label(t('Special day'))}${d.day} ${d.label}`);
  lines.push(...valueLines(io, value));
  lines.push(label(t('On file')) + t('since {created}, updated {updated}', { created: customer.createdOn, updated: customer.updatedOn }));
  let text = lines.join('\n') + '\n';
  const table = (head: string[], rows: (string | number | null)[][]) => (rows.length ? renderTable(io, head, rows) : '');
  const sold = sales.map((s) => [s.id, s.date, s.product, s.quantity, formatMoney(s.amountCents)]);
  text += section(io, t('Sales'), table([t('id'), t('date'), t('product'), t('qty'), t('amount')], sold));
  text += section(io, t('Contacts'), table([t('date'), t('kind'), t('outcome'), t('note')], contacts.map((c) => [c.date, contactKindLabel(c.kind), c.outcome && outcomeLabel(c.outcome), contactNote(c.kind, c.note)])));
  if (value.surveys.length) text += section(io, t('Survey answers'), surveyBody(value));
  text += section(
    io,
    t('Complaints'),
    table(
      [t('id'), t('opened'), t('step'), t('cause'), t('answer promised by'), t('words')],
      complaints.map((c) => [c.id, c.openedOn, stepCell(c.step), causeCell(c.cause), c.promisedBy, excerpt(c.words)]),
    ),
  );
  text += section(
    io,
    t('Next follow-ups'),
    table([t('id'), t('due'), t('day'), t('action'), t('title')], followUps.map((r) => [r.id, r.due, tWeekday(r.due), actionLabel(r.action), r.title])),
  );
  io.stdout(text);
}
