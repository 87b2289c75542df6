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

/** Digits only, so "+86 138 0013 8000" and "+8613800138000" are one phone; too short to tell people apart is no key. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
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

export class CustomerMatcher {
  private readonly byPhone = new Map<string, Candidate[]>();
  private readonly byEmail = new Map<string, Candidate[]>();
  private readonly byName = new Map<string, Candidate[]>();
  private readonly byId = new Map<number, Candidate>();

  constructor(candidates: Iterable<Candidate> = []) {
    for (const c of candidates) this.add(c);
  }

  /** Indexes a candidate; called again with the same id after its phone, email or company changed. */
  add(next: Candidate): void {
    const c = Object.assign(this.byId.get(next.id) ?? {}, next);
    this.byId.set(c.id, c);
    const put = (map: Map<string, Candidate[]>, key: string | null) => {
      if (key === null) return;
      const list = map.get(key);
      if (!list) map.set(key, [c]);
      else if (!list.includes(c)) list.push(c);
    };
    put(this.byPhone, phoneKey(c.phone));
    put(this.byEmail, emailKey(c.email));
    put(this.byName, foldName(c.name));
  }

  find(q: MatchQuery): Match {
    const name = foldName(q.name);
    for (const [by, list] of [['phone', this.byPhone.get(phoneKey(q.phone) ?? '')], ['email', this.byEmail.get(emailKey(q.email) ?? '')]] as const) {
      if (!list?.length) continue;
      // A shared family phone: prefer the person of that name.
      const c = list.find((x) => foldName(x.name) === name) ?? list[0];
      return { kind: 'match', id: c.id, by, sameName: foldName(c.name) === name };
    }
    const fits = (this.byName.get(name) ?? []).filter(
      (c) =>
        !differ(phoneKey(c.phone), phoneKey(q.phone)) &&
        !differ(emailKey(c.email), emailKey(q.email)) &&
        !differ(companyKey(c.company), companyKey(q.company)),
    );
    if (fits.length === 1) return { kind: 'match', id: fits[0].id, by: 'name', sameName: true };
    return fits.length ? { kind: 'ambiguous', ids: fits.map((c) => c.id) } : { kind: 'none' };
  }

  /** Customers of exactly this name (else of this name in any case), for referred_by. */
  named(name: string): number[] {
    const all = this.byName.get(foldName(name)) ?? [];
    const exact = all.filter((c) => c.name === name);
    return (exact.length ? exact : all).map((c) => c.id);
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
