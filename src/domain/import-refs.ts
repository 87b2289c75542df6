/**
 * The references of a `crm export --format json` document, checked before anything is written:
 * ids unique within their section, and every id a record names (a sale's customer, a survey's
 * follow-up, a mail's customer) present in the file, so a restore never trips a foreign key.
 */
import { t } from '../i18n.js';
import type { ExportDocument } from './import-json.js';
import type { RowError } from './import-row.js';
import { positionOf, type Fields } from './json-fields.js';

type Message = (vars: { field: string; id: number }) => string;

export function checkReferences(doc: Omit<ExportDocument, 'databaseId' | 'settings' | 'reminders'> & { reminders: { id: number }[] }, errors: RowError[]): void {
  /** The ids of a section (or of a list inside a record, such as a run's changes), each once. */
  const ids = (list: object[], name: string, key = 'id') => {
    const seen = new Set<number>();
    (list as Fields[]).forEach((x, n) => {
      const i = positionOf(x, n);
      const field = `${name}[${i}].${key}`;
      const id = x[key] as number;
      if (seen.has(id)) errors.push({ row: i + 1, column: field, value: String(id), message: t('{field} {id} appears twice; ids must be unique', { field, id }) });
      seen.add(id);
    });
    return seen;
  };
  const [customers, sales, reminders] = [ids(doc.customers, 'customers'), ids(doc.sales, 'sales'), ids(doc.reminders, 'reminders')];
  ids(doc.contacts, 'contacts');
  ids(doc.complaints, 'complaints');
  ids(doc.customerValues, 'customerValues', 'customerId');
  ids(doc.classifyRuns, 'classifyRuns');
  doc.classifyRuns.forEach((run, n) => ids(run.changes, `classifyRuns[${positionOf(run, n)}].changes`, 'customerId'));
  ids(doc.flags, 'flags');
  ids(doc.reviewDecisions, 'reviewDecisions');
  ids(doc.surveys, 'surveys');
  ids(doc.playbooks, 'playbooks', 'version');
  ids(doc.outbox, 'outbox');
  const notIn: Record<'customer' | 'sale' | 'followUp', Message> = {
    customer: (vars) => t('{field} {id} is not a customer in this file', vars),
    sale: (vars) => t('{field} {id} is not a sale in this file', vars),
    followUp: (vars) => t('{field} {id} is not a follow-up in this file', vars),
  };
  const ref = (name: string, list: object[], key: string, known: Set<number>, message: Message) =>
    (list as Fields[]).forEach((x, n) => {
      const v = x[key] as number | null;
      if (v === null || known.has(v)) return;
      const i = positionOf(x, n);
      const field = `${name}[${i}].${key}`;
      errors.push({ row: i + 1, column: field, value: String(v), message: message({ field, id: v }) });
    });
  ref('customers', doc.customers, 'referredBy', customers, notIn.customer);
  ref('sales', doc.sales, 'customerId', customers, notIn.customer);
  ref('reminders', doc.reminders, 'customerId', customers, notIn.customer);
  ref('reminders', doc.reminders, 'saleId', sales, notIn.sale);
  ref('contacts', doc.contacts, 'customerId', customers, notIn.customer);
  ref('contacts', doc.contacts, 'reminderId', reminders, notIn.followUp);
  ref('complaints', doc.complaints, 'customerId', customers, notIn.customer);
  ref('customerValues', doc.customerValues, 'customerId', customers, notIn.customer);
  doc.classifyRuns.forEach((run, n) => ref(`classifyRuns[${positionOf(run, n)}].changes`, run.changes, 'customerId', customers, notIn.customer));
  for (const name of ['flags', 'reviewDecisions', 'surveys', 'outbox'] as const) ref(name, doc[name], 'customerId', customers, notIn.customer);
  ref('surveys', doc.surveys, 'reminderId', reminders, notIn.followUp);
  ref('outbox', doc.outbox, 'reminderId', reminders, notIn.followUp);
}
