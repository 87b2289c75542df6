-- Why: a run used to claim all its mails (pending -> sending) at once, so a run that died (kill -9,
-- a busy database while recording an outcome) left every one of them 'sending', reported as "may
-- have arrived" though most were never handed to the server. Now a run claims one mail at a time,
-- and marks it handed right before the message goes to the server: a row 'sending' of a run that is
-- gone is of unknown outcome only when it was handed; otherwise it goes back to 'pending'.
ALTER TABLE outbox ADD COLUMN handed_on TEXT;  -- the day the message was handed to the server; NULL before
-- Rows left 'sending' before this migration may have been handed over: they stay of unknown outcome.
UPDATE outbox SET handed_on = coalesce(claimed_on, day) WHERE state = 'sending';
