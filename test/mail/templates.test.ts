import { describe, expect, it } from 'vitest';
import { checkEmailTemplates, EMAIL_RULES, emailTemplateFor } from '../../src/mail/templates.js';
import { customerEmail, languageOf, whyNotEmailable } from '../../src/mail/customer-email.js';
import { DEFAULT_RULES } from '../support/builders.js';
import { renderTemplate } from '../../src/domain/template.js';
import { occasionIn } from '../../src/domain/festival-names.js';
import { festivalsInYear } from '../../src/domain/calendar.js';

const from = { name: 'Li Na', address: 'li.na@example.com' };

describe('customer email templates', () => {
  it('cover the thank-you note and the cards of the default playbook, in English and Chinese, and check clean', () => {
    expect(EMAIL_RULES.sort()).toEqual(['birthday', 'monthly-card', 'special-day', 'thank-you']);
    for (const rule of EMAIL_RULES) expect(DEFAULT_RULES.map((r) => r.id)).toContain(rule);
    for (const lang of ['en', 'zh'] as const) {
      expect(checkEmailTemplates(Object.fromEntries(EMAIL_RULES.map((r) => [r, emailTemplateFor(r, lang)!])))).toEqual([]);
    }
    expect(emailTemplateFor('call-day-2')).toBeUndefined();
    expect(emailTemplateFor('toString')).toBeUndefined();
  });

  it.each([
    [{ 'thank-you': { subject: 'Hi {nmae}', text: 'x' } }, ['email template "thank-you": unknown placeholder {nmae} in the subject; known: customer, company, product']],
    [{ birthday: { subject: 'Hi', text: '{foo} and {foo} and {bar}' } }, ['email template "birthday": unknown placeholder {foo}, {bar} in the text']],
    [{ birthday: { subject: 'Hi\nBcc: x', text: 'x' } }, ['email template "birthday": the subject must be one line']],
    [{ birthday: { subject: ' ', text: 'x' } }, ['email template "birthday": the subject is missing']],
    [{ birthday: { subject: 'Hi' } }, ['email template "birthday": the text is missing']],
  ])('%j has problems %j', (templates, problems) => {
    const found = checkEmailTemplates(templates);
    expect(found).toHaveLength(problems.length);
    problems.forEach((p, i) => expect(found[i].startsWith(p)).toBe(true));
  });

  it('{name} is the customer, and values are inserted as text, never evaluated', () => {
    expect(renderTemplate('Dear {name}, {customer}', { customer: 'Anna' })).toBe('Dear Anna, Anna');
    expect(renderTemplate('Dear {name}', { customer: 'Anna', name: 'Ann' })).toBe('Dear Ann');
    expect(renderTemplate('{name}: {product}', { customer: '{product} $& $1 ${x}', product: 'X' })).toBe('{product} $& $1 ${x}: X');
  });
});

