-- Why: issue 7, which customers deserve what (DOMAIN.md section 4, seeds 000, 001, 003). Each
-- customer's value tier and engagement strategy, the runs of `crm classify` that set them (so a run
-- can say what changed since the last one), the flags and review decisions about customers to
-- consider giving up (never a deletion), and the answers to the loyalty survey.
-- Kept out of the customers table on purpose: the classification is derived, the file is typed.

CREATE TABLE customer_value (
  customer_id    INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  tier           TEXT,              -- gold / meteor / stream / burden / new; NULL = never classified
  strategy       TEXT,              -- let-go / persist / give-up for dealers; NULL otherwise
  strategy_since TEXT,              -- the day the current strategy began: a persist series counts from it
  capable        INTEGER CHECK (capable IN (0, 1)),  -- the salesperson's judgement (seed 003); NULL = not judged
  classified_on  TEXT,
  run_tier       TEXT,              -- what the last crm classify run said, to show what changed since
  run_strategy   TEXT
);
CREATE INDEX customer_value_tier ON customer_value(tier);

CREATE TABLE classify_runs (
  id              INTEGER PRIMARY KEY,
  run_on          TEXT NOT NULL,
  thresholds_json TEXT NOT NULL,    -- the thresholds used, as --explain showed them
  customers       INTEGER NOT NULL,
  changed         INTEGER NOT NULL
);

-- One row per customer whose tier or strategy differs from the previous run: the history.
CREATE TABLE classify_changes (
  run_id          INTEGER NOT NULL REFERENCES classify_runs(id) ON DELETE CASCADE,
  customer_id     INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  tier_before     TEXT,
  tier_after      TEXT,
  strategy_before TEXT,
  strategy_after  TEXT,
  PRIMARY KEY (run_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX classify_changes_customer ON classify_changes(customer_id);

-- Seed 000's customers to consider giving up: a flag with what happened, cleared but never deleted.
CREATE TABLE customer_flags (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  flag        TEXT NOT NULL,
  note        TEXT NOT NULL,
  flagged_on  TEXT NOT NULL,
  cleared_on  TEXT,
  clear_note  TEXT
);
CREATE INDEX customer_flags_customer ON customer_flags(customer_id);

-- The salesperson's decision after a review, with the reason and the evidence seen at the time.
CREATE TABLE review_decisions (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  decision      TEXT NOT NULL CHECK (decision IN ('keep', 'stop')),
  reason        TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  decided_on    TEXT NOT NULL
);
CREATE INDEX review_decisions_customer ON review_decisions(customer_id, id);

-- Seed 001's loyalty check: why they chose us, what we should improve.
CREATE TABLE survey_answers (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  reminder_id INTEGER REFERENCES reminders(id) ON DELETE SET NULL,
  date        TEXT NOT NULL,
  why         TEXT,
  improve     TEXT
);
CREATE INDEX survey_answers_customer ON survey_answers(customer_id, date);
