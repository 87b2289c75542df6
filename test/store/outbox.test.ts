import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { claimIsLive, startRun } from '../../src/mail/claimant.js';
import { tempDir } from '../support/cli.js';

let cleanup: () => void;
let store: Store;
let path: string;
const DAY = '2026-03-02';

function customer(name: string): number {
  return store.customers.insert({
    name, company: null, address: null, phone: null, email: `${name}@example.com`, birthday: null, role: null, character: null,
    hobbies: null, family: null, channel: 'email', source: null, credit: null, competitors: null, notes: null, referredBy: null,
    doNotContact: false, tags: [], specialDays: [],
  }, DAY);
}

function reminder(customerId: number, key: string): number {
  return store.reminders.insertNew([{ customerId, saleId: null, rule: 'thank-you', action: 'note', title: 't', lesson: null, due: DAY, state: 'open', dedupeKey: key, vars: { theme: 'Christmas' } }], DAY)[0].id;
}

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  path = join(t.dir, 'crm.db');
  store = openStore(path);
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('the outbox', () => {
  it('queues one digest per recipient and day', () => {
    expect(store.outbox.queueDigest('boss@example.com', DAY, 's')).toBe(true);
    expect(store.outbox.queueDigest('boss@example.com', DAY, 's')).toBe(false);
    expect(store.outbox.queueDigest('boss@example.com', '2026-03-03', 's')).toBe(true);
    expect(store.outbox.queueDigest('other@example.com', DAY, 's')).toBe(true);
  });

  it('queues a follow-up for an address once, and one mail on its way per customer', () => {
    const c = customer('anna');
    const [r1, r2] = [reminder(c, 'a'), reminder(c, 'b')];
    const mail = (reminderId: number, recipient = 'anna@example.com') => ({ reminderId, customerId: c, recipient, subject: 's' });
    expect(store.outbox.queueCustomer(mail(r1), DAY)).toBe(true);
    expect(store.outbox.queueCustomer(mail(r1), '2026-03-03')).toBe(false);
    expect(store.outbox.queueCustomer(mail(r2), DAY)).toBe(false);
    const [claimed] = store.outbox.claim([store.outbox.forReminder(r1, 'anna@example.com')!.id], 'run', DAY);
    store.outbox.markSent(claimed.id, DAY, '<id@x>');
    // Sent today: the next follow-up waits for tomorrow.
    expect(store.outbox.queueCustomer(mail(r2), DAY)).toBe(false);
    expect(store.outbox.queueCustomer(mail(r2), '2026-03-03')).toBe(true);
    expect(store.outbox.queueCustomer(mail(r1), '2026-03-04')).toBe(false);
  });

  it('lets only one of two overlapping claims take a row', () => {
    store.outbox.queueDigest('boss@example.com', DAY, 's');
    const other = openStore(path);
    const ids = store.outbox.inState('pending').map((m) => m.id);
    const first = store.write(() => store.outbox.claim(ids, 'run-a', DAY));
    const second = other.write(() => other.outbox.claim(ids, 'run-b', DAY));
    other.close();
    expect(first.map((m) => [m.state, m.claimedBy])).toEqual([['sending', 'run-a']]);
    expect(second).toEqual([]);
  });

  it('records attempts and errors, gives up on request, and settles a mail of unknown outcome', () => {
    store.outbox.queueDigest('boss@example.com', DAY, 's');
    const id = store.outbox.inState('pending')[0].id;
    store.outbox.claim([id], 'run', DAY);
    store.outbox.markNotSent(id, '451 try later', { tried: true, giveUp: false });
    expect(store.outbox.get(id)).toMatchObject({ state: 'pending', attempts: 1, lastError: '451 try later', claimedBy: null });
    store.outbox.claim([id], 'run', DAY);
    store.outbox.markUnknown(id, 'Connection closed unexpectedly');
    expect(store.outbox.get(id)).toMatchObject({ state: 'sending', attempts: 2, claimedBy: 'run' });
    expect(store.outbox.resolveUnknown(id, 'forget', DAY)).toBe(true);
    expect(store.outbox.get(id)).toMatchObject({ state: 'failed', lastError: `outcome unknown; left as it was on ${DAY}` });
    expect(store.outbox.resolveUnknown(id, 'retry', DAY)).toBe(false);
  });

  it("replaces an earlier day's pending digest with today's", () => {
    store.outbox.queueDigest('boss@example.com', '2026-03-01', 'old');
    store.outbox.queueDigest('boss@example.com', DAY, 'new');
    expect(store.outbox.supersedeDigests('boss@example.com', DAY)).toBe(1);
    expect(store.outbox.inState('pending').map((m) => m.subject)).toEqual(['new']);
    expect(store.outbox.supersedeDigests(null, DAY)).toBe(1);
    expect(store.outbox.inState('pending')).toEqual([]);
  });

  it("replaces an earlier day's digest of unknown outcome, but not today's", () => {
    for (const day of ['2026-03-01', DAY]) {
      store.outbox.queueDigest('boss@example.com', day, day);
      const [m] = store.outbox.claim([store.outbox.digestFor('boss@example.com', day)!.id], 'gone', day);
      store.outbox.markUnknown(m.id, 'Connection closed unexpectedly');
    }
    expect(store.outbox.supersedeDigests('boss@example.com', DAY)).toBe(1);
    expect(store.outbox.inState('sending').map((m) => m.day)).toEqual([DAY]);
    expect(store.outbox.digestFor('boss@example.com', '2026-03-01')).toMatchObject({
      state: 'failed', lastError: `Connection closed unexpectedly; replaced by the digest of ${DAY}`,
    });
  });

  it('keeps the values a follow-up title was rendered with', () => {
    const r = reminder(customer('bob'), 'k');
    expect(store.reminders.templateVars(r)).toEqual({ theme: 'Christmas' });
  });
});

describe('whether the run that claimed a mail may still be sending it', () => {
  const run = startRun();
  const ended = startRun();
  ended.end();
  it.each([
    ['this run, today', run.id, DAY, true],
    ['an ended run of this process', ended.id, DAY, false],
    ['this run, claimed on an earlier day', run.id, '2026-03-01', false],
    ['a live process on this host (pid 1)', `${hostname()}/1/x`, DAY, true],
    ['a process that is gone', `${hostname()}/2147483646/x`, DAY, false],
    ['another host, today', 'elsewhere.example/42/x', DAY, true],
    ['another host, an earlier day', 'elsewhere.example/42/x', '2026-03-01', false],
    ['nobody', null, null, false],
  ])('%s: %s', (_what, claimedBy, claimedOn, live) => expect(claimIsLive(claimedBy, claimedOn, DAY)).toBe(live));
});
