/** The guided walk, answered by a scripted prompter: every question in order, and nothing else asked. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { CTRL_C, ctrlCAfter, retyped, scriptedPrompter, type Step } from '../support/prompter.js';

let dir: string;
let cleanup: () => void;
let crm: CrmRunner;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir);
  await crm('customer', 'add', '王芳');
});
afterEach(() => cleanup());

/** crm on `today` answering with `script`; fails if a question is left unasked. */
async function walk(today: string, script: Step[], ...args: string[]) {
  const prompter = scriptedPrompter(script);
  const r = await crmIn(dir, { today, prompter })(...args);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(prompter.remaining()).toEqual([]);
  return Object.assign(r, { refusals: prompter.refusals });
}

/** `complaint open` with Listen and Analyse given as flags: the walk starts at Resolve. */
const TO_RESOLVE = ['complaint', 'open', '--customer', '王芳', '--words', '坏了', '--channel', 'phone', '--severity', '3', '--understood', 'yes',
  '--wants', '换新', '--cause', 'product', '--reasonable', 'yes', '--our-fault', 'yes'];

const LISTEN: Step[] = [
  ['multiline', "The customer's own words", '你们的咖啡机买了两天就坏了！\n我要退货。'],
  ['select', 'How did the complaint come?', 'phone'],
  ['number', 'How upset', 4],
  ['confirm', 'Did the customer confirm you understood?', false],
  ['multiline', 'What you missed', '而且客服不回电话'],
  ['confirm', 'Did the customer confirm you understood?', true],
  ['input', 'What does the customer want', '退货退款'],
];
const ANALYSE: Step[] = [
  ['select', 'The cause', 'misuse'],
  ['input', 'What did you find out?', ''],
  ['confirm', 'Is the complaint reasonable?', true],
  ['confirm', 'Is it our fault?', false],
];

function complaint(id = 1) {
  const store = openStore(crm.db);
  try {
    return { c: store.complaints.get(id)!, log: store.complaints.log(id), reminders: store.reminders.forCustomer(1) };
  } finally {
    store.close();
  }
}

