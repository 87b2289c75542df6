/** Bad input to crm import: every message names row, column, value and the fix; nothing is written. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { writeSheet } from '../support/sheets.js';

let crm: CrmRunner;
let dir: string;
let cleanup: () => void;
let before: Buffer;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir);
  await crm('customer', 'add', '李明', '--company', '东方家具');
  await crm('customer', 'add', '李明', '--company', '西方家具');
  before = readFileSync(crm.db);
});
afterEach(() => cleanup());

const ok = { name: 'Bob', product: 'Pen', amount: '12' };

describe('a bad row', () => {
  it.each([
    [{ ...ok, phone: 'abc' }, 'row 2, column phone must be digits, spaces, +, -, ( ) or a dot between digits, like +86 138 0013 8000 (got "abc")'],
    [{ ...ok, phone: '1.38001E+10' }, 'row 2, column phone was turned into a number by the spreadsheet (got "1.38001E+10"): format the column as Text, type the numbers again and save'],
    [{ ...ok, phone: '13800138000.0' }, 'row 2, column phone was stored as a number (got "13800138000.0"): give the phone without the trailing .0, or in a spreadsheet format the column as Text and save again'],
    [{ ...ok, amount: '12.345' }, 'row 2, column amount must be a number like 1200 or 1200.50 (got "12.345")'],
    [{ ...ok, email: 'bob@x' }, 'row 2, column email must be an address like name@example.com (got "bob@x")'],
    [{ ...ok, birthday: '05/02' }, 'row 2, column birthday could be day/month or month/day (got "05/02"): name the order with --date-order dmy or mdy, or write it as MM-DD'],
    [{ ...ok, birthday: '2月30日' }, 'row 2, column birthday must be a day like 03-15 (MM-DD) or 1980-03-15 (YYYY-MM-DD) (got "2月30日")'],
    [{ ...ok, birthday: '02-30' }, 'row 2, column birthday must be a day like 03-15 (MM-DD) or 1980-03-15 (YYYY-MM-DD) (got "02-30")'],
    [{ ...ok, channel: 'pigeon' }, 'row 2, column channel must be one of phone, email, wechat, sms, visit, letter, other (got "pigeon")'],
    [{ ...ok, special_days: '13-01 party' }, 'row 2, column special_days must be a day like 03-15 (MM-DD) or 1980-03-15 (YYYY-MM-DD) (got "13-01")'],
    [{ ...ok, special_days: '05-20' }, 'row 2, column special_days must be a day and a label like "06-18 wedding anniversary" (got "05-20")'],
    [{ ...ok, do_not_contact: 'maybe' }, 'row 2, column do_not_contact must be yes or no (也可 是/否) (got "maybe")'],
    [{ ...ok, notes: 'bell\u0007' }, 'row 2, column notes must be text without control characters (got "bell\\u0007")'],
    [{ ...ok, name: '' }, 'row 2, column name must give the customer\'s name (got ""); a name merged over several rows in Excel is saved in the first row only: fill it into each row'],
    [{ name: '', phone: '555 0001' }, 'row 2, column name must give the customer\'s name (got "")'],
    [{ ...ok, name: '12345' }, 'row 2, column name must be a name with at least one non-digit (numbers are customer ids) (got "12345")'],
    [{ ...ok, name: '李明' }, 'row 2, column name: "李明" could be customer 1, customer 2: add a phone, email or company that tells them apart'],
    [{ ...ok, referred_by: 'Nobody' }, 'row 2, column referred_by: no customer named "Nobody" on file or in this file; add them or leave the cell empty'],
    [{ ...ok, amount: 'abc' }, 'row 2, column amount must be a number like 1200 or 1200.50 (got "abc")'],
    [{ ...ok, amount: '' }, 'row 2, column amount must give the price, like 1200 or 1200.50 (got "")'],
    [{ ...ok, product: '' }, 'row 2, column product must name what was sold when the row has sale columns (amount)'],
    [{ ...ok, cost: '12,5,0.001' }, 'row 2, column cost must be a number like 1200 or 1200.50 (got "12,5,0.001")'],
    [{ ...ok, quantity: '0' }, 'row 2, column quantity must be a whole number like 1, 3 or 12 (got "0")'],
    [{ ...ok, date: '2026-02-30' }, 'row 2, column date must be a real date like 2026-03-02 (YYYY-MM-DD) (got "2026-02-30")'],
    [{ ...ok, date: '03/02/2026' }, 'row 2, column date could be day/month or month/day (got "03/02/2026"): name the order with --date-order dmy or mdy, or write it as YYYY-MM-DD'],
    [{ ...ok, date: '13/13/2026' }, 'row 2, column date must be a real date like 2026-03-02 (YYYY-MM-DD) (got "13/13/2026")'],
    [{ ...ok, date: '2027-06-01' }, 'row 2, column date must be within a year from today (got "2027-06-01")'],
    [{ ...ok, date: '2026-02-20', delivery: '2026-02-01' }, 'row 2, column delivery must be on or after the sale date 2026-02-20 (got "2026-02-01")'],
    [{ ...ok, warranty_months: '1.5' }, 'row 2, column warranty_months must be a whole number like 1, 3 or 12 (got "1.5")'],
    [{ ...ok, verbal: 'perhaps' }, 'row 2, column verbal must be yes or no (也可 是/否) (got "perhaps")'],
    [{ ...ok, sale_channel: 'fax' }, 'row 2, column sale_channel must be one of phone, email, wechat, sms, visit, letter, other (got "fax")'],
    [{ 姓名: 'Bob', 电话: 'abc' }, 'row 2, column 电话 (phone) must be digits, spaces, +, -, ( ) or a dot between digits, like +86 138 0013 8000 (got "abc")'],
    [{ 姓名: 'Bob', 金额: '12' }, 'row 2, column product must name what was sold when the row has sale columns (amount)'],
  ])('%j', async (row, message) => {
    const r = await crm('import', writeSheet(join(dir, 'bad.csv'), [row]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}\ncrm: ${join(dir, 'bad.csv')}: 1 error in 1 row; nothing was imported (fix the file and run again)\n`);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});

describe('a bad file', () => {
  it('lists every error of every row, good rows notwithstanding, and imports none of them', async () => {
    const rows = [ok, { ...ok, phone: 'x' }, ok, { name: '', email: 'y' }, ...Array.from({ length: 30 }, () => ({ ...ok, amount: 'z' }))];
    const r = await crm('import', writeSheet(join(dir, 'bad.csv'), rows));
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'row 3, column phone must be digits, spaces, +, -, ( ) or a dot between digits, like +86 138 0013 8000 (got "x")',
      'row 5, column email must be an address like name@example.com (got "y")',
      'row 5, column name must give the customer\'s name (got "")',
      'row 6, column amount must be a number like 1200 or 1200.50 (got "z")',
    ]);
    expect(lines.at(-2)).toBe('... and 13 more (all of them with --json)');
    expect(lines.at(-1)).toMatch(/: 33 errors in 32 rows; nothing was imported/);
    const all = JSON.parse((await crm('--json', 'import', join(dir, 'bad.csv'))).stdout);
    expect(all.errors).toHaveLength(33);
    expect(all.errors[0]).toEqual({ row: 3, column: 'phone', value: 'x', message: expect.stringMatching(/^row 3, column phone/) });
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it.each([
    ['missing.csv', null, /^crm: .*missing\.csv: no such file; check the path\n$/],
    ['empty.csv', '', /^crm: .*empty\.csv is empty; a sheet needs a header row like name,phone,product,amount,date\n$/],
    ['header.csv', 'name,phone\n', /^crm: .*header\.csv has a header but no rows to import\n$/],
    ['nameless.csv', 'phone\n123456\n', /^crm: the file has no name column \(姓名\)/],
    ['quote.csv', 'name,notes\nBob,"never closed\n', /^crm: row 2: a quoted cell is never closed/],
    ['extra.csv', 'name,amount\nBob,1,200\n', /^row 2 has 3 cells but the header names 2: quote cells that contain a comma, like "1,200" \(got "200" past the last column\)\n/],
    ['broken.json', '{"version": 1, "customers": [', /^crm: .*broken\.json is not valid JSON \(.*\); fix it, or save the sheet as CSV\n$/],
    ['other.json', '{"hello": "world"}', /^crm: a crm JSON file must be \{"version": 1, "customers": \[...\], ...\} as crm export writes it, or a list of rows/],
    ['latin1.csv', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0xff, 0x0a]), /^crm: the file is not valid gb18030; save it as "CSV UTF-8" or name its encoding, e.g. --encoding windows-1252\n$/],
  ])('%s', async (name, content, message) => {
    const file = join(dir, name);
    if (content !== null) writeFileSync(file, content);
    const r = await crm('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it('reads 3/2/2026 in the order --date-order names, and refuses an order it does not know', async () => {
    const file = writeSheet(join(dir, 'uk.csv'), [{ name: 'Ann', phone: '555 0001', birthday: '05/02', product: 'Pen', amount: '3', date: '3/2/2026' }]);
    expect((await crm('import', '--date-order', 'xyz', file)).stderr).toBe('crm: --date-order must be one of dmy, mdy (got "xyz")\n');
    // Whatever the file: a JSON export has no such dates, but the option is still checked first.
    expect((await crm('import', '--date-order', 'xyz', join(dir, 'backup.json'))).stderr).toBe('crm: --date-order must be one of dmy, mdy (got "xyz")\n');
    expect((await crm('import', '--date-order', 'dmy', file)).code).toBe(0);
    const doc = JSON.parse((await crm('export', '--format', 'json')).stdout);
    expect(doc.sales.map((s: { date: string }) => s.date)).toEqual(['2026-02-03']);
    expect(doc.customers.find((c: { name: string }) => c.name === 'Ann').birthday).toBe('02-05');
  });

  it('names the row that reads as the header when a title sits above it', async () => {
    const file = join(dir, 'title.csv');
    writeFileSync(file, '客户名单 2026,,,\n姓名,电话,产品,金额\n王芳,13800138000,茶具,399\n');
    const r = await crm('import', file);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('crm: row 2 reads as the header (姓名,电话,产品,金额), not row 1: delete the rows above it and import again\n');
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it('skips blank rows above the header, and numbers the rows as the spreadsheet does', async () => {
    const file = join(dir, 'blank.csv');
    writeFileSync(file, '\ufeff,,\n\nname,phone\nAnn,555 0001\nBob,abc\n');
    const r = await crm('import', file);
    expect(r.stderr).toContain('row 5, column phone must be digits');
    writeFileSync(file, '\ufeff,,\n\nname,phone\nAnn,555 0001\n');
    expect((await crm('import', file)).stdout).toContain('(utf-8, 1 rows):\n  customers: 1 new');
  });

  it.each([
    ['book.xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'is a spreadsheet workbook, not a sheet of text: save it from Excel or WPS as "CSV UTF-8" and import that file'],
    ['old.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00], 'is a spreadsheet workbook, not a sheet of text: save it from Excel or WPS as "CSV UTF-8" and import that file'],
    ['book.csv', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'is a spreadsheet workbook, not a sheet of text: save it from Excel or WPS as "CSV UTF-8" and import that file'],
    ['photo.csv', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46], 'is not a text file; crm imports CSV sheets and JSON files'],
  ])('refuses %s for what it is', async (name, bytes, message) => {
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(bytes));
    expect(await crm('import', file)).toMatchObject({ code: 2, stderr: `crm: ${file} ${message}\n` });
  });

  it('reads UTF-16 without a BOM when --encoding names it, NUL bytes and all', async () => {
    const file = join(dir, 'unicode.txt');
    writeFileSync(file, Buffer.from('name\tphone\r\nAnn\t555 0001\r\n', 'utf16le'));
    expect((await crm('import', '--encoding', 'utf-16le', '--dry-run', file)).stdout).toContain('customers: 1 new');
  });

  it('refuses a directory', async () => {
    mkdirSync(join(dir, 'folder.csv'));
    expect((await crm('import', join(dir, 'folder.csv'))).stderr).toMatch(/folder\.csv is a directory/);
  });

  it('names bad fields of a JSON export by their path', async () => {
    const file = join(dir, 'backup.json');
    writeFileSync(file, JSON.stringify({ version: 1, customers: [{ id: 1, name: 'A', phone: 'abc', doNotContact: false, tags: [], specialDays: [], createdOn: '2026-01-01', updatedOn: '2026-01-01' }], sales: [{ id: 1, customerId: 9 }] }));
    const r = await crm('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('customers[0].phone must be digits, spaces, +, -, ( ) or a dot between digits, like +86 138 0013 8000 (got "abc")\n');
    expect(r.stderr).toContain('sales[0].product must be one line of text (got nothing)\n');
    expect(r.stderr).toContain('sales[0].amount must be an amount like 1200 or 1200.5 (got nothing)\n');
  });

  it('checks the complaints of a JSON export as the database and the five steps need them', async () => {
    const file = join(dir, 'backup.json');
    const customer = { id: 1, name: 'A', doNotContact: false, tags: [], specialDays: [], createdOn: '2026-01-01', updatedOn: '2026-01-01' };
    const complaint = {
      id: 1, customerId: 1, step: 'listen', openedOn: '2026-03-02', openedAt: '2026-03-02 09:15', words: 'broken', channel: 'phone', severity: 4,
      understood: true, wants: null, cause: null, finding: null, reasonable: null, ourFault: null, round: 1, idea: null, solutions: [], accepted: null,
      gesture: null, promisedBy: null, promises: 0, confirms: 0, resolvedAt: null, satisfied: null, rootCause: null, lesson: null, prevention: null,
      closedAt: null, log: [{ at: '2026-03-02 09:15', step: 'listen', field: 'opened', value: { customerId: 1 } }],
    };
    const bad = [
      { ...complaint, step: 'done', severity: 9, cause: 'weather' },
      { ...complaint, id: 2, customerId: 7, openedAt: '2026-03-02 25:00', log: [{ at: '2026-03-02', step: 'listen', field: 'words' }] },
    ];
    writeFileSync(file, JSON.stringify({ version: 1, customers: [customer], complaints: bad }));
    const r = await crm('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('complaints[0].step must be one of listen, analyse, resolve, confirm, review, closed (got "done")\n');
    expect(r.stderr).toContain('complaints[0].severity must be a whole number from 1 to 5 (got 9)\n');
    expect(r.stderr).toContain('complaints[0].cause must be one of product, misuse, service, expectations, misunderstanding, other (got "weather")\n');
    expect(r.stderr).toContain('complaints[1].openedAt must be a moment like 2026-03-02 or 2026-03-02 15:00 (got "2026-03-02 25:00")\n');
    expect(r.stderr).toContain('complaints[1].log[0].value must be a JSON value (got nothing)\n');
    writeFileSync(file, JSON.stringify({ version: 1, customers: [customer], complaints: [{ ...complaint, customerId: 7 }] }));
    expect((await crm('import', file)).stderr).toContain('complaints[0].customerId 7 is not a customer in this file\n');
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});

describe('in Chinese (--lang zh)', () => {
  it('names the row, the column and the fix in Chinese; --json gives the same rows, columns and values', async () => {
    const file = writeSheet(join(dir, 'bad.csv'), [{ ...ok, phone: 'abc' }, { ...ok, date: '2026-02-30', verbal: 'perhaps' }]);
    const r = await crm('--lang', 'zh', 'import', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '第 2 行 phone 列 应为数字、空格、+、-、( )，或数字之间的点，如 +86 138 0013 8000（收到 "abc"）\n' +
        '第 3 行 date 列 应为有效日期，如 2026-03-02（年-月-日）（收到 "2026-02-30"）\n' +
        '第 3 行 verbal 列 应为 是/否（也可写 yes/no）（收到 "perhaps"）\n' +
        `crm: ${file}：2 行共有 3 处错误；没有导入任何数据（请修改文件后重试）\n`,
    );
    const errors = async (lang: string) => JSON.parse((await crm('--lang', lang, '--json', 'import', file)).stdout).errors as { message: string }[];
    const [en, zh] = [await errors('en'), await errors('zh')];
    expect(zh.map(({ message: _m, ...where }) => where)).toEqual(en.map(({ message: _m, ...where }) => where));
    expect(zh[0].message).toMatch(/^第 2 行 phone 列 应为/);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it('explains a header it does not know, and names the records of a JSON export by their path', async () => {
    const sheet = join(dir, 'odd.csv');
    writeFileSync(sheet, '电话,备注\n123456,VIP\n');
    expect((await crm('--lang', 'zh', 'import', sheet)).stderr).toBe(
      'crm: 文件中没有姓名（name）列；表头必须包含一列，如 name,phone,product,amount,date，或使用 --map "客户名称=name"\n',
    );
    const doc = join(dir, 'backup.json');
    const customer = (id: number) => ({ id, name: '李明', doNotContact: false, tags: [], specialDays: [], createdOn: '2026-01-01', updatedOn: '2026-01-01' });
    writeFileSync(doc, JSON.stringify({ version: 1, customers: [customer(1), customer(2)] }));
    const en = await crm('import', doc);
    expect(en.stderr).toContain('customers[0].name: "李明" could be customer 1, customer 2: add a phone, email or company that tells them apart\n');
    const zh = await crm('--lang', 'zh', 'import', doc);
    expect(zh.stderr).toContain('customers[1].name："李明" 可能是客户 1、客户 2；请补充能区分他们的电话、邮箱或公司\n');
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});
