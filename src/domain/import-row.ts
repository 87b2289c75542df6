/**
 * One row of an imported sheet, validated exactly like `crm customer add` and `crm add-sale`
 * (the same parse.ts functions), with spreadsheet habits tolerated: 2026/3/2 dates, ¥ and 元
 * around amounts, 微信 for wechat. Every problem becomes "row N, column X must be ... (got ...)".
 */
import { UsageError } from '../errors.js';
import { addDays, type IsoDate } from './dates.js';
import { CUSTOMER_TEXT_FIELDS, type CustomerDetails, type SpecialDay } from './customer.js';
import { SALE_COLUMNS, type Column, type HeaderLayout } from './import-columns.js';
import {
  parseAmount, parseChannel, parseDate, parseEmail, parseName, parsePhone, parsePositiveInt,
  parseSpecialDay, parseTags, parseText, parseYearlyDay,
} from './parse.js';
import { restoreFormula } from './csv.js';
import type { NewSale } from './sale.js';
import { t } from '../i18n.js';

export interface CustomerRecord {
  name: string;
  /** Only the fields the row gives; an empty cell never clears what is on file. */
  details: Partial<CustomerDetails>;
  tags: string[];
  specialDays: SpecialDay[];
  doNotContact: boolean;
  referredBy: string | null;
}

/** A sale as a row states it; its customer is the row's customer, found or created on import. */
export type SaleRecord = Omit<NewSale, 'customerId'>;

export interface ImportRow {
  row: number;
  customer: CustomerRecord;
  sale: SaleRecord | null;
  /** The sale's row gave no date: it is dated today, and is already on file on any date. */
  undated?: boolean;
}

export interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** How a message names a row, or a cell when given its column: "row 7, column phone" in a sheet. */
export type Place = (row: number, column?: string) => string;

export const sheetPlace: Place = (row, column) =>
  column === undefined ? t('row {row}', { row }) : t('row {row}, column {column}', { row, column });

// i18n-ignore-start: what people write in Chinese sheets, read as data in either language
const YES = new Set(['yes', 'y', 'true', '1', 'x', '是', '对', '√']);
const NO = new Set(['no', 'n', 'false', '0', '否', '']);
// i18n-ignore-end

/** How a sheet's 3/2/2026 is read when the file says nothing that settles it (--date-order). */
export type DateOrder = 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy'];

const pad2 = (n: number | string) => String(n).padStart(2, '0');

/**
 * [month, day] of "a/b": settled by a part over 12 (15/2 and 2/15 mean one day), else by `order`;
 * 3/2 is 2 March in the US and 3 February in the UK, so without an order it is refused.
 */
function monthDay(a: number, b: number, order: DateOrder | undefined, refuse: () => never): [number, number] {
  if (a > 12 && b <= 12) return [b, a];
  if ((b > 12 && a <= 12) || a === b) return [a, b];
  if (order === 'dmy') return [b, a];
  if (order === 'mdy') return [a, b];
  return refuse();
}

/**
 * 2026/3/2, 2026.3.2 and 2026年3月2日 as 2026-03-02; 15.02.2026 day first (dots with the year last
 * are day first wherever they are written); 3/2/2026 as `order` says, unless a part over 12
 * settles it. Anything else is left for parseDate to refuse.
 */
export function spreadsheetDate(s: string, field = 'date', order?: DateOrder): string {
  // A date Excel wrote with its time (2026/3/2 14:35, 2026-03-02 0:00:00): the day is what counts.
  const text = s.trim().replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, '');
  // A date cell Excel shows as a number (46083): its serial day count, not a date anyone wrote.
  if (/^\d{5}$/.test(text) && Number(text) > 20000 && Number(text) < 80000) {
    const day = addDays('1899-12-30', Number(text));
    throw new UsageError(t('{field} is an Excel date number ({got} is {day}): format the column as a date (YYYY-MM-DD) in Excel and save again', { field, got: text, day }));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (m) return `${m[1]}-${pad2(m[2])}-${pad2(m[3])}`;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (dotted) return `${dotted[3]}-${pad2(dotted[2])}-${pad2(dotted[1])}`;
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!slashed) return s;
  const [month, day] = monthDay(Number(slashed[1]), Number(slashed[2]), order, () => {
    throw new UsageError(t('{field} could be day/month or month/day (got {got}): name the order with --date-order dmy or mdy, or write it as YYYY-MM-DD', { field, got: JSON.stringify(s) }));
  });
  return `${slashed[3]}-${pad2(month)}-${pad2(day)}`;
}

