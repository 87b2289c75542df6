/**
 * What a customer receives by email for the follow-ups crm may send on the salesperson's behalf:
 * the thank-you note (#296) and the greeting cards (#298). Keyed by playbook rule id; a rule with
 * no template is never mailed to a customer. Placeholders are those of titles
 * (src/domain/template.ts); values are inserted as text, never evaluated.
 */
import { PLACEHOLDERS, unknownPlaceholders } from '../domain/template.js';
import { t } from '../i18n.js';

export interface EmailTemplate {
  subject: string;
  text: string;
}

export type Language = 'en' | 'zh';

/**
 * Not wrapped in t(): a customer reads their own language (customer-email.ts, languageOf), whatever
 * language crm itself runs in. Each template is on one line so that its i18n-ignore mark covers it.
 */
const TEMPLATES: Record<string, Record<Language, EmailTemplate>> = {
  'thank-you': {
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    en: { subject: 'Thank you, {name}', text: 'Dear {name},\n\nthank you for choosing {product}. I hope it serves you well. If anything is unclear or not as you expected, just reply to this email and I will take care of it.\n\nWith kind regards,\n{sender}' },
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    zh: { subject: '{name}，感谢您的信任', text: '{name}您好：\n\n感谢您选购{product}，希望它让您满意。使用中如有任何疑问或不如预期的地方，请直接回复这封邮件，我会为您处理好。\n\n祝好！\n{sender}' },
  },
  'monthly-card': {
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    en: { subject: '{theme}: best wishes from {sender}', text: 'Dear {name},\n\n{theme}: a short note to send you our best wishes and to thank you for your trust. If there is ever anything we can do for you, just reply to this email.\n\nWarm regards,\n{sender}' },
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    zh: { subject: '{theme}：{sender}的祝福', text: '{name}您好：\n\n{theme}之际，送上我们最诚挚的祝福，感谢您一直以来的信任。如有任何需要，请随时回复这封邮件。\n\n祝好！\n{sender}' },
  },
  birthday: {
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    en: { subject: 'Happy birthday, {name}!', text: 'Dear {name},\n\nhappy birthday! I wish you a wonderful day and a healthy, happy year ahead.\n\nWarm regards,\n{sender}' },
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    zh: { subject: '{name}，生日快乐！', text: '{name}您好：\n\n祝您生日快乐！愿您身体健康，万事如意。\n\n{sender}' },
  },
  'special-day': {
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    en: { subject: 'Best wishes for your {label}, {name}', text: 'Dear {name},\n\nwith your {label} on {date}, I did not want the day to pass without sending you my warmest wishes.\n\nWarm regards,\n{sender}' },
    // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
    zh: { subject: '{name}，祝您{label}快乐', text: '{name}您好：\n\n{date}是您的{label}，在此送上最诚挚的祝福！\n\n{sender}' },
  },
};

/** Ends every customer email, whatever the template: how to stop receiving them. */
export const UNSUBSCRIBE_LINE: Record<Language, string> = {
  // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
  en: 'You receive this email because you are a customer of {sender}. To receive no more emails, reply with the word "unsubscribe".',
  // i18n-ignore: customer-facing templates in both languages, chosen by the customer's language
  zh: '您收到这封邮件，是因为您是{sender}的客户。如不希望再收到邮件，请回复“退订”。',
};

/** The rule ids crm can mail to customers by default. */
export const EMAIL_RULES = Object.keys(TEMPLATES);

export function emailTemplateFor(ruleId: string, language: Language = 'en'): EmailTemplate | undefined {
  return Object.hasOwn(TEMPLATES, ruleId) ? TEMPLATES[ruleId][language] : undefined;
}

/** Problems with templates keyed by rule id, one line each; [] when they are all usable. */
export function checkEmailTemplates(templates: Record<string, Partial<EmailTemplate>>): string[] {
  const problems: string[] = [];
  const known = PLACEHOLDERS.join(', ');
  for (const [rule, template] of Object.entries(templates)) {
    for (const part of ['subject', 'text'] as const) {
      const value = template[part];
      if (typeof value !== 'string' || !value.trim()) {
        problems.push(part === 'subject' ? t('email template "{rule}": the subject is missing', { rule }) : t('email template "{rule}": the text is missing', { rule }));
        continue;
      }
      const found = [...new Set(unknownPlaceholders(value))];
      if (!found.length) continue;
      const unknown = found.map((p) => `{${p}}`).join(', ');
      problems.push(
        part === 'subject'
          ? t('email template "{rule}": unknown placeholder {unknown} in the subject; known: {known}', { rule, unknown, known })
          : t('email template "{rule}": unknown placeholder {unknown} in the text; known: {known}', { rule, unknown, known }),
      );
    }
    if (typeof template.subject === 'string' && /[\r\n]/.test(template.subject)) problems.push(t('email template "{rule}": the subject must be one line', { rule }));
  }
  return problems;
}
