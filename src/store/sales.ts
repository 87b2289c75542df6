/** Sales: what each customer bought, when, and what the playbook needs to know about it. */
import { prepared, type Db } from './db.js';
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
    const r = prepared(this.db, 'SELECT * FROM sales WHERE id = ?').get(id) as Row | undefined;
    return r && toSale(r);
  }

  forCustomer(customerId: number): Sale[] {
    return (prepared(this.db, 'SELECT * FROM sales WHERE customer_id = ? ORDER BY date, id').all(customerId) as Row[]).map(toSale);
  }

  /** Each customer's latest purchase of a product whose name contains one of `texts` (any case); a refund is no purchase. */
  latestByProduct(texts: string[], since?: IsoDate) {
    return this.db
      .prepare(
        `SELECT s.id AS saleId, s.customer_id AS customerId, c.name AS customerName, c.do_not_contact AS dnc, s.product, s.date
         FROM sales s JOIN customers c ON c.id = s.customer_id
         WHERE EXISTS (SELECT 1 FROM json_each(?) t WHERE instr(lower(s.product), lower(t.value)) > 0) AND s.date >= ?
           AND s.amount_cents > 0
           AND s.date = (SELECT max(s2.date) FROM sales s2 WHERE s2.customer_id = s.customer_id AND s2.amount_cents > 0
             AND EXISTS (SELECT 1 FROM json_each(?) t WHERE instr(lower(s2.product), lower(t.value)) > 0))
         GROUP BY s.customer_id ORDER BY c.name_fold`,
      )
      .all(JSON.stringify(texts), since ?? '0000-00-00', JSON.stringify(texts))
      .map((r) => {
        const row = r as { saleId: number; customerId: number; customerName: string; dnc: number; product: string; date: string };
        return { ...row, doNotContact: row.dnc === 1 };
      });
  }

  /** Every customer who bought something: whose follow-ups a new playbook may re-plan. */
  customerIds(): number[] {
    return (prepared(this.db, 'SELECT DISTINCT customer_id AS id FROM sales ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  }

  /** Every sale in id order, for export and import matching. */
  all(): Sale[] {
    return (prepared(this.db, 'SELECT * FROM sales ORDER BY id').all() as Row[]).map(toSale);
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  }
}
