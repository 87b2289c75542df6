import { describe, expect, it } from 'vitest';
import { CustomerMatcher, mergeRecord, phoneKey } from '../../src/domain/customer-match.js';
import { planImport, saleKey } from '../../src/domain/import-plan.js';
import type { CustomerRecord, ImportRow, SaleRecord } from '../../src/domain/import-row.js';
import { customer } from '../support/builders.js';

const onFile = [
  customer({ id: 1, name: '王芳', company: '华星贸易', phone: '+86 138 0013 8000', email: 'wang@example.cn' }),
  customer({ id: 2, name: 'Wang Lei', company: null, phone: null, email: 'lei@example.com' }),
  customer({ id: 3, name: '李明', company: '东方家具', phone: null, email: null }),
  customer({ id: 4, name: '李明', company: '西方家具', phone: null, email: null }),
  customer({ id: 5, name: 'Anna', company: null, phone: '030 1234567', email: null }),
];
const matcher = () => new CustomerMatcher(onFile.map(({ id, name, company, phone, email }) => ({ id, name, company, phone, email })));

describe('which customer a row means', () => {
  it.each([
    ['the same phone, written differently', { name: '王芳', phone: '+8613800138000' }, { kind: 'match', id: 1, by: 'phone', sameName: true }],
    ['the same phone under another name', { name: 'Fang Wang', phone: '+86 138-0013-8000' }, { kind: 'match', id: 1, by: 'phone', sameName: false }],
    ['the same email in another case', { name: 'Lei', email: 'LEI@example.com' }, { kind: 'match', id: 2, by: 'email', sameName: false }],
    ['the same name and company', { name: '李明', company: '东方家具' }, { kind: 'match', id: 3, by: 'name', sameName: true }],
    ['a name shared by two, nothing to tell them apart', { name: '李明' }, { kind: 'ambiguous', ids: [3, 4] }],
    ['the same name, a company on file, none in the row', { name: '王芳' }, { kind: 'match', id: 1, by: 'name', sameName: true }],
    ['the same name in another case', { name: 'wang lei' }, { kind: 'match', id: 2, by: 'name', sameName: true }],
    ['the same name but another phone: another person', { name: 'Anna', phone: '030 7654321' }, { kind: 'none' }],
    ['the same name but another email: another person', { name: 'Wang Lei', email: 'other@example.com' }, { kind: 'none' }],
    ['the same name, a new phone where none is on file', { name: '李明', company: '西方家具', phone: '139 1234 5678' }, { kind: 'match', id: 4, by: 'name', sameName: true }],
    ['nobody like it', { name: 'Zoë' }, { kind: 'none' }],
  ])('%s', (_why, query, match) => {
    expect(matcher().find(query)).toEqual(match);
  });

  it('ignores phones too short to tell people apart', () => {
    expect(phoneKey('110')).toBeNull();
    expect(phoneKey('+86 (138) 0013-8000')).toBe('13800138000');
  });

  it('takes +86, 0086 and 86 before a Chinese mobile for the mobile alone, and 00 for +, guessing nothing else', () => {
    for (const p of ['+86 138 0013 8000', '0086 138 0013 8000', '8613800138000', '138-0013-8000', '13800138000']) expect(phoneKey(p)).toBe('13800138000');
    expect(phoneKey('0049 30 1234567')).toBe(phoneKey('+49 30 1234567'));
    // Not a mobile (landline with its area code): the 86 stays, and no trunk 0 is dropped.
    expect(phoneKey('+86 10 6552 9988')).toBe('861065529988');
    expect(phoneKey('010 6552 9988')).toBe('01065529988');
    expect(phoneKey('+49 30 1234567')).not.toBe(phoneKey('030 1234567'));
    expect(phoneKey('+1 138 0013 8000')).toBe('113800138000');
  });

  it('merges given cells, adds tags and special days, keeps the name, and says whether anything changed', () => {
    const target = { ...onFile[0], tags: ['vip'] };
    const rec: CustomerRecord = { name: 'Fang', details: { email: 'new@example.cn' }, tags: ['vip', 'a'], specialDays: [{ day: '05-20', label: 'x' }], doNotContact: false, referredBy: null };
    expect(mergeRecord(target, rec)).toBe(true);
    expect(target).toMatchObject({ name: '王芳', email: 'new@example.cn', company: '华星贸易', tags: ['a', 'vip'], specialDays: [{ day: '05-20', label: 'x' }] });
    expect(mergeRecord(target, rec)).toBe(false);
    expect(mergeRecord(target, { ...rec, details: { phone: '+8613800138000', email: 'NEW@example.cn' } })).toBe(false);
    expect(target).toMatchObject({ phone: '+86 138 0013 8000', email: 'new@example.cn' });
  });
});

