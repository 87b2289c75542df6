/** Finding the customer a person means: by id, exact name, or a unique case-insensitive prefix. */
import { UsageError } from '../errors.js';
import type { Customer } from '../domain/customer.js';
import type { Store } from '../store/index.js';
import { t } from '../i18n.js';

function listing(matches: Customer[]): string {
  const shown = matches.slice(0, 8).map((c) => `${c.id} ${c.name}${c.company ? ` (${c.company})` : ''}`);
  return shown.join('; ') + (matches.length > 8 ? '; ...' : '');
}

export function resolveCustomer(store: Store, ref: string, field = t('customer')): Customer {
  const s = ref.trim();
  if (!s) throw new UsageError(t('{field} must be a customer id or name (got "")', { field }));
  if (/^\d+$/.test(s)) {
    const c = store.customers.get(Number(s));
    if (!c) throw new UsageError(t('{field}: no customer with id {id}; see crm customer list', { field, id: s }));
    return c;
  }
  const { exact, prefix } = store.customers.findByName(s);
  const matches = exact.length ? exact : prefix;
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new UsageError(t('{field}: no customer named {name}; see crm customer list or add one with crm customer add', { field, name: JSON.stringify(s) }));
  }
  throw new UsageError(t('{field}: {name} matches several customers: {matches}; give the id instead', { field, name: JSON.stringify(s), matches: listing(matches) }));
}
