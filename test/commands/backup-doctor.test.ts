import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alterDb, crmIn, tempDir, type CrmRunner } from '../support/cli.js';

let crm: CrmRunner;
let dir: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir);
  const earlier = crmIn(dir, { today: '2026-02-20' });
  await earlier('customer', 'add', '王芳', '--phone', '+86 138 0013 8000');
  await earlier('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '3999');
});
afterEach(() => cleanup());

describe('crm backup', () => {
  it('copies what is committed while another connection is in the middle of a write', async () => {
    const other = new Database(crm.db);
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO customers (name, name_fold, created_on, updated_on) VALUES ('Uncommitted', 'uncommitted', '2026-03-02', '2026-03-02')").run();
    const r = await crm('backup', join(dir, 'copy.db'));
    other.exec('COMMIT');
    other.close();
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Backed up .*crm\.db to .*copy\.db: 1 customers, 1 sales, \d+ follow-ups, \d+ KB, checked\.\n/);
    expect(statSync(join(dir, 'copy.db')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'copy.db-wal'))).toBe(false);
    const copy = crmIn(dir, {});
    const list = await copy('--db', join(dir, 'copy.db'), '--json', 'customer', 'list');
    expect(JSON.parse(list.stdout).map((c: { name: string }) => c.name)).toEqual(['王芳']);
    expect(JSON.parse((await crm('--json', 'customer', 'list')).stdout)).toHaveLength(2);
  });

  it('keeps the copy and its journal unreadable by others while it is being made', async () => {
    alterDb(crm.db, 'CREATE TABLE padding (x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800) INSERT INTO padding SELECT randomblob(4000) FROM n');
    const old = process.umask(0o022);
    const tmp = `${join(dir, 'big.db')}.${process.pid}.tmp`;
    const seen = new Map<string, number>();
    let watching = true;
    const watch = () => {
      for (const f of [tmp, `${tmp}-journal`]) if (existsSync(f)) seen.set(f, (seen.get(f) ?? 0) | (statSync(f).mode & 0o777));
      if (watching) setImmediate(watch);
    };
    try {
      watch();
      const r = await crm('backup', join(dir, 'big.db'));
      expect(r.code).toBe(0);
    } finally {
      watching = false;
      process.umask(old);
    }
    expect(seen.get(tmp)).toBe(0o600);
    expect(seen.get(`${tmp}-journal`)).toBe(0o600);
    expect(statSync(join(dir, 'big.db')).mode & 0o777).toBe(0o600);
    expect(existsSync(tmp)).toBe(false);
  });

  it('refuses to overwrite unless --force, to copy onto itself, or to copy nothing', async () => {
    writeFileSync(join(dir, 'old.db'), 'keep');
    expect((await crm('backup', join(dir, 'old.db'))).stderr).toMatch(/^crm: .*old\.db already exists; choose another name, or pass --force to replace it\n$/);
    expect(readFileSync(join(dir, 'old.db'), 'utf8')).toBe('keep');
    expect((await crm('backup', join(dir, 'old.db'), '--force')).code).toBe(0);
    expect((await crm('backup', crm.db)).stderr).toMatch(/is the database itself/);
    expect((await crm('backup', join(dir, 'no', 'such', 'x.db'))).stderr).toMatch(/no such directory/);
    const empty = crmIn(join(dir, 'empty'));
    expect((await empty('backup', join(dir, 'e.db'))).stderr).toMatch(/^crm: there is no database at .* to back up/);
    expect(existsSync(empty.db)).toBe(false);
  });

  it('refuses to replace the database through a symlink to it, even with --force', async () => {
    symlinkSync(crm.db, join(dir, 'link.db'));
    const before = readFileSync(crm.db);
    const viaLink = await crm('--db', join(dir, 'link.db'), 'backup', crm.db, '--force');
    expect(viaLink).toMatchObject({ code: 2, stdout: '' });
    expect(viaLink.stderr).toMatch(/^crm: .*crm\.db is the database itself; name another file for the backup\n$/);
    const toLink = await crm('backup', join(dir, 'link.db'), '--force');
    expect(toLink.code).toBe(2);
    expect(toLink.stderr).toMatch(/is the database itself/);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it('refuses a directory as the backup, even with --force, and leaves no temporary copy', async () => {
    mkdirSync(join(dir, 'd'));
    const r = await crm('backup', join(dir, 'd'), '--force');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`crm: ${join(dir, 'd')} is a directory; name a file in it, e.g. ${join(dir, 'd', 'crm-backup.db')}\n`);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(readdirSync(join(dir, 'd'))).toEqual([]);
  });

  it('names the cause when the database cannot be copied: a newer crm, a foreign file, a damaged file', async () => {
    alterDb(crm.db, 'PRAGMA user_version = 99');
    const newer = await crm('backup', join(dir, 'b.db'));
    expect(newer).toMatchObject({ code: 1, stdout: '', stderr: `crm: ${crm.db} was written by a newer crm (schema 99, this crm knows 6); upgrade crm to use it\n` });
    writeFileSync(join(dir, 'notes.db'), 'hello');
    const foreign = await crm('--db', join(dir, 'notes.db'), 'backup', join(dir, 'b.db'));
    expect(foreign.stderr).toMatch(/^crm: .*notes\.db is not a crm database/);
    expect(foreign.stderr).not.toMatch(/free space/);
    const damaged = crmIn(join(dir, 'damaged'));
    await damaged('customer', 'add', 'Bob');
    const bytes = readFileSync(damaged.db);
    bytes.fill(0xee, 100, 4096);
    writeFileSync(damaged.db, bytes);
    const r = await damaged('backup', join(dir, 'b.db'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^crm: .*crm\.db.*(malformed|damaged)/);
    expect(r.stderr).not.toMatch(/free space/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('speaks Chinese with --lang zh', async () => {
    const r = await crm('--lang', 'zh', 'backup', join(dir, 'b.db'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^已将 .*crm\.db 备份到 .*b\.db：1 位客户、1 笔成交、\d+ 项跟进，\d+ KB，已校验。\n恢复方法：/);
    expect((await crm('--lang', 'zh', 'backup', join(dir, 'b.db'))).stderr).toBe(`crm: ${join(dir, 'b.db')} 已存在；请换一个名字，或加 --force 覆盖\n`);
  });

  it('reports in JSON', async () => {
    const report = JSON.parse((await crm('--json', 'backup', join(dir, 'b.db'))).stdout);
    expect(report).toMatchObject({ file: join(dir, 'b.db'), customers: 1, sales: 1 });
  });
});

describe('crm doctor', () => {
  it('passes a healthy database and says how much is overdue', async () => {
    const r = await crm('doctor');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK {4}database {4}.*crm\.db, \d+ KB, schema version \d+ \(this crm knows \d+\), journal wal\n/);
    expect(r.stdout).toContain('OK    integrity   ok\n');
    expect(r.stdout).toContain('OK    references  no orphaned rows\n');
    expect(r.stdout).toContain('OK    permissions only you can read the database\n');
    expect(r.stdout).toMatch(/OK {4}follow-ups {2}1 customers, 1 sales; 4 follow-ups overdue \(oldest due 2026-02-20; see crm today\), 1 due in the next 7 days\n/);
    expect(r.stdout).toContain('OK    mail        not configured');
  });

  it('shows the mail settings with the password masked', async () => {
    const withMail = crmIn(dir, { env: { CRM_SMTP_URL: 'smtp://me:s3cret@mail.example.com:587', CRM_MAIL_FROM: 'crm@example.com', CRM_MAIL_TO: 'me@example.com' } });
    const r = await withMail('doctor');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK    mail        CRM_SMTP_URL=smtp://me:***@mail.example.com:587, CRM_MAIL_FROM=crm@example.com, CRM_MAIL_TO=me@example.com\n');
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    const bad = crmIn(dir, { env: { CRM_SMTP_URL: 'http://me:s3cret@x' } });
    const b = await bad('--json', 'doctor');
    expect(b.code).toBe(1);
    expect(JSON.parse(b.stdout).checks.at(-1)).toMatchObject({ name: 'mail', status: 'fail', fix: expect.stringMatching(/^CRM_SMTP_URL must look like smtp:/) });
    expect(b.stdout).not.toContain('s3cret');
  });

  it('fails a database others can read, with the chmod that fixes it', async () => {
    chmodSync(crm.db, 0o644);
    const r = await crm('doctor');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL  permissions ${crm.db} can be read by other users (mode 644)\n                  fix: chmod 600 ${crm.db}\n`);
    expect(r.stderr).toBe('crm: doctor found 1 problem (permissions); the fix is under each\n');
    chmodSync(crm.db, 0o600);
    expect((await crm('doctor')).code).toBe(0);
  });

  it('finds orphaned rows and gives the statement that removes them', async () => {
    const raw = new Database(crm.db);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO reminders (customer_id, rule, action, title, due, dedupe_key, created_on) VALUES (99, 'x', 'call', 't', '2026-03-01', 'orphan', '2026-03-01')").run();
    raw.prepare("INSERT INTO contacts (customer_id, reminder_id, date, kind) VALUES (1, 999, '2026-03-01', 'log')").run();
    raw.close();
    const r = await crm('--json', 'doctor');
    expect(r.code).toBe(1);
    const check = JSON.parse(r.stdout).checks.find((c: { name: string }) => c.name === 'references');
    expect(check.status).toBe('fail');
    expect(check.detail).toBe('1 reminders row point at missing customers (customer_id); 1 contacts row point at missing reminders (reminder_id)');
    const fix = new Database(crm.db);
    for (const sql of [...check.fix.matchAll(/sqlite3 \S+ "([^"]+)"/g)].map((m) => m[1])) fix.exec(sql);
    fix.close();
    expect((await crm('doctor')).code).toBe(0);
    expect(JSON.parse((await crm('--json', 'customer', 'show', '王芳')).stdout).contacts).toHaveLength(1);
  });

  it('fails a damaged file, a foreign file and a missing file, and creates none', async () => {
    const big = crmIn(join(dir, 'big'));
    for (let i = 0; i < 300; i++) await big('customer', 'add', `Customer ${i}`, '--notes', 'x'.repeat(200));
    const bytes = readFileSync(big.db);
    bytes.fill(0xee, 4096 * 10, 4096 * 12);
    writeFileSync(big.db, bytes);
    const damaged = await big('doctor');
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/FAIL {2}integrity {3}.+\n {18}fix: the file is damaged/);

    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const foreign = await crm('--db', join(dir, 'notes.txt'), 'doctor');
    expect(foreign.code).toBe(1);
    expect(foreign.stdout).toMatch(/^FAIL {2}database {4}.*notes\.txt is not a crm database/);

    const missing = await crm('--db', join(dir, 'none.db'), 'doctor');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^FAIL {2}database {4}no database at .*none\.db\n {18}fix: crm creates it on first use/);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });

  it('names the exports that still read through a file whose follow-ups are damaged, and they work', async () => {
    const big = crmIn(join(dir, 'big'));
    for (let i = 0; i < 40; i++) {
      await big('customer', 'add', `Customer ${i}`);
      await big('add-sale', '--customer', `Customer ${i}`, '--product', 'X3', '--amount', '3999', '--date', '2026-02-20');
    }
    const raw = new Database(big.db);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const { rootpage } = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'reminders'").get() as { rootpage: number };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(big.db);
    bytes.fill(0xee, (rootpage - 1) * pageSize, rootpage * pageSize);
    writeFileSync(big.db, bytes);
    const r = await big('doctor');
    expect(r.code).toBe(1);
    const rescue = [`crm export --format csv --what customers --out customers.csv`, `crm export --format csv --what sales --out sales.csv`];
    expect(r.stdout).toContain(`fix: the file is damaged: use your latest crm backup (crm --db BACKUP), or export what can still be read (${rescue.join('; ')}) and import it into a new --db\n`);
    expect((await big('export', '--out', join(dir, 'rescue.json'))).code).toBe(1);
    expect((await big('export', '--format', 'csv', '--what', 'customers', '--out', join(dir, 'customers.csv'))).code).toBe(0);
    expect((await big('export', '--format', 'csv', '--what', 'sales', '--out', join(dir, 'sales.csv'))).code).toBe(0);
  });

  it('reports in Chinese with --lang zh, columns aligned, while --json keeps the names and statuses scripts match on', async () => {
    chmodSync(crm.db, 0o644);
    const r = await crm('--lang', 'zh', 'doctor');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^正常  数据库      .*crm\.db，\d+ KB，结构版本 \d+（本 crm 支持到 \d+），日志模式 wal\n/);
    expect(r.stdout).toContain('正常  完整性      ok\n正常  引用        没有孤立记录\n');
    expect(r.stdout).toContain(`失败  权限        其他用户可以读取 ${crm.db}（权限 644）\n                  解决办法：chmod 600 ${crm.db}\n`);
    expect(r.stdout).toContain('正常  跟进        1 位客户，1 笔成交；4 项跟进已逾期（最早的应在 2026-02-20 完成；见 crm today），未来 7 天内到期 1 项\n');
    expect(r.stdout).toContain('正常  邮件        未配置；crm remind --email 需要 CRM_SMTP_URL、CRM_MAIL_FROM 和 CRM_MAIL_TO\n');
    expect(r.stderr).toBe('crm: doctor 发现 1 个问题（权限）；解决办法写在问题下面\n');
    const report = async (lang: string) => JSON.parse((await crm('--lang', lang, '--json', 'doctor')).stdout) as { ok: boolean; checks: { name: string; status: string }[] };
    const [en, zh] = [await report('en'), await report('zh')];
    expect(zh.ok).toBe(false);
    expect(zh.checks.map((c) => [c.name, c.status])).toEqual(en.checks.map((c) => [c.name, c.status]));
    chmodSync(crm.db, 0o600);
    expect((await crm('--lang', 'zh', 'doctor', '--help')).stdout).toContain('\n示例：\n  $ crm doctor\n');
  });
});
