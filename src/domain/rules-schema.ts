/**
 * The shape of a playbook file, and its translation into the engine's rules. Only data: a file
 * can say when, for whom and what, never run code.
 */
import { z } from 'zod';
import { FESTIVAL_IDS } from './calendar.js';
import { ACTIONS } from './reminder.js';
import { CHANNELS } from './parse.js';
import type { Condition, When } from './playbook.js';
import { TIERS } from './value.js';
import { STRATEGIES } from './engagement.js';
import type { Say } from './value-settings.js';

const OFFSET = /^([+-]?\d+)\s*(d|days?|w|weeks?|m|months?)$/i;
const INTERVAL = /^(\d+)\s*(w|weeks?|m|months?)$/i;

/**
 * Which form a value failed: rules-file.ts words the problem at check time, in the language asked
 * for (the schema is built when the module loads, before the language is chosen).
 */
export type Form = 'offset' | 'interval' | 'period' | 'rule-id';
const form = (f: Form) => ({ params: { form: f } });

function parseOffset(text: string): { days: number; months: number } | undefined {
  const m = OFFSET.exec(text.trim());
  if (!m) return text.trim() === '0' ? { days: 0, months: 0 } : undefined;
  const n = Number(m[1]);
  const unit = m[2][0].toLowerCase();
  return unit === 'm' ? { days: 0, months: n } : { days: unit === 'w' ? n * 7 : n, months: 0 };
}

const offsetField = z
  .union([z.string(), z.number()])
  .refine((v) => parseOffset(String(v)) !== undefined, form('offset'));

const whenSchema = z.strictObject({
  'relative-to': z.enum(['close', 'delivery', 'received', 'warranty-end', 'use-up', 'first-purchase', 'last-purchase', 'strategy-start', 'birthday',
    'special-day', 'festival', 'festival-each-month']),
  offset: offsetField.optional(),
  festivals: z.array(z.enum(FESTIVAL_IDS as [string, ...string[]])).min(1).optional(),
  months: z.number().int().min(1).max(36).optional(),
  // every: 0 months would plan `count` follow-ups on one day.
  every: z.string().superRefine((v, ctx) => {
    const m = INTERVAL.exec(v.trim());
    if (!m) ctx.addIssue({ code: 'custom', input: v, ...form('interval') });
    else if (Number(m[1]) < 1) ctx.addIssue({ code: 'custom', input: v, ...form('period') });
  }).optional(),
  count: z.number().int().min(1).max(120).optional(),
});

const simpleCondition = z.strictObject({
  verbal: z.boolean().optional(),
  referred: z.boolean().optional(),
  'first-purchase': z.boolean().optional(),
  'tags-any': z.array(z.string().min(1)).min(1).optional(),
  channels: z.array(z.enum(CHANNELS)).min(1).optional(),
  'min-amount': z.number().optional(),
  'max-amount': z.number().optional(),
  'product-contains': z.array(z.string().min(1)).min(1).optional(),
  tiers: z.array(z.enum(TIERS)).min(1).optional(),
  strategies: z.array(z.enum(STRATEGIES)).min(1).optional(),
  'not-tiers': z.array(z.enum(TIERS)).min(1).optional(),
  'not-strategies': z.array(z.enum(STRATEGIES)).min(1).optional(),
});

/** `any` holds when one of its conditions does: one level deep, which is all a playbook needs. */
const conditionSchema = simpleCondition.extend({ any: z.array(simpleCondition).min(2).optional() });

const emailSchema = z.strictObject({ subject: z.string().min(1), text: z.string().min(1) });

