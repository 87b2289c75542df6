/**
 * Customers to consider giving up (seed 000): the flags a salesperson can set, and the decision
 * made after a careful review. Nothing here deletes anyone: a decision only keeps or stops the
 * active follow-ups, with its reason on record.
 */
export const FLAGS = {
  abusive: 'abusive, no respect for the people serving them',
  'price-only': 'buys only on price; leaves for any competitor a little cheaper',
  'excessive-demands': 'excessive or improper demands',
  picky: 'chronically picky: nothing is ever good enough',
  troublemaker: 'makes trouble without intending to buy, e.g. buy-wear-return abuse',
  'harms-others': 'wants what would harm others or break the law',
} as const;

export type Flag = keyof typeof FLAGS;
export const FLAG_IDS = Object.keys(FLAGS) as Flag[];

export const DECISIONS = ['keep', 'stop'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The reason follow-ups skipped by a stop decision carry, so keeping the customer can reopen them. */
export const STOP_REASON_PREFIX = 'stopped after review: ';
