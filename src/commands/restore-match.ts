/** What the restore modules share: id maps, and finding records already on file by their content. */

/** A record's id in the file -> its id in this database. */
export type IdMap = Map<number, number>;

/** A type, not an interface: it is passed to t() as its placeholder values. */
export type Restored = {
  restored: number;
  /** Skipped: the database already had it, or keeps its own. */
  alreadyOnFile: number;
};

export const counted = (restored: number, total: number): Restored => ({ restored, alreadyOnFile: total - restored });

/** Records by key, each to be matched once: two equal records in the file match two on file. */
export function multiset<T>(items: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
