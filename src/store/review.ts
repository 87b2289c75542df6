/** Flags on customers to consider giving up, review decisions, and the loyalty survey's answers. */
import { prepared, type Db } from './db.js';
import type { IsoDate } from '../domain/dates.js';
import { STOP_REASON_PREFIX, type Decision, type Flag, type SurveyAnswer } from '../domain/review.js';

export type { SurveyAnswer };

export interface CustomerFlag {
  id: number;
  customerId: number;
  flag: Flag;
  note: string;
  flaggedOn: IsoDate;
}

export interface ReviewDecision {
  id: number;
  customerId: number;
  decision: Decision;
  reason: string;
  decidedOn: IsoDate;
}


export class ReviewRepo {
  constructor(private readonly db: Db) {}

  addFlag(customerId: number, flag: Flag, note: string, today: IsoDate): number {
    return Number(
      prepared(this.db, 'INSERT INTO customer_flags (customer_id, flag, note, flagged_on) VALUES (?, ?, ?, ?)').run(customerId, flag, note, today).lastInsertRowid,
    );
  }

  /** Clears a flag (kept, with when and why); returns how many were active. */
  clearFlag(customerId: number, flag: Flag, today: IsoDate, note: string | null): number {
    return this.db
      .prepare('UPDATE customer_flags SET cleared_on = ?, clear_note = ? WHERE customer_id = ? AND flag = ? AND cleared_on IS NULL')
      .run(today, note, customerId, flag).changes;
  }

  /** Active flags, of one customer or of everyone. */
  activeFlags(customerId?: number): CustomerFlag[] {
    const rows = this.db
      .prepare(`SELECT * FROM customer_flags WHERE cleared_on IS NULL ${customerId === undefined ? '' : 'AND customer_id = ?'} ORDER BY customer_id, id`)
      .all(...(customerId === undefined ? [] : [customerId])) as { id: number; customer_id: number; flag: Flag; note: string; flagged_on: string }[];
    return rows.map((r) => ({ id: r.id, customerId: r.customer_id, flag: r.flag, note: r.note, flaggedOn: r.flagged_on }));
  }

  decide(customerId: number, decision: Decision, reason: string, evidence: object, today: IsoDate): number {
    return Number(
      this.db
        .prepare('INSERT INTO review_decisions (customer_id, decision, reason, evidence_json, decided_on) VALUES (?, ?, ?, ?, ?)')
        .run(customerId, decision, reason, JSON.stringify(evidence), today).lastInsertRowid,
    );
  }

  /** Each customer's latest decision, or one customer's. */
  latestDecisions(customerId?: number): Map<number, ReviewDecision> {
    const rows = this.db
      .prepare(
        `SELECT * FROM review_decisions d WHERE d.id = (SELECT max(id) FROM review_decisions e WHERE e.customer_id = d.customer_id)
         ${customerId === undefined ? '' : 'AND d.customer_id = ?'}`,
      )
      .all(...(customerId === undefined ? [] : [customerId])) as { id: number; customer_id: number; decision: Decision; reason: string; decided_on: string }[];
    return new Map(rows.map((r) => [r.customer_id, { id: r.id, customerId: r.customer_id, decision: r.decision, reason: r.reason, decidedOn: r.decided_on }]));
  }

  /** Reopens future follow-ups that a stop decision skipped: the customer is kept after all. */
  reopenStopped(customerId: number, today: IsoDate): number {
    return this.db
      .prepare(
        `UPDATE reminders SET state = 'open', closed_on = NULL, reason = NULL
         WHERE customer_id = ? AND state = 'skipped' AND due >= ? AND substr(reason, 1, ?) = ?`,
      )
      .run(customerId, today, STOP_REASON_PREFIX.length, STOP_REASON_PREFIX).changes;
  }

  /**
   * Complaints per customer, once this crm has the complaint module's table (issue 5); until
   * then none, so this works before and after that lands.
   */
  complaintCounts(): Map<number, number> {
    const rows = prepared(this.db, 'SELECT customer_id AS id, count(*) AS n FROM complaints GROUP BY customer_id').all() as { id: number; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  addSurvey(a: Omit<SurveyAnswer, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO survey_answers (customer_id, reminder_id, date, why, improve) VALUES (?, ?, ?, ?, ?)')
        .run(a.customerId, a.reminderId, a.date, a.why, a.improve).lastInsertRowid,
    );
  }

  surveys(customerId: number): SurveyAnswer[] {
    const rows = prepared(this.db, 'SELECT * FROM survey_answers WHERE customer_id = ? ORDER BY date, id').all(customerId) as {
      id: number; customer_id: number; reminder_id: number | null; date: string; why: string | null; improve: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, customerId: r.customer_id, reminderId: r.reminder_id, date: r.date, why: r.why, improve: r.improve }));
  }
}
