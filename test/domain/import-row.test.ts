import { describe, expect, it } from 'vitest';
import { normaliseHeader, parseMapOption, resolveHeader } from '../../src/domain/import-columns.js';
import { readRow, spreadsheetDate } from '../../src/domain/import-row.js';

const TODAY = '2026-03-02';

describe('headers', () => {
  it.each([
    [['姓名', '公司', '电话', '邮箱', '生日', '标签', '备注', '渠道'], ['name', 'company', 'phone', 'email', 'birthday', 'tags', 'notes', 'channel']],
    [['名字', '单位', '手机', '电子邮件', '地址', '职位', '联系方式'], ['name', 'company', 'phone', 'email', 'address', 'role', 'channel']],
    [['客户', '手机号', '角色', '介绍人'], ['name', 'phone', 'role', 'referred_by']],
    [['姓名', '产品', '金额', '成本', '数量', '成交日期', '交货日期', '保修月数'], ['name', 'product', 'amount', 'cost', 'quantity', 'date', 'delivery', 'warranty_months']],
    [['姓名', '商品', '价格', '日期', '交付日期', '保修'], ['name', 'product', 'amount', 'date', 'delivery', 'warranty_months']],
    [[' Name ', 'PHONE', 'E-Mail', 'Warranty Months', 'use-up days', 'Verbal'], ['name', 'phone', 'email', 'warranty_months', 'use_up_days', 'verbal']],
    [['id', 'name', 'created_on', 'updated_on', ''], [null, 'name', null, null, null]],
  ])('%j', (header, columns) => {
    expect(resolveHeader(header).columns).toEqual(columns);
  });

  it('names unknown headers and how to map or skip them', () => {
    expect(() => resolveHeader(['姓名', '性别', 'Region'])).toThrow(
      /^columns "性别", "Region" not known: name each with --map "性别=COLUMN", or skip them all with --map "性别=-,Region=-"; known columns: name, company/,
    );
    expect(() => resolveHeader(['姓名', '微信号'])).toThrow(/^column "微信号" not known: name it with --map "微信号=COLUMN", or skip it with --map "微信号=-"; known/);
    // A sheet's own row numbers and the usual Chinese headers need no --map.
    expect(resolveHeader(['序号', '客户姓名', '手机号码', '商品名称', '成交金额', '购买日期']).columns).toEqual([null, 'name', 'phone', 'product', 'amount', 'date']);
  });

  it('refuses two headers meaning one column, and a sheet without names', () => {
    expect(() => resolveHeader(['name', '电话', 'mobile'])).toThrow('columns "电话" and "mobile" both mean phone; skip one with --map "mobile=-"');
    expect(() => resolveHeader(['phone', 'email'])).toThrow(/^the file has no name column/);
  });

  it('maps other headers with --map, and skips with -', () => {
    const map = parseMapOption(['客户名称=name, 序号=-', 'Region=notes']);
    expect(resolveHeader(['序号', '客户名称', 'region'], map).columns).toEqual([null, 'name', 'notes']);
    expect(() => parseMapOption(['客户名称']) ).toThrow(/^--map must be HEADER=COLUMN pairs/);
    expect(() => parseMapOption(['a=nonsense'])).toThrow(/got "a=nonsense"/);
    expect(normaliseHeader(' Use-Up  Days ')).toBe('use_up_days');
  });
});

