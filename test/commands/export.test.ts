import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, eachInTempDir, expectRefused, indexesOf, type CrmRunner } from '../support/cli.js';
import { complain, fill, fillEverything } from '../support/everything.js';
import { MAIL_ENV, fakeMailer } from '../support/fake-mailer.js';
import Database from 'better-sqlite3';
import { parseCsv } from '../../src/domain/csv.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

let crm: CrmRunner;
let dir: string;
eachInTempDir((t) => ({ dir, crm } = t));

describe('crm export --format json and crm import', () => {
  it('round-trips losslessly: export, import into an empty database, export again gives the same bytes', async () => {
    await fillEverything(crm);
    const first = await crm('export', '--format', 'json');
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    const lists = ['customers', 'sales', 'reminders', 'contacts', 'complaints', 'customerValues', 'classifyRuns', 'flags', 'reviewDecisions', 'surveys', 'playbooks', 'outbox'];
    expect(Object.keys(doc)).toEqual(['version', 'databaseId', 'exportedOn', ...lists, 'settings']);
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['{', '  "version": 1,', `  "databaseId": "${doc.databaseId}",`, '  "exportedOn": "2026-03-02",', '  "customers": [']);
    expect(lines[5]).toMatch(/^ {4}\{"id":1,"name":"李明",.*\},$/);
    expect(lines.filter((l) => l.startsWith('    {')).length).toBe(lists.reduce((n, name) => n + doc[name].length, 0));
    expect(doc.reminders.map((r: { state: string }) => r.state)).toEqual(expect.arrayContaining(['open', 'done', 'skipped', 'missed']));
    expect(doc.contacts.length).toBeGreaterThanOrEqual(5);
    const [complaint] = doc.complaints;
    expect(complaint).toMatchObject({ id: 1, customerId: 2, step: 'confirm', promises: 1, confirms: 2, solutions: ['换新机', '免费维修'], accepted: 1, gesture: '500元代金券', resolvedAt: '2026-03-02 10:30' });
    expect(complaint.log.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['opened', 'words', 'promise', 'resolved', 'step']));
    expect(doc.reminders.filter((r: { dedupeKey: string }) => r.dedupeKey.startsWith('k1:')).map((r: { state: string }) => r.state)).toEqual(['done', 'open', 'open']);
    // Every table holds something, in the states the restored database is tried with below.
    const id = (name: string) => doc.customers.find((c: { name: string }) => c.name === name).id;
    expect(doc.reminders.find((r: { rule: string }) => r.rule === 'monthly-card').vars).toMatchObject({ customer: '王芳', festival: expect.any(String) });
    expect(doc.reminders.find((r: { rule: string }) => r.rule === 'thank-you').title).toBe('Thank 王芳 in writing for 空气净化器 X3');
    expect(doc.customerValues.map((v: { tier: string }) => v.tier)).toEqual(expect.arrayContaining(['new', 'stream', 'meteor', 'burden']));
    expect(doc.customerValues.find((v: { customerId: number }) => v.customerId === id('Dave'))).toMatchObject({ strategy: 'persist', capable: true, runStrategy: 'persist' });
    expect(doc.classifyRuns.map((r: { changes: unknown[] }) => r.changes.length)).toEqual([9, 1, 0]);
    expect(doc.classifyRuns[1].changes).toEqual([{ customerId: id('Gina'), tierBefore: 'gold', tierAfter: 'stream', strategyBefore: null, strategyAfter: null }]);
    expect(doc.flags.map((f: { flag: string; clearedOn: string | null }) => [f.flag, f.clearedOn])).toEqual([['price-only', null], ['picky', '2026-03-02']]);
    expect(doc.reviewDecisions.map((d: { decision: string; customerId: number }) => [d.decision, d.customerId])).toEqual([['stop', id('Bob')], ['keep', id('Mia')]]);
    expect(doc.surveys).toEqual([{ id: 1, customerId: id('Nina'), reminderId: expect.any(Number), date: '2026-03-02', why: '朋友推荐, 服务好', improve: '送货再快一点' }]);
    expect(doc.playbooks.map((p: { version: number; name: string }) => [p.version, p.name])).toEqual([[1, 'default'], [2, 'mine']]);
    expect(doc.outbox.map((m: { recipient: string; state: string }) => [m.recipient, m.state])).toEqual([
      ['boss@example.com', 'sent'], ['anna@example.com', 'sent'], ['ben@example.com', 'sending'], ['cleo@example.com', 'failed'], ['dora@example.com', 'pending'],
    ]);
    expect(doc.settings).toEqual({ 'classify.gold-profit': '250000', 'classify.margin': '30' });

    const file = join(dir, 'backup.json');
    const { records } = JSON.parse((await crm('--json', 'export', '--out', file)).stdout);
    expect(records).toBe(lists.reduce((n, name) => n + doc[name].length, 0));
    const copy = crmIn(join(dir, 'copy'));
    const restored = await copy('import', file);
    expect(restored.stdout).toContain(`(utf-8, ${records} rows):\n  customers: 13 new`);
    expect(restored.stdout).toContain('complaints restored: 1 (0 already on file)');
    expect(restored.stdout).toContain(
      'also restored: 13 customer value(s), 3 classify run(s), 2 flag(s), 2 review decision(s), 1 survey answer(s), 2 playbook version(s), 2 setting(s), 5 outbox mail(s)\n',
    );
    expect((await copy('export', '--format', 'json')).stdout).toBe(first.stdout);
    // crm reads its own layout a record a line (export-lines.ts); the same file re-indented by
    // another program is read whole, to the same database.
    const reindented = join(dir, 'reindented.json');
    writeFileSync(reindented, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2));
    const other = crmIn(join(dir, 'other'));
    expect((await other('import', reindented)).code).toBe(0);
    expect((await other('export', '--format', 'json')).stdout).toBe(first.stdout);
    // The follow-ups went into a database with none, their indexes built at the end: the same ones.
    expect(indexesOf(copy.db)).toEqual(indexesOf(crm.db));
    // One clock for both: an ICS export stamps each event with the moment it is made (DTSTAMP).
    const at = { now: new Date('2026-03-02T09:30:00Z') };
    const ics = async (d: string) => (await crmIn(d, at)('export', '--format', 'ics')).stdout;
    expect(await ics(join(dir, 'copy'))).toBe(await ics(dir));

    // The restored database behaves as the original: same file, same playbook in force, same
    // review, the complaint goes on where it was, and a new classify run picks up from the last.
    const same = async (...args: string[]) => {
      const [a, b] = [await crm(...args), await copy(...args)];
      expect(a.code).toBe(0);
      expect(b).toEqual(a);
      return JSON.parse(a.stdout);
    };
    expect((await same('--json', 'customer', 'show', 'Dave')).value).toMatchObject({ tier: 'new', strategy: 'persist', capable: true });
    expect((await same('--json', 'customer', 'show', 'Mia')).flags).toEqual([expect.objectContaining({ flag: 'price-only' })]);
    expect((await same('--json', 'rules', 'list')).name).toBe('mine');
    await same('--json', 'review');
    await same('--json', 'complaint', 'show', '1');
    expect((await same('--json', 'classify')).run).toEqual({ id: 4, previous: { id: 3, date: '2026-03-02' } });
    expect((await copy('export')).stdout).toBe((await crm('export')).stdout);
    // Mail goes on exactly once: the sent ones are not sent again, the one of unknown outcome is
    // reported and left alone, the failed one stays failed; only the pending one goes out.
    const remind = async (run: CrmRunner) => {
      const mailer = fakeMailer();
      const r = await crmIn(run.dir, { env: MAIL_ENV, mailer: mailer.factory })('--json', 'remind', '--email');
      return { ...r, sent: mailer.sent.map((m) => [m.to.address, m.subject]) };
    };
    const [original, again] = [await remind(crm), await remind(copy)];
    expect(again).toEqual(original);
    expect(original.sent).toEqual([['dora@example.com', 'Thank you, Dora']]);
    expect(original.stderr).toMatch(/1 mail\(s\) of unknown outcome from an earlier run: ben@example\.com/);

    expect((await copy('complaint', 'step', '1', 'confirm', '--satisfied', 'yes')).code).toBe(0);
    const raw = new Database(copy.db);
    expect(() => raw.prepare("UPDATE complaint_log SET value = '\"x\"'").run()).toThrow(/append-only/);
    raw.close();
  });

  it('merges into a database with data: new ids, references rewritten, and a second import adds nothing', async () => {
    await fill(crm);
    const file = join(dir, 'backup.json');
    await crm('export', '--out', file);
    const other = crmIn(join(dir, 'other'));
    await other('customer', 'add', 'Someone', '--phone', '555 010 0000');
    await other('add-sale', '--customer', 'Someone', '--product', 'Pen', '--amount', '3');
    await other('customer', 'add', '王芳', '--phone', '+8613800138000', '--email', 'wang@example.cn');
    await complain(other, 'Someone');
    const r = await other('import', file);
    expect(r.stdout).toContain('customers: 2 new, 1 updated, 0 unchanged');
    expect(r.stdout).toContain('complaints restored: 1 (0 already on file)');
    const doc = JSON.parse((await other('export')).stdout);
    const wang = doc.customers.find((c: { name: string }) => c.name === '王芳');
    expect(wang).toMatchObject({ id: 2, email: 'wang@example.cn', company: '华星贸易', referredBy: doc.customers.find((c: { name: string }) => c.name === '李明').id });
    const complaint = doc.complaints.find((k: { customerId: number }) => k.customerId === wang.id);
    expect(complaint).toMatchObject({ id: 2, step: 'confirm', gesture: '500元代金券' });
    expect(complaint.log[0]).toMatchObject({ field: 'opened', value: { customerId: wang.id } });
    for (const rem of doc.reminders) {
      const sale = doc.sales.find((s: { id: number }) => s.id === rem.saleId);
      const k = /^k(\d+):/.exec(rem.dedupeKey);
      if (k) {
        // Renumbered with its complaint, key and text alike.
        expect(doc.complaints.find((c: { id: number }) => c.id === Number(k[1])).customerId).toBe(rem.customerId);
        expect(rem.title).toMatch(new RegExp(`^Complaint #${k[1]}:`));
        continue;
      }
      expect(rem.dedupeKey.startsWith(`s${rem.saleId}:`) || rem.dedupeKey.startsWith(`c${rem.customerId}:`)).toBe(true);
      if (rem.rule !== 'referral-thanks') expect(sale.customerId).toBe(rem.customerId);
    }
    expect(doc.reminders.filter((x: { dedupeKey: string }) => x.dedupeKey.startsWith('k2:'))).toHaveLength(3);
    for (const c of doc.contacts.filter((x: { reminderId: number | null }) => x.reminderId)) {
      expect(doc.reminders.find((x: { id: number }) => x.id === c.reminderId).customerId).toBe(c.customerId);
    }
    const again = await other('import', file);
    expect(again.stdout).toMatch(
      /customers: 0 new, 0 updated, 3 unchanged\n {2}sales: 0 new, 2 already on file\n {2}follow-ups restored: 0 \(\d+ already on file\)\n {2}contacts restored: 0 \(\d+ already on file\)\n {2}complaints restored: 0 \(1 already on file\)\n/,
    );
    expect(JSON.parse((await other('export')).stdout)).toEqual(doc);
  });

  it('exports one section with --what, in the same envelope', async () => {
    await fill(crm);
    const doc = JSON.parse((await crm('export', '--what', 'sales')).stdout);
    expect(Object.keys(doc)).toEqual(['version', 'databaseId', 'exportedOn', 'sales']);
    expect(doc.sales[0]).toMatchObject({ id: 1, customerId: 2, product: '空气净化器 X3', amount: 3999.5, cost: null, verbal: true });
    const complaints = JSON.parse((await crm('export', '--what', 'complaints')).stdout);
    expect(Object.keys(complaints)).toEqual(['version', 'databaseId', 'exportedOn', 'complaints']);
    expect(complaints.complaints).toEqual(JSON.parse((await crm('export')).stdout).complaints);
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

  it('writes one row per complaint, where it stands, under documented column names', async () => {
    await fill(crm);
    const [header, row, ...rest] = parseCsv((await crm('export', '--format', 'csv', '--what', 'complaints')).stdout.slice(1));
    expect(rest).toEqual([]);
    expect(header.join(',')).toBe(
      'id,customer_id,name,step,opened_on,opened_at,words,channel,severity,understood,wants,cause,finding,reasonable,our_fault,round,' +
        'idea,solutions,accepted,gesture,promised_by,promises,confirms,resolved_at,satisfied,root_cause,lesson,prevention,closed_at',
    );
    expect(README).toContain(`- complaints: \`${header.join(',')}\``);
    expect(Object.fromEntries(header.map((h, i) => [h, row[i]]))).toMatchObject({
      id: '1', customer_id: '2', name: '王芳', step: 'confirm', opened_at: '2026-03-02 10:30', words: '买了两天就坏了', severity: '4', understood: 'yes',
      cause: 'product', finding: '', solutions: '1. 换新机\n2. 免费维修', accepted: '1', gesture: '500元代金券', promised_by: '', promises: '1', confirms: '2', satisfied: '',
    });
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

    const event = (text: string, id: number) => new RegExp(`UID:reminder-${id}@[^\\r]+\\r\\n(?:[^\\r]+\\r\\n)*?END:VEVENT`).exec(text.replace(/\r\n /g, ''))?.[0];
    // The first follow-up never moved (fill snoozes some).
    const first = open.find((r: { id: number }) => /\r\nSEQUENCE:0\r\n/.test(event(ics, r.id) ?? ''));
    expect(event(ics, first.id)).toMatch(/\r\nSEQUENCE:0\r\nLAST-MODIFIED:\d{8}T000000Z\r\n/);
    await crm('snooze', String(first.id), '--to', '2026-04-01');
    // The same UID, and what tells a calendar the event changed: the moment of the export, the move counted, the day of it.
    const at = crmIn(dir, { now: new Date('2026-03-02T09:30:15Z') });
    const later = (await at('export', '--format', 'ics')).stdout;
    expect(event(later, first.id)).toMatch(/^UID:reminder-\d+@[^\r]+\r\nDTSTAMP:20260302T093015Z\r\nSEQUENCE:1\r\nLAST-MODIFIED:20260302T000000Z\r\nDTSTART;VALUE=DATE:20260401\r\n/);
    await crm('snooze', String(first.id), '--to', '2026-04-08');
    expect(event((await at('export', '--format', 'ics')).stdout, first.id)).toMatch(/\r\nSEQUENCE:2\r\n/);
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
    for (const what of ['customers', 'sales', 'reminders', 'contacts', 'complaints']) {
      const [en, zh] = await both('--format', 'csv', '--what', what);
      expect(en.startsWith('\ufeffid,')).toBe(true);
      expect(zh).toBe(en);
    }
  });

  it('writes the calendar descriptions and the report in Chinese, the calendar itself unchanged', async () => {
    await fill(crm);
    const at = crmIn(dir, { now: new Date('2026-03-02T09:30:00Z') });
    const [en, zh] = [(await at('export', '--format', 'ics')).stdout, (await at('--lang', 'zh', 'export', '--format', 'ics')).stdout];
    const unfolded = zh.replace(/\r\n /g, '');
    expect(unfolded).toContain('X-WR-CALNAME:crm 跟进\r\n');
    expect(unfolded).toContain('DESCRIPTION:客户：王芳（华星贸易）\\n电话：+86 138 0013 8000\\n偏好渠道：微信\\n');
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

  it('refuses to write over the database itself, also through a symlink, in any format', async () => {
    await crm('customer', 'add', 'Bob');
    symlinkSync(crm.db, join(dir, 'link.db'));
    for (const out of [crm.db, join(dir, 'link.db'), `${crm.db}-wal`]) {
      for (const format of ['csv', 'json', 'ics']) {
        await expectRefused(crm, ['export', '--format', format, '--out', out], /^crm: .* is the database itself; name another file for the export\n$/);
      }
    }
    const linked = crmIn(dir);
    const r = await linked('--db', join(dir, 'link.db'), 'export', '--format', 'json', '--out', crm.db);
    expect(r.code).toBe(2);
    expect(JSON.parse((await crm('--json', 'customer', 'list')).stdout)).toHaveLength(1);
  });

  it.each([
    [['--format', 'xml'], /^crm: --format must be one of csv, json, ics \(got "xml"\)/],
    [['--what', 'everything'], /^crm: --what must be one of customers, sales, reminders, contacts, complaints/],
    [['--format', 'ics', '--what', 'customers'], /^crm: --format ics exports follow-ups only/],
    [['--json', '--format', 'csv'], /^crm: --json prints JSON on stdout: use --format json, or --out FILE for csv/],
    [['--out', '/tmp'], /^crm: \/tmp is a directory; name a file in it, e.g. \/tmp\/crm\.json\n$/],
    [['--out', '/nonexistent/dir/x.json'], /^crm: cannot write \/nonexistent\/dir\/x\.json: .*; pass --out with a writable path/],
  ])('%j is refused', async (args, message) => {
    const [flag, ...rest] = args;
    const r = flag === '--json' ? await crm('--json', 'export', ...rest) : await crm('export', ...args);
    expect(r.code).toBe(args[1] === '/nonexistent/dir/x.json' ? 1 : 2);
    expect(r.stderr).toMatch(message);
  });
});
