/** Follow-ups and contacts: what is planned, and what was done. */
import { prepared, type Db } from './db.js';
import type { IsoDate } from '../domain/dates.js';
import type { Contact, ContactKind, Reminder, ReminderState } from '../domain/reminder.js';
import type { TemplateVars } from '../domain/template.js';

export type NewReminder = Omit<Reminder, 'id' | 'closedOn' | 'reason' | 'createdOn'> & {
  reason?: string | null;
  /** The placeholder values of the title, kept for customer emails. */
  vars?: TemplateVars;
};

export interface AgendaRow extends Reminder {
  customerName: string;
  phone: string | null;
  email: string | null;
  channel: string | null;
}

interface Row {
  id: number;
  customer_id: number;
  sale_id: number | null;
  rule: string;
  action: string;
  title: string;
  lesson: string | null;
  due: string;
  state: ReminderState;
  dedupe_key: string;
  closed_on: string | null;
  reason: string | null;
  created_on: string;
  vars: string | null;
}

function toReminder(r: Row): Reminder {
  return {
    id: r.id,
    customerId: r.customer_id,
    saleId: r.sale_id,
    rule: r.rule,
    action: r.action,
    title: r.title,
    lesson: r.lesson,
    due: r.due,
    state: r.state,
    dedupeKey: r.dedupe_key,
    closedOn: r.closed_on,
    reason: r.reason,
    createdOn: r.created_on,
  };
}

export class ReminderRepo {
  constructor(private readonly db: Db) {}

  /** Inserts what is new; a follow-up already planned (same dedupe key) is left as it is. */
  insertNew(reminders: NewReminder[], today: IsoDate): Reminder[] {
    const stmt = prepared(this.db, 
      `INSERT INTO reminders (customer_id, sale_id, rule, action, title, lesson, due, state, dedupe_key, closed_on, reason, created_on, vars)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`,
    );
    const inserted: Reminder[] = [];
    for (const r of reminders) {
      const closedOn = r.state === 'open' ? null : today;
      const vars = r.vars ? JSON.stringify(r.vars) : null;
      const row = stmt.get(r.customerId, r.saleId, r.rule, r.action, r.title, r.lesson, r.due, r.state, r.dedupeKey, closedOn, r.reason ?? null, today, vars) as Row | undefined;
      if (row) inserted.push(toReminder(row));
    }
    return inserted;
  }

  get(id: number): Reminder | undefined {
    const r = prepared(this.db, 'SELECT * FROM reminders WHERE id = ?').get(id) as Row | undefined;
    return r && toReminder(r);
  }

  /** The placeholder values the title was rendered with; {} for follow-ups planned before they were kept. */
  templateVars(id: number): TemplateVars {
    const r = prepared(this.db, 'SELECT vars FROM reminders WHERE id = ?').get(id) as { vars: string | null } | undefined;
    return r?.vars ? (JSON.parse(r.vars) as TemplateVars) : {};
  }

  /**
   * Open follow-ups due on or before `until`, oldest first: uses the partial index on due. The
   * columns are named as AgendaRow's fields so SQLite builds the rows as returned: at 100k
   * customers the agenda has ~54k rows, and a second object per row cost ~20% of `crm today`.
   */
  agenda(until: IsoDate, { after = '', limit = -1 }: { after?: IsoDate; limit?: number } = {}): AgendaRow[] {
    return prepared(
      this.db,
      `SELECT r.id, r.customer_id AS customerId, r.sale_id AS saleId, r.rule, r.action, r.title, r.lesson, r.due, r.state,
           r.dedupe_key AS dedupeKey, r.closed_on AS closedOn, r.reason, r.created_on AS createdOn,
           c.name AS customerName, c.phone, c.email, c.channel
         FROM reminders r JOIN customers c ON c.id = r.customer_id
         WHERE r.state = 'open' AND r.due <= ? AND r.due > ? ORDER BY r.due, r.id LIMIT ?`,
    ).all(until, after, limit) as AgendaRow[];
  }

  /** How many open follow-ups fall after `after` up to `until`: counted on the index, not loaded. */
  countOpen(after: IsoDate, until: IsoDate): number {
    return (prepared(this.db, "SELECT count(*) AS n FROM reminders WHERE state = 'open' AND due > ? AND due <= ?").get(after, until) as { n: number }).n;
  }

  forCustomer(customerId: number, { openOnly = false, limit = 1000 } = {}): Reminder[] {
    const rows = this.db
      .prepare(`SELECT * FROM reminders WHERE customer_id = ? ${openOnly ? "AND state = 'open'" : ''} ORDER BY due, id LIMIT ?`)
      .all(customerId, limit) as Row[];
    return rows.map(toReminder);
  }

  forSale(saleId: number): Reminder[] {
    return (prepared(this.db, 'SELECT * FROM reminders WHERE sale_id = ? ORDER BY due, id').all(saleId) as Row[]).map(toReminder);
  }

  /** Open follow-ups of these sales due on or after `from`: what a new playbook may re-plan. */
  futureOpenForSales(saleIds: number[], from: IsoDate): Reminder[] {
    const rows = this.db
      .prepare("SELECT * FROM reminders WHERE sale_id IN (SELECT value FROM json_each(?)) AND state = 'open' AND due >= ? ORDER BY due, id")
      .all(JSON.stringify(saleIds), from) as Row[];
    return rows.map(toReminder);
  }

