/** Databases with something in every table crm has, built through the commands: for the export and restore tests. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, type CrmRunner } from './cli.js';
import { MAIL_ENV, fakeMailer } from './fake-mailer.js';
import { seedBase } from './value-base.js';

/** A complaint with a promised answer, then resolved: its log, its closed promise and its open confirmation calls. */
export async function complain(run: CrmRunner, customer: string): Promise<number> {
  const opened = await run('--json', 'complaint', 'open', '--customer', customer, '--words', '买了两天就坏了', '--channel', 'phone', '--severity', '4',
    '--understood', 'yes', '--wants', '换新', '--cause', 'product', '--reasonable', 'yes', '--our-fault', 'yes');
  const id = String(JSON.parse(opened.stdout).id);
  await run('complaint', 'step', id, 'resolve', '--idea', '换新', '--solution', '换新机', '--solution', '免费维修', '--accepted', '1', '--promise', '2026-03-04 15:00');
  await run('complaint', 'step', id, 'resolve', '--resolved', '--gesture', '500元代金券');
  return Number(id);
}

/** A file with every kind of record and state: referrals, special days, closed and moved follow-ups, contacts, a complaint. */
export async function fill(run: CrmRunner): Promise<void> {
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
  await complain(crmIn(run.dir, { now: new Date(2026, 2, 2, 10, 30) }), '王芳');
}

/** The shipped default playbook under another name, with its own thank-you title: a playbook of the user's. */
export function customPlaybook(dir: string): string {
  const file = join(dir, 'mine.yaml');
  const shipped = readFileSync(new URL('../../playbooks/default.yaml', import.meta.url), 'utf8');
  writeFileSync(file, shipped.replace(/^name: default$/m, 'name: mine').replace('Send {customer} a handwritten thank-you note for buying {product}', 'Thank {customer} in writing for {product}'));
  return file;
}

const ok = async (run: CrmRunner, ...args: string[]) => {
  const r = await run(...args);
  if (r.code !== 0) throw new Error(`crm ${args.join(' ')}: ${r.stderr}`);
  return r;
};

/**
 * Everything at once, on 2026-03-02: fill()'s records under a playbook of the user's (installed
 * after the shipped one, so two versions), the value base classified three times (thresholds set,
 * a dealer judged, so runs with changes), flags (one cleared), review decisions, a survey answer
 * that closes its follow-up, and an outbox with a digest and customer emails sent, of unknown
 * outcome (sending), failed and pending.
 */
export async function fillEverything(run: CrmRunner): Promise<void> {
  await ok(run, 'rules', 'use', 'default');
  await ok(run, 'rules', 'use', customPlaybook(run.dir));
  await fill(run);
  await seedBase(run);
  await ok(run, 'classify');
  await ok(run, 'classify', '--set', 'gold-profit=2500', '--set', 'margin=30');
  await ok(run, 'classify', '--customer', 'Dave', '--capable', 'yes');
  await ok(run, 'review', 'flag', 'Mia', 'price-only,picky', '--note', 'left for a shop 2% cheaper');
  await ok(run, 'review', 'unflag', 'Mia', 'picky', '--note', 'was fair this time');
  await ok(run, 'review', 'decide', 'Bob', '--stop', '--reason', 'only buys below cost');
  await ok(run, 'review', 'decide', 'Mia', '--keep', '--reason', 'pays on time');
  await ok(run, 'survey', 'Nina', '--why', '朋友推荐, 服务好', '--improve', '送货再快一点');
  for (const name of ['Anna', 'Ben', 'Cleo', 'Dora']) {
    await ok(run, 'customer', 'add', name, '--email', `${name.toLowerCase()}@example.com`, '--channel', 'email');
    await ok(run, 'add-sale', '--customer', name, '--product', 'Espresso machine', '--amount', '1200');
  }
  const first = fakeMailer((m) => {
    if (m.to.address === 'anna@example.com' || m.to.address === MAIL_ENV.CRM_MAIL_TO) return { status: 'sent', messageId: `<${m.to.address}>` };
    if (m.to.address === 'ben@example.com') return { status: 'unknown', error: 'Connection closed unexpectedly' };
    return { status: 'unreachable', error: 'connect ECONNREFUSED' };
  });
  await crmIn(run.dir, { env: MAIL_ENV, mailer: first.factory })('remind', '--email');
  const cleo = JSON.parse((await ok(run, '--json', 'customer', 'show', 'Cleo')).stdout).followUps.find((r: { rule: string }) => r.rule === 'thank-you');
  await ok(run, 'done', String(cleo.id), '--note', 'phoned instead');
  const down = fakeMailer(() => ({ status: 'unreachable', error: 'connect ECONNREFUSED' }));
  await crmIn(run.dir, { env: MAIL_ENV, mailer: down.factory })('remind', '--email');
}
