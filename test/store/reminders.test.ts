import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import type { NewReminder } from '../../src/store/reminders.js';
import { customer, sale } from '../support/builders.js';
import { tempDir } from '../support/cli.js';

let store: Store;
let cleanup: () => void;
let wang: number;
let anna: number;
let saleId: number;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 'crm.db'));
  store.write(() => {
    wang = store.customers.insert(customer({ name: '王芳', phone: '+86 138 0013 8000', channel: 'wechat' }), '2026-01-01');
    anna = store.customers.insert(customer({ phone: null, email: 'anna@example.de', channel: 'email' }), '2026-01-01');
    saleId = store.sales.insert(sale({ customerId: wang }), '2026-03-01');
  });
});
afterEach(() => {
  store.close();
  cleanup();
});

function reminder(customerId: number, due: string, key: string, over: Partial<NewReminder> = {}): NewReminder {
  return { customerId, saleId: null, rule: 'call-day-2', action: 'call', title: `call ${key}`, lesson: '#299', due, state: 'open', dedupeKey: key, ...over };
}

describe('the agenda query', () => {
  it('returns open follow-ups due by the day, oldest first (ties by id), each with its customer and every reminder field', () => {
    const [late, tie1, skipped, tie2, after, early] = store.write(() =>
      store.reminders.insertNew(
        [
          reminder(wang, '2026-03-05', 'a', { saleId }),
          reminder(anna, '2026-03-02', 'b'),
          reminder(anna, '2026-03-01', 'c'),
          reminder(wang, '2026-03-02', 'd'),
          reminder(anna, '2026-03-10', 'e'),
          reminder(anna, '2026-02-20', 'f'),
        ],
        '2026-02-01',
      ),
    );
    store.write(() => store.reminders.close(skipped.id, 'skipped', '2026-03-01', 'on holiday'));

    const rows = store.reminders.agenda('2026-03-09');

    expect(rows.map((r) => r.id)).toEqual([early.id, tie1.id, tie2.id, late.id]);
    expect(rows.map((r) => r.id)).not.toContain(after.id);
    expect(rows[3]).toEqual({
      id: late.id, customerId: wang, saleId, rule: 'call-day-2', action: 'call', title: 'call a', lesson: '#299',
      due: '2026-03-05', state: 'open', dedupeKey: 'a', closedOn: null, reason: null, createdOn: '2026-02-01',
      customerName: '王芳', phone: '+86 138 0013 8000', email: null, channel: 'wechat',
    });
    expect(rows[0]).toMatchObject({ customerId: anna, customerName: 'Anna Müller', phone: null, email: 'anna@example.de', channel: 'email', saleId: null });
  });

  it('is empty when nothing open is due by the day', () => {
    store.write(() => store.reminders.insertNew([reminder(wang, '2026-04-01', 'x')], '2026-03-01'));
    expect(store.reminders.agenda('2026-03-31')).toEqual([]);
  });
});
