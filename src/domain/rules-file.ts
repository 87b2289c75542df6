/**
 * Reading a playbook file: YAML in, rules out, and every problem with its line and the fix.
 * Pure: the caller reads the file.
 */
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Rule } from './playbook.js';
import { PLACEHOLDERS, unknownPlaceholders } from './template.js';
import { FIELDS, fileSchema, ruleSchema, toCondition, toWhen } from './rules-schema.js';

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

function where(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || 'the file';
}

function fieldsFor(path: Path): string[] {
  const last = path[path.length - 1];
  if (!path.length) return FIELDS.file;
  if (typeof last === 'number') return path[path.length - 2] === 'any' ? FIELDS.any : FIELDS.rule;
  return FIELDS[last as 'when' | 'if' | 'email'] ?? [];
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path as Path;
  const at = where(path);
  const got = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], input);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field "${issue.keys[0]}" in ${at}; the fields are: ${fieldsFor(path).join(', ')}`;
    case 'invalid_value':
      return `${at} must be one of ${issue.values.map(String).join(', ')} (got ${JSON.stringify(got)})`;
    case 'invalid_type':
      return got === undefined ? `${at} is missing` : `${at} must be ${issue.expected === 'array' ? 'a list like [a, b]' : `a ${issue.expected}`} (got ${JSON.stringify(got)})`;
    case 'too_small':
      return issue.origin === 'array'
        ? `${at} must list at least ${issue.minimum} (got ${JSON.stringify(got)})`
        : `${at}: ${issue.message}`;
    case 'custom':
    case 'invalid_format':
      return `${at} ${issue.message} (got ${JSON.stringify(got)})`;
    default:
      return `${at}: ${issue.message}`;
  }
}

function checkTexts(id: string, texts: unknown[]): string[] {
  const strings = texts.filter((t): t is string => typeof t === 'string');
  return [...new Set(strings.flatMap(unknownPlaceholders))].map(
    (p) => `unknown placeholder {${p}} in rule "${id}"; the placeholders are: ${PLACEHOLDERS.map((x) => `{${x}}`).join(', ')}`,
  );
}

type Raw = Record<string, unknown>;

/** Every problem of every rule at once, so a file is fixed in one round. */
export function readPlaybook(text: string): { playbook?: Playbook; problems: Problem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` }));
  if (problems.length) return { problems };
  const input = doc.toJS() as unknown;
  const report = (issues: z.core.$ZodIssue[], prefix: Path = []) => {
    for (const issue of issues) {
      const full = { ...issue, path: [...prefix, ...(issue.path as Path)] } as z.core.$ZodIssue;
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      problems.push({ line: lineOf(doc, lc, full.path as Path, key), message: describeIssue(full, input) });
    }
  };
  // The file's own fields here; each rule is checked on its own below, so all problems show at once.
  const file = fileSchema.extend({ rules: z.unknown() }).safeParse(input);
  if (!file.success) report(file.error.issues);
  const rawRules = (input as Raw | null)?.rules;
  if (!Array.isArray(rawRules) || rawRules.length === 0) {
    problems.push({ line: lineOf(doc, lc, ['rules']), message: 'rules must be a list with at least one rule' });
    return { problems: problems.sort((a, b) => a.line - b.line) };
  }
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  rawRules.forEach((raw: unknown, i) => {
    const line = lineOf(doc, lc, ['rules', i]);
    const r = (raw ?? {}) as Raw;
    if (typeof r.id === 'string') {
      if (seen.has(r.id)) problems.push({ line, message: `duplicate rule id "${r.id}" (first on line ${seen.get(r.id)}); give each rule its own id` });
      else seen.set(r.id, line);
      const email = (r.email ?? {}) as Raw;
      for (const message of checkTexts(r.id, [r.title, r['title-zh'], email.subject, email.text])) problems.push({ line, message });
    }
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) return report(parsed.error.issues, ['rules', i]);
    const when = toWhen(parsed.data.when);
    if (typeof when === 'string') return problems.push({ line: lineOf(doc, lc, ['rules', i, 'when']), message: `rules[${i}].when: ${when}` });
    const d = parsed.data;
    rules.push({
      id: d.id, action: d.action, title: d.title, ...(d['title-zh'] ? { titleZh: d['title-zh'] } : {}), lesson: d.lesson, when,
      ...(d.if ? { if: toCondition(d.if) } : {}),
      ...(d.target ? { target: d.target } : {}),
      ...(d.weekend ? { weekend: d.weekend } : {}),
      ...(d.email ? { email: d.email } : {}),
    });
  });
  if (problems.length || !file.success) return { problems: problems.sort((a, b) => a.line - b.line) };
  return { playbook: { name: file.data.name, description: file.data.description ?? '', rules }, problems };
}
