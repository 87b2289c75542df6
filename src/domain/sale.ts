/** A closed sale, the event the whole playbook hangs from. Money is integer cents. */
import type { IsoDate } from './dates.js';

export interface Sale {
  id: number;
  customerId: number;
  product: string;
  amountCents: number;
  costCents: number | null;
  quantity: number;
  date: IsoDate;
  delivery: IsoDate | null;
  warrantyMonths: number | null;
  useUpDays: number | null;
  verbal: boolean;
  channel: string | null;
  note: string | null;
  createdOn: IsoDate;
}

export type NewSale = Omit<Sale, 'id' | 'createdOn'>;

/** The stable JSON shape (shared/CLI.md): money as numbers of currency units, not cents. */
export function saleJson(s: Sale) {
  const { amountCents, costCents, ...rest } = s;
  return { ...rest, amount: amountCents / 100, cost: costCents === null ? null : costCents / 100 };
}
