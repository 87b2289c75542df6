/** The value part of `crm customer show`: tier, strategy, flags, review decision, survey answers. */
import { FLAGS } from '../domain/review.js';
import type { Store } from '../store/index.js';
import type { CustomerFlag, ReviewDecision, SurveyAnswer } from '../store/review.js';
import type { CustomerValue } from '../store/values.js';
import type { Io } from '../ui/io.js';

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

const label = (text: string) => `  ${text.padEnd(13)}`;

/** Lines for the head of the file, under the details. */
export function valueLines(io: Io, f: ValueFile): string[] {
  const lines: string[] = [];
  const v = f.value;
  if (v?.tier) lines.push(`${label('Value tier')}${v.tier} (classified ${v.classifiedOn})`);
  if (v?.strategy) lines.push(`${label('Strategy')}${v.strategy} since ${v.strategySince}`);
  if (v && v.capable !== null) lines.push(`${label('Capable')}${v.capable ? 'yes' : 'no'} (your judgement)`);
  for (const fl of f.flags) lines.push(io.color.yellow(`${label('Flag')}${fl.flag} (${FLAGS[fl.flag]}), ${fl.flaggedOn}: ${fl.note}`));
  if (f.review?.decision === 'stop') lines.push(io.color.red(`${label('Review')}active follow-ups stopped on ${f.review.decidedOn}: ${f.review.reason}`));
  else if (f.review) lines.push(`${label('Review')}kept on ${f.review.decidedOn}: ${f.review.reason}`);
  return lines;
}

/** The survey answers, as a section body ('' when there are none). */
export function surveyBody(f: ValueFile): string {
  return f.surveys
    .map((s) => [`  ${s.date}`, s.why ? `    why us:  ${s.why}` : '', s.improve ? `    improve: ${s.improve}` : ''].filter(Boolean).join('\n') + '\n')
    .join('');
}
