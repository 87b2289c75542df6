/** Who is complaining: picked from the file, or added on the spot (an angry caller may be new). */
import type { Deps } from '../deps.js';
import { CUSTOMER_TEXT_FIELDS, type Customer, type NewCustomer } from '../domain/customer.js';
import { parseName } from '../domain/parse.js';
import { info } from '../ui/io.js';
import type { Prompter } from '../ui/prompter.js';

function addByName(deps: Deps, name: string): Customer {
  const details = Object.fromEntries(CUSTOMER_TEXT_FIELDS.map((f) => [f, null])) as Omit<NewCustomer, 'name' | 'referredBy' | 'doNotContact' | 'tags' | 'specialDays'>;
  const fresh: NewCustomer = { name, ...details, referredBy: null, doNotContact: false, tags: [], specialDays: [] };
  const { store } = deps;
  const id = store.write(() => store.customers.insert(fresh, deps.today));
  info(deps.io, `Added customer ${id}: ${name} (crm customer edit ${id} fills in the rest)`);
  return store.customers.get(id)!;
}

export async function pickCustomer(deps: Deps, prompter: Prompter): Promise<Customer> {
  const { store, io } = deps;
  for (;;) {
    const ref = (await prompter.input({ message: 'Who is complaining? (customer id or name; a new name adds the customer)' })).trim();
    if (/^\d+$/.test(ref)) {
      const byId = store.customers.get(Number(ref));
      if (byId) return byId;
      info(io, `No customer with id ${ref}.`);
      continue;
    }
    const { exact, prefix } = store.customers.findByName(ref);
    if (exact.length === 1) return exact[0];
    const matches = exact.length ? exact : prefix;
    const name = parseName(ref);
    if (!matches.length) {
      if (await prompter.confirm({ message: `No customer named "${name}". Add them?`, default: true })) return addByName(deps, name);
      continue;
    }
    const choices = [
      ...matches.map((c) => ({ value: String(c.id), name: `${c.name}${c.company ? ` (${c.company})` : ''}, id ${c.id}` })),
      ...(exact.length ? [] : [{ value: 'new', name: `a new customer named "${name}"` }]),
      { value: 'again', name: 'none of these: type again' },
    ];
    const picked = await prompter.select({ message: 'Which customer?', choices });
    if (picked === 'new') return addByName(deps, name);
    if (picked !== 'again') return matches.find((c) => String(c.id) === picked)!;
  }
}