export const ruleSchema = z.strictObject({
  id: z.string().refine((v) => /^[a-z0-9][a-z0-9-]*$/.test(v), form('rule-id')),
  action: z.enum(ACTIONS),
  title: z.string().min(1),
  'title-zh': z.string().min(1).optional(),
  lesson: z.union([z.string(), z.number()]).transform(String),
  when: whenSchema,
  if: conditionSchema.optional(),
  target: z.enum(['customer', 'referrer']).optional(),
  weekend: z.enum(['keep', 'next-weekday', 'previous-weekday']).optional(),
  email: emailSchema.optional(),
  /** The email in Chinese, for customers who get Chinese emails (customer-email.ts, languageOf); else `email`. */
  'email-zh': emailSchema.optional(),
});

export const fileSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  rules: z.array(ruleSchema).min(1),
});

export type FileData = z.infer<typeof fileSchema>;
export type RuleData = z.infer<typeof ruleSchema>;

/** The fields each part of the file allows, for "unknown field" messages. */
export const FIELDS = {
  file: Object.keys(fileSchema.shape),
  rule: Object.keys(ruleSchema.shape),
  when: Object.keys(whenSchema.shape),
  if: Object.keys(conditionSchema.shape),
  any: Object.keys(simpleCondition.shape),
  email: Object.keys(emailSchema.shape),
  'email-zh': Object.keys(emailSchema.shape),
};

/** Turns the file's words into the engine's `when`; returns a problem text, written by `t`, when they do not fit. */
export function toWhen(w: RuleData['when'], t: Say): When | string {
  const off = parseOffset(String(w.offset ?? 0))!;
  const days = off.days;
  switch (w['relative-to']) {
    case 'close':
    case 'delivery':
    case 'received':
    case 'warranty-end':
    case 'use-up':
    case 'first-purchase':
    case 'last-purchase':
    case 'strategy-start': {
      const anchor = w['relative-to'];
      if (w.every) {
        if (anchor !== 'close' || !w.count) return t('every needs relative-to: close and a count, like every: 3 months, count: 4');
        const m = INTERVAL.exec(w.every.trim())!;
        const n = Number(m[1]);
        return { every: m[2][0].toLowerCase() === 'w' ? { weeks: n } : { months: n }, count: w.count };
      }
      return { after: anchor, ...(off.days ? { days: off.days } : {}), ...(off.months ? { months: off.months } : {}) };
    }
    case 'birthday':
    case 'special-day':
      if (off.months) return t('a birthday or special day takes an offset in days or weeks, like -3 days');
      return { yearly: w['relative-to'] === 'birthday' ? 'birthday' : 'special-days', ...(days ? { days } : {}) };
    case 'festival':
      if (!w.festivals) return t('relative-to: festival needs festivals: [spring-festival, mid-autumn, ...]');
      if (off.months) return t('a festival takes an offset in days or weeks, like -7 days');
      return { festivals: w.festivals, days };
    case 'festival-each-month':
      if (off.months || days > 0) return t('festival-each-month takes a lead time before the festival, like offset: -3 days');
      return { monthlyCards: { count: w.months ?? 12, leadDays: -days } };
  }
}

type ConditionData = z.infer<typeof simpleCondition> & { any?: z.infer<typeof simpleCondition>[] };

export function toCondition(c: ConditionData): Condition {
  const out: Condition = {};
  if (c.verbal !== undefined) out.verbal = c.verbal;
  if (c.referred !== undefined) out.referred = c.referred;
  if (c['first-purchase'] !== undefined) out.firstPurchase = c['first-purchase'];
  if (c['tags-any']) out.tagsAny = c['tags-any'].map((t) => t.toLowerCase());
  if (c.channels) out.channels = c.channels;
  if (c['min-amount'] !== undefined) out.minAmount = c['min-amount'];
  if (c['max-amount'] !== undefined) out.maxAmount = c['max-amount'];
  if (c['product-contains']) out.productContains = c['product-contains'];
  if (c.tiers) out.tiers = c.tiers;
  if (c.strategies) out.strategies = c.strategies;
  if (c['not-tiers']) out.notTiers = c['not-tiers'];
  if (c['not-strategies']) out.notStrategies = c['not-strategies'];
  if (c.any) out.any = c.any.map(toCondition);
  return out;
}

