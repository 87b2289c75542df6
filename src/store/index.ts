/** The store: the only door to the database. Commands get one from `src/cli.ts`. */
import { openDatabase, type Db } from './db.js';
import { CustomerRepo } from './customers.js';
import { SaleRepo } from './sales.js';
import { ContactRepo, ReminderRepo } from './reminders.js';
import { PlaybookRepo } from './playbooks.js';
import { ComplaintRepo } from './complaints.js';
import { OutboxRepo } from './outbox.js';
import { ValueRepo } from './values.js';
import { ReviewRepo } from './review.js';
import { TransferRepo } from './transfer.js';
import { HealthRepo } from './health.js';
import { ArchiveRepo } from './archive.js';

export class Store {
  readonly customers: CustomerRepo;
  readonly sales: SaleRepo;
  readonly reminders: ReminderRepo;
  readonly contacts: ContactRepo;
  readonly playbooks: PlaybookRepo;
  readonly complaints: ComplaintRepo;
  readonly outbox: OutboxRepo;
  readonly values: ValueRepo;
  readonly review: ReviewRepo;
  readonly transfer: TransferRepo;
  readonly health: HealthRepo;
  readonly archive: ArchiveRepo;

  constructor(readonly db: Db) {
    this.customers = new CustomerRepo(db);
    this.sales = new SaleRepo(db);
    this.reminders = new ReminderRepo(db);
    this.contacts = new ContactRepo(db);
    this.playbooks = new PlaybookRepo(db);
    this.complaints = new ComplaintRepo(db);
    this.outbox = new OutboxRepo(db);
    this.values = new ValueRepo(db);
    this.review = new ReviewRepo(db);
    this.transfer = new TransferRepo(db);
    this.health = new HealthRepo(db);
    this.archive = new ArchiveRepo(db);
  }

  /**
   * Runs `fn` in one BEGIN IMMEDIATE transaction: it takes the write lock up front, so a concurrent
   * writer waits (busy_timeout) instead of failing halfway, and a failure leaves nothing behind.
   */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Runs `fn` on one snapshot: reads that must agree (an export) see no write land between them. */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(path: string): Store {
  return new Store(openDatabase(path));
}
