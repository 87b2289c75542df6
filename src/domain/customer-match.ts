/**
 * Which customer on file a row of an imported sheet means, so importing the same file twice never
 * doubles anyone: the same phone, else the same email, else the same name with no contradicting
 * phone, email or company. Pure: the caller hands in the customers it knows.
 */
import { foldName, type NewCustomer } from './customer.js';
import type { CustomerRecord } from './import-row.js';

export interface Candidate {
  /** A stored customer's id, or a negative number for one created earlier in the same file. */
  id: number;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
}

export type Match =
  | { kind: 'none' }
  | { kind: 'match'; id: number; by: 'phone' | 'email' | 'name'; sameName: boolean }
  | { kind: 'ambiguous'; ids: number[] };

/**
 * Digits only, so "+86 138 0013 8000" and "+8613800138000" are one phone; a leading 00 is the
 * international prefix as + is ("0049 30 1234567" is "+49 30 1234567"); and a Chinese mobile
 * (1 and ten digits) with its country code 86 is the mobile alone, as most sheets write it. No other
 * country's trunk prefix or local form is guessed at. Too short to tell people apart is no key.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^00(?=\d)/, '').replace(/^86(?=1\d{10}$)/, '');
  return digits.length >= 6 ? digits : null;
}

export function emailKey(email: string | null | undefined): string | null {
  return email ? email.trim().toLowerCase() : null;
}

const companyKey = (company: string | null | undefined) => (company ? foldName(company.trim()) : null);

function differ(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}

export interface MatchQuery {
  name: string;
  company?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A candidate with its keys worked out once: a name shared by hundreds is compared often. */
interface Keyed {
  c: Candidate;
  phone: string | null;
  email: string | null;
  company: string | null;
  name: string;
}

export class CustomerMatcher {
  private readonly byPhone = new Map<string, Keyed[]>();
  private readonly byEmail = new Map<string, Keyed[]>();
  private readonly byName = new Map<string, Keyed[]>();
  private readonly byId = new Map<number, Keyed>();

  constructor(candidates: Iterable<Candidate> = []) {
    for (const c of candidates) this.add(c);
  }

  /** Indexes a candidate; called again with the same id after its phone, email or company changed. */
  add(next: Candidate): void {
    let k = this.byId.get(next.id);
    const c = Object.assign(k?.c ?? {}, next);
    const keys = { phone: phoneKey(c.phone), email: emailKey(c.email), company: companyKey(c.company), name: foldName(c.name) };
    if (k) Object.assign(k, keys);
    else this.byId.set(c.id, (k = { c, ...keys }));
    const put = (map: Map<string, Keyed[]>, key: string | null) => {
      if (key === null) return;
      const list = map.get(key);
      if (!list) map.set(key, [k]);
      else if (!list.includes(k)) list.push(k);
    };
    put(this.byPhone, k.phone);
    put(this.byEmail, k.email);
    put(this.byName, k.name);
  }

  find(q: MatchQuery): Match {
    const name = foldName(q.name);
    const phone = phoneKey(q.phone);
    const email = emailKey(q.email);
    for (const [by, list] of [['phone', phone === null ? undefined : this.byPhone.get(phone)], ['email', email === null ? undefined : this.byEmail.get(email)]] as const) {
      if (!list?.length) continue;
      // A shared family phone: prefer the person of that name.
      const k = list.find((x) => x.name === name) ?? list[0];
      return { kind: 'match', id: k.c.id, by, sameName: k.name === name };
    }
    const company = companyKey(q.company);
    const fits = (this.byName.get(name) ?? []).filter((k) => !differ(k.phone, phone) && !differ(k.email, email) && !differ(k.company, company));
    if (fits.length === 1) return { kind: 'match', id: fits[0].c.id, by: 'name', sameName: true };
    return fits.length ? { kind: 'ambiguous', ids: fits.map((k) => k.c.id) } : { kind: 'none' };
  }

  /** Customers of exactly this name (else of this name in any case), for referred_by. */
  named(name: string): number[] {
    const all = this.byName.get(foldName(name)) ?? [];
    const exact = all.filter((k) => k.c.name === name);
    return (exact.length ? exact : all).map((k) => k.c.id);
  }
}

/**
 * Folds a row into a customer: cells given overwrite, tags and special days are added, the name on
 * file stays, and so does the spelling of a phone or email that is the same one. Returns whether anything changed, so an unchanged re-import writes nothing.
 */
export function mergeRecord(target: NewCustomer, rec: CustomerRecord): boolean {
  let changed = false;
  for (const [field, value] of Object.entries(rec.details) as [keyof typeof rec.details, string][]) {
    // The same number or address written another way is no change: the file's spelling stays.
    if (field === 'phone' && target.phone && phoneKey(target.phone) === phoneKey(value)) continue;
    if (field === 'email' && target.email && emailKey(target.email) === emailKey(value)) continue;
    if (target[field] !== value) {
      target[field] = value;
      changed = true;
    }
  }
  for (const tag of rec.tags) {
    if (!target.tags.includes(tag)) {
      target.tags = [...target.tags, tag].sort();
      changed = true;
    }
  }
  for (const d of rec.specialDays) {
    if (!target.specialDays.some((x) => x.day === d.day && x.label === d.label)) {
      target.specialDays = [...target.specialDays, d];
      changed = true;
    }
  }
  if (rec.doNotContact && !target.doNotContact) {
    target.doNotContact = true;
    changed = true;
  }
  return changed;
}
