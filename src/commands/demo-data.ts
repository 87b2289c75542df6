/** Sample customers for `crm demo`: Chinese and English names, different roles and channels. */
import type { NewCustomer } from '../domain/customer.js';

const base = {
  company: null, address: null, phone: null, email: null, birthday: null, role: null, character: null,
  hobbies: null, family: null, channel: null, source: null, credit: null, competitors: null, notes: null,
  referredBy: null, doNotContact: false, tags: [] as string[], specialDays: [] as { day: string; label: string }[],
};

export const DEMO_CUSTOMERS: NewCustomer[] = [
  { ...base, name: '王芳', company: '华星贸易', role: 'owner', phone: '+86 138 0013 8000', channel: 'wechat', birthday: '03-15', hobbies: '茶道, 登山', tags: ['important'] },
  { ...base, name: '李明', company: '东方家具', role: 'buyer', phone: '+86 139 1234 5678', channel: 'phone', birthday: '1985-11-02' },
  { ...base, name: '张伟', company: '张记餐饮', role: 'owner', phone: '+86 137 5555 0101', channel: 'visit', tags: ['dealer'] },
  { ...base, name: '陈静', phone: '+86 136 2222 3333', channel: 'wechat', specialDays: [{ day: '05-20', label: '结婚纪念日' }] },
  { ...base, name: '刘洋', company: '洋帆物流', role: 'manager', email: 'liu.yang@example.cn', channel: 'email' },
  { ...base, name: '赵丽', phone: '+86 135 8888 9999', channel: 'phone', birthday: '02-29', notes: '喜欢提前预约' },
  { ...base, name: 'Anna Müller', company: 'Müller & Söhne GmbH', role: 'owner', email: 'anna@example.de', channel: 'email', birthday: '07-04', tags: ['important'] },
  { ...base, name: 'James O\'Brien', company: 'O\'Brien Hardware', role: 'buyer', phone: '+1 555 0100', channel: 'phone' },
  { ...base, name: 'Sofía García', email: 'sofia@example.es', channel: 'email', hobbies: 'tennis' },
  { ...base, name: 'Tom Baker', company: 'Baker Bikes', role: 'owner', phone: '+44 20 7946 0000', channel: 'visit', tags: ['dealer'] },
  { ...base, name: 'Emma Wilson', phone: '+1 555 0199', channel: 'sms', doNotContact: true, notes: 'asked not to be called' },
  { ...base, name: '周杰', company: '周氏电器', role: 'owner', phone: '+86 133 0000 1111', channel: 'wechat', source: '王芳介绍' },
];
