-- Why: reminder emails from cron (issue 6). Every mail crm sends goes through the outbox first, so
-- that each one goes out exactly once even when two cron runs overlap, a run crashes, or the mail
-- server is down: a run claims rows (pending -> sending) in one write transaction, sends outside it,
-- then records the outcome. A row still 'sending' after its run is gone is a mail whose outcome is
-- unknown: it is reported, never re-sent on its own.
-- Reminders also keep the placeholder values their title was rendered with (the card's festival,
-- the special day's label), so a customer email says the same thing the salesperson sees.

ALTER TABLE reminders ADD COLUMN vars TEXT;  -- JSON object; NULL for reminders planned before 0003

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('digest', 'customer')),
  reminder_id INTEGER REFERENCES reminders(id) ON DELETE CASCADE,   -- the follow-up a customer email does
  customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
  recipient   TEXT NOT NULL,
  day         TEXT NOT NULL,        -- the day the mail was queued for
  subject     TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  claimed_by  TEXT,                 -- host/pid/run of the run that moved it to 'sending'
  claimed_on  TEXT,
  sent_on     TEXT,
  message_id  TEXT,
  CHECK ((kind = 'digest') = (reminder_id IS NULL))
);
-- One digest per recipient and day.
CREATE UNIQUE INDEX outbox_digest_once ON outbox(recipient, day) WHERE kind = 'digest';
-- A follow-up is mailed to an address once, whatever the day: an open follow-up that is due for
-- several days must not be mailed every morning.
CREATE UNIQUE INDEX outbox_reminder_once ON outbox(reminder_id, recipient) WHERE kind = 'customer';
-- At most one customer email on its way per customer; the rest wait for a later day.
CREATE UNIQUE INDEX outbox_customer_active ON outbox(customer_id) WHERE kind = 'customer' AND state IN ('pending', 'sending');
CREATE INDEX outbox_state ON outbox(state, day);