describe('a customer email', () => {
  const customer = { name: 'Anna Müller', company: 'Acme', email: 'anna@example.de' };

  it('fills the template from the follow-up, ends with an unsubscribe line and carries List-Unsubscribe', () => {
    const mail = customerEmail({ customer, vars: { theme: 'Christmas', product: 'Kettle' }, template: emailTemplateFor('monthly-card')!, language: 'en', from });
    expect(mail).toMatchObject({ from, to: { name: 'Anna Müller', address: 'anna@example.de' }, subject: 'Christmas: best wishes from Li Na' });
    expect(mail.text).toBe(
      'Dear Anna Müller,\n\nChristmas: a short note to send you our best wishes and to thank you for your trust. If there is ever anything we can do for you, just reply to this email.\n\nWarm regards,\nLi Na\n\n-- \n' +
        'You receive this email because you are a customer of Li Na. To receive no more emails, reply with the word "unsubscribe".\n',
    );
    expect(mail.headers).toEqual({ 'List-Unsubscribe': '<mailto:li.na@example.com?subject=unsubscribe>' });
  });

  it('uses the customer as they are now, the sale for follow-ups planned before values were kept, and one-line names', () => {
    const mail = customerEmail({
      customer: { ...customer, name: 'Anna\r\nBcc: x@example.com' },
      sale: { product: 'Espresso machine', date: '2026-03-02' },
      vars: { customer: 'Old Name' },
      template: emailTemplateFor('thank-you')!,
      language: 'en',
      from: { name: null, address: 'li.na@example.com' },
    });
    expect(mail.subject).toBe('Thank you, Anna Bcc: x@example.com');
    expect(mail.text).toMatch(/^Dear Anna Bcc: x@example\.com,\n\nthank you for choosing Espresso machine\./);
    expect(mail.text).toContain('\nli.na@example.com\n\n-- \n');
  });

  it('names the card\'s festival or season in the email\'s language, whichever language the follow-up was planned in', () => {
    const zhang = { name: '张敏', company: null, email: 'zhang@example.cn' };
    const card = (vars: Record<string, string>, language: 'en' | 'zh') =>
      customerEmail({ customer: language === 'zh' ? zhang : customer, vars, template: emailTemplateFor('monthly-card', language)!, language, from });
    // Planned in English for a Chinese customer: both names were stored.
    const zh = card({ theme: '春节 Spring Festival', festival: 'Spring Festival' }, 'zh');
    expect(zh.subject).toBe('春节：Li Na的祝福');
    expect(zh.text).toMatch(/^张敏您好：\n\n春节之际，送上/);
    expect(card({ theme: 'new-year greetings' }, 'zh').subject).toBe('新年问候：Li Na的祝福');
    // Planned in Chinese for a Western customer.
    expect(card({ theme: '圣诞节' }, 'en').subject).toBe('Christmas: best wishes from Li Na');
    expect(card({ theme: '岁末问候' }, 'en').subject).toBe('year-end greetings: best wishes from Li Na');
    expect(card({ theme: 'Christmas' }, 'en').subject).toBe('Christmas: best wishes from Li Na');
  });

  it('knows every festival of the calendar and every seasonal theme by either name, and takes the right half of one it does not know', () => {
    for (const f of festivalsInYear(2026)) {
      for (const stored of [f.name, f.nameZh, `${f.nameZh} ${f.name}`]) {
        expect(occasionIn(stored, 'zh')).toBe(f.nameZh);
        expect(occasionIn(stored, 'en')).toBe(f.name);
      }
    }
    expect(occasionIn('late-autumn greetings', 'zh')).toBe('深秋问候');
    expect(occasionIn('生日', 'en')).toBe('birthday');
    expect(occasionIn('端午 Dragon Boat Day', 'zh')).toBe('端午');
    expect(occasionIn('端午 Dragon Boat Day', 'en')).toBe('Dragon Boat Day');
    expect(occasionIn('wedding anniversary', 'zh')).toBe('wedding anniversary');
    expect(occasionIn('结婚纪念日', 'en')).toBe('结婚纪念日');
  });

  it.each([
    [{ name: '王芳', company: null }, 'zh'],
    [{ name: 'Wang Fang', company: '华星贸易' }, 'zh'],
    [{ name: 'Anna', company: 'Acme' }, 'en'],
  ])('%j reads %s', (c, lang) => expect(languageOf(c)).toBe(lang));

  const ok = { doNotContact: false, channel: 'email', email: 'a@example.com' };
  const tpl = emailTemplateFor('thank-you');
  it.each([
    [{ state: 'open', rule: 'thank-you' }, ok, tpl, undefined],
    [{ state: 'done', rule: 'thank-you' }, ok, tpl, 'the follow-up is done'],
    [{ state: 'open', rule: 'call-day-2' }, ok, undefined, 'no email template for "call-day-2"'],
    [{ state: 'open', rule: 'thank-you' }, { ...ok, doNotContact: true }, tpl, 'the customer is do-not-contact'],
    [{ state: 'open', rule: 'thank-you' }, { ...ok, channel: 'wechat' }, tpl, "the customer's channel is wechat, not email"],
    [{ state: 'open', rule: 'thank-you' }, { ...ok, channel: null }, tpl, "the customer's channel is not set, not email"],
    [{ state: 'open', rule: 'thank-you' }, { ...ok, email: null }, tpl, 'the customer has no email address'],
    [{ state: 'open', rule: 'thank-you' }, { ...ok, email: 'a@example.com\r\nBcc: b@example.com' }, tpl, `the customer's email address "a@example.com\\r\\nBcc: b@example.com" is not valid`],
  ] as const)('follow-up %j to %j: %s', (r, c, t, why) => expect(whyNotEmailable(r, c, t)).toBe(why));
});
