/**
 * The tables `crm export --format json` writes beyond the customer file, sales, follow-ups,
 * contacts and complaints: the value classification, the installed playbooks, the settings, the
 * outbox and a follow-up's template values. Read whole, in id order, for an export; written back
 * row by row, ids kept when given, for a restore. Columns are named as the export's fields, so a row
 * is the record as written.
 */
import { prepared, type Db } from './db.js';
import { LAST_RUN_KEY } from './values.js';
import type { ExportedMail } from '../domain/outbox-json.js';
import type { ExportedPlaybook, RestoredPlaybook } from '../domain/playbook-json.js';
import type { ClassifyChange, ExportedDecision, ExportedFlag, ExportedRun, ExportedSurvey, ExportedValue } from '../domain/value-json.js';

type Json = Record<string, unknown>;
const int = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

export class ArchiveRepo {
  constructor(private readonly db: Db) {}

  private rows<T>(sql: string, ...params: unknown[]): T[] {
    return prepared(this.db, sql).all(...params) as T[];
  }

  /**
   * The database id is written on its own, as the export's `databaseId`; the pointer to the last
   * classify run is this file's own (ValueRepo.lastRun): a restore has the runs' order instead.
   */
  settings(): Record<string, string> {
    const rows = this.rows<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE key NOT IN ('database-id', '${LAST_RUN_KEY}') ORDER BY key`);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  customerValues(): ExportedValue[] {
    return this.rows<Omit<ExportedValue, 'capable'> & { capable: number | null }>(
      `SELECT customer_id AS customerId, tier, strategy, strategy_since AS strategySince, capable, classified_on AS classifiedOn,
         run_tier AS runTier, run_strategy AS runStrategy FROM customer_value ORDER BY customer_id`,
    ).map((v) => ({ ...v, capable: v.capable === null ? null : v.capable === 1 }));
  }

  classifyRuns(): ExportedRun[] {
    const changes = new Map<number, ClassifyChange[]>();
    for (const { runId, ...c } of this.rows<ClassifyChange & { runId: number }>(
      `SELECT run_id AS runId, customer_id AS customerId, tier_before AS tierBefore, tier_after AS tierAfter, strategy_before AS strategyBefore,
         strategy_after AS strategyAfter FROM classify_changes ORDER BY run_id, customer_id`,
    )) {
      changes.set(runId, [...(changes.get(runId) ?? []), c]);
    }
    return this.rows<Omit<ExportedRun, 'thresholds' | 'changes'> & { thresholds: string }>(
      'SELECT id, run_on AS runOn, thresholds_json AS thresholds, customers, changed FROM classify_runs ORDER BY id',
    ).map((r) => ({ ...r, thresholds: JSON.parse(r.thresholds) as Json, changes: changes.get(r.id) ?? [] }));
  }

  flags(): ExportedFlag[] {
    return this.rows(
      `SELECT id, customer_id AS customerId, flag, note, flagged_on AS flaggedOn, cleared_on AS clearedOn, clear_note AS clearNote
       FROM customer_flags ORDER BY id`,
    );
  }

  reviewDecisions(): ExportedDecision[] {
    return this.rows<Omit<ExportedDecision, 'evidence'> & { evidence: string }>(
      'SELECT id, customer_id AS customerId, decision, reason, evidence_json AS evidence, decided_on AS decidedOn FROM review_decisions ORDER BY id',
    ).map((d) => ({ ...d, evidence: JSON.parse(d.evidence) as Json }));
  }

  surveys(): ExportedSurvey[] {
    return this.rows('SELECT id, customer_id AS customerId, reminder_id AS reminderId, date, why, improve FROM survey_answers ORDER BY id');
  }

  playbooks(): ExportedPlaybook[] {
    return this.rows('SELECT version, name, file, source, installed_on AS installedOn FROM playbooks ORDER BY version');
  }

  outbox(): ExportedMail[] {
    return this.rows(
      `SELECT id, kind, reminder_id AS reminderId, customer_id AS customerId, recipient, day, subject, state, attempts, last_error AS lastError,
         claimed_by AS claimedBy, claimed_on AS claimedOn, sent_on AS sentOn, message_id AS messageId,
         handed_on AS handedOn FROM outbox ORDER BY id`,
    );
  }

  /** True when a table a restore keeps the ids of, and that needs no customer, already has rows. */
  has(what: 'classifyRuns' | 'outbox' | 'playbooks'): boolean {
    const sql = {
      classifyRuns: 'SELECT 1 FROM classify_runs LIMIT 1',
      outbox: 'SELECT 1 FROM outbox LIMIT 1',
      playbooks: 'SELECT 1 FROM playbooks LIMIT 1',
    }[what];
    return Boolean(prepared(this.db, sql).get());
  }

  /** False when the setting is already there: the database's own value stays. */
  insertSetting(key: string, value: string): boolean {
    return prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value).changes === 1;
  }

  /** False when the customer is already classified: that classification stays. */
  insertValue(v: ExportedValue): boolean {
    return (
      prepared(
        this.db,
        `INSERT INTO customer_value (customer_id, tier, strategy, strategy_since, capable, classified_on, run_tier, run_strategy)
         VALUES (@customerId, @tier, @strategy, @strategySince, @capable, @classifiedOn, @runTier, @runStrategy) ON CONFLICT (customer_id) DO NOTHING`,
      ).run({ ...v, capable: int(v.capable) }).changes === 1
    );
  }

  insertRun(r: Omit<ExportedRun, 'id' | 'changes'>, id?: number): number {
    return Number(
      prepared(this.db, 'INSERT INTO classify_runs (id, run_on, thresholds_json, customers, changed) VALUES (?, ?, ?, ?, ?)')
        .run(id ?? null, r.runOn, JSON.stringify(r.thresholds), r.customers, r.changed).lastInsertRowid,
    );
  }

  /** False when the run already records a change of this customer. */
  insertChange(runId: number, c: ClassifyChange): boolean {
    return (
      prepared(
        this.db,
        `INSERT INTO classify_changes (run_id, customer_id, tier_before, tier_after, strategy_before, strategy_after)
         VALUES (@runId, @customerId, @tierBefore, @tierAfter, @strategyBefore, @strategyAfter) ON CONFLICT DO NOTHING`,
      ).run({ ...c, runId }).changes === 1
    );
  }

  insertFlag(f: Omit<ExportedFlag, 'id'>, id?: number): void {
    prepared(
      this.db,
      `INSERT INTO customer_flags (id, customer_id, flag, note, flagged_on, cleared_on, clear_note)
       VALUES (@id, @customerId, @flag, @note, @flaggedOn, @clearedOn, @clearNote)`,
    ).run({ ...f, id: id ?? null });
  }

  insertDecision(d: Omit<ExportedDecision, 'id'>, id?: number): void {
    prepared(
      this.db,
      `INSERT INTO review_decisions (id, customer_id, decision, reason, evidence_json, decided_on)
       VALUES (@id, @customerId, @decision, @reason, @evidence, @decidedOn)`,
    ).run({ ...d, evidence: JSON.stringify(d.evidence), id: id ?? null });
  }

  insertSurvey(s: Omit<ExportedSurvey, 'id'>, id?: number): void {
    prepared(
      this.db,
      'INSERT INTO survey_answers (id, customer_id, reminder_id, date, why, improve) VALUES (@id, @customerId, @reminderId, @date, @why, @improve)',
    ).run({ ...s, id: id ?? null });
  }

  /** An installed version as it was, version number and day included. */
  insertPlaybook(p: RestoredPlaybook): void {
    prepared(this.db, 'INSERT INTO playbooks (version, name, file, source, rules_json, installed_on) VALUES (?, ?, ?, ?, ?, ?)').run(
      p.version, p.name, p.file, p.source, JSON.stringify(p.rules), p.installedOn,
    );
  }

  /**
   * False when the outbox already knows this mail (the same digest, the same follow-up to the same
   * address) or already has a mail on its way to the customer: what the database knows stays.
   */
  insertMail(m: Omit<ExportedMail, 'id'>, id?: number): boolean {
    return (
      prepared(
        this.db,
        `INSERT INTO outbox (id, kind, reminder_id, customer_id, recipient, day, subject, state, attempts, last_error, claimed_by, claimed_on,
           sent_on, message_id, handed_on) VALUES (@id, @kind, @reminderId, @customerId, @recipient, @day, @subject, @state, @attempts, @lastError,
           @claimedBy, @claimedOn, @sentOn, @messageId, @handedOn) ON CONFLICT DO NOTHING`,
      ).run({ ...m, id: id ?? null }).changes === 1
    );
  }
}
