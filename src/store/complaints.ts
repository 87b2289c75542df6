/** Complaints: where each one stands, and the append-only log of everything said and done. */
import { prepared, type Db } from './db.js';
import type { IsoDate } from '../domain/dates.js';
import type { Cause, Complaint, Moment, Step } from '../domain/complaint.js';
import type { LogEntry } from '../domain/complaint-answers.js';

interface Row {
  id: number;
  customer_id: number;
  step: Step;
  opened_on: string;
  opened_at: string;
  words: string | null;
  channel: string | null;
  severity: number | null;
  understood: number | null;
  wants: string | null;
  cause: Cause | null;
  finding: string | null;
  reasonable: number | null;
  our_fault: number | null;
  round: number;
  idea: string | null;
  solutions: string;
  accepted: number | null;
  gesture: string | null;
  promised_by: string | null;
  promises: number;
  confirms: number;
  resolved_at: string | null;
  satisfied: number | null;
  root_cause: string | null;
  lesson: string | null;
  prevention: string | null;
  closed_at: string | null;
}

export interface ComplaintRow extends Complaint {
  customerName: string;
}

export interface ComplaintFilter {
  openOnly?: boolean;
  customerId?: number;
  from?: IsoDate;
  to?: IsoDate;
}

/** The shape `crm today` shows (shared/CLI.md: C in the today JSON). */
export interface AgendaComplaint {
  id: number;
  customer: { id: number; name: string };
  step: string;
  promisedBy: string | null;
}

const bool = (v: number | null) => (v === null ? null : v === 1);
const int = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

function toComplaint(r: Row): Complaint {
  return {
    id: r.id, customerId: r.customer_id, step: r.step, openedOn: r.opened_on, openedAt: r.opened_at,
    words: r.words, channel: r.channel, severity: r.severity, understood: bool(r.understood), wants: r.wants,
    cause: r.cause, finding: r.finding, reasonable: bool(r.reasonable), ourFault: bool(r.our_fault),
    round: r.round, idea: r.idea, solutions: JSON.parse(r.solutions) as string[], accepted: r.accepted, gesture: r.gesture,
    promisedBy: r.promised_by, promises: r.promises, confirms: r.confirms, resolvedAt: r.resolved_at,
    satisfied: bool(r.satisfied), rootCause: r.root_cause, lesson: r.lesson, prevention: r.prevention, closedAt: r.closed_at,
  };
}

export class ComplaintRepo {
  constructor(private readonly db: Db) {}

  create(customerId: number, openedOn: IsoDate, openedAt: Moment): Complaint {
    const row = this.db
      .prepare('INSERT INTO complaints (customer_id, opened_on, opened_at) VALUES (?, ?, ?) RETURNING *')
      .get(customerId, openedOn, openedAt) as Row;
    return toComplaint(row);
  }

  get(id: number): Complaint | undefined {
    const row = prepared(this.db, 'SELECT * FROM complaints WHERE id = ?').get(id) as Row | undefined;
    return row && toComplaint(row);
  }

  /** Writes where the complaint stands now; what led there is in the log. */
  save(c: Complaint): void {
    this.db
      .prepare(
        `UPDATE complaints SET step = ?, words = ?, channel = ?, severity = ?, understood = ?, wants = ?, cause = ?,
          finding = ?, reasonable = ?, our_fault = ?, round = ?, idea = ?, solutions = ?, accepted = ?, gesture = ?,
          promised_by = ?, promises = ?, confirms = ?, resolved_at = ?, satisfied = ?, root_cause = ?, lesson = ?,
          prevention = ?, closed_at = ? WHERE id = ?`,
      )
      .run(c.step, c.words, c.channel, c.severity, int(c.understood), c.wants, c.cause, c.finding, int(c.reasonable),
        int(c.ourFault), c.round, c.idea, JSON.stringify(c.solutions), c.accepted, c.gesture, c.promisedBy, c.promises,
        c.confirms, c.resolvedAt, int(c.satisfied), c.rootCause, c.lesson, c.prevention, c.closedAt, c.id);
  }

