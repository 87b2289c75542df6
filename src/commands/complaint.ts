/**
 * `crm complaint open|resume|step|close|list|show|report`: complaint handling in five steps
 * (DOMAIN.md section 3). Registering is cheap; the work, and inquirer, load only when a command runs.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import { OPEN_STEPS } from '../domain/complaint.js';
import { t } from '../i18n.js';
import { addAnswerOptions, type AnswerFlags } from './complaint-flags.js';
import type { OpenOptions } from './complaint-run.js';

const runner = () => import('./complaint-run.js');

export function register(program: Command, run: RunCommand): void {
  const complaint = program
    .command('complaint')
    .description(t('complaints, walked through five steps: listen, analyse, resolve, confirm, review'))
    .addHelpText('after', t('\nExamples:\n  $ crm complaint open --customer 王芳\n  $ crm complaint list --open\n  $ crm complaint show 3'));

  addAnswerOptions(
    complaint
      .command('open')
      .description(t('record a complaint as the customer tells it, asking each step in turn (every answer saved at once)'))
      .option('--customer <customer>', t('who is complaining: id or name')),
    ['listen', 'analyse', 'resolve'],
  )
    .addHelpText(
      'after',
      t(
        '\nOn a terminal it asks what the flags do not say; without one, give at least --customer and the Listen flags.\n\nExamples:\n  $ crm complaint open --customer 王芳\n  $ crm complaint open --customer 王芳 --words "买了两天就坏了" --channel phone --severity 4 --understood yes --wants "换新"',
      ),
    )
    .action((opts: OpenOptions) => run(async (deps) => (await runner()).openComplaint(opts, deps)));

  complaint
    .command('resume')
    .description(t('continue a complaint at its first unanswered step, showing what is known'))
    .argument('<id>', t('the complaint id'))
    .addHelpText('after', t('\nExample:\n  $ crm complaint resume 3'))
    .action((id: string) => run(async (deps) => (await runner()).resumeComplaint(id, deps)));

  addAnswerOptions(
    complaint
      .command('step')
      .description(t('record (or correct) one step from flags; on a terminal, ask what they leave out'))
      .argument('<id>', t('the complaint id'))
      .argument('<step>', OPEN_STEPS.join(', ')),
    OPEN_STEPS,
  )
    .addHelpText(
      'after',
      t(
        '\nExamples:\n  $ crm complaint step 3 analyse --cause product --reasonable yes --our-fault yes\n  $ crm complaint step 3 resolve --idea "换新" --solution "换新机" --solution "免费维修" --accepted 1 --resolved\n  $ crm complaint step 3 confirm --satisfied no --note "还是有异响"',
      ),
    )
    .action((id: string, step: string, opts: AnswerFlags) => run(async (deps) => (await runner()).stepComplaint(id, step, opts, deps)));

  complaint
    .command('close')
    .description(t('close a complaint; only after Review (cause, lesson, prevention)'))
    .argument('<id>', t('the complaint id'))
    .addHelpText('after', t('\nExample:\n  $ crm complaint close 3'))
    .action((id: string) => run(async (deps) => (await runner()).closeComplaint(id, deps)));

  complaint
    .command('list')
    .description(t('complaints with their step and promised answer time'))
    .option('--open', t('only those not closed'))
    .addHelpText('after', t('\nExamples:\n  $ crm complaint list --open\n  $ crm complaint list --json'))
    .action((opts: { open?: boolean }) => run(async (deps) => (await import('./complaint-show.js')).listComplaints(opts, deps)));

  complaint
    .command('show')
    .description(t('one complaint in full, with the timeline of every answer and change of step'))
    .argument('<id>', t('the complaint id'))
    .addHelpText('after', t('\nExample:\n  $ crm complaint show 3'))
    .action((id: string) => run(async (deps) => (await import('./complaint-show.js')).showComplaint(id, deps)));

  complaint
    .command('report')
    .description(t('counts by cause and step, time to first answer, promises kept, and who bought again'))
    .option('--from <YYYY-MM-DD>', t('complaints opened on or after this day'))
    .option('--to <YYYY-MM-DD>', t('complaints opened on or before this day'))
    .addHelpText('after', t('\nExample:\n  $ crm complaint report --from 2026-01-01 --to 2026-03-31'))
    .action((opts: { from?: string; to?: string }) => run(async (deps) => (await import('./complaint-report.js')).reportComplaints(opts, deps)));
}
