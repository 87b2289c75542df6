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

/** A placeholder with no value renders as an empty string, so a missing company never shows "{company}". */
export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(TOKEN, (whole, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return whole;
    const p = name as Placeholder;
    return vars[p] ?? (ALIASES[p] ? vars[ALIASES[p]!] : undefined) ?? '';
  });
}
