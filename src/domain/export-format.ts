/**
 * What `crm export` writes. The CSV column names and the JSON field names are machine vocabulary:
 * stable, documented in the README, never translated. Customers and sales CSV use the column
 * names `crm import` reads, so a sheet exported, edited in Excel and imported again just works.
 */
import type { Customer } from './customer.js';
import type { ExportedComplaint } from './complaint-json.js';
import type { ExportedMail } from './outbox-json.js';
import type { ExportedPlaybook } from './playbook-json.js';
import type { ExportedDecision, ExportedFlag, ExportedRun, ExportedSurvey, ExportedValue } from './value-json.js';
import type { CalendarEvent } from './ics.js';
import { EXPORT_VERSION } from './import-json.js';
import type { Contact, Reminder } from './reminder.js';
import { saleJson, type Sale } from './sale.js';
import type { CsvCell } from './csv.js';
import { t } from '../i18n.js';
import { channelLabel } from './labels.js';

export interface CsvTable {
  header: string[];
  rows: Iterable<CsvCell[]>;
}

function* map<T, U>(items: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of items) yield f(x);
}

/** 120000 cents as 1200, 120050 as 1200.50: a plain number every spreadsheet reads. */
export function csvMoney(cents: number | null): string {
  if (cents === null) return '';
  return (cents / 100).toFixed(cents % 100 ? 2 : 0);
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export const CUSTOMER_CSV_HEADER = [
  'id', 'name', 'company', 'address', 'phone', 'email', 'birthday', 'role', 'character', 'hobbies', 'family', 'channel',
  'source', 'referred_by', 'credit', 'competitors', 'notes', 'tags', 'special_days', 'do_not_contact', 'created_on', 'updated_on',
];

export function customersCsv(customers: Customer[]): CsvTable {
  const names = new Map(customers.map((c) => [c.id, c.name]));
  return {
    header: CUSTOMER_CSV_HEADER,
    rows: customers.map((c) => [
      c.id, c.name, c.company, c.address, c.phone, c.email, c.birthday, c.role, c.character, c.hobbies, c.family, c.channel,
      c.source, c.referredBy === null ? null : names.get(c.referredBy), c.credit, c.competitors, c.notes, c.tags.join(','),
      c.specialDays.map((d) => `${d.day} ${d.label}`).join('; '), yesNo(c.doNotContact), c.createdOn, c.updatedOn,
    ]),
  };
}

export const SALE_CSV_HEADER = [
  'id', 'customer_id', 'name', 'company', 'phone', 'email', 'product', 'amount', 'cost', 'quantity', 'date', 'delivery',
  'warranty_months', 'use_up_days', 'verbal', 'sale_channel', 'sale_note', 'created_on',
];

/** With the buyer's name, company, phone and email, so the sheet imports back onto the right customer. */
export function salesCsv(sales: Sale[], customers: Map<number, Customer>): CsvTable {
  return {
    header: SALE_CSV_HEADER,
    rows: sales.map((s) => {
      const c = customers.get(s.customerId);
      return [
        s.id, s.customerId, c?.name, c?.company, c?.phone, c?.email, s.product, csvMoney(s.amountCents), csvMoney(s.costCents),
        s.quantity, s.date, s.delivery, s.warrantyMonths, s.useUpDays, yesNo(s.verbal), s.channel, s.note, s.createdOn,
      ];
    }),
  };
}

export const REMINDER_CSV_HEADER = [
  'id', 'due', 'state', 'rule', 'action', 'title', 'customer_id', 'name', 'phone', 'email', 'channel', 'sale_id', 'lesson',
  'closed_on', 'reason', 'created_on',
];

export function remindersCsv(reminders: Iterable<Reminder>, customers: Map<number, Customer>): CsvTable {
  return {
    header: REMINDER_CSV_HEADER,
    rows: map(reminders, (r) => {
      const c = customers.get(r.customerId);
      return [r.id, r.due, r.state, r.rule, r.action, r.title, r.customerId, c?.name, c?.phone, c?.email, c?.channel, r.saleId,
        r.lesson, r.closedOn, r.reason, r.createdOn];
    }),
  };
}

export const CONTACT_CSV_HEADER = ['id', 'customer_id', 'name', 'date', 'kind', 'outcome', 'note', 'reminder_id'];

export function contactsCsv(contacts: Contact[], customers: Map<number, Customer>): CsvTable {
  return {
    header: CONTACT_CSV_HEADER,
    rows: contacts.map((c) => [c.id, c.customerId, customers.get(c.customerId)?.name, c.date, c.kind, c.outcome, c.note, c.reminderId]),
  };
}

export const COMPLAINT_CSV_HEADER = [
  'id', 'customer_id', 'name', 'step', 'opened_on', 'opened_at', 'words', 'channel', 'severity', 'understood', 'wants', 'cause',
  'finding', 'reasonable', 'our_fault', 'round', 'idea', 'solutions', 'accepted', 'gesture', 'promised_by', 'promises', 'confirms',
  'resolved_at', 'satisfied', 'root_cause', 'lesson', 'prevention', 'closed_at',
];

/** One row per complaint as it stands; the solutions one per line, numbered by rank (`accepted` names one). */
export function complaintsCsv(complaints: Iterable<ExportedComplaint>, customers: Map<number, Customer>): CsvTable {
  const yn = (b: boolean | null) => (b === null ? null : yesNo(b));
  return {
    header: COMPLAINT_CSV_HEADER,
    rows: map(complaints, (k) => [
      k.id, k.customerId, customers.get(k.customerId)?.name, k.step, k.openedOn, k.openedAt, k.words, k.channel, k.severity,
      yn(k.understood), k.wants, k.cause, k.finding, yn(k.reasonable), yn(k.ourFault), k.round, k.idea,
      k.solutions.map((s, i) => `${i + 1}. ${s}`).join('\n'), k.accepted, k.gesture, k.promisedBy, k.promises, k.confirms,
      k.resolvedAt, yn(k.satisfied), k.rootCause, k.lesson, k.prevention, k.closedAt,
    ]),
  };
}

/** What the whole database holds besides the five sections `--what` chooses from. */
export interface ExportedSetup {
  customerValues: Iterable<ExportedValue>;
  classifyRuns: Iterable<ExportedRun>;
  flags: Iterable<ExportedFlag>;
  reviewDecisions: Iterable<ExportedDecision>;
  surveys: Iterable<ExportedSurvey>;
  playbooks: Iterable<ExportedPlaybook>;
  outbox: Iterable<ExportedMail>;
  settings: Record<string, string>;
}

export interface ExportData extends Partial<ExportedSetup> {
  customers?: Iterable<Customer>;
  sales?: Iterable<Sale>;
  reminders?: Iterable<Reminder>;
  contacts?: Iterable<Contact>;
  complaints?: Iterable<ExportedComplaint>;
}

/**
 * The JSON document `crm import` restores, in pieces and one record per line: a database with a
 * million follow-ups never becomes one string, and a diff of two exports shows records. Sections
 * left out of `data` are left out of the file.
 */
export function* exportJsonChunks(data: ExportData, meta: { databaseId: string; today: string }): Generator<string> {
  yield `{\n  "version": ${EXPORT_VERSION},\n  "databaseId": ${JSON.stringify(meta.databaseId)},\n  "exportedOn": ${JSON.stringify(meta.today)}`;
  const sections: [string, Iterable<unknown> | undefined][] = [
    ['customers', data.customers], ['sales', data.sales && map(data.sales, saleJson)], ['reminders', data.reminders], ['contacts', data.contacts],
    ['complaints', data.complaints], ['customerValues', data.customerValues], ['classifyRuns', data.classifyRuns], ['flags', data.flags],
    ['reviewDecisions', data.reviewDecisions], ['surveys', data.surveys], ['playbooks', data.playbooks], ['outbox', data.outbox],
  ];
  for (const [name, records] of sections) {
    if (!records) continue;
    yield `,\n  "${name}": [`;
    let first = true;
    for (const r of records) {
      yield `${first ? '' : ','}\n    ${JSON.stringify(r)}`;
      first = false;
    }
    yield first ? ']' : '\n  ]';
  }
  if (data.settings) yield `,\n  "settings": ${JSON.stringify(data.settings)}`;
  yield '\n}\n';
}

/**
 * One all-day event per open follow-up, UID stable as long as the database and the follow-up live.
 * The description is read by people in their calendar, so it is in the language crm runs in.
 */
export function reminderEvent(
  r: Reminder,
  c: Pick<Customer, 'name' | 'company' | 'phone' | 'email' | 'channel'> | undefined,
  databaseId: string,
): CalendarEvent {
  const name = c?.name ?? r.customerId;
  const lines = [
    c?.company ? t('Customer: {name} ({company})', { name, company: c.company }) : t('Customer: {name}', { name }),
    ...(c?.phone ? [t('Phone: {phone}', { phone: c.phone })] : []),
    ...(c?.email ? [t('Email: {email}', { email: c.email })] : []),
    ...(c?.channel ? [t('Prefers: {channel}', { channel: channelLabel(c.channel) })] : []),
    ...(r.lesson ? [t('Why: {lesson}', { lesson: r.lesson })] : []),
    t('When done: crm done {id}', { id: r.id }),
  ];
  return { uid: `reminder-${r.id}@${databaseId}`, date: r.due, summary: r.title, description: lines.join('\n'), categories: r.action };
}
