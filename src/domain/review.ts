/**
 * Customers to consider giving up (seed 000): the flags a salesperson can set, and the decision
 * made after a careful review. Nothing here deletes anyone: a decision only keeps or stops the
 * active follow-ups, with its reason on record.
 */
import { t } from '../i18n.js';
import type { IsoDate } from './dates.js';

export const FLAG_IDS = ['abusive', 'price-only', 'excessive-demands', 'picky', 'troublemaker', 'harms-others'] as const;
export type Flag = (typeof FLAG_IDS)[number];

/** What a flag means, in the reader's language. */
export function flagMeaning(flag: string): string {
  const meanings: Record<Flag, string> = {
    abusive: t('abusive, no respect for the people serving them'),
    'price-only': t('buys only on price; leaves for any competitor a little cheaper'),
    'excessive-demands': t('excessive or improper demands'),
    picky: t('chronically picky: nothing is ever good enough'),
    troublemaker: t('makes trouble without intending to buy, e.g. buy-wear-return abuse'),
    'harms-others': t('wants what would harm others or break the law'),
  };
  return meanings[flag as Flag] ?? flag;
}

export const DECISIONS = ['keep', 'stop'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * The reason follow-ups skipped by a stop decision carry, so keeping the customer can reopen them.
 * The store matches it, so it is the same in every language.
 */
// i18n-ignore: a marker the store matches, not a text for people
export const STOP_REASON_PREFIX = 'stopped after review: ';

/** One answer to the loyalty check (`crm survey`). */
export interface SurveyAnswer {
  id: number;
  customerId: number;
  reminderId: number | null;
  date: IsoDate;
  why: string | null;
  improve: string | null;
}