function spreadsheetDay(s: string, field: string, order?: DateOrder): string {
  const slash = /^(\d{1,2})\/(\d{1,2})$/.exec(s.trim());
  if (slash) {
    const [month, day] = monthDay(Number(slash[1]), Number(slash[2]), order, () => {
      throw new UsageError(t('{field} could be day/month or month/day (got {got}): name the order with --date-order dmy or mdy, or write it as MM-DD', { field, got: JSON.stringify(s) }));
    });
    return `${pad2(month)}-${pad2(day)}`;
  }
  const m = /^(\d{1,2})\s*[-月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  return m ? `${pad2(m[1])}-${pad2(m[2])}` : spreadsheetDate(s, field, order);
}

// i18n-ignore-start: currency marks as sheets write them around an amount
const CURRENCY_BEFORE = /^(?:[¥￥$€£]|RMB|CNY|USD|EUR|GBP)\s*/i;
const CURRENCY_AFTER = /\s*(?:[¥￥$€£元块]|RMB|CNY|USD|EUR|GBP)$/i;
// i18n-ignore-end

/** An amount without the currency written around it: ¥3,999.00, 3999元, RMB 500, 49,90 €. */
function money(s: string): string {
  return s.trim().replace(CURRENCY_BEFORE, '').replace(CURRENCY_AFTER, '');
}

function yesNo(s: string, field: string): boolean {
  const v = s.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  throw new UsageError(t('{field} must be yes or no (也可 是/否) (got {got})', { field, got: JSON.stringify(s) }));
}

function channel(s: string, field: string): string {
  return parseChannel(s.trim(), field);
}

export function customerField(column: Column, raw: string, field: string, order?: DateOrder): string {
  switch (column) {
    case 'email':
      return parseEmail(raw, field);
    case 'phone':
      // Excel shows a long number it was not told is text as 8.61381E+12: the digits are gone.
      if (/^\s*\d+(\.\d+)?E\+\d+\s*$/i.test(raw)) {
        throw new UsageError(t('{field} was turned into a number by the spreadsheet (got {got}): format the column as Text, type the numbers again and save', { field, got: JSON.stringify(raw) }));
      }
      return parsePhone(raw, field);
    case 'birthday':
      return parseYearlyDay(spreadsheetDay(raw, field, order), field, raw);
    case 'channel':
      return channel(raw, field);
    default:
      return parseText(raw, field, { multiline: column === 'notes' || column === 'address' }).trim();
  }
}

/**
 * Cells this module reads itself before a parse.ts parser does (currency marks, spreadsheet dates,
 * yes/no, a phone Excel turned into a number): full-width forms a Chinese input method types
 * (￥３，９９９．５０, ２０２６年３月２日) are made the ASCII they stand for (NFKC) first, as parse.ts does
 * for what it reads. Names and free text are kept as written.
 */
const FORMS: ReadonlySet<Column> = new Set<Column>(['phone', 'birthday', 'special_days', 'do_not_contact', 'amount', 'cost', 'date', 'delivery', 'verbal']);

/** Reads the cells of one row; `row` is the number a spreadsheet shows (the header is row 1). */
export function readRow(cells: string[], layout: HeaderLayout, row: number, today: IsoDate, order?: DateOrder): { value?: ImportRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const raw = new Map<Column, { value: string; label: string }>();
  layout.columns.forEach((c, i) => {
    // A line break inside a cell is LF in crm, whatever the sheet was saved with.
    const value = restoreFormula(cells[i] ?? '').replace(/\r\n?/g, '\n');
    if (c && value.trim() !== '') raw.set(c, { value, label: layout.labels[i] });
  });
  const cell = <T>(column: Column, parse: (value: string, field: string) => T): T | undefined => {
    const c = raw.get(column);
    if (!c) return undefined;
    const label = c.label === column ? column : `${c.label} (${column})`;
    try {
      return parse(FORMS.has(column) ? c.value.normalize('NFKC') : c.value, sheetPlace(row, label));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      errors.push({ row, column: c.label, value: c.value, message: e.message });
      return undefined;
    }
  };
  const extra = cells.slice(layout.columns.length).filter((c) => c.trim() !== '');
  if (extra.length) {
    const message = t('{row} has {cells} cells but the header names {columns}: quote cells that contain a comma, like "1,200" (got {got} past the last column)', {
      row: sheetPlace(row), cells: cells.length, columns: layout.columns.length, got: JSON.stringify(extra[0]),
    });
    errors.push({ row, column: `column ${layout.columns.length + 1}`, value: extra[0], message });
  }
  const details: Partial<CustomerDetails> = {};
  for (const column of CUSTOMER_TEXT_FIELDS) {
    const v = cell(column, (s, f) => customerField(column, s, f, order));
    if (v !== undefined) details[column] = v;
  }
  const name = cell('name', (s, f) => parseName(s, f));
  if (!raw.has('name')) {
    const field = sheetPlace(row, 'name');
    // A sale row without a name is most often a cell merged over a customer's rows in Excel.
    const message = SALE_COLUMNS.some((c) => raw.has(c))
      ? t('{field} must give the customer\'s name (got ""); a name merged over several rows in Excel is saved in the first row only: fill it into each row', { field })
      : t('{field} must give the customer\'s name (got "")', { field });
    errors.push({ row, column: 'name', value: '', message });
  }
  const customer: CustomerRecord = {
    name: name ?? '',
    details,
    tags: [...new Set(cell('tags', (s) => parseTags(s)) ?? [])],
    specialDays: cell('special_days', (s, f) => s.split(/[;；\n]/).filter((d) => d.trim()).map((d) => withField(f, () => parseSpecialDay(d)))) ?? [],
    doNotContact: cell('do_not_contact', yesNo) ?? false,
    referredBy: cell('referred_by', (s, f) => parseName(s, f)) ?? null,
  };
  const sale = readSale(raw, cell, row, today, errors, order);
  if (errors.length) return { errors };
  return { value: { row, customer, sale, ...(sale && !raw.has('date') && { undated: true }) }, errors };
}

/** parseSpecialDay names its own flag; in a sheet the message must name the row and column. */
function withField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.message.replace(/^--special/, field));
    throw e;
  }
}

