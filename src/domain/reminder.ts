/** A planned follow-up and a recorded contact. */
import type { IsoDate } from './dates.js';

export const ACTIONS = ['call', 'note', 'card', 'visit', 'email', 'check', 'message', 'confirm'] as const;
export type Action = (typeof ACTIONS)[number];

export type ReminderState = 'open' | 'done' | 'skipped' | 'missed';

export interface Reminder {
  id: number;
  customerId: number;
  saleId: number | null;
  rule: string;
  action: string;
  title: string;
  lesson: string | null;
  due: IsoDate;
  state: ReminderState;
  dedupeKey: string;
  closedOn: IsoDate | null;
  reason: string | null;
  createdOn: IsoDate;
}

export const OUTCOMES = ['reached', 'no-answer', 'left-message'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ContactKind = 'done' | 'attempt' | 'skipped' | 'snoozed' | 'log';

export interface Contact {
  id: number;
  customerId: number;
  reminderId: number | null;
  date: IsoDate;
  kind: ContactKind;
  outcome: string | null;
  note: string | null;
}
