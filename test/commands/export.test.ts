import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { parseCsv } from '../../src/domain/csv.js';

let crm: CrmRunner;
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir);
});
afterEach(() => cleanup());

/** A file with every kind of record and state: referrals, special days, closed and moved follow-ups, contacts. */
async function fill(run: CrmRunner): Promise<void> {
  await run('customer', 'add', '李明', '--phone', '+86 139 1234 5678', '--tag', 'important');
  await run('customer', 'add', '王芳', '--company', '华星贸易', '--phone', '+86 138 0013 8000', '--birthday', '03-15', '--special', '05-20 结婚纪念日',
    '--referred-by', '李明', '--channel', 'wechat', '--notes', 'likes tea, "oolong";\nnot before 9', '--tag', 'vip');
  await run('customer', 'add', '=HYPERLINK("http://x","y")', '--email', 'a@example.com', '--do-not-contact');
  await run('add-sale', '--customer', '王芳', '--product', '空气净化器 X3', '--amount', '3999.5', '--date', '2026-02-20', '--delivery', '2026-03-06', '--warranty-months', '12', '--verbal');
  await run('add-sale', '--customer', '李明', '--product', 'Tea set', '--amount', '880', '--cost', '500', '--note', 'gift for 🎂');
  const agenda = JSON.parse((await run('--json', 'today', '--days', '30')).stdout);
  const ids = [...agenda.due, ...agenda.upcoming].map((r: { id: number }) => String(r.id));
  await run('done', ids[0], '--note', 'thanked');
  await run('skip', ids[1], '--reason', 'moved away');
  await run('snooze', ids[2], '--days', '3');
  await run('done', ids[3], '--outcome', 'no-answer');
  await run('log', '王芳', '--note', 'met at the fair', '--channel', 'visit');
}

describe('crm export --format json and crm import', () => {
  it('round-trips losslessly: export, import into an empty database, export again gives the same bytes', async () => {
    await fill(crm);
    const first = await crm('export', '--format', 'json');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(Object.keys(doc)).toEqual(['version', 'databaseId', 'exportedOn', 'customers', 'sales', 'reminders', 'contacts']);
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['{', '  "version": 1,', `  "databaseId": "${doc.databaseId}",`, '  "exportedOn": "2026-03-02",', '  "customers": [']);
    expect(lines[5]).toMatch(/^ {4}\{"id":1,"name":"李明",.*\},$/);
    expect(lines.filter((l) => l.startsWith('    {')).length).toBe(doc.customers.length + doc.sales.length + doc.reminders.length + doc.contacts.length);
    expect(doc.reminders.map((r: { state: string }) => r.state)).toEqual(expect.arrayContaining(['open', 'done', 'skipped', 'missed']));
    expect(doc.contacts.length).toBeGreaterThanOrEqual(5);

    const file = join(dir, 'backup.json');
    await crm('export', '--out', file);
    const copy = crmIn(join(dir, 'copy'));
    const restored = await copy('import', file);
    expect(restored.stdout).toContain('customers: 3 new');
    expect((await copy('export', '--format', 'json')).stdout).toBe(first.stdout);
    expect((await copy('export', '--format', 'ics')).stdout).toBe((await crm('export', '--format', 'ics')).stdout);
  });

  it('merges into a database with data: new ids, references rewritten, and a second import adds nothing', async () => {
    await fill(crm);
    const file = join(dir, 'backup.json');
    await crm('export', '--out', file);
    const other = crmIn(join(dir, 'other'));
    await other('customer', 'add', 'Someone', '--phone', '555 010 0000');
    await other('add-sale', '--customer', 'Someone', '--product', 'Pen', '--amount', '3');
    await other('customer', 'add', '王芳', '--phone', '+8613800138000', '--email', 'wang@example.cn');
    const r = await other('import', file);
    expect(r.stdout).toContain('customers: 2 new, 1 updated, 0 unchanged');
    const doc = JSON.parse((await other('export')).stdout);
    const wang = doc.customers.find((c: { name: string }) => c.name === '王芳');
    expect(wang).toMatchObject({ id: 2, email: 'wang@example.cn', company: '华星贸易', referredBy: doc.customers.find((c: { name: string }) => c.name === '李明').id });
    for (const rem of doc.reminders) {
      const sale = doc.sales.find((s: { id: number }) => s.id === rem.saleId);
      expect(rem.dedupeKey.startsWith(`s${rem.saleId}:`) || rem.dedupeKey.startsWith(`c${rem.customerId}:`)).toBe(true);
      if (rem.rule !== 'referral-thanks') expect(sale.customerId).toBe(rem.customerId);
    }
    for (const c of doc.contacts.filter((x: { reminderId: number | null }) => x.reminderId)) {
      expect(doc.reminders.find((x: { id: number }) => x.id === c.reminderId).customerId).toBe(c.customerId);
    }
    const again = await other('import', file);
    expect(again.stdout).toMatch(/customers: 0 new, 0 updated, 3 unchanged\n {2}sales: 0 new, 2 already on file\n {2}follow-ups restored: 0 \(\d+ already on file\)\n {2}contacts restored: 0 \(\d+ already on file\)/);
    expect(JSON.parse((await other('export')).stdout)).toEqual(doc);
  });

  it('exports one section with --what, in the same envelope', async () => {
    await fill(crm);
    const doc = JSON.parse((await crm('export', '--what', 'sales')).stdout);
    expect(Object.keys(doc)).toEqual(['version', 'databaseId', 'exportedOn', 'sales']);
    expect(doc.sales[0]).toMatchObject({ id: 1, customerId: 2, product: '空气净化器 X3', amount: 3999.5, cost: null, verbal: true });
  });
});

