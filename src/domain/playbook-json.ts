/**
 * What the salesperson set up, as `crm export --format json` writes it: every installed version of
 * the playbook (migrations/0005_playbooks.sql; the newest is in force) and the settings of the
 * classification. A playbook is written as its source, the YAML exactly as `crm rules use` checked
 * it; its compiled rules are a cache of that source, so they are not written but compiled again
 * on reading, with the same checks `crm rules use` makes.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import type { IsoDate } from './dates.js';
import type { RowError } from './import-row.js';
import { date, id, line, nullable, text, type Fields, type Getter, type Read } from './json-fields.js';
import type { Rule } from './playbook.js';
import type { Playbook, Problem } from './rules-file.js';
import { SETTING_KEYS } from './value-settings.js';

export interface ExportedPlaybook {
  version: number;
  name: string;
  file: string | null;
  source: string;
  installedOn: IsoDate;
}

export interface RestoredPlaybook extends ExportedPlaybook {
  rules: Rule[];
}

/** rules-file.ts's readPlaybook, passed in: YAML and the lunar calendar load only when a file is read. */
export type PlaybookChecker = (source: string) => { playbook?: Playbook; problems: Problem[] };

export function readInstalledPlaybook(check: PlaybookChecker): (get: Getter) => RestoredPlaybook {
  const compiled: Read<{ source: string; rules: Rule[] }> = (v, f) => {
    const source = text(v, f);
    const { playbook, problems } = check(source);
    if (playbook) return { source, rules: playbook.rules };
    const vars = { field: f, line: problems[0]?.line ?? 1, problem: problems[0]?.message ?? '', n: problems.length };
    throw new UsageError(t('{field} is not a playbook crm rules use accepts ({n} problem(s); line {line}: {problem})', vars));
  };
  return (get) => {
    const version = get('version', id);
    const name = get('name', line);
    const file = get('file', nullable(line));
    const checked = get('source', compiled);
    return { version, name, file, source: checked?.source, installedOn: get('installedOn', date), rules: checked?.rules };
  };
}

/** The keys kept in the settings table besides the database id: the thresholds of `crm classify --set`. */
export const SETTINGS = SETTING_KEYS.map((k) => `classify.${k}`);

/** `{"classify.margin": "30"}`: the values as the settings table keeps them, numbers as text. */
export function readSettings(v: unknown, errors: RowError[]): Record<string, string> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errors.push({ row: 0, column: 'settings', value: JSON.stringify(v), message: t('{field} must be an object {...}', { field: 'settings' }) });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(v as Fields)) {
    const field = `settings.${key}`;
    if (!SETTINGS.includes(key)) {
      errors.push({ row: 0, column: field, value: JSON.stringify(value), message: t('{field} is not a setting crm keeps (known: {keys})', { field, keys: SETTINGS.join(', ') }) });
    } else if (typeof value !== 'string' || !value.trim() || !Number.isFinite(Number(value))) {
      errors.push({ row: 0, column: field, value: JSON.stringify(value) ?? '', message: t('{field} must be {form} (got {got})', { field, form: t('a number as text, like "500"'), got: JSON.stringify(value) ?? t('nothing') }) });
    } else out[key] = value;
  }
  return out;
}
