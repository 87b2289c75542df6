/** Customer value: tiers and strategies, the classify runs, their settings, and what planning needs. */
import type { Statement } from 'better-sqlite3';
import { prepared, type Db } from './db.js';
import type { IsoDate } from '../domain/dates.js';
import type { CustomerValue, SaleFact, Thresholds } from '../domain/value.js';
import { SETTING_KEYS, type SettingKey, type ValueSettings } from '../domain/value-settings.js';

export type { CustomerValue };

/** What the playbook needs to know about a customer beyond their file. */
export interface PlanContext {
  tier: string | null;
  strategy: string | null;
  strategySince: IsoDate | null;
  /** The latest review decided to stop active follow-ups. */
  stopped: boolean;
  firstSaleId: number | null;
  lastSaleId: number | null;
}

export interface ClassifyRun {
  id: number;
  runOn: IsoDate;
  thresholds: Thresholds;
}

interface Row {
  customer_id: number;
  tier: string | null;
  strategy: string | null;
  strategy_since: string | null;
  capable: number | null;
  classified_on: string | null;
  run_tier: string | null;
  run_strategy: string | null;
}

const toValue = (r: Row): CustomerValue => ({
  tier: r.tier,
  strategy: r.strategy,
  strategySince: r.strategy_since,
  capable: r.capable === null ? null : r.capable === 1,
  classifiedOn: r.classified_on,
  runTier: r.run_tier,
  runStrategy: r.run_strategy,
});

const SETTING_PREFIX = 'classify.';

/** The settings key naming this database's own last classify run (ValueRepo.lastRun); not exported. */
export const LAST_RUN_KEY = 'last-classify-run';

export class ValueRepo {
  /** Prepared once: a classify run asks these for every customer. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = prepared(this.db, sql)));
    return s;
  }

  get(customerId: number): CustomerValue | undefined {
    const r = this.stmt('SELECT * FROM customer_value WHERE customer_id = ?').get(customerId) as Row | undefined;
    return r && toValue(r);
  }

  all(): Map<number, CustomerValue> {
    const rows = prepared(this.db, 'SELECT * FROM customer_value').all() as Row[];
    return new Map(rows.map((r) => [r.customer_id, toValue(r)]));
  }

  context(customerId: number): PlanContext {
    const r = this.stmt(
      `SELECT v.tier, v.strategy, v.strategy_since,
         (SELECT decision FROM review_decisions d WHERE d.customer_id = $id ORDER BY d.id DESC LIMIT 1) AS decision,
         (SELECT id FROM sales WHERE customer_id = $id AND amount_cents > 0 ORDER BY date, id LIMIT 1) AS first_id,
         (SELECT id FROM sales WHERE customer_id = $id AND amount_cents > 0 ORDER BY date DESC, id DESC LIMIT 1) AS last_id
       FROM (SELECT 1) LEFT JOIN customer_value v ON v.customer_id = $id`,
    ).get({ id: customerId }) as { tier: string | null; strategy: string | null; strategy_since: string | null; decision: string | null; first_id: number | null; last_id: number | null };
    return { tier: r.tier, strategy: r.strategy, strategySince: r.strategy_since, stopped: r.decision === 'stop', firstSaleId: r.first_id, lastSaleId: r.last_id };
  }

  /** Stores a classification; the capable judgement and the last run's view are kept. */
  save(customerId: number, v: Pick<CustomerValue, 'tier' | 'strategy' | 'strategySince' | 'classifiedOn'>): void {
    this.stmt(
      `INSERT INTO customer_value (customer_id, tier, strategy, strategy_since, classified_on) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET tier = excluded.tier, strategy = excluded.strategy,
         strategy_since = excluded.strategy_since, classified_on = excluded.classified_on`,
    ).run(customerId, v.tier, v.strategy, v.strategySince, v.classifiedOn);
  }

  setCapable(customerId: number, capable: boolean | null): void {
    this.db
      .prepare('INSERT INTO customer_value (customer_id, capable) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET capable = excluded.capable')
      .run(customerId, capable === null ? null : capable ? 1 : 0);
  }

