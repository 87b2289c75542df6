/** A small customer base with one customer of each tier, for the classify and review tests. */
import Database from 'better-sqlite3';
import type { CrmRunner } from './cli.js';

export interface StoredReminder {
  id: number;
  rule: string;
  due: string;
  state: string;
  title: string;
}

/**
 * On 2026-03-02 (median profit per deal 1,250; a quarter of the median margin 14.6%):
 * Gina gold, Sam stream, Mia meteor, Bob burden (1% margin), Nina new, Dave a new dealer (type 2).
 */
export async function seedBase(crm: CrmRunner): Promise<void> {
  const sales: [string, string, string, string][] = [
    ['Gina', '2025-03-02', '3000', '1000'], ['Gina', '2025-09-01', '3000', '1000'],
    ['Sam', '2025-03-02', '300', '100'], ['Sam', '2025-09-01', '300', '100'],
    ['Mia', '2025-06-01', '5000', '1000'],
    ['Bob', '2025-03-02', '1000', '990'], ['Bob', '2025-09-01', '1000', '990'],
    ['Nina', '2026-02-20', '1000', '500'],
    ['Dave', '2026-02-01', '100000', '80000'],
  ];
  for (const name of ['Gina', 'Sam', 'Mia', 'Bob', 'Nina']) await crm('customer', 'add', name, '--birthday', '05-10');
  await crm('customer', 'add', 'Dave', '--tag', 'dealer');
  for (const [customer, date, amount, cost] of sales) {
    const r = await crm('add-sale', '--customer', customer, '--product', 'Widget', '--amount', amount, '--cost', cost, '--date', date);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}

/** Every follow-up of a customer, straight from the file. */
export function remindersOf(db: string, name: string): StoredReminder[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn
      .prepare('SELECT r.id, r.rule, r.due, r.state, r.title FROM reminders r JOIN customers c ON c.id = r.customer_id WHERE c.name = ? ORDER BY r.id')
      .all(name) as StoredReminder[];
  } finally {
    conn.close();
  }
}