describe('readRow', () => {
  const layout = resolveHeader(['姓名', '电话', '生日', '渠道', '标签', 'special_days', 'do_not_contact', '产品', '金额', '日期', '交货日期', 'verbal', 'sale_note']);

  it('reads a customer with a sale, tolerating spreadsheet habits', () => {
    const r = readRow(['  王芳 ', "'+86 138 0013 8000", '3月15日', '微信', 'VIP，重要、vip', '05-20 结婚纪念日；10-01 公司周年', '否', 'X3', '￥3,999.50', '2026/2/20', '2026年3月6日', '是', 'a\r\nb'], layout, 2, TODAY);
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      row: 2,
      customer: {
        name: '王芳',
        details: { phone: '+86 138 0013 8000', birthday: '03-15', channel: 'wechat' },
        tags: ['vip', '重要'],
        specialDays: [{ day: '05-20', label: '结婚纪念日' }, { day: '10-01', label: '公司周年' }],
        doNotContact: false,
        referredBy: null,
      },
      sale: {
        product: 'X3', amountCents: 399950, costCents: null, quantity: 1, date: '2026-02-20', delivery: '2026-03-06',
        warrantyMonths: null, useUpDays: null, verbal: true, channel: null, note: 'a\nb',
      },
    });
  });

  it.each([
    ['02/15', '02-15'],
    ['15/02', '02-15'],
    ['03/03', '03-03'],
    ['3月15日', '03-15'],
    ['03-15', '03-15'],
    ['1990-03-15', '1990-03-15'],
  ])('reads the birthday %j as %j: slashes only where they can mean one day', (birthday, day) => {
    expect(readRow(['Bob', '', birthday], layout, 3, TODAY).value?.customer.details.birthday).toBe(day);
  });

  it('reads the full-width digits and marks a Chinese input method types in numbers, dates and addresses', () => {
    const wide = resolveHeader(['姓名', '电话', '邮箱', '产品', '金额', '日期', '数量']);
    const r = readRow(['王芳', '＋８６ １３８ ００１３ ８０００', 'ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ', '茶具', '￥３，９９９．５０', '２０２６年２月２０日', '２'], wide, 2, TODAY);
    expect(r.errors).toEqual([]);
    expect(r.value?.customer.details).toEqual({ phone: '+86 138 0013 8000', email: 'wang@example.cn' });
    expect(r.value?.sale).toMatchObject({ product: '茶具', amountCents: 399950, date: '2026-02-20', quantity: 2 });
    // Names and free text stay as written.
    expect(readRow(['Ｗａｎｇ'], layout, 3, TODAY).value?.customer.name).toBe('Ｗａｎｇ');
  });

  it('gives a sale without a date the day of the import, as add-sale does', () => {
    expect(readRow(['Bob', '', '', '', '', '', '', 'Pen', '3'], layout, 3, TODAY).value?.sale?.date).toBe(TODAY);
  });

  it('leaves out the fields a row does not give, so they never clear what is on file', () => {
    expect(readRow(['Bob'], layout, 4, TODAY).value).toEqual({
      row: 4, customer: { name: 'Bob', details: {}, tags: [], specialDays: [], doNotContact: false, referredBy: null }, sale: null,
    });
  });

  it.each([
    ['￥3,999.50', 399950],
    ['¥3999', 399900],
    ['3999元', 399900],
    ['RMB 500', 50000],
    ['500 CNY', 50000],
    ['$1,200.05', 120005],
    ['49,90 €', 4990],
    ['€ 3.999,00', 399900],
    ['1 234,50 EUR', 123450],
  ])('reads the amount %j as %i cents', (amount, cents) => {
    expect(readRow(['Bob', '', '', '', '', '', '', 'Pen', amount], layout, 3, TODAY).value?.sale?.amountCents).toBe(cents);
  });

  it.each(['3.999', '12,34.5', 'RMB', '€'])('refuses the amount %j, naming the form', (amount) => {
    expect(readRow(['Bob', '', '', '', '', '', '', 'Pen', amount], layout, 3, TODAY).errors).toEqual([
      { row: 3, column: '金额', value: amount, message: `row 3, column 金额 (amount) must be a number like 1200 or 1200.50 (got ${JSON.stringify(amount)})` },
    ]);
  });

  it.each([
    ['2026/3/2', '2026-03-02'],
    ['2026.12.31', '2026-12-31'],
    ['2026年3月2日', '2026-03-02'],
    ['2026-03-02', '2026-03-02'],
    ['15.02.2026', '2026-02-15'],
    ['1.3.2026', '2026-03-01'],
    ['02.15.2026', '2026-15-02'], // day first: month 15 is then refused as no real date
    // A part over 12 settles the order; otherwise --date-order does.
    ['15/2/2026', '2026-02-15'],
    ['2/15/2026', '2026-02-15'],
    ['3/3/2026', '2026-03-03'],
    ['3/2/2026', '2026-02-03', 'dmy'],
    ['3/2/2026', '2026-03-02', 'mdy'],
    ['15/2/2026', '2026-02-15', 'mdy'],
    ['3-2-2026', '3-2-2026'], // left for parseDate to refuse
    // Excel writes a date-time cell with its time; the day is the sale's.
    ['2026/3/2 14:35', '2026-03-02'],
    ['2026-02-27 0:00:00', '2026-02-27'],
    ['3/2/2026 9:05', '2026-03-02', 'mdy'],
    ['12345', '12345'], // not in the range of recent Excel date numbers: left for parseDate to refuse
  ] as const)('spreadsheetDate(%j) = %j (order %s)', (input, out, order?: 'dmy' | 'mdy') => {
    expect(spreadsheetDate(input, 'date', order)).toBe(out);
  });

  it('names an Excel date number for what it is, and the day it stands for', () => {
    expect(() => spreadsheetDate('46083', 'row 2, column date')).toThrow(
      'row 2, column date is an Excel date number (46083 is 2026-03-02): format the column as a date (YYYY-MM-DD) in Excel and save again',
    );
  });

  it('refuses 3/2/2026 without an order: 2 March in the US, 3 February in the UK', () => {
    expect(() => spreadsheetDate('3/2/2026', 'row 2, column date')).toThrow(
      'row 2, column date could be day/month or month/day (got "3/2/2026"): name the order with --date-order dmy or mdy, or write it as YYYY-MM-DD',
    );
  });
});
