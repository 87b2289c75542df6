/** The value part of `crm customer show`: tier, strategy, flags, review decision, survey answers. */
import { t } from '../i18n.js';
import { strategyName } from '../domain/engagement.js';
import { flagMeaning } from '../domain/review.js';
import { tierName } from '../domain/value.js';
import type { Store } from '../store/index.js';
import type { CustomerFlag, ReviewDecision, SurveyAnswer } from '../store/review.js';
import type { CustomerValue } from '../store/values.js';
import type { Io } from '../ui/io.js';
import { displayWidth } from '../ui/width.js';

export interface ValueFile {
  value: CustomerValue | null;
  flags: CustomerFlag[];
  review: ReviewDecision | null;
  surveys: SurveyAnswer[];
}

export function valueFile(store: Store, customerId: number): ValueFile {
  return {
    value: store.values.get(customerId) ?? null,
    flags: store.review.activeFlags(customerId),
    review: store.review.latestDecisions(customerId).get(customerId) ?? null,
    surveys: store.review.surveys(customerId),
  };
}

/** A label in the file's column of labels, measured in terminal columns (a Chinese character takes two). */
const label = (text: string) => `  ${text}${' '.repeat(Math.max(1, 13 - displayWidth(text)))}`;

/** Lines for the head of the file, under the details. */
export function valueLines(io: Io, f: ValueFile): string[] {
  const lines: string[] = [];
  const v = f.value;
  if (v?.tier) lines.push(label(t('Value tier')) + t('{tier} (classified {date})', { tier: tierName(v.tier), date: v.classifiedOn ?? '' }));
  if (v?.strategy) lines.push(label(t('Strategy')) + t('{strategy} since {date}', { strategy: strategyName(v.strategy), date: v.strategySince ?? '' }));
  if (v && v.capable !== null) lines.push(label(t('Capable')) + (v.capable ? t('yes (your judgement)') : t('no (your judgement)')));
  for (const fl of f.flags) {
    lines.push(io.color.yellow(label(t('Flag')) + t('{flag} ({meaning}), {date}: {note}', { flag: fl.flag, meaning: flagMeaning(fl.flag), date: fl.flaggedOn, note: fl.note })));
  }
  if (f.review?.decision === 'stop') {
    lines.push(io.color.red(label(t('Review')) + t('active follow-ups stopped on {date}: {reason}', { date: f.review.decidedOn, reason: f.review.reason })));
  } else if (f.review) lines.push(label(t('Review')) + t('kept on {date}: {reason}', { date: f.review.decidedOn, reason: f.review.reason }));
  return lines;
}

/** The survey answers, as a section body ('' when there are none). */
export function surveyBody(f: ValueFile): string {
  return f.surveys
    .map((s) => [`  ${s.date}`, s.why ? t('    why us:  {answer}', { answer: s.why }) : '', s.improve ? t('    improve: {answer}', { answer: s.improve }) : ''].filter(Boolean).join('\n') + '\n')
    .join('');
}
