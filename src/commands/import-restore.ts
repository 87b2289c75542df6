/**
 * Restoring a `crm export --format json` document inside the caller's transaction. Into an empty
 * database every id is kept, so the restored file exports byte for byte as the original. Into a
 * database with data, customers are matched as rows of a sheet are, every other record gets a new
 * id, and the references (sales' customers, follow-ups' sales and complaints, dedupe keys) are
 * rewritten to them; what is already there (same sale, same follow-up key, same contact, a
 * complaint of the same customer opened at the same moment) is not added twice. The value
 * classification, the playbooks, the settings and the outbox follow the same rule; see
 * restore-value.ts and restore-setup.ts for what "already there" means for each.
 */
import type { LogEntry } from '../domain/complaint-answers.js';
import type { ExportedComplaint } from '../domain/complaint-json.js';
import type { Customer } from '../domain/customer.js';
import type { Calendar, Rule } from '../domain/playbook.js';
import type { IsoDate } from '../domain/dates.js';
import type { ExportDocument } from '../domain/import-json.js';
import { saleKey, type ImportPlan } from '../domain/import-plan.js';
import type { Contact, Reminder } from '../domain/reminder.js';
import type { Store } from '../store/index.js';
import { SalePlanner } from './sale-planner.js';
import type { ImportCounts } from './import-write.js';
import { multiset, type IdMap, type Restored } from './restore-match.js';
import { restoreOutbox, restoreSetup, type SetupCounts } from './restore-setup.js';
import { restoreSurveys, restoreValues, type ValueCounts } from './restore-value.js';

export interface RestoreCounts extends ImportCounts, ValueCounts, SetupCounts {
  reminders: Restored;
  contacts: Restored;
  complaints: Restored;
  surveys: Restored;
  outbox: Restored;
}

/**
 * A follow-up's dedupe key names its sale (s12:...), customer (c3:...) or complaint (k4:...):
 * renumbered with them. A complaint's follow-ups also name it in their texts ("Complaint #4: ..."),
 * which follow, so `crm complaint resume` gets the number the agenda shows.
 */
function renumber<R extends Pick<Reminder, 'dedupeKey' | 'title' | 'reason'>>(r: R, ids: { s: IdMap; c: IdMap; k: IdMap }): R {
  const m = /^([sck])(\d+):/.exec(r.dedupeKey);
  const from = m ? Number(m[2]) : 0;
  const to = m ? ids[m[1] as 's' | 'c' | 'k'].get(from) : undefined;
  if (!m || to === undefined) return r;
  const moved = { ...r, dedupeKey: `${m[1]}${to}:${r.dedupeKey.slice(m[0].length)}` };
  if (m[1] !== 'k' || to === from) return moved;
  const number = new RegExp(`#${from}(?!\\d)`, 'g');
  return { ...moved, title: r.title.replace(number, `#${to}`), reason: r.reason?.replace(number, `#${to}`) ?? null };
}

const complaintKey = (k: Pick<ExportedComplaint, 'customerId' | 'openedAt'>) => JSON.stringify([k.customerId, k.openedAt]);

/** The log as it was, entry for entry; the customer its 'opened' entry names follows the customer's id. */
function movedEntry(e: LogEntry, customerIds: IdMap): LogEntry {
  const v = e.value as { customerId?: unknown } | null;
  if (e.field !== 'opened' || typeof v?.customerId !== 'number') return e;
  return { ...e, value: { ...v, customerId: customerIds.get(v.customerId) ?? v.customerId } };
}

function restoreComplaints(store: Store, complaints: ExportedComplaint[], customerIds: IdMap, keepIds: boolean): { ids: IdMap; restored: number } {
  const ids: IdMap = new Map();
  const onFile = multiset(keepIds ? [] : store.complaints.list(), complaintKey);
  let restored = 0;
  for (const { id: oldId, log, ...k } of complaints) {
    const complaint = { ...k, customerId: customerIds.get(k.customerId)! };
    const same = onFile.get(complaintKey(complaint))?.shift();
    if (same) {
      ids.set(oldId, same.id);
      continue;
    }
    // Inserted through the store like every entry: the log's triggers forbid changes, not additions.
    const id = store.transfer.insertComplaint(complaint, keepIds ? oldId : undefined);
    store.complaints.append(id, log.map((e) => movedEntry(e, customerIds)));
    ids.set(oldId, id);
    restored++;
  }
  return { ids, restored };
}

