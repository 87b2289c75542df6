/** Sales that exercise every default rule, for the playbook regression snapshot. */
import { customer, planInput, sale } from './builders.js';
import type { PlanInput } from '../../src/domain/playbook.js';

export function scenarios(): Record<string, Omit<PlanInput, 'rules'>> {
  const strip = ({ rules: _r, ...rest }: PlanInput) => rest;
  return {
    everything: strip(planInput({
      customer: customer({ name: '王芳', company: '华星贸易', tags: ['important'], birthday: '1980-02-29', specialDays: [{ day: '05-20', label: '结婚纪念日' }], referredBy: 2 }),
      referrer: customer({ id: 2, name: '李明' }),
      sale: sale({ date: '2026-03-02', delivery: '2026-03-10', warrantyMonths: 12, useUpDays: 90, verbal: true, product: '空气净化器' }),
    })),
    western: strip(planInput({ customer: customer({ tags: ['gold'], birthday: '12-24' }), sale: sale({ date: '2026-11-30', warrantyMonths: 24 }) })),
    monthEnd: strip(planInput({ sale: sale({ date: '2028-01-31', useUpDays: 30 }) })),
    late: strip(planInput({ sale: sale({ date: '2026-02-20' }), today: '2026-03-02' })),
    doNotContact: strip(planInput({ customer: customer({ doNotContact: true }) })),
  };
}
