/** Sales: what each customer bought, when, and what the playbook needs to know about it. */
import type { Db } from './db.js';
import type { NewSale, Sale } from '../domain/sale.js';
import type { IsoDate } from '../domain/dates.js';

interface Row {
  id: number;
  customer_id: number;
  product: string;
  amount_cents: number;
  cost_cents: number | null;
  quantity: number;
  date: string;
  delivery: string | null;
  warranty_months: number | null;
  use_up_days: number | null;
  verbal: number;
  channel: string | null;
  note: string | null;
  created_on: string;
}

function toSale(r: Row): Sale {
  return {
    id: r.id,
    customerId: r.customer_id,
    product: r.product,
    amountCents: r.amount_cents,
    costCents: r.cost_cents,
    quantity: r.quantity,
    date: r.date,
    delivery: r.delivery,
    warrantyMonths: r.warranty_months,
    useUpDays: r.use_up_days,
    verbal: r.verbal === 1,
    channel: r.channel,
    note: r.note,
    createdOn: r.created_on,
  };
}

export class SaleRepo {
  constructor(private readonly db: Db) {}

  insert(s: NewSale, today: IsoDate): number {
    const info = this.db
      .prepare(
        `INSERT INTO sales (customer_id, product, amount_cents, cost_cents, quantity, date, delivery, warranty_months,
          use_up_days, verbal, channel, note, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.customerId, s.product, s.amountCents, s.costCents, s.quantity, s.date, s.delivery, s.warrantyMonths,
        s.useUpDays, s.verbal ? 1 : 0, s.channel, s.note, today);
    return Number(info.lastInsertRowid);
  }

  get(id: number): Sale | undefined {
    const r = this.db.prepare('SELECT * FROM sales WHERE id = ?').get(id) as Row | undefined;
    return r && toSale(r);
  }

  forCustomer(customerId: number): Sale[] {
    return (this.db.prepare('SELECT * FROM sales WHERE customer_id = ? ORDER BY date, id').all(customerId) as Row[]).map(toSale);
  }

  /** Every sale in id order, for export and import matching. */
  all(): Sale[] {
    return (this.db.prepare('SELECT * FROM sales ORDER BY id').all() as Row[]).map(toSale);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  }
}