describe('crm export --format csv', () => {
  it('writes what Excel opens safely: BOM, CRLF, quoting, formulas neutralised', async () => {
    await fill(crm);
    const text = (await crm('export', '--format', 'csv')).stdout;
    expect(text.startsWith('\ufeffid,name,company,address,phone,email,birthday,role,character,hobbies,family,channel,source,referred_by,credit,competitors,notes,tags,special_days,do_not_contact,created_on,updated_on\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows.map((r) => r.length)).toEqual([22, 22, 22, 22]);
    expect(rows[2]).toEqual(['2', '王芳', '华星贸易', '', "'+86 138 0013 8000", '', '03-15', '', '', '', '', 'wechat', '', '李明', '', '', 'likes tea, "oolong";\nnot before 9', 'vip', '05-20 结婚纪念日', 'no', '2026-03-02', '2026-03-02']);
    expect(rows[3].slice(1, 2)).toEqual(['\'=HYPERLINK("http://x","y")']);
    expect(rows[3][19]).toBe('yes');
  });

  it('writes sales with the buyer, reminders and contacts as sheets', async () => {
    await fill(crm);
    const sales = parseCsv((await crm('export', '--format', 'csv', '--what', 'sales')).stdout.slice(1));
    expect(sales[0]).toEqual(['id', 'customer_id', 'name', 'company', 'phone', 'email', 'product', 'amount', 'cost', 'quantity', 'date', 'delivery', 'warranty_months', 'use_up_days', 'verbal', 'sale_channel', 'sale_note', 'created_on']);
    expect(sales[1].slice(0, 9)).toEqual(['1', '2', '王芳', '华星贸易', "'+86 138 0013 8000", '', '空气净化器 X3', '3999.50', '']);
    expect(sales[2].slice(7, 9)).toEqual(['880', '500']);
    const reminders = parseCsv((await crm('export', '--format', 'csv', '--what', 'reminders')).stdout.slice(1));
    expect(reminders[0].slice(0, 6)).toEqual(['id', 'due', 'state', 'rule', 'action', 'title']);
    const contacts = parseCsv((await crm('export', '--format', 'csv', '--what', 'contacts')).stdout.slice(1));
    expect(contacts[0]).toEqual(['id', 'customer_id', 'name', 'date', 'kind', 'outcome', 'note', 'reminder_id']);
    expect(contacts.length).toBeGreaterThan(4);
  });

  it('imports back what it exported: customers and sales sheets rebuild the file elsewhere', async () => {
    await fill(crm);
    await crm('export', '--what', 'customers', '--out', join(dir, 'customers.csv'));
    await crm('export', '--what', 'sales', '--out', join(dir, 'sales.csv'));
    const copy = crmIn(join(dir, 'copy'));
    expect((await copy('import', join(dir, 'customers.csv'))).code).toBe(0);
    expect((await copy('import', join(dir, 'sales.csv'))).stdout).toContain('customers: 0 new, 0 updated, 2 unchanged\n  sales: 2 new');
    const strip = (doc: { customers: object[]; sales: object[] }) => ({ customers: doc.customers, sales: doc.sales });
    const [a, b] = [JSON.parse((await crm('export')).stdout), JSON.parse((await copy('export')).stdout)];
    expect(strip(b)).toEqual(strip(a));
  });
});

describe('crm export --format ics', () => {
  it('holds one event per open follow-up, with UIDs that survive a snooze and a restore', async () => {
    await fill(crm);
    const ics = (await crm('export', '--format', 'ics')).stdout;
    const open = JSON.parse((await crm('export', '--what', 'reminders')).stdout).reminders.filter((r: { state: string }) => r.state === 'open');
    const uids = [...ics.matchAll(/^UID:(.*)$/gm)].map((m) => m[1].trim());
    expect(uids).toHaveLength(open.length);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids[0]).toMatch(/^reminder-\d+@[0-9a-f-]{36}$/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Customer: 王芳 (华星贸易)\\nPhone: +86 138 0013 8000\\nPrefers: wechat');

    const first = open[0];
    await crm('snooze', String(first.id), '--to', '2026-04-01');
    const later = (await crm('export', '--format', 'ics')).stdout.replace(/\r\n /g, '');
    expect(later).toMatch(new RegExp(`UID:reminder-${first.id}@[^\\r]+\\r\\nDTSTAMP:20260302T000000Z\\r\\nDTSTART;VALUE=DATE:20260401\\r\\n`));
    await crm('done', String(first.id));
    expect((await crm('export', '--format', 'ics')).stdout).not.toContain(`UID:reminder-${first.id}@`);
  });
});

describe('crm export in either language', () => {
  it('writes the same JSON and CSV bytes under --lang zh and --lang en: field and column names are machine vocabulary', async () => {
    await fill(crm);
    const both = async (...args: string[]) => [(await crm('--lang', 'en', 'export', ...args)).stdout, (await crm('--lang', 'zh', 'export', ...args)).stdout];
    const [enJson, zhJson] = await both('--format', 'json');
    expect(enJson.length).toBeGreaterThan(1000);
    expect(zhJson).toBe(enJson);
    for (const what of ['customers', 'sales', 'reminders', 'contacts']) {
      const [en, zh] = await both('--format', 'csv', '--what', what);
      expect(en.startsWith('\ufeffid,')).toBe(true);
      expect(zh).toBe(en);
    }
  });

  it('writes the calendar descriptions and the report in Chinese, the calendar itself unchanged', async () => {
    await fill(crm);
    const [en, zh] = [(await crm('export', '--format', 'ics')).stdout, (await crm('--lang', 'zh', 'export', '--format', 'ics')).stdout];
    const unfolded = zh.replace(/\r\n /g, '');
    expect(unfolded).toContain('X-WR-CALNAME:crm 跟进\r\n');
    expect(unfolded).toContain('DESCRIPTION:客户：王芳（华星贸易）\\n电话：+86 138 0013 8000\\n偏好渠道：wechat\\n');
    expect(unfolded).toMatch(/\\n完成后：crm done \d+\r\n/);
    const shape = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n').filter((l) => !/^(DESCRIPTION|X-WR-CALNAME):/.test(l));
    expect(shape(zh)).toEqual(shape(en));
    const r = await crm('--lang', 'zh', 'export', '--what', 'sales', '--out', join(dir, 'sales.csv'));
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: `已导出 2 条成交记录到 ${join(dir, 'sales.csv')}（csv）。\n` });
  });
});

