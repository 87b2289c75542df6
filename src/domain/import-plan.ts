/**
 * What importing a set of validated rows will do, decided before anything is written: which rows
 * are new customers and which mean one on file, which sales are new and which are already there,
 * and who referred whom. Problems found here are row errors like those of validation.
 */
import type { Customer, NewCustomer } from './customer.js';
import { CustomerMatcher, mergeRecord, type Candidate } from './customer-match.js';
import { sheetPlace, type ImportRow, type Place, type RowError, type SaleRecord } from './import-row.js';
import { t } from '../i18n.js';

export interface PlannedSale {
  row: number;
  /** A stored customer's id, or the negative ref of a customer this import creates. */
  customerRef: number;
  sale: SaleRecord;
}

export interface ImportPlan {
  /** New customers by negative ref (-1, -2, ...), in file order; referredBy may be a ref too. */
  created: Map<number, NewCustomer>;
  /** Customers on file whose record changes, in their merged form. */
  updated: Customer[];
  unchanged: number;
  /** In date order, so ids and follow-ups come out as if entered one by one over time. */
  sales: PlannedSale[];
  /** Sales already on file (same customer, date, product, amount and quantity; any date for a row without one). */
  duplicateSales: number;
  /** The customer (id or ref) each row ended up with. */
  rowRefs: Map<number, number>;
  warnings: string[];
  errors: RowError[];
}

/** The identity of a sale for re-imports. */
export function saleKey(customerId: number, s: Pick<SaleRecord, 'date' | 'product' | 'amountCents' | 'quantity'>): string {
  return `${customerId}\u0000${s.date}\u0000${s.product}\u0000${s.amountCents}\u0000${s.quantity}`;
}

/**
 * The identity of a sale whose row gave no date: it was dated the day it was first imported, so
 * on a later day it is the same sale on any date (a repeat purchase needs its date in the sheet).
 */
export function undatedSaleKey(customerId: number, s: Pick<SaleRecord, 'product' | 'amountCents' | 'quantity'>): string {
  return saleKey(customerId, { ...s, date: '' });
}

