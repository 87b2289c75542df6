import { describe, expect, it } from 'vitest';
import { planFollowUps } from '../../src/domain/playbook.js';
import { fitsTemplate, renderTemplate } from '../../src/domain/template.js';
import { DEFAULT_RULES } from '../support/builders.js';
import { customer, planInput, sale } from '../support/builders.js';

describe('a planned follow-up keeps the values its title was rendered with (for customer emails)', () => {
  const plan = planFollowUps(
    planInput({
      customer: customer({ specialDays: [{ day: '06-18', label: 'wedding anniversary' }], birthday: '05-10' }),
      sale: sale({ date: '2026-11-20', product: 'Kettle' }),
    }),
  );

  it.each(plan.map((p) => [p.rule, p.due, p] as const))('%s on %s', (rule, _due, p) => {
    const template = DEFAULT_RULES.find((r) => r.id === rule)!.title;
    expect(renderTemplate(template, p.vars)).toBe(p.title);
    expect(p.vars).toMatchObject({ customer: 'Anna Müller', product: 'Kettle' });
  });

  it.each([
    ['monthly-card', { theme: 'Christmas', festival: 'Christmas' }],
    ['special-day', { label: 'wedding anniversary', date: '2027-06-18' }],
    ['birthday', { label: 'birthday', date: '2027-05-10' }],
  ])('%s has %j', (rule, vars) => {
    expect(plan.find((p) => p.rule === rule)!.vars).toMatchObject(vars);
  });
});

describe('fitsTemplate: which of a rule\'s titles a stored title was written from', () => {
  const birthday = DEFAULT_RULES.find((r) => r.id === 'birthday')!;
  const vars = { customer: '王小姐', date: '2026-03-20', label: '生日' };
  it.each([
    [renderTemplate(birthday.title, vars), true, false],
    [renderTemplate(birthday.titleZh!, vars), false, true],
    [renderTemplate(birthday.title, vars) + ' (late: was due 2026-03-20)', true, false],
    ['Call 王小姐 about her order', false, false],
  ])('%j fits the English title: %s, the Chinese one: %s', (title, en, zh) => {
    expect([fitsTemplate(title, birthday.title), fitsTemplate(title, birthday.titleZh!)]).toEqual([en, zh]);
  });
});
