/**
 * The agenda query as the store runs it: its SQL is captured from the real ReminderRepo.agenda()
 * (so this never drifts from src/store/reminders.ts), then explained and timed in-process.
 */
import { openStore } from '../../dist/store/index.js';
import { addDays } from '../../dist/domain/dates.js';

export function agendaPlan(dbPath, today, days = 7) {
  const until = addDays(today, days);
  const store = openStore(dbPath);
  try {
    const seen = [];
    const prepare = store.db.prepare.bind(store.db);
    store.db.prepare = (sql) => (seen.push(sql), prepare(sql));
    const rows = store.reminders.agenda(until);
    store.db.prepare = prepare;
    const times = [];
    for (let i = 0; i < 7; i++) {
      const t0 = process.hrtime.bigint();
      store.reminders.agenda(until);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const plans = seen.map((sql) => ({
      sql: sql.replace(/\s+/g, ' ').trim(),
      plan: indent(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(until)),
    }));
    return { until, rows: rows.length, medianMs: times[3], plans };
  } finally {
    store.close();
  }
}

/** EXPLAIN QUERY PLAN rows as the sqlite3 shell shows them: children indented under parents. */
function indent(rows) {
  const parent = new Map(rows.map((r) => [r.id, r.parent]));
  const depth = (id) => (parent.get(id) ? 1 + depth(parent.get(id)) : 0);
  return rows.map((r) => `${'  '.repeat(depth(r.id))}${r.detail}`);
}
