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
  { ...base, name: '周杰', company: '周氏电器', role: 'owner', phone: '+86 133 0000 1111', channel: 'wechat', source: '王芳介绍', referredBy: null },
];

export interface DemoSale {
  customer: string;
  daysAgo: number;
  product: string;
  amount: number;
  cost?: number;
  delivery?: number;
  warrantyMonths?: number;
  useUpDays?: number;
  verbal?: boolean;
}

/** Sales at different ages, so the agenda has something overdue, due and coming. */
export const DEMO_SALES: DemoSale[] = [
  { customer: '王芳', daysAgo: 400, product: '空气净化器 X3', amount: 3999, cost: 2600, warrantyMonths: 12 },
  { customer: '王芳', daysAgo: 11, product: '滤网套装', amount: 399, cost: 150, useUpDays: 180 },
  { customer: '李明', daysAgo: 4, product: '实木书柜', amount: 6800, cost: 4100, delivery: 6, verbal: true },
  { customer: '张伟', daysAgo: 1, product: '商用咖啡机', amount: 15800, cost: 11000, warrantyMonths: 24 },
  { customer: '陈静', daysAgo: 40, product: '按摩椅', amount: 8999, cost: 5600, warrantyMonths: 36 },
  { customer: '刘洋', daysAgo: 0, product: '物流管理软件 年费', amount: 12000, cost: 3000, useUpDays: 365 },
  { customer: '赵丽', daysAgo: 95, product: '美容仪', amount: 2599, cost: 1200, warrantyMonths: 12 },
  { customer: 'Anna Müller', daysAgo: 2, product: 'Espresso machine Pro', amount: 1890, cost: 1200, delivery: 3, warrantyMonths: 24 },
  { customer: "James O'Brien", daysAgo: 12, product: 'Cordless drill set', amount: 349.5, cost: 210 },
  { customer: 'Sofía García', daysAgo: 190, product: 'Tennis racket', amount: 229, cost: 120 },
  { customer: 'Tom Baker', daysAgo: 30, product: 'E-bike fleet (5)', amount: 12500, cost: 9000, warrantyMonths: 24 },
  { customer: 'Emma Wilson', daysAgo: 5, product: 'Helmet', amount: 89, cost: 40 },
  { customer: '周杰', daysAgo: 3, product: '智能冰箱', amount: 7999, cost: 6000, delivery: 2, warrantyMonths: 36 },
];
