-- Why: the first schema of crm: the customer file (DOMAIN.md section 1), the sales made to each
-- customer, the follow-ups the playbook plans from them, and every contact made.
-- Dates are 'YYYY-MM-DD' text (the tool's "today", never a clock); money is integer cents.

CREATE TABLE customers (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  name_fold      TEXT NOT NULL,     -- NFKC + lower case, for case-insensitive lookup in any script
  company        TEXT,
  address        TEXT,
  phone          TEXT,
  email          TEXT,
  birthday       TEXT,              -- 'MM-DD' or 'YYYY-MM-DD'
  role           TEXT,              -- owner / manager / buyer / ...
  character      TEXT,
  hobbies        TEXT,
  family         TEXT,
  channel        TEXT,              -- preferred contact channel
  source         TEXT,              -- how they came to us
  referred_by    INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  credit         TEXT,              -- credit standing and payment terms
  competitors    TEXT,              -- their relationship with competitors
  notes          TEXT,
  do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
  created_on     TEXT NOT NULL,
  updated_on     TEXT NOT NULL
);
CREATE INDEX customers_name_fold ON customers(name_fold);
CREATE INDEX customers_referred_by ON customers(referred_by);

CREATE TABLE customer_tags (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  tag         TEXT NOT NULL,
  PRIMARY KEY (customer_id, tag)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags(tag);

CREATE TABLE special_days (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  day         TEXT NOT NULL,        -- 'MM-DD' or 'YYYY-MM-DD'
  label       TEXT NOT NULL,
  UNIQUE (customer_id, day, label)
);

CREATE TABLE sales (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  product         TEXT NOT NULL,
  amount_cents    INTEGER NOT NULL,
  cost_cents      INTEGER,
  quantity        INTEGER NOT NULL DEFAULT 1,
  date            TEXT NOT NULL,
  delivery        TEXT,
  warranty_months INTEGER,
  use_up_days     INTEGER,
  verbal          INTEGER NOT NULL DEFAULT 0 CHECK (verbal IN (0, 1)),
  channel         TEXT,
  note            TEXT,
  created_on      TEXT NOT NULL
);
CREATE INDEX sales_customer ON sales(customer_id, date);

-- One row per planned follow-up. dedupe_key makes re-planning idempotent: the same sale and rule
-- (or, for customer-wide rules such as birthdays, the same customer, rule and occurrence) is never
-- planned twice.
CREATE TABLE reminders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  sale_id     INTEGER REFERENCES sales(id) ON DELETE CASCADE,
  rule        TEXT NOT NULL,
  action      TEXT NOT NULL,
  title       TEXT NOT NULL,
  lesson      TEXT,
  due         TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'skipped', 'missed')),
  dedupe_key  TEXT NOT NULL UNIQUE,
  closed_on   TEXT,
  reason      TEXT,
  created_on  TEXT NOT NULL
);
-- The agenda's hot path: open reminders by due date.
CREATE INDEX reminders_open_due ON reminders(due) WHERE state = 'open';
CREATE INDEX reminders_customer ON reminders(customer_id, due);
CREATE INDEX reminders_sale ON reminders(sale_id);

CREATE TABLE contacts (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  reminder_id INTEGER REFERENCES reminders(id) ON DELETE SET NULL,
  date        TEXT NOT NULL,
  kind        TEXT NOT NULL,        -- done / skipped / snoozed / log
  outcome     TEXT,                 -- reached / no-answer / left-message
  note        TEXT
);
CREATE INDEX contacts_customer ON contacts(customer_id, date);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
