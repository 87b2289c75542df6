/** The customer file: customers, their tags and special days. */
import { prepared, type Db } from './db.js';
import {
  CUSTOMER_TEXT_FIELDS,
  foldName,
  type Customer,
  type CustomerTextField,
  type NewCustomer,
  type SpecialDay,
} from '../domain/customer.js';
import type { IsoDate } from '../domain/dates.js';

interface Row {
  id: number;
  name: string;
  referred_by: number | null;
  do_not_contact: number;
  created_on: string;
  updated_on: string;
  tags: string | null;
  [field: string]: unknown;
}

export interface CustomerFilter {
  search?: string;
  tag?: string;
  /** The value tier `crm classify` gave them. */
  tier?: string;
  ids?: number[];
  limit?: number;
}

const SELECT = `SELECT c.*, (SELECT group_concat(tag, ',') FROM (SELECT tag FROM customer_tags t
  WHERE t.customer_id = c.id ORDER BY tag)) AS tags FROM customers c`;

export class CustomerRepo {
  constructor(private readonly db: Db) {}

  private toCustomer(row: Row, specialDays: SpecialDay[]): Customer {
    const details = Object.fromEntries(CUSTOMER_TEXT_FIELDS.map((f) => [f, (row[f] as string | null) ?? null]));
    return {
      id: row.id,
      name: row.name,
      ...(details as Record<CustomerTextField, string | null>),
      referredBy: row.referred_by,
      doNotContact: row.do_not_contact === 1,
      tags: row.tags ? row.tags.split(',') : [],
      specialDays,
      createdOn: row.created_on,
      updatedOn: row.updated_on,
    };
  }

  private specialDaysOf(ids: number[]): Map<number, SpecialDay[]> {
    const map = new Map<number, SpecialDay[]>();
    if (!ids.length) return map;
    const stmt = prepared(this.db, 
      `SELECT customer_id, day, label FROM special_days WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY day, id`,
    );
    for (const r of stmt.all(JSON.stringify(ids)) as { customer_id: number; day: string; label: string }[]) {
      const list = map.get(r.customer_id) ?? [];
      list.push({ day: r.day, label: r.label });
      map.set(r.customer_id, list);
    }
    return map;
  }

  insert(c: NewCustomer, today: IsoDate): number {
    const cols = ['name', 'name_fold', ...CUSTOMER_TEXT_FIELDS, 'referred_by', 'do_not_contact', 'created_on', 'updated_on'];
    const values = [c.name, foldName(c.name), ...CUSTOMER_TEXT_FIELDS.map((f) => c[f]), c.referredBy, c.doNotContact ? 1 : 0, today, today];
    const info = this.db
      .prepare(`INSERT INTO customers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...values);
    const id = Number(info.lastInsertRowid);
    this.setTags(id, c.tags);
    for (const d of c.specialDays) this.addSpecialDay(id, d);
    return id;
  }

  /** Writes every field of `c` (the caller merged the edit into the stored customer). */
  update(c: Customer, today: IsoDate): void {
    const sets = ['name = ?', 'name_fold = ?', ...CUSTOMER_TEXT_FIELDS.map((f) => `${f} = ?`), 'referred_by = ?', 'do_not_contact = ?', 'updated_on = ?'];
    this.db
      .prepare(`UPDATE customers SET ${sets.join(', ')} WHERE id = ?`)
      .run(c.name, foldName(c.name), ...CUSTOMER_TEXT_FIELDS.map((f) => c[f]), c.referredBy, c.doNotContact ? 1 : 0, today, c.id);
    this.setTags(c.id, c.tags);
    prepared(this.db, 'DELETE FROM special_days WHERE customer_id = ?').run(c.id);
    for (const d of c.specialDays) this.addSpecialDay(c.id, d);
  }

  private setTags(id: number, tags: string[]): void {
    prepared(this.db, 'DELETE FROM customer_tags WHERE customer_id = ?').run(id);
    const add = prepared(this.db, 'INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)');
    for (const t of tags) add.run(id, t);
  }

  private addSpecialDay(id: number, d: SpecialDay): void {
    prepared(this.db, 'INSERT OR IGNORE INTO special_days (customer_id, day, label) VALUES (?, ?, ?)').run(id, d.day, d.label);
  }

  get(id: number): Customer | undefined {
    const row = prepared(this.db, `${SELECT} WHERE c.id = ?`).get(id) as Row | undefined;
    return row && this.toCustomer(row, this.specialDaysOf([id]).get(id) ?? []);
  }

  /** Customers named exactly `name`, else those whose name starts with it (any case, any script). */
  findByName(name: string): { exact: Customer[]; prefix: Customer[] } {
    const exactRows = prepared(this.db, `${SELECT} WHERE c.name = ? ORDER BY c.id`).all(name) as Row[];
    if (exactRows.length) return { exact: this.hydrate(exactRows), prefix: [] };
    const fold = foldName(name);
    // U+10FFFF sorts after every character, so this range is exactly "starts with fold".
    const rows = this.db
      .prepare(`${SELECT} WHERE c.name_fold >= ? AND c.name_fold < ? ORDER BY c.name_fold, c.id LIMIT 20`)
      .all(fold, fold + '\u{10FFFF}') as Row[];
    return { exact: [], prefix: this.hydrate(rows) };
  }

  list(filter: CustomerFilter = {}): Customer[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.search) {
      const q = foldName(filter.search);
      where.push(`(instr(c.name_fold, ?) OR instr(lower(coalesce(c.company, '')), ?) OR instr(coalesce(c.phone, ''), ?)
        OR instr(lower(coalesce(c.email, '')), ?) OR instr(lower(coalesce(c.notes, '')), ?)
        OR EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND instr(t.tag, ?)))`);
      params.push(q, q, filter.search, q, q, q);
    }
    if (filter.tag) {
      where.push('EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = ?)');
      params.push(filter.tag.toLowerCase());
    }
    if (filter.tier) {
      where.push('EXISTS (SELECT 1 FROM customer_value v WHERE v.customer_id = c.id AND v.tier = ?)');
      params.push(filter.tier);
    }
    if (filter.ids) {
      where.push('c.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.ids));
    }
    const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name_fold, c.id${filter.limit ? ' LIMIT ?' : ''}`;
    if (filter.limit) params.push(filter.limit);
    return this.hydrate(prepared(this.db, sql).all(...params) as Row[]);
  }

  private hydrate(rows: Row[]): Customer[] {
    const days = this.specialDaysOf(rows.map((r) => r.id));
    return rows.map((r) => this.toCustomer(r, days.get(r.id) ?? []));
  }

  /** Every customer in id order, for export and import matching. */
  all(): Customer[] {
    return this.hydrate(prepared(this.db, `${SELECT} ORDER BY c.id`).all() as Row[]);
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  }
}
