/**
 * The outbox (migrations/0003_outbox.sql, 0006): one row per mail, moved pending -> sending -> sent
 * or failed. The unique indexes make queueing idempotent; claiming happens inside the caller's
 * store.write(), so two overlapping runs never claim the same row. A 'sending' row is marked
 * handed right before its message goes to the server.
 */
import { prepared, type Db } from './db.js';
import type { IsoDate } from '../domain/dates.js';
// The one shape of a mail: the export writes the rows as they are.
import type { ExportedMail } from '../domain/outbox-json.js';

export type OutboxMail = ExportedMail;
export type OutboxKind = OutboxMail['kind'];
export type OutboxState = OutboxMail['state'];

interface Row {
  id: number;
  kind: OutboxKind;
  reminder_id: number | null;
  customer_id: number | null;
  recipient: string;
  day: string;
  subject: string;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  claimed_by: string | null;
  claimed_on: string | null;
  sent_on: string | null;
  message_id: string | null;
  handed_on: string | null;
}

function toMail(r: Row): OutboxMail {
  return {
    id: r.id,
    kind: r.kind,
    reminderId: r.reminder_id,
    customerId: r.customer_id,
    recipient: r.recipient,
    day: r.day,
    subject: r.subject,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    claimedBy: r.claimed_by,
    claimedOn: r.claimed_on,
    sentOn: r.sent_on,
    messageId: r.message_id,
    handedOn: r.handed_on,
  };
}

export class OutboxRepo {
  constructor(private readonly db: Db) {}

