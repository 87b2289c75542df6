/**
 * Reading back a `crm export --format json` document: every record checked with the same rules as
 * typed input, every reference (a sale's customer, a follow-up's sale, a complaint's customer, a
 * mail's follow-up) checked to exist in the file. Problems are listed as "customers[3].email must
 * be ...", all of them, before anything is written. Sections added since version 1 (the value
 * classification, playbooks, settings, the outbox, a follow-up's vars) are optional: a file written
 * before them reads as it always did.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { readComplaint, type ExportedComplaint } from './complaint-json.js';
import type { Customer, SpecialDay } from './customer.js';
import { CUSTOMER_TEXT_FIELDS } from './customer.js';
import { customerField } from './import-row.js';
import type { RowError } from './import-row.js';
import { checkReferences } from './import-refs.js';
import { bool, cents, count, date, fail, id, line, nullable, oneOf, section, text, type Fields, type Getter, type Read } from './json-fields.js';
import { checkOutbox, readMail, type ExportedMail } from './outbox-json.js';
import { CHANNELS, parseChoice, parseName, parseTags, parseYearlyDay } from './parse.js';
import { readInstalledPlaybook, readSettings, type PlaybookChecker, type RestoredPlaybook } from './playbook-json.js';
import type { Contact, ContactKind, Reminder, ReminderState } from './reminder.js';
import type { Sale } from './sale.js';
import { PLACEHOLDERS, type TemplateVars } from './template.js';
import { object, readDecision, readFlag, readRun, readSurvey, readValue } from './value-json.js';
import type { ExportedDecision, ExportedFlag, ExportedRun, ExportedSurvey, ExportedValue } from './value-json.js';

export const EXPORT_VERSION = 1;

export interface ExportDocument {
  databaseId: string | null;
  customers: Customer[];
  sales: Sale[];
  /** Undefined when the file has no "reminders" list: its sales are then planned by the playbook. */
  reminders: ExportedReminder[] | undefined;
  contacts: Contact[];
  /** Each with its log; empty for a file written before complaints were exported. */
  complaints: ExportedComplaint[];
  /** Empty (settings: {}) for a file written before these were exported. */
  customerValues: ExportedValue[];
  classifyRuns: ExportedRun[];
  flags: ExportedFlag[];
  reviewDecisions: ExportedDecision[];
  surveys: ExportedSurvey[];
  /** Oldest version first; the last one is in force. */
  playbooks: RestoredPlaybook[];
  settings: Record<string, string>;
  outbox: ExportedMail[];
}

/** A follow-up with the placeholder values its title was rendered with (null when none were kept). */
export type ExportedReminder = Reminder & { vars: TemplateVars | null };

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

const templateVars: Read<TemplateVars> = (v, f) => {
  const vars = object(v, f);
  for (const [k, x] of Object.entries(vars)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(k)) fail(`${f}.${k}`, t('a placeholder, one of {choices}', { choices: PLACEHOLDERS.join(', ') }), k);
    text(x, `${f}.${k}`);
  }
  return vars as TemplateVars;
};

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

export function readExportDocument(doc: unknown, checkPlaybook: PlaybookChecker): { value?: ExportDocument; errors: RowError[] } {
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
  const reminders = section(d, 'reminders', errors, (get): ExportedReminder => ({
    id: get('id', id), customerId: get('customerId', id), saleId: get('saleId', nullable(id)), rule: get('rule', line),
    action: get('action', line), title: get('title', text), lesson: get('lesson', nullable(text)), due: get('due', date),
    state: get('state', oneOf(STATES)), dedupeKey: get('dedupeKey', line), closedOn: get('closedOn', nullable(date)),
    reason: get('reason', nullable(text)), createdOn: get('createdOn', date), vars: get('vars', nullable(templateVars)),
  }));
  const contacts = section(d, 'contacts', errors, (get): Contact => ({
    id: get('id', id), customerId: get('customerId', id), reminderId: get('reminderId', nullable(id)), date: get('date', date),
    kind: get('kind', oneOf(KINDS)), outcome: get('outcome', nullable(text)), note: get('note', nullable(text)),
  }));
  const complaints = section(d, 'complaints', errors, readComplaint);
  const rest = {
    customerValues: section(d, 'customerValues', errors, readValue), classifyRuns: section(d, 'classifyRuns', errors, readRun),
    flags: section(d, 'flags', errors, readFlag), reviewDecisions: section(d, 'reviewDecisions', errors, readDecision),
    surveys: section(d, 'surveys', errors, readSurvey), playbooks: section(d, 'playbooks', errors, readInstalledPlaybook(checkPlaybook)),
    settings: readSettings(d.settings, errors), outbox: section(d, 'outbox', errors, readMail),
  };
  checkReferences({ customers, sales, reminders, contacts, complaints, ...rest }, errors);
  checkOutbox(rest.outbox, errors);
  const databaseId = typeof d.databaseId === 'string' && /^[\w.-]{1,100}$/.test(d.databaseId) ? d.databaseId : null;
  if (errors.length) return { errors };
  rest.playbooks.sort((a, b) => a.version - b.version);
  return { value: { databaseId, customers, sales, reminders: d.reminders === undefined ? undefined : reminders, contacts, complaints, ...rest }, errors };
}
