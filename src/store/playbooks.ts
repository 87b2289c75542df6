/** Installed playbooks: every version kept, the newest in force. */
import { prepared, type Db } from './db.js';
import type { Rule } from '../domain/playbook.js';
import type { IsoDate } from '../domain/dates.js';

export interface InstalledPlaybook {
  version: number;
  name: string;
  file: string | null;
  source: string;
  rules: Rule[];
  installedOn: IsoDate;
}

interface Row {
  version: number;
  name: string;
  file: string | null;
  source: string;
  rules_json: string;
  installed_on: string;
}

const toPlaybook = (r: Row): InstalledPlaybook => ({
  version: r.version,
  name: r.name,
  file: r.file,
  source: r.source,
  rules: JSON.parse(r.rules_json) as Rule[],
  installedOn: r.installed_on,
});

export class PlaybookRepo {
  constructor(private readonly db: Db) {}

  active(): InstalledPlaybook | undefined {
    const r = prepared(this.db, 'SELECT * FROM playbooks ORDER BY version DESC LIMIT 1').get() as Row | undefined;
    return r && toPlaybook(r);
  }

  install(p: Omit<InstalledPlaybook, 'version'>): number {
    const info = this.db
      .prepare('INSERT INTO playbooks (name, file, source, rules_json, installed_on) VALUES (?, ?, ?, ?, ?)')
      .run(p.name, p.file, p.source, JSON.stringify(p.rules), p.installedOn);
    return Number(info.lastInsertRowid);
  }

  list(): Omit<InstalledPlaybook, 'source' | 'rules'>[] {
    const rows = prepared(this.db, 'SELECT version, name, file, installed_on FROM playbooks ORDER BY version').all() as Row[];
    return rows.map((r) => ({ version: r.version, name: r.name, file: r.file, installedOn: r.installed_on }));
  }
}