  /** Every sale as the classification sees it, by customer. */
  saleFacts(customerId?: number): Map<number, SaleFact[]> {
    const sql = `SELECT customer_id, date, amount_cents, cost_cents FROM sales ${customerId === undefined ? '' : 'WHERE customer_id = ?'} ORDER BY customer_id, date, id`;
    const rows = prepared(this.db, sql).all(...(customerId === undefined ? [] : [customerId])) as { customer_id: number; date: string; amount_cents: number; cost_cents: number | null }[];
    const map = new Map<number, SaleFact[]>();
    for (const r of rows) {
      const list = map.get(r.customer_id) ?? [];
      list.push({ date: r.date, amountCents: r.amount_cents, costCents: r.cost_cents });
      map.set(r.customer_id, list);
    }
    return map;
  }

  settings(): ValueSettings {
    const rows = prepared(this.db, `SELECT key, value FROM settings WHERE key LIKE 'classify.%'`).all() as { key: string; value: string }[];
    const out: ValueSettings = {};
    for (const r of rows) {
      const key = r.key.slice(SETTING_PREFIX.length) as SettingKey;
      if (SETTING_KEYS.includes(key) && Number.isFinite(Number(r.value))) out[key] = Number(r.value);
    }
    return out;
  }

  setSetting(key: SettingKey, value: number | null): void {
    if (value === null) prepared(this.db, 'DELETE FROM settings WHERE key = ?').run(SETTING_PREFIX + key);
    else this.putSetting(SETTING_PREFIX + key, String(value));
  }

  private putSetting(key: string, value: string): void {
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /**
   * The run this database's own `crm classify` made last. Named in settings (LAST_RUN_KEY), because
   * a JSON export merged into a database brings its runs with new, higher ids: the highest id is
   * then another database's run, whose thresholds would re-tier this one's buyers. A database
   * whose runs all came before that setting (or from a restore into an empty file) has none: the
   * highest id is its last run then.
   */
  lastRun(): ClassifyRun | undefined {
    const r = prepared(
      this.db,
      `SELECT id, run_on, thresholds_json FROM classify_runs
       WHERE id = coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '${LAST_RUN_KEY}'), (SELECT max(id) FROM classify_runs))`,
    ).get() as { id: number; run_on: string; thresholds_json: string } | undefined;
    return r && { id: r.id, runOn: r.run_on, thresholds: JSON.parse(r.thresholds_json) as Thresholds };
  }

  /** Before another database's runs are merged in: names the last run this database made itself. */
  keepLastRun(): void {
    prepared(this.db, `INSERT OR IGNORE INTO settings (key, value) SELECT '${LAST_RUN_KEY}', max(id) FROM classify_runs HAVING max(id) IS NOT NULL`).run();
  }

  insertRun(runOn: IsoDate, thresholds: Thresholds, customers: number, changed: number): number {
    const info = this.db
      .prepare('INSERT INTO classify_runs (run_on, thresholds_json, customers, changed) VALUES (?, ?, ?, ?)')
      .run(runOn, JSON.stringify(thresholds), customers, changed);
    this.putSetting(LAST_RUN_KEY, String(info.lastInsertRowid));
    return Number(info.lastInsertRowid);
  }

  /** Records what a run said about a customer, and the change from the previous run if any. */
  recordRun(runId: number, customerId: number, before: Pick<CustomerValue, 'runTier' | 'runStrategy'>, tier: string, strategy: string | null): void {
    if (before.runTier !== tier || before.runStrategy !== strategy) {
      this.stmt('INSERT INTO classify_changes (run_id, customer_id, tier_before, tier_after, strategy_before, strategy_after) VALUES (?, ?, ?, ?, ?, ?)').run(
        runId, customerId, before.runTier, tier, before.runStrategy, strategy,
      );
    }
    this.stmt('UPDATE customer_value SET run_tier = ?, run_strategy = ? WHERE customer_id = ?').run(tier, strategy, customerId);
  }
}
