/** `crm complaint` without a terminal: every question answered by a flag, or exit 2 and nothing written. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { complaintReminderDone } from '../../src/commands/complaint-hooks.js';
import { whenOf } from '../../src/commands/complaint-record.js';
import { crmIn, expectRefused, tempDir, type CrmRunner } from '../support/cli.js';

let crm: CrmRunner;
let cleanup: () => void;
beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { now: new Date(2026, 2, 2, 9, 30) });
  await crm('customer', 'add', '王芳');
});
afterEach(() => cleanup());

const LISTEN = ['--customer', '王芳', '--words', '买了两天就坏了\n开不了机', '--channel', 'phone', '--severity', '4', '--understood', 'yes', '--wants', '换新'];
const on = (today: string) => crmIn(crm.dir, { today, now: new Date(2026, 2, 2, 16, 0) });

function reminders() {
  const db = new Database(crm.db, { readonly: true });
  try {
    return db.prepare('SELECT id, due, rule, action, title, lesson, state, reason, dedupe_key AS key, sale_id AS saleId FROM reminders ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('crm complaint, with flags', () => {
  it('opens with the Listen flags, keeps the words verbatim, and says how to go on', async () => {
    const r = await crm('complaint', 'open', ...LISTEN);
    expect(r).toMatchObject({ code: 0, stdout: 'Complaint #1 (王芳): at Analyse\n' });
    expect(r.stderr).toContain('crm complaint step 1 analyse --cause CAUSE --reasonable yes|no --our-fault yes|no');
    const { complaint, timeline } = JSON.parse((await crm('--json', 'complaint', 'show', '1')).stdout);
    expect(complaint).toMatchObject({ id: 1, step: 'analyse', words: '买了两天就坏了\n开不了机', severity: 4, customer: { id: 1, name: '王芳' } });
    expect(timeline[0]).toEqual({ at: '2026-03-02 09:30', step: 'listen', field: 'opened', value: { customerId: 1 } });
    expect(timeline.at(-1)).toEqual({ at: '2026-03-02 09:30', step: 'analyse', field: 'step', value: 'analyse' });
  });

  it('walks all five steps by flags: promise, confirmation calls, back to Resolve, review, close', async () => {
    await crm('complaint', 'open', ...LISTEN, '--cause', 'product', '--reasonable', 'yes', '--our-fault', 'yes');
    const promised = await crm('complaint', 'step', '1', 'resolve', '--idea', '换新', '--solution', '换新机', '--solution', '维修', '--accepted', '1', '--promise', '2026-03-04 15:00');
    expect(promised.code).toBe(0);
    expect(reminders()).toEqual([
      expect.objectContaining({ due: '2026-03-04', rule: 'complaint-promise', action: 'call', lesson: '#322', state: 'open', key: 'k1:promise:1', saleId: null, title: 'Complaint #1: answer promised by 2026-03-04 15:00 — call back with the result' }),
    ]);
    expect(JSON.parse((await crm('--json', 'customer', 'show', '王芳')).stdout).complaints).toEqual([
      expect.objectContaining({ id: 1, step: 'resolve', promisedBy: '2026-03-04 15:00' }),
    ]);

    expect((await on('2026-03-04')('complaint', 'step', '1', 'resolve', '--resolved', '--gesture', '500元代金券')).code).toBe(0);
    expect(reminders().map((r) => [r.key, r.due, r.state, r.reason])).toEqual([
      ['k1:promise:1', '2026-03-04', 'done', 'answered: resolved'],
      ['k1:confirm:1', '2026-03-06', 'open', null],
      ['k1:confirm:2', '2026-03-11', 'open', null],
    ]);

    const unhappy = await on('2026-03-06')('complaint', 'step', '1', 'confirm', '--satisfied', 'no', '--note', '还是有异响');
    expect(unhappy).toMatchObject({ code: 0, stdout: 'Complaint #1 (王芳): at Resolve\n' });
    expect(reminders().slice(1).map((r) => [r.key, r.state, r.reason])).toEqual([
      ['k1:confirm:1', 'done', 'not satisfied'],
      ['k1:confirm:2', 'skipped', 'not satisfied: back to Resolve'],
    ]);

    await on('2026-03-06')('complaint', 'step', '1', 'resolve', '--idea', '退货', '--solution', '全额退款', '--accepted', '1', '--resolved', '--confirm-days', '1');
    expect(reminders().at(-1)).toMatchObject({ key: 'k1:confirm:3', due: '2026-03-07', state: 'open' });
    await on('2026-03-07')('complaint', 'step', '1', 'confirm', '--satisfied', 'yes');

    const early = await on('2026-03-07')('complaint', 'close', '1');
    expect(early).toMatchObject({ code: 2, stderr: 'crm: complaint #1: it can be closed only after Review; it still needs --root-cause TEXT, --lesson TEXT, --prevention TEXT\n' });
    await on('2026-03-07')('complaint', 'step', '1', 'review', '--root-cause', '电源板批次', '--lesson', '到货先抽检', '--prevention', '每批抽检5台');
    expect(await on('2026-03-07')('complaint', 'close', '1')).toMatchObject({ code: 0, stdout: 'Complaint #1 (王芳): closed\n' });

    const { complaint, timeline } = JSON.parse((await crm('--json', 'complaint', 'show', '1')).stdout);
    expect(complaint).toMatchObject({ step: 'closed', round: 2, solutions: [{ rank: 1, text: '全额退款', state: 'accepted' }] });
    // Append-only: the refused first round is still in the log.
    expect(timeline.filter((e: { field: string }) => e.field === 'solution').map((e: { value: string }) => e.value)).toEqual(['换新机', '维修', '全额退款']);
    expect(timeline.filter((e: { field: string }) => e.field === 'step').map((e: { value: string }) => e.value)).toEqual([
      'analyse', 'resolve', 'confirm', 'resolve', 'confirm', 'review', 'closed',
    ]);
    // Settled at 16:00 on the day an answer was promised by 15:00: a broken promise.
    const report = JSON.parse((await on('2026-03-08')('--json', 'complaint', 'report')).stdout);
    expect(report).toMatchObject({ complaints: 1, byStep: { closed: 1 }, promises: { made: 1, kept: 0, broken: 1 } });
  });

  it('keeps the log append-only in the database itself', async () => {
    await crm('complaint', 'open', ...LISTEN);
    const db = new Database(crm.db);
    expect(() => db.prepare("UPDATE complaint_log SET value = '\"x\"'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM complaint_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('warns about a phrase never to say (#307) on stderr, and saves the answer', async () => {
    await crm('complaint', 'open', ...LISTEN, '--cause', 'misuse', '--reasonable', 'no', '--our-fault', 'no', '--finding', '说明书写了，你自己照着上面做');
    const r = await crm('complaint', 'step', '1', 'resolve', '--idea', '退货', '--solution', '没办法，只能维修', '--accepted', 'none', '--promise', '2026-03-03');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: "没办法" is a phrase to avoid with customers (#307)');
    const { complaint } = JSON.parse((await crm('--json', 'complaint', 'show', '1')).stdout);
    expect(complaint.solutions[0]).toEqual({ rank: 1, text: '没办法，只能维修', state: 'refused' });
  });

  it.each([
    [['complaint', 'open'], /^crm: complaint open: there is no terminal to ask on, so give --customer C, --words TEXT, --channel CHANNEL, --severity 1-5, --understood yes\|no, --wants TEXT \(see crm complaint open --help\)\n$/],
    [['complaint', 'open', '--customer', '王芳', '--words', 'x'], /^crm: complaint open: there is no terminal to ask on, so give --channel CHANNEL, --severity 1-5, --understood yes\|no, --wants TEXT/],
    [['complaint', 'open', ...LISTEN.slice(0, -2)], /give --wants TEXT/],
    [['complaint', 'open', ...LISTEN, '--cause', 'product'], /give --reasonable yes\|no, --our-fault yes\|no/],
    [['complaint', 'open', ...LISTEN, '--severity', '9'], /^crm: --severity must be how upset the customer is, from 1 \(calm\) to 5 \(furious\) \(got "9"\)\n$/],
    [['complaint', 'open', ...LISTEN, '--channel', 'pigeon'], /^crm: --channel must be one of phone, email, wechat/],
    [['complaint', 'open', ...LISTEN, '--customer', 'nobody'], /^crm: --customer: no customer named "nobody"/],
    [['complaint', 'open', ...LISTEN, '--cause', 'weather', '--reasonable', 'yes', '--our-fault', 'no'], /^crm: --cause must be one of product, misuse, service, expectations, misunderstanding, other/],
    [['complaint', 'open', ...LISTEN, '--promise', 'friday'], /^crm: --promise must be a date like 2026-03-04/],
    [['complaint', 'open', ...LISTEN, '--words', '   '], /^crm: --words must be some text/],
    [['complaint', 'resume', '1'], /^crm: complaint resume asks questions and there is no terminal to ask on; record it with crm complaint step 1 analyse --cause CAUSE/],
    [['complaint', 'step', '1', 'analyse'], /^crm: complaint step 1 analyse: there is no terminal to ask on, so give --cause <cause>, --finding <text>/],
    [['complaint', 'step', '1', 'review', '--lesson', 'x'], /^crm: complaint #1: --lesson TEXT belongs to Review, but the complaint is at Analyse; it still needs --cause CAUSE/],
    [['complaint', 'step', '1', 'resolve', '--resolved', '--promise', '2026-03-09'], /^crm: --promise and --resolved contradict each other/],
    [['complaint', 'open', ...LISTEN, '--promise', '2026-03-01'], /^crm: --promise must be today \(2026-03-02\) or later \(got "2026-03-01"\)\n$/],
    [['complaint', 'step', '1', 'pondering'], /^crm: step must be one of listen, analyse, resolve, confirm, review/],
    [['complaint', 'step', '9', 'listen', '--severity', '2'], /^crm: complaint: no complaint with id 9; see crm complaint list\n$/],
    [['complaint', 'show', 'x'], /^crm: complaint id must be a whole number/],
    [['complaint', 'close', '1'], /^crm: complaint #1: it can be closed only after Review; it is at Analyse/],
    [['complaint', 'report', '--from', '2026-03-09', '--to', '2026-03-01'], /^crm: --from must be on or before --to/],
  ])('%j exits 2 with one line and changes nothing', async (args, message) => {
    await crm('complaint', 'open', ...LISTEN);
    await expectRefused(crm, args, message);
  });

  it('lists open complaints for the agenda and the list, with the promised time', async () => {
    await crm('customer', 'add', 'Anna');
    await crm('complaint', 'open', ...LISTEN, '--cause', 'service', '--reasonable', 'yes', '--our-fault', 'yes', '--idea', 'x', '--solution', 'y', '--accepted', '1', '--promise', '2026-03-03 10:00');
    await crm('complaint', 'open', ...LISTEN.slice(2), '--customer', 'Anna');
    const store = openStore(crm.db);
    expect(store.complaints.openForAgenda()).toEqual([
      { id: 1, customer: { id: 1, name: '王芳' }, step: 'resolve', promisedBy: '2026-03-03 10:00' },
      { id: 2, customer: { id: 2, name: 'Anna' }, step: 'analyse', promisedBy: null },
    ]);
    store.close();
    const list = await crm('complaint', 'list', '--open');
    expect(list.stdout.split('\n').slice(0, 2)).toEqual([
      'id\topened\tcustomer\tstep\tseverity\tcause\tanswer promised by\twords',
      '1\t2026-03-02\t王芳\tresolve\t4\tservice\t2026-03-03 10:00\t买了两天就坏了',
    ]);
    expect((await crm('customer', 'show', 'Anna')).stdout).toMatch(/Complaints\nid\topened\tstep\tcause\tanswer promised by\twords\n2\t2026-03-02\tanalyse\t\t\t买了两天就坏了/);
  });

  it('records a confirmation call done from the agenda (crm done) through the hook', async () => {
    await crm('complaint', 'open', ...LISTEN, '--cause', 'product', '--reasonable', 'yes', '--our-fault', 'yes', '--idea', 'x', '--solution', 'y', '--accepted', '1', '--resolved');
    const store = openStore(crm.db);
    const [first, second] = store.reminders.forCustomer(1).filter((r) => r.rule === 'complaint-confirm');
    expect(store.write(() => complaintReminderDone(store, second.id, '2026-03-09', true))).toBe(
      'Complaint #1: customer satisfied; now at Review (record the lesson: crm complaint resume 1)',
    );
    expect(store.reminders.get(second.id)).toMatchObject({ state: 'done', reason: 'satisfied' });
    expect(store.reminders.get(first.id)!.state).toBe('open');
    expect(complaintReminderDone(store, first.id, '2026-03-10', false)).toBe(
      'Complaint #1: not satisfied, back to Resolve; find a better solution with crm complaint resume 1',
    );
    expect(store.complaints.get(1)).toMatchObject({ step: 'resolve', round: 2 });
    expect(store.complaints.log(1).at(-2)).toEqual({ at: '2026-03-10', step: 'confirm', field: 'satisfied', value: false });
    expect(() => complaintReminderDone(store, 999, '2026-03-10', true)).toThrow('reminder 999 is not a complaint confirmation call');
    store.close();
  });

  it('stamps answers with the tool\'s day and the clock\'s time, or the day alone without a clock', () => {
    expect(whenOf({ today: '2026-03-02', now: '2026-07-19T14:05:59' })).toEqual({ today: '2026-03-02', at: '2026-03-02 14:05' });
    expect(whenOf({ today: '2026-03-02' })).toEqual({ today: '2026-03-02', at: '2026-03-02' });
  });
});

describe('crm done on a complaint confirmation call', () => {
  it('moves the complaint on when satisfied, and back to Resolve with --not-satisfied', async () => {
    await crm('complaint', 'open', ...LISTEN, '--cause', 'product', '--reasonable', 'yes', '--our-fault', 'yes');
    await crm('complaint', 'step', '1', 'resolve', '--idea', '换新', '--solution', '换新机', '--accepted', '1', '--resolved');
    const calls = reminders().filter((r) => r.rule === 'complaint-confirm');
    expect(calls).toHaveLength(2);
    const bad = await crm('done', String(calls[0].id), '--satisfied', '--not-satisfied');
    expect(bad.code).toBe(2);
    const r = await crm('done', String(calls[0].id), '--not-satisfied', '--note', '还是充不进电');
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Complaint #1: not satisfied, back to Resolve');
    const { complaint, timeline } = JSON.parse((await crm('--json', 'complaint', 'show', '1')).stdout);
    expect(complaint.step).toBe('resolve');
    // What the customer said is in the complaint's own timeline, not only in the contact history.
    expect(timeline).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'confirmNote', value: '还是充不进电' })]));
    const file = JSON.parse((await crm('--json', 'customer', 'show', '王芳')).stdout);
    expect(file.contacts).toEqual([expect.objectContaining({ kind: 'done', note: '还是充不进电', reminderId: calls[0].id })]);
  });

  it('refuses --not-satisfied on an ordinary follow-up', async () => {
    await crm('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '1');
    const id = reminders()[0].id;
    const r = await crm('done', String(id), '--not-satisfied');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^crm: --satisfied\/--not-satisfied is for a complaint's confirmation call/);
  });
});