/** Stored sales counted under both keys, for planImport's `saleCounts`. */
export function countSales(sales: Iterable<Pick<SaleRecord, 'date' | 'product' | 'amountCents' | 'quantity'> & { customerId: number }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sales) {
    for (const key of [saleKey(s.customerId, s), undatedSaleKey(s.customerId, s)]) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function blank(name: string): NewCustomer {
  return {
    name, company: null, address: null, phone: null, email: null, birthday: null, role: null, character: null, hobbies: null,
    family: null, channel: null, source: null, credit: null, competitors: null, notes: null, referredBy: null,
    doNotContact: false, tags: [], specialDays: [],
  };
}

const candidate = (id: number, c: NewCustomer): Candidate => ({ id, name: c.name, company: c.company, phone: c.phone, email: c.email });

/**
 * `existing` are the customers on file; `saleCounts` counts the stored sales by saleKey and by
 * undatedSaleKey (countSales; a multiset: a file with the same sale twice imports it twice, once,
 * and never a third time).
 */
export function planImport(
  rows: ImportRow[],
  existing: Customer[],
  saleCounts: Map<string, number>,
  /**
   * matchWithinFile: false for a JSON export, whose records are distinct customers even when they
   * look alike; place: how messages name a row and a column (a JSON export names its records).
   */
  { matchWithinFile = true, place = sheetPlace }: { matchWithinFile?: boolean; place?: Place } = {},
): ImportPlan {
  const onFile = new Map(existing.map((c) => [c.id, c]));
  const state = new Map<number, NewCustomer>();
  const changed = new Set<number>();
  const firstRow = new Map<number, number>();
  const matcher = new CustomerMatcher(existing.map((c) => candidate(c.id, c)));
  const counts = new Map(saleCounts);
  const plan: ImportPlan = { created: new Map(), updated: [], unchanged: 0, sales: [], duplicateSales: 0, rowRefs: new Map(), warnings: [], errors: [] };
  const referrals: { row: number; ref: number; name: string }[] = [];
  for (const r of rows) {
    const rec = r.customer;
    const found = matcher.find({ name: rec.name, ...rec.details });
    if (found.kind === 'ambiguous') {
      const who = found.ids.map((id) => (id > 0 ? t('customer {id}', { id }) : place(firstRow.get(id)!))).join(t(', \u0004list'));
      plan.errors.push({
        row: r.row, column: 'name', value: rec.name,
        message: t('{field}: {name} could be {who}: add a phone, email or company that tells them apart', {
          field: place(r.row, 'name'), name: JSON.stringify(rec.name), who,
        }),
      });
      continue;
    }
    let ref: number;
    if (found.kind === 'none') {
      // Two people may share a name, but on a sheet imported again it is more often one person
      // whose phone or email changed: say so, as the merge by phone is said.
      const namesakes = matcher.named(rec.name).filter((id) => id > 0);
      if (namesakes.length) {
        const vars = { row: place(r.row), name: JSON.stringify(rec.name), who: namesakes.map((id) => t('customer {id}', { id })).join(t(', \u0004list')) };
        plan.warnings.push(t('{row}: {name} added as a new customer: {who} has that name but another phone, email or company; if it is the same person, correct it with crm customer edit and import again', vars));
      }
      ref = -(plan.created.size + 1);
      const c = blank(rec.name);
      plan.created.set(ref, c);
      state.set(ref, c);
      firstRow.set(ref, r.row);
    } else {
      ref = found.id;
      if (!state.has(ref)) state.set(ref, structuredClone(onFile.get(ref)!));
      if (!found.sameName) {
        const vars = {
          row: place(r.row), name: JSON.stringify(rec.name), whose: ref > 0 ? t('customer {id}', { id: ref }) : place(firstRow.get(ref)!),
          other: JSON.stringify(state.get(ref)!.name),
        };
        plan.warnings.push(
          found.by === 'phone'
            ? t('{row}: {name} has the phone of {whose}, {other}; merged into that customer', vars)
            : t('{row}: {name} has the email of {whose}, {other}; merged into that customer', vars),
        );
      }
    }
    const target = state.get(ref)!;
    if (mergeRecord(target, rec) && ref > 0) changed.add(ref);
    if (ref > 0 || matchWithinFile) matcher.add(candidate(ref, target));
    plan.rowRefs.set(r.row, ref);
    if (rec.referredBy) referrals.push({ row: r.row, ref, name: rec.referredBy });
    if (r.sale) {
      const key = r.undated ? undatedSaleKey(ref, r.sale) : saleKey(ref, r.sale);
      const left = counts.get(key) ?? 0;
      if (left > 0) {
        counts.set(key, left - 1);
        plan.duplicateSales++;
      } else {
        plan.sales.push({ row: r.row, customerRef: ref, sale: r.sale });
      }
    }
  }
  for (const { row, ref, name } of referrals) {
    const ids = matcher.named(name);
    const vars = { field: place(row, 'referred_by'), name: JSON.stringify(name) };
    const message = (text: string) => plan.errors.push({ row, column: 'referred_by', value: name, message: text });
    if (ids.length === 0) message(t('{field}: no customer named {name} on file or in this file; add them or leave the cell empty', vars));
    else if (ids.length > 1) message(t('{field}: several customers are named {name}; leave the cell empty and set it with crm customer edit --referred-by ID', vars));
    else if (ids[0] === ref) message(t('{field}: a customer cannot refer themselves (got {name})', vars));
    else if (state.get(ref)!.referredBy !== ids[0]) {
      state.get(ref)!.referredBy = ids[0];
      if (ref > 0) changed.add(ref);
    }
  }
  plan.updated = [...changed].map((id) => state.get(id) as Customer);
  plan.unchanged = [...state.keys()].filter((id) => id > 0 && !changed.has(id)).length;
  plan.sales.sort((a, b) => (a.sale.date < b.sale.date ? -1 : a.sale.date > b.sale.date ? 1 : a.row - b.row));
  plan.errors.sort((a, b) => a.row - b.row);
  return plan;
}
