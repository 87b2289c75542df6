/** Who is complaining: picked from the file, or added on the spot (an angry caller may be new). */
import type { Deps } from '../deps.js';
import { CUSTOMER_TEXT_FIELDS, type Customer, type NewCustomer } from '../domain/customer.js';
import { parseName } from '../domain/parse.js';
import { t } from '../i18n.js';
import { info } from '../ui/io.js';
import type { Prompter } from '../ui/prompter.js';

function addByName(deps: Deps, name: string): Customer {
  const details = Object.fromEntries(CUSTOMER_TEXT_FIELDS.map((f) => [f, null])) as Omit<NewCustomer, 'name' | 'referredBy' | 'doNotContact' | 'tags' | 'specialDays'>;
  const fresh: NewCustomer = { name, ...details, referredBy: null, doNotContact: false, tags: [], specialDays: [] };
  const { store } = deps;
  const id = store.write(() => store.customers.insert(fresh, deps.today));
  info(deps.io, t('Added customer {id}: {name} (crm customer edit {id} fills in the rest)', { id, name }));
  return store.customers.get(id)!;
}

export async function pickCustomer(deps: Deps, prompter: Prompter): Promise<Customer> {
  const { store, io } = deps;
  for (;;) {
    const ref = (await prompter.input({ message: t('Who is complaining? (customer id or name; a new name adds the customer)') })).trim();
    if (/^\d+$/.test(ref)) {
      const byId = store.customers.get(Number(ref));
      if (byId) return byId;
      info(io, t('No customer with id {id}.', { id: ref }));
      continue;
    }
    const { exact, prefix } = store.customers.findByName(ref);
    if (exact.length === 1) return exact[0];
    const matches = exact.length ? exact : prefix;
    const name = parseName(ref);
    if (!matches.length) {
      if (await prompter.confirm({ message: t('No customer named "{name}". Add them?', { name }), default: true })) return addByName(deps, name);
      continue;
    }
    const choices = [
      ...matches.map((c) => ({
        value: String(c.id),
        name: c.company ? t('{name} ({company}), id {id}', { name: c.name, company: c.company, id: c.id }) : t('{name}, id {id}', { name: c.name, id: c.id }),
      })),
      ...(exact.length ? [] : [{ value: 'new', name: t('a new customer named "{name}"', { name }) }]),
      { value: 'again', name: t('none of these: type again') },
    ];
    const picked = await prompter.select({ message: t('Which customer?'), choices });
    if (picked === 'new') return addByName(deps, name);
    if (picked !== 'again') return matches.find((c) => String(c.id) === picked)!;
  }
}
