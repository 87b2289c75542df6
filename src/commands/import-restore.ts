/**
 * Restoring a `crm export --format json` document inside the caller's transaction. Into an empty
 * database every id is kept, so the restored file exports byte for byte as the original. Into a
 * database with data, customers are matched as rows of a sheet are, every other record gets a new
 * id, and the references (sales' customers, follow-ups' sales, dedupe keys) are rewritten to them;
 * what is already there (same sale, same follow-up key, same contact) is not added twice.
 */
import type { Customer } from '../domain/customer.js';
import type { Calendar, Rule } from '../domain/playbook.js';
import type { IsoDate } from '../domain/dates.js';
import type { ExportDocument } from '../domain/import-json.js';
import { saleKey, type ImportPlan } from '../domain/import-plan.js';
import type { Contact } from '../domain/reminder.js';
import type { Store } from '../store/index.js';
import { SalePlanner } from './sale-planner.js';
import type { ImportCounts } from './import-write.js';

export interface RestoreCounts extends ImportCounts {
  reminders: { restored: number; alreadyOnFile: number };
  contacts: { restored: number; alreadyOnFile: number };
}

/** A follow-up's dedupe key names its sale (s12:...) or customer (c3:...): renumbered with them. */
export function renumberKey(key: string, saleIds: Map<number, number>, customerIds: Map<number, number>): string {
  return key.replace(/^([sc])(\d+):/, (whole, kind: string, n: string) => {
    const mapped = (kind === 's' ? saleIds : customerIds).get(Number(n));
    return mapped === undefined ? whole : `${kind}${mapped}:`;
  });
}

const contactKey = (c: Omit<Contact, 'id'>) => JSON.stringify([c.customerId, c.reminderId, c.date, c.kind, c.outcome, c.note]);

function multiset<T>(items: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * `plan` matched the document's customers (row i+1 is customers[i]) against those on file;
 * `keepIds` is true when the database was empty.
 */
export function restoreDocument(
  store: Store,
  doc: ExportDocument,
  plan: ImportPlan,
  { keepIds, calendar, rules, today }: { keepIds: boolean; calendar: Calendar; rules: Rule[]; today: IsoDate },
): RestoreCounts {
  const customerIds = new Map<number, number>();
  const all = new Map<number, Customer>(store.customers.all().map((c) => [c.id, c]));
  const fresh = new Set<number>();
  doc.customers.forEach((c, i) => {
    const ref = plan.rowRefs.get(i + 1)!;
    if (ref > 0) return customerIds.set(c.id, ref);
    const id = store.transfer.insertCustomer({ ...c, referredBy: null }, { id: keepIds ? c.id : undefined, createdOn: c.createdOn, updatedOn: c.updatedOn });
    customerIds.set(c.id, id);
    fresh.add(id);
    all.set(id, { ...c, id, referredBy: null });
  });
  for (const c of plan.updated) {
    store.customers.update(c, today);
    all.set(c.id, { ...c, updatedOn: today });
  }
  for (const c of doc.customers) {
    const id = customerIds.get(c.id)!;
    if (c.referredBy === null || all.get(id)!.referredBy !== null) continue;
    store.transfer.setReferrer(id, customerIds.get(c.referredBy)!);
    all.get(id)!.referredBy = customerIds.get(c.referredBy)!;
  }
  const saleIds = new Map<number, number>();
  const onFile = multiset(store.sales.all(), (s) => saleKey(s.customerId, s));
  const planner = doc.reminders === undefined ? new SalePlanner(store, all, calendar, today, fresh, rules) : undefined;
  let salesCreated = 0;
  for (const s of doc.sales) {
    const sale = { ...s, customerId: customerIds.get(s.customerId)! };
    const same = onFile.get(saleKey(sale.customerId, sale))?.shift();
    if (same) {
      saleIds.set(s.id, same.id);
      continue;
    }
    const id = store.transfer.insertSale(sale, { id: keepIds ? s.id : undefined, createdOn: s.createdOn });
    saleIds.set(s.id, id);
    salesCreated++;
    planner?.plan({ ...sale, id });
  }
  const reminderIds = new Map<number, number>();
  let remindersRestored = 0;
  for (const r of doc.reminders ?? []) {
    const dedupeKey = renumberKey(r.dedupeKey, saleIds, customerIds);
    const moved = { ...r, customerId: customerIds.get(r.customerId)!, saleId: r.saleId === null ? null : saleIds.get(r.saleId)!, dedupeKey };
    const id = store.transfer.insertReminder({ ...moved, id: keepIds ? r.id : undefined });
    if (id !== undefined) remindersRestored++;
    reminderIds.set(r.id, id ?? store.transfer.reminderIdByKey(dedupeKey)!);
  }
  const contactsOnFile = multiset(keepIds ? [] : store.contacts.all(), contactKey);
  let contactsRestored = 0;
  for (const c of doc.contacts) {
    const moved = { ...c, customerId: customerIds.get(c.customerId)!, reminderId: c.reminderId === null ? null : reminderIds.get(c.reminderId)! };
    if (contactsOnFile.get(contactKey(moved))?.shift()) continue;
    store.transfer.insertContact({ ...moved, id: keepIds ? c.id : undefined });
    contactsRestored++;
  }
  return {
    customers: { created: plan.created.size, updated: plan.updated.length, unchanged: plan.unchanged },
    sales: { created: salesCreated, alreadyOnFile: doc.sales.length - salesCreated },
    followUps: { open: planner?.open ?? 0, missed: planner?.missed ?? 0 },
    reminders: { restored: remindersRestored, alreadyOnFile: (doc.reminders?.length ?? 0) - remindersRestored },
    contacts: { restored: contactsRestored, alreadyOnFile: doc.contacts.length - contactsRestored },
  };
}
