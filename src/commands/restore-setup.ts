/**
 * Restoring what the salesperson set up (the installed playbooks, the classify thresholds) and the
 * outbox of a `crm export --format json` document, inside the caller's transaction.
 *
 * Into an empty database: every playbook version as it was installed, number and day included (the
 * newest stays in force), every setting, and every mail with its id and state.
 * Into a database with data (or one that already has a playbook installed): the database keeps its
 * own playbook and thresholds, as they decide how its own customers are planned and classified; a
 * warning says so when the file's differ. The outbox is merged: each customer email with its
 * follow-up and customer renumbered, unless the outbox already knows it (the same follow-up to the
 * same address) or already has a mail on its way to that customer. A mail the file says went out
 * is thus on file as sent, and `crm remind --email` does not send it again. The file's digests are
 * left out: they told of the other database's day, and this one's digest is still to be sent.
 */
import type { ExportDocument } from '../domain/import-json.js';
import type { Rule } from '../domain/playbook.js';
import { t } from '../i18n.js';
import type { Store } from '../store/index.js';
import { counted, type IdMap, type Restored } from './restore-match.js';

export interface SetupCounts {
  playbooks: Restored;
  settings: Restored;
}

/** Before the sales: `rules` is the playbook now in force when the file's was installed, for sales still to plan. */
export function restoreSetup(store: Store, doc: ExportDocument, keepIds: boolean): { counts: SetupCounts; rules?: Rule[]; warnings: string[] } {
  const { archive } = store;
  const warnings: string[] = [];
  const newest = doc.playbooks.at(-1);
  const install = keepIds && !archive.has('playbooks');
  if (install) for (const p of doc.playbooks) archive.insertPlaybook(p);
  else if (newest && newest.source !== store.playbooks.active()?.source) {
    warnings.push(t('playbook "{name}" from the file was not installed: this database keeps its own (install it with crm rules use FILE)', { name: newest.name }));
  }
  const settings = Object.entries(doc.settings);
  let restored = 0;
  if (keepIds) for (const [key, value] of settings) if (archive.insertSetting(key, value)) restored++;
  const onFile = archive.settings();
  if (settings.some(([key, value]) => onFile[key] !== value)) {
    warnings.push(t('the classify thresholds from the file were not applied: this database keeps its own (set them with crm classify --set KEY=VALUE)'));
  }
  return {
    counts: { playbooks: counted(install ? doc.playbooks.length : 0, doc.playbooks.length), settings: counted(restored, settings.length) },
    rules: install ? newest?.rules : undefined,
    warnings,
  };
}

/** After the follow-ups, which a customer email names. */
export function restoreOutbox(store: Store, doc: ExportDocument, ids: { customers: IdMap; reminders: IdMap }, keepIds: boolean): Restored {
  const keep = keepIds && !store.archive.has('outbox');
  let restored = 0;
  for (const { id, ...m } of doc.outbox) {
    if (m.kind === 'digest' && !keepIds) continue;
    const mail = {
      ...m,
      customerId: m.customerId === null ? null : ids.customers.get(m.customerId)!,
      reminderId: m.reminderId === null ? null : ids.reminders.get(m.reminderId)!,
    };
    if (store.archive.insertMail(mail, keep ? id : undefined)) restored++;
  }
  return counted(restored, doc.outbox.length);
}
