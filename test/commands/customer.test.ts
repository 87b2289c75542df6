import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmIn, expectRefused, tempDir, type CrmRunner } from '../support/cli.js';

let crm: CrmRunner;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir);
});
afterEach(() => cleanup());

describe('crm customer', () => {
  it('adds a customer with every field and shows the whole file', async () => {
    await crm('customer', 'add', '李明');
    const add = await crm(
      'customer', 'add', '王芳', '--company', '华星贸易', '--phone', '+86 138 0013 8000', '--email', 'wang@example.cn',
      '--birthday', '03-15', '--special', '05-20 结婚纪念日', '--special', '10-01 公司周年', '--role', 'owner',
      '--channel', 'WeChat', '--referred-by', '李明', '--tag', 'important,VIP', '--notes', '喜欢喝茶', '--hobbies', '登山',
    );
    expect(add).toMatchObject({ code: 0, stdout: 'Added customer 2: 王芳\n' });
    const show = await crm('customer', 'show', '王');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('王芳  (id 2)');
    expect(show.stdout).toContain('Referred by  李明 (id 1)');
    expect(show.stdout).toContain('Special day  05-20 结婚纪念日');
    expect(show.stdout).toMatch(/Tags\s+important, vip/);
    for (const s of ['Sales', 'Contacts', 'Complaints', 'Next follow-ups']) expect(show.stdout).toContain(s);
    const json = JSON.parse((await crm('--json', 'customer', 'show', '2')).stdout);
    expect(json.customer).toMatchObject({ id: 2, name: '王芳', channel: 'wechat', referredBy: 1, birthday: '03-15' });
    expect(json.customer.specialDays).toHaveLength(2);
    expect(json).toMatchObject({ needsRefresh: false, sales: [], contacts: [], complaints: [], followUps: [] });
  });

  it('lists as tab-separated rows when piped, and as JSON', async () => {
    await crm('customer', 'add', 'Zoë Ångström', '--tag', 'vip');
    await crm('customer', 'add', 'Bob');
    const list = await crm('customer', 'list');
    expect(list.stdout.split('\n')[0]).toBe('id\tname\tcompany\tphone\temail\tchannel\ttags');
    expect(list.stdout).not.toMatch(/\x1b\[/);
    expect((await crm('customer', 'list', '--tag', 'vip')).stdout).not.toContain('Bob');
    const arr = JSON.parse((await crm('customer', 'list', '--json')).stdout);
    expect(arr.map((c: { name: string }) => c.name)).toEqual(['Bob', 'Zoë Ångström']);
  });

  it('aligns CJK names in a terminal table', async () => {
    const tty = crmIn(crm.dir, { tty: true });
    await tty('customer', 'add', '王芳');
    await tty('customer', 'add', 'Bob');
    const lines = (await tty('--no-color', 'customer', 'list')).stdout.trimEnd().split('\n');
    const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(new Set(lines.map(width)).size).toBe(1);
  });

  it('edits fields, clears with "", adds and removes tags, and refreshes updated_on', async () => {
    const old = crmIn(crm.dir, { today: '2025-01-01' });
    await old('customer', 'add', 'Anna', '--phone', '555 0100', '--tag', 'a,b');
    expect((await crm('customer', 'show', 'anna')).stdout).toContain('needs refresh: not updated since 2025-01-01');
    const edit = await crm('customer', 'edit', 'Anna', '--phone', '', '--email', 'anna@example.de', '--untag', 'a', '--tag', 'c', '--do-not-contact');
    expect(edit.code).toBe(0);
    const { customer, needsRefresh } = JSON.parse((await crm('--json', 'customer', 'show', 'Anna')).stdout);
    expect(customer).toMatchObject({ phone: null, email: 'anna@example.de', tags: ['b', 'c'], doNotContact: true, updatedOn: '2026-03-02' });
    expect(needsRefresh).toBe(false);
  });

  it('skips the open follow-ups of a customer who asks not to be contacted, keeping them in the history', async () => {
    await crm('customer', 'add', 'Emma');
    await crm('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '89');
    const r = await crm('customer', 'edit', 'Emma', '--do-not-contact');
    expect(r.stderr).toMatch(/^\d+ open follow-up\(s\) of Emma skipped: do not contact\.\n$/);
    const agenda = JSON.parse((await crm('--json', 'today', '--days', '400')).stdout);
    expect([...agenda.due, ...agenda.upcoming]).toEqual([]);
    const { followUps } = JSON.parse((await crm('--json', 'customer', 'show', 'Emma')).stdout);
    expect(followUps).toEqual([]);
  });

  it('names the matches of an ambiguous customer and exits 2', async () => {
    await crm('customer', 'add', 'Wang Fang');
    await crm('customer', 'add', 'Wang Lei');
    const r = await crm('customer', 'show', 'wang');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('crm: customer: "wang" matches several customers: 1 Wang Fang; 2 Wang Lei; give the id instead\n');
  });

  it.each([
    [['customer', 'add', 'X', '--email', 'not-an-email'], /^crm: --email must be an address like name@example.com \(got "not-an-email"\)\n$/],
    [['customer', 'add', 'X', '--birthday', '2026-02-30'], /^crm: --birthday must be a day like 03-15/],
    [['customer', 'add', 'X', '--channel', 'pigeon'], /^crm: --channel must be one of phone, email/],
    [['customer', 'add', 'X', '--referred-by', 'nobody'], /^crm: --referred-by: no customer named "nobody"/],
    [['customer', 'add', 'X', '--frobnicate'], /^crm: unknown option '--frobnicate'/],
    [['customer', 'show', '99'], /^crm: customer: no customer with id 99/],
    [['customer', 'edit', 'nobody', '--phone', '1234'], /^crm: customer: no customer named "nobody"/],
    [['--today', 'tomorrow-ish', 'customer', 'list'], /^crm: --today must be a real date like 2026-03-02/],
  ])('bad input %j exits 2 with one line and changes nothing', async (args, message) => {
    await crm('customer', 'add', 'Existing');
    await expectRefused(crm, args, message);
  });
});
