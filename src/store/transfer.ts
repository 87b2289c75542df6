/**
 * Writes for `crm import`: many rows in one transaction, so statements are prepared once, and rows
 * keep their ids, dates and states when a JSON export is restored. Also the per-database id that
 * makes calendar UIDs stable.
 */
import { randomUUID } from 'node:crypto';
import { prepared, type Db } from './db.js';
import type { IsoDate } from '../domain/dates.js';
import { foldName, type NewCustomer } from '../domain/customer.js';
import type { NewSale } from '../domain/sale.js';
import type { Contact, Reminder } from '../domain/reminder.js';
import type { Complaint } from '../domain/complaint.js';
import type { TemplateVars } from '../domain/template.js';
import type Database from 'better-sqlite3';

const CUSTOMER_COLUMNS = [
  'company', 'address', 'phone', 'email', 'birthday', 'role', 'character', 'hobbies', 'family', 'channel', 'source',
  'credit', 'competitors', 'notes',
] as const;

export type RestoredReminder = Omit<Reminder, 'id'> & { id?: number };

export class TransferRepo {
  private readonly statements = new Map<string, Database.Statement>();
  private lastVars: TemplateVars | undefined;
  private lastJson: string | null = null;

  constructor(private readonly db: Db) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = prepared(this.db, sql)));
    return s;
  }

  /** A new customer with their tags and special days; `id` is kept when given (a restore). */
  insertCustomer(c: NewCustomer, on: { id?: number; createdOn: IsoDate; updatedOn: IsoDate }): number {
    const info = this.stmt(
      `INSERT INTO customers (id, name, name_fold, ${CUSTOMER_COLUMNS.join(', ')}, referred_by, do_not_contact, created_on, updated_on)
       VALUES (${Array(CUSTOMER_COLUMNS.length + 7).fill('?').join(', ')})`,
    ).run(on.id ?? null, c.name, foldName(c.name), ...CUSTOMER_COLUMNS.map((f) => c[f]), c.referredBy, c.doNotContact ? 1 : 0, on.createdOn, on.updatedOn);
    const id = Number(info.lastInsertRowid);
    for (const tag of c.tags) this.stmt('INSERT OR IGNORE INTO customer_tags (customer_id, tag) VALUES (?, ?)').run(id, tag);
    for (const d of c.specialDays) {
      this.stmt('INSERT OR IGNORE INTO special_days (customer_id, day, label) VALUES (?, ?, ?)').run(id, d.day, d.label);
    }
    return id;
  }

  setReferrer(customerId: number, referrerId: number): void {
    this.stmt('UPDATE customers SET referred_by = ? WHERE id = ?').run(referrerId, customerId);
  }

  insertSale(s: NewSale, on: { id?: number; createdOn: IsoDate }): number {
    return Number(
      this.stmt(
        `INSERT INTO sales (id, customer_id, product, amount_cents, cost_cents, quantity, date, delivery, warranty_months,
          use_up_days, verbal, channel, note, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(on.id ?? null, s.customerId, s.product, s.amountCents, s.costCents, s.quantity, s.date, s.delivery,
        s.warrantyMonths, s.useUpDays, s.verbal ? 1 : 0, s.channel, s.note, on.createdOn).lastInsertRowid,
    );
  }

  /**
   * The new reminder's id, or undefined when one with the same dedupe key is already planned.
   * `vars`: the values its title was rendered with, for the customer email (as insertNew keeps them).
   */
  insertReminder(r: RestoredReminder, vars?: TemplateVars): number | undefined {
    // A sale's steps share one values object (planWithHistory): written as JSON once, not once a row.
    if (vars !== this.lastVars) this.lastJson = (this.lastVars = vars) ? JSON.stringify(vars) : null;
    const info = this.stmt(
      `INSERT INTO reminders (id, customer_id, sale_id, rule, action, title, lesson, due, state, dedupe_key, closed_on, reason, created_on, vars)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    ).run(r.id ?? null, r.customerId, r.saleId, r.rule, r.action, r.title, r.lesson, r.due, r.state, r.dedupeKey, r.closedOn, r.reason,
      r.createdOn, this.lastJson);
    return info.changes ? Number(info.lastInsertRowid) : undefined;
  }

  /** True when no follow-up is on file at all: every customer's history is then empty. */
  noReminders(): boolean {
    return (this.stmt('SELECT NOT EXISTS (SELECT 1 FROM reminders) AS none').get() as { none: number }).none === 1;
  }

  /**
   * Runs `fn` inside the caller's transaction with the follow-ups' secondary indexes (by due date,
   * customer and sale) set aside, and builds them again afterwards: SQLite builds an index from
   * sorted rows much faster than it keeps one up to date row by row (568k follow-ups: 6.4 -> 4.8 s
   * in a bare loop). For a caller that reads no follow-ups meanwhile except by dedupe key, whose
   * UNIQUE index stays. Should `fn` throw, the transaction's rollback brings the indexes back too.
   */
  withoutReminderIndexes<T>(fn: () => T): T {
    const indexes = this.stmt(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reminders' AND sql IS NOT NULL ORDER BY name",
    ).all() as { name: string; sql: string }[];
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    const result = fn();
    for (const { sql } of indexes) this.db.exec(sql);
    return result;
  }

  reminderIdByKey(dedupeKey: string): number | undefined {
    return (this.stmt('SELECT id FROM reminders WHERE dedupe_key = ?').get(dedupeKey) as { id: number } | undefined)?.id;
  }

  insertContact(c: Omit<Contact, 'id'> & { id?: number }): number {
    return Number(
      this.stmt('INSERT INTO contacts (id, customer_id, reminder_id, date, kind, outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(c.id ?? null, c.customerId, c.reminderId, c.date, c.kind, c.outcome, c.note).lastInsertRowid,
    );
  }

  /**
   * A complaint as it stood when exported; `id` is kept when given (a restore). Its log is appended
   * through the complaints repository, as every entry is.
   */
  insertComplaint(c: Omit<Complaint, 'id'>, id?: number): number {
    const int = (v: boolean | null) => (v === null ? null : v ? 1 : 0);
    return Number(
      this.stmt(
        `INSERT INTO complaints (id, customer_id, step, opened_on, opened_at, words, channel, severity, understood, wants, cause,
          finding, reasonable, our_fault, round, idea, solutions, accepted, gesture, promised_by, promises, confirms, resolved_at,
          satisfied, root_cause, lesson, prevention, closed_at) VALUES (${Array(28).fill('?').join(', ')})`,
      ).run(id ?? null, c.customerId, c.step, c.openedOn, c.openedAt, c.words, c.channel, c.severity, int(c.understood), c.wants, c.cause,
        c.finding, int(c.reasonable), int(c.ourFault), c.round, c.idea, JSON.stringify(c.solutions), c.accepted, c.gesture, c.promisedBy,
        c.promises, c.confirms, c.resolvedAt, int(c.satisfied), c.rootCause, c.lesson, c.prevention, c.closedAt).lastInsertRowid,
    );
  }

  /** True when nothing at all is on file: a restore then keeps every id. */
  isEmpty(): boolean {
    const row = this.stmt(
      'SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM sales) + (SELECT count(*) FROM reminders) + (SELECT count(*) FROM contacts) AS n',
    ).get() as { n: number };
    return row.n === 0;
  }

  /**
   * The id that names this database in calendar UIDs, created on first use. Kept in settings, so a
   * backup or a restore into an empty database keeps the UIDs a phone's calendar already knows.
   */
  databaseId(): string {
    this.stmt("INSERT OR IGNORE INTO settings (key, value) VALUES ('database-id', ?)").run(randomUUID());
    return (this.stmt("SELECT value FROM settings WHERE key = 'database-id'").get() as { value: string }).value;
  }

  setDatabaseId(id: string): void {
    this.stmt("INSERT INTO settings (key, value) VALUES ('database-id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(id);
  }
}
