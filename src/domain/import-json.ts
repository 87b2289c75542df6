/**
 * Reading back a `crm export --format json` document: every record checked with the same rules as
 * typed input, every reference (a sale's customer, a follow-up's sale, a complaint's customer)
 * checked to exist in the file. Problems are listed as "customers[3].email must be ...", all of
 * them, before anything is written.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { readComplaint, type ExportedComplaint } from './complaint-json.js';
import type { Customer, SpecialDay } from './customer.js';
import { CUSTOMER_TEXT_FIELDS } from './customer.js';
import { customerField } from './import-row.js';
import type { RowError } from './import-row.js';
import { bool, cents, count, date, fail, id, line, nullable, oneOf, section, text, type Fields, type Getter } from './json-fields.js';
import { CHANNELS, parseChoice, parseName, parseTags, parseYearlyDay } from './parse.js';
import type { Contact, ContactKind, Reminder, ReminderState } from './reminder.js';
import type { Sale } from './sale.js';

export const EXPORT_VERSION = 1;

export interface ExportDocument {
  databaseId: string | null;
  customers: Customer[];
  sales: Sale[];
  /** Undefined when the file has no "reminders" list: its sales are then planned by the playbook. */
  reminders: Reminder[] | undefined;
  contacts: Contact[];
  /** Each with its log; empty for a file written before complaints were exported. */
  complaints: ExportedComplaint[];
}

const STATES: ReminderState[] = ['open', 'done', 'skipped', 'missed'];
const KINDS: ContactKind[] = ['done', 'attempt', 'skipped', 'snoozed', 'log'];

function specialDays(v: unknown, f: string): SpecialDay[] {
  if (!Array.isArray(v)) fail(f, t('a list of {"day", "label"}'), v);
  return v.map((d: { day?: unknown; label?: unknown }, i) => ({
    day: parseYearlyDay(typeof d?.day === 'string' ? d.day : '', `${f}[${i}].day`),
    label: line(d?.label, `${f}[${i}].label`).trim(),
  }));
}

function tags(v: unknown, f: string): string[] {
  if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) fail(f, t('a list of tags like ["vip"]'), v);
  return [...new Set((v as string[]).flatMap((t) => parseTags(t)))].sort();
}

function readCustomer(get: Getter): Customer {
  const details = Object.fromEntries(
    CUSTOMER_TEXT_FIELDS.map((k) => [k, get(k, nullable((v, f) => customerField(k, text(v, f), f)))]),
  ) as Pick<Customer, (typeof CUSTOMER_TEXT_FIELDS)[number]>;
  return {
    id: get('id', id), name: get('name', (v, f) => parseName(text(v, f), f)), ...details,
    referredBy: get('referredBy', nullable(id)), doNotContact: get('doNotContact', bool), tags: get('tags', tags),
    specialDays: get('specialDays', specialDays), createdOn: get('createdOn', date), updatedOn: get('updatedOn', date),
  };
}

