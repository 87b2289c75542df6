/** Finding the customer a person means: by id, exact name, or a unique case-insensitive prefix. */
import { UsageError } from '../errors.js';
import type { Customer } from '../domain/customer.js';
import type { Store } from '../store/index.js';

function listing(matches: Customer[]): string {
  const shown = matches.slice(0, 8).map((c) => `${c.id} ${c.name}${c.company ? ` (${c.company})` : ''}`);
  return shown.join('; ') + (matches.length > 8 ? '; ...' : '');
}

export function resolveCustomer(store: Store, ref: string, field = 'customer'): Customer {
  const s = ref.trim();
  if (!s) throw new UsageError(`${field} must be a customer id or name (got "")`);
  if (/^\d+$/.test(s)) {
    const c = store.customers.get(Number(s));
    if (!c) throw new UsageError(`${field}: no customer with id ${s}; see crm customer list`);
    return c;
  }
  const { exact, prefix } = store.customers.findByName(s);
  const matches = exact.length ? exact : prefix;
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new UsageError(`${field}: no customer named ${JSON.stringify(s)}; see crm customer list or add one with crm customer add`);
  }
  throw new UsageError(`${field}: ${JSON.stringify(s)} matches several customers: ${listing(matches)}; give the id instead`);
}
