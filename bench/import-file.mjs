/**
 * A spreadsheet to time `crm import` on: one row per sale, the customer's details repeated on each
 * of their rows (how salespeople keep sheets), sales spread over the years before --today.
 *
 *   node bench/import-file.mjs --rows 100000 [--per-customer 4] [--years 3] [--today 2026-03-02]
 *        [--seed 20260302] --out bench/out/import-100k.csv
 *
 * --per-customer 0 writes customer rows without sales.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { makeCustomer, makeRandom, makeSale } from './lib/people.mjs';

const { values: o } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'per-customer': { type: 'string', default: '4' },
    years: { type: 'string', default: '3' },
    today: { type: 'string', default: '2026-03-02' },
    seed: { type: 'string', default: '20260302' },
    out: { type: 'string', default: 'bench/out/import-100k.csv' },
  },
});
const rows = Number(o.rows);
const per = Number(o['per-customer']);
const rnd = makeRandom(Number(o.seed));
const today = Date.parse(`${o.today}T00:00:00Z`);
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (d, n) => iso(Date.parse(`${d}T00:00:00Z`) + n * DAY);
const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const header = ['name', 'company', 'phone', 'email', 'birthday', 'channel', 'tags', 'product', 'amount', 'date', 'delivery',
  'warranty_months', 'use_up_days', 'verbal'];
const lines = [header.join(',')];
let customer = null;
let left = 0;
let n = 0;
while (lines.length <= rows) {
  if (left === 0) {
    // A unique phone each (and email when any), so every customer is one person however large the file.
    customer = makeCustomer(rnd, []);
    n++;
    customer.phone = `+86 139 ${String(n).padStart(8, "0")}`;
    if (customer.email) customer.email = `c${n}@example.com`;
    // people.mjs may pair 02-29 with a year that has none, which crm rightly refuses.
    if (customer.birthday?.endsWith('02-29') && customer.birthday.length > 5) customer.birthday = customer.birthday.replace('02-29', '02-28');
    left = per === 0 ? 1 : Math.max(1, rnd.int(1, per * 2 - 1));
  }
  left--;
  const c = customer;
  const base = [c.name, c.company, c.phone, c.email, c.birthday, c.channel, c.tags.join(';')];
  if (per === 0) {
    lines.push([...base, '', '', '', '', '', '', ''].map(cell).join(','));
    continue;
  }
  const date = iso(today - rnd.int(0, Number(o.years) * 365) * DAY);
  const s = makeSale(rnd, 0, /\p{Script=Han}/u.test(c.name), date, addDays);
  lines.push([...base, s.product, (s.amountCents / 100).toFixed(2), s.date, s.delivery, s.warrantyMonths, s.useUpDays,
    s.verbal ? 'yes' : ''].map(cell).join(','));
}
mkdirSync(dirname(o.out), { recursive: true });
writeFileSync(o.out, lines.join('\n') + '\n');
process.stderr.write(`${o.out}: ${rows} rows, ${n} customers\n`);