export function readExportDocument(doc: unknown): { value?: ExportDocument; errors: RowError[] } {
  const errors: RowError[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || (doc as Fields).version !== EXPORT_VERSION) {
    const got = typeof doc === 'object' && doc !== null ? JSON.stringify((doc as Fields).version) : typeof doc;
    throw new UsageError(
      t('a crm JSON file must be {"version": {version}, "customers": [...], ...} as crm export writes it, or a list of rows [{"name": ...}] (got version {got})', {
        version: EXPORT_VERSION, got,
      }),
    );
  }
  const d = doc as Fields;
  const customers = section(d, 'customers', errors, (get) => readCustomer(get));
  const sales = section(d, 'sales', errors, (get): Sale => ({
    id: get('id', id), customerId: get('customerId', id), product: get('product', line), amountCents: get('amount', cents),
    costCents: get('cost', nullable(cents)), quantity: get('quantity', count), date: get('date', date), delivery: get('delivery', nullable(date)),
    warrantyMonths: get('warrantyMonths', nullable(count)), useUpDays: get('useUpDays', nullable(count)), verbal: get('verbal', bool),
    channel: get('channel', nullable((v, f) => parseChoice(text(v, f), f, CHANNELS))), note: get('note', nullable(text)), createdOn: get('createdOn', date),
  }));
  const reminders = section(d, 'reminders', errors, (get): Reminder => ({
    id: get('id', id), customerId: get('customerId', id), saleId: get('saleId', nullable(id)), rule: get('rule', line),
    action: get('action', line), title: get('title', text), lesson: get('lesson', nullable(text)), due: get('due', date),
    state: get('state', oneOf(STATES)), dedupeKey: get('dedupeKey', line), closedOn: get('closedOn', nullable(date)),
    reason: get('reason', nullable(text)), createdOn: get('createdOn', date),
  }));
  const contacts = section(d, 'contacts', errors, (get): Contact => ({
    id: get('id', id), customerId: get('customerId', id), reminderId: get('reminderId', nullable(id)), date: get('date', date),
    kind: get('kind', oneOf(KINDS)), outcome: get('outcome', nullable(text)), note: get('note', nullable(text)),
  }));
  const complaints = section(d, 'complaints', errors, readComplaint);
  checkReferences({ customers, sales, reminders, contacts, complaints }, errors);
  const databaseId = typeof d.databaseId === 'string' && /^[\w.-]{1,100}$/.test(d.databaseId) ? d.databaseId : null;
  if (errors.length) return { errors };
  return { value: { databaseId, customers, sales, reminders: d.reminders === undefined ? undefined : reminders, contacts, complaints }, errors };
}

function checkReferences(doc: Omit<ExportDocument, 'databaseId'> & { reminders: Reminder[] }, errors: RowError[]): void {
  const ids = (list: { id: number }[], name: string) => {
    const seen = new Set<number>();
    list.forEach((x, i) => {
      const field = `${name}[${i}].id`;
      if (seen.has(x.id)) errors.push({ row: i + 1, column: field, value: String(x.id), message: t('{field} {id} appears twice; ids must be unique', { field, id: x.id }) });
      seen.add(x.id);
    });
    return seen;
  };
  const [customers, sales, reminders] = [ids(doc.customers, 'customers'), ids(doc.sales, 'sales'), ids(doc.reminders, 'reminders')];
  ids(doc.contacts, 'contacts');
  ids(doc.complaints, 'complaints');
  const notIn = {
    customer: (vars: { field: string; id: number }) => t('{field} {id} is not a customer in this file', vars),
    sale: (vars: { field: string; id: number }) => t('{field} {id} is not a sale in this file', vars),
    followUp: (vars: { field: string; id: number }) => t('{field} {id} is not a follow-up in this file', vars),
  };
  const ref = (name: string, list: Fields[], key: string, known: Set<number>, message: (vars: { field: string; id: number }) => string) =>
    list.forEach((x, i) => {
      const v = x[key] as number | null;
      if (v === null || known.has(v)) return;
      const field = `${name}[${i}].${key}`;
      errors.push({ row: i + 1, column: field, value: String(v), message: message({ field, id: v }) });
    });
  ref('customers', doc.customers as unknown as Fields[], 'referredBy', customers, notIn.customer);
  ref('sales', doc.sales as unknown as Fields[], 'customerId', customers, notIn.customer);
  ref('reminders', doc.reminders as unknown as Fields[], 'customerId', customers, notIn.customer);
  ref('reminders', doc.reminders as unknown as Fields[], 'saleId', sales, notIn.sale);
  ref('contacts', doc.contacts as unknown as Fields[], 'customerId', customers, notIn.customer);
  ref('contacts', doc.contacts as unknown as Fields[], 'reminderId', reminders, notIn.followUp);
  ref('complaints', doc.complaints as unknown as Fields[], 'customerId', customers, notIn.customer);
}
