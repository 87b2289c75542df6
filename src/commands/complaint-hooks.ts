/**
 * What other commands call when a complaint's reminder is done: `crm done <id> [--not-satisfied]`
 * on a confirmation call records its outcome here, so the complaint moves as `crm complaint step`
 * would move it (back to Resolve when the customer is not satisfied).
 */
import { UsageError } from '../errors.js';
import { parseReminderKey, STEP_TITLES } from '../domain/complaint.js';
import type { IsoDate } from '../domain/dates.js';
import type { Store } from '../store/index.js';
import { recordIn } from './complaint-record.js';

export function complaintReminderDone(store: Store, reminderId: number, today: IsoDate, satisfied: boolean): string {
  const reminder = store.reminders.get(reminderId);
  const key = reminder && parseReminderKey(reminder.dedupeKey);
  if (!key || key.kind !== 'confirm') throw new UsageError(`reminder ${reminderId} is not a complaint confirmation call`);
  // No clock here: the entry carries the day alone, which the timeline and the report accept.
  const c = recordIn(store, key.complaintId, [{ field: 'satisfied', value: satisfied }], { today, at: today, reminderId });
  if (!satisfied) return `Complaint #${c.id}: not satisfied, back to Resolve; find a better solution with crm complaint resume ${c.id}`;
  return `Complaint #${c.id}: customer satisfied; now at ${STEP_TITLES[c.step]}${c.step === 'review' ? ` (record the lesson: crm complaint resume ${c.id})` : ''}`;
}