describe('crm export options', () => {
  it('writes --out with mode 0600, infers the format from its name, and reports on stderr', async () => {
    await crm('customer', 'add', 'Bob');
    const r = await crm('export', '--out', join(dir, 'c.csv'));
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: `Exported 1 customers to ${join(dir, 'c.csv')} (csv).\n` });
    expect(readFileSync(join(dir, 'c.csv'), 'utf8').startsWith('\ufeffid,name')).toBe(true);
    expect(statSync(join(dir, 'c.csv')).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await crm('--json', 'export', '--out', join(dir, 'all.json'))).stdout)).toEqual({ file: join(dir, 'all.json'), format: 'json', what: 'all', records: 1 });
  });

  it.each([
    [['--format', 'xml'], /^crm: --format must be one of csv, json, ics \(got "xml"\)/],
    [['--what', 'everything'], /^crm: --what must be one of customers, sales, reminders, contacts, complaints/],
    [['--what', 'complaints'], /^crm: --what complaints: this crm does not store complaints yet/],
    [['--format', 'ics', '--what', 'customers'], /^crm: --format ics exports follow-ups only/],
    [['--json', '--format', 'csv'], /^crm: --json prints JSON on stdout: use --format json, or --out FILE for csv/],
    [['--out', '/nonexistent/dir/x.json'], /^crm: cannot write \/nonexistent\/dir\/x\.json: .*; pass --out with a writable path/],
  ])('%j is refused', async (args, message) => {
    const [flag, ...rest] = args;
    const r = flag === '--json' ? await crm('--json', 'export', ...rest) : await crm('export', ...args);
    expect(r.code).toBe(args[0] === '--out' ? 1 : 2);
    expect(r.stderr).toMatch(message);
  });
});
