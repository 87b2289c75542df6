/**
 * Reading a playbook file: YAML in, rules out, and every problem with its line and the fix.
 * Pure: the caller reads the file.
 */
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Rule } from './playbook.js';
import { PLACEHOLDERS, placeholdersIn, unknownPlaceholders } from './template.js';
import { FIELDS, fileSchema, ruleSchema, toCondition, toWhen, type Form } from './rules-schema.js';
import { inReadersLanguage, type Say } from './value-settings.js';

export interface Problem {
  line: number;
  message: string;
}

export interface Playbook {
  name: string;
  description: string;
  rules: Rule[];
}

type Path = (string | number)[];

function lineOf(doc: Document, lc: LineCounter, path: Path, key?: string): number {
  for (let p = path; ; p = p.slice(0, -1)) {
    const node = (p.length ? doc.getIn(p, true) : doc.contents) as { range?: [number, number, number] | null } | null;
    if (node?.range) {
      if (key && isMap(node)) {
        const keyNode = node.items.map((i) => (isPair(i) ? i.key : undefined)).find((k) => isScalar(k) && k.value === key);
        if (isScalar(keyNode) && keyNode.range) return lc.linePos(keyNode.range[0]).line;
      }
      return lc.linePos(node.range[0]).line;
    }
    if (!p.length) return 1;
  }
}

function where(path: Path, t: Say): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || t('the file');
}

function fieldsFor(path: Path): string[] {
  const last = path[path.length - 1];
  if (!path.length) return FIELDS.file;
  if (typeof last === 'number') return path[path.length - 2] === 'any' ? FIELDS.any : FIELDS.rule;
  return FIELDS[last as 'when' | 'if' | 'email' | 'email-zh'] ?? [];
}

function mustBe(form: Form, at: string, got: string, t: Say): string {
  switch (form) {
    case 'offset':
      return t('{at} must be an offset like +1 day, -2 days, +1 week or -1 month (got {got})', { at, got });
    case 'interval':
      return t('{at} must be an interval like 3 months or 2 weeks (got {got})', { at, got });
    case 'period':
      return t('{at} must be at least 1 week or 1 month, like 3 months or 2 weeks (got {got})', { at, got });
    case 'rule-id':
      return t('{at} must be lower-case letters, digits and dashes, like call-day-2 (got {got})', { at, got });
  }
}

function wrongType(expected: string, at: string, got: string, t: Say): string {
  switch (expected) {
    case 'array':
      return t('{at} must be a list like [a, b] (got {got})', { at, got });
    case 'string':
      return t('{at} must be a text (got {got})', { at, got });
    case 'number':
    case 'int':
      return t('{at} must be a number (got {got})', { at, got });
    case 'boolean':
      return t('{at} must be true or false (got {got})', { at, got });
    case 'object':
      return t('{at} must be a map like { key: value } (got {got})', { at, got });
    default:
      return t('{at} is not valid (got {got})', { at, got });
  }
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown, t: Say): string {
  const path = issue.path as Path;
  const at = where(path, t);
  const value = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], input);
  const got = JSON.stringify(value);
  // A required field left out: "lesson is missing", not "lesson is not valid (got undefined)".
  if (value === undefined && issue.code !== 'unrecognized_keys') return t('{at} is missing', { at });
  switch (issue.code) {
    case 'unrecognized_keys':
      return t('unknown field "{field}" in {at}; the fields are: {fields}', { field: issue.keys[0], at, fields: fieldsFor(path).join(', ') });
    case 'invalid_value':
      return t('{at} must be one of {values} (got {got})', { at, values: issue.values.map(String).join(', '), got });
    case 'invalid_type':
      return wrongType(issue.expected, at, got, t);
    case 'too_small':
      if (issue.origin === 'array') return t('{at} must list at least {n} (got {got})', { at, n: String(issue.minimum), got });
      if (issue.origin === 'string') return t('{at} must not be empty', { at });
      return t('{at} must be at least {n} (got {got})', { at, n: String(issue.minimum), got });
    case 'too_big':
      return t('{at} must be at most {n} (got {got})', { at, n: String(issue.maximum), got });
    case 'custom':
      return mustBe((issue.params as { form: Form }).form, at, got, t);
    default:
      return t('{at} is not valid (got {got})', { at, got });
  }
}

function checkTexts(id: string, texts: unknown[], t: Say): string[] {
  const strings = texts.filter((x): x is string => typeof x === 'string');
  return [...new Set(strings.flatMap(unknownPlaceholders))].map((p) =>
    t('unknown placeholder {{placeholder}} in rule "{id}"; the placeholders are: {placeholders}', { placeholder: p, id, placeholders: PLACEHOLDERS.map((x) => `{${x}}`).join(', ') }),
  );
}

