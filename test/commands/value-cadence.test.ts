import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { remindersOf, seedBase, type StoredReminder } from '../support/value-base.js';

let crm: CrmRunner;
let cleanup: () => void;
const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);
const TODAY = '2026-03-02';
const open = (rs: StoredReminder[], rule: string) => rs.filter((r) => r.rule === rule && r.state === 'open');

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { today: TODAY });
  await seedBase(crm);
  await crm('classify');
});
afterEach(() => cleanup());

describe('cadence follows value', () => {
  it('re-plans a customer whose tier changed: only future, not-done follow-ups; done, skipped and snoozed stay', async () => {
    const gina = remindersOf(crm.db, 'Gina');
    expect(open(gina, 'proactive-check-gold').length).toBeGreaterThan(5);
    expect(open(gina, 'holiday-visit').length).toBeGreaterThan(0);
    const card = open(gina, 'monthly-card');
    expect((await crm('done', String(card[0].id))).code).toBe(0);
    expect((await crm('snooze', String(card[1].id), '--to', '2026-04-05')).code).toBe(0);
    expect((await crm('skip', String(open(gina, 'birthday')[0].id), '--reason', 'no cards this year')).code).toBe(0);
    const before = remindersOf(crm.db, 'Gina');
    const sam = remindersOf(crm.db, 'Sam');

    const out = await json('classify', '--set', 'gold-profit=2500');
    expect(out.customers.find((c: { name: string }) => c.name === 'Gina').change).toMatchObject({ tierBefore: 'gold', tierAfter: 'stream' });
    expect(out.replanned).toMatchObject({ customers: 1 });
    expect(out.replanned.removed).toBeGreaterThan(5);
    expect(out.replanned.added).toBeGreaterThan(0);

    const after = remindersOf(crm.db, 'Gina');
    const untouchable = before.filter((r) => r.state !== 'open' || r.due < TODAY);
    expect(untouchable.length).toBeGreaterThan(3);
    for (const r of untouchable) expect(after).toContainEqual(r);
    expect(after.find((r) => r.id === card[1].id)).toMatchObject({ due: '2026-04-05', state: 'open' });
    expect(open(after, 'proactive-check-gold')).toEqual([]);
    expect(open(after, 'holiday-visit')).toEqual([]);
    expect(open(after, 'proactive-check').length).toBeGreaterThan(0);
    expect(open(after, 'proactive-check').every((r) => r.due >= TODAY)).toBe(true);
    expect(remindersOf(crm.db, 'Sam')).toEqual(sam);
  });

  it('plans the holiday visit for a customer who turns gold long after buying', async () => {
    const visits = open(remindersOf(crm.db, 'Gina'), 'holiday-visit').map((r) => r.due);
    expect(visits.sort()).toEqual(['2026-09-18', '2027-01-29']);
  });

  it('gives burden customers no cards and no proactive checks', async () => {
    const bob = remindersOf(crm.db, 'Bob').filter((r) => r.state === 'open');
    expect(bob.filter((r) => r.rule.includes('card') || r.rule === 'birthday' || r.rule.startsWith('proactive'))).toEqual([]);
  });

  it('re-tiers the buyer on add-sale: a first sale makes a new customer with a loyalty survey', async () => {
    await crm('customer', 'add', 'Nora');
    const out = await json('add-sale', '--customer', 'Nora', '--product', 'Widget', '--amount', '100', '--cost', '50');
    expect(out.value).toMatchObject({ tier: 'new', tierBefore: null });
    expect(out.reminders.find((r: { rule: string }) => r.rule === 'loyalty-survey')).toMatchObject({ due: '2026-04-02', action: 'call' });
    const again = await json('add-sale', '--customer', 'Nora', '--product', 'Widget', '--amount', '100', '--cost', '50');
    expect(again.reminders.map((r: { rule: string }) => r.rule)).not.toContain('loyalty-survey');
  });

  it('re-plans on add-sale when the tier changes: a meteor who buys again turns gold', async () => {
    expect(open(remindersOf(crm.db, 'Mia'), 'win-back').map((r) => r.due)).toEqual([TODAY]);
    const r = await crm('add-sale', '--customer', 'Mia', '--product', 'Widget', '--amount', '5000', '--cost', '1000');
    expect(r.stderr).toMatch(/Mia: meteor -> gold; future follow-ups re-planned: \d+ added, \d+ changed, \d+ removed\./);
    const mia = remindersOf(crm.db, 'Mia');
    expect(open(mia, 'win-back')).toEqual([]);
    expect(open(mia, 'holiday-visit').length).toBe(2);
    expect(open(mia, 'proactive-check-gold').length).toBe(12);
  });

  it('moves the win-back call with each new purchase of a meteor', async () => {
    await crm('customer', 'add', 'Max');
    await crm('add-sale', '--customer', 'Max', '--product', 'Widget', '--amount', '900', '--cost', '600', '--date', '2024-01-01');
    expect(open(remindersOf(crm.db, 'Max'), 'win-back').map((r) => r.due)).toEqual([TODAY]);
    const out = await json('add-sale', '--customer', 'Max', '--product', 'Widget', '--amount', '900', '--cost', '600');
    expect(out.value).toMatchObject({ tier: 'meteor', tierBefore: 'meteor', replan: null });
    expect(open(remindersOf(crm.db, 'Max'), 'win-back').map((r) => r.due)).toEqual(['2026-06-01']);
  });

  it('keeps a step caught up today when a tier change re-plans the same day', async () => {
    await crm('customer', 'add', 'Lea');
    await crm('add-sale', '--customer', 'Lea', '--product', 'Widget', '--amount', '900', '--cost', '600', '--date', '2026-02-27');
    const late = open(remindersOf(crm.db, 'Lea'), 'thank-you');
    expect(late).toMatchObject([{ due: TODAY, title: expect.stringContaining('(late: was due 2026-02-27)') }]);
    const out = await json('classify', '--set', 'new-days=1');
    expect(out.customers.find((c: { name: string }) => c.name === 'Lea').tier).toBe('meteor');
    expect(open(remindersOf(crm.db, 'Lea'), 'thank-you')).toEqual(late);
  });

  it('starts a persist series when a dealer\'s strategy becomes persist, and drops it when it ends', async () => {
    const dave = open(remindersOf(crm.db, 'Dave'), 'persist-activity-1').concat(open(remindersOf(crm.db, 'Dave'), 'persist-activity-2'), open(remindersOf(crm.db, 'Dave'), 'persist-activity-3'));
    expect(dave.map((r) => r.due)).toEqual(['2026-03-04', '2026-03-09', '2026-03-13']);
    await crm('classify', '--set', 'type1-volume=30000');
    const after = remindersOf(crm.db, 'Dave').filter((r) => r.rule.startsWith('persist') && r.state === 'open');
    expect(after).toEqual([]);
  });
});