  get(id: number): OutboxMail | undefined {
    const r = prepared(this.db, 'SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return r && toMail(r);
  }

  /** Queues the day's digest for a recipient; false when it is already queued or sent. */
  queueDigest(recipient: string, day: IsoDate, subject: string): boolean {
    return (
      this.db
        .prepare("INSERT OR IGNORE INTO outbox (kind, recipient, day, subject) VALUES ('digest', ?, ?, ?)")
        .run(recipient, day, subject).changes === 1
    );
  }

  /**
   * Queues a customer email; false when this follow-up already went to this address, another mail
   * to the customer is on its way, or the customer already got one today.
   */
  queueCustomer(m: { reminderId: number; customerId: number; recipient: string; subject: string }, day: IsoDate): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO outbox (kind, reminder_id, customer_id, recipient, day, subject)
           SELECT 'customer', ?, ?, ?, ?, ? WHERE NOT EXISTS
             (SELECT 1 FROM outbox WHERE kind = 'customer' AND customer_id = ? AND sent_on = ?)`,
        )
        .run(m.reminderId, m.customerId, m.recipient, day, m.subject, m.customerId, day).changes === 1
    );
  }

  /**
   * A digest still pending from an earlier day, or for another recipient, is replaced by today's;
   * with no digest today (`keep` null), every pending one is. So is an earlier day's digest of
   * unknown outcome: whether or not it arrived, today's says what matters now.
   */
  supersedeDigests(keep: string | null, day: IsoDate): number {
    return this.db
      .prepare(
        `UPDATE outbox SET state = 'failed', last_error = coalesce(last_error || '; ', '') || 'replaced by the digest of ' || ?
         WHERE kind = 'digest' AND ((state = 'pending' AND (day < ? OR recipient IS NOT ?)) OR (state = 'sending' AND claimed_on < ?))`,
      )
      .run(day, day, keep, day).changes;
  }

  inState(state: OutboxState): OutboxMail[] {
    return (prepared(this.db, 'SELECT * FROM outbox WHERE state = ? ORDER BY id').all(state) as Row[]).map(toMail);
  }

  digestFor(recipient: string, day: IsoDate): OutboxMail | undefined {
    const r = prepared(this.db, "SELECT * FROM outbox WHERE kind = 'digest' AND recipient = ? AND day = ?").get(recipient, day) as Row | undefined;
    return r && toMail(r);
  }

  forReminder(reminderId: number, recipient: string): OutboxMail | undefined {
    const r = prepared(this.db, "SELECT * FROM outbox WHERE kind = 'customer' AND reminder_id = ? AND recipient = ?").get(reminderId, recipient) as Row | undefined;
    return r && toMail(r);
  }

  /** The customer's mail on its way (pending or sending), if any. */
  activeFor(customerId: number): OutboxMail | undefined {
    const r = this.db
      .prepare("SELECT * FROM outbox WHERE kind = 'customer' AND customer_id = ? AND state IN ('pending', 'sending')")
      .get(customerId) as Row | undefined;
    return r && toMail(r);
  }

  sentToCustomerOn(customerId: number, day: IsoDate): boolean {
    return Boolean(prepared(this.db, "SELECT 1 FROM outbox WHERE kind = 'customer' AND customer_id = ? AND sent_on = ?").get(customerId, day));
  }

  /** pending -> sending for the given rows; returns the rows this caller now owns. */
  claim(ids: number[], claimant: string, day: IsoDate): OutboxMail[] {
    const rows = this.db
      .prepare(
        `UPDATE outbox SET state = 'sending', claimed_by = ?, claimed_on = ?
         WHERE state = 'pending' AND id IN (SELECT value FROM json_each(?)) RETURNING *`,
      )
      .all(claimant, day, JSON.stringify(ids)) as Row[];
    return rows.map(toMail).sort((a, b) => a.id - b.id);
  }

  /** pending -> sending for one row, in the caller's short write transaction; undefined when another run has it. */
  claimOne(id: number, claimant: string, day: IsoDate): OutboxMail | undefined {
    return this.claim([id], claimant, day)[0];
  }

  /** Right before the message goes to the server: from now on its outcome is unknown until recorded. */
  markHanded(id: number, day: IsoDate): void {
    prepared(this.db, "UPDATE outbox SET handed_on = ? WHERE id = ? AND state = 'sending'").run(day, id);
  }

  markSent(id: number, day: IsoDate, messageId: string | null): void {
    this.db
      .prepare("UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_on = ?, message_id = ?, last_error = NULL WHERE id = ?")
      .run(day, messageId, id);
  }

  /** Not sent: back to pending for the next run, or failed for good when `giveUp`. */
  markNotSent(id: number, error: string, { tried, giveUp }: { tried: boolean; giveUp: boolean }): void {
    this.db
      .prepare('UPDATE outbox SET state = ?, attempts = attempts + ?, last_error = ?, claimed_by = NULL, claimed_on = NULL, handed_on = NULL WHERE id = ?')
      .run(giveUp ? 'failed' : 'pending', tried ? 1 : 0, error, id);
  }

  /** A pending mail withdrawn before anyone tried it (its follow-up moved to a later day): queued again when due. */
  withdraw(id: number): boolean {
    return prepared(this.db, "DELETE FROM outbox WHERE id = ? AND state = 'pending'").run(id).changes === 1;
  }

  /** Handed to the server but no answer came back: it stays 'sending', for a person to decide. */
  markUnknown(id: number, error: string): void {
    prepared(this.db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ?, handed_on = coalesce(handed_on, claimed_on) WHERE id = ?').run(error, id);
  }

  /** A mail of unknown outcome, resolved by a person: send it again, or leave it unsent. */
  resolveUnknown(id: number, action: 'retry' | 'forget', day: IsoDate): boolean {
    const [state, note] = action === 'retry' ? ['pending', null] : ['failed', `outcome unknown; left as it was on ${day}`];
    return (
      this.db
        .prepare(
          `UPDATE outbox SET state = ?, last_error = coalesce(?, last_error), claimed_by = NULL, claimed_on = NULL,
             handed_on = CASE WHEN ? = 'pending' THEN NULL ELSE handed_on END
           WHERE id = ? AND state = 'sending'`,
        )
        .run(state, note, state, id).changes === 1
    );
  }
}
