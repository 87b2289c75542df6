/**
 * Which customers deserve what (migrations/0004_classify.sql) as `crm export --format json` writes
 * it: each customer's tier and strategy, the runs of `crm classify` with what each one changed, the
 * flags (cleared ones too), the review decisions with the evidence seen at the time, and the loyalty
 * survey's answers. Read back with the checks the database and the review rely on.
 */
import { t } from '../i18n.js';
import type { IsoDate } from './dates.js';
import { STRATEGIES } from './engagement.js';
import { bool, countFromZero, date, fail, id, nullable, oneOf, text, type Fields, type Getter, type Read } from './json-fields.js';
import { DECISIONS, FLAG_IDS, type Decision, type Flag, type SurveyAnswer } from './review.js';
import { TIERS, type CustomerValue } from './value.js';

export type ExportedValue = { customerId: number } & CustomerValue;

export interface ClassifyChange {
  customerId: number;
  tierBefore: string | null;
  tierAfter: string | null;
  strategyBefore: string | null;
  strategyAfter: string | null;
}

/** A run of `crm classify`: the thresholds it used and, per customer, what differed from the run before. */
export interface ExportedRun {
  id: number;
  runOn: IsoDate;
  thresholds: Fields;
  customers: number;
  changed: number;
  changes: ClassifyChange[];
}

export interface ExportedFlag {
  id: number;
  customerId: number;
  flag: Flag;
  note: string;
  flaggedOn: IsoDate;
  clearedOn: IsoDate | null;
  clearNote: string | null;
}

export interface ExportedDecision {
  id: number;
  customerId: number;
  decision: Decision;
  reason: string;
  evidence: Fields;
  decidedOn: IsoDate;
}

export type ExportedSurvey = SurveyAnswer;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON object kept as it is (thresholds, evidence): crm wrote it, crm only shows it. */
export const object: Read<Fields> = (v, f) => (isObject(v) ? v : fail(f, t('an object {...}'), v));

const tier = nullable(oneOf(TIERS));
const strategy = nullable(oneOf(STRATEGIES));

export function readValue(get: Getter): ExportedValue {
  return {
    customerId: get('customerId', id), tier: get('tier', tier), strategy: get('strategy', strategy), strategySince: get('strategySince', nullable(date)),
    capable: get('capable', nullable(bool)), classifiedOn: get('classifiedOn', nullable(date)), runTier: get('runTier', tier), runStrategy: get('runStrategy', strategy),
  };
}

function changes(v: unknown, f: string): ClassifyChange[] {
  const form = t('a list of {"customerId", "tierBefore", "tierAfter", "strategyBefore", "strategyAfter"}');
  if (!Array.isArray(v)) fail(f, form, v);
  return v.map((c: unknown, i) => {
    const at = `${f}[${i}]`;
    if (!isObject(c)) fail(at, form, c);
    return {
      customerId: id(c.customerId, `${at}.customerId`), tierBefore: tier(c.tierBefore, `${at}.tierBefore`), tierAfter: tier(c.tierAfter, `${at}.tierAfter`),
      strategyBefore: strategy(c.strategyBefore, `${at}.strategyBefore`), strategyAfter: strategy(c.strategyAfter, `${at}.strategyAfter`),
    };
  });
}

export function readRun(get: Getter): ExportedRun {
  return {
    id: get('id', id), runOn: get('runOn', date), thresholds: get('thresholds', object), customers: get('customers', countFromZero),
    changed: get('changed', countFromZero), changes: get('changes', changes),
  };
}

export function readFlag(get: Getter): ExportedFlag {
  return {
    id: get('id', id), customerId: get('customerId', id), flag: get('flag', oneOf(FLAG_IDS)), note: get('note', text), flaggedOn: get('flaggedOn', date),
    clearedOn: get('clearedOn', nullable(date)), clearNote: get('clearNote', nullable(text)),
  };
}

export function readDecision(get: Getter): ExportedDecision {
  return {
    id: get('id', id), customerId: get('customerId', id), decision: get('decision', oneOf(DECISIONS)), reason: get('reason', text),
    evidence: get('evidence', object), decidedOn: get('decidedOn', date),
  };
}

export function readSurvey(get: Getter): ExportedSurvey {
  return {
    id: get('id', id), customerId: get('customerId', id), reminderId: get('reminderId', nullable(id)), date: get('date', date),
    why: get('why', nullable(text)), improve: get('improve', nullable(text)),
  };
}
