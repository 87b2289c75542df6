/**
 * Seeded fake customers and sales for the benchmark: Chinese and English names, phones, some
 * emails, birthdays, tags and special days, shaped like the demo data but in any quantity.
 * Deterministic for a given seed, so two runs build the same database.
 */

/** mulberry32: small, fast and good enough to spread test data; Math.random cannot be seeded. */
export function makeRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯婷雪琳晨欣怡'];
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
  'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Anna', 'Sofía',
  'Lukas', 'Emma', 'Noah', 'Olivia', 'Liam', 'Chloé', 'Mateo', 'Zoë', 'Tom', 'Grace', 'Henry', 'Amélie', 'Oscar'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson',
  'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', "O'Brien", 'Müller', 'Schmidt', 'Baker',
  'Dubois', 'Rossi', 'Novak', 'Kowalski', 'Hansen', 'Murphy', 'Walsh', 'Kim', 'Nguyen'];
const CN_COMPANY = [['华星', '东方', '张记', '洋帆', '周氏', '恒达', '金桥', '新世纪', '宏图', '长江'],
  ['贸易', '家具', '餐饮', '物流', '电器', '建材', '科技', '商行', '超市', '酒店']];
const EN_COMPANY = [['Baker', 'Northwind', 'Acme', 'Bluebird', 'Summit', 'Harbor', 'Oak & Pine', 'Riverside'],
  ['Hardware', 'Bikes', 'Trading', 'Foods', 'Logistics', 'Interiors', 'Supplies', 'Electrics']];
const TAGS = [['important', 0.08], ['gold', 0.04], ['dealer', 0.1], ['vip', 0.05], ['wholesale', 0.06], ['new', 0.15]];
const ROLES = ['owner', 'manager', 'buyer'];
const SPECIAL = [['结婚纪念日', 'wedding anniversary'], ['公司周年', 'company anniversary'], ['孩子生日', "child's birthday"]];
const CN_PRODUCTS = ['空气净化器 X3', '净水器 P5', '办公椅 E2', '扫地机器人 R7', '茶具套装', '商用冰柜 F9', '滤芯 (6 支装)'];
const EN_PRODUCTS = ['Air purifier X3', 'Water filter P5', 'Office chair E2', 'Espresso machine', 'Bike service plan',
  'Filter cartridges (6-pack)', 'Standing desk'];

const pad = (n, w = 2) => String(n).padStart(w, '0');

function monthDay(rnd) {
  const m = rnd.int(1, 12);
  const d = rnd.int(1, [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]);
  return `${pad(m)}-${pad(d)}`;
}

/** A NewCustomer (src/domain/customer.ts); `referrers` are ids already stored, for referrals. */
export function makeCustomer(rnd, referrers) {
  const cn = rnd.chance(0.6);
  const name = cn
    ? rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.6) ? rnd.pick(GIVEN) : '')
    : `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
  const hasCompany = rnd.chance(0.5);
  const company = !hasCompany ? null : cn ? rnd.pick(CN_COMPANY[0]) + rnd.pick(CN_COMPANY[1]) : `${rnd.pick(EN_COMPANY[0])} ${rnd.pick(EN_COMPANY[1])}`;
  const phone = rnd.chance(0.9)
    ? cn ? `+86 13${rnd.int(0, 9)} ${pad(rnd.int(0, 9999), 4)} ${pad(rnd.int(0, 9999), 4)}` : `+${rnd.pick(['1 555', '44 20'])} ${pad(rnd.int(0, 9999), 4)} ${pad(rnd.int(0, 9999), 4)}`
    : null;
  const email = rnd.chance(cn ? 0.25 : 0.7) ? `c${rnd.int(1, 1e9)}@example.${cn ? 'cn' : 'com'}` : null;
  const birthday = rnd.chance(0.6) ? (rnd.chance(0.3) ? `${rnd.int(1950, 2000)}-` : '') + monthDay(rnd) : null;
  const channel = email && rnd.chance(0.5) ? 'email' : cn ? rnd.pick(['wechat', 'wechat', 'phone', 'visit']) : rnd.pick(['phone', 'sms', 'visit']);
  const special = rnd.chance(0.1) ? rnd.pick(SPECIAL)[cn ? 0 : 1] : null;
  const referredBy = referrers.length && rnd.chance(0.1) ? referrers[rnd.int(0, referrers.length - 1)] : null;
  return {
    name, company, address: null, phone, email, birthday,
    role: hasCompany ? rnd.pick(ROLES) : null, character: null, hobbies: null, family: null, channel,
    source: referredBy ? 'referral' : null, credit: null, competitors: null,
    notes: rnd.chance(0.05) ? (cn ? '喜欢提前预约' : 'prefers mornings') : null,
    referredBy, doNotContact: rnd.chance(0.01),
    tags: TAGS.filter(([, p]) => rnd.chance(p)).map(([t]) => t),
    specialDays: special ? [{ day: monthDay(rnd), label: special }] : [],
  };
}

/** A NewSale (src/domain/sale.ts) closed on `date`, with delivery, warranty and use-up now and then. */
export function makeSale(rnd, customerId, cn, date, addDays) {
  const consumable = rnd.chance(0.3);
  return {
    customerId,
    product: rnd.pick(cn ? CN_PRODUCTS : EN_PRODUCTS),
    amountCents: rnd.int(20, 8000) * 100 + (rnd.chance(0.2) ? rnd.int(1, 99) : 0),
    costCents: rnd.chance(0.5) ? rnd.int(10, 4000) * 100 : null,
    quantity: rnd.chance(0.8) ? 1 : rnd.int(2, 20),
    date,
    delivery: rnd.chance(0.5) ? addDays(date, rnd.int(2, 14)) : null,
    warrantyMonths: !consumable && rnd.chance(0.5) ? rnd.pick([12, 24]) : null,
    useUpDays: consumable ? rnd.pick([30, 60, 90, 180]) : null,
    verbal: rnd.chance(0.15),
    channel: rnd.pick(['phone', 'visit', 'wechat', 'email', 'other']),
    note: null,
  };
}