const sale = (over: Partial<SaleRecord> = {}): SaleRecord => ({
  product: 'X3', amountCents: 399900, costCents: null, quantity: 1, date: '2026-02-20', delivery: null, warrantyMonths: null,
  useUpDays: null, verbal: false, channel: null, note: null, ...over,
});
const row = (n: number, name: string, details: CustomerRecord['details'] = {}, s: SaleRecord | null = null, extra: Partial<CustomerRecord> = {}): ImportRow => ({
  row: n, customer: { name, details, tags: [], specialDays: [], doNotContact: false, referredBy: null, ...extra }, sale: s,
});

describe('planImport', () => {
  it('creates each new customer once, however many sale rows name them, and plans sales in date order', () => {
    const plan = planImport(
      [row(2, 'Zoë', { phone: '555 0100' }, sale({ date: '2026-02-25' })), row(3, 'Zoë', {}, sale({ date: '2026-01-05', product: 'Pen' })), row(4, 'Bob')],
      onFile,
      new Map(),
    );
    expect([...plan.created.keys()]).toEqual([-1, -2]);
    expect(plan.created.get(-1)).toMatchObject({ name: 'Zoë', phone: '555 0100' });
    expect(plan.sales.map((s) => [s.row, s.customerRef, s.sale.product])).toEqual([[3, -1, 'Pen'], [2, -1, 'X3']]);
    expect([...plan.rowRefs]).toEqual([[2, -1], [3, -1], [4, -2]]);
  });

  it('updates a matched customer only when a cell differs', () => {
    const plan = planImport([row(2, '王芳', { phone: '+86 138 0013 8000', company: '华星贸易' }), row(3, 'Anna', { notes: 'new' })], onFile, new Map());
    expect(plan.updated.map((c) => [c.id, c.notes])).toEqual([[5, 'new']]);
    expect(plan.unchanged).toBe(1);
    expect(plan.created.size).toBe(0);
  });

  it('skips sales already on file, counting identical ones (a multiset)', () => {
    const counts = new Map([[saleKey(1, sale()), 1]]);
    const rows = [row(2, '王芳', { phone: '+8613800138000' }, sale()), row(3, '王芳', { phone: '+8613800138000' }, sale()), row(4, '王芳', { phone: '+8613800138000' }, sale({ quantity: 2 }))];
    const plan = planImport(rows, onFile, counts);
    expect(plan.duplicateSales).toBe(1);
    expect(plan.sales.map((s) => s.row)).toEqual([3, 4]);
  });

  it('warns when a phone merges a differently named row, and errs when a name is ambiguous', () => {
    const plan = planImport([row(2, 'Fang Wang', { phone: '+8613800138000' }), row(5, '李明')], onFile, new Map());
    expect(plan.warnings).toEqual(['row 2: "Fang Wang" has the phone of customer 1, "王芳"; merged into that customer']);
    expect(plan.errors).toEqual([
      { row: 5, column: 'name', value: '李明', message: 'row 5, column name: "李明" could be customer 3, customer 4: add a phone, email or company that tells them apart' },
    ]);
  });

  it('links referrals by name, to a customer on file or one further down the file', () => {
    const plan = planImport([row(2, 'Zoë', {}, null, { referredBy: 'Bob' }), row(3, 'Bob', {}, null, { referredBy: 'Anna' })], onFile, new Map());
    expect(plan.errors).toEqual([]);
    expect(plan.created.get(-1)!.referredBy).toBe(-2);
    expect(plan.created.get(-2)!.referredBy).toBe(5);
  });

  it.each([
    ['Nobody', 'no customer named "Nobody" on file or in this file'],
    ['李明', 'several customers are named "李明"'],
    ['Zoë', 'a customer cannot refer themselves'],
  ])('refuses referred_by %j', (name, message) => {
    const plan = planImport([row(2, 'Zoë', {}, null, { referredBy: name })], onFile, new Map());
    expect(plan.errors[0]).toMatchObject({ row: 2, column: 'referred_by', value: name });
    expect(plan.errors[0].message).toContain(message);
  });

  it('keeps look-alike records of a JSON export apart', () => {
    const rows = [row(1, 'Twin'), row(2, 'Twin')];
    expect(planImport(rows, [], new Map()).created.size).toBe(1);
    expect(planImport(rows, [], new Map(), { matchWithinFile: false }).created.size).toBe(2);
  });
});
