import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_ID, listMigrations, openDatabase } from '../../src/store/db.js';
import { openStore } from '../../src/store/index.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const latest = () => listMigrations().at(-1)!.version;

describe('opening the database', () => {
  it('creates the directory 0700 and the file 0600, and applies every migration', () => {
    const path = join(dir, 'new', 'deeper', 'crm.db');
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latest());
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new', 'deeper')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);
  });

  it('applies nothing twice on reopen, and keeps the data', () => {
    const path = join(dir, 'crm.db');
    const s1 = openStore(path);
    s1.write(() => s1.customers.insert(sampleCustomer('王芳'), '2026-03-02'));
    s1.close();
    const s2 = openStore(path);
    expect(s2.customers.count()).toBe(1);
    expect(s2.db.pragma('user_version', { simple: true })).toBe(latest());
    s2.close();
  });

  it('applies only the migrations a database lacks', () => {
    const path = join(dir, 'crm.db');
    const all = listMigrations();
    openDatabase(path, all.slice(0, 1)).close();
    const db = openDatabase(path, all);
    expect(db.pragma('user_version', { simple: true })).toBe(latest());
    db.close();
  });

  it('refuses a database written by a newer crm, without touching it', () => {
    const path = join(dir, 'crm.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${latest() + 1}`);
    db.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(UserError);
    expect(() => openDatabase(path)).toThrow(/written by a newer crm .*upgrade crm/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite, and leaves it as it was', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'my precious notes\n');
    expect(() => openDatabase(path)).toThrow(/is not a crm database \(not an SQLite file\)/);
    expect(readFileSync(path, 'utf8')).toBe('my precious notes\n');
  });

  it('refuses another application\'s SQLite database, and leaves it as it was', () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    other.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/an SQLite database but not a crm one/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports an unwritable location as exit-1 error naming the path', () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    expect(() => openDatabase(join(blocker, 'crm.db'))).toThrow(/cannot create the database .*file\/crm\.db/);
    mkdirSync(join(dir, 'adir'));
    expect(() => openDatabase(join(dir, 'adir'))).toThrow(/is not a file/);
  });
});

describe('the customer repository', () => {
  it.each(['王芳', 'Zoë Ångström', "Robert'); DROP TABLE customers;--", '👩‍💼 Ms. Emoji', 'Anna "Ann" Lee'])(
    'round-trips %j exactly and finds it by prefix in any case',
    (name) => {
      const store = openStore(join(dir, 'crm.db'));
      const id = store.write(() => store.customers.insert(sampleCustomer(name), '2026-03-02'));
      expect(store.customers.get(id)!.name).toBe(name);
      expect(store.customers.findByName(name).exact.map((c) => c.id)).toEqual([id]);
      const prefix = name.slice(0, 2).toUpperCase();
      if (prefix !== name.slice(0, 2)) expect(store.customers.findByName(prefix).prefix.map((c) => c.id)).toContain(id);
      store.close();
    },
  );

  it('keeps tags and special days, and searches and filters by them', () => {
    const store = openStore(join(dir, 'crm.db'));
    const a = store.write(() =>
      store.customers.insert({ ...sampleCustomer('Anna'), tags: ['vip', 'important'], specialDays: [{ day: '06-18', label: 'wedding' }] }, '2026-03-02'),
    );
    store.write(() => store.customers.insert({ ...sampleCustomer('Bob'), company: 'Acme' }, '2026-03-02'));
    expect(store.customers.get(a)!.tags).toEqual(['important', 'vip']);
    expect(store.customers.get(a)!.specialDays).toEqual([{ day: '06-18', label: 'wedding' }]);
    expect(store.customers.list({ tag: 'VIP' }).map((c) => c.name)).toEqual(['Anna']);
    expect(store.customers.list({ search: 'acme' }).map((c) => c.name)).toEqual(['Bob']);
    expect(store.customers.list({ search: 'import' }).map((c) => c.name)).toEqual(['Anna']);
    store.close();
  });
});

function sampleCustomer(name: string) {
  return {
    name, company: null, address: null, phone: null, email: null, birthday: null, role: null, character: null,
    hobbies: null, family: null, channel: null, source: null, credit: null, competitors: null, notes: null,
    referredBy: null, doNotContact: false, tags: [], specialDays: [],
  };
}