  /** How many follow-ups of `rules` are open on each day from `from` on (pacing.ts). */
  openPerDay(rules: string[], from: IsoDate): Map<IsoDate, number> {
    const rows = prepared(this.db, "SELECT due, count(*) AS n FROM reminders WHERE state = 'open' AND due >= ? AND rule IN (SELECT value FROM json_each(?)) GROUP BY due")
      .all(from, JSON.stringify(rules)) as { due: IsoDate; n: number }[];
    return new Map(rows.map((r) => [r.due, r.n]));
  }

  /** How often each follow-up was moved (snoozed, or paced as a snooze) and the day of the last move. */
  moves(): Map<number, { count: number; last: IsoDate }> {
    const rows = prepared(
      this.db,
      "SELECT reminder_id AS id, count(*) AS count, max(date) AS last FROM contacts WHERE kind = 'snoozed' AND reminder_id IS NOT NULL GROUP BY reminder_id",
    ).all() as { id: number; count: number; last: IsoDate }[];
    return new Map(rows.map((r) => [r.id, { count: r.count, last: r.last }]));
  }

  /** The notes of the moves (snoozes, pacing) of those of `ids` that were moved, by follow-up. */
  moveNotes(ids: number[]): Map<number, (string | null)[]> {
    const rows = this.db
      .prepare("SELECT reminder_id AS id, note FROM contacts WHERE kind = 'snoozed' AND reminder_id IN (SELECT value FROM json_each(?)) ORDER BY id")
      .all(JSON.stringify(ids)) as { id: number; note: string | null }[];
    const out = new Map<number, (string | null)[]>();
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.note]);
    return out;
  }

  revise(id: number, r: Pick<Reminder, 'due' | 'title' | 'action' | 'lesson'>): void {
    prepared(this.db, 'UPDATE reminders SET due = ?, title = ?, action = ?, lesson = ? WHERE id = ?').run(r.due, r.title, r.action, r.lesson, id);
  }

  /** Only for planned follow-ups nobody acted on, when a new playbook no longer wants them. */
  remove(id: number): void {
    prepared(this.db, "DELETE FROM reminders WHERE id = ? AND state = 'open'").run(id);
  }

  /**
   * Every follow-up in id order, one at a time: an export of a million never holds them all.
   * With the template values of its title (null when none were kept), so a restore keeps them.
   * The connection runs nothing else until the iteration ends.
   */
  *each(): Generator<Reminder & { vars: TemplateVars | null }> {
    for (const r of this.db.prepare('SELECT * FROM reminders ORDER BY id').iterate() as IterableIterator<Row>) {
      yield { ...toReminder(r), vars: r.vars === null ? null : (JSON.parse(r.vars) as TemplateVars) };
    }
  }

  close(id: number, state: Exclude<ReminderState, 'open'>, today: IsoDate, reason: string | null): void {
    prepared(this.db, 'UPDATE reminders SET state = ?, closed_on = ?, reason = ? WHERE id = ?').run(state, today, reason, id);
  }

  reschedule(id: number, due: IsoDate): void {
    prepared(this.db, 'UPDATE reminders SET due = ? WHERE id = ?').run(due, id);
  }

  /** Open follow-ups of a customer, for do-not-contact: they are skipped, never deleted. */
  skipOpenForCustomer(customerId: number, today: IsoDate, reason: string): number {
    return this.db
      .prepare("UPDATE reminders SET state = 'skipped', closed_on = ?, reason = ? WHERE customer_id = ? AND state = 'open'")
      .run(today, reason, customerId).changes;
  }

  /**
   * Opens again a customer's follow-ups that were skipped for one of `reasons` and are still to
   * come: contact welcome again after do-not-contact. What fell due in between stays skipped.
   */
  reopenSkipped(customerId: number, today: IsoDate, reasons: readonly string[]): number {
    return this.db
      .prepare(
        `UPDATE reminders SET state = 'open', closed_on = NULL, reason = NULL
         WHERE customer_id = ? AND state = 'skipped' AND due >= ? AND reason IN (SELECT value FROM json_each(?))`,
      )
      .run(customerId, today, JSON.stringify(reasons)).changes;
  }
}

interface ContactRow {
  id: number;
  customer_id: number;
  reminder_id: number | null;
  date: string;
  kind: ContactKind;
  outcome: string | null;
  note: string | null;
}

function toContact(r: ContactRow): Contact {
  return { id: r.id, customerId: r.customer_id, reminderId: r.reminder_id, date: r.date, kind: r.kind, outcome: r.outcome, note: r.note };
}

export class ContactRepo {
  constructor(private readonly db: Db) {}

  insert(c: Omit<Contact, 'id'>): number {
    return Number(
      prepared(this.db, 'INSERT INTO contacts (customer_id, reminder_id, date, kind, outcome, note) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.customerId, c.reminderId, c.date, c.kind, c.outcome, c.note).lastInsertRowid,
    );
  }

  forCustomer(customerId: number): Contact[] {
    return (prepared(this.db, 'SELECT * FROM contacts WHERE customer_id = ? ORDER BY date, id').all(customerId) as ContactRow[]).map(toContact);
  }

  /** Every contact in id order, for export. */
  all(): Contact[] {
    return (prepared(this.db, 'SELECT * FROM contacts ORDER BY id').all() as ContactRow[]).map(toContact);
  }
}