type CellReader = <T>(column: Column, parse: (value: string, field: string) => T) => T | undefined;

function readSale(raw: Map<Column, unknown>, cell: CellReader, row: number, today: IsoDate, errors: RowError[], order?: DateOrder): SaleRecord | null {
  const given = SALE_COLUMNS.filter((c) => raw.has(c));
  if (!given.length) return null;
  const product = cell('product', (s, f) => parseText(s, f, { multiline: false }).trim());
  if (!raw.has('product')) {
    const message = t('{field} must name what was sold when the row has sale columns ({columns})', { field: sheetPlace(row, 'product'), columns: given.join(', ') });
    errors.push({ row, column: given[0], value: '', message });
  }
  // A negative amount is a refund, as with add-sale: stored, planned nothing.
  const amountCents = cell('amount', (s, f) => parseAmount(money(s), f, s));
  if (raw.has('product') && !raw.has('amount')) {
    errors.push({ row, column: 'amount', value: '', message: t('{field} must give the price, like 1200 or 1200.50 (got "")', { field: sheetPlace(row, 'amount') }) });
  }
  const date = cell('date', (s, f) => {
    const d = parseDate(spreadsheetDate(s, f, order), f, s);
    if (d > addDays(today, 366)) throw new UsageError(t('{field} must be within a year from today (got {got})', { field: f, got: JSON.stringify(s) }));
    return d;
  }) ?? today;
  const delivery = cell('delivery', (s, f) => {
    const d = parseDate(spreadsheetDate(s, f, order), f, s);
    if (d < date) throw new UsageError(t('{field} must be on or after the sale date {date} (got {got})', { field: f, date, got: JSON.stringify(s) }));
    return d;
  }) ?? null;
  return {
    product: product ?? '',
    amountCents: amountCents ?? 0,
    costCents: cell('cost', (s, f) => parseAmount(money(s), f, s)) ?? null,
    quantity: cell('quantity', (s, f) => parsePositiveInt(s, f)) ?? 1,
    date,
    delivery,
    warrantyMonths: cell('warranty_months', (s, f) => parsePositiveInt(s, f)) ?? null,
    useUpDays: cell('use_up_days', (s, f) => parsePositiveInt(s, f)) ?? null,
    verbal: cell('verbal', yesNo) ?? false,
    channel: cell('sale_channel', channel) ?? null,
    note: cell('sale_note', (s, f) => parseText(s, f)) ?? null,
  };
}
