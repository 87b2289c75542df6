/**
 * Restoring the value classification of a `crm export --format json` document, inside the
 * caller's transaction, with the customers' (and follow-ups') ids the restore gave them.
 *
 * Into an empty database every row keeps its id. Into a database with data, what the database
 * already says about a customer stays, and nothing is added twice:
 * - a customer already classified keeps the tier and strategy on file;
 * - a run of `crm classify` already on file (same day, thresholds and counts: the same database's
 *   history imported before) is not added again, nor a change it already records;
 * - a customer who already has a review decision keeps their decisions only: the latest decision
 *   is the one in force, and one from the file, inserted later, would silently overrule it;
 * - a flag or a survey answer that is already there (same customer, content and day) is skipped.
 */
import type { ExportDocument } from '../domain/import-json.js';
import type { Store } from '../store/index.js';
import { counted, multiset, type IdMap, type Restored } from './restore-match.js';

export interface ValueCounts {
  customerValues: Restored;
  classifyRuns: Restored;
  flags: Restored;
  reviewDecisions: Restored;
}

/** Before the sales: a file without follow-ups has its sales planned, and planning reads tiers, strategies and stop decisions. */
export function restoreValues(store: Store, doc: ExportDocument, customerIds: IdMap, keepIds: boolean): ValueCounts {
  const { archive } = store;
  const customer = (id: number) => customerIds.get(id)!;
  let values = 0;
  for (const v of doc.customerValues) if (archive.insertValue({ ...v, customerId: customer(v.customerId) })) values++;

  const keepRuns = keepIds && !archive.has('classifyRuns');
  const runKey = (r: { runOn: string; thresholds: object; customers: number; changed: number }) => JSON.stringify([r.runOn, r.thresholds, r.customers, r.changed]);
  const runsOnFile = multiset(keepRuns ? [] : archive.classifyRuns(), runKey);
  // Merged runs get higher ids than this database's own: its last run stays the one it made.
  if (!keepIds) store.values.keepLastRun();
  let runs = 0;
  for (const { id, changes, ...run } of doc.classifyRuns) {
    const same = runsOnFile.get(runKey(run))?.shift();
    const runId = same?.id ?? archive.insertRun(run, keepRuns ? id : undefined);
    if (!same) runs++;
    for (const c of changes) archive.insertChange(runId, { ...c, customerId: customer(c.customerId) });
  }

  const flagKey = (f: { customerId: number; flag: string; note: string; flaggedOn: string }) => JSON.stringify([f.customerId, f.flag, f.note, f.flaggedOn]);
  const flagsOnFile = multiset(keepIds ? [] : archive.flags(), flagKey);
  let flags = 0;
  for (const { id, ...f } of doc.flags) {
    const flag = { ...f, customerId: customer(f.customerId) };
    if (flagsOnFile.get(flagKey(flag))?.shift()) continue;
    archive.insertFlag(flag, keepIds ? id : undefined);
    flags++;
  }

  const decided = new Set(keepIds ? [] : archive.reviewDecisions().map((d) => d.customerId));
  let decisions = 0;
  for (const { id, ...d } of doc.reviewDecisions) {
    if (decided.has(customer(d.customerId))) continue;
    archive.insertDecision({ ...d, customerId: customer(d.customerId) }, keepIds ? id : undefined);
    decisions++;
  }
  return {
    customerValues: counted(values, doc.customerValues.length),
    classifyRuns: counted(runs, doc.classifyRuns.length),
    flags: counted(flags, doc.flags.length),
    reviewDecisions: counted(decisions, doc.reviewDecisions.length),
  };
}

/** After the follow-ups, which an answer may name. */
export function restoreSurveys(store: Store, doc: ExportDocument, customerIds: IdMap, reminderIds: IdMap, keepIds: boolean): Restored {
  const key = (s: { customerId: number; reminderId: number | null; date: string; why: string | null; improve: string | null }) =>
    JSON.stringify([s.customerId, s.reminderId, s.date, s.why, s.improve]);
  const onFile = multiset(keepIds ? [] : store.archive.surveys(), key);
  let restored = 0;
  for (const { id, ...s } of doc.surveys) {
    const survey = { ...s, customerId: customerIds.get(s.customerId)!, reminderId: s.reminderId === null ? null : reminderIds.get(s.reminderId)! };
    if (onFile.get(key(survey))?.shift()) continue;
    store.archive.insertSurvey(survey, keepIds ? id : undefined);
    restored++;
  }
  return counted(restored, doc.surveys.length);
}
