/** `crm customer show`: everything known about one customer, on one screen. */
import type { Deps } from '../deps.js';
import { needsRefresh, REFRESH_AFTER_DAYS, type Customer } from '../domain/customer.js';
import { saleJson } from '../domain/sale.js';
import { weekdayName } from '../domain/dates.js';
import { formatMoney, printJson, type Io } from '../ui/io.js';
import { renderTable } from '../ui/table.js';
import { resolveCustomer } from './resolve.js';
import { complaintJson, excerpt } from './complaint-show.js';
import { surveyBody, valueFile, valueLines } from './customer-value.js';

const LABELS: [keyof Customer, string][] = [
  ['company', 'Company'],
  ['role', 'Role'],
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['address', 'Address'],
  ['channel', 'Prefers'],
  ['birthday', 'Birthday'],
  ['character', 'Character'],
  ['hobbies', 'Hobbies'],
  ['family', 'Family'],
  ['source', 'Came via'],
  ['credit', 'Credit/terms'],
  ['competitors', 'Competitors'],
  ['notes', 'Notes'],
];

function section(io: Io, title: string, body: string): string {
  return `\n${io.color.bold(title)}\n${body || '  none yet\n'}`;
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
  const lines = [`${io.color.bold(customer.name)}  (id ${customer.id})`];
  if (customer.doNotContact) lines.push(io.color.red('  DO NOT CONTACT: no follow-ups are planned'));
  if (stale) {
    lines.push(io.color.yellow(`  needs refresh: not updated since ${customer.updatedOn} (over ${REFRESH_AFTER_DAYS} days); check the details with the customer`));
  }
  for (const [key, label] of LABELS) {
    const v = customer[key];
    if (v) lines.push(`  ${label.padEnd(13)}${String(v).replace(/\n/g, '\n' + ' '.repeat(15))}`);
  }
  if (referrer) lines.push(`  ${'Referred by'.padEnd(13)}${referrer.name} (id ${referrer.id})`);
  if (customer.tags.length) lines.push(`  ${'Tags'.padEnd(13)}${customer.tags.join(', ')}`);
  for (const d of customer.specialDays) lines.push(`  ${'Special day'.padEnd(13)}${d.day} ${d.label}`);
  lines.push(...valueLines(io, value));
  lines.push(`  ${'On file'.padEnd(13)}since ${customer.createdOn}, updated ${customer.updatedOn}`);
  let text = lines.join('\n') + '\n';
  const table = (head: string[], rows: (string | number | null)[][]) => (rows.length ? renderTable(io, head, rows) : '');
  text += section(io, 'Sales', table(['id', 'date', 'product', 'qty', 'amount'], sales.map((s) => [s.id, s.date, s.product, s.quantity, formatMoney(s.amountCents)])));
  text += section(io, 'Contacts', table(['date', 'kind', 'outcome', 'note'], contacts.map((c) => [c.date, c.kind, c.outcome, c.note])));
  if (value.surveys.length) text += section(io, 'Survey answers', surveyBody(value));
  text += section(
    io,
    'Complaints',
    table(['id', 'opened', 'step', 'cause', 'answer promised by', 'words'], complaints.map((c) => [c.id, c.openedOn, c.step, c.cause, c.promisedBy, excerpt(c.words)])),
  );
  text += section(
    io,
    'Next follow-ups',
    table(['id', 'due', 'day', 'action', 'title'], followUps.map((r) => [r.id, r.due, weekdayName(r.due), r.action, r.title])),
  );
  io.stdout(text);
}
