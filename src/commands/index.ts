/**
 * Every command module, loaded only when needed: a run of `crm today` imports the today command
 * and nothing else (each module's own imports cost 10-25 ms); help and unknown commands load all.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';

export type Register = (program: Command, run: RunCommand) => void;
type Loader = () => Promise<{ register: Register }>;

const followup: Loader = () => import('./followup.js');

/** Command name -> its module, in the order help lists them. */
const MODULES: [string, Loader][] = [
  ['demo', () => import('./demo.js')],
  ['customer', () => import('./customer.js')],
  ['add-sale', () => import('./add-sale.js')],
  ['today', () => import('./today.js')],
  ['done', followup],
  ['snooze', followup],
  ['skip', followup],
  ['log', followup],
  ['complaint', () => import('./complaint.js')],
  ['rules', () => import('./rules.js')],
  ['announce', () => import('./announce.js')],
  ['remind', () => import('./remind.js')],
  ['classify', () => import('./classify.js')],
  ['review', () => import('./review.js')],
  ['survey', () => import('./survey.js')],
  ['import', () => import('./import.js')],
  ['export', () => import('./export.js')],
  ['backup', () => import('./backup.js')],
  ['doctor', () => import('./doctor.js')],
];

/** The global options that take a value: their value is not the command's name. */
const VALUE_OPTIONS = new Set(['--db', '--today', '--lang']);

/** The command a command line names, if it names a known one before any help flag. */
export function commandNamed(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return undefined;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return MODULES.some(([name]) => name === a) ? a : undefined;
  }
  return undefined;
}

/** The register functions for `name` alone, or for every command (each module once). */
export async function loadCommands(name?: string): Promise<Register[]> {
  const loaders = name ? MODULES.filter(([n]) => n === name).map(([, l]) => l) : [...new Set(MODULES.map(([, l]) => l))];
  return (await Promise.all(loaders.map((load) => load()))).map((m) => m.register);
}
