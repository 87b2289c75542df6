import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';

let crm: CrmRunner;
let cleanup: () => void;
const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);
const open = async () => {
  const a = await json('today', '--days', '400');
  return [...a.overdue, ...a.due, ...a.upcoming] as { id: number; rule: string; due: string; title: string }[];
};

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { today: '2026-03-02' });
  await crm('customer', 'add', 'Anna', '--birthday', '07-04');
  await crm('add-sale', '--customer', 'Anna', '--product', 'Sedan', '--amount', '30000', '--delivery', '2026-03-05', '--warranty-months', '24');
});
afterEach(() => cleanup());

describe('crm rules', () => {
  it('lists the shipped playbook when none is installed', async () => {
    const list = await json('rules', 'list');
    expect(list).toMatchObject({ name: 'default', version: 0 });
    expect(list.rules.map((r: { id: string }) => r.id)).toContain('call-day-12');
    const table = await crm('rules', 'list');
    expect(table.stdout).toContain('call-day-2\tclose +1 day\t\tcall\tDay-2 call to {customer}');
    expect(table.stdout).toContain('\nholiday-visit\tspring-festival, mid-autumn -7 days\t(tag important/gold or tier gold)\tvisit\t');
    expect(table.stdout).toContain('\nmonthly-card\t12 months: 3 days before each month\'s festival\tnot tier burden, not strategy give-up\tcard\t');
    expect(table.stdout).toContain('\nproactive-check-gold\tevery month after the close, 12 times\ttier gold\tcall\t');
    expect(table.stdout).toContain('\nwin-back\tlast-purchase +90 days\ttier meteor\tcall\t');
  });

  it('checks a file and reports every problem with file and line, exit 2', async () => {
    const file = join(crm.dir, 'mine.yaml');
    writeFileSync(file, 'version: 1\nname: mine\nrules:\n  - id: a\n    action: call\n    title: Hi {nobody}\n    lesson: x\n    when: { relative-to: close, offset: soon }\n');
    const r = await crm('rules', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `${file}:4: unknown placeholder {nobody} in rule "a"; the placeholders are: {customer}, {company}, {product}, {amount}, {date}, {delivery}, {warrantyEnd}, {useUp}, {festival}, {theme}, {label}, {referrer}, {sender}, {name}`,
      `${file}:8: rules[0].when.offset must be an offset like +1 day, -2 days, +1 week or -1 month (got "soon")`,
      `crm: ${file}: 2 problems; fix them and check again`,
      '',
    ]);
    expect((await crm('rules', 'check', join(crm.dir, 'missing.yaml'))).stderr).toMatch(/^crm: cannot read the playbook .*missing\.yaml/);
    expect((await crm('rules', 'check', 'car-dealer')).stdout).toMatch(/car-dealer\.yaml: ok, playbook "car-dealer" with \d+ rules/);
  });

  it('installs a playbook as a new version, keeps the old one, and leaves past plans alone without --replan', async () => {
    const before = await open();
    const r = await crm('rules', 'use', 'car-dealer');
    expect(r.stdout).toBe('Installed playbook "car-dealer" as version 1.\n');
    expect(r.stderr).toContain('add --replan');
    expect(await open()).toEqual(before);
    expect((await crm('rules', 'use', 'default')).stdout).toBe('Installed playbook "default" as version 2 (version 1 is kept).\n');
    expect((await json('rules', 'list')).version).toBe(2);
  });

  it('re-plans only future, open follow-ups: done ones stay, a snoozed date stays', async () => {
    const plan = await open();
    const thanks = plan.find((p) => p.rule === 'thank-you')!;
    const day5 = plan.find((p) => p.rule === 'call-day-5')!;
    await crm('done', String(thanks.id));
    await crm('snooze', String(day5.id), '--to', '2026-03-09');
    const out = await json('rules', 'use', 'default', '--replan');
    expect(out.replan).toMatchObject({ added: 0, removed: 0, changed: 0 });
    const car = await json('rules', 'use', 'car-dealer', '--replan');
    expect(car.replan.added).toBeGreaterThan(0);
    expect(car.replan.removed).toBeGreaterThan(0);
    const after = await open();
    expect(after.some((p) => p.rule === 'service-reminder')).toBe(true);
    expect(after.some((p) => p.rule === 'call-day-5')).toBe(true);
    const file = await json('customer', 'show', 'Anna');
    expect(file.contacts.find((c: { kind: string }) => c.kind === 'done').reminderId).toBe(thanks.id);
    const back = await json('rules', 'use', 'default', '--replan');
    expect(back.replan.added).toBeGreaterThan(0);
    const restored = await open();
    expect(restored.find((p) => p.id === day5.id)?.due).toBe('2026-03-09');
    expect(restored.some((p) => p.rule === 'thank-you')).toBe(false);
  });

  it('previews a sale without writing anything', async () => {
    const before = readFileSync(crm.db);
    const r = await crm('rules', 'preview', '--customer', 'Anna', '--product', 'Tyres', '--amount', '800', '--use-up-days', '365');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Anna will run out of Tyres around 2027-03-02: offer a repurchase');
    expect(r.stderr).toContain('Nothing is saved.');
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});