/** title-zh says the same as title, so it fills in the same values. */
function checkTitleZh(id: string, title: unknown, titleZh: unknown, t: Say): string | undefined {
  if (typeof title !== 'string' || typeof titleZh !== 'string') return undefined;
  const list = (text: string) => [...new Set(placeholdersIn(text))].sort().map((p) => `{${p}}`).join(', ') || t('none');
  if (list(title) === list(titleZh)) return undefined;
  return t('title-zh of rule "{id}" must use the same placeholders as its title: {title} (got {titleZh})', { id, title: list(title), titleZh: list(titleZh) });
}

/** email-zh says the same as email: its subject and text fill in the same values as theirs. */
function checkEmailZh(id: string, email: unknown, emailZh: unknown, t: Say): string[] {
  if (typeof emailZh !== 'object' || emailZh === null) return [];
  if (typeof email !== 'object' || email === null) return [t('email-zh of rule "{id}" needs an email beside it, the text for customers who get English emails', { id })];
  const list = (text: string) => [...new Set(placeholdersIn(text))].sort().map((p) => `{${p}}`).join(', ') || t('none');
  const problems: string[] = [];
  const [en, zh] = [email as Raw, emailZh as Raw];
  if (typeof en.subject === 'string' && typeof zh.subject === 'string' && list(en.subject) !== list(zh.subject)) {
    problems.push(t('the subject in email-zh of rule "{id}" must use the same placeholders as the subject in email: {email} (got {emailZh})', { id, email: list(en.subject), emailZh: list(zh.subject) }));
  }
  if (typeof en.text === 'string' && typeof zh.text === 'string' && list(en.text) !== list(zh.text)) {
    problems.push(t('the text in email-zh of rule "{id}" must use the same placeholders as the text in email: {email} (got {emailZh})', { id, email: list(en.text), emailZh: list(zh.text) }));
  }
  return problems;
}

type Raw = Record<string, unknown>;

/** Every problem of every rule at once, so a file is fixed in one round; `t` words them (english for --json). */
export function readPlaybook(text: string, t: Say = inReadersLanguage): { playbook?: Playbook; problems: Problem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: t('not valid YAML: {detail}', { detail: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') }) }));
  if (problems.length) return { problems };
  const input = doc.toJS() as unknown;
  const report = (issues: z.core.$ZodIssue[], prefix: Path = []) => {
    for (const issue of issues) {
      const full = { ...issue, path: [...prefix, ...(issue.path as Path)] } as z.core.$ZodIssue;
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      problems.push({ line: lineOf(doc, lc, full.path as Path, key), message: describeIssue(full, input, t) });
    }
  };
  // The file's own fields here; each rule is checked on its own below, so all problems show at once.
  const file = fileSchema.extend({ rules: z.unknown() }).safeParse(input);
  if (!file.success) report(file.error.issues);
  const rawRules = (input as Raw | null)?.rules;
  if (!Array.isArray(rawRules) || rawRules.length === 0) {
    problems.push({ line: lineOf(doc, lc, ['rules']), message: t('rules must be a list with at least one rule') });
    return { problems: problems.sort((a, b) => a.line - b.line) };
  }
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  rawRules.forEach((raw: unknown, i) => {
    const line = lineOf(doc, lc, ['rules', i]);
    const r = (raw ?? {}) as Raw;
    if (typeof r.id === 'string') {
      if (seen.has(r.id)) problems.push({ line, message: t('duplicate rule id "{id}" (first on line {line}); give each rule its own id', { id: r.id, line: seen.get(r.id)! }) });
      else seen.set(r.id, line);
      const email = (r.email ?? {}) as Raw;
      const emailZh = (r['email-zh'] ?? {}) as Raw;
      for (const message of checkTexts(r.id, [r.title, r['title-zh'], email.subject, email.text, emailZh.subject, emailZh.text], t)) problems.push({ line, message });
      const zh = checkTitleZh(r.id, r.title, r['title-zh'], t);
      if (zh) problems.push({ line: lineOf(doc, lc, ['rules', i], 'title-zh'), message: zh });
      for (const message of checkEmailZh(r.id, r.email, r['email-zh'], t)) problems.push({ line: lineOf(doc, lc, ['rules', i], 'email-zh'), message });
    }
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) return report(parsed.error.issues, ['rules', i]);
    const when = toWhen(parsed.data.when, t);
    if (typeof when === 'string') return problems.push({ line: lineOf(doc, lc, ['rules', i, 'when']), message: t('{at}: {problem}', { at: `rules[${i}].when`, problem: when }) });
    const d = parsed.data;
    rules.push({
      id: d.id, action: d.action, title: d.title, ...(d['title-zh'] ? { titleZh: d['title-zh'] } : {}), lesson: d.lesson, when,
      ...(d.if ? { if: toCondition(d.if) } : {}),
      ...(d.target ? { target: d.target } : {}),
      ...(d.weekend ? { weekend: d.weekend } : {}),
      ...(d.email ? { email: d.email } : {}),
      ...(d['email-zh'] ? { emailZh: d['email-zh'] } : {}),
    });
  });
  if (problems.length || !file.success) return { problems: problems.sort((a, b) => a.line - b.line) };
  return { playbook: { name: file.data.name, description: file.data.description ?? '', rules }, problems };
}