  append(complaintId: number, entries: LogEntry[]): void {
    const stmt = prepared(this.db, 'INSERT INTO complaint_log (complaint_id, at, step, field, value) VALUES (?, ?, ?, ?, ?)');
    for (const e of entries) stmt.run(complaintId, e.at, e.step, e.field, JSON.stringify(e.value));
  }

  log(complaintId: number): LogEntry[] {
    return this.logs([complaintId]).get(complaintId) ?? [];
  }

  /** The logs of many complaints at once, each in the order it was written. */
  logs(ids: number[]): Map<number, LogEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM complaint_log WHERE complaint_id IN (SELECT value FROM json_each(?)) ORDER BY complaint_id, id')
      .all(JSON.stringify(ids)) as { complaint_id: number; at: string; step: Step; field: string; value: string }[];
    const map = new Map<number, LogEntry[]>();
    for (const r of rows) {
      const list = map.get(r.complaint_id) ?? [];
      list.push({ at: r.at, step: r.step, field: r.field, value: JSON.parse(r.value) as unknown });
      map.set(r.complaint_id, list);
    }
    return map;
  }

  list(filter: ComplaintFilter = {}): ComplaintRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.openOnly) where.push("k.step <> 'closed'");
    if (filter.customerId !== undefined) add('k.customer_id = ?', filter.customerId);
    if (filter.from) add('k.opened_on >= ?', filter.from);
    if (filter.to) add('k.opened_on <= ?', filter.to);
    const rows = this.db
      .prepare(
        `SELECT k.*, c.name AS customer_name FROM complaints k JOIN customers c ON c.id = k.customer_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY k.opened_at, k.id`,
      )
      .all(...params) as (Row & { customer_name: string })[];
    return rows.map((r) => ({ ...toComplaint(r), customerName: r.customer_name }));
  }

  /** Open complaints for `crm today`: promised answers first, the earliest promise first. */
  openForAgenda(): AgendaComplaint[] {
    const rows = this.db
      .prepare(
        `SELECT k.id, k.step, k.promised_by, c.id AS customer_id, c.name FROM complaints k
         JOIN customers c ON c.id = k.customer_id WHERE k.step <> 'closed'
         ORDER BY k.promised_by IS NULL, k.promised_by, k.id`,
      )
      .all() as { id: number; step: string; promised_by: string | null; customer_id: number; name: string }[];
    return rows.map((r) => ({ id: r.id, customer: { id: r.customer_id, name: r.name }, step: r.step, promisedBy: r.promised_by }));
  }

  /**
   * Do complainants buy again? Customers whose first complaint in [from, to] was followed by a sale on
   * a later day (and those of them whose every complaint there is closed), against customers who never
   * complained and bought on two or more days.
   */
  repurchase(from: IsoDate, to: IsoDate): Repurchase {
    const k = this.db
      .prepare(
        `WITH firsts AS (SELECT customer_id, min(opened_on) AS first_on, min(step = 'closed') AS all_closed
           FROM complaints WHERE opened_on BETWEEN ? AND ? GROUP BY customer_id),
         marked AS (SELECT all_closed, EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = f.customer_id
           AND s.date > f.first_on) AS again FROM firsts f)
         SELECT count(*) AS customers, coalesce(sum(again), 0) AS again, coalesce(sum(all_closed), 0) AS closed,
           coalesce(sum(all_closed AND again), 0) AS closed_again FROM marked`,
      )
      .get(from, to) as { customers: number; again: number; closed: number; closed_again: number };
    const others = this.db
      .prepare(
        `SELECT count(*) AS customers, coalesce(sum(days >= 2), 0) AS again FROM (SELECT count(DISTINCT s.date) AS days
           FROM sales s WHERE NOT EXISTS (SELECT 1 FROM complaints k WHERE k.customer_id = s.customer_id)
           GROUP BY s.customer_id)`,
      )
      .get() as { customers: number; again: number };
    return {
      complainants: { customers: k.customers, boughtAgain: k.again },
      closedComplainants: { customers: k.closed, boughtAgain: k.closed_again },
      neverComplained: { customers: others.customers, boughtAgain: others.again },
    };
  }
}

export interface Repurchase {
  complainants: { customers: number; boughtAgain: number };
  closedComplainants: { customers: number; boughtAgain: number };
  neverComplained: { customers: number; boughtAgain: number };
}