const contactKey = (c: Omit<Contact, 'id'>) => JSON.stringify([c.customerId, c.reminderId, c.date, c.kind, c.outcome, c.note]);

/**
 * `plan` matched the document's customers (row i+1 is customers[i]) against those on file;
 * `keepIds` is true when the database was empty.
 */
export function restoreDocument(
  store: Store,
  doc: ExportDocument,
  plan: ImportPlan,
  { keepIds, calendar, rules, today }: { keepIds: boolean; calendar: Calendar; rules: Rule[]; today: IsoDate },
): { counts: RestoreCounts; warnings: string[] } {
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
  const setup = restoreSetup(store, doc, keepIds);
  const values = restoreValues(store, doc, customerIds, keepIds);
  const saleIds = new Map<number, number>();
  const onFile = multiset(store.sales.all(), (s) => saleKey(s.customerId, s));
  const planner = doc.reminders === undefined ? new SalePlanner(store, all, calendar, today, fresh, setup.rules ?? rules) : undefined;
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
  const complaints = restoreComplaints(store, doc.complaints, customerIds, keepIds);
  const reminderIds = new Map<number, number>();
  let remindersRestored = 0;
  const restoreReminders = () => {
    for (const { vars, ...r } of doc.reminders ?? []) {
      const moved = {
        ...renumber(r, { s: saleIds, c: customerIds, k: complaints.ids }),
        customerId: customerIds.get(r.customerId)!, saleId: r.saleId === null ? null : saleIds.get(r.saleId)!,
      };
      const id = store.transfer.insertReminder({ ...moved, id: keepIds ? r.id : undefined }, vars ?? undefined);
      if (id !== undefined) remindersRestored++;
      reminderIds.set(r.id, id ?? store.transfer.reminderIdByKey(moved.dedupeKey)!);
    }
  };
  // Into a database with no follow-ups yet, their indexes are built once at the end (the loop
  // looks rows up by dedupe key only, whose index stays).
  if (doc.reminders?.length && store.transfer.noReminders()) store.transfer.withoutReminderIndexes(restoreReminders);
  else restoreReminders();
  const contactsOnFile = multiset(keepIds ? [] : store.contacts.all(), contactKey);
  let contactsRestored = 0;
  for (const c of doc.contacts) {
    const moved = { ...c, customerId: customerIds.get(c.customerId)!, reminderId: c.reminderId === null ? null : reminderIds.get(c.reminderId)! };
    if (contactsOnFile.get(contactKey(moved))?.shift()) continue;
    store.transfer.insertContact({ ...moved, id: keepIds ? c.id : undefined });
    contactsRestored++;
  }
  const counts: RestoreCounts = {
    customers: { created: plan.created.size, updated: plan.updated.length, unchanged: plan.unchanged },
    sales: { created: salesCreated, alreadyOnFile: doc.sales.length - salesCreated },
    followUps: planner?.counts ?? { open: 0, dueToday: 0, missed: 0, older: 0 },
    reminders: { restored: remindersRestored, alreadyOnFile: (doc.reminders?.length ?? 0) - remindersRestored },
    contacts: { restored: contactsRestored, alreadyOnFile: doc.contacts.length - contactsRestored },
    complaints: { restored: complaints.restored, alreadyOnFile: doc.complaints.length - complaints.restored },
    ...values,
    surveys: restoreSurveys(store, doc, customerIds, reminderIds, keepIds),
    ...setup.counts,
    outbox: restoreOutbox(store, doc, { customers: customerIds, reminders: reminderIds }, keepIds),
  };
  return { counts, warnings: setup.warnings };
}
