-- Why: complaint handling, the five steps of DOMAIN.md section 3 (#316-#323). A complaint is walked
-- through Listen, Analyse, Resolve, Confirm and Review, each answer saved the moment it is given.
-- `complaints` holds where each complaint stands now (one row, updated as answers come);
-- `complaint_log` keeps every answer and change of step in order and is append-only, so a correction
-- adds an entry and nothing a customer or salesperson said is ever lost.
-- Promised answer times and confirmation calls are rows in `reminders` (rules complaint-promise and
-- complaint-confirm, dedupe keys 'k<complaint id>:promise:<n>' and 'k<complaint id>:confirm:<n>').
-- Moments are 'YYYY-MM-DD HH:MM' text (the tool's day and the clock's time), or 'YYYY-MM-DD' alone.

CREATE TABLE complaints (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  step         TEXT NOT NULL DEFAULT 'listen'
               CHECK (step IN ('listen', 'analyse', 'resolve', 'confirm', 'review', 'closed')),
  opened_on    TEXT NOT NULL,
  opened_at    TEXT NOT NULL,
  -- Listen
  words        TEXT,                 -- the customer's own words, verbatim
  channel      TEXT,
  severity     INTEGER CHECK (severity BETWEEN 1 AND 5),
  understood   INTEGER CHECK (understood IN (0, 1)),
  wants        TEXT,                 -- the remedy the customer seeks
  -- Analyse
  cause        TEXT CHECK (cause IN ('product', 'misuse', 'service', 'expectations', 'misunderstanding', 'other')),
  finding      TEXT,                 -- '' once asked and left empty
  reasonable   INTEGER CHECK (reasonable IN (0, 1)),
  our_fault    INTEGER CHECK (our_fault IN (0, 1)),
  -- Resolve: the current round only; earlier rounds live in the log
  round        INTEGER NOT NULL DEFAULT 1,
  idea         TEXT,                 -- what the customer thinks should be done
  solutions    TEXT NOT NULL DEFAULT '[]',  -- JSON array, best first
  accepted     INTEGER,              -- rank of the accepted solution; 0 = all refused
  gesture      TEXT,                 -- more than expected (#323); '' for none
  promised_by  TEXT,                 -- the open promise to answer by
  promises     INTEGER NOT NULL DEFAULT 0,
  confirms     INTEGER NOT NULL DEFAULT 0,
  resolved_at  TEXT,
  -- Confirm
  satisfied    INTEGER CHECK (satisfied IN (0, 1)),
  -- Review
  root_cause   TEXT,
  lesson       TEXT,
  prevention   TEXT,
  closed_at    TEXT
);
CREATE INDEX complaints_customer ON complaints(customer_id, opened_on);
CREATE INDEX complaints_open ON complaints(step) WHERE step <> 'closed';
CREATE INDEX complaints_opened ON complaints(opened_on);

CREATE TABLE complaint_log (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  at           TEXT NOT NULL,
  step         TEXT NOT NULL,        -- the step the entry belongs to (for 'step': the step entered)
  field        TEXT NOT NULL,        -- the answer's name, 'opened', or 'step' for a change of step
  value        TEXT NOT NULL         -- JSON
);
CREATE INDEX complaint_log_complaint ON complaint_log(complaint_id, id);

-- Append-only, kept by the database itself. Deleting the customer still takes their complaints and
-- log along (the cascade runs after the complaint row is gone), as it does their sales.
CREATE TRIGGER complaint_log_no_update BEFORE UPDATE ON complaint_log
BEGIN
  SELECT RAISE(ABORT, 'complaint_log is append-only: add a correcting entry instead');
END;
CREATE TRIGGER complaint_log_no_delete BEFORE DELETE ON complaint_log
  WHEN EXISTS (SELECT 1 FROM complaints WHERE id = OLD.complaint_id)
BEGIN
  SELECT RAISE(ABORT, 'complaint_log is append-only: add a correcting entry instead');
END;
