/**
 * Titles and messages with named placeholders: "Day-2 call to {customer}". Values are inserted as
 * text, never evaluated; an unknown placeholder is an error, found when a playbook is checked.
 */
export const PLACEHOLDERS = [
  'customer', 'company', 'product', 'amount', 'date', 'delivery', 'warrantyEnd', 'useUp', 'festival', 'theme',
  'label', 'referrer', 'sender', 'name',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateVars = Partial<Record<Placeholder, string>>;

const TOKEN = /\{([A-Za-z]+)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((m) => m[1]);
}

export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

/** Other names for a placeholder: customer emails greet "{name}", titles say "{customer}". */
const ALIASES: Partial<Record<Placeholder, Placeholder>> = { name: 'customer' };

/**
 * `text` split at the placeholders `pattern` finds (its first group is the name): text at even
 * places, names at odd ones, so rendering is a join instead of a regular expression each time.
 * A placeholder `known` turns down stays as written, as text.
 */
export function splitPlaceholders(text: string, pattern: RegExp, known: (name: string) => boolean = () => true): string[] {
  const parts = [''];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (!known(m[1])) continue;
    parts[parts.length - 1] += text.slice(at, m.index);
    parts.push(m[1], '');
    at = m.index + m[0].length;
  }
  parts[parts.length - 1] += text.slice(at);
  return parts;
}

/** Templates split once: planning renders the same few titles millions of times. */
const compiled = new Map<string, (string | Placeholder)[]>();

function partsOf(template: string): (string | Placeholder)[] {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = splitPlaceholders(template, TOKEN, (name) => (PLACEHOLDERS as readonly string[]).includes(name))));
  return parts;
}

/** A placeholder with no value renders as an empty string, so a missing company never shows "{company}". */
export function renderTemplate(template: string, vars: TemplateVars): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const p = parts[i] as Placeholder;
    out += (vars[p] ?? (ALIASES[p] ? vars[ALIASES[p]!] : undefined) ?? '') + parts[i + 1];
  }
  return out;
}

/** `text` matched as itself inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Templates as patterns, made once: a re-plan asks of each customer's titles. */
const fitting = new Map<string, RegExp>();

/**
 * Whether `text` was rendered from `template`: its text parts appear in order, from the start, with
 * anything in the placeholders' places (and after the end: a caught-up step's "(late: ...)").
 */
export function fitsTemplate(text: string, template: string): boolean {
  let pattern = fitting.get(template);
  if (!pattern) {
    const source = partsOf(template).map((p, i) => (i % 2 ? '[\\s\\S]*?' : escapeRegExp(p))).join('');
    fitting.set(template, (pattern = new RegExp(`^${source}`)));
  }
  return pattern.test(text);
}