describe('crm complaint open, on a terminal', () => {
  it('walks Listen, Analyse and Resolve, saving each answer, and plans the confirmation calls', async () => {
    const r = await walk('2026-03-02', [
      ['input', 'Who is complaining?', '王芳'],
      ...LISTEN,
      ...ANALYSE,
      ['input', 'What does the customer think should be done?', '换一台新的'],
      ['input', 'Solution 1 (the best first)', '免费上门除垢'],
      ['input', 'Solution 2', '换新机'],
      ['input', 'Solution 3', ''],
      ['select', 'Which solution did the customer accept?', '2'],
      ['input', 'more than expected', '送一年除垢剂'],
      ['confirm', 'Is it settled now', true],
      ['input', 'Confirmation calls', ''],
    ], 'complaint', 'open');
    expect(r).toMatchObject({ code: 0, stdout: 'Complaint #1 (王芳): at Confirm\n' });
    expect(r.stderr).toContain('Let the customer vent: do not interrupt');
    expect(r.stderr).toContain('Apologise for the trouble');
    expect(r.stderr).toContain('Paraphrase it back');
    expect(r.stderr).toContain('Not our fault: explain calmly what happened, and give the customer a face-saving way out');
    const { c, log, reminders } = complaint();
    expect(c).toMatchObject({ step: 'confirm', words: '你们的咖啡机买了两天就坏了！\n我要退货。\n而且客服不回电话', understood: true, cause: 'misuse', finding: '', ourFault: false, accepted: 2, solutions: ['免费上门除垢', '换新机'] });
    expect(log.filter((e) => e.field === 'understood').map((e) => e.value)).toEqual([false, true]);
    expect(reminders.map((x) => [x.rule, x.due, x.dedupeKey])).toEqual([
      ['complaint-confirm', '2026-03-04', 'k1:confirm:1'],
      ['complaint-confirm', '2026-03-09', 'k1:confirm:2'],
    ]);

    const done = await walk('2026-03-04', [
      ['input', 'What did the customer say on the call?', '新机器很好用'],
      ['confirm', 'Is the customer satisfied?', true],
      ['input', 'The root cause', '没有教客户除垢'],
      ['input', 'The lesson learnt', '交付时演示保养'],
      ['input', 'The preventive action', '交付清单加一项"演示除垢"'],
      ['confirm', 'Close complaint #1 now?', true],
    ], 'complaint', 'resume', '1');
    expect(done).toMatchObject({ code: 0, stdout: 'Complaint #1 (王芳): closed\n' });
    expect(done.stderr).toContain('Thank them; ask for their contacts and a referral');
    expect(complaint().reminders.map((x) => [x.dedupeKey, x.state])).toEqual([['k1:confirm:1', 'done'], ['k1:confirm:2', 'skipped']]);
  });

  it('Ctrl-C in Analyse exits 130, keeps every answer, and resume continues at Analyse', async () => {
    const r = await walk('2026-03-02', [...LISTEN, ['select', 'The cause', CTRL_C]], 'complaint', 'open', '--customer', '王芳');
    expect(r).toMatchObject({ code: 130, stderr: expect.stringMatching(/crm: cancelled; what was answered is saved: continue with crm complaint resume 1\n$/) });
    expect(complaint().c).toMatchObject({ step: 'analyse', wants: '退货退款', severity: 4 });
    const again = await walk('2026-03-02', [['select', 'The cause', CTRL_C]], 'complaint', 'resume', '1');
    expect(again.code).toBe(130);
    expect(again.stderr).toContain('Words       你们的咖啡机买了两天就坏了！');
  });

  it('Ctrl-C in the middle of the words saves the lines already entered, and resume goes on from there', async () => {
    const r = await walk('2026-03-02', [['multiline', "The customer's own words", ctrlCAfter('你们的咖啡机买了两天就坏了！\n我要退货。')]], 'complaint', 'open', '--customer', '王芳');
    expect(r).toMatchObject({ code: 130, stderr: expect.stringMatching(/crm: cancelled; what was answered is saved: continue with crm complaint resume 1\n$/) });
    expect(complaint().c.words).toBe('你们的咖啡机买了两天就坏了！\n我要退货。');
    const shown = await crm('complaint', 'show', '1');
    expect(shown.stdout).toContain('Words       你们的咖啡机买了两天就坏了！');

    // The same in "What you missed": the lines entered are added to the words.
    const again = await walk('2026-03-02', [
      ['select', 'How did the complaint come?', 'phone'],
      ['number', 'How upset', 4],
      ['confirm', 'Did the customer confirm you understood?', false],
      ['multiline', 'What you missed', ctrlCAfter('而且客服不回电话')],
    ], 'complaint', 'resume', '1');
    expect(again.code).toBe(130);
    expect(complaint().c.words).toBe('你们的咖啡机买了两天就坏了！\n我要退货。\n而且客服不回电话');

    // Ctrl-C before any line: nothing to keep, the words are still asked.
    const none = await walk('2026-03-02', [['multiline', "The customer's own words", ctrlCAfter('')]], 'complaint', 'open', '--customer', '王芳');
    expect(none.code).toBe(130);
    expect(complaint(2).c.words).toBeNull();
  });

  it('resumes a Resolve round at its first unanswered question: more solutions, the accepted one, the confirmation days', async () => {
    const cut = await walk('2026-03-02', [
      ['input', 'What does the customer think should be done?', '换新'],
      ['input', 'Solution 1', '免费维修'],
      ['input', 'Solution 2', '换新机'],
      ['input', 'Solution 3 (empty: no more)', CTRL_C],
    ], ...TO_RESOLVE);
    expect(cut.code).toBe(130);
    // More solutions can still be added; an empty one ends the list, and that is saved too.
    await walk('2026-03-02', [
      ['input', 'Solution 3 (empty: no more)', '退款'],
      ['input', 'Solution 4 (empty: no more)', ''],
      ['select', 'Which solution did the customer accept?', CTRL_C],
    ], 'complaint', 'resume', '1');
    await walk('2026-03-02', [
      ['select', 'Which solution did the customer accept?', '3'],
      ['input', 'more than expected', ''],
      ['confirm', 'Is it settled now', true],
      ['input', 'Confirmation calls', CTRL_C],
    ], 'complaint', 'resume', '1');
    // "Settled? yes" was saved: resume asks for the days, not again whether it is settled.
    const done = await walk('2026-03-02', [['input', 'Confirmation calls', '3']], 'complaint', 'resume', '1');
    expect(done.stdout).toBe('Complaint #1 (王芳): at Confirm\n');
    const { c, log } = complaint();
    expect(c).toMatchObject({ solutions: ['免费维修', '换新机', '退款'], accepted: 3 });
    expect(log.filter((e) => ['solutionsDone', 'accepted', 'settled', 'resolved'].includes(e.field)).map((e) => [e.field, e.value])).toEqual([
      ['solutionsDone', true], ['accepted', 3], ['settled', true], ['resolved', [3]],
    ]);
    expect((await crm('complaint', 'show', '1')).stdout).toMatch(/no more solutions[\s\S]*solution 3 accepted[\s\S]*Settled now: yes/);
  });

  it('a promised answer asks once more which solution was accepted and whether it is settled, and keeps those answers over Ctrl-C', async () => {
    await walk('2026-03-02', [
      ['input', 'What does the customer think should be done?', '换新'],
      ['input', 'Solution 1', '换新机'],
      ['input', 'Solution 2', ''],
      ['select', 'Which solution did the customer accept?', '1'],
      ['input', 'more than expected', ''],
      ['confirm', 'Is it settled now', false],
      ['input', 'Answer the customer by', CTRL_C],
    ], ...TO_RESOLVE);
    // "Not settled" was saved: resume asks for the promise.
    await walk('2026-03-02', [['input', 'Answer the customer by', '2026-03-04']], 'complaint', 'resume', '1');
    // The promise is due: the walk asks again, once, whether it is settled now.
    await walk('2026-03-04', [['confirm', 'Is it settled now', true], ['input', 'Confirmation calls', CTRL_C]], 'complaint', 'resume', '1');
    await walk('2026-03-04', [['input', 'Confirmation calls', '']], 'complaint', 'resume', '1');
    expect(complaint().log.filter((e) => e.field === 'settled').map((e) => e.value)).toEqual([false, true]);
  });

  it('resumes Confirm after the call note without asking for it again, and shows it in the summary', async () => {
    await crm(...TO_RESOLVE, '--idea', '换新', '--solution', '换新机', '--accepted', '1', '--resolved');
    const cut = await walk('2026-03-04', [
      ['input', 'What did the customer say on the call?', '新机器很好用'],
      ['confirm', 'Is the customer satisfied?', CTRL_C],
    ], 'complaint', 'resume', '1');
    expect(cut.code).toBe(130);
    const resumed = await walk('2026-03-04', [
      ['confirm', 'Is the customer satisfied?', true],
      ['input', 'The root cause', CTRL_C],
    ], 'complaint', 'resume', '1');
    expect(resumed.stderr).toMatch(/Confirm\n {2}Call note +新机器很好用\n/);
    expect(complaint().log.filter((e) => e.field === 'confirmNote').map((e) => e.value)).toEqual(['新机器很好用']);
  });

  it('resumes at "what you missed" when Ctrl-C came right after the customer said no', async () => {
    await walk('2026-03-02', [
      ['multiline', "The customer's own words", '坏了'],
      ['select', 'How did the complaint come?', 'phone'],
      ['number', 'How upset', 3],
      ['confirm', 'Did the customer confirm you understood?', false],
      ['multiline', 'What you missed', CTRL_C],
    ], 'complaint', 'open', '--customer', '王芳');
    await walk('2026-03-02', [
      ['multiline', 'What you missed', '还漏了电源线'],
      ['confirm', 'Did the customer confirm you understood?', true],
      ['input', 'What does the customer want', CTRL_C],
    ], 'complaint', 'resume', '1');
    const { c, log } = complaint();
    expect(c).toMatchObject({ words: '坏了\n还漏了电源线', understood: true });
    expect(log.filter((e) => e.field === 'understood').map((e) => e.value)).toEqual([false, true]);
  });

  it('takes solutions given as flags as the whole list', async () => {
    await crm(...TO_RESOLVE);
    const r = await walk('2026-03-02', [
      ['select', 'Which solution did the customer accept?', '2'],
      ['input', 'more than expected', ''],
      ['confirm', 'Is it settled now', true],
      ['input', 'Confirmation calls', ''],
    ], 'complaint', 'step', '1', 'resolve', '--idea', '换新', '--solution', '维修', '--solution', '换新机');
    expect(r.stdout).toBe('Complaint #1 (王芳): at Confirm\n');
  });

  it('Ctrl-C before a customer is chosen saves nothing and says so', async () => {
    const r = await walk('2026-03-02', [['input', 'Who is complaining?', CTRL_C]], 'complaint', 'open');
    expect(r).toMatchObject({ code: 130, stderr: 'crm: cancelled; nothing was saved\n' });
    expect(openStore(crm.db).complaints.list()).toEqual([]);
  });

  it('adds a caller not yet on file, and asks only what the flags leave out', async () => {
    const r = await walk('2026-03-02', [
      ['input', 'Who is complaining?', 'Tom Baker'],
      ['confirm', 'No customer named "Tom Baker". Add them?', true],
      ['select', 'How did the complaint come?', 'visit'],
      ['confirm', 'Did the customer confirm you understood?', true],
      ['input', 'What does the customer want', 'a refund'],
      ...ANALYSE.slice(1),
      ['input', 'What does the customer think should be done?', 'refund'],
      ['input', 'Solution 1', 'repair for free'],
      ['input', 'Solution 2', ''],
      ['select', 'Which solution did the customer accept?', '0'],
      ['input', 'more than expected', ''],
      ['input', 'Answer the customer by', '2026-03-03 15:00'],
    ], 'complaint', 'open', '--words', 'It broke after two days', '--severity', '5', '--cause', 'product');
    expect(r).toMatchObject({ code: 0, stdout: 'Complaint #1 (Tom Baker): at Resolve\n' });
    expect(r.stderr).toContain('Added customer 2: Tom Baker');
    const { c, reminders } = complaint();
    expect(c).toMatchObject({ customerId: 2, words: 'It broke after two days', severity: 5, channel: 'visit', cause: 'product', accepted: 0, promisedBy: '2026-03-03 15:00' });
    expect(reminders).toEqual([]);
    const store = openStore(crm.db);
    expect(store.reminders.forCustomer(2)).toEqual([expect.objectContaining({ rule: 'complaint-promise', due: '2026-03-03', dedupeKey: 'k1:promise:1' })]);
    store.close();

    // Past the promise: the customer now accepts the first solution, and it is done.
    const settled = await walk('2026-03-03', [
      ['select', 'Which solution did the customer accept?', '1'],
      ['confirm', 'Is it settled now', true],
      ['input', 'Confirmation calls', '3'],
    ], 'complaint', 'resume', '1');
    expect(settled.stdout).toBe('Complaint #1 (Tom Baker): at Confirm\n');
  });

  it('goes back to Resolve when the customer is not satisfied, and walks the new round', async () => {
    await crm('complaint', 'open', '--customer', '王芳', '--words', '坏了', '--channel', 'phone', '--severity', '3', '--understood', 'yes', '--wants', '换新',
      '--cause', 'product', '--reasonable', 'yes', '--our-fault', 'yes', '--idea', '换新', '--solution', '维修', '--accepted', '1', '--resolved');
    const r = await walk('2026-03-04', [
      ['input', 'What did the customer say on the call?', ''],
      ['confirm', 'Is the customer satisfied?', false],
      ['input', 'What does the customer think should be done?', '还是换新'],
      ['input', 'Solution 1', '换新机'],
      ['input', 'Solution 2', ''],
      ['select', 'Which solution did the customer accept?', '1'],
      ['input', 'more than expected', '延保一年'],
      ['confirm', 'Is it settled now', false],
      ['input', 'Answer the customer by', '2026-03-05'],
    ], 'complaint', 'resume', '1');
    expect(r.stderr).toContain('Resolve (round 2: the customer was not satisfied)');
    expect(complaint().c).toMatchObject({ step: 'resolve', round: 2, solutions: ['换新机'], promisedBy: '2026-03-05' });
  });

  it('refuses confirmation days in the wrong order naming the question, not a flag the user never typed', async () => {
    const r = await walk('2026-03-02', [
      ['input', 'What does the customer think should be done?', '换新'],
      ['input', 'Solution 1', '换新机'],
      ['input', 'Solution 2', ''],
      ['select', 'Which solution did the customer accept?', '1'],
      ['input', 'more than expected', ''],
      ['confirm', 'Is it settled now', true],
      ['input', 'Confirmation calls', retyped('7,2', '3,10')],
    ], ...TO_RESOLVE);
    expect(r.code).toBe(0);
    expect(r.refusals).toEqual(['the days must be one or two day counts after the resolution, the second larger than the first, like 2,7 or 3 (got "7,2")']);
    expect(complaint().reminders.map((x) => x.due)).toEqual(['2026-03-05', '2026-03-12']);
  });

  it('refuses an answer time today that has already passed, and takes a later one', async () => {
    const prompter = scriptedPrompter([
      ['input', 'What does the customer think should be done?', '换新'],
      ['input', 'Solution 1', '换新机'],
      ['input', 'Solution 2', ''],
      ['select', 'Which solution did the customer accept?', '0'],
      ['input', 'more than expected', ''],
      ['input', 'Answer the customer by', retyped('2026-03-02 09:00', '2026-03-02 18:00')],
    ]);
    const r = await crmIn(dir, { today: '2026-03-02', prompter, now: new Date(2026, 2, 2, 17, 35) })(...TO_RESOLVE);
    expect(r.code).toBe(0);
    expect(prompter.remaining()).toEqual([]);
    expect(prompter.refusals).toEqual(['the time must be later than now (17:35), or another day (got "2026-03-02 09:00")']);
    expect(complaint().c.promisedBy).toBe('2026-03-02 18:00');

    const late = await crmIn(dir, { today: '2026-03-02', now: new Date(2026, 2, 2, 17, 35) })('complaint', 'step', '1', 'resolve', '--promise', '2026-03-02 10:00');
    expect(late).toMatchObject({ code: 2, stderr: 'crm: --promise must be later than now (17:35), or another day (got "2026-03-02 10:00")\n' });
  });

  it('`step` on a terminal asks only the rest of that step', async () => {
    await crm('complaint', 'open', '--customer', '王芳', '--words', '坏了', '--channel', 'phone', '--severity', '3', '--understood', 'yes', '--wants', '换新');
    const r = await walk('2026-03-02', [
      ['confirm', 'Is the complaint reasonable?', true],
      ['confirm', 'Is it our fault?', true],
    ], 'complaint', 'step', '1', 'analyse', '--cause', 'service', '--finding', '');
    expect(r).toMatchObject({ code: 0, stdout: 'Complaint #1 (王芳): at Resolve\n' });
  });
});
