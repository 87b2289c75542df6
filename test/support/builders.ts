/** Builders for domain objects, so each test states only what it is about. */
import type { Customer } from '../../src/domain/customer.js';
import type { Sale } from '../../src/domain/sale.js';
import type { PlanInput } from '../../src/domain/playbook.js';
import { readFileSync } from 'node:fs';
import { readPlaybook } from '../../src/domain/rules-file.js';
import type { Rule } from '../../src/domain/playbook.js';
import * as calendar from '../../src/domain/calendar.js';

export function customer(over: Partial<Customer> = {}): Customer {
  return {
    id: 1, name: 'Anna Müller', company: null, address: null, phone: '+49 30 1234567', email: null, birthday: null,
    role: null, character: null, hobbies: null, family: null, channel: 'phone', source: null, credit: null,
    competitors: null, notes: null, referredBy: null, doNotContact: false, tags: [], specialDays: [],
    createdOn: '2026-01-01', updatedOn: '2026-01-01', ...over,
  };
}

export function sale(over: Partial<Sale> = {}): Sale {
  return {
    id: 7, customerId: 1, product: 'Espresso machine', amountCents: 120000, costCents: 80000, quantity: 1,
    date: '2026-03-02', delivery: null, warrantyMonths: null, useUpDays: null, verbal: false, channel: null,
    note: null, createdOn: '2026-03-02', ...over,
  };
}

/** The shipped playbook, read the way crm reads it. */
export const DEFAULT_RULES: Rule[] = readPlaybook(readFileSync(new URL('../../playbooks/default.yaml', import.meta.url), 'utf8')).playbook!.rules;

export function planInput(over: Partial<PlanInput> = {}): PlanInput {
  const s = over.sale ?? sale();
  return {
    customer: customer({ id: s.customerId }),
    sale: s,
    existing: [],
    rules: DEFAULT_RULES,
    calendar,
    today: s.date,
    ...over,
  };
}
