/**
 * What other commands call when a complaint's reminder is done: `crm done <id> [--not-satisfied]`
 * on a confirmation call records its outcome here, so the complaint moves as `crm complaint step`
 * would move it (back to Resolve when the customer is not satisfied).
 */
import { UsageError } from '../errors.js';
import { parseReminderKey, stepTitle } from '../domain/complaint.js';
import type { IsoDate } from '../domain/dates.js';
import { t } from '../i18n.js';
import type { Store } from '../store/index.js';
import { recordIn } from './complaint-record.js';

export function complaintReminderDone(store: Store, reminderId: number, today: IsoDate, satisfied: boolean, note?: string | null): string {
  const reminder = store.reminders.get(reminderId);
  const key = reminder && parseReminderKey(reminder.dedupeKey);
  if (!key || key.kind !== 'confirm') throw new UsageError(t('reminder {id} is not a complaint confirmation call', { id: reminderId }));
  // No clock here: the entry carries the day alone, which the timeline and the report accept.
  // What the customer said on the call goes into the complaint's timeline too, before the verdict.
  const said = note ? [{ field: 'confirmNote' as const, value: note }] : [];
  const c = recordIn(store, key.complaintId, [...said, { field: 'satisfied', value: satisfied }], { today, at: today, reminderId });
  const vars = { id: c.id, step: stepTitle(c.step) };
  if (!satisfied) return t('Complaint #{id}: not satisfied, back to Resolve; find a better solution with crm complaint resume {id}', vars);
  if (c.step === 'review') return t('Complaint #{id}: customer satisfied; now at {step} (record the lesson: crm complaint resume {id})', vars);
  return t('Complaint #{id}: customer satisfied; now at {step}', vars);
}
